// One cost pool while the engine runs: mutable, with the layers as a deque of mutable parts. A snapshot copies
// what is open into plain immutable objects, and a pool built from a snapshot copies them back, so checkpoints
// never see a later change. Every amount moves through `divide` (half away from zero) with the last unit taking
// what is left.
import { allocate, divide, type Rate } from "../Money.ts"
import type { Account, Layer, Pool, Shortfall } from "../ValuationState.ts"

/** A layer while the engine runs. */
export class Part {
  constructor(
    readonly receiptId: string,
    readonly at: number,
    readonly seq: number,
    readonly lot: string | null,
    readonly serial: string | null,
    public quantity: bigint,
    public value: bigint,
    readonly original: bigint,
    public unit: bigint
  ) {}

  static make(receiptId: string, at: number, seq: number, lot: string | null, serial: string | null, quantity: bigint, value: bigint, original: bigint): Part {
    return new Part(receiptId, at, seq, lot, serial, quantity, value, original, quantity > 0n && value % quantity === 0n ? value / quantity : -1n)
  }

  static from(l: Layer): Part {
    return new Part(l.receiptId, l.at, l.seq, l.lot, l.serial, l.quantity, l.value, l.original, l.unit)
  }

  /** A new part of this receipt with other amounts. */
  with(quantity: bigint, value: bigint): Part {
    return new Part(this.receiptId, this.at, this.seq, this.lot, this.serial, quantity, value, this.original, this.unit >= 0n && value === this.unit * quantity ? this.unit : quantity > 0n && value % quantity === 0n ? value / quantity : -1n)
  }

  toLayer(): Layer {
    return { receiptId: this.receiptId, at: this.at, seq: this.seq, lot: this.lot, serial: this.serial, quantity: this.quantity, value: this.value, unit: this.unit, original: this.original }
  }
}

/** What covering a shortfall found: the issue it covered, how much, and the provisional and actual values. */
export interface Cover {
  readonly shortfall: Shortfall
  readonly quantity: bigint
  readonly released: bigint
  readonly actual: bigint
}

const before = (a: Part, b: Part): boolean => (a.at !== b.at ? a.at < b.at : a.seq !== b.seq ? a.seq < b.seq : a.receiptId < b.receiptId)

export class WorkPool {
  layers: Array<Part>
  head = 0
  shortfalls: Array<Shortfall>
  shortHead = 0
  short: bigint
  shortValue: bigint
  /** The last known unit cost, `lastValue / lastQuantity`; none while `lastQuantity` is zero. */
  lastValue = 0n
  lastQuantity = 0n
  constructor(
    readonly key: string,
    readonly site: string,
    readonly lot: string | null,
    readonly serial: string | null,
    layers: Array<Part>,
    public quantity: bigint,
    public value: bigint,
    shortfalls: ReadonlyArray<Shortfall>,
    last: Rate | null
  ) {
    this.layers = layers
    this.shortfalls = shortfalls.slice()
    let short = 0n
    let shortValue = 0n
    for (const s of shortfalls) {
      short += s.quantity
      shortValue += s.value
    }
    this.short = short
    this.shortValue = shortValue
    if (last !== null) this.setLast(last.value, last.quantity)
  }

  static from(p: Pool): WorkPool {
    return new WorkPool(p.key, p.site, p.lot, p.serial, p.layers.map(Part.from), p.quantity, p.value, p.shortfalls, p.last)
  }

  get last(): Rate | null {
    return this.lastQuantity === 0n ? null : { value: this.lastValue, quantity: this.lastQuantity }
  }

  setLast(value: bigint, quantity: bigint): void {
    this.lastValue = value
    this.lastQuantity = quantity
  }

  snapshot(): Pool {
    const layers = new Array<Layer>(this.layers.length - this.head)
    for (let i = this.head; i < this.layers.length; i++) layers[i - this.head] = this.layers[i]!.toLayer()
    return {
      key: this.key,
      site: this.site,
      lot: this.lot,
      serial: this.serial,
      layers,
      quantity: this.quantity,
      value: this.value,
      shortfalls: this.shortfalls.slice(this.shortHead),
      last: this.last
    }
  }

  get size(): number {
    return this.layers.length - this.head + this.shortfalls.length - this.shortHead
  }

  /** Whether the pool holds nothing: no layers, no value, no shortfalls. */
  get empty(): boolean {
    return this.quantity === 0n && this.value === 0n && this.short === 0n && this.layers.length === this.head
  }

  openLayers(): Array<Part> {
    return this.head === 0 ? this.layers : this.layers.slice(this.head)
  }

  openShortfalls(): Array<Shortfall> {
    return this.shortHead === 0 ? this.shortfalls : this.shortfalls.slice(this.shortHead)
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.layers.length) {
      this.layers = this.layers.slice(this.head)
      this.head = 0
    }
    if (this.shortHead > 1024 && this.shortHead * 2 > this.shortfalls.length) {
      this.shortfalls = this.shortfalls.slice(this.shortHead)
      this.shortHead = 0
    }
  }

  /**
   * Receives a part: first covers shortfalls, oldest first (each cover is reported so the caller can post the
   * true-up), then keeps the rest as a layer, in receipt order. The pool takes ownership of the part. With
   * `averaged`, the layer keeps only its quantity and the pool the value.
   */
  receive(part: Part, averaged: boolean, covers: Array<Cover> | null): void {
    const rateValue = part.value
    const rateQuantity = part.quantity
    let q = part.quantity
    let v = part.value
    while (q > 0n && this.shortHead < this.shortfalls.length) {
      const s = this.shortfalls[this.shortHead]!
      const take = s.quantity <= q ? s.quantity : q
      const actual = take === q ? v : divide(v * take, q)
      const released = take === s.quantity ? s.value : divide(s.value * take, s.quantity)
      covers?.push({ shortfall: s, quantity: take, released, actual })
      if (take === s.quantity) this.shortHead++
      else this.shortfalls[this.shortHead] = { ...s, quantity: s.quantity - take, value: s.value - released }
      this.short -= take
      this.shortValue -= released
      q -= take
      v -= actual
    }
    if (this.shortHead > 0) this.compact()
    if (q === 0n) {
      if (!averaged || this.quantity === 0n) this.setLast(rateValue, rateQuantity)
      return
    }
    if (q !== part.quantity || averaged) {
      part.quantity = q
      part.value = averaged ? 0n : v
      part.unit = averaged ? -1n : q > 0n && v % q === 0n ? v / q : -1n
    }
    const layers = this.layers
    if (layers.length === this.head || !before(part, layers[layers.length - 1]!)) layers.push(part)
    else {
      let i = layers.length - 1
      while (i > this.head && before(part, layers[i - 1]!)) i--
      layers.splice(i, 0, part)
    }
    this.quantity += q
    this.value += v
    if (averaged) this.setLast(this.value, this.quantity)
    else this.setLast(rateValue, rateQuantity)
  }

  /**
   * Takes `quantity` out: from the oldest layer (`fifo`) or the newest, or at the average (`averaged`, where
   * the quantity layers still go oldest first, for aging). What no stock covers goes out at the last known cost
   * (or `fallback`) and stays as a shortfall. Returns the cost; the parts taken are pushed to `taken` when
   * given (for transfers), and the provisional part to `provisional[0]`.
   */
  take(
    quantity: bigint,
    fifo: boolean,
    averaged: boolean,
    issueId: string,
    at: number,
    seq: number,
    account: Account,
    fallback: () => Rate | null,
    taken: Array<Part> | null,
    provisional: Array<bigint>
  ): bigint {
    let remaining = quantity
    let cost = 0n
    if (averaged) {
      const available = this.quantity > 0n ? this.quantity : 0n
      if (available > 0n) {
        const q = remaining < available ? remaining : available
        cost = q === available ? this.value : divide(this.value * q, available)
        this.setLast(this.value, available)
        this.quantity -= q
        this.value -= cost
        remaining -= q
        this.takeQuantity(q, taken)
      }
    } else {
      const layers = this.layers
      while (remaining > 0n && this.head < layers.length) {
        const index = fifo ? this.head : layers.length - 1
        const layer = layers[index]!
        this.lastValue = layer.value
        this.lastQuantity = layer.quantity
        if (layer.quantity <= remaining) {
          cost += layer.value
          remaining -= layer.quantity
          this.quantity -= layer.quantity
          this.value -= layer.value
          taken?.push(layer)
          if (fifo) this.head++
          else layers.pop()
        } else {
          const part = layer.unit >= 0n ? layer.unit * remaining : divide(layer.value * remaining, layer.quantity)
          if (taken !== null) taken.push(layer.with(remaining, part))
          // An exact unit cost stays exact: value − unit × taken = unit × what is left.
          layer.quantity -= remaining
          layer.value -= part
          cost += part
          this.quantity -= remaining
          this.value -= part
          remaining = 0n
        }
      }
      if (fifo) this.compact()
    }
    if (remaining === 0n) return cost
    const rate = this.last ?? fallback()
    const value = rate === null || rate.quantity === 0n ? 0n : divide(rate.value * remaining, rate.quantity)
    this.shortfalls.push({ issueId, at, seq, quantity: remaining, value, account })
    this.short += remaining
    this.shortValue += value
    provisional[0] = value
    taken?.push(Part.make(issueId, at, seq, this.lot, this.serial, remaining, value, remaining))
    return cost + value
  }

  /** Consumes quantity layers oldest first, for the aging of an average pool. */
  private takeQuantity(quantity: bigint, taken: Array<Part> | null): void {
    let remaining = quantity
    const layers = this.layers
    while (remaining > 0n && this.head < layers.length) {
      const layer = layers[this.head]!
      if (layer.quantity <= remaining) {
        remaining -= layer.quantity
        taken?.push(layer)
        this.head++
      } else {
        if (taken !== null) taken.push(layer.with(remaining, 0n))
        layer.quantity -= remaining
        remaining = 0n
      }
    }
    this.compact()
  }

  /** The indexes of a receipt's open layers. */
  partsOf(receiptId: string): Array<number> {
    const out: Array<number> = []
    for (let i = this.head; i < this.layers.length; i++) if (this.layers[i]!.receiptId === receiptId) out.push(i)
    return out
  }

  /** Adds `amount` to the value of the given layers, split by quantity (or to the pool when `averaged`). */
  capitalize(indexes: ReadonlyArray<number>, amount: bigint, averaged: boolean): void {
    this.value += amount
    if (averaged || indexes.length === 0) return
    const shares = allocate(amount, indexes.map((i) => this.layers[i]!.quantity))
    for (let k = 0; k < indexes.length; k++) {
      const layer = this.layers[indexes[k]!]!
      this.layers[indexes[k]!] = layer.with(layer.quantity, layer.value + shares[k]!)
    }
  }
}

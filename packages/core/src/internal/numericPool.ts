// The numeric engine's amounts and cost pools: safe integers (at most 2^52 in magnitude, so products and sums
// are checked before they could lose a unit) and a pool's layers as a deque of typed-array columns.
import type { Layer, Pool } from "../ValuationState.ts"

export const LIMIT = 2 ** 52
export const BIG_LIMIT = 2n ** 52n
export const fits = (v: bigint): boolean => v <= BIG_LIMIT && v >= -BIG_LIMIT
export const same = (a: number, b: bigint): boolean => fits(b) && a === Number(b)

/**
 * `n / d` rounded half away from zero, as `Money.divide`, for |n| ≤ 2^52 and 0 < d ≤ 2^52: the float quotient
 * may be one off, and the remainder (exact, as |q × d| ≤ 2^53) puts it right.
 */
export const divide = (n: number, d: number): number => {
  let q = Math.trunc(n / d)
  let r = n - q * d
  if (n >= 0) {
    if (r < 0) {
      q--
      r += d
    } else if (r >= d) {
      q++
      r -= d
    }
  } else if (r > 0) {
    q++
    r -= d
  } else if (r <= -d) {
    q--
    r += d
  }
  if (r === 0) return q
  if (r > 0) return 2 * r >= d ? q + 1 : q
  return -2 * r >= d ? q - 1 : q
}

/** One non-specific cost pool with no shortfalls: its layers as a deque of columns from `head` to `end`. */
export class NumericPool {
  ids: Array<string>
  lots: Array<string | null>
  at: Float64Array
  seq: Float64Array
  quantities: Float64Array
  values: Float64Array
  units: Float64Array
  originals: Float64Array
  head = 0
  end = 0
  quantity = 0
  value = 0
  /** The last known unit cost, `lastValue / lastQuantity`; none while `lastQuantity` is zero. */
  lastValue = 0
  lastQuantity = 0

  constructor(readonly key: string, capacity: number) {
    const n = Math.max(16, capacity)
    this.ids = new Array<string>(n)
    this.lots = new Array<string | null>(n)
    this.at = new Float64Array(n)
    this.seq = new Float64Array(n)
    this.quantities = new Float64Array(n)
    this.values = new Float64Array(n)
    this.units = new Float64Array(n)
    this.originals = new Float64Array(n)
  }

  /** Room for one more layer at `end`: moves the open layers down when half is spent, else doubles. */
  private room(): void {
    const open = this.end - this.head
    if (this.head > 0 && this.head * 2 >= this.end) {
      this.ids.copyWithin(0, this.head, this.end)
      this.lots.copyWithin(0, this.head, this.end)
      for (const column of [this.at, this.seq, this.quantities, this.values, this.units, this.originals]) column.copyWithin(0, this.head, this.end)
      this.head = 0
      this.end = open
      return
    }
    const n = this.quantities.length * 2
    const grow = (a: Float64Array) => {
      const b = new Float64Array(n)
      b.set(a)
      return b
    }
    this.at = grow(this.at)
    this.seq = grow(this.seq)
    this.quantities = grow(this.quantities)
    this.values = grow(this.values)
    this.units = grow(this.units)
    this.originals = grow(this.originals)
  }

  push(id: string, lot: string | null, at: number, seq: number, quantity: number, value: number, unit: number, original: number): void {
    if (this.end === this.quantities.length) this.room()
    const i = this.end++
    this.ids[i] = id
    this.lots[i] = lot
    this.at[i] = at
    this.seq[i] = seq
    this.quantities[i] = quantity
    this.values[i] = value
    this.units[i] = unit
    this.originals[i] = original
  }

  /** Whether a receipt at this position sorts after every open layer (it always does, in position order). */
  after(at: number, seq: number, id: string): boolean {
    if (this.end === this.head) return true
    const i = this.end - 1
    const a = this.at[i]!
    const s = this.seq[i]!
    return at !== a ? at > a : seq !== s ? seq > s : !(id < this.ids[i]!)
  }

  static from(p: Pool): NumericPool | null {
    if (p.key !== p.site || p.lot !== null || p.serial !== null || p.shortfalls.length > 0 || !fits(p.quantity) || !fits(p.value)) return null
    if (p.last !== null && (!fits(p.last.value) || !fits(p.last.quantity))) return null
    const pool = new NumericPool(p.key, p.layers.length * 2)
    for (const l of p.layers) {
      if (l.serial !== null || !fits(l.quantity) || !fits(l.value) || !fits(l.unit) || !fits(l.original)) return null
      pool.push(l.receiptId, l.lot, l.at, l.seq, Number(l.quantity), Number(l.value), Number(l.unit), Number(l.original))
    }
    pool.quantity = Number(p.quantity)
    pool.value = Number(p.value)
    if (p.last !== null) {
      pool.lastValue = Number(p.last.value)
      pool.lastQuantity = Number(p.last.quantity)
    }
    return pool
  }

  snapshot(): Pool {
    const layers = new Array<Layer>(this.end - this.head)
    for (let i = this.head; i < this.end; i++) {
      layers[i - this.head] = {
        receiptId: this.ids[i]!,
        at: this.at[i]!,
        seq: this.seq[i]!,
        lot: this.lots[i]!,
        serial: null,
        quantity: BigInt(this.quantities[i]!),
        value: BigInt(this.values[i]!),
        unit: BigInt(this.units[i]!),
        original: BigInt(this.originals[i]!)
      }
    }
    const last = this.lastQuantity === 0 ? null : { value: BigInt(this.lastValue), quantity: BigInt(this.lastQuantity) }
    return { key: this.key, site: this.key, lot: null, serial: null, layers, quantity: BigInt(this.quantity), value: BigInt(this.value), shortfalls: [], last }
  }

  /** Whether this pool equals a saved one. */
  sameAs(saved: Pool): boolean {
    if (saved.shortfalls.length > 0 || saved.layers.length !== this.end - this.head || !same(this.quantity, saved.quantity) || !same(this.value, saved.value)) return false
    if (saved.last === null ? this.lastQuantity !== 0 : !same(this.lastValue, saved.last.value) || !same(this.lastQuantity, saved.last.quantity)) return false
    for (let k = 0; k < saved.layers.length; k++) {
      const b = saved.layers[k]!
      const i = this.head + k
      if (this.ids[i] !== b.receiptId || this.at[i] !== b.at || this.seq[i] !== b.seq || !same(this.quantities[i]!, b.quantity) || !same(this.values[i]!, b.value)) return false
      if (!same(this.units[i]!, b.unit) || !same(this.originals[i]!, b.original)) return false
    }
    return true
  }
}

// V8 forgets an object layout once no object of it is alive at a full collection, and throws away the compiled
// code that relied on it. A run's engine and pools all die when it ends, so after every full collection the next
// run began in the interpreter again (revaluing 100k movements after one: 40–80 ms, against 18–36 ms with these
// kept). One pool and one engine live as long as the module, their amounts made fractional first: amounts
// outgrow small integers, and the layout kept must be the one whose fields hold any number.
export const RETAINED_POOL = new NumericPool("", 0)
RETAINED_POOL.quantity = RETAINED_POOL.value = RETAINED_POOL.lastValue = RETAINED_POOL.lastQuantity = 0.5

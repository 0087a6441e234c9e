// The engine's fast path: perpetual FIFO, LIFO and moving average over receipts and issues, in plain numbers.
// Layers live in typed-array columns and amounts stay safe integers (at most 2^52 in magnitude, so products
// and sums are checked before they could lose a unit), which spares the bigint allocation every step otherwise
// makes. It computes exactly what `Engine` computes, step for step; anything it does not cover (a shortfall, a
// transfer, a capitalized amount, a method change, a period, an amount past 2^52) it declines before changing
// anything, and `run` hands the state to `Engine` from that step on.
import type { ValuationMethod } from "../Item.ts"
import type { Layer, Pool, Position, State, Step } from "../ValuationState.ts"
import { EntryLog, KIND_CODE } from "./entryLog.ts"
import { isAveraged, isPeriodic, isSpecific, takesOldest } from "./methods.ts"

const LIMIT = 2 ** 52
const BIG_LIMIT = 2n ** 52n
const RECEIPT = KIND_CODE.receipt
const CUSTOMER_RETURN = KIND_CODE["customer-return"]
const ISSUE = KIND_CODE.issue
const SUPPLIER_RETURN = KIND_CODE["supplier-return"]

const fits = (v: bigint): boolean => v <= BIG_LIMIT && v >= -BIG_LIMIT
const same = (a: number, b: bigint): boolean => fits(b) && a === Number(b)

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
class NumericPool {
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
const RETAINED_POOL = new NumericPool("", 0)
RETAINED_POOL.quantity = RETAINED_POOL.value = RETAINED_POOL.lastValue = RETAINED_POOL.lastQuantity = 0.5

/** Whether the numeric path can value steps under this method at all. */
export const covers = (method: ValuationMethod): boolean => !isPeriodic(method) && !isSpecific(method)

export class NumericEngine {
  private readonly pools = new Map<string, NumericPool>()
  private lastPool: NumericPool | null = null
  private lastStep: Step | null = null
  since: number
  private readonly averaged: boolean
  private readonly oldest: boolean

  private constructor(
    readonly method: ValuationMethod,
    private readonly position: Position | null,
    /** The item-wide last known cost at the start, until a pool knows one. */
    private readonly restoredValue: number,
    private readonly restoredQuantity: number,
    since: number,
    private readonly log: EntryLog
  ) {
    this.since = since
    this.averaged = isAveraged(method)
    this.oldest = takesOldest(method)
  }

  // Kept for the module's life: see RETAINED_POOL.
  static readonly retained = ((): NumericEngine => {
    const engine = new NumericEngine("fifo", null, 0.5, 0.5, 0, new EntryLog("", 16))
    engine.lastPool = RETAINED_POOL
    return engine
  })()

  /** An engine continuing from `state`, or null when the state holds anything this path does not cover. */
  static from(state: State, log: EntryLog): NumericEngine | null {
    if (!covers(state.method) || state.period !== null) return null
    if (state.last !== null && (!fits(state.last.value) || !fits(state.last.quantity))) return null
    const engine = new NumericEngine(
      state.method,
      state.position,
      state.last === null ? 0 : Number(state.last.value),
      state.last === null ? 0 : Number(state.last.quantity),
      state.since,
      log
    )
    for (const p of state.pools) {
      const pool = NumericPool.from(p)
      if (pool === null) return null
      engine.pools.set(pool.key, pool)
    }
    return engine
  }

  /** Values one step; false (changing nothing) when it is not one this path covers. */
  step(step: Step): boolean {
    const kind = step.kind
    if ((kind !== "receipt" && kind !== "issue") || step.quantity <= 0n || step.quantity > BIG_LIMIT) return false
    const quantity = Number(step.quantity)
    let pool = this.pools.get(step.site)
    if (pool === undefined) this.pools.set(step.site, pool = new NumericPool(step.site, 16))
    if (!(kind === "receipt" ? this.receive(step, pool, quantity) : this.issue(step, pool, quantity))) return false
    this.lastStep = step
    if (pool.lastQuantity !== 0) this.lastPool = pool
    return true
  }

  private receive(step: Step, pool: NumericPool, quantity: number): boolean {
    let value: number
    if (step.value === null) {
      // At the pool's last known cost, else the item's.
      const from = pool.lastQuantity !== 0 ? pool : this.lastPool
      const rateValue = from === null ? this.restoredValue : from.lastValue
      const rateQuantity = from === null ? this.restoredQuantity : from.lastQuantity
      const product = rateValue * quantity
      if (rateQuantity <= 0 || !(product <= LIMIT && product >= -LIMIT)) return false
      value = divide(product, rateQuantity)
    } else {
      if (!fits(step.value)) return false
      value = Number(step.value)
    }
    const total = pool.value + value
    if (pool.quantity + quantity > LIMIT || !(total <= LIMIT && total >= -LIMIT) || !pool.after(step.at, step.seq, step.id)) return false
    const averaged = this.averaged
    pool.push(step.id, step.lot, step.at, step.seq, quantity, averaged ? 0 : value, averaged ? -1 : value % quantity === 0 ? value / quantity : -1, quantity)
    pool.quantity += quantity
    pool.value = total
    if (averaged) {
      pool.lastValue = pool.value
      pool.lastQuantity = pool.quantity
    } else {
      pool.lastValue = value
      pool.lastQuantity = quantity
    }
    const customer = step.account === "customer-return"
    this.log.pushNumbers(step.id, step.at, step.seq, customer ? CUSTOMER_RETURN : RECEIPT, pool.key, null, quantity, value, customer ? -value : 0)
    return true
  }

  private issue(step: Step, pool: NumericPool, quantity: number): boolean {
    const cost = this.averaged ? this.takeAverage(pool, quantity) : this.takeLayers(pool, quantity)
    if (cost === null) return false
    const returned = step.account === "supplier-return"
    this.log.pushNumbers(step.id, step.at, step.seq, returned ? SUPPLIER_RETURN : ISSUE, pool.key, null, -quantity, -cost, returned ? 0 : cost)
    return true
  }

  /** At the average; the quantity layers go oldest first, for aging. Null when stock does not cover it. */
  private takeAverage(pool: NumericPool, quantity: number): number | null {
    const available = pool.quantity > 0 ? pool.quantity : 0
    if (available < quantity) return null
    let cost = pool.value
    if (quantity !== available) {
      const product = pool.value * quantity
      if (!(product <= LIMIT && product >= -LIMIT)) return null
      cost = divide(product, available)
    }
    pool.lastValue = pool.value
    pool.lastQuantity = available
    pool.quantity -= quantity
    pool.value -= cost
    let remaining = quantity
    const quantities = pool.quantities
    while (remaining > 0 && pool.head < pool.end) {
      const q = quantities[pool.head]!
      if (q <= remaining) {
        remaining -= q
        pool.head++
      } else {
        quantities[pool.head] = q - remaining
        remaining = 0
      }
    }
    return cost
  }

  /**
   * From the oldest layer (FIFO) or the newest (LIFO). Layers taken whole are only passed over, so declining
   * (stock does not cover it, or an amount would leave the safe range) restores a few fields and nothing else.
   */
  private takeLayers(pool: NumericPool, quantity: number): number | null {
    const head = pool.head
    const end = pool.end
    const poolQuantity = pool.quantity
    const poolValue = pool.value
    const lastValue = pool.lastValue
    const lastQuantity = pool.lastQuantity
    const fifo = this.oldest
    const quantities = pool.quantities
    const values = pool.values
    let remaining = quantity
    let cost = 0
    while (remaining > 0 && pool.head < pool.end) {
      const i = fifo ? pool.head : pool.end - 1
      const q = quantities[i]!
      const v = values[i]!
      pool.lastValue = v
      pool.lastQuantity = q
      if (q <= remaining) {
        cost += v
        remaining -= q
        pool.quantity -= q
        pool.value -= v
        if (fifo) pool.head++
        else pool.end--
        if (!(cost <= LIMIT && cost >= -LIMIT && pool.value <= LIMIT && pool.value >= -LIMIT)) break
        continue
      }
      const unit = pool.units[i]!
      let part: number
      // An exact unit cost stays exact: value − unit × taken = unit × what is left.
      if (unit >= 0) part = unit * remaining
      else {
        const product = v * remaining
        if (!(product <= LIMIT && product >= -LIMIT)) break
        part = divide(product, q)
      }
      const total = cost + part
      const left = pool.value - part
      if (!(total <= LIMIT && total >= -LIMIT && left <= LIMIT && left >= -LIMIT)) break
      quantities[i] = q - remaining
      values[i] = v - part
      cost = total
      pool.quantity -= remaining
      pool.value = left
      remaining = 0
    }
    if (remaining === 0) return cost
    // Nothing was changed in place yet: a partial take is the last of the loop and is checked before it applies.
    pool.head = head
    pool.end = end
    pool.quantity = poolQuantity
    pool.value = poolValue
    pool.lastValue = lastValue
    pool.lastQuantity = lastQuantity
    return null
  }

  size(): number {
    let n = 0
    for (const p of this.pools.values()) n += p.end - p.head
    return n
  }

  snapshot(): State {
    const pools: Array<Pool> = []
    for (const key of [...this.pools.keys()].sort()) pools.push(this.pools.get(key)!.snapshot())
    const s = this.lastStep
    const from = this.lastPool
    const last = from !== null
      ? { value: BigInt(from.lastValue), quantity: BigInt(from.lastQuantity) }
      : this.restoredQuantity === 0 ? null : { value: BigInt(this.restoredValue), quantity: BigInt(this.restoredQuantity) }
    return { method: this.method, position: s === null ? this.position : { at: s.at, seq: s.seq, id: s.id }, pools, last, since: this.since, period: null }
  }

  /** Whether the state equals a saved one, apart from the checkpoint counter. */
  sameAs(state: State): boolean {
    if (state.method !== this.method || state.period !== null || state.pools.length !== this.pools.size) return false
    const from = this.lastPool
    const value = from !== null ? from.lastValue : this.restoredValue
    const quantity = from !== null ? from.lastQuantity : this.restoredQuantity
    if (state.last === null ? quantity !== 0 : !same(value, state.last.value) || !same(quantity, state.last.quantity)) return false
    for (const saved of state.pools) {
      const pool = this.pools.get(saved.key)
      if (pool === undefined || saved.lot !== null || saved.serial !== null || saved.site !== saved.key || !pool.sameAs(saved)) return false
    }
    return true
  }
}

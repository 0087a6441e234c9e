// The engine's fast path: perpetual FIFO, LIFO and moving average over receipts and issues, in plain numbers.
// Layers live in typed-array columns and amounts stay safe integers (at most 2^52 in magnitude, so products
// and sums are checked before they could lose a unit), which spares the bigint allocation every step otherwise
// makes. It computes exactly what `Engine` computes, step for step; anything it does not cover (a shortfall, a
// transfer, a capitalized amount, a method change, a period, an amount past 2^52) it declines before changing
// anything, and `run` hands the state to `Engine` from that step on.
import type { ValuationMethod } from "../Item.ts"
import type { Pool, Position, State, Step } from "../ValuationState.ts"
import { EntryLog, KIND_CODE } from "./entryLog.ts"
import { isAveraged, isPeriodic, isSpecific, takesOldest } from "./methods.ts"
import { BIG_LIMIT, divide, fits, LIMIT, NumericPool, RETAINED_POOL, same } from "./numericPool.ts"

const RECEIPT = KIND_CODE.receipt
const CUSTOMER_RETURN = KIND_CODE["customer-return"]
const ISSUE = KIND_CODE.issue
const SUPPLIER_RETURN = KIND_CODE["supplier-return"]

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

  // Kept for the module's life, as RETAINED_POOL is (numericPool.ts says why).
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

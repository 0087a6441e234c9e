// The valuation engine: values an item's steps, in position order, from a state. Pure and synchronous.
//
// Perpetual methods value each step as it comes. Periodic methods keep the steps of the open period and value
// them all when the period ends (or, provisionally, at the end of a run: the state keeps the open period, the
// view shows it computed). Every entry keeps `received = cogs + value` (a transfer's two legs together), so the
// identity holds by construction after every step. `run` (in ./run.ts) drives it and takes checkpoints.
import type { ValuationMethod } from "../Item.ts"
import { allocate, divide, type Rate } from "../Money.ts"
import { InvalidValuation, MissingUnitCost, UnknownLot, UnknownSerial } from "../ValuationError.ts"
import type { Entry, EntryKind, Pool, Position, State, Step } from "../ValuationState.ts"
import { type Cover, Part, WorkPool } from "./costPool.ts"
import { EntryLog } from "./entryLog.ts"
import { changeMethod } from "./methodChange.ts"
import { fail, isAveraged, isPeriodic, isSpecific, takesOldest } from "./methods.ts"

export interface Config {
  readonly itemId: string
  /** The item's quantity decimals: one serial is 10^decimals smallest units. */
  readonly decimals: number
  readonly scope: "company" | "site"
  /** Steps between checkpoints, at least (more when the state is large). */
  readonly checkpointEvery: number
}


// Pool keys: the site, and under specific identification the lot or serial. U+001F cannot occur in ids.
const SEP = "\u001f"
export const poolKey = (site: string, lot: string | null, serial: string | null): string =>
  serial !== null ? `${site}${SEP}S${serial}` : lot !== null ? `${site}${SEP}L${lot}` : site

export class Engine {
  readonly pools = new Map<string, WorkPool>()
  method: ValuationMethod
  since: number
  period: Array<Step> | null
  lastStep: Step | null = null
  readonly log: EntryLog
  /** While a periodic period is valued, entries go here first, to come out in step order. */
  private buffer: Array<Entry> | null = null
  /** Steps arrive in one reused object: copy any step kept beyond its own turn. */
  copySteps = false
  private position: Position | null
  /** The pool that last knew a cost, for the item-wide last known cost; `restored` until one does. */
  private lastPool: WorkPool | null = null
  private restored: Rate | null
  private readonly provisional: Array<bigint> = [0n]
  // Settings of the current method, kept in fields so the hot path does not recompute them per step.
  private averaged = false
  private oldest = true
  private specific = false
  private periodic = false

  constructor(readonly config: Config, start: State, expected = 0, log?: EntryLog) {
    this.log = log ?? new EntryLog(config.itemId, Math.max(256, expected + (expected >> 4)))
    for (const p of start.pools) this.pools.set(p.key, WorkPool.from(p))
    this.method = start.method
    this.restored = start.last
    this.since = start.since
    this.period = start.period === null ? null : start.period.steps.slice()
    this.position = start.position
    this.setMethod(start.method)
  }

  setMethod(method: ValuationMethod): void {
    this.method = method
    this.averaged = isAveraged(method)
    this.oldest = takesOldest(method)
    this.specific = isSpecific(method)
    this.periodic = isPeriodic(method)
  }

  get last(): Rate | null {
    return this.lastPool === null ? this.restored : this.lastPool.last
  }

  readonly fallback = (): Rate | null => this.last

  private touched(pool: WorkPool): void {
    if (pool.lastQuantity !== 0n) this.lastPool = pool
  }

  get currentPosition(): Position | null {
    const s = this.lastStep
    return s === null ? this.position : { at: s.at, seq: s.seq, id: s.id }
  }

  snapshot(): State {
    const pools: Array<Pool> = []
    for (const key of [...this.pools.keys()].sort()) pools.push(this.pools.get(key)!.snapshot())
    return {
      method: this.method,
      position: this.currentPosition,
      pools,
      last: this.last,
      since: this.since,
      period: this.period === null ? null : { steps: this.period.slice() }
    }
  }

  size(): number {
    let n = this.period?.length ?? 0
    for (const p of this.pools.values()) n += p.size
    return n
  }

  /**
   * Records an entry. Cost received is not passed: it is always value + cogs (nothing for a transfer leg), which
   * is the identity every entry keeps.
   */
  emit(
    id: string,
    step: Step,
    kind: EntryKind,
    movementId: string | null,
    pool: WorkPool | null,
    quantity: bigint,
    value: bigint,
    cogs: bigint,
    provisional: bigint
  ): void {
    const site = pool === null ? "" : pool.site
    const lot = pool === null ? null : pool.lot
    if (this.buffer === null) this.log.push(id, step.at, step.seq, step.id, kind, movementId, site, lot, quantity, value, cogs, provisional)
    else {
      const received = kind === "transfer-out" || kind === "transfer-in" ? 0n : value + cogs
      this.buffer.push({ itemId: this.config.itemId, id, at: step.at, seq: step.seq, step: step.id, kind, movementId, site, lot, quantity, value, cogs, received, provisional })
    }
  }

  pool(site: string, lot: string | null, serial: string | null): WorkPool {
    const key = lot === null && serial === null ? site : poolKey(site, lot, serial)
    let pool = this.pools.get(key)
    if (pool === undefined) this.pools.set(key, pool = new WorkPool(key, site, lot, serial, [], 0n, 0n, [], null))
    return pool
  }

  trueUps(step: Step, pool: WorkPool, covers: ReadonlyArray<Cover>, prefix: string, counter: { n: number }): void {
    for (const c of covers) {
      const delta = c.actual - c.released
      const returned = c.shortfall.account === "supplier-return"
      this.emit(`${prefix}:true-up:${++counter.n}`, step, "true-up", c.shortfall.issueId, pool, 0n, -delta, returned ? 0n : delta, -c.released)
    }
  }

  /** Under specific identification, the pools a step touches, with the quantity each takes. */
  private specificTargets(step: Step, site: string, receiving: boolean): Array<readonly [WorkPool, bigint]> {
    if (step.serials.length > 0) {
      const each = step.quantity / BigInt(step.serials.length)
      if (each * BigInt(step.serials.length) !== step.quantity) {
        fail(new InvalidValuation({ field: step.id, reason: "the quantity does not split evenly over the serials" }))
      }
      return step.serials.map((serial) => {
        if (!receiving && !this.pools.has(poolKey(site, null, serial))) {
          fail(new UnknownSerial({ itemId: this.config.itemId, movementId: step.id, serial }))
        }
        return [this.pool(site, null, serial), each] as const
      })
    }
    if (step.lot === null) return fail(new InvalidValuation({ field: step.id, reason: "specific identification needs the lot or the serials" }))
    if (!receiving && !this.pools.has(poolKey(site, step.lot, null)) && ![...this.pools.values()].some((p) => p.lot === step.lot)) {
      fail(new UnknownLot({ itemId: this.config.itemId, movementId: step.id, lot: step.lot }))
    }
    return [[this.pool(site, step.lot, null), step.quantity]]
  }

  receipt(step: Step): void {
    if (!this.specific) return this.receiveInto(step, this.pool(this.periodic ? "" : step.site, null, null), step.quantity, step.value, step.id, { n: 0 })
    const targets = this.specificTargets(step, step.site, true)
    const values = step.value === null ? null : targets.length === 1 ? [step.value] : allocate(step.value, targets.map(() => 1n))
    const counter = { n: 0 }
    for (let i = 0; i < targets.length; i++) {
      const [pool, quantity] = targets[i]!
      this.receiveInto(step, pool, quantity, values === null ? null : values[i]!, targets.length === 1 ? step.id : `${step.id}:${pool.serial}`, counter)
    }
  }

  private receiveInto(step: Step, pool: WorkPool, quantity: bigint, given: bigint | null, id: string, counter: { n: number }): void {
    let value = given
    if (value === null) {
      const rate = pool.last ?? this.last
      if (rate === null) return fail(new MissingUnitCost({ itemId: this.config.itemId, movementId: step.id, reason: "no cost is known yet to value it at" }))
      value = divide(rate.value * quantity, rate.quantity)
    }
    const covers: Array<Cover> | null = pool.short === 0n ? null : []
    pool.receive(Part.make(step.id, step.at, step.seq, step.lot, pool.serial, quantity, value, quantity), this.averaged, covers)
    const customer = step.account === "customer-return"
    this.emit(id, step, customer ? "customer-return" : "receipt", step.id, pool, quantity, value, customer ? -value : 0n, 0n)
    if (covers !== null) this.trueUps(step, pool, covers, id, counter)
    this.touched(pool)
  }

  issue(step: Step): void {
    if (!this.specific) return this.issueFrom(step, this.pool(this.periodic ? "" : step.site, null, null), step.quantity, step.id)
    const targets = this.specificTargets(step, step.site, false)
    for (const [pool, quantity] of targets) this.issueFrom(step, pool, quantity, targets.length === 1 ? step.id : `${step.id}:${pool.serial}`)
  }

  private issueFrom(step: Step, pool: WorkPool, quantity: bigint, id: string): void {
    const returned = step.account === "supplier-return"
    this.provisional[0] = 0n
    const cost = pool.take(quantity, this.oldest, this.averaged, step.id, step.at, step.seq, step.account, this.fallback, null, this.provisional)
    this.emit(id, step, returned ? "supplier-return" : "issue", step.id, pool, -quantity, -cost, returned ? 0n : cost, this.provisional[0]!)
    this.touched(pool)
    if (pool.serial !== null && pool.empty) this.pools.delete(pool.key)
  }

  transfer(step: Step): void {
    const sources = this.specific ? this.specificTargets(step, step.site, false) : [[this.pool(step.site, null, null), step.quantity] as const]
    const counter = { n: 0 }
    for (const [from, quantity] of sources) {
      const taken: Array<Part> = []
      this.provisional[0] = 0n
      const cost = from.take(quantity, this.oldest, this.averaged, step.id, step.at, step.seq, "transfer", this.fallback, taken, this.provisional)
      const suffix = sources.length === 1 ? "" : `:${from.serial}`
      this.emit(`${step.id}${suffix}`, step, "transfer-out", step.id, from, -quantity, -cost, 0n, this.provisional[0]!)
      this.touched(from)
      if (from.serial !== null && from.empty) this.pools.delete(from.key)
      const to = this.pool(step.toSite, from.lot, from.serial)
      // Under an average method the parts carry quantities only: give them the cost in proportion.
      if (this.averaged) {
        const values = allocate(cost, taken.map((l) => l.quantity))
        taken.forEach((l, k) => (l.value = values[k]!))
      }
      const covers: Array<Cover> = []
      for (const part of taken) to.receive(part, this.averaged, covers)
      this.emit(`${step.id}${suffix}:in`, step, "transfer-in", step.id, to, quantity, cost, 0n, 0n)
      this.trueUps(step, to, covers, `${step.id}${suffix}:in`, counter)
      this.touched(to)
    }
  }

  capitalize(step: Step): void {
    const kind: EntryKind = step.cause === "cost-adjustment" ? "cost-adjustment" : "landed-cost"
    for (const a of step.allocations) {
      const holders: Array<readonly [WorkPool, Array<number>, bigint]> = []
      let remaining = 0n
      for (const key of [...this.pools.keys()].sort()) {
        const pool = this.pools.get(key)!
        const indexes = pool.partsOf(a.receiptId)
        if (indexes.length === 0) continue
        let q = 0n
        for (const i of indexes) q += pool.layers[i]!.quantity
        holders.push([pool, indexes, q])
        remaining += q
      }
      // The share of the receipt no longer on hand was consumed: its part of the amount is cost of goods sold.
      const consumed = remaining === 0n ? a.amount : remaining >= a.quantity ? 0n : divide(a.amount * (a.quantity - remaining), a.quantity)
      const id = `${step.id}:${a.receiptId}`
      if (holders.length === 0) {
        this.emit(id, step, kind, a.receiptId, null, 0n, 0n, consumed, 0n)
        continue
      }
      const shares = allocate(a.amount - consumed, holders.map((h) => h[2]))
      for (let k = 0; k < holders.length; k++) {
        const [pool, indexes] = holders[k]!
        pool.capitalize(indexes, shares[k]!, this.averaged)
        const cogs = k === 0 ? consumed : 0n
        this.emit(k === 0 ? id : `${id}:${k}`, step, kind, a.receiptId, pool, 0n, shares[k]!, cogs, 0n)
      }
    }
  }

  /**
   * Values the open period of a periodic method and closes it: every receipt first (covering what the last
   * period left short, then joining the goods available), then every capitalized amount, then every issue in
   * effective order, taking from the goods available in the method's order whenever in the period it happened.
   * Entries come out in step order.
   */
  closePeriod(): void {
    const steps = this.period
    if (steps === null || steps.length === 0) return
    const buckets = steps.map((): Array<Entry> => [])
    for (const kind of ["receipt", "capitalize", "issue"] as const) {
      for (let i = 0; i < steps.length; i++) {
        if (steps[i]!.kind !== kind) continue
        this.buffer = buckets[i]!
        this[kind](steps[i]!)
      }
    }
    this.buffer = null
    for (const bucket of buckets) for (const e of bucket) this.log.pushEntry(e)
    this.period = []
  }

  /** Replaces the pools (a method change reshapes them). */
  replacePools(pools: ReadonlyArray<WorkPool>): void {
    const last = this.last
    this.pools.clear()
    for (const p of pools) this.pools.set(p.key, p)
    this.lastPool = null
    this.restored = last
  }

  step(step: Step): void {
    this.lastStep = step
    const kind = step.kind
    if (kind === "method") return changeMethod(this, step)
    if (kind === "period-end") return this.closePeriod()
    if (this.period !== null) {
      if (kind !== "transfer") this.period.push(this.copySteps ? { ...step } : step)
      return
    }
    if (kind === "issue") this.issue(step)
    else if (kind === "receipt") this.receipt(step)
    else if (kind === "transfer") this.transfer(step)
    else this.capitalize(step)
  }
}

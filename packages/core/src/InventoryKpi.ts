/**
 * Inventory KPIs as pure functions over figures the caller has (from the valuation reports, sales, or
 * {@link StockAnalytics}):
 *
 * | KPI | definition |
 * |---|---|
 * | turnover | cost of goods sold / average inventory value, over the same span |
 * | days of supply | on hand / demand per day |
 * | fill rate | demand filled from stock / demand (units or lines) |
 * | stock-out rate | periods (or item-days) out of stock / periods observed |
 * | carrying cost | average inventory value × carrying rate × span |
 * | GMROI | gross margin / average inventory at cost |
 *
 * Ratios with a zero denominator are null (no demand means no days-of-supply figure, not infinity). Aging
 * buckets and the slow-moving, dead and excess stock classification are here too.
 *
 * @since 0.1.0
 */
import { BigDecimal, Result } from "effect"
import { demand, invalid, positiveCost } from "./internal/planning.ts"
import type { ReorderPolicy } from "./Item.ts"
import type { PlanningError } from "./PlanningError.ts"
import { factor, type Rate, sameUnit, type Span } from "./PlanningPeriod.ts"

const amount = (operation: string, field: string, value: number) =>
  Number.isFinite(value) ? Result.succeed(value) : invalid(operation, field, `must be a finite number (got ${value})`)

/**
 * Inventory turnover: cost of goods sold over a span divided by the average inventory value over the same
 * span. Null when the average inventory is zero.
 *
 * @since 0.1.0
 */
export const turnover = (costOfGoodsSold: number, averageInventoryValue: number): Result.Result<number | null, PlanningError> =>
  Result.gen(function*() {
    yield* demand("turnover", "costOfGoodsSold", yield* amount("turnover", "costOfGoodsSold", costOfGoodsSold))
    yield* demand("turnover", "averageInventoryValue", yield* amount("turnover", "averageInventoryValue", averageInventoryValue))
    return averageInventoryValue === 0 ? null : costOfGoodsSold / averageInventoryValue
  })

/**
 * Days of supply: how many days on hand lasts at a demand rate (any period unit, converted to days). Null
 * when demand is zero.
 *
 * @since 0.1.0
 */
export const daysOfSupply = (onHand: number, demandRate: Rate): Result.Result<number | null, PlanningError> =>
  Result.gen(function*() {
    yield* amount("daysOfSupply", "onHand", onHand)
    const d = yield* demand("daysOfSupply", "demand.value", yield* amount("daysOfSupply", "demand.value", demandRate.value))
    const perDay = d * factor("day", demandRate.per)
    return perDay === 0 ? null : onHand / perDay
  })

/**
 * Fill rate: the share of demand filled from stock. Null when there was no demand.
 *
 * @since 0.1.0
 */
export const fillRate = (filled: number, demanded: number): Result.Result<number | null, PlanningError> =>
  Result.gen(function*() {
    yield* demand("fillRate", "filled", yield* amount("fillRate", "filled", filled))
    yield* demand("fillRate", "demanded", yield* amount("fillRate", "demanded", demanded))
    if (filled > demanded) return yield* invalid("fillRate", "filled", `must not exceed demanded (${filled} > ${demanded})`)
    return demanded === 0 ? null : filled / demanded
  })

/**
 * Stock-out rate: the share of observed periods (or item-days) that were out of stock. Null when nothing was
 * observed.
 *
 * @since 0.1.0
 */
export const stockOutRate = (stockedOut: number, observed: number): Result.Result<number | null, PlanningError> =>
  Result.gen(function*() {
    yield* demand("stockOutRate", "stockedOut", yield* amount("stockOutRate", "stockedOut", stockedOut))
    yield* demand("stockOutRate", "observed", yield* amount("stockOutRate", "observed", observed))
    if (stockedOut > observed) return yield* invalid("stockOutRate", "stockedOut", `must not exceed observed (${stockedOut} > ${observed})`)
    return observed === 0 ? null : stockedOut / observed
  })

/**
 * Carrying cost over a span: average inventory value × carrying rate × span length. The rate and the span
 * must use the same period unit (25 % per year over 0.25 years).
 *
 * @since 0.1.0
 */
export const carryingCost = (averageInventoryValue: number, carryingRate: Rate, span: Span): Result.Result<number, PlanningError> =>
  Result.gen(function*() {
    yield* sameUnit("carryingCost", [["carryingRate.per", carryingRate.per], ["span.unit", span.unit]])
    yield* demand("carryingCost", "averageInventoryValue", yield* amount("carryingCost", "averageInventoryValue", averageInventoryValue))
    yield* positiveCost("carryingCost", "carryingRate.value", yield* amount("carryingCost", "carryingRate.value", carryingRate.value))
    yield* demand("carryingCost", "span.value", yield* amount("carryingCost", "span.value", span.value))
    return averageInventoryValue * carryingRate.value * span.value
  })

/**
 * Gross margin return on inventory investment: gross margin over a span / average inventory at cost over the
 * same span. Null when the average inventory is zero.
 *
 * @since 0.1.0
 */
export const gmroi = (grossMargin: number, averageInventoryCost: number): Result.Result<number | null, PlanningError> =>
  Result.gen(function*() {
    yield* amount("gmroi", "grossMargin", grossMargin)
    yield* demand("gmroi", "averageInventoryCost", yield* amount("gmroi", "averageInventoryCost", averageInventoryCost))
    return averageInventoryCost === 0 ? null : grossMargin / averageInventoryCost
  })

/**
 * The mean of inventory snapshots (values or quantities), for example the month-end values over a year.
 *
 * @since 0.1.0
 */
export const averageOf = (snapshots: ReadonlyArray<number>): Result.Result<number, PlanningError> =>
  Result.gen(function*() {
    if (!Array.isArray(snapshots) || snapshots.length === 0) return yield* invalid("averageOf", "snapshots", "must be a non-empty array")
    let sum = 0
    for (let i = 0; i < snapshots.length; i++) sum += yield* amount("averageOf", `snapshots[${i}]`, snapshots[i]!)
    return sum / snapshots.length
  })

/** The default aging bucket edges in days: 0–30, 31–60, 61–90, 91–180, 181–365 and over 365. @since 0.1.0 */
export const defaultAgingEdges: ReadonlyArray<number> = [30, 60, 90, 180, 365]

/**
 * One aging bucket: ages in days from `fromDays` (exclusive, except the first) up to `toDays` (inclusive; null
 * for the last, open bucket), and the amount in it.
 *
 * @since 0.1.0
 */
export interface AgingBucket {
  readonly fromDays: number
  readonly toDays: number | null
  readonly amount: number
  readonly share: number
}

/**
 * Buckets amounts (quantities or values) by age in days. Edges must be increasing and positive.
 *
 * @since 0.1.0
 */
export const aging = (
  entries: ReadonlyArray<{ readonly amount: number; readonly ageDays: number }>,
  edges: ReadonlyArray<number> = defaultAgingEdges
): Result.Result<ReadonlyArray<AgingBucket>, PlanningError> =>
  Result.gen(function*() {
    for (let i = 0; i < edges.length; i++) {
      if (!(Number.isFinite(edges[i]) && edges[i]! > (i === 0 ? 0 : edges[i - 1]!))) {
        return yield* invalid("aging", `edges[${i}]`, "must be a finite number above the previous edge (and above 0)")
      }
    }
    const sums = new Array<number>(edges.length + 1).fill(0)
    let total = 0
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!
      const a = yield* demand("aging", `entries[${i}].amount`, yield* amount("aging", `entries[${i}].amount`, e.amount))
      const age = yield* amount("aging", `entries[${i}].ageDays`, e.ageDays)
      let k = 0
      while (k < edges.length && age > edges[k]!) k++
      sums[k]! += a
      total += a
    }
    return sums.map((s, k): AgingBucket => ({
      fromDays: k === 0 ? 0 : edges[k - 1]!,
      toDays: k < edges.length ? edges[k]! : null,
      amount: s,
      share: total === 0 ? 0 : s / total
    }))
  })

/**
 * How an item's stock moves:
 *
 * - `none`: nothing on hand;
 * - `dead`: stock on hand and no issue for `deadAfterDays` (365 by default);
 * - `slow`: no issue for `slowAfterDays` (90 by default);
 * - `excess`: more on hand than `excessDays` (180 by default) of demand at the recent rate, or more than the
 *   most its reorder policy should ever hold (`maxLevel`);
 * - `active`: none of these.
 *
 * @since 0.1.0
 */
export type MovementStatus = "none" | "dead" | "slow" | "excess" | "active"

/**
 * Thresholds of {@link movementStatus}, in days.
 *
 * @since 0.1.0
 */
export interface MovementThresholds {
  readonly slowAfterDays?: number
  readonly deadAfterDays?: number
  readonly excessDays?: number
}

/**
 * Classifies an item's stock from what it has on hand, days since its last issue (null when never issued),
 * the age in days of the oldest stock on hand (null when unknown), its days of supply (null when there is
 * no demand) and optionally the most its policy should hold (see {@link maxLevel}). An item never issued is judged by the age of its stock alone, so new stock is neither dead nor
 * excess on arrival; with neither figure it counts as dead.
 *
 * @since 0.1.0
 */
export const movementStatus = (
  figures: {
    readonly onHand: number
    readonly daysSinceLastIssue: number | null
    readonly stockAgeDays?: number | null
    readonly daysOfSupply: number | null
    readonly maxLevel?: number | null
  },
  thresholds: MovementThresholds = {}
): MovementStatus => {
  const slow = thresholds.slowAfterDays ?? 90
  const dead = thresholds.deadAfterDays ?? 365
  const excess = thresholds.excessDays ?? 180
  if (!(figures.onHand > 0)) return "none"
  const never = figures.daysSinceLastIssue === null
  const since = figures.daysSinceLastIssue ?? figures.stockAgeDays ?? null
  if (since === null || since >= dead) return "dead"
  if (since >= slow) return "slow"
  // Young stock of an item never issued: too early to call it excess.
  if (never) return "active"
  if (figures.daysOfSupply === null || figures.daysOfSupply > excess) return "excess"
  if (figures.maxLevel !== undefined && figures.maxLevel !== null && figures.onHand > figures.maxLevel) return "excess"
  return "active"
}

/**
 * The most stock a reorder policy should ever hold, in base units: `max` for min-max and periodic policies,
 * reorder point + order quantity for (ROP, Q) and EOQ policies; null when the policy does not say.
 *
 * @since 0.1.0
 */
export const maxLevel = (policy: ReorderPolicy): number | null => {
  const n = (d: BigDecimal.BigDecimal | undefined) => (d === undefined ? undefined : BigDecimal.toNumberUnsafe(d))
  switch (policy.kind) {
    case "min-max":
    case "periodic":
      return n(policy.max) ?? null
    case "rop-q":
    case "eoq": {
      const rop = n(policy.reorderPoint)
      const q = n(policy.orderQuantity)
      return rop === undefined || q === undefined ? null : rop + q
    }
    case "none":
      return null
  }
}

/**
 * Safety stock, reorder points and order-up-to levels under normal demand and lead times.
 *
 * With mean demand `d` and standard deviation `σd` per period, and a lead time of mean `L` and standard
 * deviation `σL` periods (independent of demand), the demand over the protection interval `P` has mean `d·P`
 * and standard deviation `σ = √(P·σd² + d²·σL²)`. The three textbook cases are this formula with one term or
 * the other gone:
 *
 * - demand variability only (`σL = 0`): `SS = z·σd·√P`;
 * - lead-time variability only (`σd = 0`): `SS = z·d·σL`;
 * - both: `SS = z·√(P·σd² + d²·σL²)`.
 *
 * Continuous review protects over the lead time (`P = L`; reorder point `ROP = d·L + SS`). Periodic review
 * with review period `R` protects over `P = R + L` (order-up-to level `S = d·(R + L) + SS`).
 *
 * Every rate and span must be in the same period unit, or the call fails with `PeriodMismatch`: convert with
 * {@link PlanningPeriod} first. Safety stock is reported as computed: it is negative when the target is below
 * a 50 % cycle service level, or when a fill-rate target is met by cycle stock alone.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import { decoder, demand as nonNegative, invalid } from "./internal/planning.ts"
import type { PlanningError } from "./PlanningError.ts"
import { PeriodUnit, sameUnit, Span } from "./PlanningPeriod.ts"
import * as ServiceLevel from "./ServiceLevel.ts"

/**
 * Demand per period: its mean and, when it varies, its standard deviation.
 *
 * @since 0.1.0
 */
export const Demand = Schema.Struct({ mean: Schema.Finite, stdDev: Schema.optionalKey(Schema.Finite), per: PeriodUnit })
/** @since 0.1.0 */
export type Demand = typeof Demand.Type

/**
 * A lead time: its mean and, when it varies, its standard deviation, in `unit`s.
 *
 * @since 0.1.0
 */
export const LeadTime = Schema.Struct({ mean: Schema.Finite, stdDev: Schema.optionalKey(Schema.Finite), unit: PeriodUnit })
/** @since 0.1.0 */
export type LeadTime = typeof LeadTime.Type

/**
 * Input of {@link reorderPoint}. A fill-rate target needs the order quantity (the demand per cycle).
 *
 * @since 0.1.0
 */
export const ReorderPointInput = Schema.Struct({
  demand: Demand,
  leadTime: LeadTime,
  service: ServiceLevel.Target,
  orderQuantity: Schema.optionalKey(Schema.Finite)
})
/** @since 0.1.0 */
export type ReorderPointInput = typeof ReorderPointInput.Type

/**
 * Input of {@link orderUpTo}: as {@link ReorderPointInput}, with the review period instead of an order
 * quantity.
 *
 * @since 0.1.0
 */
export const OrderUpToInput = Schema.Struct({
  demand: Demand,
  leadTime: LeadTime,
  reviewPeriod: Span,
  service: ServiceLevel.Target
})
/** @since 0.1.0 */
export type OrderUpToInput = typeof OrderUpToInput.Type

/** Which sources of variability the figures include. @since 0.1.0 */
export type Variability = "none" | "demand" | "lead-time" | "combined"

/**
 * Safety stock over a protection interval, with the figures behind it. `level` is the reorder point for
 * continuous review, the order-up-to level for periodic review.
 *
 * @since 0.1.0
 */
export interface Plan {
  readonly variability: Variability
  readonly protectionInterval: Span
  /** Mean demand over the protection interval. */
  readonly meanDemand: number
  /** Standard deviation of demand over the protection interval. */
  readonly stdDev: number
  readonly z: number
  readonly safetyStock: number
  readonly level: number
  /** The cycle service level `Φ(z)` the plan gives. */
  readonly cycleServiceLevel: number
  /** The fill rate the plan gives, `1 − σ·G(z)/Q`; null when the demand per cycle is not known. */
  readonly fillRate: number | null
}

/**
 * The standard deviation of demand over a protection interval of `periods` periods: `√(P·σd² + d²·σL²)`.
 *
 * @since 0.1.0
 */
export const stdDevOver = (periods: number, demand: Demand, leadTimeStdDev = 0): number => {
  const sd = demand.stdDev ?? 0
  return Math.sqrt(periods * sd * sd + demand.mean * demand.mean * leadTimeStdDev * leadTimeStdDev)
}

const variabilityOf = (demand: Demand, leadTime: LeadTime): Variability => {
  const d = (demand.stdDev ?? 0) > 0
  const l = (leadTime.stdDev ?? 0) > 0 && demand.mean > 0
  return d && l ? "combined" : d ? "demand" : l ? "lead-time" : "none"
}

const validate = (operation: string, demand: Demand, leadTime: LeadTime, review: Span | undefined) =>
  Result.gen(function*() {
    yield* sameUnit(operation, [
      ["demand.per", demand.per],
      ["leadTime.unit", leadTime.unit],
      ...(review === undefined ? [] : [["reviewPeriod.unit", review.unit] as const])
    ])
    yield* nonNegative(operation, "demand.mean", demand.mean)
    yield* nonNegative(operation, "demand.stdDev", demand.stdDev ?? 0)
    if (!(leadTime.mean >= 0)) yield* invalid(operation, "leadTime.mean", `must not be negative (got ${leadTime.mean})`)
    if (!((leadTime.stdDev ?? 0) >= 0)) yield* invalid(operation, "leadTime.stdDev", `must not be negative (got ${leadTime.stdDev})`)
    if (review !== undefined && !(review.value > 0)) yield* invalid(operation, "reviewPeriod.value", `must be positive (got ${review.value})`)
  })

const plan = (
  demand: Demand,
  leadTime: LeadTime,
  periods: number,
  demandPerCycle: number | undefined,
  service: ServiceLevel.Target
): Result.Result<Plan, PlanningError> =>
  Result.gen(function*() {
    const stdDev = stdDevOver(periods, demand, leadTime.stdDev ?? 0)
    if ("fillRate" in service && demandPerCycle === undefined) {
      return yield* invalid("reorderPoint", "orderQuantity", "is required for a fill-rate target")
    }
    const cycle = demandPerCycle ?? 1
    const z = yield* ServiceLevel.zFor(service, cycle, stdDev)
    const meanDemand = demand.mean * periods
    const safetyStock = z * stdDev
    return {
      variability: variabilityOf(demand, leadTime),
      protectionInterval: { value: periods, unit: demand.per },
      meanDemand,
      stdDev,
      z,
      safetyStock,
      level: meanDemand + safetyStock,
      cycleServiceLevel: stdDev === 0 ? 1 : ServiceLevel.cycleServiceLevel(z),
      fillRate: demandPerCycle === undefined || demandPerCycle <= 0 ? null : ServiceLevel.fillRate(z, demandPerCycle, stdDev)
    }
  })

const decodeReorderPoint = decoder("reorderPoint", ReorderPointInput)
const decodeOrderUpTo = decoder("orderUpTo", OrderUpToInput)

/**
 * Continuous review: safety stock over the lead time and the reorder point `d·L + SS`.
 *
 * @since 0.1.0
 */
export const reorderPoint = (input: ReorderPointInput): Result.Result<Plan, PlanningError> =>
  Result.gen(function*() {
    const x = yield* decodeReorderPoint(input)
    yield* validate("reorderPoint", x.demand, x.leadTime, undefined)
    if (x.orderQuantity !== undefined && !(x.orderQuantity > 0)) {
      return yield* invalid("reorderPoint", "orderQuantity", `must be positive (got ${x.orderQuantity})`)
    }
    return yield* plan(x.demand, x.leadTime, x.leadTime.mean, x.orderQuantity, x.service)
  })

/**
 * Periodic review: safety stock over the protection interval `R + L` and the order-up-to level
 * `d·(R + L) + SS`. A fill-rate target counts the demand over one review period as the demand per cycle.
 *
 * @since 0.1.0
 */
export const orderUpTo = (input: OrderUpToInput): Result.Result<Plan, PlanningError> =>
  Result.gen(function*() {
    const x = yield* decodeOrderUpTo(input)
    yield* validate("orderUpTo", x.demand, x.leadTime, x.reviewPeriod)
    const cycle = x.demand.mean * x.reviewPeriod.value
    if ("fillRate" in x.service && !(cycle > 0)) return yield* invalid("orderUpTo", "demand.mean", "must be positive for a fill-rate target")
    return yield* plan(x.demand, x.leadTime, x.reviewPeriod.value + x.leadTime.mean, cycle, x.service)
  })

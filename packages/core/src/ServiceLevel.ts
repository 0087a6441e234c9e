/**
 * Service levels and safety factors.
 *
 * Two targets are in common use, and they give different safety factors `z` for the same number:
 *
 * - the **cycle service level** (CSL, "type 1"): the probability of no stock-out in a replenishment cycle.
 *   `z = Φ⁻¹(CSL)`.
 * - the **fill rate** (β, "type 2"): the share of demand served from stock. With normal demand over the
 *   protection interval (standard deviation `σ`) and `Q` units of demand per replenishment cycle, the expected
 *   shortage per cycle is `σ·G(z)`, so `β = 1 − σ·G(z)/Q`, and the target is met by the `z` with
 *   `G(z) = (1 − β)·Q/σ` (Silver, Pyke & Thomas, *Inventory and Production Management in Supply Chains*).
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import { decoder, demand, level } from "./internal/planning.ts"
import { InvalidPlanningInput, type NegativeDemand, type ServiceLevelOutOfRange } from "./PlanningError.ts"
import * as StandardNormal from "./StandardNormal.ts"

/**
 * The safety factor `z = Φ⁻¹(CSL)` for a cycle service level in (0, 1).
 *
 * @since 0.1.0
 */
export const zForCycleServiceLevel = (
  cycleServiceLevel: number,
  field = "cycleServiceLevel"
): Result.Result<number, ServiceLevelOutOfRange> =>
  Result.map(level("zForCycleServiceLevel", field, cycleServiceLevel), StandardNormal.quantile)

/**
 * The cycle service level `Φ(z)` a safety factor gives.
 *
 * @since 0.1.0
 */
export const cycleServiceLevel = (z: number): number => StandardNormal.cdf(z)

/**
 * Input of {@link zForFillRate}: the target fill rate, the expected demand per replenishment cycle (the order
 * quantity in continuous review, the demand over one review period in periodic review) and the standard
 * deviation of demand over the protection interval, all in the same stock unit.
 *
 * @since 0.1.0
 */
export const FillRateTarget = Schema.Struct({
  fillRate: Schema.Finite,
  demandPerCycle: Schema.Finite,
  stdDev: Schema.Finite
})
/** @since 0.1.0 */
export type FillRateTarget = typeof FillRateTarget.Type

const decodeTarget = decoder("zForFillRate", FillRateTarget)

/**
 * The smallest safety factor `z` that meets a fill-rate target: `G(z) = (1 − β)·Q/σ`. With no variability
 * (`σ = 0`) any target is met at zero safety stock, and `z` is `0`.
 *
 * @since 0.1.0
 */
export const zForFillRate = (
  input: FillRateTarget
): Result.Result<number, InvalidPlanningInput | ServiceLevelOutOfRange | NegativeDemand> =>
  Result.gen(function*() {
    const t = yield* decodeTarget(input)
    yield* level("zForFillRate", "fillRate", t.fillRate)
    if (!(t.demandPerCycle > 0)) {
      yield* demand("zForFillRate", "demandPerCycle", t.demandPerCycle)
      return yield* Result.fail(new InvalidPlanningInput({ operation: "zForFillRate", field: "demandPerCycle", reason: "must be positive" }))
    }
    yield* demand("zForFillRate", "stdDev", t.stdDev)
    if (t.stdDev === 0) return 0
    return StandardNormal.lossInverse(((1 - t.fillRate) * t.demandPerCycle) / t.stdDev)
  })

/**
 * The fill rate `β = 1 − σ·G(z)/Q` that safety factor `z` gives, clamped at 0.
 *
 * @since 0.1.0
 */
export const fillRate = (z: number, demandPerCycle: number, stdDev: number): number =>
  stdDev === 0 ? 1 : Math.max(0, 1 - (stdDev * StandardNormal.loss(z)) / demandPerCycle)

/**
 * The expected shortage per replenishment cycle, `σ·G(z)`, in stock units.
 *
 * @since 0.1.0
 */
export const expectedShortage = (z: number, stdDev: number): number => (stdDev === 0 ? 0 : stdDev * StandardNormal.loss(z))

/**
 * How a safety factor is chosen: a cycle service level, or a fill rate (which needs the demand per cycle,
 * see {@link zForFillRate}).
 *
 * @since 0.1.0
 */
export const Target = Schema.Union([
  Schema.Struct({ cycleServiceLevel: Schema.Finite }),
  Schema.Struct({ fillRate: Schema.Finite })
])
/** @since 0.1.0 */
export type Target = typeof Target.Type

/**
 * The safety factor for a target, given the demand per cycle and the standard deviation over the protection
 * interval (both used only for fill-rate targets).
 *
 * @since 0.1.0
 */
export const zFor = (
  target: Target,
  demandPerCycle: number,
  stdDev: number
): Result.Result<number, InvalidPlanningInput | ServiceLevelOutOfRange | NegativeDemand> =>
  "cycleServiceLevel" in target
    ? zForCycleServiceLevel(target.cycleServiceLevel, "service.cycleServiceLevel")
    : zForFillRate({ fillRate: target.fillRate, demandPerCycle, stdDev })

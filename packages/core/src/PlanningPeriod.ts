/**
 * Period units for planning: every rate (demand per week, holding cost per unit per year) and every span (a
 * lead time of 5 days) carries its unit, and planning functions refuse to mix units. Converting is always an
 * explicit call here, with one fixed convention:
 *
 * - a week is 7 days, a year 365 days, and a month a twelfth of a year (30.4166… days);
 * - a rate scales with the length of the period: 10 per day is 70 per week;
 * - a standard deviation of demand per period scales with the square root of the length, which assumes
 *   demand in successive periods is independent: σ = 4 per day is σ = 4·√7 per week.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import { PeriodMismatch } from "./PlanningError.ts"

/** A period unit. @since 0.1.0 */
export const PeriodUnit = Schema.Literals(["day", "week", "month", "year"])
/** @since 0.1.0 */
export type PeriodUnit = typeof PeriodUnit.Type

/**
 * The length of each unit in days: the one convention all conversions use.
 *
 * @since 0.1.0
 */
export const daysPer: Readonly<Record<PeriodUnit, number>> = { day: 1, week: 7, month: 365 / 12, year: 365 }

/**
 * An amount per period: demand per week, a holding cost per unit per year, a production rate per day.
 *
 * @since 0.1.0
 */
export const Rate = Schema.Struct({ value: Schema.Finite, per: PeriodUnit })
/** @since 0.1.0 */
export type Rate = typeof Rate.Type

/**
 * A length of time: a lead time, a review period, a cycle.
 *
 * @since 0.1.0
 */
export const Span = Schema.Struct({ value: Schema.Finite, unit: PeriodUnit })
/** @since 0.1.0 */
export type Span = typeof Span.Type

/**
 * The factor that turns a length in `from` units into a length in `to` units (weeks to days: 7).
 *
 * @since 0.1.0
 */
export const factor = (from: PeriodUnit, to: PeriodUnit): number => (from === to ? 1 : daysPer[from] / daysPer[to])

/**
 * A rate expressed per another unit: 10 per day is 70 per week.
 *
 * @since 0.1.0
 */
export const convertRate = (rate: Rate, to: PeriodUnit): Rate => ({ value: rate.value * factor(to, rate.per), per: to })

/**
 * A span expressed in another unit: 2 weeks is 14 days.
 *
 * @since 0.1.0
 */
export const convertSpan = (span: Span, to: PeriodUnit): Span => ({ value: span.value * factor(span.unit, to), unit: to })

/**
 * A standard deviation of demand per `from` period, expressed per `to` period, assuming independent periods:
 * it scales with the square root of the length.
 *
 * @since 0.1.0
 */
export const convertStdDev = (stdDev: number, from: PeriodUnit, to: PeriodUnit): number =>
  from === to ? stdDev : stdDev * Math.sqrt(factor(to, from))

/**
 * Checks that the named units are all the same, failing with {@link PeriodMismatch} on the first that differs
 * from the first one. Returns the common unit.
 *
 * @since 0.1.0
 */
export const sameUnit = (
  operation: string,
  units: readonly [readonly [field: string, unit: PeriodUnit], ...ReadonlyArray<readonly [field: string, unit: PeriodUnit]>]
): Result.Result<PeriodUnit, PeriodMismatch> => {
  const [expectedField, expected] = units[0]
  for (const [field, unit] of units) {
    if (unit !== expected) return Result.fail(new PeriodMismatch({ operation, field, unit, expectedField, expected }))
  }
  return Result.succeed(expected)
}

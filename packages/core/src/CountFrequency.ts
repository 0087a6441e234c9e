/**
 * Suggested cycle-count frequencies per ABC class, and the counting workload they add up to.
 *
 * The default follows the common rule of thumb: count A items monthly (12 times a year), B items quarterly
 * (4) and C items once a year. A policy may change any class; a count of zero means the class is not cycle
 * counted. Intervals are in calendar days of a 365-day year; the workload per working day assumes 250
 * working days unless told otherwise.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import type { AbcClass } from "./Abc.ts"
import { decoder, invalid } from "./internal/planning.ts"
import type { InvalidPlanningInput } from "./PlanningError.ts"

/**
 * Counts per year for each ABC class.
 *
 * @since 0.1.0
 */
export const Policy = Schema.Struct({ A: Schema.Finite, B: Schema.Finite, C: Schema.Finite })
/** @since 0.1.0 */
export type Policy = typeof Policy.Type

/** Monthly for A, quarterly for B, yearly for C. @since 0.1.0 */
export const defaultPolicy: Policy = { A: 12, B: 4, C: 1 }

/**
 * The counting plan of one class: items, counts per item per year, days between counts (null when never
 * counted) and the counts the class needs per year.
 *
 * @since 0.1.0
 */
export interface ClassPlan {
  readonly class: AbcClass
  readonly items: number
  readonly countsPerYear: number
  readonly intervalDays: number | null
  readonly totalCounts: number
}

/**
 * A counting plan: per class, and the total counts per year and per working day.
 *
 * @since 0.1.0
 */
export interface Plan {
  readonly classes: ReadonlyArray<ClassPlan>
  readonly totalCountsPerYear: number
  readonly countsPerWorkingDay: number
}

const decodePolicy = decoder("countFrequency", Policy)

const validPolicy = (policy: Policy): Result.Result<Policy, InvalidPlanningInput> =>
  Result.gen(function*() {
    const p = yield* decodePolicy(policy)
    for (const k of ["A", "B", "C"] as const) {
      if (!(p[k] >= 0 && p[k] <= 365)) return yield* invalid("countFrequency", `policy.${k}`, `must lie between 0 and 365 counts a year (got ${p[k]})`)
    }
    return p
  })

/**
 * How often to count an item of a class: counts per year and days between counts.
 *
 * @since 0.1.0
 */
export const frequency = (
  abcClass: AbcClass,
  policy: Policy = defaultPolicy
): Result.Result<{ readonly countsPerYear: number; readonly intervalDays: number | null }, InvalidPlanningInput> =>
  Result.map(validPolicy(policy), (p) => ({ countsPerYear: p[abcClass], intervalDays: p[abcClass] === 0 ? null : 365 / p[abcClass] }))

/**
 * The counting plan for classified items (for example the rows of `Abc.classify`).
 *
 * @since 0.1.0
 */
export const plan = (
  items: ReadonlyArray<{ readonly class: AbcClass }>,
  policy: Policy = defaultPolicy,
  workingDaysPerYear = 250
): Result.Result<Plan, InvalidPlanningInput> =>
  Result.gen(function*() {
    const p = yield* validPolicy(policy)
    if (!(Number.isInteger(workingDaysPerYear) && workingDaysPerYear >= 1 && workingDaysPerYear <= 366)) {
      return yield* invalid("countFrequency", "workingDaysPerYear", `must be a whole number of days from 1 to 366 (got ${workingDaysPerYear})`)
    }
    const tally = { A: 0, B: 0, C: 0 }
    for (const item of items) tally[item.class]++
    const classes = (["A", "B", "C"] as const).map((k): ClassPlan => ({
      class: k,
      items: tally[k],
      countsPerYear: p[k],
      intervalDays: p[k] === 0 ? null : 365 / p[k],
      totalCounts: tally[k] * p[k]
    }))
    const total = classes.reduce((s, c) => s + c.totalCounts, 0)
    return { classes, totalCountsPerYear: total, countsPerWorkingDay: total / workingDaysPerYear }
  })

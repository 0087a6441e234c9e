// Shared by the forecasting modules: validating a demand series and the options, and assembling a result
// from one-step-ahead fitted values and the forecast variances.
import { Result } from "effect"
import type { Forecast, Method, Options } from "../Forecast.ts"
import { InsufficientHistory, type InvalidPlanningInput, NegativeDemand } from "../PlanningError.ts"
import * as StandardNormal from "../StandardNormal.ts"
import { invalid } from "./planning.ts"

export interface Settings {
  readonly horizon: number
  readonly level: number
}

/** Checks a demand series: an array of finite, non-negative numbers of at least `minLength`. */
export const series = (
  operation: string,
  input: unknown,
  minLength: number
): Result.Result<ReadonlyArray<number>, InvalidPlanningInput | NegativeDemand | InsufficientHistory> => {
  if (!Array.isArray(input)) return invalid(operation, "series", "must be an array of numbers")
  for (let t = 0; t < input.length; t++) {
    const y = input[t] as unknown
    if (typeof y !== "number" || !Number.isFinite(y)) return invalid(operation, `series[${t}]`, "must be a finite number")
    if (y < 0) return Result.fail(new NegativeDemand({ operation, field: `series[${t}]`, value: y }))
  }
  if (input.length < minLength) return Result.fail(new InsufficientHistory({ operation, needed: minLength, got: input.length }))
  return Result.succeed(input as ReadonlyArray<number>)
}

/** Checks the common options: a horizon of 1 to 10,000 periods (1 by default) and an interval level in (0, 1). */
export const settings = (operation: string, options: Options | undefined): Result.Result<Settings, InvalidPlanningInput> => {
  const horizon = options?.horizon ?? 1
  const level = options?.level ?? 0.95
  if (!(Number.isInteger(horizon) && horizon >= 1 && horizon <= 10_000)) {
    return invalid(operation, "horizon", `must be a whole number of periods from 1 to 10000 (got ${horizon})`)
  }
  if (!(level > 0 && level < 1)) return invalid(operation, "level", `must lie strictly between 0 and 1 (got ${level})`)
  return Result.succeed({ horizon, level })
}

/** A smoothing constant: given and checked, or undefined to be fitted. */
export const constant = (operation: string, field: string, value: number | undefined): Result.Result<number | undefined, InvalidPlanningInput> =>
  value === undefined || (Number.isFinite(value) && value >= 0 && value <= 1)
    ? Result.succeed(value)
    : invalid(operation, field, `must lie between 0 and 1 (got ${value})`)

/** The sum of squared one-step errors over the periods that have a fitted value. */
export const sse = (y: ReadonlyArray<number>, fitted: ReadonlyArray<number | null>): { readonly sse: number; readonly n: number } => {
  let sum = 0
  let n = 0
  for (let t = 0; t < y.length; t++) {
    const f = fitted[t]
    if (f === null || f === undefined) continue
    const e = y[t]! - f
    sum += e * e
    n++
  }
  return { sse: sum, n }
}

/**
 * A forecast result. `variance(h)`, when given, is the h-step forecast variance as a multiple of the one-step
 * variance σ², which is estimated as SSE / n; intervals are the forecast ± z·σ·√variance(h), floored at 0.
 */
export const result = (
  method: Method,
  parameters: Readonly<Record<string, number>>,
  y: ReadonlyArray<number>,
  fitted: ReadonlyArray<number | null>,
  forecast: ReadonlyArray<number>,
  s: Settings,
  variance: ((h: number) => number) | null
): Forecast => {
  const fit = sse(y, fitted)
  const sigma = fit.n === 0 ? 0 : Math.sqrt(fit.sse / fit.n)
  const z = StandardNormal.quantile(0.5 + s.level / 2)
  return {
    method,
    parameters,
    fitted,
    forecast,
    level: s.level,
    intervals: variance === null
      ? null
      : forecast.map((f, i) => {
        const half = z * sigma * Math.sqrt(variance(i + 1))
        return { lower: Math.max(0, f - half), upper: f + half }
      }),
    sse: fit.sse,
    residualStdDev: sigma
  }
}

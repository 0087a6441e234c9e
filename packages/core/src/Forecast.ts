/**
 * Demand forecasts: the common result shape, and the moving averages. Exponential smoothing (simple, Holt,
 * Holt-Winters) is in {@link ExponentialSmoothing}, intermittent demand (Croston, SBA) in {@link Croston}, and
 * accuracy measures in {@link ForecastAccuracy}.
 *
 * A series is demand per period, oldest first, non-negative (for example `DemandHistory`'s `demand`). Every
 * method returns the one-step-ahead forecast it would have made for each past period (`fitted`, null where
 * it had no forecast yet), the forecasts for the next `horizon` periods, and where a standard formula exists
 * prediction intervals at `level` (95 % by default). Forecasts and interval bounds are floored at zero, since
 * demand never is negative. Parameters not given are fitted by minimising the sum of squared one-step errors
 * over the history.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import * as Forecasting from "./internal/forecasting.ts"
import { invalid } from "./internal/planning.ts"
import type { PlanningError } from "./PlanningError.ts"

/** A forecasting method. @since 0.1.0 */
export const Method = Schema.Literals([
  "moving-average",
  "weighted-moving-average",
  "simple-exponential-smoothing",
  "holt",
  "holt-winters-additive",
  "holt-winters-multiplicative",
  "croston",
  "sba"
])
/** @since 0.1.0 */
export type Method = typeof Method.Type

/**
 * A prediction interval for one future period.
 *
 * @since 0.1.0
 */
export interface Interval {
  readonly lower: number
  readonly upper: number
}

/**
 * A fitted forecast.
 *
 * @since 0.1.0
 */
export interface Forecast {
  readonly method: Method
  /** The parameters used, fitted or given: `alpha`, `beta`, `gamma`, `window`, `seasonLength`… */
  readonly parameters: Readonly<Record<string, number>>
  /** The one-step-ahead forecast for each period of the history; null where there was none yet. */
  readonly fitted: ReadonlyArray<number | null>
  /** Forecasts for the next `horizon` periods. */
  readonly forecast: ReadonlyArray<number>
  /** Prediction intervals for the forecasts at `level`, or null where the method has no standard formula. */
  readonly intervals: ReadonlyArray<Interval> | null
  readonly level: number
  /** Sum of squared one-step errors. */
  readonly sse: number
  /** Root mean squared one-step error: the estimate of σ behind the intervals. */
  readonly residualStdDev: number
}

/**
 * Options every method takes: how many periods to forecast (1 by default), and the coverage of prediction
 * intervals (0.95 by default).
 *
 * @since 0.1.0
 */
export interface Options {
  readonly horizon?: number
  readonly level?: number
}

const average = (y: ReadonlyArray<number>, end: number, weights: ReadonlyArray<number>): number => {
  let sum = 0
  const n = weights.length
  for (let i = 0; i < n; i++) sum += weights[i]! * y[end - n + i]!
  return sum
}

const movingFit = (y: ReadonlyArray<number>, weights: ReadonlyArray<number>) => {
  const fitted = new Array<number | null>(y.length).fill(null)
  for (let t = weights.length; t < y.length; t++) fitted[t] = average(y, t, weights)
  return fitted
}

const uniform = (n: number) => new Array<number>(n).fill(1 / n)

/**
 * Options of {@link movingAverage}: the window, or nothing to choose the window from 1 to `maxWindow` (12 by
 * default) with the least squared one-step error over the periods every candidate can forecast (ties go to
 * the shorter window).
 *
 * @since 0.1.0
 */
export interface MovingAverageOptions extends Options {
  readonly window?: number
  readonly maxWindow?: number
}

/**
 * The simple moving average: the next period is the mean of the last `window` periods. The forecast is flat.
 * There is no standard interval formula, so `intervals` is null.
 *
 * @since 0.1.0
 */
export const movingAverage = (series: ReadonlyArray<number>, options: MovingAverageOptions = {}): Result.Result<Forecast, PlanningError> =>
  Result.gen(function*() {
    const s = yield* Forecasting.settings("movingAverage", options)
    const given = options.window
    if (given !== undefined && !(Number.isInteger(given) && given >= 1)) {
      return yield* invalid("movingAverage", "window", `must be a positive whole number (got ${given})`)
    }
    const maxWindow = options.maxWindow ?? 12
    if (!(Number.isInteger(maxWindow) && maxWindow >= 1)) return yield* invalid("movingAverage", "maxWindow", `must be a positive whole number (got ${maxWindow})`)
    const y = yield* Forecasting.series("movingAverage", series, given ?? 2)
    let window = given ?? 1
    if (given === undefined) {
      const top = Math.min(maxWindow, y.length - 1)
      let best = Infinity
      for (let n = 1; n <= top; n++) {
        // Compare every window on the same periods: those the longest candidate can forecast.
        const w = uniform(n)
        let sum = 0
        for (let t = top; t < y.length; t++) {
          const e = y[t]! - average(y, t, w)
          sum += e * e
        }
        if (sum < best) {
          best = sum
          window = n
        }
      }
    }
    const weights = uniform(window)
    const next = average(y, y.length, weights)
    return Forecasting.result("moving-average", { window }, y, movingFit(y, weights), new Array<number>(s.horizon).fill(next), s, null)
  })

/**
 * Options of {@link weightedMovingAverage}: the weights, oldest first, so the last weight applies to the
 * latest period. They must be non-negative with a positive sum, and are scaled to sum to 1.
 *
 * @since 0.1.0
 */
export interface WeightedMovingAverageOptions extends Options {
  readonly weights: ReadonlyArray<number>
}

/**
 * The weighted moving average. The forecast is flat; `intervals` is null.
 *
 * @since 0.1.0
 */
export const weightedMovingAverage = (
  series: ReadonlyArray<number>,
  options: WeightedMovingAverageOptions
): Result.Result<Forecast, PlanningError> =>
  Result.gen(function*() {
    const s = yield* Forecasting.settings("weightedMovingAverage", options)
    const raw = options?.weights
    if (!Array.isArray(raw) || raw.length === 0) return yield* invalid("weightedMovingAverage", "weights", "must be a non-empty array")
    let total = 0
    for (let i = 0; i < raw.length; i++) {
      const w = raw[i] as unknown
      if (typeof w !== "number" || !Number.isFinite(w) || w < 0) return yield* invalid("weightedMovingAverage", `weights[${i}]`, "must be a finite number ≥ 0")
      total += w
    }
    if (!(total > 0)) return yield* invalid("weightedMovingAverage", "weights", "must have a positive sum")
    const weights = raw.map((w: number) => w / total)
    const y = yield* Forecasting.series("weightedMovingAverage", series, weights.length)
    const next = average(y, y.length, weights)
    return Forecasting.result("weighted-moving-average", { window: weights.length }, y, movingFit(y, weights), new Array<number>(s.horizon).fill(next), s, null)
  })

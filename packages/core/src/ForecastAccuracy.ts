/**
 * Forecast accuracy measures, with `e = actual − forecast` over the periods that have both:
 *
 * | measure | definition | note |
 * |---|---|---|
 * | MAE | mean `|e|` | |
 * | RMSE | `√(mean e²)` | |
 * | MAPE | mean `|e| / actual` | a fraction (0.1 is 10 %); periods with zero actual demand are left out, null if all are |
 * | sMAPE | mean `2|e| / (actual + forecast)` | a fraction from 0 to 2; a period where both are zero counts as 0 |
 * | MASE | MAE / mean `|y_t − y_{t−m}|` over the training series | Hyndman & Koehler (2006); m = 1 unless a season length is given; null if the scale is 0 |
 * | bias | mean `(forecast − actual)` | positive when forecasts run high |
 *
 * MASE is scaled by the naive (or seasonal naive) forecast's in-sample error on the training series; without
 * one, the actual series itself is the training series (in-sample MASE).
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { Forecast } from "./Forecast.ts"
import { invalid } from "./internal/planning.ts"
import type { InvalidPlanningInput } from "./PlanningError.ts"

/**
 * The measures, over `n` periods.
 *
 * @since 0.1.0
 */
export interface Accuracy {
  readonly n: number
  readonly mae: number
  readonly rmse: number
  readonly mape: number | null
  readonly smape: number
  readonly mase: number | null
  readonly bias: number
}

/**
 * Options: the series that scales MASE (the actual series by default) and its season length (1 by default).
 *
 * @since 0.1.0
 */
export interface Options {
  readonly training?: ReadonlyArray<number>
  readonly seasonLength?: number
}

const finite = (field: string, values: ReadonlyArray<number | null>): Result.Result<void, InvalidPlanningInput> => {
  for (let t = 0; t < values.length; t++) {
    const v = values[t]
    if (v !== null && (typeof v !== "number" || !Number.isFinite(v))) return invalid("accuracy", `${field}[${t}]`, "must be a finite number or null")
  }
  return Result.void
}

/**
 * The accuracy of forecasts against actuals, period by period. Periods where the forecast is null (no
 * forecast yet) are left out. Both arrays must have the same length and hold at least one pair.
 *
 * @since 0.1.0
 */
export const measure = (
  actual: ReadonlyArray<number>,
  forecast: ReadonlyArray<number | null>,
  options: Options = {}
): Result.Result<Accuracy, InvalidPlanningInput> =>
  Result.gen(function*() {
    if (!Array.isArray(actual) || !Array.isArray(forecast)) return yield* invalid("accuracy", "actual", "and forecast must be arrays")
    if (actual.length !== forecast.length) {
      return yield* invalid("accuracy", "forecast", `must have as many periods as actual (${forecast.length} ≠ ${actual.length})`)
    }
    yield* finite("actual", actual)
    if (actual.some((v) => v === null)) return yield* invalid("accuracy", "actual", "must not hold nulls")
    yield* finite("forecast", forecast)
    const m = options.seasonLength ?? 1
    if (!(Number.isInteger(m) && m >= 1)) return yield* invalid("accuracy", "seasonLength", `must be a positive whole number (got ${m})`)
    const training = options.training ?? actual
    yield* finite("training", training)
    let n = 0
    let abs = 0
    let sq = 0
    let pct = 0
    let pctN = 0
    let sym = 0
    let signed = 0
    for (let t = 0; t < actual.length; t++) {
      const f = forecast[t]
      if (f === null || f === undefined) continue
      const y = actual[t]!
      const e = y - f
      n++
      abs += Math.abs(e)
      sq += e * e
      signed += f - y
      if (y !== 0) {
        pct += Math.abs(e) / Math.abs(y)
        pctN++
      }
      const denominator = Math.abs(y) + Math.abs(f)
      sym += denominator === 0 ? 0 : (2 * Math.abs(e)) / denominator
    }
    if (n === 0) return yield* invalid("accuracy", "forecast", "has no period with both an actual and a forecast")
    let scale = 0
    for (let t = m; t < training.length; t++) scale += Math.abs(training[t]! - training[t - m]!)
    scale = training.length > m ? scale / (training.length - m) : 0
    const mae = abs / n
    return {
      n,
      mae,
      rmse: Math.sqrt(sq / n),
      mape: pctN === 0 ? null : pct / pctN,
      smape: sym / n,
      mase: scale === 0 ? null : mae / scale,
      bias: signed / n
    }
  })

/**
 * The in-sample accuracy of a fitted forecast: its one-step fitted values against the history it was fitted
 * on (MASE scaled by that history, with the forecast's season length when it has one).
 *
 * @since 0.1.0
 */
export const ofFit = (history: ReadonlyArray<number>, forecast: Forecast): Result.Result<Accuracy, InvalidPlanningInput> =>
  measure(history, forecast.fitted, { seasonLength: forecast.parameters["seasonLength"] ?? 1 })

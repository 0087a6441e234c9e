/**
 * Croston's method for intermittent demand (Croston 1972), and the Syntetos-Boylan approximation (SBA,
 * Syntetos & Boylan 2005) that removes its bias.
 *
 * Periods with demand update two smoothed figures with the same constant α: the demand size `z` and the
 * interval `p` between demands (in periods). Periods without demand change neither. The forecast per period
 * is `z/p` for Croston and `(1 − α/2)·z/p` for SBA.
 *
 * The first demand sets the initial state: `z` = its size, `p` = its position counted from 1 (the periods up
 * to and including it). Fitted values start from the period after the first demand. A series without any
 * demand forecasts zero. α, when absent, is fitted in [0, 1] by golden-section search on the squared
 * one-step errors. There is no standard interval formula, so `intervals` is null.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { Forecast, Options } from "./Forecast.ts"
import * as Forecasting from "./internal/forecasting.ts"
import { golden } from "./internal/optimize.ts"
import type { PlanningError } from "./PlanningError.ts"

/**
 * Options of {@link croston} and {@link sba}: the smoothing constant α (fitted when absent).
 *
 * @since 0.1.0
 */
export interface CrostonOptions extends Options {
  readonly alpha?: number
}

// Runs the recursions; returns the SSE over the fitted periods and the final per-period forecast.
const run = (y: ReadonlyArray<number>, alpha: number, debias: boolean, fitted: Array<number | null> | null) => {
  const factor = debias ? 1 - alpha / 2 : 1
  let z = 0
  let p = 0
  let since = 0
  let started = false
  let sse = 0
  for (let t = 0; t < y.length; t++) {
    const yt = y[t]!
    since++
    if (started) {
      const f = (factor * z) / p
      if (fitted !== null) fitted[t] = f
      sse += (yt - f) * (yt - f)
    }
    if (yt > 0) {
      if (!started) {
        z = yt
        p = since
        started = true
      } else {
        z += alpha * (yt - z)
        p += alpha * (since - p)
      }
      since = 0
    }
  }
  return { sse, next: started ? (factor * z) / p : 0, z, p }
}

const method = (name: "croston" | "sba") => (series: ReadonlyArray<number>, options: CrostonOptions = {}): Result.Result<Forecast, PlanningError> =>
  Result.gen(function*() {
    const s = yield* Forecasting.settings(name, options)
    const given = yield* Forecasting.constant(name, "alpha", options.alpha)
    const y = yield* Forecasting.series(name, series, 1)
    const debias = name === "sba"
    const alpha = given ?? golden((a) => run(y, a, debias, null).sse, 0, 1, 1e-7)
    const fitted = new Array<number | null>(y.length).fill(null)
    const r = run(y, alpha, debias, fitted)
    return Forecasting.result(
      name,
      { alpha, size: r.z, interval: r.p },
      y,
      fitted,
      new Array<number>(s.horizon).fill(r.next),
      s,
      null
    )
  })

/**
 * Croston's method: the smoothed demand size over the smoothed interval.
 *
 * @since 0.1.0
 */
export const croston: (series: ReadonlyArray<number>, options?: CrostonOptions) => Result.Result<Forecast, PlanningError> = method("croston")

/**
 * The Syntetos-Boylan approximation: Croston's forecast times `1 − α/2`.
 *
 * @since 0.1.0
 */
export const sba: (series: ReadonlyArray<number>, options?: CrostonOptions) => Result.Result<Forecast, PlanningError> = method("sba")

/**
 * Demand classification for intermittency (Syntetos, Boylan & Croston 2005): the average inter-demand
 * interval `ADI` and the squared coefficient of variation of the non-zero demand sizes `CV²`, with the
 * cut-offs 1.32 and 0.49 giving smooth, erratic, intermittent or lumpy demand. Croston/SBA suit intermittent
 * and lumpy series; smoothing suits the others. `pattern` is null when there are fewer than two demands.
 *
 * @since 0.1.0
 */
export const pattern = (
  series: ReadonlyArray<number>
): { readonly adi: number | null; readonly cv2: number | null; readonly pattern: "smooth" | "erratic" | "intermittent" | "lumpy" | null } => {
  const sizes = series.filter((v) => v > 0)
  if (sizes.length < 2) return { adi: null, cv2: null, pattern: null }
  const adi = series.length / sizes.length
  const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length
  const variance = sizes.reduce((a, b) => a + (b - mean) * (b - mean), 0) / sizes.length
  const cv2 = variance / (mean * mean)
  const p = adi < 1.32 ? (cv2 < 0.49 ? "smooth" : "erratic") : cv2 < 0.49 ? "intermittent" : "lumpy"
  return { adi, cv2, pattern: p }
}

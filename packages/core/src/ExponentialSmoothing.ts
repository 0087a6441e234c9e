/**
 * Exponential smoothing: simple (level only), Holt's linear trend, and Holt-Winters with additive or
 * multiplicative seasonality, in the component form of Hyndman & Athanasopoulos, *Forecasting: Principles and
 * Practice* (3rd ed., §8.1–8.3):
 *
 * ```
 * level   ℓt = α(yt − st−m) + (1 − α)(ℓt−1 + bt−1)        multiplicative: α(yt / st−m) + …
 * trend   bt = β(ℓt − ℓt−1) + (1 − β)bt−1
 * season  st = γ(yt − ℓt−1 − bt−1) + (1 − γ)st−m          multiplicative: γ·yt / (ℓt−1 + bt−1) + …
 * forecast ŷt+h = ℓt + h·bt + st+h−m(k+1)                 multiplicative: (ℓt + h·bt)·st+h−m(k+1)
 * ```
 *
 * **Initial states.** Simple smoothing starts from the first observation, Holt from the first two (level
 * `y₁`, trend `y₁ − y₀`), unless an initial level (and trend) is given, in which case the state is taken to
 * be the one before the first period and every period gets a fitted value. Holt-Winters starts from the first
 * two seasons as in the NIST/SEMATECH e-Handbook (§6.4.3.5): level = mean of season 1, trend = (mean of
 * season 2 − mean of season 1)/m, seasonal indices = season 1 less (or over) the level; so it needs at least
 * two full seasons, and the multiplicative form needs positive demand in every period.
 *
 * **Fitting.** Constants not given are chosen in [0, 1] to minimise the sum of squared one-step errors:
 * golden-section search for one constant, Nelder-Mead for more.
 *
 * **Intervals.** The h-step variances of the matching ETS models with additive errors (FPP3 Table 9.8):
 * `σ²[1 + (h−1)α²]` for simple smoothing, `σ²[1 + (h−1){α² + αβ'h + β'²h(2h−1)/6}]` for Holt with
 * `β' = αβ`, plus `γk{2α + γ + β'm(k+1)}` with `k = ⌊(h−1)/m⌋` for additive Holt-Winters. The multiplicative
 * form has no closed formula, so its `intervals` is null.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { Forecast, Options } from "./Forecast.ts"
import * as Forecasting from "./internal/forecasting.ts"
import { golden, nelderMead } from "./internal/optimize.ts"
import { invalid } from "./internal/planning.ts"
import type { PlanningError } from "./PlanningError.ts"

/**
 * Options of {@link simple}: the smoothing constant α (fitted when absent) and an initial level.
 *
 * @since 0.1.0
 */
export interface SimpleOptions extends Options {
  readonly alpha?: number
  readonly initialLevel?: number
}

/**
 * Options of {@link holt}: the constants α and β (fitted when absent) and an initial level and trend (both or
 * neither).
 *
 * @since 0.1.0
 */
export interface HoltOptions extends Options {
  readonly alpha?: number
  readonly beta?: number
  readonly initialLevel?: number
  readonly initialTrend?: number
}

/**
 * Options of {@link holtWinters}: the season length `m` (12 for monthly data with a yearly cycle), the kind
 * of seasonality (additive by default) and the constants α, β, γ (fitted when absent).
 *
 * @since 0.1.0
 */
export interface HoltWintersOptions extends Options {
  readonly seasonLength: number
  readonly seasonality?: "additive" | "multiplicative"
  readonly alpha?: number
  readonly beta?: number
  readonly gamma?: number
}

// Runs the recursions for given constants. With `fitted`, records each one-step forecast; returns the SSE and
// leaves the final state in `state` ([level, trend, ...season]).
interface Model {
  readonly run: (params: ReadonlyArray<number>, fitted: Array<number | null> | null, state: Array<number>) => number
}

const fit = (model: Model, given: ReadonlyArray<number | undefined>, start: ReadonlyArray<number>): Array<number> => {
  const free = given.flatMap((g, i) => (g === undefined ? [i] : []))
  const scratch: Array<number> = []
  const full = (x: ReadonlyArray<number>) => given.map((g, i) => g ?? x[free.indexOf(i)]!)
  const cost = (x: ReadonlyArray<number>) => model.run(full(x), null, scratch)
  if (free.length === 0) return given as Array<number>
  if (free.length === 1) return full([golden((a) => cost([a]), 0, 1, 1e-7)])
  const lower = free.map(() => 0)
  const upper = free.map(() => 1)
  return full(nelderMead(cost, free.map((i) => start[i]!), lower, upper, 150 * free.length))
}

const simpleModel = (y: ReadonlyArray<number>, initial: number | undefined): Model => ({
  run: ([alpha], fitted, state) => {
    const a = alpha!
    let level = initial ?? y[0]!
    let sse = 0
    for (let t = initial === undefined ? 1 : 0; t < y.length; t++) {
      const e = y[t]! - level
      if (fitted !== null) fitted[t] = level
      sse += e * e
      level += a * e
    }
    state[0] = level
    return sse
  }
})

/**
 * Simple exponential smoothing: a level and no trend. The forecast is flat.
 *
 * @since 0.1.0
 */
export const simple = (series: ReadonlyArray<number>, options: SimpleOptions = {}): Result.Result<Forecast, PlanningError> =>
  Result.gen(function*() {
    const s = yield* Forecasting.settings("simpleExponentialSmoothing", options)
    const given = yield* Forecasting.constant("simpleExponentialSmoothing", "alpha", options.alpha)
    if (options.initialLevel !== undefined && !Number.isFinite(options.initialLevel)) {
      return yield* invalid("simpleExponentialSmoothing", "initialLevel", "must be a finite number")
    }
    const y = yield* Forecasting.series("simpleExponentialSmoothing", series, options.initialLevel === undefined ? 2 : 1)
    const model = simpleModel(y, options.initialLevel)
    const [alpha] = fit(model, [given], [0.3])
    const fitted = new Array<number | null>(y.length).fill(null)
    const state: Array<number> = []
    model.run([alpha!], fitted, state)
    return Forecasting.result(
      "simple-exponential-smoothing",
      { alpha: alpha! },
      y,
      fitted,
      new Array<number>(s.horizon).fill(Math.max(0, state[0]!)),
      s,
      (h) => 1 + (h - 1) * alpha! * alpha!
    )
  })

const holtModel = (y: ReadonlyArray<number>, initial: readonly [number, number] | undefined): Model => ({
  run: ([alpha, beta], fitted, state) => {
    const a = alpha!
    const b = beta!
    let level = initial === undefined ? y[1]! : initial[0]
    let trend = initial === undefined ? y[1]! - y[0]! : initial[1]
    let sse = 0
    for (let t = initial === undefined ? 2 : 0; t < y.length; t++) {
      const f = level + trend
      if (fitted !== null) fitted[t] = f
      const e = y[t]! - f
      sse += e * e
      const previous = level
      level = a * y[t]! + (1 - a) * f
      trend = b * (level - previous) + (1 - b) * trend
    }
    state[0] = level
    state[1] = trend
    return sse
  }
})

const holtVariance = (alpha: number, beta: number) => {
  const b = alpha * beta
  return (h: number) => 1 + (h - 1) * (alpha * alpha + alpha * b * h + (b * b * h * (2 * h - 1)) / 6)
}

/**
 * Holt's linear trend method.
 *
 * @since 0.1.0
 */
export const holt = (series: ReadonlyArray<number>, options: HoltOptions = {}): Result.Result<Forecast, PlanningError> =>
  Result.gen(function*() {
    const op = "holt"
    const s = yield* Forecasting.settings(op, options)
    const alphaGiven = yield* Forecasting.constant(op, "alpha", options.alpha)
    const betaGiven = yield* Forecasting.constant(op, "beta", options.beta)
    const { initialLevel, initialTrend } = options
    if ((initialLevel === undefined) !== (initialTrend === undefined)) {
      return yield* invalid(op, initialLevel === undefined ? "initialLevel" : "initialTrend", "must be given together with the other initial state")
    }
    if (initialLevel !== undefined && !(Number.isFinite(initialLevel) && Number.isFinite(initialTrend))) {
      return yield* invalid(op, "initialLevel", "and initialTrend must be finite numbers")
    }
    const initial = initialLevel === undefined ? undefined : ([initialLevel, initialTrend!] as const)
    const y = yield* Forecasting.series(op, series, initial === undefined ? 3 : 1)
    const model = holtModel(y, initial)
    const [alpha, beta] = fit(model, [alphaGiven, betaGiven], [0.5, 0.1])
    const fitted = new Array<number | null>(y.length).fill(null)
    const state: Array<number> = []
    model.run([alpha!, beta!], fitted, state)
    const forecast = Array.from({ length: s.horizon }, (_, i) => Math.max(0, state[0]! + (i + 1) * state[1]!))
    return Forecasting.result("holt", { alpha: alpha!, beta: beta! }, y, fitted, forecast, s, holtVariance(alpha!, beta!))
  })

const holtWintersModel = (y: ReadonlyArray<number>, m: number, multiplicative: boolean): Model => {
  let first = 0
  let second = 0
  for (let i = 0; i < m; i++) {
    first += y[i]!
    second += y[m + i]!
  }
  first /= m
  second /= m
  const season0 = Array.from({ length: m }, (_, i) => (multiplicative ? y[i]! / first : y[i]! - first))
  return {
    run: ([alpha, beta, gamma], fitted, state) => {
      const a = alpha!
      const b = beta!
      const g = gamma!
      let level = first
      let trend = (second - first) / m
      const season = state
      season.length = m + 2
      for (let i = 0; i < m; i++) season[i + 2] = season0[i]!
      let sse = 0
      for (let t = m; t < y.length; t++) {
        const slot = (t % m) + 2
        const s = season[slot]!
        const base = level + trend
        const f = multiplicative ? base * s : base + s
        if (fitted !== null) fitted[t] = f
        const yt = y[t]!
        const e = yt - f
        sse += e * e
        const previous = level
        level = multiplicative ? a * (yt / s) + (1 - a) * base : a * (yt - s) + (1 - a) * base
        trend = b * (level - previous) + (1 - b) * trend
        season[slot] = multiplicative ? g * (yt / base) + (1 - g) * s : g * (yt - base) + (1 - g) * s
      }
      state[0] = level
      state[1] = trend
      return Number.isFinite(sse) ? sse : Infinity
    }
  }
}

/**
 * Holt-Winters' seasonal method, additive or multiplicative.
 *
 * @since 0.1.0
 */
export const holtWinters = (series: ReadonlyArray<number>, options: HoltWintersOptions): Result.Result<Forecast, PlanningError> =>
  Result.gen(function*() {
    const op = "holtWinters"
    const s = yield* Forecasting.settings(op, options)
    const m = options?.seasonLength
    if (!(Number.isInteger(m) && m >= 2 && m <= 1000)) return yield* invalid(op, "seasonLength", `must be a whole number from 2 to 1000 (got ${m})`)
    const kind = options.seasonality ?? "additive"
    if (kind !== "additive" && kind !== "multiplicative") return yield* invalid(op, "seasonality", `must be "additive" or "multiplicative"`)
    const given = [
      yield* Forecasting.constant(op, "alpha", options.alpha),
      yield* Forecasting.constant(op, "beta", options.beta),
      yield* Forecasting.constant(op, "gamma", options.gamma)
    ]
    const y = yield* Forecasting.series(op, series, 2 * m)
    const multiplicative = kind === "multiplicative"
    if (multiplicative) {
      const t = y.findIndex((v) => !(v > 0))
      if (t >= 0) return yield* invalid(op, `series[${t}]`, "must be positive: multiplicative seasonality needs demand in every period")
    }
    const model = holtWintersModel(y, m, multiplicative)
    const [alpha, beta, gamma] = fit(model, given, [0.3, 0.1, 0.1])
    const fitted = new Array<number | null>(y.length).fill(null)
    const state: Array<number> = []
    const sse = model.run([alpha!, beta!, gamma!], fitted, state)
    if (!Number.isFinite(sse)) return yield* invalid(op, "alpha", "and the other constants make the model diverge on this series")
    const n = y.length
    const forecast = Array.from({ length: s.horizon }, (_, i) => {
      const h = i + 1
      const seasonal = state[((n + h - 1) % m) + 2]!
      const base = state[0]! + h * state[1]!
      return Math.max(0, multiplicative ? base * seasonal : base + seasonal)
    })
    const trendVariance = holtVariance(alpha!, beta!)
    const variance = multiplicative ? null : (h: number) => {
      const k = Math.floor((h - 1) / m)
      return trendVariance(h) + gamma! * k * (2 * alpha! + gamma! + alpha! * beta! * m * (k + 1))
    }
    return Forecasting.result(
      multiplicative ? "holt-winters-multiplicative" : "holt-winters-additive",
      { alpha: alpha!, beta: beta!, gamma: gamma!, seasonLength: m },
      y,
      fitted,
      forecast,
      s,
      variance
    )
  })

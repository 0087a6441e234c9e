import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import * as fc from "fast-check"
import * as Croston from "../src/Croston.ts"
import * as ExponentialSmoothing from "../src/ExponentialSmoothing.ts"
import * as Forecast from "../src/Forecast.ts"
import * as ForecastAccuracy from "../src/ForecastAccuracy.ts"
import type { PlanningError } from "../src/PlanningError.ts"

const ok = <A>(r: Result.Result<A, PlanningError>): A => {
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}
const failure = <A>(r: Result.Result<A, PlanningError>): PlanningError => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure
}
const close = (actual: number, expected: number, tolerance = 1e-9) =>
  assert.isAtMost(Math.abs(actual - expected), tolerance * Math.max(1, Math.abs(expected)), `${actual} vs ${expected}`)
const closeAll = (actual: ReadonlyArray<number | null>, expected: ReadonlyArray<number | null>, tolerance = 1e-9) => {
  assert.strictEqual(actual.length, expected.length)
  actual.forEach((a, i) => (expected[i] === null ? assert.isNull(a) : close(a!, expected[i]!, tolerance)))
}

// Heizer & Render, Operations Management, Donna's Garden Supply: monthly shed sales.
const sheds = [10, 12, 13, 16, 19, 23, 26, 30, 28, 18, 16, 14]

describe("moving averages", () => {
  it("three-month moving average (Heizer & Render, Donna's Garden Supply)", () => {
    // April: (10 + 12 + 13)/3 = 11 2/3; May: (12 + 13 + 16)/3 = 13 2/3; June: (13 + 16 + 19)/3 = 16; …
    const f = ok(Forecast.movingAverage(sheds, { window: 3, horizon: 2 }))
    closeAll(f.fitted.slice(0, 6), [null, null, null, 35 / 3, 41 / 3, 16])
    closeAll(f.forecast, [16, 16])
    assert.isNull(f.intervals)
  })

  it("weighted moving average with weights 3, 2, 1 (Heizer & Render, Donna's Garden Supply)", () => {
    // April: (3·13 + 2·12 + 10)/6 = 12 1/6; May: (3·16 + 2·13 + 12)/6 = 14 1/3; June: (3·19 + 2·16 + 13)/6 = 17.
    const f = ok(Forecast.weightedMovingAverage(sheds, { weights: [1, 2, 3] }))
    closeAll(f.fitted.slice(0, 6), [null, null, null, 73 / 6, 86 / 6, 17])
    close(f.forecast[0]!, (3 * 14 + 2 * 16 + 18) / 6)
  })

  it("chooses the window with the least squared error when none is given", () => {
    // A level series with one shock: the longest window averages the shock away best.
    const f = ok(Forecast.movingAverage([10, 10, 10, 10, 30, 10, 10, 10, 10, 10, 10, 10], { maxWindow: 4 }))
    assert.strictEqual(f.parameters["window"], 4)
    // A trending series: the shortest window follows it best.
    assert.strictEqual(ok(Forecast.movingAverage([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).parameters["window"], 1)
  })
})

// Heizer & Render, Operations Management, Port of Baltimore: tonnage unloaded per quarter, with a first
// forecast of 175 tons.
const baltimore = [180, 168, 159, 175, 190, 205, 180, 182]

describe("ExponentialSmoothing.simple", () => {
  it("reproduces the textbook table and its MAD for α = 0.10 and α = 0.50 (Heizer & Render, Port of Baltimore)", () => {
    // α = 0.10: 175, 175.50, 174.75, 173.18, 173.36, 175.02, 178.02, 178.22; MAD = 10.31.
    const slow = ok(ExponentialSmoothing.simple(baltimore, { alpha: 0.1, initialLevel: 175 }))
    closeAll(slow.fitted, [175, 175.5, 174.75, 173.175, 173.3575, 175.02175, 178.019575, 178.2176175])
    close(ok(ForecastAccuracy.measure(baltimore, slow.fitted)).mae, 10.3073196875)
    // α = 0.50: 175, 177.50, 172.75, 165.88, 170.44, 180.22, 192.61, 186.30; MAD = 12.33.
    const fast = ok(ExponentialSmoothing.simple(baltimore, { alpha: 0.5, initialLevel: 175 }))
    closeAll(fast.fitted, [175, 177.5, 172.75, 165.875, 170.4375, 180.21875, 192.609375, 186.3046875])
    close(ok(ForecastAccuracy.measure(baltimore, fast.fitted)).mae, 12.3291015625)
  })

  it("fits α by least squares, and gives the standard intervals σ√(1 + (h − 1)α²)", () => {
    const f = ok(ExponentialSmoothing.simple(baltimore, { horizon: 3, level: 0.95 }))
    const alpha = f.parameters["alpha"]!
    // The fitted α is no worse than a grid of alternatives.
    for (let a = 0; a <= 1; a += 0.05) {
      assert.isAtMost(f.sse, ok(ExponentialSmoothing.simple(baltimore, { alpha: a })).sse + 1e-6)
    }
    const sigma = f.residualStdDev
    close(f.intervals![0]!.upper - f.forecast[0]!, 1.959963984540054 * sigma)
    close(f.intervals![2]!.upper - f.forecast[2]!, 1.959963984540054 * sigma * Math.sqrt(1 + 2 * alpha * alpha))
  })
})

describe("ExponentialSmoothing.holt", () => {
  it("reproduces the trend-adjusted table (Heizer & Render, Midwestern Manufacturing, α = 0.2, β = 0.4)", () => {
    // F1 = 11, T1 = 2 give FIT = 13.00, 14.72, 17.28, 20.14, 22.14, 24.89, 26.18, 29.59, 31.60, and 35.16 next.
    const f = ok(ExponentialSmoothing.holt([12, 17, 20, 19, 24, 21, 31, 28, 36], { alpha: 0.2, beta: 0.4, initialLevel: 11, initialTrend: 2, horizon: 2 }))
    closeAll(f.fitted, [13, 14.72, 17.2784, 20.142848, 22.14297856, 24.8916447232, 26.179246075904, 29.594987471994884, 31.599981591107998])
    close(f.forecast[0]!, 35.15597835910985)
    assert.isAbove(f.forecast[1]!, f.forecast[0]!)
  })

  it("fits α and β, and follows a straight line exactly", () => {
    const line = Array.from({ length: 12 }, (_, t) => 20 + 3 * t)
    const f = ok(ExponentialSmoothing.holt(line, { horizon: 3 }))
    closeAll(f.forecast, [56, 59, 62], 1e-6)
    assert.isBelow(f.sse, 1e-9)
  })
})

describe("ExponentialSmoothing.holtWinters", () => {
  it("additive: the recursions by hand (Hyndman & Athanasopoulos, FPP3 §8.3 equations; numbers constructed)", () => {
    // m = 2, y = 10, 20, 12, 22, …; α = β = γ = 0.5. Start (NIST §6.4.3.5): ℓ = 15, b = (17 − 15)/2 = 1,
    // s = (−5, 5). t = 2: ŷ = 15 + 1 − 5 = 11; ℓ = .5(12 + 5) + .5·16 = 16.5; b = .5·1.5 + .5·1 = 1.25;
    // s = .5(12 − 16) + .5(−5) = −4.5. t = 3: ŷ = 16.5 + 1.25 + 5 = 22.75.
    const f = ok(ExponentialSmoothing.holtWinters([10, 20, 12, 22, 14, 24], { seasonLength: 2, alpha: 0.5, beta: 0.5, gamma: 0.5 }))
    closeAll(f.fitted.slice(0, 4), [null, null, 11, 22.75])
    assert.strictEqual(f.method, "holt-winters-additive")
    assert.isNotNull(f.intervals)
  })

  it("multiplicative: the recursions by hand (numbers constructed)", () => {
    // m = 2, y = 10, 20, 12, 24: ℓ = 15, b = (18 − 15)/2 = 1.5, s = (2/3, 4/3). t = 2: ŷ = 16.5·2/3 = 11;
    // ℓ = .5·12/(2/3) + .5·16.5 = 17.25; b = .5·2.25 + .5·1.5 = 1.875. t = 3: ŷ = 19.125·4/3 = 25.5.
    const f = ok(ExponentialSmoothing.holtWinters([10, 20, 12, 24, 14, 28], { seasonLength: 2, seasonality: "multiplicative", alpha: 0.5, beta: 0.5, gamma: 0.5 }))
    closeAll(f.fitted.slice(0, 4), [null, null, 11, 25.5])
    assert.isNull(f.intervals)
  })

  it("fits a seasonal series with trend and forecasts its next season closely", () => {
    const season = [12, -5, 8, -15]
    const y = Array.from({ length: 40 }, (_, t) => 100 + 1.5 * t + season[t % 4]!)
    const f = ok(ExponentialSmoothing.holtWinters(y.slice(0, 36), { seasonLength: 4, horizon: 4 }))
    const accuracy = ok(ForecastAccuracy.measure(y.slice(36), f.forecast))
    assert.isBelow(accuracy.mape!, 0.02)
    const g = ok(ExponentialSmoothing.holtWinters(y.map((v, t) => v * (1 + 0.2 * Math.sin((t * Math.PI) / 2))), { seasonLength: 4, seasonality: "multiplicative", horizon: 8 }))
    assert.strictEqual(g.forecast.length, 8)
    for (const v of g.forecast) assert.isTrue(Number.isFinite(v) && v >= 0)
  })

  it("needs two full seasons, and positive demand for the multiplicative form", () => {
    const short = failure(ExponentialSmoothing.holtWinters([1, 2, 3, 4, 5], { seasonLength: 4 }))
    assert.strictEqual(short._tag, "InsufficientHistory")
    assert.include(short.message, "needs at least 8 periods")
    assert.strictEqual(failure(ExponentialSmoothing.holtWinters([1, 2, 0, 4, 5, 6], { seasonLength: 2, seasonality: "multiplicative" }))._tag, "InvalidPlanningInput")
    assert.strictEqual(failure(ExponentialSmoothing.holtWinters([1, 2, 3, 4], { seasonLength: 1 }))._tag, "InvalidPlanningInput")
  })
})

describe("Croston and SBA", () => {
  it("smooth sizes and intervals only when demand occurs (Croston 1972; numbers constructed)", () => {
    // 0, 0, 5, 0, 3, 0, 0, 4 with α = 0.1. First demand: z = 5, p = 3 → 5/3 from period 4.
    // Period 5 (3 after 2): z = 4.8, p = 2.9 → 1.6552. Period 8 (4 after 3): z = 4.72, p = 2.91 → 1.62199.
    const series = [0, 0, 5, 0, 3, 0, 0, 4]
    const f = ok(Croston.croston(series, { alpha: 0.1, horizon: 2 }))
    closeAll(f.fitted, [null, null, null, 5 / 3, 5 / 3, 4.8 / 2.9, 4.8 / 2.9, 4.8 / 2.9])
    closeAll(f.forecast, [4.72 / 2.91, 4.72 / 2.91])
    // SBA (Syntetos & Boylan 2005) multiplies by 1 − α/2.
    close(ok(Croston.sba(series, { alpha: 0.1 })).forecast[0]!, 0.95 * 4.72 / 2.91)
    // Fitted α lies in [0, 1]; no demand at all forecasts zero.
    const fitted = ok(Croston.sba(series))
    assert.isAtLeast(fitted.parameters["alpha"]!, 0)
    assert.isAtMost(fitted.parameters["alpha"]!, 1)
    assert.deepStrictEqual(ok(Croston.croston([0, 0, 0])).forecast, [0])
  })

  it("classifies demand patterns by ADI and CV² (Syntetos, Boylan & Croston 2005)", () => {
    assert.strictEqual(Croston.pattern([5, 5, 6, 5, 4, 5]).pattern, "smooth")
    assert.strictEqual(Croston.pattern([0, 0, 5, 0, 5, 0, 0, 6]).pattern, "intermittent")
    assert.strictEqual(Croston.pattern([0, 0, 1, 0, 40, 0, 0, 3]).pattern, "lumpy")
    assert.strictEqual(Croston.pattern([1, 40, 2, 30, 1, 25]).pattern, "erratic")
    assert.isNull(Croston.pattern([0, 0, 3]).pattern)
  })
})

describe("ForecastAccuracy", () => {
  it("computes every measure by its definition (Hyndman & Koehler 2006; numbers constructed)", () => {
    // Errors (actual − forecast): 10, −5, 0, −10. MAE 6.25; RMSE √56.25 = 7.5;
    // MAPE (.1 + 5/110 + 0 + 10/130)/4; sMAPE (20/190 + 10/225 + 0 + 20/270)/4; bias (−10 + 5 + 0 + 10)/4;
    // MASE: in-sample naive errors are all 10, so 6.25/10.
    const a = ok(ForecastAccuracy.measure([100, 110, 120, 130], [90, 115, 120, 140]))
    close(a.mae, 6.25)
    close(a.rmse, 7.5)
    close(a.mape!, (0.1 + 5 / 110 + 10 / 130) / 4)
    close(a.smape, (20 / 190 + 10 / 225 + 20 / 270) / 4)
    close(a.bias, 1.25)
    close(a.mase!, 0.625)
    assert.strictEqual(a.n, 4)
    // Zero actuals leave MAPE's periods; nulls in the forecast are skipped; a seasonal training series scales MASE.
    const b = ok(ForecastAccuracy.measure([0, 10, 20], [null, 12, 20], { training: [1, 5, 3, 7], seasonLength: 2 }))
    assert.strictEqual(b.n, 2)
    close(b.mape!, 0.1)
    close(b.mase!, 1 / 2)
    assert.isNull(ok(ForecastAccuracy.measure([0, 0], [1, 1])).mape)
    assert.isNull(ok(ForecastAccuracy.measure([5, 5], [4, 6])).mase)
  })

  it("measures a fit in sample", () => {
    const f = ok(ExponentialSmoothing.simple(baltimore, { alpha: 0.1, initialLevel: 175 }))
    close(ok(ForecastAccuracy.ofFit(baltimore, f)).mae, 10.3073196875)
  })
})

describe("bad input", () => {
  it("negative demand, non-numbers, too little history and bad options are typed errors", () => {
    assert.strictEqual(failure(ExponentialSmoothing.simple([1, -2, 3]))._tag, "NegativeDemand")
    assert.strictEqual(failure(ExponentialSmoothing.simple([1, Number.NaN, 3]))._tag, "InvalidPlanningInput")
    assert.strictEqual(failure(ExponentialSmoothing.holt([1, 2]))._tag, "InsufficientHistory")
    assert.strictEqual(failure(ExponentialSmoothing.simple([1, 2, 3], { alpha: 1.5 }))._tag, "InvalidPlanningInput")
    assert.strictEqual(failure(ExponentialSmoothing.simple([1, 2, 3], { horizon: 0 }))._tag, "InvalidPlanningInput")
    assert.strictEqual(failure(ExponentialSmoothing.simple([1, 2, 3], { level: 1 }))._tag, "InvalidPlanningInput")
    assert.strictEqual(failure(ExponentialSmoothing.holt([1, 2, 3], { initialLevel: 1 }))._tag, "InvalidPlanningInput")
    assert.strictEqual(failure(Forecast.weightedMovingAverage([1, 2, 3], { weights: [0, 0] }))._tag, "InvalidPlanningInput")
    assert.strictEqual(failure(Forecast.movingAverage([1, 2, 3], { window: 0 }))._tag, "InvalidPlanningInput")
    assert.strictEqual(failure(Croston.croston("1,2" as never))._tag, "InvalidPlanningInput")
    const r = ForecastAccuracy.measure([1, 2], [1])
    assert.strictEqual(Result.isFailure(r) && r.failure._tag, "InvalidPlanningInput")
  })

  it("garbage never throws", () => {
    const methods = [
      (s: unknown, o: unknown) => Forecast.movingAverage(s as never, o as never),
      (s: unknown, o: unknown) => Forecast.weightedMovingAverage(s as never, o as never),
      (s: unknown, o: unknown) => ExponentialSmoothing.simple(s as never, o as never),
      (s: unknown, o: unknown) => ExponentialSmoothing.holt(s as never, o as never),
      (s: unknown, o: unknown) => ExponentialSmoothing.holtWinters(s as never, o as never),
      (s: unknown, o: unknown) => Croston.croston(s as never, o as never)
    ]
    const samples = fc.sample(
      fc.tuple(
        fc.oneof(fc.anything(), fc.array(fc.oneof(fc.double(), fc.integer({ min: 0, max: 9 })), { maxLength: 12 })),
        fc.oneof(fc.anything(), fc.record({ horizon: fc.anything(), seasonLength: fc.integer({ min: -1, max: 4 }), alpha: fc.double(), weights: fc.anything() }, { requiredKeys: [] }))
      ),
      { numRuns: 200, seed: 21 }
    )
    for (const [s, o] of samples) {
      for (const run of methods) {
        const r = run(s, o ?? undefined)
        if (Result.isFailure(r)) assert.isString(r.failure.message)
        else for (const v of r.success.forecast) assert.isTrue(Number.isFinite(v))
      }
    }
  })
})

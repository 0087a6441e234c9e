import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import * as fc from "fast-check"
import * as ServiceLevel from "../src/ServiceLevel.ts"
import * as StandardNormal from "../src/StandardNormal.ts"

const close = (actual: number, expected: number, relative: number, message?: string) =>
  assert.isAtMost(Math.abs(actual - expected), relative * Math.abs(expected), message ?? `${actual} vs ${expected}`)

describe("StandardNormal.cdf", () => {
  // Reference values: Φ(x) = erfc(−x/√2)/2 from the C library's erfc at double precision. The central ones
  // agree with Abramowitz & Stegun, Handbook of Mathematical Functions, Table 26.1, to the digits it prints.
  const table: ReadonlyArray<readonly [number, number]> = [
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [-1, 0.15865525393145707],
    [1.96, 0.9750021048517795],
    [3, 0.9986501019683699],
    [-3.5, 0.00023262907903552504],
    [5, 0.9999997133484281],
    [-8, 6.220960574271819e-16],
    [-10, 7.619853024160593e-24],
    [-37, 5.725571222525139e-300]
  ]
  it("matches the reference values to 1e-13 relative, tails included", () => {
    for (const [x, p] of table) close(StandardNormal.cdf(x), p, 1e-13, `Φ(${x})`)
  })

  it("is symmetric and handles the edges", () => {
    for (const x of [0.1, 1.2, 2.9, 3.1, 6.5]) close(StandardNormal.cdf(x) + StandardNormal.cdf(-x), 1, 1e-15)
    assert.strictEqual(StandardNormal.cdf(Infinity), 1)
    assert.strictEqual(StandardNormal.cdf(-Infinity), 0)
    assert.isNaN(StandardNormal.cdf(Number.NaN))
  })
})

describe("StandardNormal.quantile (Wichura AS 241)", () => {
  it("reproduces the published values of PPND16", () => {
    // Wichura (1988), Applied Statistics 37(3), algorithm AS 241: the values its double-precision PPND16 gives,
    // as checked against CPython's statistics.NormalDist.inv_cdf (the same algorithm).
    close(StandardNormal.quantile(0.25), -0.6744897501960817, 1e-15)
    close(StandardNormal.quantile(0.001), -3.090232306167813, 1e-15)
    close(StandardNormal.quantile(1e-10), -6.361340902404056, 1e-15)
    close(StandardNormal.quantile(1e-300), -37.0470962993612, 1e-14)
    close(StandardNormal.quantile(0.95), 1.6448536269514715, 1e-15)
    assert.strictEqual(StandardNormal.quantile(0.5), 0)
    assert.strictEqual(StandardNormal.quantile(0), -Infinity)
    assert.strictEqual(StandardNormal.quantile(1), Infinity)
    assert.isNaN(StandardNormal.quantile(1.5))
    assert.isNaN(StandardNormal.quantile(-0.1))
    assert.isNaN(StandardNormal.quantile(Number.NaN))
  })

  it("round-trips with the CDF: Φ(Φ⁻¹(p)) = p to 1e-9 relative (in the nearer tail)", () => {
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true, maxExcluded: true }), (p) => {
        const back = StandardNormal.cdf(StandardNormal.quantile(p))
        // Compare in the tail the probability is nearest to, where its relative precision lives.
        if (p <= 0.5) return Math.abs(back - p) <= 1e-9 * p
        return Math.abs((1 - back) - (1 - p)) <= 1e-9 * (1 - p) + 1e-16
      }),
      { numRuns: 2000, seed: 7 }
    )
  })

  it("round-trips the other way: Φ⁻¹(Φ(z)) = z to 1e-9 for z in [−37, 5]", () => {
    fc.assert(
      fc.property(fc.double({ min: -37, max: 5, noNaN: true }), (z) => Math.abs(StandardNormal.quantile(StandardNormal.cdf(z)) - z) <= 1e-9),
      { numRuns: 2000, seed: 11 }
    )
  })
})

describe("StandardNormal.loss", () => {
  it("matches tabulated values of G(z) (Silver, Pyke & Thomas, Table of the unit normal loss function)", () => {
    // G(0) = φ(0) = 0.3989; G(1) = 0.0833; G(1.25) = 0.0506; G(2) = 0.008491; and G(−z) = G(z) + z.
    close(StandardNormal.loss(0), 0.3989422804014327, 1e-15)
    close(StandardNormal.loss(1), 0.08331547058768629, 1e-12)
    close(StandardNormal.loss(1.25), 0.05058686830545281, 1e-12)
    close(StandardNormal.loss(2), 0.008490702616829, 1e-10)
    close(StandardNormal.loss(-1), 1.0833154705876864, 1e-14)
  })

  it("inverts: G(G⁻¹(g)) = g", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 50, noNaN: true }), (g) => Math.abs(StandardNormal.loss(StandardNormal.lossInverse(g)) - g) <= 1e-9 * g),
      { numRuns: 500, seed: 3 }
    )
    assert.isNaN(StandardNormal.lossInverse(0))
    assert.isNaN(StandardNormal.lossInverse(-1))
  })
})

describe("ServiceLevel", () => {
  it("gives the textbook safety factors for cycle service levels", () => {
    // The z table every operations text prints: 90 % → 1.28, 95 % → 1.645, 98 % → 2.054, 99 % → 2.326.
    const z = (csl: number) => Result.getOrThrow(ServiceLevel.zForCycleServiceLevel(csl))
    close(z(0.9), 1.2815515655446004, 1e-12)
    close(z(0.95), 1.6448536269514722, 1e-12)
    close(z(0.98), 2.053748910631823, 1e-12)
    close(z(0.99), 2.3263478740408408, 1e-12)
    close(ServiceLevel.cycleServiceLevel(z(0.97)), 0.97, 1e-12)
  })

  it("meets a fill-rate target through the loss function", () => {
    // The fill-rate method of Silver, Pyke & Thomas (Inventory and Production Management in Supply Chains,
    // ch. 6), numbers constructed: Q = 500 per cycle, σ = 100 over the lead time, a 99 % fill rate give
    // G(z) = (1 − 0.99)·500/100 = 0.05; their loss table has G(1.25) = 0.0506, so z lies just above 1.25.
    const z = Result.getOrThrow(ServiceLevel.zForFillRate({ fillRate: 0.99, demandPerCycle: 500, stdDev: 100 }))
    close(StandardNormal.loss(z), 0.05, 1e-12)
    assert.isAbove(z, 1.25)
    assert.isBelow(z, 1.26)
    close(ServiceLevel.fillRate(z, 500, 100), 0.99, 1e-12)
    close(ServiceLevel.expectedShortage(z, 100), 5, 1e-10)
    // No variability: no safety stock needed.
    assert.strictEqual(Result.getOrThrow(ServiceLevel.zForFillRate({ fillRate: 0.999, demandPerCycle: 10, stdDev: 0 })), 0)
  })

  it("refuses service levels outside (0, 1) with a typed error", () => {
    for (const level of [0, 1, -0.2, 1.5, Number.NaN]) {
      const r = ServiceLevel.zForCycleServiceLevel(level)
      assert.isTrue(Result.isFailure(r))
      if (Result.isFailure(r)) {
        assert.strictEqual(r.failure._tag, "ServiceLevelOutOfRange")
        assert.include(r.failure.message, "strictly between 0 and 1")
      }
    }
    const fill = ServiceLevel.zForFillRate({ fillRate: 1, demandPerCycle: 10, stdDev: 2 })
    assert.strictEqual(Result.isFailure(fill) && fill.failure._tag, "ServiceLevelOutOfRange")
    const negative = ServiceLevel.zForFillRate({ fillRate: 0.9, demandPerCycle: -10, stdDev: 2 })
    assert.strictEqual(Result.isFailure(negative) && negative.failure._tag, "NegativeDemand")
    const shape = ServiceLevel.zForFillRate({ fillRate: "0.9" } as never)
    assert.strictEqual(Result.isFailure(shape) && shape.failure._tag, "InvalidPlanningInput")
  })
})

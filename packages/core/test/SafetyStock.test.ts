import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import * as fc from "fast-check"
import type { PlanningError } from "../src/PlanningError.ts"
import * as PlanningPeriod from "../src/PlanningPeriod.ts"
import * as SafetyStock from "../src/SafetyStock.ts"

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

describe("SafetyStock.reorderPoint", () => {
  it("demand variability only (Heizer & Render, Operations Management, the blood-bank reorder point example)", () => {
    // d = 15 units a day, σd = 5, L = 2 days, 90 % service: SS = 1.28·5·√2 = 9.06 and ROP = 30 + 9.06 = 39.
    const plan = ok(SafetyStock.reorderPoint({
      demand: { mean: 15, stdDev: 5, per: "day" },
      leadTime: { mean: 2, unit: "day" },
      service: { cycleServiceLevel: 0.9 }
    }))
    assert.strictEqual(plan.variability, "demand")
    close(plan.stdDev, 5 * Math.SQRT2)
    close(plan.safetyStock, 1.2815515655446004 * 5 * Math.SQRT2)
    close(plan.level, 30 + 9.0619380243682)
    close(plan.cycleServiceLevel, 0.9)
  })

  it("lead-time variability only (Heizer & Render, the constant-demand, variable-lead-time example)", () => {
    // d = 10 a day constant, L = 6 days with σL = 1 day, 98 % service: SS = 2.055·10·1 = 20.55, ROP = 80.55.
    const plan = ok(SafetyStock.reorderPoint({
      demand: { mean: 10, per: "day" },
      leadTime: { mean: 6, stdDev: 1, unit: "day" },
      service: { cycleServiceLevel: 0.98 }
    }))
    assert.strictEqual(plan.variability, "lead-time")
    close(plan.safetyStock, 20.53748910631822)
    close(plan.level, 80.53748910631822)
  })

  it("both combined (Heizer & Render, the variable-demand, variable-lead-time example)", () => {
    // d = 150 a day with σd = 16, L = 5 days with σL = 1, 95 % service:
    // σ = √(5·16² + 150²·1²) = √23,780 = 154.2; SS = 1.645·154.2 = 253.6; ROP = 750 + 253.6 ≈ 1,004.
    const plan = ok(SafetyStock.reorderPoint({
      demand: { mean: 150, stdDev: 16, per: "day" },
      leadTime: { mean: 5, stdDev: 1, unit: "day" },
      service: { cycleServiceLevel: 0.95 }
    }))
    assert.strictEqual(plan.variability, "combined")
    close(plan.stdDev, Math.sqrt(23_780))
    close(plan.safetyStock, 1.6448536269514715 * Math.sqrt(23_780))
    close(plan.level, 750 + 1.6448536269514715 * Math.sqrt(23_780))
  })

  it("the combined formula reduces to each special case (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.double({ min: 0, max: 1e3, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true }), (d, sd, l, sl) => {
        const demandOnly = SafetyStock.stdDevOver(l, { mean: d, stdDev: sd, per: "day" }, 0)
        const leadOnly = SafetyStock.stdDevOver(l, { mean: d, stdDev: 0, per: "day" }, sl)
        const both = SafetyStock.stdDevOver(l, { mean: d, stdDev: sd, per: "day" }, sl)
        return Math.abs(demandOnly - sd * Math.sqrt(l)) <= 1e-9 * (1 + demandOnly) &&
          Math.abs(leadOnly - d * sl) <= 1e-9 * (1 + leadOnly) &&
          Math.abs(both * both - (demandOnly * demandOnly + leadOnly * leadOnly)) <= 1e-9 * (1 + both * both)
      }),
      { numRuns: 300, seed: 9 }
    )
  })

  it("a fill-rate target uses the order quantity", () => {
    // σ over the lead time = 100, Q = 500, β = 99 %: G(z) = 0.05.
    const plan = ok(SafetyStock.reorderPoint({
      demand: { mean: 100, stdDev: 50, per: "day" },
      leadTime: { mean: 4, unit: "day" },
      service: { fillRate: 0.99 },
      orderQuantity: 500
    }))
    close(plan.stdDev, 100)
    close(plan.fillRate!, 0.99)
    assert.strictEqual(failure(SafetyStock.reorderPoint({
      demand: { mean: 100, stdDev: 50, per: "day" },
      leadTime: { mean: 4, unit: "day" },
      service: { fillRate: 0.99 }
    }))._tag, "InvalidPlanningInput")
  })
})

describe("SafetyStock.orderUpTo", () => {
  it("periodic review over R + L (Chopra & Meindl, Supply Chain Management, the periodic review example)", () => {
    // Weekly demand 2,500 with σ = 500, L = 2 weeks, review every 4 weeks, CSL 90 %:
    // mean over T + L = 6·2,500 = 15,000; σ = √6·500 = 1,225; ss = 1.28·1,225 = 1,570; OUL = 16,570.
    const plan = ok(SafetyStock.orderUpTo({
      demand: { mean: 2500, stdDev: 500, per: "week" },
      leadTime: { mean: 2, unit: "week" },
      reviewPeriod: { value: 4, unit: "week" },
      service: { cycleServiceLevel: 0.9 }
    }))
    assert.deepStrictEqual(plan.protectionInterval, { value: 6, unit: "week" })
    close(plan.meanDemand, 15_000)
    close(plan.stdDev, Math.sqrt(6) * 500)
    close(plan.safetyStock, 1569.5737073246)
    close(plan.level, 16_569.5737073246)
  })
})

describe("bad input", () => {
  const demand = { mean: 10, stdDev: 2, per: "day" as const }

  it("mixed period units are a PeriodMismatch: weekly demand with a lead time in days", () => {
    const error = failure(SafetyStock.reorderPoint({ demand: { ...demand, per: "week" }, leadTime: { mean: 5, unit: "day" }, service: { cycleServiceLevel: 0.95 } }))
    assert.strictEqual(error._tag, "PeriodMismatch")
    assert.include(error.message, "leadTime.unit is per day but demand.per is per week")
    assert.strictEqual(failure(SafetyStock.orderUpTo({ demand, leadTime: { mean: 5, unit: "day" }, reviewPeriod: { value: 1, unit: "week" }, service: { cycleServiceLevel: 0.95 } }))._tag, "PeriodMismatch")
    // Converted explicitly, the same figures are fine: 1 week = 7 days.
    const review = PlanningPeriod.convertSpan({ value: 1, unit: "week" }, "day")
    assert.deepStrictEqual(review, { value: 7, unit: "day" })
    assert.isTrue(Result.isSuccess(SafetyStock.orderUpTo({ demand, leadTime: { mean: 5, unit: "day" }, reviewPeriod: review, service: { cycleServiceLevel: 0.95 } })))
  })

  it("a service level outside (0, 1) is a ServiceLevelOutOfRange", () => {
    for (const level of [0, 1, 1.01, -0.5]) {
      assert.strictEqual(failure(SafetyStock.reorderPoint({ demand, leadTime: { mean: 5, unit: "day" }, service: { cycleServiceLevel: level } }))._tag, "ServiceLevelOutOfRange")
    }
  })

  it("negative demand is a NegativeDemand; a negative lead time is invalid", () => {
    assert.strictEqual(failure(SafetyStock.reorderPoint({ demand: { ...demand, mean: -1 }, leadTime: { mean: 5, unit: "day" }, service: { cycleServiceLevel: 0.9 } }))._tag, "NegativeDemand")
    assert.strictEqual(failure(SafetyStock.reorderPoint({ demand: { ...demand, stdDev: -1 }, leadTime: { mean: 5, unit: "day" }, service: { cycleServiceLevel: 0.9 } }))._tag, "NegativeDemand")
    assert.strictEqual(failure(SafetyStock.reorderPoint({ demand, leadTime: { mean: -5, unit: "day" }, service: { cycleServiceLevel: 0.9 } }))._tag, "InvalidPlanningInput")
    assert.strictEqual(failure(SafetyStock.reorderPoint({ demand, leadTime: { mean: 5, unit: "fortnight" }, service: { cycleServiceLevel: 0.9 } } as never))._tag, "InvalidPlanningInput")
  })
})

describe("PlanningPeriod", () => {
  it("converts rates, spans and standard deviations by the documented convention", () => {
    assert.deepStrictEqual(PlanningPeriod.convertRate({ value: 10, per: "day" }, "week"), { value: 70, per: "week" })
    close(PlanningPeriod.convertRate({ value: 1200, per: "year" }, "month").value, 100)
    close(PlanningPeriod.convertRate({ value: 365, per: "year" }, "day").value, 1)
    close(PlanningPeriod.convertSpan({ value: 2, unit: "week" }, "day").value, 14)
    close(PlanningPeriod.convertStdDev(4, "day", "week"), 4 * Math.sqrt(7))
    close(PlanningPeriod.convertStdDev(4 * Math.sqrt(7), "week", "day"), 4)
    // Converting there and back is the identity.
    fc.assert(fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(...(["day", "week", "month", "year"] as const)), fc.constantFrom(...(["day", "week", "month", "year"] as const)), (v, a, b) => {
      const back = PlanningPeriod.convertRate(PlanningPeriod.convertRate({ value: v, per: a }, b), a)
      return Math.abs(back.value - v) <= 1e-9 * (1 + v)
    }), { numRuns: 200, seed: 10 })
  })
})

import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import * as fc from "fast-check"
import * as Eoq from "../src/Eoq.ts"
import type { PlanningError } from "../src/PlanningError.ts"
import * as QuantityDiscount from "../src/QuantityDiscount.ts"

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

const year = (value: number) => ({ value, per: "year" as const })

describe("Eoq.classic", () => {
  it("solves the textbook example (Heizer & Render, Operations Management, the Sharp, Inc. EOQ example)", () => {
    // D = 1,000 units a year, S = $10 an order, H = $0.50 per unit per year:
    // Q* = √(2·1000·10/0.5) = √40,000 = 200; N = 1000/200 = 5 orders; T = 0.2 years (50 of 250 working days);
    // ordering 5·10 = $50 + holding 200/2·0.5 = $50 = $100 a year.
    const plan = ok(Eoq.classic({ demand: year(1000), orderingCost: 10, holdingCost: year(0.5) }))
    close(plan.quantity, 200)
    close(plan.ordersPerPeriod, 5)
    assert.deepStrictEqual(plan.cycleTime, { value: 0.2, unit: "year" })
    close(plan.orderingCost, 50)
    close(plan.holdingCost, 50)
    close(plan.totalCost, 100)
    // At another quantity: Q = 250 costs 1000/250·10 + 250/2·0.5 = 40 + 62.5.
    close(ok(Eoq.classicAt({ demand: year(1000), orderingCost: 10, holdingCost: year(0.5) }, 250)).totalCost, 102.5)
  })

  it("builds the holding cost from a carrying rate", () => {
    // A $20 item carried at 25 % a year costs $5 per unit-year.
    assert.deepStrictEqual(Eoq.holdingCost(20, year(0.25)), { value: 5, per: "year" })
  })

  it("minimises its own total cost function (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 0.01, max: 1e4, noNaN: true }),
        fc.double({ min: 0.001, max: 1e3, noNaN: true }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        (d, s, h, factor) => {
          const input = { demand: year(d), orderingCost: s, holdingCost: year(h) }
          const best = ok(Eoq.classic(input))
          const other = ok(Eoq.classicAt(input, best.quantity * factor))
          // At the optimum ordering and holding costs are equal, and no other quantity costs less.
          return other.totalCost >= best.totalCost * (1 - 1e-12) && Math.abs(best.orderingCost - best.holdingCost) <= 1e-9 * best.totalCost
        }
      ),
      { numRuns: 500, seed: 1 }
    )
  })
})

describe("Eoq.production", () => {
  it("solves the textbook EPQ example (Heizer & Render, the Nathan Manufacturing production order quantity)", () => {
    // D = 1,000 a year, S = $10 a set-up, H = $0.50 per unit-year, daily demand 4 against daily production 8
    // (so p = 2,000 a year over the same 250 days): Q* = √(2·1000·10 / (0.5·(1 − 4/8))) = √80,000 = 282.84.
    // Maximum inventory Q(1 − d/p) = 141.42; annual cost 1000/282.84·10 + 0.5·141.42/2 = 35.36 + 35.36.
    const plan = ok(Eoq.production({ demand: year(1000), productionRate: year(2000), setupCost: 10, holdingCost: year(0.5) }))
    close(plan.quantity, Math.sqrt(80_000))
    close(plan.maxInventory, Math.sqrt(80_000) / 2)
    close(plan.totalCost, 2 * 10_000 / Math.sqrt(80_000))
    close(plan.productionTime.value, Math.sqrt(80_000) / 2000)
  })

  it("minimises its own cost function and refuses a production rate at or below demand", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e5, noNaN: true }), fc.double({ min: 1.01, max: 100, noNaN: true }), fc.double({ min: 0.05, max: 20, noNaN: true }), (d, ratio, factor) => {
        const input = { demand: year(d), productionRate: year(d * ratio), setupCost: 50, holdingCost: year(2) }
        const best = ok(Eoq.production(input))
        return ok(Eoq.productionAt(input, best.quantity * factor)).totalCost >= best.totalCost * (1 - 1e-12)
      }),
      { numRuns: 300, seed: 2 }
    )
    const error = failure(Eoq.production({ demand: year(1000), productionRate: year(1000), setupCost: 10, holdingCost: year(1) }))
    assert.strictEqual(error._tag, "InvalidPlanningInput")
    assert.include(error.message, "productionRate.value must exceed the demand rate")
  })
})

describe("Eoq.withBackorders", () => {
  it("solves the textbook planned-shortage example (Hillier & Lieberman, Introduction to Operations Research, EOQ with planned shortages, the speaker example)", () => {
    // d = 8,000 a month, K = $12,000 a set-up, h = $0.30 per unit-month, p = $1.10 per unit short per month:
    // Q* = √(2dK/h)·√((p + h)/p) = 25,298·1.1282 = 28,540; S* = √(2dK/h)·√(p/(p + h)) = 22,424;
    // the largest shortage is Q* − S* = 6,116 and the cycle t* = Q*/d = 3.57 months.
    const input = { demand: { value: 8000, per: "month" as const }, orderingCost: 12_000, holdingCost: { value: 0.3, per: "month" as const }, backorderCost: { value: 1.1, per: "month" as const } }
    const plan = ok(Eoq.withBackorders(input))
    close(plan.quantity, 28_540.24, 1e-6)
    close(plan.maxInventory, 22_424.48, 1e-6)
    close(plan.maxBackorder, 6_115.77, 1e-6)
    close(plan.cycleTime.value, 3.5675, 1e-4)
    close(plan.inStockShare, 1.1 / 1.4)
    assert.strictEqual(plan.per, "month")
    close(plan.totalCost, plan.orderingCost + plan.holdingCost + plan.backorderCost)
  })

  it("minimises its own cost over order quantity and backorder level, and tends to the classic EOQ", () => {
    const input = { demand: year(5000), orderingCost: 40, holdingCost: year(3), backorderCost: year(12) }
    const best = ok(Eoq.withBackorders(input))
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (factor, share) => {
        const q = best.quantity * factor
        return ok(Eoq.withBackordersAt(input, q, q * share)).totalCost >= best.totalCost * (1 - 1e-12)
      }),
      { numRuns: 400, seed: 3 }
    )
    const classic = ok(Eoq.classic({ demand: year(5000), orderingCost: 40, holdingCost: year(3) }))
    const costly = ok(Eoq.withBackorders({ ...input, backorderCost: year(1e12) }))
    close(costly.quantity, classic.quantity, 1e-9)
  })
})

describe("QuantityDiscount", () => {
  it("all-units: solves the textbook example (Heizer & Render, the Wohl's Discount Store quantity discount)", () => {
    // D = 5,000, S = $49, I = 20 %; $5.00 below 1,000, $4.80 from 1,000, $4.75 from 2,000.
    // EOQs 700, 714 → 1,000 and 718 → 2,000; costs $25,700, $24,725 and $24,822.50: order 1,000.
    const plan = ok(QuantityDiscount.allUnits({
      demand: year(5000),
      orderingCost: 49,
      carryingRate: year(0.2),
      breaks: [{ minQuantity: 0, unitPrice: 5 }, { minQuantity: 1000, unitPrice: 4.8 }, { minQuantity: 2000, unitPrice: 4.75 }]
    }))
    close(plan.quantity, 1000)
    close(plan.unitPrice, 4.8)
    close(plan.totalCost, 24_725)
    assert.deepStrictEqual(plan.candidates.map((c) => c.totalCost === null ? null : Math.round(c.totalCost * 100) / 100), [25_700, 24_725, 24_822.5])
    close(plan.candidates[0]!.eoq, 700)
  })

  const nahmias = {
    demand: year(600),
    orderingCost: 8,
    carryingRate: year(0.2),
    breaks: [{ minQuantity: 0, unitPrice: 0.3 }, { minQuantity: 500, unitPrice: 0.29 }, { minQuantity: 1000, unitPrice: 0.28 }]
  }

  it("all-units: solves the second textbook example (Nahmias, Production and Operations Analysis, the trash bag example)", () => {
    // D = 600, K = $8, I = 0.2; 30¢, 29¢ from 500, 28¢ from 1,000. Only the 30¢ EOQ (400) is realisable;
    // G(400) = 180 + 12 + 12 = $204, G(500) = 174 + 9.6 + 14.5 = $198.10, G(1000) = 168 + 4.8 + 28 = $200.80.
    const plan = ok(QuantityDiscount.allUnits(nahmias))
    close(plan.quantity, 500)
    close(plan.totalCost, 198.1)
  })

  it("incremental: solves the same data with incremental prices (Nahmias)", () => {
    // R(500) = $150, R(1000) = $295. Bracket EOQs: 400 (feasible, G = $204), √(2·600·13/(0.2·0.29)) = 518.6
    // (feasible, G = 174 + 0.5 + 7800/518.6 + 0.029·518.6 = $204.58) and 702, below its bracket, whose best
    // point is then its start: G(1000) = 600·295/1000 + 8·600/1000 + 0.2·295/2 = $211.30.
    const plan = ok(QuantityDiscount.incremental(nahmias))
    close(plan.quantity, 400)
    close(plan.totalCost, 204)
    close(plan.candidates[1]!.quantity!, Math.sqrt(2 * 600 * 13 / (0.2 * 0.29)))
    close(plan.candidates[1]!.totalCost!, 174 + 0.5 + 7800 / plan.candidates[1]!.quantity! + 0.029 * plan.candidates[1]!.quantity!)
    close(plan.candidates[2]!.eoq, Math.sqrt(2 * 600 * 23 / (0.2 * 0.28)))
    close(plan.candidates[2]!.quantity!, 1000)
    close(plan.candidates[2]!.totalCost!, 211.3)
  })

  it("no feasible quantity costs less than the one chosen (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e5, noNaN: true }), fc.double({ min: 1, max: 5000, noNaN: true }), (d, q) => {
        const input = { ...nahmias, demand: year(d) }
        const a = ok(QuantityDiscount.allUnits(input))
        const i = ok(QuantityDiscount.incremental(input))
        return ok(QuantityDiscount.allUnitsAt(input, q)).totalCost >= a.totalCost * (1 - 1e-12) &&
          ok(QuantityDiscount.incrementalAt(input, q)).totalCost >= i.totalCost * (1 - 1e-12)
      }),
      { numRuns: 400, seed: 4 }
    )
  })
})

describe("bad input", () => {
  const base = { demand: year(1000), orderingCost: 10, holdingCost: year(0.5) }

  it("zero or negative holding cost is a NonPositiveCost", () => {
    for (const value of [0, -1]) {
      const error = failure(Eoq.classic({ ...base, holdingCost: year(value) }))
      assert.strictEqual(error._tag, "NonPositiveCost")
      assert.strictEqual((error as { field?: string }).field, "holdingCost.value")
    }
    assert.strictEqual(failure(Eoq.classic({ ...base, orderingCost: 0 }))._tag, "NonPositiveCost")
    assert.strictEqual(failure(QuantityDiscount.allUnits({ ...base, carryingRate: year(0.2), breaks: [{ minQuantity: 0, unitPrice: 0 }] }))._tag, "NonPositiveCost")
  })

  it("negative demand is a NegativeDemand; zero demand has no order quantity", () => {
    const error = failure(Eoq.classic({ ...base, demand: year(-5) }))
    assert.strictEqual(error._tag, "NegativeDemand")
    assert.include(error.message, "demand.value must not be negative (got -5)")
    assert.strictEqual(failure(Eoq.classic({ ...base, demand: year(0) }))._tag, "InvalidPlanningInput")
  })

  it("mixed period units are a PeriodMismatch naming both fields", () => {
    const error = failure(Eoq.classic({ ...base, holdingCost: { value: 0.05, per: "month" } }))
    assert.strictEqual(error._tag, "PeriodMismatch")
    assert.include(error.message, "holdingCost.per is per month but demand.per is per year")
    assert.strictEqual(failure(Eoq.production({ demand: year(10), productionRate: { value: 1, per: "day" }, setupCost: 1, holdingCost: year(1) }))._tag, "PeriodMismatch")
    assert.strictEqual(failure(Eoq.withBackorders({ ...base, backorderCost: { value: 1, per: "week" } }))._tag, "PeriodMismatch")
  })

  it("garbage never throws: every failure is typed, with a message", () => {
    const samples = fc.sample(fc.oneof(fc.anything(), fc.record({ demand: fc.anything(), orderingCost: fc.anything(), holdingCost: fc.anything() })), { numRuns: 120, seed: 5 })
    for (const sample of samples) {
      for (const run of [
        () => Eoq.classic(sample as never),
        () => Eoq.production(sample as never),
        () => Eoq.withBackorders(sample as never),
        () => QuantityDiscount.allUnits(sample as never),
        () => QuantityDiscount.incremental(sample as never)
      ]) {
        const r = run()
        if (Result.isFailure(r)) {
          assert.isString(r.failure._tag)
          assert.isString(r.failure.message)
        }
      }
    }
  })

  it("discount breaks out of order are refused", () => {
    const error = failure(QuantityDiscount.incremental({ ...base, carryingRate: year(0.2), breaks: [{ minQuantity: 0, unitPrice: 2 }, { minQuantity: 0, unitPrice: 1 }] }))
    assert.strictEqual(error._tag, "InvalidPlanningInput")
    assert.include(error.message, "breaks[1].minQuantity")
    assert.strictEqual(failure(QuantityDiscount.incremental({ ...base, carryingRate: year(0.2), breaks: [{ minQuantity: 10, unitPrice: 2 }] }))._tag, "InvalidPlanningInput")
    assert.strictEqual(failure(QuantityDiscount.allUnits({ ...base, carryingRate: year(0.2), breaks: [] }))._tag, "InvalidPlanningInput")
  })
})

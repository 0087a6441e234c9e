import { assert, describe, it } from "@effect/vitest"
import { BigDecimal, Result } from "effect"
import * as fc from "fast-check"
import * as Eoq from "../src/Eoq.ts"
import type { ReorderPolicy } from "../src/Item.ts"
import * as Replenishment from "../src/Replenishment.ts"
import * as SafetyStock from "../src/SafetyStock.ts"

const d = (s: string) => BigDecimal.fromStringUnsafe(s)
const position = (onHand: bigint, extra: Partial<Replenishment.Position> = {}): Replenishment.Position => ({ onHand, onOrder: 0n, reserved: 0n, backordered: 0n, ...extra })
const decide = (policy: ReorderPolicy, p: Replenishment.Position, decimals = 0) => {
  const r = Replenishment.evaluate(policy, p, decimals)
  if (Result.isFailure(r)) throw new Error(`${r.failure.field} ${r.failure.reason}`)
  return r.success
}

describe("Replenishment.evaluate", () => {
  it("(ROP, Q): orders the fewest multiples of Q that lift the position above the reorder point", () => {
    const policy: ReorderPolicy = { kind: "rop-q", reorderPoint: d("10"), orderQuantity: d("24") }
    assert.isFalse(decide(policy, position(11n))!.order)
    const at = decide(policy, position(10n))!
    assert.deepStrictEqual([at.order, at.trigger, at.raw, at.quantity], [true, "at-or-below-reorder-point", 24n, 24n])
    // Far below: −30 needs two lots of 24 to pass 10 (−30 + 48 = 18).
    assert.strictEqual(decide(policy, position(-30n))!.raw, 48n)
    // Inventory position = on hand + on order − reserved − backordered.
    assert.isFalse(decide(policy, position(5n, { onOrder: 24n }))!.order)
    assert.strictEqual(decide(policy, position(20n, { reserved: 6n, backordered: 4n }))!.inventoryPosition, 10n)
  })

  it("min-max (s, S) orders up to max at or below min; periodic (R, S) orders up to S whenever below", () => {
    const minMax: ReorderPolicy = { kind: "min-max", min: d("20"), max: d("100") }
    assert.isFalse(decide(minMax, position(21n))!.order)
    assert.strictEqual(decide(minMax, position(20n))!.raw, 80n)
    const periodic: ReorderPolicy = { kind: "periodic", max: d("100"), reviewPeriodDays: 7 }
    assert.strictEqual(decide(periodic, position(99n))!.raw, 1n)
    assert.isFalse(decide(periodic, position(100n))!.order)
    // (R, s, S): a min makes the review order only at or below it.
    assert.isFalse(decide({ ...periodic, min: d("50") }, position(60n))!.order)
    assert.strictEqual(decide({ ...periodic, min: d("50") }, position(50n))!.raw, 50n)
    assert.isNull(decide({ kind: "none" }, position(0n)))
  })

  it("rounds up: first to the minimum order quantity, then to whole packs", () => {
    // Raw 24 → MOQ 30 → packs of 12 → 36.
    const policy: ReorderPolicy = { kind: "rop-q", reorderPoint: d("10"), orderQuantity: d("24"), packSize: d("12"), minimumOrderQuantity: d("30") }
    const r = decide(policy, position(5n))!
    assert.deepStrictEqual([r.raw, r.quantity, r.adjustments], [24n, 36n, ["raised-to-minimum-order-quantity", "rounded-up-to-pack-size"]])
    // Decimal units: kg with 3 decimals, packs of 2.5 kg: 8.75 kg raw → 10 kg.
    const bulk = decide({ kind: "min-max", min: d("2.5"), max: d("10"), packSize: d("2.5") }, position(1250n), 3)!
    assert.deepStrictEqual([bulk.raw, bulk.quantity], [8750n, 10000n])
  })

  it("never rounds down: the quantity covers the raw need, is a whole number of packs and at least the MOQ (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 10n ** 7n }), (raw, pack, moq) => {
        const { quantity } = Replenishment.roundOrder(raw, pack, moq)
        return quantity >= raw && quantity >= moq && (pack === 0n || quantity % pack === 0n) && (pack === 0n || quantity - pack < (raw > moq ? raw : moq))
      }),
      { numRuns: 500, seed: 13 }
    )
  })

  it("reports a policy missing what its kind needs", () => {
    const missing = (policy: ReorderPolicy) => {
      const r = Replenishment.evaluate(policy, position(0n), 0)
      return Result.isFailure(r) ? r.failure.field : null
    }
    assert.strictEqual(missing({ kind: "rop-q", orderQuantity: d("5") }), "reorderPoint")
    assert.strictEqual(missing({ kind: "eoq", reorderPoint: d("5") }), "orderQuantity")
    assert.strictEqual(missing({ kind: "rop-q", reorderPoint: d("5"), orderQuantity: d("0") }), "orderQuantity")
    assert.strictEqual(missing({ kind: "min-max", min: d("5") }), "max")
    assert.strictEqual(missing({ kind: "min-max", min: d("5"), max: d("4") }), "max")
    assert.strictEqual(missing({ kind: "periodic" }), "max")
  })
})

describe("Replenishment.policyInput", () => {
  it("turns EOQ and safety stock into an item's EOQ policy, rounded up to the item's unit", () => {
    // EOQ √(2·1000·10/0.5) = 200; reorder point 39.06 (the blood-bank example) rounds up to 40.
    const eoq = Result.getOrThrow(Eoq.classic({ demand: { value: 1000, per: "year" }, orderingCost: 10, holdingCost: { value: 0.5, per: "year" } }))
    const rop = Result.getOrThrow(SafetyStock.reorderPoint({ demand: { mean: 15, stdDev: 5, per: "day" }, leadTime: { mean: 2, unit: "day" }, service: { cycleServiceLevel: 0.9 } }))
    const input = Result.getOrThrow(Replenishment.policyInput({ kind: "eoq", orderQuantity: eoq.quantity, reorderPoint: rop.level, leadTimeDays: 2 }, 0, { kind: "rop-q", packSize: d("12") }))
    assert.deepStrictEqual(input, { kind: "eoq", packSize: d("12"), reorderPoint: "40", orderQuantity: "200", leadTimeDays: 2 })
    // Floating-point noise does not add a unit; a real fraction does.
    assert.strictEqual(Result.getOrThrow(Replenishment.unitsCovering(0.1 + 0.2, 1)), 3n)
    assert.strictEqual(Result.getOrThrow(Replenishment.unitsCovering(12.0001, 3)), 12001n)
    assert.strictEqual(Result.getOrThrow(Replenishment.unitsCovering(12.000000000001, 3)), 12000n)
    assert.strictEqual(Result.getOrThrow(Replenishment.unitsCovering(12.0011, 3)), 12002n)
    assert.isTrue(Result.isFailure(Replenishment.unitsCovering(-1, 0)))
    assert.isTrue(Result.isFailure(Replenishment.unitsCovering(Number.NaN, 0)))
  })
})

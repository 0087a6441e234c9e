import { assert, describe, it } from "@effect/vitest"
import { BigDecimal, DateTime, Effect, Result } from "effect"
import * as Catalog from "../src/Catalog.ts"
import * as InventoryKpi from "../src/InventoryKpi.ts"
import type { PlanningError } from "../src/PlanningError.ts"
import * as StockAnalytics from "../src/StockAnalytics.ts"
import * as StockLedger from "../src/StockLedger.ts"
import * as Stores from "../src/Stores.ts"
import { Fixtures } from "../src/testing.ts"

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

describe("InventoryKpi", () => {
  it("computes the ratio KPIs by their definitions (numbers constructed, definitions after APICS/ASCM)", () => {
    // COGS $1.2M over a year with inventory averaging $300k: 4 turns.
    assert.strictEqual(ok(InventoryKpi.turnover(1_200_000, 300_000)), 4)
    assert.strictEqual(ok(InventoryKpi.averageOf([280_000, 300_000, 320_000])), 300_000)
    // 900 on hand at 60 a week: 105 days.
    close(ok(InventoryKpi.daysOfSupply(900, { value: 60, per: "week" }))!, 105)
    // 940 of 1,000 units shipped from stock; 12 of 365 item-days out.
    assert.strictEqual(ok(InventoryKpi.fillRate(940, 1000)), 0.94)
    close(ok(InventoryKpi.stockOutRate(12, 365))!, 12 / 365)
    // $300k carried at 25 % a year for a quarter: $18,750.
    close(ok(InventoryKpi.carryingCost(300_000, { value: 0.25, per: "year" }, { value: 0.25, unit: "year" })), 18_750)
    // Gross margin $450k on $300k average inventory at cost: GMROI 1.5.
    assert.strictEqual(ok(InventoryKpi.gmroi(450_000, 300_000)), 1.5)
    // Zero denominators give null, not infinity.
    assert.isNull(ok(InventoryKpi.turnover(10, 0)))
    assert.isNull(ok(InventoryKpi.daysOfSupply(10, { value: 0, per: "day" })))
    assert.isNull(ok(InventoryKpi.fillRate(0, 0)))
  })

  it("buckets by age", () => {
    const buckets = ok(InventoryKpi.aging([{ amount: 10, ageDays: 5 }, { amount: 5, ageDays: 30 }, { amount: 3, ageDays: 31 }, { amount: 2, ageDays: 400 }]))
    assert.deepStrictEqual(buckets.map((b) => [b.fromDays, b.toDays, b.amount]), [[0, 30, 15], [30, 60, 3], [60, 90, 0], [90, 180, 0], [180, 365, 0], [365, null, 2]])
    close(buckets[0]!.share, 0.75)
    assert.strictEqual(failure(InventoryKpi.aging([], [30, 10]))._tag, "InvalidPlanningInput")
  })

  it("classifies dead, slow, excess and active stock", () => {
    const status = (onHand: number, daysSinceLastIssue: number | null, daysOfSupply: number | null, stockAgeDays: number | null = null) =>
      InventoryKpi.movementStatus({ onHand, daysSinceLastIssue, daysOfSupply, stockAgeDays })
    assert.strictEqual(status(0, 1, 1), "none")
    assert.strictEqual(status(5, 400, 10), "dead")
    assert.strictEqual(status(5, 100, 10), "slow")
    assert.strictEqual(status(5, 10, 400), "excess")
    assert.strictEqual(status(5, 10, 30), "active")
    // Never issued: judged by the age of the stock.
    assert.strictEqual(status(5, null, null, 10), "active")
    assert.strictEqual(status(5, null, null, 120), "slow")
    assert.strictEqual(status(5, null, null, null), "dead")
    assert.strictEqual(InventoryKpi.movementStatus({ onHand: 5, daysSinceLastIssue: 40, daysOfSupply: 30 }, { slowAfterDays: 30 }), "slow")
    // Above what the reorder policy should ever hold: excess even at a modest days of supply.
    assert.strictEqual(InventoryKpi.movementStatus({ onHand: 120, daysSinceLastIssue: 2, daysOfSupply: 30, maxLevel: 100 }), "excess")
    assert.strictEqual(InventoryKpi.maxLevel({ kind: "min-max", min: BigDecimal.fromStringUnsafe("20"), max: BigDecimal.fromStringUnsafe("100") }), 100)
    assert.strictEqual(InventoryKpi.maxLevel({ kind: "rop-q", reorderPoint: BigDecimal.fromStringUnsafe("10"), orderQuantity: BigDecimal.fromStringUnsafe("24.5") }), 34.5)
    assert.isNull(InventoryKpi.maxLevel({ kind: "none" }))
  })

  it("refuses negative figures, non-numbers and mixed units", () => {
    assert.strictEqual(failure(InventoryKpi.turnover(-1, 10))._tag, "NegativeDemand")
    assert.strictEqual(failure(InventoryKpi.turnover(Number.NaN, 10))._tag, "InvalidPlanningInput")
    assert.strictEqual(failure(InventoryKpi.fillRate(11, 10))._tag, "InvalidPlanningInput")
    assert.strictEqual(failure(InventoryKpi.carryingCost(100, { value: 0.25, per: "year" }, { value: 3, unit: "month" }))._tag, "PeriodMismatch")
    assert.strictEqual(failure(InventoryKpi.carryingCost(100, { value: 0, per: "year" }, { value: 1, unit: "year" }))._tag, "NonPositiveCost")
    assert.strictEqual(failure(InventoryKpi.daysOfSupply(10, { value: -1, per: "day" }))._tag, "NegativeDemand")
  })
})

const inMemory = <A, E>(label: string, body: Parameters<typeof Fixtures.asFreshTenant<A, E>>[1]) =>
  Fixtures.asFreshTenant(label, body).pipe(Effect.provide(Stores.layerMemory))

// A 30-day span, 2025-01-01 to 2025-01-31. plain: 10 on hand from before the span (a backdated receipt, posted
// last), all 10 issued on day 10, 20 received on day 20, 5 issued on day 25. bulk: 5 kg received a year
// before the span, never issued. lotted: received in October, last issued mid-October. extra: 1,000 on hand,
// 5 issued in the span.
const setup = Effect.gen(function*() {
  yield* Fixtures.world
  yield* Catalog.createItem({ id: "extra", sku: "EXTRA-1", name: "Overstocked", baseUnit: { code: "each" } })
  yield* StockLedger.post([
    { id: "p-in-2", itemId: "plain", from: "sup", to: "bin-a", quantity: 20, effectiveAt: "2025-01-21T00:00:00Z" },
    { id: "b-in", itemId: "bulk", from: "sup", to: "bin-a", quantity: 5, effectiveAt: "2024-01-01T00:00:00Z" },
    { id: "l-in", itemId: "lotted", from: "sup", to: "bin-a", quantity: 30, lot: "L1", effectiveAt: "2024-10-01T00:00:00Z" },
    { id: "x-in", itemId: "extra", from: "sup", to: "bin-b", quantity: 1000, effectiveAt: "2024-12-01T00:00:00Z" }
  ])
  yield* StockLedger.post([
    { id: "p-out-1", itemId: "plain", from: "bin-a", to: "cust", quantity: 10, effectiveAt: "2025-01-11T00:00:00Z" },
    { id: "p-out-2", itemId: "plain", from: "bin-a", to: "cust", quantity: 5, effectiveAt: "2025-01-26T00:00:00Z" },
    { id: "l-out", itemId: "lotted", from: "bin-a", to: "cust", quantity: 1, lot: "L1", effectiveAt: "2024-10-15T00:00:00Z" },
    { id: "x-out", itemId: "extra", from: "bin-b", to: "cust", quantity: 5, effectiveAt: "2025-01-15T00:00:00Z" }
  ])
  yield* StockLedger.post([{ id: "p-in-1", itemId: "plain", from: "sup", to: "bin-a", quantity: 10, effectiveAt: "2024-12-20T00:00:00Z" }])
})

describe("StockAnalytics.analyze", () => {
  it.effect("computes quantity KPIs per item from the ledger, replaying in effective-time order", () =>
    inMemory("analytics", () =>
      Effect.gen(function*() {
        yield* setup
        const report = yield* StockAnalytics.analyze({ from: "2025-01-01T00:00:00Z", to: "2025-01-31T00:00:00Z" })
        const row = (id: string) => report.items.find((r) => r.itemId === id)!
        const plain = row("plain")
        // Average on hand: (10·10 + 0·10 + 20·5 + 15·5)/30 = 275/30.
        assert.strictEqual(BigDecimal.format(plain.onHand), "15")
        close(plain.averageOnHand, 275 / 30)
        assert.strictEqual(BigDecimal.format(plain.issued), "15")
        assert.strictEqual(BigDecimal.format(plain.received), "20")
        close(plain.turnover!, 15 / (275 / 30))
        close(plain.annualTurnover!, (15 / (275 / 30)) * 365 / 30)
        close(plain.daysOfSupply!, 30)
        close(plain.stockOutShare, 10 / 30)
        assert.strictEqual(DateTime.formatIso(plain.lastIssueAt!), "2025-01-26T00:00:00.000Z")
        // FIFO: the 15 on hand came with the 20 received 10 days before the end.
        assert.strictEqual(plain.stockAgeDays, 10)
        assert.deepStrictEqual(plain.aging.map((b) => b.amount), [15, 0, 0, 0, 0, 0])
        assert.strictEqual(plain.status, "active")
        // bulk: never issued, received 396 days before the end: dead, in the oldest bucket.
        assert.strictEqual(row("bulk").status, "dead")
        assert.strictEqual(row("bulk").stockAgeDays, 396)
        assert.deepStrictEqual(row("bulk").aging.map((b) => b.amount), [0, 0, 0, 0, 0, 5])
        assert.strictEqual(row("bulk").turnover, 0)
        assert.isNull(row("bulk").daysOfSupply)
        // lotted: last issued 108 days before the end: slow. extra: 1,000 on hand at 5 a month: excess.
        assert.strictEqual(row("lotted").status, "slow")
        assert.strictEqual(row("extra").status, "excess")
        close(row("extra").daysOfSupply!, 995 / (5 / 30))
        assert.deepStrictEqual(report.items.map((r) => r.sku), ["BULK-1", "EXTRA-1", "LOT-1", "PLAIN-1"])
        assert.deepStrictEqual(report.summary.byStatus, { none: 0, dead: 1, slow: 1, excess: 1, active: 1 })
        assert.strictEqual(report.summary.stockOutRate, 0)
        close(report.summary.timeWeightedStockOutRate!, (10 / 30) / 4)
      })))

  it.effect("restricts to a location subtree and to named items", () =>
    inMemory("scoped", () =>
      Effect.gen(function*() {
        yield* setup
        const report = yield* StockAnalytics.analyze({ from: "2025-01-01T00:00:00Z", to: "2025-01-31T00:00:00Z", itemIds: ["extra", "plain"], locationId: "bin-b" })
        assert.deepStrictEqual(report.items.map((r) => [r.itemId, BigDecimal.format(r.onHand)]), [["extra", "995"], ["plain", "0"]])
        assert.strictEqual(report.items[1]!.stockOutShare, 1)
        assert.strictEqual(report.summary.stockOutRate, 0.5)
      })))

  it.effect("fails on bad queries with typed errors", () =>
    inMemory("errors", () =>
      Effect.gen(function*() {
        yield* setup
        const fail = (q: unknown) => Effect.flip(StockAnalytics.analyze(q as StockAnalytics.Query))
        assert.strictEqual((yield* fail({ from: "2025-02-01", to: "2025-01-01" }))._tag, "InvalidInput")
        assert.strictEqual((yield* fail({ from: "2025-01-01", agingEdges: [30, 10] }))._tag, "InvalidInput")
        assert.strictEqual((yield* fail({ from: "2025-01-01", itemIds: ["ghost"] }))._tag, "UnknownItem")
        assert.strictEqual((yield* fail({ from: "2025-01-01", locationId: "ghost" }))._tag, "UnknownLocation")
      })))
})

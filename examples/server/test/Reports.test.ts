import { assert, describe, it } from "@effect/vitest"
import { Assets, Catalog, CurrentActor, IdGenerator, Locations, StockLedger, Stores } from "@quartermaster/core"
import { DateTime, Effect, Layer } from "effect"
import { TestClock } from "effect/testing"
import * as Reports from "../src/Reports.ts"

const world = Layer.mergeAll(Stores.layerMemory, CurrentActor.CurrentActor.layer("reports", "test", ["admin"]), IdGenerator.IdGenerator.layerSequential("r"))
const at = DateTime.makeUnsafe("2026-06-30T23:59:59.999Z")

// A: 10 in at 10, 8 out (COGS 80); B: 100 in at 1, 10 out (COGS 10); C: 2 in at 5, below its reorder point of 5.
const seed = Effect.gen(function*() {
  yield* TestClock.setTime(Date.parse("2026-07-01T00:00:00.000Z"))
  const sup = yield* Locations.create({ code: "SUP", kind: "site", usage: "supplier" })
  const cust = yield* Locations.create({ code: "CUST", kind: "site", usage: "customer" })
  const w = yield* Locations.create({ code: "W", kind: "warehouse" })
  const a = yield* Catalog.createItem({ sku: "A", name: "Alpha", baseUnit: { code: "each" }, category: "Tools/Hand" })
  const b = yield* Catalog.createItem({ sku: "B", name: "Beta", baseUnit: { code: "each" }, category: "Tools/Power" })
  const c = yield* Catalog.createItem({ sku: "C", name: "Gamma", baseUnit: { code: "each" }, category: "Parts", reorder: { kind: "rop-q", reorderPoint: 5, orderQuantity: 10 } })
  const t0 = "2026-01-15T00:00:00.000Z"
  const t1 = "2026-03-01T00:00:00.000Z"
  yield* StockLedger.post([
    { id: "r-a", itemId: a.id, from: sup.id, to: w.id, quantity: 10, unitCost: 10, effectiveAt: t0 },
    { id: "r-b", itemId: b.id, from: sup.id, to: w.id, quantity: 100, unitCost: 1, effectiveAt: t0 },
    { id: "r-c", itemId: c.id, from: sup.id, to: w.id, quantity: 2, unitCost: 5, effectiveAt: t0 }
  ])
  yield* StockLedger.post([
    { id: "i-a", itemId: a.id, from: w.id, to: cust.id, quantity: 8, effectiveAt: t1 },
    { id: "i-b", itemId: b.id, from: w.id, to: cust.id, quantity: 10, effectiveAt: t1 }
  ])
  yield* Assets.register({
    tag: "LAP-1",
    name: "Laptop",
    purchase: { cost: "1200", date: "2025-01-01T00:00:00.000Z" },
    books: [{ book: "book", method: { _tag: "StraightLine" }, usefulLifeMonths: 60 }]
  })
  yield* Assets.register({ tag: "CHAIR-1", name: "Chair" })
})

const pick = (report: Reports.Report, keys: ReadonlyArray<string>) => report.rows.map((r) => keys.map((k) => r[k]))

describe("Reports", () => {
  it.effect("valuation by item, location and category", () =>
    Effect.gen(function*() {
      yield* seed
      const byItem = yield* Reports.valuation({ at })
      assert.deepStrictEqual(pick(byItem, ["sku", "quantity", "value"]), [["A", "2", "20.00"], ["B", "90", "90.00"], ["C", "2", "10.00"]])
      assert.strictEqual(byItem.meta.total, "120.00")
      const byLocation = yield* Reports.valuation({ at, by: "location" })
      assert.deepStrictEqual(pick(byLocation, ["sku", "location"]), [["A", "W"], ["B", "W"], ["C", "W"]])
      const byCategory = yield* Reports.valuation({ at, by: "category" })
      assert.deepStrictEqual(pick(byCategory, ["category", "value"]), [["Parts", "10.00"], ["Tools/Hand", "20.00"], ["Tools/Power", "90.00"]])
      // Before anything was received, nothing is worth anything.
      assert.strictEqual((yield* Reports.valuation({ at: DateTime.makeUnsafe("2026-01-01T00:00:00.000Z") })).meta.total, "0.00")
    }).pipe(Effect.provide(world)))

  it.effect("abc ranks by issued value over the year; reorder suggests C; depreciation per asset book", () =>
    Effect.gen(function*() {
      yield* seed
      const abc = yield* Reports.abc({ at })
      assert.deepStrictEqual(pick(abc, ["rank", "sku", "value", "class"]), [["1", "A", "80.00", "A"], ["2", "B", "10.00", "B"], ["3", "C", "0.00", "C"]])
      assert.strictEqual(abc.rows[0]!.share, "88.9%")
      const reorder = yield* Reports.reorder
      assert.deepStrictEqual(pick(reorder, ["sku", "on_hand", "order"]), [["C", "2", "10"]])
      const dep = yield* Reports.depreciation({ at })
      // Straight line over 60 months from January 2025, full-month convention: 18 months of 20 by June 2026.
      assert.deepStrictEqual(pick(dep, ["tag", "book", "method", "cost", "accumulated", "book_value"]), [["LAP-1", "book", "StraightLine", "1200.00", "360.00", "840.00"]])
      assert.strictEqual(dep.meta.skipped, "1")
    }).pipe(Effect.provide(world)))

  it("render aligns columns: text left, numbers right", () => {
    const text = Reports.render({
      report: "valuation",
      meta: { by: "item" },
      columns: [{ key: "sku", label: "SKU", align: "left" }, { key: "value", label: "value", align: "right" }],
      rows: [{ sku: "LONG-SKU", value: "1" }, { sku: "B", value: "100.5" }],
      summary: "done"
    })
    assert.strictEqual(text, ["valuation (by: item)", "SKU       value", "--------  -----", "LONG-SKU      1", "B         100.5", "done"].join("\n"))
  })
})

import { assert, describe, it } from "@effect/vitest"
import { BigDecimal, Effect, Layer } from "effect"
import * as Catalog from "../src/Catalog.ts"
import { CurrentActor } from "../src/CurrentActor.ts"
import { IdGenerator } from "../src/IdGenerator.ts"
import * as Locations from "../src/Locations.ts"
import * as StockLedger from "../src/StockLedger.ts"
import * as StockQuery from "../src/StockQuery.ts"
import * as Stores from "../src/Stores.ts"
import * as Invariants from "../src/Invariants.ts"

const layer = Layer.mergeAll(Stores.layerMemory, CurrentActor.layer("t1", "alice"), IdGenerator.layerSequential("x"))

describe("StockLedger smoke", () => {
  it.effect("receives and issues", () =>
    Effect.gen(function*() {
      yield* Catalog.createItem({ id: "widget", sku: "W-1", name: "Widget", baseUnit: { code: "each" }, conversions: [{ code: "case", factor: 12 }] })
      yield* Locations.create({ id: "sup", code: "SUP", kind: "site", usage: "supplier" })
      yield* Locations.create({ id: "cust", code: "CUST", kind: "site", usage: "customer" })
      yield* Locations.create({ id: "wh", code: "WH", kind: "warehouse" })
      yield* Locations.create({ id: "bin1", code: "WH-1", kind: "bin", parentId: "wh" })
      const r = yield* StockLedger.post([{ id: "m1", itemId: "widget", from: "sup", to: "bin1", quantity: 2, unit: "case", unitCost: "1.25" }])
      assert.strictEqual(r.movements[0]!.quantity, 24n)
      const level = yield* StockQuery.level({ itemId: "widget", locationId: "wh" })
      assert.isTrue(BigDecimal.equals(level.onHand, BigDecimal.fromBigInt(24n)))
      const fail = yield* Effect.flip(StockLedger.post([{ id: "m2", itemId: "widget", from: "bin1", to: "cust", quantity: 25 }]))
      assert.strictEqual(fail._tag, "InsufficientStock")
      const report = yield* Invariants.verify
      assert.deepStrictEqual(report.violations, [])
    }).pipe(Effect.provide(layer)))
})

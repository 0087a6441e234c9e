import { assert, describe, it } from "@effect/vitest"
import { BigDecimal, Effect } from "effect"
import * as Catalog from "../src/Catalog.ts"
import type { ItemId, LocationId } from "../src/Ids.ts"
import * as OpenOrders from "../src/OpenOrders.ts"
import * as ReorderSuggestions from "../src/ReorderSuggestions.ts"
import * as Reservations from "../src/Reservations.ts"
import * as StockLedger from "../src/StockLedger.ts"
import * as Stores from "../src/Stores.ts"
import { Fixtures } from "../src/testing.ts"

const inMemory = <A, E>(label: string, body: Parameters<typeof Fixtures.asFreshTenant<A, E>>[1]) =>
  Fixtures.asFreshTenant(label, body).pipe(Effect.provide(Stores.layerMemory))

const text = (d: BigDecimal.BigDecimal | null) => (d === null ? null : BigDecimal.format(d))

// plain: (ROP 10, Q 24), MOQ 30, packs of 12; 15 received, 8 issued, 2 reserved: position 5.
// bulk (kg, 3 decimals): min-max 2.5–10 kg in packs of 2.5 kg, 1.25 kg at bin-c in site s2.
// lotted: an EOQ policy without its order quantity. serial: discontinued.
const setup = Effect.gen(function*() {
  yield* Fixtures.world
  yield* Catalog.updateItem("plain", { reorder: { kind: "rop-q", reorderPoint: 10, orderQuantity: 24, packSize: 12, minimumOrderQuantity: 30, leadTimeDays: 5 } })
  yield* Catalog.updateItem("bulk", { reorder: { kind: "min-max", min: "2.5", max: 10, packSize: "2.5" } })
  yield* Catalog.updateItem("lotted", { reorder: { kind: "eoq", reorderPoint: 4 } })
  yield* Catalog.updateItem("serial", { reorder: { kind: "min-max", min: 1, max: 3 }, status: "discontinued" })
  yield* StockLedger.post([
    { id: "r1", itemId: "plain", from: "sup", to: "bin-a", quantity: 15 },
    { id: "r2", itemId: "bulk", from: "sup", to: "bin-c", quantity: "1.25" }
  ])
  yield* StockLedger.post([{ id: "i1", itemId: "plain", from: "bin-a", to: "cust", quantity: 8 }])
  yield* Reservations.reserve([{ id: "res-1", itemId: "plain", quantity: 2 }])
})

describe("ReorderSuggestions.suggest", () => {
  it.effect("computes the inventory position, applies each policy, rounds to MOQ and packs, and says why", () =>
    inMemory("suggest", () =>
      Effect.gen(function*() {
        yield* setup
        const report = yield* ReorderSuggestions.suggest()
        assert.strictEqual(report.at.epochMilliseconds, Fixtures.START)
        const plain = report.suggestions.find((s) => s.itemId === "plain")!
        assert.deepStrictEqual(
          [plain.onHand, plain.reserved, plain.onOrder, plain.backordered, plain.inventoryPosition, plain.level, plain.rawQuantity, plain.quantity].map(text),
          ["7", "2", "0", "0", "5", "10", "24", "36"]
        )
        assert.strictEqual(plain.trigger, "at-or-below-reorder-point")
        assert.deepStrictEqual(plain.adjustments, ["raised-to-minimum-order-quantity", "rounded-up-to-pack-size"])
        assert.strictEqual(plain.leadTimeDays, 5)
        assert.strictEqual(
          plain.reason,
          "inventory position 5 each is at or below the reorder point 10 each: order 24 each, raised to the minimum order quantity 30 each, rounded up to whole packs of 12 each: 36 each"
        )
        const bulk = report.suggestions.find((s) => s.itemId === "bulk")!
        assert.deepStrictEqual([bulk.inventoryPosition, bulk.target, bulk.rawQuantity, bulk.quantity].map(text), ["1.25", "10", "8.75", "10"])
        assert.strictEqual(bulk.unit, "kg")
        assert.include(bulk.reason, "at or below the min 2.5 kg: order up to 10 kg, 8.75 kg")
        // Suggestions come by SKU; the incomplete and the discontinued item are skipped with reasons.
        assert.deepStrictEqual(report.suggestions.map((s) => s.sku), ["BULK-1", "PLAIN-1"])
        assert.deepStrictEqual(report.skipped.map((s) => [s.itemId, s.reason]), [
          ["lotted", "the eoq policy's orderQuantity must hold the economic order quantity"],
          ["serial", "the item is discontinued and cannot be received"]
        ])
        assert.strictEqual(report.evaluated, 3)
      })))

  it.effect("counts on order and backorders from the OpenOrders port", () =>
    inMemory("open-orders", () =>
      Effect.gen(function*() {
        yield* setup
        // 30 on order lifts plain's position to 35: nothing to order.
        const covered = yield* ReorderSuggestions.suggest({ itemIds: ["plain"] }).pipe(
          Effect.provide(OpenOrders.layerFixed([{ itemId: "plain" as ItemId, locationId: null, onOrder: 30n, backordered: 0n }]))
        )
        assert.deepStrictEqual(covered.suggestions, [])
        // 40 backordered as well takes it to 7 + 30 − 2 − 40 = −5: one lot of 24, rounded to 36.
        const short = yield* ReorderSuggestions.suggest({ itemIds: ["plain"] }).pipe(
          Effect.provide(OpenOrders.layerFixed([
            { itemId: "plain" as ItemId, locationId: null, onOrder: 30n, backordered: 25n },
            { itemId: "plain" as ItemId, locationId: "wh" as LocationId, onOrder: 0n, backordered: 15n }
          ]))
        )
        assert.deepStrictEqual([short.suggestions[0]!.onOrder, short.suggestions[0]!.backordered, short.suggestions[0]!.inventoryPosition, short.suggestions[0]!.quantity].map(text), ["30", "40", "-5", "36"])
        // The default reports nothing on order.
        const none = yield* ReorderSuggestions.suggest({ itemIds: ["plain"] }).pipe(Effect.provide(OpenOrders.layerNone))
        assert.strictEqual(text(none.suggestions[0]!.onOrder), "0")
      })))

  it.effect("plans per location over each subtree", () =>
    inMemory("per-location", () =>
      Effect.gen(function*() {
        yield* setup
        yield* Reservations.reserve([{ id: "res-wh", itemId: "plain", locationId: "bin-a", quantity: 3 }])
        const report = yield* ReorderSuggestions.suggest({ itemIds: ["plain", "bulk"], locationIds: ["wh", "s2"] })
        const row = (itemId: string, locationId: string) => report.suggestions.find((s) => s.itemId === itemId && s.locationId === locationId)
        // wh holds plain's 7; only the reservation placed in its subtree counts there: 7 − 3 = 4.
        assert.deepStrictEqual([row("plain", "wh")!.onHand, row("plain", "wh")!.reserved, row("plain", "wh")!.quantity].map(text), ["7", "3", "36"])
        assert.deepStrictEqual([row("plain", "s2")!.onHand, row("plain", "s2")!.quantity].map(text), ["0", "36"])
        assert.deepStrictEqual([row("bulk", "s2")!.onHand, row("bulk", "s2")!.quantity].map(text), ["1.25", "10"])
        assert.deepStrictEqual([row("bulk", "wh")!.onHand, row("bulk", "wh")!.rawQuantity].map(text), ["0", "10"])
        assert.strictEqual(report.evaluated, 4)
      })))

  it.effect("fails on unknown items and locations, and on malformed queries", () =>
    inMemory("errors", () =>
      Effect.gen(function*() {
        yield* setup
        assert.strictEqual((yield* Effect.flip(ReorderSuggestions.suggest({ itemIds: ["nope"] })))._tag, "UnknownItem")
        assert.strictEqual((yield* Effect.flip(ReorderSuggestions.suggest({ locationIds: ["nowhere"] })))._tag, "UnknownLocation")
        assert.strictEqual((yield* Effect.flip(ReorderSuggestions.suggest({ itemIds: "plain" } as never)))._tag, "InvalidInput")
      })))
})

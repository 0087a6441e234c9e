/**
 * Contract cases for the catalog: items, GTINs, units and the location tree.
 *
 * @since 0.1.0
 */
import { Catalog, CurrentActor, EventLog, Item, Locations, StockLedger, UnitOfMeasure } from "@quartermaster/core"
import { Effect, Result } from "effect"
import * as Assert from "./Assert.ts"
import { suite, type Case } from "./Case.ts"
import { world } from "./Fixtures.ts"

const test = suite("catalog")

const eventCount = Effect.gen(function*() {
  const { tenantId } = yield* CurrentActor.CurrentActor
  return (yield* (yield* EventLog.EventLog).list(tenantId, { limit: 100_000 })).length
})

/**
 * The catalog cases.
 *
 * @since 0.1.0
 */
export const cases: ReadonlyArray<Case> = [
  test("creates items and finds them by id, SKU and any GTIN length", () =>
    Effect.gen(function*() {
      yield* world
      const item = yield* Catalog.getItem("plain")
      yield* Assert.equal(item.sku, "PLAIN-1", "sku")
      yield* Assert.equal(item.gtins, ["04006381333931"], "canonical GTIN")
      yield* Assert.equal((yield* Catalog.findBySku("PLAIN-1")).id, "plain", "by SKU")
      yield* Assert.equal((yield* Catalog.findByGtin("4006381333931")).id, "plain", "by GTIN-13")
      yield* Assert.equal((yield* Catalog.findByGtin("04006381333931")).id, "plain", "by GTIN-14")
      yield* Assert.failsWith(Catalog.getItem("nope"), "UnknownItem", "unknown id")
      yield* Assert.failsWith(Catalog.findBySku("NOPE"), "UnknownItem", "unknown SKU")
      const page = yield* Catalog.listItems({ limit: 2 })
      yield* Assert.equal(page.map((i) => i.sku), ["BULK-1", "LOT-1"], "first page by SKU")
      const next = yield* Catalog.listItems({ limit: 10, afterSku: "LOT-1" })
      yield* Assert.equal(next.map((i) => i.sku), ["PLAIN-1", "SER-1"], "second page")
    })),

  test("keeps SKUs and GTINs unique per tenant and writes nothing on refusal", () =>
    Effect.gen(function*() {
      yield* world
      const before = yield* eventCount
      yield* Assert.failsWith(Catalog.createItem({ sku: "PLAIN-1", name: "Again", baseUnit: { code: "each" } }), "DuplicateSku", "same SKU")
      yield* Assert.failsWith(
        Catalog.createItem({ sku: "OTHER", name: "Other", baseUnit: { code: "each" }, gtins: ["04006381333931"] }),
        "DuplicateGtin",
        "same GTIN"
      )
      yield* Assert.failsWith(Catalog.createItem({ sku: "BAD", name: "Bad", baseUnit: { code: "each" }, gtins: ["4006381333932"] }), "InvalidGtin", "bad check digit")
      yield* Assert.equal(yield* eventCount, before, "no events from refused commands")
      yield* Assert.equal((yield* Catalog.listItems({ limit: 100 })).length, 4, "no items added")
    })),

  test("validates item input with typed errors that name the field", () =>
    Effect.gen(function*() {
      const bad = yield* Assert.failsWith(Catalog.createItem({ sku: "", name: "x", baseUnit: { code: "each" } }), "InvalidInput", "empty SKU")
      yield* Assert.that(bad.field === "sku", `field named: ${bad.message}`)
      yield* Assert.failsWith(
        Catalog.createItem({ sku: "X", name: "x", baseUnit: { code: "each" }, conversions: [{ code: "each", factor: 1 }] }),
        "InvalidItem",
        "conversion repeating the base unit"
      )
      yield* Assert.failsWith(
        Catalog.createItem({ sku: "X", name: "x", baseUnit: { code: "each" }, conversions: [{ code: "case", factor: -12 }] }),
        "InvalidItem",
        "negative factor"
      )
      yield* Assert.failsWith(
        Catalog.createItem({ sku: "X", name: "x", baseUnit: { code: "each" }, reorder: { reorderPoint: "1.5" } }),
        "InvalidQuantity",
        "fractional reorder point for a unit without decimals"
      )
      yield* Assert.failsWith(Catalog.createItem({ sku: "X", name: "x", baseUnit: { code: "each", decimals: 12 } } as never), "InvalidInput", "too many decimals")
    })),

  test("converts units exactly and refuses what would need rounding", () =>
    Effect.gen(function*() {
      yield* world
      const plain = yield* Catalog.getItem("plain")
      const bulk = yield* Catalog.getItem("bulk")
      yield* Assert.equal(Result.getOrThrow(UnitOfMeasure.toBaseUnits(Item.scheme(plain), 3, "case")), 36n, "3 cases")
      yield* Assert.equal(Result.getOrThrow(UnitOfMeasure.toBaseUnits(Item.scheme(bulk), "2.5")), 2500n, "2.5 kg")
      yield* Assert.equal(Result.getOrThrow(UnitOfMeasure.toBaseUnits(Item.scheme(bulk), 250, "g")), 250n, "250 g")
      const received = yield* StockLedger.post([{ id: "m1", itemId: "bulk", from: "sup", to: "bin-a", quantity: "1.234" }])
      yield* Assert.equal(received.movements[0]!.quantity, 1234n, "kg stored in grams")
      yield* Assert.failsWith(StockLedger.post([{ id: "m2", itemId: "bulk", from: "sup", to: "bin-a", quantity: "1.2345" }]), "InvalidQuantity", "sub-gram")
      yield* Assert.failsWith(StockLedger.post([{ id: "m3", itemId: "plain", from: "sup", to: "bin-a", quantity: "0.5" }]), "InvalidQuantity", "half an each")
      yield* Assert.failsWith(StockLedger.post([{ id: "m4", itemId: "plain", from: "sup", to: "bin-a", quantity: 1, unit: "pallet" }]), "UnknownUnit", "unknown unit")
    })),

  test("updates items with versions and events; a discontinued item cannot be received", () =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([{ id: "in", itemId: "plain", from: "sup", to: "bin-a", quantity: 5 }])
      const updated = yield* Catalog.updateItem("plain", { status: "discontinued", name: "Old widget", category: "hardware/widgets" })
      yield* Assert.equal(updated.version, 2, "version")
      yield* Assert.equal(updated.category, ["hardware", "widgets"], "category path")
      yield* Assert.failsWith(StockLedger.post([{ id: "in2", itemId: "plain", from: "sup", to: "bin-a", quantity: 1 }]), "ItemDiscontinued", "receipt")
      yield* StockLedger.post([{ id: "out", itemId: "plain", from: "bin-a", to: "cust", quantity: 2 }])
      yield* StockLedger.post([{ id: "mv", itemId: "plain", from: "bin-a", to: "bin-b", quantity: 1 }])
      const { tenantId } = yield* CurrentActor.CurrentActor
      const trail = yield* (yield* EventLog.EventLog).byEntity(tenantId, { type: "item", id: "plain" }, { limit: 100 })
      yield* Assert.equal(trail.map((e) => e.event._tag), ["ItemCreated", "MovementsPosted", "ItemUpdated", "MovementsPosted", "MovementsPosted"], "audit trail")
      yield* Assert.failsWith(Catalog.updateItem("nope", { name: "x" }), "UnknownItem", "unknown item")
    })),

  test("builds a location tree and rolls up a subtree", () =>
    Effect.gen(function*() {
      yield* world
      const bin = yield* Locations.get("bin-a")
      yield* Assert.equal(bin.path, ["s1", "wh", "z1"], "path from the root")
      yield* Assert.equal((yield* Locations.byCode("WH-Z1-A")).id, "bin-a", "by code")
      const ids = [...(yield* Locations.subtree("s1"))].sort()
      yield* Assert.equal(ids, ["b1", "bin-a", "bin-b", "r1", "s1", "wh", "z1"], "subtree of s1")
      yield* Assert.failsWith(Locations.create({ code: "WH", kind: "bin", parentId: "z1" }), "DuplicateLocationCode", "duplicate code")
      yield* Assert.failsWith(Locations.create({ code: "X", kind: "site", parentId: "bin-a" }), "InvalidHierarchy", "a site inside a bin")
      yield* Assert.failsWith(Locations.create({ code: "Y", kind: "bin", parentId: "nope" }), "UnknownLocation", "unknown parent")
    })),

  test("re-parents a subtree, refusing cycles", () =>
    Effect.gen(function*() {
      yield* world
      yield* Assert.failsWith(Locations.move("wh", "bin-a"), "InvalidHierarchy", "into its own subtree")
      yield* Assert.failsWith(Locations.move("s1", "s1"), "InvalidHierarchy", "under itself")
      yield* StockLedger.post([{ id: "in", itemId: "plain", from: "sup", to: "bin-a", quantity: 7 }])
      const moved = yield* Locations.move("wh", "s2")
      yield* Assert.equal(moved.path, ["s2"], "moved path")
      yield* Assert.equal((yield* Locations.get("bin-a")).path, ["s2", "wh", "z1"], "descendant path follows")
      const s2 = [...(yield* Locations.subtree("s2"))].sort()
      yield* Assert.equal(s2, ["bin-a", "bin-b", "bin-c", "s2", "wh", "wh2", "z1"], "subtree of s2 now")
    })),

  test("archives only empty locations, and an archived location accepts nothing", () =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([{ id: "in", itemId: "plain", from: "sup", to: "bin-a", quantity: 3 }])
      yield* Assert.failsWith(Locations.archive("bin-a"), "LocationNotEmpty", "holds stock")
      yield* Assert.failsWith(Locations.archive("z1"), "LocationNotEmpty", "open children")
      const archived = yield* Locations.archive("bin-b")
      yield* Assert.that(archived.archived, "archived")
      yield* Assert.failsWith(StockLedger.post([{ id: "mv", itemId: "plain", from: "bin-a", to: "bin-b", quantity: 1 }]), "LocationArchived", "move into it")
      yield* Assert.failsWith(Locations.create({ code: "NEW", kind: "bin", parentId: "bin-b" }), "LocationArchived", "child under it")
    }))
]

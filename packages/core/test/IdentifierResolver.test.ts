import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as Catalog from "../src/Catalog.ts"
import { CurrentActor } from "../src/CurrentActor.ts"
import { IdentifierResolver } from "../src/IdentifierResolver.ts"
import { IdGenerator } from "../src/IdGenerator.ts"
import type { TenantId } from "../src/Ids.ts"
import * as Locations from "../src/Locations.ts"
import * as StockLedger from "../src/StockLedger.ts"
import * as Stores from "../src/Stores.ts"

const base = Layer.mergeAll(Stores.layerMemory, CurrentActor.layer("t1", "alice"), IdGenerator.layerSequential("x"))
const layer = IdentifierResolver.layerStores.pipe(Layer.provideMerge(base))
const t1 = "t1" as TenantId

const setup = Effect.gen(function*() {
  yield* Catalog.createItem({ id: "widget", sku: "W-1", name: "Widget", baseUnit: { code: "each" }, gtins: ["4006381333931"] })
  yield* Catalog.createItem({ id: "milk", sku: "MK-1", name: "Milk", baseUnit: { code: "each" }, tracking: "lot" })
  yield* Catalog.createItem({ id: "cream", sku: "CR-1", name: "Cream", baseUnit: { code: "each" }, tracking: "lot" })
  yield* Catalog.createItem({ id: "laptop", sku: "LT-1", name: "Laptop", baseUnit: { code: "each" }, tracking: "serial" })
  yield* Locations.create({ id: "sup", code: "SUP", kind: "site", usage: "supplier" })
  yield* Locations.create({ id: "cust", code: "CUST", kind: "site", usage: "customer" })
  yield* Locations.create({ id: "bin", code: "B-1", kind: "bin" })
  yield* StockLedger.post([
    { id: "m1", itemId: "milk", from: "sup", to: "bin", quantity: 1, lot: "L-7" },
    { id: "m2", itemId: "cream", from: "sup", to: "bin", quantity: 1, lot: "L-7" },
    { id: "m3", itemId: "milk", from: "sup", to: "bin", quantity: 1, lot: "L-8" },
    { id: "m4", itemId: "laptop", from: "sup", to: "bin", quantity: 2, serials: ["SN-1", "SN-2"] }
  ])
  // A serial that left stock no longer resolves.
  yield* StockLedger.post([{ id: "m5", itemId: "laptop", from: "bin", to: "cust", quantity: 1, serials: ["SN-2"] }])
  return yield* IdentifierResolver
})

describe("IdentifierResolver.layerStores", () => {
  it.effect("identifies plain codes of every kind", () =>
    Effect.gen(function*() {
      const resolver = yield* setup
      assert.deepStrictEqual(yield* resolver.identify(t1, "4006381333931"), { _tag: "Item", itemId: "widget", via: "gtin", tracking: "none" } as never)
      assert.deepStrictEqual(yield* resolver.identify(t1, "04006381333931"), { _tag: "Item", itemId: "widget", via: "gtin", tracking: "none" } as never)
      assert.deepStrictEqual(yield* resolver.identify(t1, "MK-1"), { _tag: "Item", itemId: "milk", via: "sku", tracking: "lot" } as never)
      assert.deepStrictEqual(yield* resolver.identify(t1, "B-1"), { _tag: "Location", locationId: "bin" } as never)
      assert.deepStrictEqual(yield* resolver.identify(t1, "SN-1"), { _tag: "Serial", itemId: "laptop", serial: "SN-1", locationId: "bin" } as never)
      assert.deepStrictEqual(yield* resolver.identify(t1, "L-8"), { _tag: "Lot", itemId: "milk", lot: "L-8" } as never)
    }).pipe(Effect.provide(layer)))

  it.effect("resolves a code as one kind only", () =>
    Effect.gen(function*() {
      const resolver = yield* setup
      const asSku = yield* resolver.resolve(t1, { kind: "sku", code: "W-1" })
      assert.strictEqual(asSku._tag, "Item")
      const asLocation = yield* Effect.flip(resolver.resolve(t1, { kind: "location", code: "W-1" }))
      assert.strictEqual(asLocation._tag, "UnknownIdentifier")
      assert.strictEqual(asLocation._tag === "UnknownIdentifier" ? asLocation.kind : null, "location")
    }).pipe(Effect.provide(layer)))

  it.effect("does not fake asset tags", () =>
    Effect.gen(function*() {
      const resolver = yield* setup
      const error = yield* Effect.flip(resolver.resolve(t1, { kind: "assetTag", code: "B-1" }))
      assert.strictEqual(error._tag, "UnknownIdentifier")
      assert.match(error.message, /asset tags/)
    }).pipe(Effect.provide(layer)))

  it.effect("lists every candidate of an ambiguous code", () =>
    Effect.gen(function*() {
      const resolver = yield* setup
      const error = yield* Effect.flip(resolver.identify(t1, "L-7"))
      assert.strictEqual(error._tag, "AmbiguousIdentifier")
      if (error._tag !== "AmbiguousIdentifier") return
      assert.deepStrictEqual(error.candidates.map((c) => (c._tag === "Lot" ? c.itemId : c._tag)).sort(), ["cream", "milk"])
      assert.match(error.message, /ambiguous/)
    }).pipe(Effect.provide(layer)))

  it.effect("knows nothing of other tenants, serials out of stock, or junk", () =>
    Effect.gen(function*() {
      const resolver = yield* setup
      for (const [tenant, code] of [["t2", "W-1"], ["t1", "SN-2"], ["t1", ""], ["t1", "B-1 "], ["t1", "\u0000"], ["t1", "x".repeat(10_000)]] as const) {
        const error = yield* Effect.flip(resolver.identify(tenant as TenantId, code))
        assert.strictEqual(error._tag, "UnknownIdentifier")
      }
    }).pipe(Effect.provide(layer)))
})

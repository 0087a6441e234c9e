import { assert, describe, it } from "@effect/vitest"
import { BigDecimal, Effect, Layer } from "effect"
import * as AssetLedger from "../src/AssetLedger.ts"
import * as Assets from "../src/Assets.ts"
import { AssetStore } from "../src/AssetStore.ts"
import { CurrentActor } from "../src/CurrentActor.ts"
import { EventLog } from "../src/EventLog.ts"
import { IdGenerator } from "../src/IdGenerator.ts"
import * as Stores from "../src/Stores.ts"
import { Fixtures } from "../src/testing.ts"

const layer = Layer.mergeAll(Stores.layerMemory, CurrentActor.layer("t1", "ann"), IdGenerator.layerSequential("id"))

/** Everything the register and the event log hold for the tenant, to compare before and after a refusal. */
const snapshot = Effect.gen(function*() {
  const store = yield* AssetStore
  const assets = yield* store.list("t1" as never, { limit: 10_000 })
  const checkOuts = yield* store.checkOuts("t1" as never, { limit: 10_000 })
  const events = yield* (yield* EventLog).list("t1" as never, { limit: 100_000 })
  return { assets, checkOuts, events: events.length }
})

describe("Assets", () => {
  it.effect("registers an asset with exact purchase data and refuses a duplicate tag", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      const a = yield* Assets.register({
        tag: "QM-1",
        name: "Laptop",
        serial: "SN1",
        modelId: "plain",
        category: "IT/Laptops",
        locationId: "bin-a",
        purchase: { cost: "1234.56", date: "2026-01-01T00:00:00Z", supplier: "Acme", purchaseOrder: "PO-7", invoice: "INV-9" },
        warranty: { endsAt: "2029-01-01T00:00:00Z", provider: "Acme" },
        fields: { ram: 16 }
      })
      assert.strictEqual(a.status, "inStock")
      assert.deepStrictEqual(a.category, ["IT", "Laptops"])
      assert.isTrue(BigDecimal.equals(a.purchase.cost!, BigDecimal.fromStringUnsafe("1234.56")))
      const before = yield* snapshot
      const dup = yield* Effect.flip(Assets.register({ tag: "QM-1" }))
      assert.strictEqual(dup._tag, "DuplicateTag")
      assert.include(dup.message, "QM-1")
      const badCost = yield* Effect.flip(Assets.register({ tag: "QM-2", purchase: { cost: "-1" } }))
      assert.strictEqual(badCost._tag, "InvalidInput")
      const tooPrecise = yield* Effect.flip(Assets.register({ tag: "QM-2", purchase: { cost: "1.001" } }))
      assert.strictEqual(tooPrecise._tag, "InvalidQuantity")
      const unknownModel = yield* Effect.flip(Assets.register({ tag: "QM-2", modelId: "nope" }))
      assert.strictEqual(unknownModel._tag, "UnknownItem")
      const badTag = yield* Effect.flip(Assets.register({ tag: "has space" }))
      assert.strictEqual(badTag._tag, "InvalidInput")
      assert.deepStrictEqual(yield* snapshot, before)
      const renamed = yield* Assets.update("QM-1", { tag: "QM-1B", purchase: { invoice: "INV-10" } })
      assert.strictEqual(renamed.tag, "QM-1B")
      assert.strictEqual(renamed.purchase.invoice, "INV-10")
      assert.strictEqual(renamed.purchase.supplier, "Acme")
      // The old tag is free again.
      yield* Assets.register({ tag: "QM-1" })
    }).pipe(Effect.provide(layer)))

  it.effect("every transition emits an event, an invalid one names both states and changes nothing", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      const a = yield* Assets.register({ tag: "T1", status: "onOrder" })
      yield* Assets.transition(a.id, "receive")
      yield* Assets.transition(a.id, "startMaintenance")
      yield* Assets.transition(a.id, "maintenanceDone", "filters changed")
      const before = yield* snapshot
      const bad = yield* Effect.flip(Assets.transition(a.id, "repaired"))
      assert.strictEqual(bad._tag, "InvalidTransition")
      if (bad._tag === "InvalidTransition") {
        assert.strictEqual(bad.from, "inStock")
        assert.strictEqual(bad.to, "inStock")
        assert.strictEqual(bad.assetId, a.id)
      }
      const viaCommand = yield* Effect.flip(Assets.transition(a.id, "checkOut"))
      assert.strictEqual(viaCommand._tag, "InvalidInput")
      assert.deepStrictEqual(yield* snapshot, before)
      const history = yield* Assets.history("T1")
      assert.deepStrictEqual(history.map((e) => e.event._tag), ["AssetRegistered", "AssetTransitioned", "AssetTransitioned", "AssetTransitioned"])
      const last = history[3]!.event
      assert.strictEqual(last._tag === "AssetTransitioned" ? `${last.from}>${last.to}:${last.note}` : "", "inMaintenance>inStock:filters changed")
    }).pipe(Effect.provide(layer)))

  it.effect("attaches components and refuses a cycle at any depth", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* Assets.register({ tag: "server" })
      yield* Assets.register({ tag: "blade" })
      yield* Assets.register({ tag: "ram" })
      yield* Assets.attach("blade", "server")
      yield* Assets.attach("ram", "blade")
      assert.deepStrictEqual((yield* Assets.components("server")).map((a) => a.tag), ["blade"])
      const before = yield* snapshot
      const cycle = yield* Effect.flip(Assets.attach("server", "ram"))
      assert.strictEqual(cycle._tag, "CycleInComponents")
      const self = yield* Effect.flip(Assets.attach("server", "server"))
      assert.strictEqual(self._tag, "CycleInComponents")
      assert.deepStrictEqual(yield* snapshot, before)
      const detached = yield* Assets.detach("blade")
      assert.strictEqual(detached.parentId, null)
      yield* Assets.attach("server", "ram")
      const notComponent = yield* Effect.flip(Assets.detach("blade"))
      assert.strictEqual(notComponent._tag, "InvalidAssetCommand")
    }).pipe(Effect.provide(layer)))

  it.effect("a disposed asset refuses every further command", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* Assets.register({ tag: "old" })
      yield* Assets.transition("old", "retire")
      const gone = yield* AssetLedger.dispose({ asset: "old", method: "sale", proceeds: "10.50" })
      assert.strictEqual(gone.status, "disposed")
      assert.strictEqual(gone.disposal?.method, "sale")
      yield* Assets.register({ tag: "new" })
      const before = yield* snapshot
      assert.strictEqual((yield* Effect.flip(Assets.update("old", { name: "x" })))._tag, "AssetDisposed")
      assert.strictEqual((yield* Effect.flip(Assets.transition("old", "reinstate")))._tag, "InvalidTransition")
      assert.strictEqual((yield* Effect.flip(Assets.attach("new", "old")))._tag, "AssetDisposed")
      assert.deepStrictEqual(yield* snapshot, before)
    }).pipe(Effect.provide(layer)))
})

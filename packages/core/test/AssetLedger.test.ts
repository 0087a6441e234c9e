import { assert, describe, it } from "@effect/vitest"
import { BigDecimal, Effect, Layer } from "effect"
import * as AssetLedger from "../src/AssetLedger.ts"
import * as Assets from "../src/Assets.ts"
import { AssetStore } from "../src/AssetStore.ts"
import { CurrentActor } from "../src/CurrentActor.ts"
import { EventLog } from "../src/EventLog.ts"
import { IdGenerator } from "../src/IdGenerator.ts"
import { LedgerStore } from "../src/LedgerStore.ts"
import * as Catalog from "../src/Catalog.ts"
import * as StockLedger from "../src/StockLedger.ts"
import * as Stores from "../src/Stores.ts"
import { Fixtures } from "../src/testing.ts"

const layer = Layer.mergeAll(Stores.layerMemory, CurrentActor.layer("t1", "ann"), IdGenerator.layerSequential("id"))

const serialAt = (itemId: string, serial: string) =>
  Effect.map(Effect.flatMap(Effect.service(LedgerStore), (l) => l.getSerials("t1" as never, itemId as never, [serial])), (m) => m.get(serial) ?? null)

const snapshot = Effect.gen(function*() {
  const store = yield* AssetStore
  const ledger = yield* LedgerStore
  return {
    assets: yield* store.list("t1" as never, { limit: 10_000 }),
    serials: yield* ledger.serials("t1" as never, {}),
    events: (yield* (yield* EventLog).list("t1" as never, { limit: 100_000 })).length
  }
})

describe("AssetLedger", () => {
  it.effect("capitalises a received serial at its location and valuation cost; transfers keep ledger and register equal", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* StockLedger.post([
        { id: "rcv", itemId: "serial", from: "sup", to: "bin-a", quantity: 2, serials: ["S1", "S2"], unitCost: "899.99" }
      ])
      const a = yield* AssetLedger.capitalise({ itemId: "serial", serial: "S1", tag: "LT-1", purchase: { cost: "1", supplier: "Acme" } })
      assert.strictEqual(a.status, "inStock")
      assert.strictEqual(a.locationId, "bin-a")
      assert.isTrue(a.inLedger)
      assert.strictEqual(a.name, "Serial laptop")
      assert.strictEqual(a.purchase.supplier, "Acme")
      assert.isTrue(BigDecimal.equals(a.purchase.cost!, BigDecimal.fromStringUnsafe("899.99")), BigDecimal.format(a.purchase.cost!))
      const moved = yield* AssetLedger.transfer({ asset: "LT-1", to: "bin-c", reference: "move-1" })
      assert.strictEqual(moved.locationId, "bin-c")
      assert.strictEqual(yield* serialAt("serial", "S1"), "bin-c")
      assert.strictEqual(yield* serialAt("serial", "S2"), "bin-a")
      assert.deepStrictEqual(yield* AssetLedger.reconcile, [])
      const history = (yield* Assets.history("LT-1")).map((e) => e.event._tag)
      assert.deepStrictEqual(history, ["AssetRegistered", "AssetTransferred"])
    }).pipe(Effect.provide(layer)))

  it.effect("costs a capitalised serial by the item's valuation method", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      for (const method of ["specific-identification", "moving-average", "fifo"] as const) {
        yield* Catalog.createItem({ id: method, sku: method, name: method, baseUnit: { code: "each" }, tracking: "serial", valuationMethod: method })
        yield* StockLedger.post([{ id: `${method}-1`, itemId: method, from: "sup", to: "bin-a", quantity: 1, serials: ["S1"], unitCost: "100.00" }])
        yield* StockLedger.post([{ id: `${method}-2`, itemId: method, from: "sup", to: "bin-a", quantity: 1, serials: ["S2"], unitCost: "200.01" }])
      }
      const cost = (itemId: string) =>
        Effect.map(AssetLedger.capitalise({ itemId, serial: "S2", tag: `${itemId}-S2` }), (a) => BigDecimal.format(a.purchase.cost!))
      assert.strictEqual(yield* cost("specific-identification"), "200.01")
      // (100.00 + 200.01) / 2 = 150.005, rounded half away from zero to the cent.
      assert.strictEqual(yield* cost("moving-average"), "150.01")
      assert.strictEqual(yield* cost("fifo"), "200.01")
    }).pipe(Effect.provide(layer)))

  it.effect("falls back to the given cost when neither the valuation nor the receipt has one", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* StockLedger.post([{ id: "found", itemId: "serial", from: "loss", to: "bin-a", quantity: 1, serials: ["S9"] }])
      const a = yield* AssetLedger.capitalise({ itemId: "serial", serial: "S9", tag: "LT-9", purchase: { cost: "250.00" } })
      assert.strictEqual(BigDecimal.format(a.purchase.cost!), "250")
      yield* StockLedger.post([{ id: "found-2", itemId: "serial", from: "loss", to: "bin-a", quantity: 1, serials: ["S10"] }])
      const b = yield* AssetLedger.capitalise({ itemId: "serial", serial: "S10", tag: "LT-10" })
      assert.strictEqual(b.purchase.cost, null)
    }).pipe(Effect.provide(layer)))

  it.effect("refuses what cannot be capitalised or moved, changing nothing", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* StockLedger.post([
        { id: "rcv", itemId: "serial", from: "sup", to: "bin-a", quantity: 1, serials: ["S1"], unitCost: 10 },
        { id: "rcv-t", itemId: "serial", from: "sup", to: "transit", quantity: 1, serials: ["T1"], unitCost: 10 },
        { id: "rcv-p", itemId: "plain", from: "sup", to: "bin-a", quantity: 3, unitCost: 1 }
      ])
      yield* AssetLedger.capitalise({ itemId: "serial", serial: "S1", tag: "LT-1" })
      const before = yield* snapshot
      const fails = [
        yield* Effect.flip(AssetLedger.capitalise({ itemId: "serial", serial: "S1", tag: "LT-2" })),
        yield* Effect.flip(AssetLedger.capitalise({ itemId: "serial", serial: "NOPE", tag: "LT-2" })),
        yield* Effect.flip(AssetLedger.capitalise({ itemId: "serial", serial: "T1", tag: "LT-2" })),
        yield* Effect.flip(AssetLedger.capitalise({ itemId: "plain", serial: "X", tag: "LT-2" })),
        yield* Effect.flip(AssetLedger.capitalise({ itemId: "serial", serial: "S1", tag: "bad tag" })),
        yield* Effect.flip(AssetLedger.transfer({ asset: "LT-1", to: "cust" })),
        yield* Effect.flip(AssetLedger.transfer({ asset: "LT-1", to: "bin-a" })),
        yield* Effect.flip(AssetLedger.transfer({ asset: "LT-1", to: "nowhere" })),
        yield* Effect.flip(AssetLedger.dispose({ asset: "LT-1" }))
      ]
      assert.deepStrictEqual(fails.map((e) => e._tag), [
        "NotCapitalisable",
        "NotCapitalisable",
        "NotCapitalisable",
        "NotCapitalisable",
        "InvalidInput",
        "InvalidAssetCommand",
        "InvalidAssetCommand",
        "UnknownLocation",
        "InvalidTransition"
      ])
      assert.include(fails[0]!.message, "LT-1")
      assert.deepStrictEqual(yield* snapshot, before)
    }).pipe(Effect.provide(layer)))

  it.effect("disposes through the ledger, returns a retired asset to stock, and reconcile finds drift", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* StockLedger.post([{ id: "rcv", itemId: "serial", from: "sup", to: "bin-a", quantity: 3, serials: ["S1", "S2", "S3"], unitCost: 10 }])
      yield* AssetLedger.capitalise({ itemId: "serial", serial: "S1", tag: "A1" })
      yield* AssetLedger.capitalise({ itemId: "serial", serial: "S2", tag: "A2" })
      yield* AssetLedger.capitalise({ itemId: "serial", serial: "S3", tag: "A3" })
      yield* Assets.transition("A1", "retire")
      const noTarget = yield* Effect.flip(AssetLedger.dispose({ asset: "A1", proceeds: "5" }))
      assert.strictEqual(noTarget._tag, "InvalidInput")
      const intoStock = yield* Effect.flip(AssetLedger.dispose({ asset: "A1", proceeds: "5", to: "bin-b" }))
      assert.strictEqual(intoStock._tag, "InvalidInput")
      const sold = yield* AssetLedger.dispose({ asset: "A1", proceeds: "5", to: "cust" })
      assert.strictEqual(sold.status, "disposed")
      assert.strictEqual(yield* serialAt("serial", "S1"), null)
      yield* Assets.transition("A2", "retire")
      const back = yield* AssetLedger.returnToStock("A2")
      assert.strictEqual(back.disposal?.method, "returnedToStock")
      assert.strictEqual(yield* serialAt("serial", "S2"), "bin-a")
      // The serial is ordinary stock again and may be capitalised anew.
      const again = yield* AssetLedger.capitalise({ itemId: "serial", serial: "S2", tag: "A2-new" })
      assert.strictEqual(again.locationId, "bin-a")
      const notLedger = yield* Assets.register({ tag: "loose" })
      yield* Assets.transition(notLedger.id, "retire")
      assert.strictEqual((yield* Effect.flip(AssetLedger.returnToStock("loose")))._tag, "InvalidAssetCommand")
      assert.deepStrictEqual(yield* AssetLedger.reconcile, [])
      // Moving the serial behind the register's back is drift that reconcile reports.
      yield* StockLedger.post([{ id: "sneak", itemId: "serial", from: "bin-a", to: "bin-b", quantity: 1, serials: ["S3"] }])
      const drift = yield* AssetLedger.reconcile
      assert.deepStrictEqual(drift.map((m) => `${m.tag}:${m.assetLocationId}>${m.ledgerLocationId}`), ["A3:bin-a>bin-b"])
    }).pipe(Effect.provide(layer)))

  it.effect("a transfer carries the components standing with the asset", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* Catalog.createItem({ id: "ram", sku: "RAM-1", name: "RAM stick", baseUnit: { code: "each" }, tracking: "serial" })
      yield* StockLedger.post([
        { id: "r1", itemId: "serial", from: "sup", to: "bin-a", quantity: 1, serials: ["SRV"], unitCost: 100 },
        { id: "r2", itemId: "ram", from: "sup", to: "bin-a", quantity: 2, serials: ["R1", "R2"], unitCost: 5 }
      ])
      yield* AssetLedger.capitalise({ itemId: "serial", serial: "SRV", tag: "srv" })
      yield* AssetLedger.capitalise({ itemId: "ram", serial: "R1", tag: "ram1" })
      yield* AssetLedger.capitalise({ itemId: "ram", serial: "R2", tag: "ram2" })
      yield* Assets.attach("ram1", "srv")
      yield* Assets.attach("ram2", "srv")
      yield* AssetLedger.transfer({ asset: "srv", to: "bin-b" })
      assert.deepStrictEqual((yield* Assets.components("srv")).map((a): string | null => a.locationId), ["bin-b", "bin-b"])
      assert.strictEqual(yield* serialAt("ram", "R2"), "bin-b")
      assert.deepStrictEqual(yield* AssetLedger.reconcile, [])
    }).pipe(Effect.provide(layer)))
})

import { assert, describe, it } from "@effect/vitest"
import { BigDecimal, DateTime, Effect, Layer, Schema, Stream } from "effect"
import * as Catalog from "../src/Catalog.ts"
import { CurrentActor } from "../src/CurrentActor.ts"
import type * as DeviceEvent from "../src/DeviceEvent.ts"
import { EventLog } from "../src/EventLog.ts"
import { IdentifierResolver } from "../src/IdentifierResolver.ts"
import { IdGenerator } from "../src/IdGenerator.ts"
import type { TenantId } from "../src/Ids.ts"
import * as Locations from "../src/Locations.ts"
import * as PurchaseOrders from "../src/PurchaseOrders.ts"
import * as ReceivingScan from "../src/ReceivingScan.ts"
import * as StockLedger from "../src/StockLedger.ts"
import * as StockQuery from "../src/StockQuery.ts"
import * as Stores from "../src/Stores.ts"

const base = Layer.mergeAll(Stores.layerMemory, CurrentActor.layer("t1", "alice"), IdGenerator.layerSequential("x"))
const layer = IdentifierResolver.layerStores.pipe(Layer.provideMerge(base))

const GTIN = "4006381333931"

// A supplier, a warehouse with two bins, and a purchase order for widgets (10, 10 % tolerance), milk
// (lot-tracked) and laptops (serial-tracked). Gadgets exist but are not on the order; "DUP" is both a SKU
// and a location code.
const setup = Effect.gen(function*() {
  yield* Catalog.createItem({ id: "widget", sku: "W-1", name: "Widget", baseUnit: { code: "each" }, gtins: [GTIN] })
  yield* Catalog.createItem({ id: "gadget", sku: "G-1", name: "Gadget", baseUnit: { code: "each" } })
  yield* Catalog.createItem({ id: "milk", sku: "MK-1", name: "Milk", baseUnit: { code: "each" }, tracking: "lot" })
  yield* Catalog.createItem({ id: "laptop", sku: "LT-1", name: "Laptop", baseUnit: { code: "each" }, tracking: "serial" })
  yield* Catalog.createItem({ id: "dup-item", sku: "DUP", name: "Dup", baseUnit: { code: "each" } })
  yield* Locations.create({ id: "sup", code: "SUP", kind: "site", usage: "supplier" })
  yield* Locations.create({ id: "wh", code: "WH", kind: "warehouse" })
  yield* Locations.create({ id: "a01", code: "A-01", kind: "bin", parentId: "wh" })
  yield* Locations.create({ id: "dup-loc", code: "DUP", kind: "bin", parentId: "wh" })
  yield* StockLedger.post([{ id: "s1", itemId: "milk", from: "sup", to: "a01", quantity: 1, lot: "L1" }])
  yield* PurchaseOrders.create({
    id: "PO-1",
    supplierId: "sup",
    supplierName: "Acme",
    shipToId: "wh",
    tolerancePercent: 10,
    lines: [
      { itemId: "widget", quantity: 10, unitPrice: "1.25", expectedAt: 0 },
      { itemId: "milk", quantity: 5, unitPrice: 2, expectedAt: 0 },
      { itemId: "laptop", quantity: 2, unitPrice: 900, expectedAt: 0 }
    ]
  })
  yield* PurchaseOrders.send("PO-1")
})

const scan = (data: string, ms: number, deviceId = "gun-1"): DeviceEvent.BarcodeScanned => ({
  _tag: "BarcodeScanned",
  deviceId,
  data,
  symbology: null,
  at: DateTime.makeUnsafe(ms)
})

const spaced = (codes: ReadonlyArray<string>, deviceId = "gun-1") => codes.map((c, i) => scan(c, i * 2000, deviceId))

const run = (events: ReadonlyArray<DeviceEvent.DeviceEvent>, config: Partial<ReceivingScan.Config> = {}) =>
  Effect.map(Stream.runCollect(ReceivingScan.runOn(Stream.fromIterable(events), { purchaseOrderId: "PO-1", ...config })), (c) => [...c])

const tags = (outcomes: ReadonlyArray<ReceivingScan.Outcome>) => outcomes.map((o) => o._tag)

const errorOf = (o: ReceivingScan.Outcome | undefined) => {
  assert.strictEqual(o?._tag, "Rejected")
  return (o as ReceivingScan.Rejected).error._tag
}

const onHand = (itemId: string, locationId: string) =>
  Effect.map(StockQuery.level({ itemId, locationId }), (l) => BigDecimal.format(l.onHand))

const eventCount = Effect.flatMap(Effect.service(EventLog), (log) => Effect.map(log.list("t1" as TenantId, { limit: 10_000 }), (e) => e.length))

describe("ReceivingScan", () => {
  it.effect("receives one base unit per item scan against the order's line, into the scanned bin", () =>
    Effect.gen(function*() {
      yield* setup
      const out = yield* run(spaced(["A-01", GTIN, "W-1"]))
      assert.deepStrictEqual(tags(out), ["LocationScanned", "Received", "Received"])
      const received = out[2] as ReceivingScan.Received
      assert.strictEqual(received.lineNo, 1)
      assert.strictEqual(received.movements[0]!.toLocationId, "a01")
      assert.strictEqual(received.movements[0]!.reference, "PO-1")
      assert.strictEqual(BigDecimal.format(received.movements[0]!.unitCost!), "1.25")
      assert.strictEqual(yield* onHand("widget", "a01"), "2")
      const order = yield* PurchaseOrders.get("PO-1")
      assert.strictEqual(order.lines[0]!.received, 2n)
      assert.strictEqual(order.status, "partiallyReceived")
      // Outcomes encode to JSON.
      assert.doesNotThrow(() => Schema.encodeUnknownSync(Schema.Array(ReceivingScan.Outcome))(out))
    }).pipe(Effect.provide(layer)))

  it.effect("suppresses duplicate reads within the window", () =>
    Effect.gen(function*() {
      yield* setup
      const out = yield* run([scan("W-1", 0), scan("W-1", 300), scan("W-1", 700), scan("W-1", 2000)])
      assert.deepStrictEqual(tags(out), ["Received", "Received"])
      assert.strictEqual(yield* onHand("widget", "wh"), "2")
    }).pipe(Effect.provide(layer)))

  it.effect("takes the scan after a tracked item as its new lot or serial, and known lots directly", () =>
    Effect.gen(function*() {
      yield* setup
      const out = yield* run(spaced(["MK-1", "L9", "L1", "LT-1", "SN-100", "LT-1", "SN-101"]))
      assert.deepStrictEqual(tags(out), ["ItemScanned", "Received", "Received", "ItemScanned", "Received", "ItemScanned", "Received"])
      const lots = out.flatMap((o) => (o._tag === "Received" ? o.movements.map((m) => m.lot ?? m.serials.join(",")) : []))
      assert.deepStrictEqual(lots, ["L9", "L1", "SN-100", "SN-101"])
      const order = yield* PurchaseOrders.get("PO-1")
      assert.deepStrictEqual(order.lines.map((l) => [l.received, l.status]), [[0n, "open"], [2n, "open"], [2n, "received"]])
    }).pipe(Effect.provide(layer)))

  it.effect("rejects unknown and ambiguous codes, items not on the order and serials in stock, changing nothing", () =>
    Effect.gen(function*() {
      yield* setup
      yield* StockLedger.post([{ id: "s2", itemId: "laptop", from: "sup", to: "a01", quantity: 1, serials: ["SN-OLD"] }])
      const before = yield* eventCount
      const out = yield* run(spaced(["NOPE", "DUP", "G-1", "SN-OLD"]))
      assert.deepStrictEqual(out.map(errorOf), ["UnknownIdentifier", "AmbiguousIdentifier", "ItemNotOnOrder", "UnexpectedScan"])
      assert.strictEqual(yield* eventCount, before)
      assert.strictEqual((yield* PurchaseOrders.get("PO-1")).version, 2)
    }).pipe(Effect.provide(layer)))

  it.effect("refuses scans beyond the tolerance and against a closed order, changing nothing", () =>
    Effect.gen(function*() {
      yield* setup
      // 10 ordered + 10 % = 11 widgets at most.
      const out = yield* run(spaced(Array.from({ length: 12 }, () => "W-1")), { duplicateWindow: 0 })
      assert.deepStrictEqual(tags(out), [...Array.from({ length: 11 }, () => "Received"), "Rejected"])
      assert.strictEqual(errorOf(out[11]), "OverReceipt")
      assert.strictEqual(yield* onHand("widget", "wh"), "11")
      yield* PurchaseOrders.close("PO-1")
      const before = yield* eventCount
      const closed = yield* run(spaced(["MK-1", "L7"]))
      assert.deepStrictEqual(tags(closed), ["ItemScanned", "Rejected"])
      assert.strictEqual(errorOf(closed[1]), "InvalidStatus")
      assert.strictEqual(yield* eventCount, before)
    }).pipe(Effect.provide(layer)))

  it("picks the first line with something to come, else the first line not short-closed", () => {
    const line = (lineNo: number, quantity: bigint, received: bigint, status: "open" | "received" | "shortClosed") => ({
      lineNo,
      itemId: "w" as never,
      quantity,
      unitPrice: BigDecimal.fromBigInt(1n),
      expectedAt: DateTime.makeUnsafe(0),
      tolerancePercent: null,
      received,
      cancelled: 0n,
      status
    })
    const order = (lines: ReadonlyArray<ReturnType<typeof line>>) => ({ lines }) as unknown as Parameters<typeof ReceivingScan.lineFor>[0]
    assert.strictEqual(ReceivingScan.lineFor(order([line(1, 5n, 5n, "received"), line(2, 5n, 1n, "open")]), "w" as never), 2)
    assert.strictEqual(ReceivingScan.lineFor(order([line(1, 5n, 5n, "open"), line(2, 5n, 5n, "received")]), "w" as never), 1)
    assert.strictEqual(ReceivingScan.lineFor(order([line(1, 5n, 1n, "shortClosed"), line(2, 5n, 5n, "received")]), "w" as never), 2)
    assert.strictEqual(ReceivingScan.lineFor(order([line(1, 5n, 5n, "shortClosed")]), "w" as never), 1)
    assert.strictEqual(ReceivingScan.lineFor(order([]), "w" as never), null)
  })
})

describe("ReceivingScan replays", () => {
  it.effect("resending the same scans receives nothing twice", () =>
    Effect.gen(function*() {
      yield* setup
      const events = spaced(["A-01", GTIN, GTIN, GTIN])
      const first = yield* run(events)
      const events_ = yield* eventCount
      const again = yield* run(events)
      assert.deepStrictEqual(tags(again), tags(first))
      const receipts = (o: ReadonlyArray<ReceivingScan.Outcome>) => o.flatMap((x) => (x._tag === "Received" ? [x.receipt.id] : []))
      assert.strictEqual(receipts(first).length, 3)
      assert.deepStrictEqual(receipts(again), receipts(first))
      assert.strictEqual(yield* onHand("widget", "a01"), "3")
      assert.strictEqual((yield* PurchaseOrders.get("PO-1")).lines[0]!.received, 3n)
      assert.strictEqual(yield* eventCount, events_)
    }).pipe(Effect.provide(layer)))
})

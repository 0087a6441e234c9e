import { assert, describe, it } from "@effect/vitest"
import { BigDecimal, DateTime, Effect, Layer, Result, Schema, Stream } from "effect"
import { TestClock } from "effect/testing"
import * as fc from "fast-check"
import * as Catalog from "../src/Catalog.ts"
import { CurrentActor } from "../src/CurrentActor.ts"
import * as DeviceEvent from "../src/DeviceEvent.ts"
import { DeviceEvents, DeviceFeed } from "../src/DeviceEvents.ts"
import * as Gtin from "../src/Gtin.ts"
import { IdentifierResolver } from "../src/IdentifierResolver.ts"
import { IdGenerator } from "../src/IdGenerator.ts"
import type { ItemId, TenantId } from "../src/Ids.ts"
import { LedgerStore } from "../src/LedgerStore.ts"
import * as Locations from "../src/Locations.ts"
import { ScanOutcome } from "../src/ScanOutcome.ts"
import * as ScanWorkflow from "../src/ScanWorkflow.ts"
import * as StockLedger from "../src/StockLedger.ts"
import * as StockQuery from "../src/StockQuery.ts"
import * as Stores from "../src/Stores.ts"

const base = Layer.mergeAll(Stores.layerMemory, CurrentActor.layer("t1", "alice"), IdGenerator.layerSequential("x"))
const layer = IdentifierResolver.layerStores.pipe(Layer.provideMerge(base))

const GTIN = "4006381333931"

// A warehouse with a receiving bin and two storage bins, a supplier, and stock of every tracking kind. The
// code "DUP" is both a SKU and a location code; the serial "SN-X" is held by two items.
const setup = Effect.gen(function*() {
  yield* Catalog.createItem({ id: "widget", sku: "W-1", name: "Widget", baseUnit: { code: "each" }, gtins: [GTIN] })
  yield* Catalog.createItem({ id: "laptop", sku: "LT-1", name: "Laptop", baseUnit: { code: "each" }, tracking: "serial" })
  yield* Catalog.createItem({ id: "phone", sku: "PH-1", name: "Phone", baseUnit: { code: "each" }, tracking: "serial" })
  yield* Catalog.createItem({ id: "milk", sku: "MK-1", name: "Milk", baseUnit: { code: "each" }, tracking: "lot" })
  yield* Catalog.createItem({ id: "dup-item", sku: "DUP", name: "Dup", baseUnit: { code: "each" } })
  yield* Locations.create({ id: "sup", code: "SUP", kind: "site", usage: "supplier" })
  yield* Locations.create({ id: "wh", code: "WH", kind: "warehouse" })
  yield* Locations.create({ id: "recv", code: "RECV", kind: "bin", parentId: "wh" })
  yield* Locations.create({ id: "a01", code: "A-01", kind: "bin", parentId: "wh" })
  yield* Locations.create({ id: "a02", code: "A-02", kind: "bin", parentId: "wh" })
  yield* Locations.create({ id: "dup-loc", code: "DUP", kind: "bin", parentId: "wh" })
  yield* StockLedger.post([
    { id: "s1", itemId: "laptop", from: "sup", to: "a01", quantity: 3, serials: ["S1", "S2", "S3"] },
    { id: "s2", itemId: "phone", from: "sup", to: "a01", quantity: 1, serials: ["SN-X"] },
    { id: "s3", itemId: "laptop", from: "sup", to: "a02", quantity: 1, serials: ["SN-X"] },
    { id: "s4", itemId: "milk", from: "sup", to: "a01", quantity: 5, lot: "L1" },
    { id: "s5", itemId: "widget", from: "sup", to: "recv", quantity: 3 }
  ])
})

const KNOWN = new Set(["W-1", "LT-1", "PH-1", "MK-1", "DUP", "SUP", "WH", "RECV", "A-01", "A-02", "S1", "S2", "S3", "SN-X", "L1"])

const scan = (data: string, ms: number, deviceId = "gun-1"): DeviceEvent.BarcodeScanned => ({
  _tag: "BarcodeScanned",
  deviceId,
  data,
  symbology: null,
  at: DateTime.makeUnsafe(ms)
})

/** Scans two seconds apart, so none is a duplicate of the one before. */
const spaced = (codes: ReadonlyArray<string>, deviceId = "gun-1") => codes.map((c, i) => scan(c, i * 2000, deviceId))

const run = (config: ScanWorkflow.Config, events: ReadonlyArray<DeviceEvent.DeviceEvent>) =>
  Stream.runCollect(ScanWorkflow.runOn(Stream.fromIterable(events), config))

const tags = (outcomes: ReadonlyArray<ScanOutcome>) => outcomes.map((o) => o._tag)

const onHand = (itemId: string, locationId: string) =>
  Effect.map(StockQuery.level({ itemId, locationId }), (l) => BigDecimal.format(l.onHand))

const movements = Effect.flatMap(Effect.service(LedgerStore), (s) => s.movements("t1" as TenantId, {}, { limit: 10_000 }))

const rejection = (o: ScanOutcome | undefined) => {
  assert.strictEqual(o?._tag, "Rejected")
  return (o as Extract<ScanOutcome, { _tag: "Rejected" }>).error
}

describe("ScanWorkflow receive", () => {
  it.effect("receives by GTIN scan into a scanned bin, one base unit per scan", () =>
    Effect.gen(function*() {
      yield* setup
      const out = yield* run({ mode: "receive", from: "sup" }, spaced(["A-01", GTIN, `0${GTIN}`]))
      assert.deepStrictEqual(tags(out), ["LocationScanned", "Posted", "Posted"])
      const posted = out[1] as Extract<ScanOutcome, { _tag: "Posted" }>
      assert.strictEqual(posted.movements[0]!.fromLocationId, "sup")
      assert.strictEqual(posted.movements[0]!.toLocationId, "a01")
      assert.strictEqual(posted.movements[0]!.quantity, 1n)
      assert.strictEqual(yield* onHand("widget", "a01"), "2")
    }).pipe(Effect.provide(layer)))

  it.effect("uses the configured destination, takes known lots, and sets the reference", () =>
    Effect.gen(function*() {
      yield* setup
      const out = yield* run({ mode: "receive", from: "sup", to: "a02", reference: "PO-7" }, spaced(["W-1", "L1"]))
      assert.deepStrictEqual(tags(out), ["Posted", "Posted"])
      const lot = (out[1] as Extract<ScanOutcome, { _tag: "Posted" }>).movements[0]!
      assert.strictEqual(lot.lot, "L1")
      assert.strictEqual(lot.reference, "PO-7")
      assert.strictEqual(yield* onHand("widget", "a02"), "1")
      assert.strictEqual(yield* onHand("milk", "a02"), "1")
    }).pipe(Effect.provide(layer)))

  it.effect("rejects an item without a destination, a tracked item by SKU, and a serial in stock", () =>
    Effect.gen(function*() {
      yield* setup
      const before = (yield* movements).length
      const out = yield* run({ mode: "receive", from: "sup" }, spaced([GTIN, "LT-1", "A-01", "S1"]))
      assert.deepStrictEqual(tags(out), ["Rejected", "Rejected", "LocationScanned", "Rejected"])
      for (const i of [0, 1, 3]) assert.strictEqual(rejection(out[i])._tag, "UnexpectedScan")
      assert.strictEqual((yield* movements).length, before)
    }).pipe(Effect.provide(layer)))

  it.effect("turns a refused posting into a typed rejection", () =>
    Effect.gen(function*() {
      yield* setup
      const out = yield* run({ mode: "receive", from: "nowhere", to: "a01" }, spaced([GTIN]))
      assert.strictEqual(rejection(out[0])._tag, "UnknownLocation")
    }).pipe(Effect.provide(layer)))
})

describe("ScanWorkflow put away", () => {
  it.effect("moves the scanned items from the receiving location to the scanned bin", () =>
    Effect.gen(function*() {
      yield* setup
      const out = yield* run({ mode: "putAway", from: "recv" }, spaced(["A-02", "W-1", GTIN, "A-02"]))
      assert.deepStrictEqual(tags(out), ["Rejected", "ItemScanned", "ItemScanned", "Posted"])
      const posted = out[3] as Extract<ScanOutcome, { _tag: "Posted" }>
      assert.strictEqual(posted.movements.length, 1)
      assert.strictEqual(posted.movements[0]!.quantity, 2n)
      assert.strictEqual(yield* onHand("widget", "a02"), "2")
      assert.strictEqual(yield* onHand("widget", "recv"), "1")
    }).pipe(Effect.provide(layer)))
})

describe("ScanWorkflow move", () => {
  it.effect("moves the scanned serials from the source to the destination", () =>
    Effect.gen(function*() {
      yield* setup
      const out = yield* run({ mode: "move" }, spaced(["S1", "A-01", "S1", "S2", "S2", "A-02"]))
      assert.deepStrictEqual(tags(out), ["Rejected", "LocationScanned", "ItemScanned", "ItemScanned", "Rejected", "Posted"])
      assert.strictEqual(rejection(out[0])._tag, "UnexpectedScan")
      assert.strictEqual(rejection(out[4])._tag, "UnexpectedScan")
      const m = (out[5] as Extract<ScanOutcome, { _tag: "Posted" }>).movements
      assert.strictEqual(m.length, 1)
      assert.deepStrictEqual(m[0]!.serials, ["S1", "S2"])
      assert.strictEqual(m[0]!.quantity, 2n)
      const ledger = yield* LedgerStore
      const at = yield* ledger.getSerials("t1" as TenantId, "laptop" as ItemId, ["S1", "S2", "S3"])
      assert.deepStrictEqual([at.get("S1"), at.get("S2"), at.get("S3")], ["a02", "a02", "a01"])
    }).pipe(Effect.provide(layer)))

  it.effect("rejects a serial that is not at the source and keeps the batch", () =>
    Effect.gen(function*() {
      yield* setup
      const out = yield* run({ mode: "move" }, spaced(["A-02", "S1", "A-01", "S1", "NOPE", "A-01", "A-02"]))
      assert.deepStrictEqual(tags(out), ["LocationScanned", "Rejected", "LocationScanned", "ItemScanned", "Rejected", "Rejected", "Posted"])
      assert.strictEqual(rejection(out[4])._tag, "UnknownIdentifier")
      assert.strictEqual(rejection(out[5])._tag, "UnexpectedScan")
      assert.strictEqual(yield* onHand("laptop", "a02"), "2")
    }).pipe(Effect.provide(layer)))

  it.effect("rejects a whole batch the ledger refuses and posts nothing", () =>
    Effect.gen(function*() {
      yield* setup
      const before = (yield* movements).length
      // Two widgets from a bin that holds none.
      const out = yield* run({ mode: "move" }, spaced(["A-01", "W-1", "W-1", "A-02"]))
      assert.strictEqual(rejection(out[3])._tag, "InsufficientStock")
      assert.strictEqual((yield* movements).length, before)
    }).pipe(Effect.provide(layer)))
})

describe("ScanWorkflow count", () => {
  it.effect("tallies items, lots and serials per location and posts nothing", () =>
    Effect.gen(function*() {
      yield* setup
      const before = (yield* movements).length
      const out = yield* run({ mode: "count" }, spaced(["W-1", "A-01", "W-1", "W-1", "L1", "S3", "S3", "A-02", GTIN, "RECV", "RECV"]))
      assert.deepStrictEqual(tags(out), [
        "Rejected",
        "LocationScanned",
        "Tallied",
        "Tallied",
        "Tallied",
        "Tallied",
        "Rejected",
        "Counted",
        "LocationScanned",
        "Tallied",
        "Counted",
        "LocationScanned",
        "Counted"
      ])
      const tallies = out.flatMap((o) => (o._tag === "Counted" ? [o.tally] : []))
      assert.deepStrictEqual(tallies.map((t) => t.locationId), ["a01", "a02", "recv"])
      const lines = tallies[0]!.lines.map((l) => [l.itemId, l.lot, l.serials, BigDecimal.format(l.quantity)])
      assert.deepStrictEqual(lines, [["widget", null, [], "2"], ["milk", "L1", [], "1"], ["laptop", null, ["S3"], "1"]])
      assert.deepStrictEqual(tallies[1]!.lines.map((l) => [l.itemId, BigDecimal.format(l.quantity)]), [["widget", "1"]])
      // Scanning the counted location again closes it: the receiving bin was counted empty.
      assert.deepStrictEqual(tallies[2]!.lines, [])
      assert.strictEqual((yield* movements).length, before)
    }).pipe(Effect.provide(layer)))

  it.effect("closes the open count of every device when the events end", () =>
    Effect.gen(function*() {
      yield* setup
      const events = [scan("A-01", 0, "gun-1"), scan("A-02", 0, "gun-2"), scan("W-1", 100, "gun-2"), scan("W-1", 200, "gun-1")]
      const out = yield* run({ mode: "count" }, events)
      const tallies = out.flatMap((o) => (o._tag === "Counted" ? [o.tally] : []))
      assert.deepStrictEqual(tallies.map((t) => [t.deviceId, t.locationId, t.lines.length]), [["gun-1", "a01", 1], ["gun-2", "a02", 1]])
      assert.strictEqual(DateTime.toEpochMillis(tallies[0]!.lastScanAt), 200)
    }).pipe(Effect.provide(layer)))
})

describe("ScanWorkflow duplicate suppression", () => {
  it.effect("drops repeats of a code within the window of its previous read, per device", () =>
    Effect.gen(function*() {
      yield* setup
      const events = [
        scan(GTIN, 0),
        scan(GTIN, 600), // within the window: dropped
        scan(GTIN, 700, "gun-2"), // another device: posts
        scan(GTIN, 1_200), // within the window of the read at 600: dropped
        scan(GTIN, 2_300) // past it: posts
      ]
      const out = yield* run({ mode: "receive", from: "sup", to: "a02", duplicateWindow: "1 second" }, events)
      assert.deepStrictEqual(tags(out), ["Posted", "Posted", "Posted"])
      assert.strictEqual(yield* onHand("widget", "a02"), "3")
    }).pipe(Effect.provide(layer)))

  it.effect("reads event times from the Clock through the queue-backed device port", () =>
    Effect.gen(function*() {
      yield* setup
      const feed = yield* DeviceFeed
      const read = (data: string) => Effect.flatMap(DeviceEvent.barcode({ deviceId: "gun-1", data }), feed.offer)
      yield* read(GTIN)
      yield* TestClock.adjust("999 millis")
      yield* read(GTIN)
      yield* TestClock.adjust("1 second")
      yield* read(GTIN)
      yield* TestClock.adjust("5 seconds")
      yield* read(GTIN)
      yield* feed.end
      const out = yield* Stream.runCollect(ScanWorkflow.run({ mode: "receive", from: "sup", to: "a01" }))
      assert.deepStrictEqual(tags(out), ["Posted", "Posted", "Posted"])
      assert.strictEqual(yield* onHand("widget", "a01"), "3")
    }).pipe(Effect.provide(Layer.merge(layer, DeviceEvents.layerQueue))))

  it.effect("a zero window suppresses nothing", () =>
    Effect.gen(function*() {
      yield* setup
      const out = yield* run({ mode: "receive", from: "sup", to: "a02", duplicateWindow: 0 }, [scan(GTIN, 0), scan(GTIN, 0)])
      assert.deepStrictEqual(tags(out), ["Posted", "Posted"])
    }).pipe(Effect.provide(layer)))
})

describe("ScanWorkflow replays", () => {
  it.effect("a scanner resending the same events posts nothing twice; the same code scanned later posts", () =>
    Effect.gen(function*() {
      yield* setup
      const receipt = spaced(["A-01", GTIN, GTIN])
      const move = [scan("A-01", 10_000), scan("S1", 12_000), scan("A-02", 14_000)]
      const first = yield* run({ mode: "receive", from: "sup" }, receipt)
      const moved = yield* run({ mode: "move" }, move)
      const count = (yield* movements).length
      const again = yield* run({ mode: "receive", from: "sup" }, receipt)
      const movedAgain = yield* run({ mode: "move" }, move)
      // The receipt replay answers with the movements of the first run.
      const ids = (o: ReadonlyArray<ScanOutcome>) => o.flatMap((x) => (x._tag === "Posted" ? x.movements.map((m) => m.id) : []))
      assert.strictEqual(ids(first).length, 2)
      assert.deepStrictEqual(ids(again), ids(first))
      assert.strictEqual(ids(moved).length, 1)
      // The move's checks see the first run's effect (S1 is no longer in A-01): the replayed scan is refused.
      assert.deepStrictEqual(tags(movedAgain), ["LocationScanned", "Rejected", "LocationScanned"], JSON.stringify(tags(movedAgain)))
      assert.strictEqual((yield* movements).length, count)
      assert.deepStrictEqual([yield* onHand("widget", "a01"), yield* onHand("laptop", "a01"), yield* onHand("laptop", "a02")], ["2", "2", "2"])
      yield* run({ mode: "receive", from: "sup" }, [scan("A-01", 60_000), scan(GTIN, 62_000)])
      assert.strictEqual(yield* onHand("widget", "a01"), "3")
    }).pipe(Effect.provide(layer)))
})

describe("ScanWorkflow unknown and ambiguous codes", () => {
  it.effect("reject with typed errors and change nothing", () =>
    Effect.gen(function*() {
      yield* setup
      const before = (yield* movements).length
      const out = yield* run({ mode: "receive", from: "sup", to: "a01" }, spaced(["NOPE", "DUP", "SN-X", "4006381333932", "", "\u0000"]))
      const errors = out.map(rejection)
      assert.deepStrictEqual(errors.map((e) => e._tag), [
        "UnknownIdentifier",
        "AmbiguousIdentifier",
        "AmbiguousIdentifier",
        "UnknownIdentifier",
        "UnknownIdentifier",
        "UnknownIdentifier"
      ])
      const dup = errors[1] as Extract<typeof errors[number], { _tag: "AmbiguousIdentifier" }>
      assert.deepStrictEqual(dup.candidates.map((c) => c._tag), ["Item", "Location"])
      const serial = errors[2] as Extract<typeof errors[number], { _tag: "AmbiguousIdentifier" }>
      assert.deepStrictEqual(serial.candidates.map((c) => (c._tag === "Serial" ? c.itemId : "")).sort(), ["laptop", "phone"])
      assert.strictEqual((yield* movements).length, before)
      assert.strictEqual(yield* onHand("widget", "a01"), "0")
    }).pipe(Effect.provide(layer)))

  it.effect("leave a move's batch as it was", () =>
    Effect.gen(function*() {
      yield* setup
      const out = yield* run({ mode: "move" }, spaced(["A-01", "L1", "DUP", "A-02"]))
      assert.deepStrictEqual(tags(out), ["LocationScanned", "ItemScanned", "Rejected", "Posted"])
      assert.strictEqual(yield* onHand("milk", "a02"), "1")
    }).pipe(Effect.provide(layer)))
})

describe("ScanOutcome", () => {
  it.effect("outcomes encode to JSON and back", () =>
    Effect.gen(function*() {
      yield* setup
      const received = yield* run({ mode: "receive", from: "sup" }, spaced(["A-01", GTIN, "DUP", "LT-1"]))
      const counted = yield* run({ mode: "count" }, spaced(["A-01", "L1", "S3"]))
      const outcomes = [...received, ...counted]
      const json = JSON.parse(JSON.stringify(outcomes.map((o) => Schema.encodeSync(ScanOutcome)(o)))) as ReadonlyArray<unknown>
      const back = json.map((o) => Schema.decodeUnknownSync(ScanOutcome)(o))
      assert.deepStrictEqual(tags(back), ["LocationScanned", "Posted", "Rejected", "Rejected", "LocationScanned", "Tallied", "Tallied", "Counted"])
      assert.strictEqual(rejection(back[2])._tag, "AmbiguousIdentifier")
      assert.match(rejection(back[3]).message, /serial-tracked/)
      const tally = back.flatMap((o) => (o._tag === "Counted" ? [o.tally] : []))[0]!
      assert.strictEqual(BigDecimal.format(tally.lines[0]!.quantity), "1")
    }).pipe(Effect.provide(layer)))
})

describe("ScanWorkflow fuzz", () => {
  // Codes that could name something in the fixture: the known codes and every GTIN form of the widget's.
  const names = (code: string) => {
    const gtin = Gtin.parse(code)
    return KNOWN.has(code) || KNOWN.has(code.toUpperCase()) || (Result.isSuccess(gtin) && gtin.success === `0${GTIN}`)
  }

  const event = fc.oneof(
    fc.record({ data: fc.string({ unit: "binary", maxLength: 40 }), barcode: fc.constant(true) }),
    fc.record({ data: fc.string({ maxLength: 20 }), barcode: fc.constant(true) }),
    fc.record({ data: fc.stringMatching(/^[0-9]{8,14}$/), barcode: fc.constant(true) }),
    fc.record({ data: fc.string({ unit: "grapheme-ascii", maxLength: 24 }), barcode: fc.constant(false) })
  ).filter((e) => !names(e.data))

  it("arbitrary strings as scans never throw and never post", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 12 }), fc.integer({ min: 0, max: 2_000 }), async (raw, step) => {
        const events: Array<DeviceEvent.DeviceEvent> = raw.map((e, i) =>
          e.barcode
            ? scan(e.data, i * step)
            : { _tag: "RfidRead", readerId: "reader-1", epc: e.data, antenna: 1, rssi: -50, at: DateTime.makeUnsafe(i * step) }
        )
        const program = Effect.gen(function*() {
          yield* setup
          const before = (yield* movements).length
          const configs: ReadonlyArray<ScanWorkflow.Config> = [
            { mode: "receive", from: "sup", to: "a01" },
            { mode: "putAway", from: "recv" },
            { mode: "move" },
            { mode: "count" }
          ]
          for (const config of configs) {
            // The move starts from a real source, so only the fuzzed codes could add to its batch.
            const lead = config.mode === "move" ? [scan("A-01", -10_000)] : []
            const out = yield* run(config, [...lead, ...events, scan("A-02", 1_000_000)])
            for (const o of out) assert.notStrictEqual(o._tag, "Posted")
          }
          assert.strictEqual((yield* movements).length, before)
        })
        await Effect.runPromise(program.pipe(Effect.provide(layer)))
      }),
      { numRuns: 60, seed: 20261122 }
    )
  })
})

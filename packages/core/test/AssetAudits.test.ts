import { assert, describe, it } from "@effect/vitest"
import { DateTime, Effect, Layer, Stream } from "effect"
import * as AssetAudits from "../src/AssetAudits.ts"
import * as AssetLedger from "../src/AssetLedger.ts"
import * as Assets from "../src/Assets.ts"
import * as AssetScan from "../src/AssetScan.ts"
import { AssetStore } from "../src/AssetStore.ts"
import * as CheckOuts from "../src/CheckOuts.ts"
import { CurrentActor } from "../src/CurrentActor.ts"
import type * as DeviceEvent from "../src/DeviceEvent.ts"
import { EventLog } from "../src/EventLog.ts"
import { IdentifierResolver } from "../src/IdentifierResolver.ts"
import { IdGenerator } from "../src/IdGenerator.ts"
import type { LocationId } from "../src/Ids.ts"
import * as Locations from "../src/Locations.ts"
import * as Stores from "../src/Stores.ts"
import { Fixtures } from "../src/testing.ts"

const base = Layer.mergeAll(Stores.layerMemory, CurrentActor.layer("t1", "ann"), IdGenerator.layerSequential("id"))
const layer = IdentifierResolver.layerStores.pipe(Layer.provideMerge(base))

const snapshot = Effect.gen(function*() {
  const store = yield* AssetStore
  return {
    assets: yield* store.list("t1" as never, { limit: 10_000 }),
    checkOuts: yield* store.checkOuts("t1" as never, { limit: 10_000 }),
    events: (yield* (yield* EventLog).list("t1" as never, { limit: 100_000 })).length
  }
})

const scan = (data: string, ms: number, deviceId = "gun-1"): DeviceEvent.BarcodeScanned => ({
  _tag: "BarcodeScanned",
  deviceId,
  data,
  symbology: null,
  at: DateTime.makeUnsafe(ms)
})
const spaced = (codes: ReadonlyArray<string>, deviceId = "gun-1") => codes.map((c, i) => scan(c, i * 2000, deviceId))
const run = (config: AssetScan.Config, events: ReadonlyArray<DeviceEvent.DeviceEvent>) =>
  Effect.map(Stream.runCollect(AssetScan.runOn(Stream.fromIterable(events), config)), (c) => [...c])

const statusOf = (tag: string) => Effect.map(Assets.get(tag), (a) => a.status)

describe("AssetAudits", () => {
  it.effect("splits scans into found, missing and unexpected; finishing marks missing and finds the lost", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      for (const [tag, at] of [["A", "bin-a"], ["B", "bin-a"], ["C", "bin-b"], ["D", "bin-c"], ["E", "bin-a"], ["F", "bin-a"]] as const) {
        yield* Assets.register({ tag, locationId: at })
      }
      yield* Assets.transition("E", "reportLost")
      yield* CheckOuts.checkOut({ asset: "F", assignee: { _tag: "person", personId: "bob" } })
      yield* Assets.register({ tag: "G", locationId: "bin-c" })
      yield* CheckOuts.checkOut({ asset: "G", assignee: { _tag: "location", locationId: "bin-b" } })
      const zone = yield* AssetAudits.start({ locationId: "z1", includeSubtree: true, id: "audit-1" })
      const ids = new Map((yield* Assets.list()).map((a) => [a.tag, a.id]))
      assert.deepStrictEqual([...zone.expected].sort(), ["A", "B", "C", "G"].map((t) => ids.get(t)!).sort())
      const onlyBin = yield* AssetAudits.start({ locationId: "bin-a" })
      assert.strictEqual(onlyBin.expected.length, 2)
      yield* AssetAudits.scan("audit-1", ["A", "D", "A", "E", "NOPE"])
      const r = yield* AssetAudits.scan("audit-1", ["G"])
      assert.deepStrictEqual(r.found, ["A", "G"].map((t) => ids.get(t)!).sort())
      assert.deepStrictEqual([...r.missing].sort(), ["B", "C"].map((t) => ids.get(t)!).sort())
      assert.deepStrictEqual(r.unexpected.map((u) => u.tag), ["D", "E", "NOPE"])
      assert.strictEqual(r.unexpected[2]!.assetId, null)
      const done = yield* AssetAudits.finish("audit-1")
      assert.deepStrictEqual(done, r)
      assert.strictEqual(yield* statusOf("B"), "missing")
      assert.strictEqual(yield* statusOf("C"), "missing")
      assert.strictEqual(yield* statusOf("E"), "inStock")
      assert.strictEqual(yield* statusOf("A"), "inStock")
      assert.strictEqual(yield* statusOf("D"), "inStock")
      const before = yield* snapshot
      assert.strictEqual((yield* Effect.flip(AssetAudits.scan("audit-1", ["A"])))._tag, "AuditFinished")
      assert.strictEqual((yield* Effect.flip(AssetAudits.finish("audit-1")))._tag, "AuditFinished")
      assert.strictEqual((yield* Effect.flip(AssetAudits.scan("nope", ["A"])))._tag, "UnknownAudit")
      assert.strictEqual((yield* Effect.flip(AssetAudits.start({ locationId: "nowhere" })))._tag, "UnknownLocation")
      assert.strictEqual((yield* Effect.flip(AssetAudits.scan("audit-1", [])))._tag, "InvalidInput")
      assert.deepStrictEqual(yield* snapshot, before)
      const finished = (yield* Assets.history("B")).map((e) => e.event._tag)
      assert.deepStrictEqual(finished, ["AssetRegistered", "AssetTransitioned", "AssetAuditFinished"])
    }).pipe(Effect.provide(layer)))
})

describe("AssetScan", () => {
  it.effect("checks out to a scanned location, suppresses duplicate reads and rejects unknown and ambiguous codes", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* Assets.register({ tag: "T1" })
      yield* Assets.register({ tag: "T2" })
      yield* Assets.register({ tag: "T3" })
      yield* Assets.register({ tag: "S1-B1" })
      yield* Assets.transition("T3", "retire")
      yield* AssetLedger.dispose({ asset: "T3" })
      const before = yield* snapshot
      const rejected = yield* run({ mode: "checkOut" }, spaced(["T1", "WHAT", "S1-B1", "T3"]))
      assert.deepStrictEqual(rejected.map((o) => o._tag === "Rejected" ? o.error._tag : o._tag), [
        "UnexpectedScan",
        "UnknownIdentifier",
        "AmbiguousAssetCode",
        "UnexpectedScan"
      ])
      assert.deepStrictEqual(yield* snapshot, before)
      const outcomes = yield* run({ mode: "checkOut", expectedReturnAt: "2026-05-01T00:00:00Z" }, [
        scan("S1-B1-R1", 0),
        scan("T1", 2000),
        scan("T1", 2500),
        scan("T2", 4000),
        scan("T3", 6000),
        scan("T1", 8000)
      ])
      assert.deepStrictEqual(outcomes.map((o) => o._tag === "Rejected" ? o.error._tag : o._tag), [
        "AssigneeScanned",
        "CheckedOut",
        "CheckedOut",
        "AssetDisposed",
        "AlreadyCheckedOut"
      ])
      const t1 = yield* Assets.get("T1")
      assert.deepStrictEqual(t1.assignee, { _tag: "location", locationId: "r1" as LocationId })
      assert.strictEqual((yield* CheckOuts.overdue("2026-05-02T00:00:00Z")).length, 2)
      const back = yield* run({ mode: "checkIn", condition: "ok" }, spaced(["T1", "T1X", "T2"]))
      assert.deepStrictEqual(back.map((o) => o._tag === "Rejected" ? o.error._tag : o._tag), ["CheckedIn", "UnknownIdentifier", "CheckedIn"])
      assert.strictEqual(yield* statusOf("T1"), "inStock")
    }).pipe(Effect.provide(layer)))

  it.effect("records audit scans per device and rejects codes that name no asset", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* Locations.create({ id: "shelf", code: "SHELF", kind: "bin", parentId: "z1" })
      yield* Assets.register({ tag: "X1", locationId: "shelf" })
      yield* Assets.register({ tag: "X2", locationId: "shelf" })
      yield* AssetAudits.start({ locationId: "shelf", id: "au" })
      const outcomes = yield* run({ mode: "audit", auditId: "au" }, [
        scan("X1", 0, "reader-1"),
        scan("X1", 100, "reader-1"),
        scan("X1", 100, "reader-2"),
        scan("SHELF", 3000, "reader-1")
      ])
      assert.deepStrictEqual(outcomes.map((o) => o._tag === "Rejected" ? o.error._tag : o._tag), ["Audited", "Audited", "UnknownIdentifier"])
      const r = yield* AssetAudits.result("au")
      assert.deepStrictEqual(r.found.length, 1)
      assert.deepStrictEqual(r.missing.length, 1)
      assert.deepStrictEqual(r.unexpected, [])
    }).pipe(Effect.provide(layer)))
})

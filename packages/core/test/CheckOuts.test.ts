import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as AssetLedger from "../src/AssetLedger.ts"
import * as Assets from "../src/Assets.ts"
import { AssetStore } from "../src/AssetStore.ts"
import * as CheckOuts from "../src/CheckOuts.ts"
import { CurrentActor } from "../src/CurrentActor.ts"
import { EventLog } from "../src/EventLog.ts"
import { IdGenerator } from "../src/IdGenerator.ts"
import * as Stores from "../src/Stores.ts"
import { Fixtures } from "../src/testing.ts"

const layer = Layer.mergeAll(Stores.layerMemory, CurrentActor.layer("t1", "ann"), IdGenerator.layerSequential("id"))

const snapshot = Effect.gen(function*() {
  const store = yield* AssetStore
  return {
    assets: yield* store.list("t1" as never, { limit: 10_000 }),
    checkOuts: yield* store.checkOuts("t1" as never, { limit: 10_000 }),
    events: (yield* (yield* EventLog).list("t1" as never, { limit: 100_000 })).length
  }
})

const ann = { _tag: "person", personId: "ann" } as const

describe("CheckOuts", () => {
  it.effect("checks out with an expected return and condition, reports overdue, checks in", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* Assets.register({ tag: "L1", locationId: "bin-a" })
      yield* Assets.register({ tag: "L2", locationId: "bin-a" })
      const c1 = yield* CheckOuts.checkOut({ asset: "L1", assignee: ann, expectedReturnAt: "2026-03-01T00:00:00Z", condition: "scratched lid" })
      yield* CheckOuts.checkOut({ asset: "L2", assignee: { _tag: "location", locationId: "r1" } })
      const out = yield* Assets.get("L1")
      assert.strictEqual(out.status, "deployed")
      assert.deepStrictEqual(out.assignee, ann)
      assert.strictEqual(out.locationId, "bin-a")
      assert.strictEqual(c1.conditionOut, "scratched lid")
      assert.deepStrictEqual(yield* CheckOuts.overdue("2026-02-28T23:59:59Z"), [])
      const late = yield* CheckOuts.overdue("2026-03-01T00:00:01Z")
      assert.deepStrictEqual(late.map((c) => c.id), [c1.id])
      const again = yield* Effect.flip(CheckOuts.checkOut({ asset: "L1", assignee: ann }))
      assert.strictEqual(again._tag, "AlreadyCheckedOut")
      const closed = yield* CheckOuts.checkIn("L1", { condition: "fine" })
      assert.strictEqual(closed.conditionIn, "fine")
      assert.isNotNull(closed.returnedAt)
      assert.deepStrictEqual(yield* CheckOuts.overdue("2026-03-02T00:00:00Z"), [])
      const back = yield* Assets.get("L1")
      assert.strictEqual(back.status, "inStock")
      assert.strictEqual(back.assignee, null)
      assert.strictEqual((yield* Effect.flip(CheckOuts.checkIn("L1")))._tag, "NotCheckedOut")
      assert.deepStrictEqual((yield* CheckOuts.of("L1")).map((c) => c.returnedAt !== null), [true])
    }).pipe(Effect.provide(layer)))

  it.effect("refuses a disposed asset, a past return date and unknown assignees, changing nothing", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* Assets.register({ tag: "D1" })
      yield* Assets.register({ tag: "ok" })
      yield* Assets.transition("D1", "retire")
      yield* AssetLedger.dispose({ asset: "D1", method: "scrap" })
      const before = yield* snapshot
      const disposed = yield* Effect.flip(CheckOuts.checkOut({ asset: "D1", assignee: ann }))
      assert.strictEqual(disposed._tag, "AssetDisposed")
      assert.include(disposed.message, "disposed")
      const past = yield* Effect.flip(CheckOuts.checkOut({ asset: "ok", assignee: ann, expectedReturnAt: 0 }))
      assert.strictEqual(past._tag, "InvalidInput")
      const nowhere = yield* Effect.flip(CheckOuts.checkOut({ asset: "ok", assignee: { _tag: "location", locationId: "nowhere" } }))
      assert.strictEqual(nowhere._tag, "UnknownLocation")
      const self = yield* Effect.flip(CheckOuts.checkOut({ asset: "ok", assignee: { _tag: "asset", assetId: (yield* Assets.get("ok")).id } }))
      assert.strictEqual(self._tag, "InvalidInput")
      const garbage = yield* Effect.flip(CheckOuts.checkOut({ asset: "ok", assignee: { _tag: "robot" } } as never))
      assert.strictEqual(garbage._tag, "InvalidInput")
      assert.deepStrictEqual(yield* snapshot, before)
    }).pipe(Effect.provide(layer)))

  it.effect("bulk check-out is all or nothing and names every bad tag", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      for (const tag of ["A", "B", "C", "OUT", "REP", "GONE"]) yield* Assets.register({ tag })
      yield* CheckOuts.checkOut({ asset: "OUT", assignee: ann })
      yield* Assets.transition("REP", "sendToRepair")
      yield* Assets.transition("GONE", "retire")
      yield* AssetLedger.dispose({ asset: "GONE" })
      const before = yield* snapshot
      const refused = yield* Effect.flip(CheckOuts.bulkCheckOut({ tags: ["A", "NOPE", "B", "A", "OUT", "REP", "GONE", "C"], assignee: ann }))
      assert.strictEqual(refused._tag, "BulkCheckOutRejected")
      if (refused._tag === "BulkCheckOutRejected") {
        assert.deepStrictEqual(refused.rejections.map((r) => r.tag), ["NOPE", "A", "OUT", "REP", "GONE"])
        assert.include(refused.rejections[3]!.reason, "inRepair")
        for (const tag of ["NOPE", "OUT", "REP", "GONE"]) assert.include(refused.message, tag)
      }
      assert.deepStrictEqual(yield* snapshot, before)
      const done = yield* CheckOuts.bulkCheckOut({ tags: ["A", "B", "C"], assignee: ann, expectedReturnAt: "2026-06-01T00:00:00Z" })
      assert.strictEqual(done.length, 3)
      assert.deepStrictEqual((yield* CheckOuts.overdue("2026-07-01T00:00:00Z")).length, 3)
    }).pipe(Effect.provide(layer)))

  it.effect("leaving deployed by another action closes the check-out", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* Assets.register({ tag: "P1" })
      yield* CheckOuts.checkOut({ asset: "P1", assignee: ann, expectedReturnAt: "2026-02-01T00:00:00Z" })
      yield* Assets.transition("P1", "reportLost", "left on a train")
      assert.deepStrictEqual(yield* CheckOuts.overdue("2027-01-01T00:00:00Z"), [])
      const [c] = yield* CheckOuts.of("P1")
      assert.strictEqual(c!.conditionIn, "left on a train")
      const found = yield* Assets.transition("P1", "found")
      assert.strictEqual(found.status, "inStock")
      yield* CheckOuts.checkOut({ asset: "P1", assignee: ann })
      const tags = (yield* Assets.history("P1")).map((e) => e.event._tag)
      assert.deepStrictEqual(tags, [
        "AssetRegistered",
        "AssetTransitioned",
        "AssetCheckedOut",
        "AssetTransitioned",
        "AssetCheckedIn",
        "AssetTransitioned",
        "AssetTransitioned",
        "AssetCheckedOut"
      ])
    }).pipe(Effect.provide(layer)))
})

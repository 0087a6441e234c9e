import { assert, describe, it } from "@effect/vitest"
import { BigDecimal, DateTime, Effect, Layer } from "effect"
import * as CountReview from "../src/CountReview.ts"
import { CurrentActor, type Role } from "../src/CurrentActor.ts"
import * as CycleCounts from "../src/CycleCounts.ts"
import { IdGenerator } from "../src/IdGenerator.ts"
import type { ItemId, TenantId } from "../src/Ids.ts"
import * as Invariants from "../src/Invariants.ts"
import { LedgerStore } from "../src/LedgerStore.ts"
import * as StockLedger from "../src/StockLedger.ts"
import * as StockQuery from "../src/StockQuery.ts"
import * as Stores from "../src/Stores.ts"
import { Fixtures } from "../src/testing.ts"

const layer = Layer.mergeAll(Stores.layerMemory, CurrentActor.layer("t1", "counter"), IdGenerator.layerSequential("x"))
const as = (actorId: string, roles: ReadonlyArray<Role>) => Effect.provide(CurrentActor.layer("t1", actorId, roles))
const policy = { limits: [{ role: "admin" as const, maxValue: null }] }

// SN1–SN3 in bin-a, SN4 in bin-b, SN5 sold to a customer; each received at 100.
const seed = StockLedger.post([
  { id: "r-a", itemId: "serial", from: "sup", to: "bin-a", quantity: 3, serials: ["SN1", "SN2", "SN3"], unitCost: 100, effectiveAt: 0 },
  { id: "r-b", itemId: "serial", from: "sup", to: "bin-b", quantity: 2, serials: ["SN4", "SN5"], unitCost: 100, effectiveAt: 0 },
  { id: "sold", itemId: "serial", from: "bin-b", to: "cust", quantity: 1, serials: ["SN5"], effectiveAt: 0 }
])

const positions = Effect.gen(function*() {
  const held = yield* (yield* LedgerStore).getSerials("t1" as TenantId, "serial" as ItemId, ["SN1", "SN2", "SN3", "SN4", "SN5", "SN9"])
  return Object.fromEntries([...held].sort(([a], [b]) => (a < b ? -1 : 1)))
})

const start = (id: string) =>
  Effect.gen(function*() {
    yield* CycleCounts.create({ id, scope: { _tag: "Items", itemIds: ["serial"] }, policy, adjustmentLocationId: "loss" })
    return yield* CycleCounts.freeze(id)
  })

describe("CycleCounts of serial-tracked items", () => {
  it.effect("variances are set differences; approval moves each serial to where it was found, as the book stands then", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* seed
      yield* Effect.asVoid(start("ser"))
      assert.deepStrictEqual((yield* CycleCounts.sheet("ser")).map((l) => l.locationId), ["bin-a", "bin-b"])
      // bin-a: SN1 is there, SN2 and SN3 are not, SN4 (booked in bin-b), SN5 (sold) and SN9 (never seen) are.
      // bin-b: nothing.
      yield* CycleCounts.record("ser", [
        { itemId: "serial", locationId: "bin-a", serials: ["SN9", "SN1", "SN4", "SN5"] },
        { itemId: "serial", locationId: "bin-b", quantity: 0 }
      ])
      const report = yield* CountReview.variances("ser")
      assert.deepStrictEqual(
        report.rows.map((r) => [r.locationId, BigDecimal.format(r.counted!), BigDecimal.format(r.onHand!), BigDecimal.format(r.variance), r.missingSerials, r.unexpectedSerials]),
        [
          ["bin-a", "4", "3", "1", ["SN2", "SN3"], ["SN4", "SN5", "SN9"]],
          ["bin-b", "0", "1", "-1", ["SN4"], []]
        ]
      )
      // Five discrepancies in bin-a and one in bin-b, each worth 100: nothing is exact.
      assert.strictEqual(BigDecimal.format(report.absoluteValue), "600")
      assert.strictEqual((yield* CountReview.accuracy("ser")).exact, 0)

      // After the count, SN3 is issued from bin-a: the approval must not write it off again.
      yield* StockLedger.post([{ id: "late", itemId: "serial", from: "bin-a", to: "cust", quantity: 1, serials: ["SN3"] }])
      const approved = yield* as("root", ["admin"])(CountReview.approve("ser"))
      assert.strictEqual(approved.status, "approved")
      const moves = (yield* StockQuery.history({ reference: "ser" })).movements
      assert.deepStrictEqual(
        moves.map((m) => [m.fromLocationId, m.toLocationId, [...m.serials].sort(), m.reasonCode]).sort(),
        [
          ["bin-a", "loss", ["SN2"], "count-loss"],
          ["bin-b", "bin-a", ["SN4"], CountReview.relocateReason],
          ["loss", "bin-a", ["SN5", "SN9"], "count-gain"]
        ]
      )
      assert.deepStrictEqual<unknown>(yield* positions, { SN1: "bin-a", SN4: "bin-a", SN5: "bin-a", SN9: "bin-a" })
      assert.strictEqual(BigDecimal.format((yield* StockQuery.level({ itemId: "serial", locationId: "bin-b" })).onHand), "0")
      assert.deepStrictEqual((yield* Invariants.verify).violations, [])
    }).pipe(Effect.provide(layer)))

  it.effect("a serial counted in two cells asks for a recount of both; bad lines are typed errors that record nothing", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* seed
      yield* Effect.asVoid(start("two"))
      yield* CycleCounts.record("two", [
        { itemId: "serial", locationId: "bin-a", serials: ["SN1", "SN2", "SN3"] },
        { itemId: "serial", locationId: "bin-b", serials: ["SN4", "SN1"] }
      ])
      const refused = yield* Effect.flip(as("root", ["admin"])(CountReview.approve("two")))
      assert.strictEqual(refused._tag, "RecountRequired")
      if (refused._tag === "RecountRequired") assert.deepStrictEqual(refused.cells.map((c) => c.locationId).sort(), ["bin-a", "bin-b"])
      // The recount of bin-b settles it: the only discrepancy left is none.
      yield* CycleCounts.record("two", [{ itemId: "serial", locationId: "bin-b", serials: ["SN4"] }])
      const approved = yield* as("root", ["admin"])(CountReview.approve("two"))
      assert.deepStrictEqual([approved.result?.exact, approved.result?.adjustments], [2, 0])

      yield* CycleCounts.create({ id: "bad", scope: { _tag: "Locations", locationId: "z1" }, policy, adjustmentLocationId: "loss" })
      yield* CycleCounts.freeze("bad")
      const bad = [
        [{ itemId: "serial", locationId: "bin-a", quantity: 2 }, "lines[0].serials"],
        [{ itemId: "serial", locationId: "bin-a", quantity: 2, serials: ["SN1"] }, "lines[0].quantity"],
        [{ itemId: "serial", locationId: "bin-a", serials: ["SN1", "SN1"] }, "lines[0].serials"],
        [{ itemId: "plain", locationId: "bin-a", serials: ["SN1"] }, "lines[0].serials"],
        [{ itemId: "plain", locationId: "bin-a" }, "lines[0].quantity"]
      ] as const
      for (const [line, field] of bad) {
        const error = yield* Effect.flip(CycleCounts.record("bad", [line]))
        assert.strictEqual(error._tag, "InvalidInput", JSON.stringify(line))
        if (error._tag === "InvalidInput") assert.strictEqual(error.field, field)
      }
      assert.isTrue((yield* CycleCounts.sheet("bad")).every((l) => !l.counted))
    }).pipe(Effect.provide(layer)))

  it.effect("scan tallies carry the serials scanned", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* seed
      yield* Effect.asVoid(start("scan"))
      const at = DateTime.makeUnsafe(0)
      yield* CycleCounts.recordTally("scan", {
        deviceId: "gun-1",
        locationId: "bin-a" as never,
        startedAt: at,
        lastScanAt: at,
        lines: [{ itemId: "serial" as ItemId, lot: null, serials: ["SN2", "SN1"], quantity: BigDecimal.fromNumberUnsafe(2) }]
      })
      const row = (yield* CountReview.variances("scan")).rows.find((r) => r.locationId === "bin-a")!
      assert.deepStrictEqual([row.missingSerials, row.unexpectedSerials], [["SN3"], []])
    }).pipe(Effect.provide(layer)))
})

import { assert, describe, it } from "@effect/vitest"
import { BigDecimal, DateTime, Effect, Exit, Layer, Result, Stream } from "effect"
import { TestClock } from "effect/testing"
import * as Abc from "../src/Abc.ts"
import * as CountReview from "../src/CountReview.ts"
import type { ScopeInput } from "../src/CountSession.ts"
import { CurrentActor, type Role } from "../src/CurrentActor.ts"
import * as CycleCounts from "../src/CycleCounts.ts"
import type * as DeviceEvent from "../src/DeviceEvent.ts"
import { EventLog } from "../src/EventLog.ts"
import { IdentifierResolver } from "../src/IdentifierResolver.ts"
import { IdGenerator } from "../src/IdGenerator.ts"
import type { TenantId } from "../src/Ids.ts"
import * as Invariants from "../src/Invariants.ts"
import { LedgerStore } from "../src/LedgerStore.ts"
import * as ScanWorkflow from "../src/ScanWorkflow.ts"
import * as StockLedger from "../src/StockLedger.ts"
import * as StockQuery from "../src/StockQuery.ts"
import * as Stores from "../src/Stores.ts"
import { Fixtures } from "../src/testing.ts"
import * as Valuations from "../src/Valuations.ts"

const base = Layer.mergeAll(Stores.layerMemory, CurrentActor.layer("t1", "counter"), IdGenerator.layerSequential("x"))
const layer = IdentifierResolver.layerStores.pipe(Layer.provideMerge(base))

const as = (actorId: string, roles: ReadonlyArray<Role>) => Effect.provide(CurrentActor.layer("t1", actorId, roles))
const policy = { limits: [{ role: "manager" as const, maxValue: "10000", maxPercentage: "100" }, { role: "admin" as const, maxValue: null }] }

const onHand = (itemId: string, locationId: string) => Effect.map(StockQuery.level({ itemId, locationId }), (l) => BigDecimal.format(l.onHand))

const seed = StockLedger.post([
  { id: "s-a", itemId: "plain", from: "sup", to: "bin-a", quantity: 10, unitCost: "2.50", effectiveAt: 0 },
  { id: "s-b", itemId: "plain", from: "sup", to: "bin-b", quantity: 5, unitCost: "2.50", effectiveAt: 0 },
  { id: "s-k", itemId: "bulk", from: "sup", to: "bin-a", quantity: "3.5", unitCost: "0.8", effectiveAt: 0 },
  { id: "s-l", itemId: "lotted", from: "sup", to: "bin-b", quantity: 4, lot: "L1", effectiveAt: 0 },
  { id: "s-s", itemId: "serial", from: "sup", to: "bin-a", quantity: 1, serials: ["SN1"], effectiveAt: 0 },
  { id: "s-c", itemId: "plain", from: "sup", to: "bin-c", quantity: 7, unitCost: "2.50", effectiveAt: 0 }
])

const start = (id: string, scope: ScopeInput, extra: Partial<Parameters<typeof CycleCounts.create>[0]> = {}) =>
  Effect.gen(function*() {
    yield* CycleCounts.create({ id, scope, policy, adjustmentLocationId: "loss", ...extra })
    return yield* CycleCounts.freeze(id)
  })

const strs = (ids: ReadonlyArray<string> | null): Array<string> | null => (ids === null ? null : [...ids])

const cellsOf = (id: string) => Effect.map(CycleCounts.sheet(id), (lines) => lines.map((l) => `${l.itemId}@${l.locationId}${l.lot === null ? "" : `/${l.lot}`}`))

const tagOf = (cause: { readonly reasons: ReadonlyArray<{ readonly _tag: string }> }): string | undefined => {
  const fail = cause.reasons.find((r) => r._tag === "Fail") as { readonly error: { readonly _tag: string } } | undefined
  return fail?.error._tag
}

const clean = Effect.gen(function*() {
  assert.deepStrictEqual((yield* Invariants.verify).violations, [])
})

describe("CycleCounts scopes", () => {
  it.effect("a location subtree covers its stock cells, serial-tracked items included", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* seed
      yield* start("loc", { _tag: "Locations", locationId: "z1" })
      assert.deepStrictEqual(yield* cellsOf("loc"), ["bulk@bin-a", "plain@bin-a", "serial@bin-a", "lotted@bin-b/L1", "plain@bin-b"])
      const items = yield* start("items", { _tag: "Items", itemIds: ["plain"], locationId: "s2" })
      assert.deepStrictEqual([items.itemIds, yield* cellsOf("items")], [["plain"], ["plain@bin-c"]])
      const serial = yield* start("ser", { _tag: "Items", itemIds: ["serial"] })
      assert.deepStrictEqual([serial.itemIds, yield* cellsOf("ser")], [["serial"], ["serial@bin-a"]])
    }).pipe(Effect.provide(layer)))

  it.effect("a sample is drawn reproducibly from its seed, and the generated seed is kept", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* seed
      const a = yield* start("s1", { _tag: "Sample", size: 2, seed: "cycle-42" })
      const b = yield* start("s2", { _tag: "Sample", size: 2, seed: "cycle-42" })
      assert.deepStrictEqual(a.itemIds, b.itemIds)
      assert.strictEqual(a.itemIds!.length, 2)
      // The candidates are the items with stock: bulk, lotted, plain, serial.
      for (const id of a.itemIds!) assert.include(["bulk", "lotted", "plain", "serial"], id)
      const seeds = new Set<string>()
      for (let i = 0; i < 12; i++) seeds.add((yield* start(`v${i}`, { _tag: "Sample", size: 1, seed: `seed-${i}` })).itemIds!.join())
      assert.isAbove(seeds.size, 1, "different seeds draw different samples")
      const all = yield* start("all", { _tag: "Sample", size: 10 })
      assert.deepStrictEqual(strs(all.itemIds), ["bulk", "lotted", "plain", "serial"])
      assert.strictEqual(all.scope._tag === "Sample" && all.scope.seed.length > 0, true)
    }).pipe(Effect.provide(layer)))

  it.effect("items that moved since a date", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* seed
      const day = 86_400_000
      yield* TestClock.adjust("30 days")
      yield* StockLedger.post([{ id: "late", itemId: "bulk", from: "bin-a", to: "cust", quantity: 1, effectiveAt: 10 * day }])
      const s = yield* start("moved", { _tag: "MovedSince", since: 5 * day })
      assert.deepStrictEqual([s.itemIds, yield* cellsOf("moved")], [["bulk"], ["bulk@bin-a"]])
      const none = yield* start("none", { _tag: "MovedSince", since: 20 * day })
      assert.deepStrictEqual(yield* cellsOf(none.id), [])
    }).pipe(Effect.provide(layer)))

  it.effect("an ABC class computed exactly from consumption value agrees with Abc.classify", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* seed
      const day = 86_400_000
      yield* TestClock.adjust("30 days")
      // Consumption value: plain 9 × 2.50 = 22.50, bulk 2 × 0.80 = 1.60, lotted 1 × 1.00 = 1.00; serial has stock but no use.
      yield* StockLedger.post([{ id: "l2", itemId: "lotted", from: "sup", to: "bin-b", quantity: 1, lot: "L1", unitCost: 1, effectiveAt: day }])
      yield* StockLedger.post([
        { id: "u1", itemId: "plain", from: "bin-a", to: "cust", quantity: 9, effectiveAt: 2 * day },
        { id: "u2", itemId: "bulk", from: "bin-a", to: "cust", quantity: 2, effectiveAt: 2 * day },
        { id: "u3", itemId: "lotted", from: "bin-b", to: "cust", quantity: 1, lot: "L1", effectiveAt: 2 * day }
      ])
      const report = Result.getOrThrow(Abc.classify([{ id: "plain", value: 22.5 }, { id: "bulk", value: 1.6 }, { id: "lotted", value: 1 }, { id: "serial", value: 0 }], Abc.defaultCutoffs))
      const expected = { A: [] as Array<string>, B: [] as Array<string>, C: [] as Array<string> }
      for (const r of report.rows) expected[r.class].push(r.id)
      for (const cls of ["A", "B", "C"] as const) {
        const s = yield* start(`abc-${cls}`, { _tag: "AbcClass", class: cls, usageFrom: 0, usageTo: 3 * day })
        assert.deepStrictEqual(strs(s.itemIds), [...expected[cls]].sort(), `class ${cls}`)
      }
      // Other cut-offs: A takes bulk too once plain alone stays below 90 % of the value (22.50 of 25.10).
      const wide = Result.getOrThrow(Abc.classify([{ id: "plain", value: 22.5 }, { id: "bulk", value: 1.6 }, { id: "lotted", value: 1 }, { id: "serial", value: 0 }], { a: 0.9, b: 0.99 }))
      const a = yield* start("abc-wide", { _tag: "AbcClass", class: "A", usageFrom: 0, usageTo: 3 * day, cutoffs: { a: "0.9", b: "0.99" } })
      assert.deepStrictEqual(strs(a.itemIds), wide.rows.filter((r) => r.class === "A").map((r) => r.id).sort())
      assert.deepStrictEqual(strs(a.itemIds), ["bulk", "plain"])
      const given = yield* start("abc-given", { _tag: "AbcClass", class: "B", classification: [{ itemId: "bulk", class: "B" }, { itemId: "plain", class: "A" }] })
      assert.deepStrictEqual(strs(given.itemIds), ["bulk"])
      yield* CycleCounts.create({ id: "bad-cut", scope: { _tag: "AbcClass", class: "A", cutoffs: { a: "0.9", b: "0.5" } }, policy, adjustmentLocationId: "loss" })
      assert.strictEqual((yield* Effect.flip(CycleCounts.freeze("bad-cut")))._tag, "InvalidInput")
    }).pipe(Effect.provide(layer)))
})

describe("CycleCounts counting and review", () => {
  it.effect("scan tallies from the count workflow record counts, and missing cells count as zero", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* seed
      yield* start("scan", { _tag: "Locations", locationId: "z1" })
      const scan = (data: string, ms: number): DeviceEvent.BarcodeScanned => ({ _tag: "BarcodeScanned", deviceId: "gun-1", data, symbology: null, at: DateTime.makeUnsafe(ms) })
      // bin-a: nine plain widgets (by GTIN), no bulk flour scanned; bin-b: two of lot L1, no plain.
      const codes = ["WH-Z1-A", ...Array.from({ length: 9 }, () => "4006381333931"), "WH-Z1-B", "L1", "L1"]
      const outcomes = yield* Stream.runCollect(ScanWorkflow.runOn(Stream.fromIterable(codes.map((c, i) => scan(c, i * 2000))), { mode: "count" }))
      for (const o of outcomes) if (o._tag === "Counted") yield* CycleCounts.recordTally("scan", o.tally)
      const report = yield* CountReview.variances("scan")
      assert.deepStrictEqual(report.rows.map((r) => [r.itemId, r.locationId, r.counted === null ? null : BigDecimal.format(r.counted), BigDecimal.format(r.variance)]), [
        ["bulk", "bin-a", "0", "-3.5"],
        ["lotted", "bin-b", "2", "-2"],
        ["plain", "bin-a", "9", "-1"],
        ["plain", "bin-b", "0", "-5"],
        ["serial", "bin-a", "0", "-1"]
      ])
      const log = yield* (yield* EventLog).byEntity("t1" as TenantId, { type: "count-session", id: "scan" }, { limit: 10 })
      assert.deepStrictEqual(log.filter((e) => e.event._tag === "CountRecorded").map((e) => e.event._tag === "CountRecorded" ? [e.event.source, e.event.deviceId] : []), [["scan", "gun-1"], ["scan", "gun-1"]])
    }).pipe(Effect.provide(layer)))

  it.effect("values come from the valuation, else the last cost; recounts by quantity and value; accuracy with tolerance", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* seed
      yield* Valuations.refresh(["plain", "bulk"])
      const s = yield* start("val", { _tag: "Locations", locationId: "z1" }, { recount: { value: "10" }, tolerance: { percentage: 20 } })
      assert.deepStrictEqual(s.items.map((i) => [i.itemId, i.rateSource]), [["bulk", "valuation"], ["lotted", "none"], ["plain", "valuation"], ["serial", "none"]])
      yield* CycleCounts.record("val", [
        { itemId: "plain", locationId: "bin-a", quantity: 9 },
        { itemId: "plain", locationId: "bin-b", quantity: 0 },
        { itemId: "bulk", locationId: "bin-a", quantity: 3500, unit: "g" },
        { itemId: "lotted", locationId: "bin-b", lot: "L1", quantity: 1 }
      ])
      const report = yield* CountReview.variances("val")
      assert.deepStrictEqual(report.rows.map((r) => [r.itemId, r.locationId, BigDecimal.format(r.value), r.recountRequired, r.withinTolerance, r.valued]), [
        ["bulk", "bin-a", "0", false, true, true],
        ["lotted", "bin-b", "0", false, false, false],
        ["plain", "bin-a", "-2.5", false, true, true],
        ["plain", "bin-b", "-12.5", true, false, true],
        ["serial", "bin-a", "0", false, true, false]
      ])
      const blocked = yield* Effect.flip(as("boss", ["manager"])(CountReview.approve("val")))
      assert.strictEqual(blocked._tag, "RecountRequired")
      yield* CycleCounts.record("val", [{ itemId: "plain", locationId: "bin-b", quantity: 5 }])
      const accuracy = yield* CountReview.accuracy("val")
      assert.deepStrictEqual([accuracy.counted, accuracy.exact, accuracy.withinTolerance, BigDecimal.format(accuracy.exactShare!), BigDecimal.format(accuracy.toleranceShare!)], [4, 2, 3, "50", "75"])
      // lotted: 1 counted of 4 is a 75 % variance, within the manager's 100 %; all of it is worth 2.50.
      const approved = yield* as("boss", ["manager"])(CountReview.approve("val"))
      assert.deepStrictEqual([approved.result?.counted, approved.result?.adjustments, approved.result?.absoluteValue], [4, 2, 250n])
      assert.deepStrictEqual([yield* onHand("plain", "bin-a"), yield* onHand("lotted", "bin-b")], ["9", "1"])
      const kpi = yield* CountReview.accuracyOver({ from: DateTime.makeUnsafe(0), to: DateTime.makeUnsafe(1) })
      assert.deepStrictEqual([kpi.sessions, kpi.counted, kpi.exact], [1, 4, 2])
      yield* clean
    }).pipe(Effect.provide(layer)))

  it.effect("the percentage limit of the approver's role applies to the largest cell variance", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* seed
      yield* start("pct", { _tag: "Items", itemIds: ["plain"], locationId: "bin-a" })
      yield* CycleCounts.record("pct", [{ itemId: "plain", locationId: "bin-a", quantity: 21 }])
      const denied = yield* Effect.flip(as("boss", ["manager"])(CountReview.approve("pct")))
      assert.deepStrictEqual(denied._tag === "ApprovalDenied" ? [denied.exceeded, denied.limit, denied.amount] : [], ["percentage", "100", "110"])
      yield* as("root", ["admin"])(CountReview.approve("pct"))
      assert.strictEqual(yield* onHand("plain", "bin-a"), "21")
    }).pipe(Effect.provide(layer)))
})

describe("CycleCounts under concurrency", () => {
  it.effect("approval racing receipts into the same bins: every movement counted once", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* seed
      for (let round = 0; round < 10; round++) {
        const id = `race-${round}`
        yield* start(id, { _tag: "Items", itemIds: ["plain"], locationId: "z1" })
        const before = [Number(yield* onHand("plain", "bin-a")), Number(yield* onHand("plain", "bin-b"))]
        // Counted: one short at bin-a, one over at bin-b.
        const counted = [before[0]! - 1, before[1]! + 1]
        yield* CycleCounts.record(id, [{ itemId: "plain", locationId: "bin-a", quantity: counted[0]! }, { itemId: "plain", locationId: "bin-b", quantity: counted[1]! }])
        const receipts = Array.from({ length: 8 }, (_, i) =>
          StockLedger.post([{ id: `${id}-r${i}`, itemId: "plain", from: "sup", to: i % 2 === 0 ? "bin-a" : "bin-b", quantity: 1, unitCost: "2.50" }]))
        const approvals = [as("boss", ["manager"])(CountReview.approve(id)), as("chief", ["manager"])(CountReview.approve(id))]
        const work: Array<Effect.Effect<void, unknown, CycleCounts.Env>> = [...approvals.map(Effect.asVoid), ...receipts.map(Effect.asVoid)]
        const exits = yield* Effect.all(work.map((e) => Effect.exit(e)), { concurrency: "unbounded" })
        const approvalExits = exits.slice(0, 2)
        assert.strictEqual(approvalExits.filter(Exit.isSuccess).length, 1, "exactly one approval wins")
        for (const e of approvalExits) {
          if (Exit.isFailure(e)) assert.strictEqual(tagOf(e.cause), "CountSessionState")
        }
        assert.isTrue(exits.slice(2).every(Exit.isSuccess), "every receipt posts")
        assert.deepStrictEqual([Number(yield* onHand("plain", "bin-a")), Number(yield* onHand("plain", "bin-b"))], [counted[0]! + 4, counted[1]! + 4])
        const adjustments = yield* (yield* LedgerStore).movements("t1" as TenantId, { reference: id }, { limit: 100 })
        assert.strictEqual(adjustments.length, 2, "one adjustment per cell with a variance")
      }
      yield* clean
    }).pipe(Effect.provide(layer)))
})

describe("CycleCounts bad input", () => {
  it.effect("typed errors, nothing changed", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      const bad = (input: Parameters<typeof CycleCounts.create>[0]) => Effect.map(Effect.flip(CycleCounts.create(input)), (e) => e._tag)
      assert.strictEqual(yield* bad({ scope: { _tag: "Locations", locationId: "wh" }, policy, adjustmentLocationId: "bin-a" }), "InvalidInput")
      assert.strictEqual(yield* bad({ scope: { _tag: "Locations", locationId: "nowhere" }, policy, adjustmentLocationId: "loss" }), "UnknownLocation")
      assert.strictEqual(yield* bad({ scope: { _tag: "Sample", size: 0 }, policy, adjustmentLocationId: "loss" }), "InvalidInput")
      assert.strictEqual(yield* bad({ scope: { _tag: "Locations", locationId: "wh" }, policy, adjustmentLocationId: "loss", recount: { value: -1 } }), "InvalidQuantity")
      yield* CycleCounts.create({ id: "dup", scope: { _tag: "Locations", locationId: "wh" }, policy, adjustmentLocationId: "loss" })
      assert.strictEqual(yield* bad({ id: "dup", scope: { _tag: "Locations", locationId: "wh" }, policy, adjustmentLocationId: "loss" }), "IdempotencyConflict")
      assert.strictEqual((yield* Effect.flip(CycleCounts.freeze("missing")))._tag, "UnknownCountSession")
      assert.strictEqual((yield* Effect.flip(CycleCounts.record("dup", [{ itemId: "plain", locationId: "bin-a", quantity: 1 }])))._tag, "CountSessionState")
      yield* CycleCounts.cancel("dup")
      assert.strictEqual((yield* Effect.flip(CycleCounts.freeze("dup")))._tag, "CountSessionState")
      assert.strictEqual((yield* CycleCounts.list({ status: "cancelled" })).length, 1)
    }).pipe(Effect.provide(layer)))
})

/**
 * Contract cases for cycle counts: freeze, blind counts, approval with adjustments, movements during the count,
 * typed refusals that change nothing, and the count store's versioning and filters.
 *
 * @since 0.1.0
 */
import { CountReview, CountStore, CurrentActor, CycleCounts, EventLog, Invariants, LedgerStore, StockLedger, StockQuery } from "@quartermaster/core"
import { BigDecimal, DateTime, Effect } from "effect"
import * as Assert from "./Assert.ts"
import { type Case, suite } from "./Case.ts"
import { world } from "./Fixtures.ts"
import { snapshot } from "./LedgerContract.ts"

const test = suite("counts")

const as = (tenantId: string, actorId: string, roles: ReadonlyArray<CurrentActor.Role>) =>
  Effect.provide(CurrentActor.CurrentActor.layer(tenantId, actorId, roles))

const policy = { limits: [{ role: "operator" as const, maxValue: "0" }, { role: "manager" as const, maxValue: "1000", maxOwnValue: "50" }] }

const onHand = (itemId: string, locationId: string, lot?: string) =>
  Effect.map(StockQuery.level({ itemId, locationId, ...(lot === undefined ? {} : { lot }) }), (l) => BigDecimal.format(l.onHand))

const seed = StockLedger.post([
  { id: "s-a", itemId: "plain", from: "sup", to: "bin-a", quantity: 10, unitCost: "2.50" },
  { id: "s-b", itemId: "plain", from: "sup", to: "bin-b", quantity: 5, unitCost: "2.50" },
  { id: "s-l", itemId: "lotted", from: "sup", to: "bin-a", quantity: 4, lot: "L1", unitCost: 1 },
  { id: "s-c", itemId: "plain", from: "sup", to: "bin-c", quantity: 7, unitCost: "2.50" }
])

const verifyClean = Effect.gen(function*() {
  const report = yield* Invariants.verify
  yield* Assert.equal(report.violations, [], "invariant violations")
})

/**
 * The count cases.
 *
 * @since 0.1.0
 */
export const cases: ReadonlyArray<Case> = [
  test("a session freezes its scope, counts blind and posts its adjustments on approval", (_, tenantId) =>
    Effect.gen(function*() {
      yield* world
      yield* seed
      yield* CycleCounts.create({ id: "cc-1", scope: { _tag: "Locations", locationId: "wh" }, policy, adjustmentLocationId: "loss" })
      const frozen = yield* CycleCounts.freeze("cc-1")
      yield* Assert.equal(frozen.status, "counting", "status after freeze")
      const sheet = yield* CycleCounts.sheet("cc-1")
      yield* Assert.equal(sheet.map((l) => `${l.itemId}@${l.locationId}/${l.lot}`), ["lotted@bin-a/L1", "plain@bin-a/null", "plain@bin-b/null"], "sheet (bin-c is outside wh)")
      yield* Assert.equal(Object.keys(sheet[0]!).sort(), ["counted", "itemId", "locationId", "lot"], "the sheet is blind")
      yield* CycleCounts.record("cc-1", [
        { itemId: "plain", locationId: "bin-a", quantity: 8 },
        { itemId: "plain", locationId: "bin-b", quantity: 5 },
        { itemId: "lotted", locationId: "bin-a", lot: "L1", quantity: 5 }
      ])
      const report = yield* CountReview.variances("cc-1")
      yield* Assert.equal(report.rows.map((r) => [r.itemId, r.locationId, BigDecimal.format(r.variance), BigDecimal.format(r.value)]), [
        ["lotted", "bin-a", "1", "1"],
        ["plain", "bin-a", "-2", "-5"],
        ["plain", "bin-b", "0", "0"]
      ], "variances in quantity and value")
      yield* Assert.decimal(report.absoluteValue, "6", "absolute value")
      const approved = yield* as(tenantId, "boss", ["manager"])(CountReview.approve("cc-1"))
      yield* Assert.equal([approved.status, approved.approvedBy, approved.approvedRole, approved.result?.adjustments, approved.result?.exact], ["approved", "boss", "manager", 2, 1], "outcome")
      yield* Assert.equal([yield* onHand("plain", "bin-a"), yield* onHand("lotted", "bin-a", "L1"), yield* onHand("plain", "bin-b")], ["8", "5", "5"], "stock after approval")
      const adjustments = yield* StockQuery.history({ reference: "cc-1" })
      yield* Assert.equal(adjustments.movements.map((m) => [m.itemId, m.fromLocationId, m.toLocationId, m.reasonCode]).sort(), [
        ["lotted", "loss", "bin-a", "count-gain"],
        ["plain", "bin-a", "loss", "count-loss"]
      ], "adjustment movements")
      const { tenantId: t } = yield* CurrentActor.CurrentActor
      const events = yield* (yield* EventLog.EventLog).byEntity(t, { type: "count-session", id: "cc-1" }, { limit: 100 })
      yield* Assert.equal(events.map((e) => e.event._tag), ["CountSessionCreated", "CountSessionFrozen", "CountRecorded", "CountSessionApproved"], "events")
      yield* verifyClean
    })),

  test("movements posted during a count are neither variances nor counted twice", (_, tenantId) =>
    Effect.gen(function*() {
      yield* world
      yield* seed
      yield* CycleCounts.create({ id: "cc-2", scope: { _tag: "Items", itemIds: ["plain"], locationId: "wh" }, policy, adjustmentLocationId: "loss" })
      yield* CycleCounts.freeze("cc-2")
      // Received before the count of bin-a: the counter sees it on the shelf.
      yield* StockLedger.post([{ id: "during-1", itemId: "plain", from: "sup", to: "bin-a", quantity: 3 }])
      yield* CycleCounts.record("cc-2", [{ itemId: "plain", locationId: "bin-a", quantity: 13 }, { itemId: "plain", locationId: "bin-b", quantity: 4 }])
      // Received after the counts: on top of what was counted.
      yield* StockLedger.post([{ id: "during-2", itemId: "plain", from: "sup", to: "bin-a", quantity: 2 }, { id: "during-3", itemId: "plain", from: "bin-b", to: "cust", quantity: 1 }])
      const report = yield* CountReview.variances("cc-2")
      yield* Assert.equal(report.rows.map((r) => [r.locationId, BigDecimal.format(r.expected), BigDecimal.format(r.onHand!), BigDecimal.format(r.variance)]), [
        ["bin-a", "10", "13", "0"],
        ["bin-b", "5", "5", "-1"]
      ], "expected at freeze, book at count, variance")
      yield* as(tenantId, "boss", ["manager"])(CountReview.approve("cc-2"))
      yield* Assert.equal([yield* onHand("plain", "bin-a"), yield* onHand("plain", "bin-b")], ["15", "3"], "counted plus movements after the count")
      yield* verifyClean
    })),

  test("refusals are typed and change nothing", (_, tenantId) =>
    Effect.gen(function*() {
      yield* world
      yield* seed
      yield* CycleCounts.create({ id: "cc-3", scope: { _tag: "Locations", locationId: "wh" }, policy, adjustmentLocationId: "loss", recount: { percentage: 50 } })
      yield* Assert.failsWith(CycleCounts.record("cc-3", [{ itemId: "plain", locationId: "bin-a", quantity: 1 }]), "CountSessionState", "counting a draft")
      yield* CycleCounts.freeze("cc-3")
      yield* Assert.failsWith(CycleCounts.freeze("cc-3"), "CountSessionState", "freezing twice")
      yield* Assert.failsWith(CountReview.approve("cc-3"), "NothingCounted", "approving nothing")
      const before = yield* snapshot
      yield* Assert.failsWith(CycleCounts.record("cc-3", [{ itemId: "plain", locationId: "bin-c", quantity: 1 }]), "CellNotInScope", "a cell outside the scope")
      yield* Assert.failsWith(CycleCounts.record("cc-3", [{ itemId: "ghost", locationId: "bin-a", quantity: 1 }]), "UnknownItem", "an unknown item")
      yield* Assert.failsWith(CycleCounts.record("cc-3", [{ itemId: "lotted", locationId: "bin-b", quantity: 1 }]), "CellNotInScope", "a lot-tracked cell without a lot")
      yield* Assert.failsWith(CycleCounts.record("cc-3", [{ itemId: "plain", locationId: "bin-a", quantity: -1 }]), "InvalidInput", "a negative count")
      yield* Assert.equal(yield* snapshot, before, "refused counts change nothing")
      // A count by the approver makes the session their own document: 60 > their own limit of 50.
      yield* as(tenantId, "boss", ["manager"])(CycleCounts.record("cc-3", [{ itemId: "plain", locationId: "bin-a", quantity: 34 }]))
      yield* Assert.failsWith(CountReview.approve("cc-3"), "RecountRequired", "variance of 240 % needs a recount")
      yield* as(tenantId, "boss", ["manager"])(CycleCounts.record("cc-3", [{ itemId: "plain", locationId: "bin-a", quantity: 34 }]))
      const afterCounts = yield* snapshot
      const denied = yield* Assert.failsWith(as(tenantId, "boss", ["manager"])(CountReview.approve("cc-3")), "ApprovalDenied", "own count above own limit")
      yield* Assert.equal([denied.role, denied.exceeded, denied.limit, denied.amount], ["manager", "own-document", "50", "60"], "denial names role and limit")
      yield* Assert.failsWith(as(tenantId, "clerk", ["operator"])(CountReview.approve("cc-3")), "ApprovalDenied", "operator limit")
      yield* Assert.equal(yield* snapshot, afterCounts, "refused approvals change nothing")
      yield* Assert.equal((yield* CycleCounts.get("cc-3")).status, "counting", "still counting")
      yield* as(tenantId, "chief", ["manager"])(CountReview.approve("cc-3"))
      yield* Assert.failsWith(as(tenantId, "chief", ["manager"])(CountReview.approve("cc-3")), "CountSessionState", "approving twice")
      yield* Assert.failsWith(CycleCounts.cancel("cc-3"), "CountSessionState", "cancelling an approved session")
      yield* Assert.equal(yield* onHand("plain", "bin-a"), "34", "adjusted once")
    })),

  test("the store versions sessions, upserts cells and filters by status and approval time", (clock, tenant) =>
    Effect.gen(function*() {
      yield* world
      yield* seed
      const { tenantId } = yield* CurrentActor.CurrentActor
      const store = yield* CountStore.CountStore
      const draft = yield* CycleCounts.create({ id: "cc-4", scope: { _tag: "Items", itemIds: ["plain"] }, policy, adjustmentLocationId: "loss" })
      yield* Assert.failsWith(store.putSession({ ...draft, name: "stale" }), "ConcurrentModification", "stale version")
      yield* CycleCounts.create({ id: "cc-5", scope: { _tag: "Items", itemIds: ["bulk"] }, policy, adjustmentLocationId: "loss" })
      yield* CycleCounts.cancel("cc-5")
      yield* CycleCounts.freeze("cc-4")
      yield* Assert.equal((yield* store.cells(tenantId, draft.id)).map((c) => `${c.locationId}=${c.expected}`), ["bin-a=10", "bin-b=5", "bin-c=7"], "cells in key order")
      yield* CycleCounts.record("cc-4", [{ itemId: "plain", locationId: "bin-c", quantity: 7 }])
      yield* CycleCounts.record("cc-4", [{ itemId: "plain", locationId: "bin-c", quantity: 7 }])
      const cells = yield* store.cells(tenantId, draft.id)
      yield* Assert.equal(cells.map((c) => c.counts.length), [0, 0, 2], "recount appended to the same cell")
      yield* clock.advance("1 hour")
      yield* as(tenant, "boss", ["manager"])(CountReview.approve("cc-4"))
      const at = DateTime.makeUnsafe(Date.UTC(2026, 0, 1))
      const approved = yield* store.listSessions(tenantId, { status: "approved", approvedFrom: at, approvedTo: DateTime.add(at, { days: 1 }), limit: 10 })
      yield* Assert.equal(approved.map((s) => s.id), ["cc-4"], "approved in the period")
      yield* Assert.equal((yield* store.listSessions(tenantId, { approvedFrom: DateTime.add(at, { hours: 2 }), limit: 10 })).length, 0, "approved before the period")
      yield* Assert.equal((yield* store.listSessions(tenantId, { status: "cancelled", limit: 10 })).map((s) => s.id), ["cc-5"], "by status")
      yield* Assert.equal((yield* store.listSessions(tenantId, { afterId: draft.id, limit: 10 })).map((s) => s.id), ["cc-5"], "after an id")
      const kpi = yield* CountReview.accuracyOver({ from: at, to: DateTime.add(at, { days: 1 }) })
      yield* Assert.equal([kpi.sessions, kpi.counted, kpi.exact, kpi.exactShare === null ? null : BigDecimal.format(kpi.exactShare)], [1, 1, 1, "100"], "accuracy over the period")
    })),
  test("serial-tracked cells are counted by serial and approval moves each serial to where it was found", (_, tenantId) =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([
        { id: "sr-a", itemId: "serial", from: "sup", to: "bin-a", quantity: 2, serials: ["SN1", "SN2"], unitCost: 100 },
        { id: "sr-b", itemId: "serial", from: "sup", to: "bin-b", quantity: 1, serials: ["SN3"], unitCost: 100 }
      ])
      yield* CycleCounts.create({ id: "cs-1", scope: { _tag: "Items", itemIds: ["serial"] }, policy: { limits: [{ role: "admin", maxValue: null }] }, adjustmentLocationId: "loss" })
      yield* CycleCounts.freeze("cs-1")
      yield* CycleCounts.record("cs-1", [
        { itemId: "serial", locationId: "bin-a", serials: ["SN3", "SN1", "SN7"] },
        { itemId: "serial", locationId: "bin-b", serials: [] }
      ])
      const cells = yield* (yield* CountStore.CountStore).cells(tenantId as never, "cs-1" as never)
      yield* Assert.equal(cells.map((c) => [c.locationId, c.counts[0]?.serials, c.counts[0]?.onHandSerials]), [
        ["bin-a", ["SN1", "SN3", "SN7"], ["SN1", "SN2"]],
        ["bin-b", [], ["SN3"]]
      ], "found and book serials stored with each count")
      const report = yield* CountReview.variances("cs-1")
      yield* Assert.equal(report.rows.map((r) => [r.locationId, r.missingSerials, r.unexpectedSerials]), [
        ["bin-a", ["SN2"], ["SN3", "SN7"]],
        ["bin-b", ["SN3"], []]
      ], "variances")
      yield* as(tenantId, "root", ["admin"])(CountReview.approve("cs-1"))
      const held = yield* (yield* LedgerStore.LedgerStore).getSerials(tenantId as never, "serial" as never, ["SN1", "SN2", "SN3", "SN7"])
      yield* Assert.equal([...held].sort(([a], [b]) => (a < b ? -1 : 1)), [["SN1", "bin-a"], ["SN3", "bin-a"], ["SN7", "bin-a"]], "serial positions")
      yield* Assert.equal([yield* onHand("serial", "bin-a"), yield* onHand("serial", "bin-b")], ["3", "0"], "on hand")
      yield* verifyClean
    }))
]

/**
 * Contract cases for the asset register: exact round trips, tag uniqueness, versioned writes, lifecycle and
 * check-outs that persist, overdue queries, audits, the one-ledger promise (capitalise and transfer keep the
 * asset's location equal to its serial's), and refusals that change nothing.
 *
 * @since 0.1.0
 */
import {
  AssetAudits,
  AssetDepreciation,
  AssetLedger,
  Assets,
  AssetStore,
  CheckOuts,
  CurrentActor,
  Depreciation,
  EventLog,
  LedgerStore,
  StockLedger
} from "@quartermaster/core"
import { Effect, Result } from "effect"
import * as Assert from "./Assert.ts"
import { type Case, suite } from "./Case.ts"
import { world } from "./Fixtures.ts"

const test = suite("assets")

/** What the register and the event log hold for the tenant, to compare across a refused command. */
const snapshot = Effect.gen(function*() {
  const { tenantId } = yield* CurrentActor.CurrentActor
  const store = yield* AssetStore.AssetStore
  return {
    assets: yield* store.list(tenantId, { limit: 10_000 }),
    checkOuts: yield* store.checkOuts(tenantId, { limit: 10_000 }),
    serials: yield* (yield* LedgerStore.LedgerStore).serials(tenantId, {}),
    events: (yield* (yield* EventLog.EventLog).list(tenantId, { limit: 100_000 })).length
  }
})

const ann = { _tag: "person", personId: "ann" } as const

/**
 * The asset register cases.
 *
 * @since 0.1.0
 */
export const cases: ReadonlyArray<Case> = [
  test("an asset round-trips exactly; tags are unique per tenant; writes replace only the version they read", () =>
    Effect.gen(function*() {
      yield* world
      const a = yield* Assets.register({
        id: "asset-1",
        tag: "QM-0001",
        name: "Server",
        serial: "SRV-9",
        modelId: "plain",
        category: "IT/Servers",
        locationId: "bin-a",
        purchase: { cost: "12345.67", date: "2025-12-31T10:00:00.000Z", supplier: "Acme", purchaseOrder: "PO-1", invoice: "INV-1" },
        warranty: { endsAt: "2028-12-31T00:00:00.000Z", provider: "Acme Care" },
        fields: { rack: "R7", units: 2, critical: true },
        books: [{ book: "book", method: { _tag: "StraightLine" }, usefulLifeYears: 5, salvage: "100.00" }]
      })
      const { tenantId } = yield* CurrentActor.CurrentActor
      const store = yield* AssetStore.AssetStore
      yield* Assert.equal((yield* store.get(tenantId, [a.id])).get(a.id), a, "read back by id")
      yield* Assert.equal((yield* store.byTag(tenantId, ["QM-0001"])).get("QM-0001"), a, "read back by tag")
      yield* Assert.decimal(a.purchase.cost!, "12345.67", "exact cost")
      yield* Assets.register({ tag: "QM-0002" })
      yield* Assert.failsWith(Assets.register({ tag: "QM-0001" }), "DuplicateTag", "a second asset with the tag")
      yield* Assert.failsWith(store.put([{ ...a, id: "asset-x" as typeof a.id, version: 1 }]), "DuplicateTag", "the store refuses the tag")
      yield* Assert.failsWith(store.put([{ ...a, name: "stale" }]), "ConcurrentModification", "replaying version 1")
      yield* Assert.failsWith(Assets.update("QM-0002", { tag: "QM-0001" }), "DuplicateTag", "renaming onto a taken tag")
      yield* Assets.update("QM-0001", { tag: "QM-0003" })
      yield* Assets.update("QM-0002", { tag: "QM-0001" })
      yield* Assert.equal((yield* Assets.get("QM-0003")).id, "asset-1", "the renamed asset")
      yield* Assert.equal(
        (yield* store.list(tenantId, { modelId: "plain" as never, serial: "SRV-9", limit: 10 })).map((x) => x.tag),
        ["QM-0003"],
        "list by model and serial"
      )
    })),

  test("lifecycle transitions and components persist, each with an event", () =>
    Effect.gen(function*() {
      yield* world
      yield* Assets.register({ id: "srv", tag: "SRV", status: "onOrder", locationId: "bin-a" })
      yield* Assets.register({ id: "ram", tag: "RAM", locationId: "bin-a" })
      yield* Assets.transition("SRV", "receive")
      yield* Assets.transition("SRV", "sendToRepair", "fan noise")
      yield* Assets.transition("SRV", "repaired")
      yield* Assets.attach("RAM", "SRV")
      yield* Assert.failsWith(Assets.transition("SRV", "receive"), "InvalidTransition", "receiving twice")
      yield* Assert.failsWith(Assets.attach("SRV", "RAM"), "CycleInComponents", "a server inside its own RAM")
      const srv = yield* Assets.get("srv")
      yield* Assert.equal([srv.status, srv.version], ["inStock", 4], "state and version")
      yield* Assert.equal((yield* Assets.components("SRV")).map((c) => c.tag), ["RAM"], "components")
      const { tenantId } = yield* CurrentActor.CurrentActor
      yield* Assert.equal(
        (yield* (yield* AssetStore.AssetStore).list(tenantId, { status: ["inStock"], locationIds: ["bin-a" as never], limit: 10 })).map((a) => a.id),
        ["ram", "srv"],
        "list by status and location"
      )
      yield* Assert.equal(
        (yield* Assets.history("SRV")).map((e) => e.event._tag),
        ["AssetRegistered", "AssetTransitioned", "AssetTransitioned", "AssetTransitioned", "AssetComponentAttached"],
        "history"
      )
    })),

  test("check-out and check-in persist; overdue follows the expected return; one open check-out per asset", (clock) =>
    Effect.gen(function*() {
      yield* world
      yield* Assets.register({ tag: "L1" })
      yield* Assets.register({ tag: "L2" })
      const c1 = yield* CheckOuts.checkOut({ asset: "L1", assignee: ann, expectedReturnAt: "2026-01-10T00:00:00Z", condition: "new" })
      yield* CheckOuts.checkOut({ asset: "L2", assignee: { _tag: "location", locationId: "r1" }, expectedReturnAt: "2026-02-01T00:00:00Z" })
      yield* Assert.equal(yield* CheckOuts.overdue(), [], "nothing is overdue yet")
      yield* clock.advance("15 days")
      yield* Assert.equal((yield* CheckOuts.overdue()).map((c) => c.id), [c1.id], "L1 is overdue")
      yield* Assert.equal((yield* CheckOuts.overdue("2026-03-01T00:00:00Z")).length, 2, "both overdue in March")
      yield* Assert.failsWith(CheckOuts.checkOut({ asset: "L1", assignee: ann }), "AlreadyCheckedOut", "a second check-out")
      const { tenantId } = yield* CurrentActor.CurrentActor
      const store = yield* AssetStore.AssetStore
      yield* Assert.failsWith(
        store.putCheckOuts([{ ...c1, id: "other", version: 1 }]),
        "ConcurrentModification",
        "the store refuses a second open check-out"
      )
      const closed = yield* CheckOuts.checkIn("L1", { condition: "dented" })
      yield* Assert.equal([closed.conditionOut, closed.conditionIn], ["new", "dented"], "conditions")
      yield* Assert.equal((yield* CheckOuts.overdue()).length, 0, "a returned asset is not overdue")
      yield* Assert.equal((yield* store.checkOuts(tenantId, { open: false, limit: 10 })).map((c) => c.id), [c1.id], "closed check-outs")
      yield* Assert.equal((yield* store.openCheckOuts(tenantId, [closed.assetId])).size, 0, "no open check-out left")
      yield* Assert.equal((yield* Assets.get("L1")).status, "inStock", "back in stock")
    })),

  test("an audit compares scans with the expected assets and marks the missing", () =>
    Effect.gen(function*() {
      yield* world
      for (const tag of ["A", "B", "C"]) yield* Assets.register({ tag, locationId: "bin-a" })
      yield* Assets.register({ tag: "Z", locationId: "bin-c" })
      yield* AssetAudits.start({ locationId: "z1", includeSubtree: true, id: "au-1" })
      yield* AssetAudits.scan("au-1", ["A", "Z"])
      yield* AssetAudits.scan("au-1", ["C", "A", "UNKNOWN"])
      const result = yield* AssetAudits.finish("au-1")
      const id = (tag: string) => Effect.map(Assets.get(tag), (a) => a.id)
      yield* Assert.equal(result.found, [yield* id("A"), yield* id("C")].sort(), "found")
      yield* Assert.equal(result.missing, [yield* id("B")], "missing")
      yield* Assert.equal(result.unexpected.map((u) => u.tag), ["Z", "UNKNOWN"], "unexpected")
      yield* Assert.equal(yield* AssetAudits.result("au-1"), result, "the result reads back")
      yield* Assert.equal((yield* Assets.get("B")).status, "missing", "B is missing")
      yield* Assert.failsWith(AssetAudits.scan("au-1", ["B"]), "AuditFinished", "a finished audit")
    })),

  test("capitalise and transfer keep the asset's location equal to its serial's in the ledger", () =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([{ id: "rcv", itemId: "serial", from: "sup", to: "bin-a", quantity: 2, serials: ["S1", "S2"], unitCost: "1500.25" }])
      const a = yield* AssetLedger.capitalise({ itemId: "serial", serial: "S1", tag: "LT-1" })
      yield* Assert.equal([a.locationId, a.status, a.inLedger], ["bin-a", "inStock", true], "capitalised in place")
      yield* Assert.decimal(a.purchase.cost!, "1500.25", "cost from the valuation")
      yield* AssetLedger.transfer({ asset: "LT-1", to: "bin-c", movementId: "xfer-1" })
      const { tenantId } = yield* CurrentActor.CurrentActor
      const held = (yield* (yield* LedgerStore.LedgerStore).getSerials(tenantId, "serial" as never, ["S1"])).get("S1")
      yield* Assert.equal([(yield* Assets.get("LT-1")).locationId, held], ["bin-c", "bin-c"], "register and ledger agree")
      yield* Assert.equal(yield* AssetLedger.reconcile, [], "no drift")
      yield* Assets.transition("LT-1", "retire")
      yield* AssetLedger.dispose({ asset: "LT-1", to: "cust", proceeds: "100" })
      yield* Assert.equal(yield* AssetLedger.reconcile, [], "no drift after disposal")
      yield* Assert.equal((yield* (yield* LedgerStore.LedgerStore).getSerials(tenantId, "serial" as never, ["S1"])).size, 0, "the serial left stock")
    })),

  test("the in-service date and impairments round-trip; the schedules are the engine's on the stored data", () =>
    Effect.gen(function*() {
      yield* world
      const books = [
        { book: "book", method: { _tag: "StraightLine" }, usefulLifeYears: 5, salvage: "500.00" },
        { book: "tax", method: { _tag: "Macrs", recoveryPeriod: 5, convention: "halfYear" } }
      ] as const
      yield* Assets.register({ id: "dep-1", tag: "DEP-1", purchase: { cost: "6000.00", date: "2024-02-20T09:00:00.000Z" }, books })
      const moved = yield* Assets.update("DEP-1", { inServiceDate: "2024-03-04" })
      yield* Assert.equal((yield* Assets.get("DEP-1")), moved, "the in-service date read back")
      yield* Assets.update("DEP-1", { inServiceDate: "2024-03-01" })
      const impaired = yield* AssetDepreciation.recordImpairment("DEP-1", { date: "2025-03-31", amount: "750.25", book: "book", reason: "water damage" })
      const { tenantId } = yield* CurrentActor.CurrentActor
      yield* Assert.equal((yield* (yield* AssetStore.AssetStore).get(tenantId, [impaired.id])).get(impaired.id), impaired, "read back with its impairment")
      const before = yield* snapshot
      yield* Assert.failsWith(
        AssetDepreciation.recordImpairment("DEP-1", { date: "2025-04-30", amount: "6000", book: "book", reason: "too much" }),
        "ImpairmentAboveBookValue",
        "an impairment above book value"
      )
      yield* Assert.equal(yield* snapshot, before, "the refused impairment wrote nothing")
      const direct = Depreciation.books({
        cost: "6000.00",
        placedInService: "2024-03-01",
        profiles: books,
        impairments: [{ date: "2025-03-31", amount: "750.25", book: "book" }]
      })
      yield* Assert.that(Result.isSuccess(direct), "the engine accepts the data")
      yield* Assert.equal(yield* AssetDepreciation.schedule("DEP-1"), Result.getOrThrow(direct), "schedules from the stored asset")
    })),

  test("refused commands change nothing", () =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([{ id: "rcv", itemId: "serial", from: "sup", to: "bin-a", quantity: 1, serials: ["S1"], unitCost: 10 }])
      yield* AssetLedger.capitalise({ itemId: "serial", serial: "S1", tag: "LT-1" })
      for (const tag of ["A", "B", "GONE"]) yield* Assets.register({ tag })
      yield* Assets.transition("GONE", "retire")
      yield* AssetLedger.dispose({ asset: "GONE", proceeds: "1" })
      const before = yield* snapshot
      yield* Assert.failsWith(CheckOuts.checkOut({ asset: "GONE", assignee: ann }), "AssetDisposed", "checking out a disposed asset")
      yield* Assert.failsWith(CheckOuts.bulkCheckOut({ tags: ["A", "B", "GONE"], assignee: ann }), "BulkCheckOutRejected", "a bulk list with a bad tag")
      yield* Assert.failsWith(AssetLedger.capitalise({ itemId: "serial", serial: "S1", tag: "LT-2" }), "NotCapitalisable", "capitalising twice")
      yield* Assert.failsWith(AssetLedger.transfer({ asset: "LT-1", to: "cust" }), "InvalidAssetCommand", "transferring out of stock")
      yield* Assert.failsWith(Assets.register({ tag: "C", purchase: { cost: "-5" } }), "InvalidInput", "a negative cost")
      yield* Assert.failsWith(
        Assets.register({ tag: "C", books: [{ book: "tax", method: { _tag: "StraightLine" }, usefulLifeYears: 0 }] }),
        "InvalidLife",
        "a depreciation life of zero"
      )
      yield* Assert.equal(yield* snapshot, before, "nothing changed")
    }))
]

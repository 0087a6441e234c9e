/**
 * Contract cases for valuation over the stores: refresh from checkpoints, backdated movements, true-ups,
 * period close and the lock date, corrections in the open period, landed costs, method changes, settings,
 * the reports, and a property: whatever order movements arrive in, the stored valuation equals a full replay.
 *
 * @since 0.1.0
 */
import {
  Catalog,
  CatalogStore,
  CostAdjustments,
  CurrentActor,
  EventLog,
  type Ids,
  LedgerStore,
  StockLedger,
  type Stores,
  Valuation,
  ValuationLayers,
  ValuationReports,
  Valuations,
  ValuationState,
  ValuationStore
} from "@quartermaster/core"
import { Arbitrary, BigDecimal, Effect, Result, Schema } from "effect"
import * as Assert from "./Assert.ts"
import { suite, type Case } from "./Case.ts"
import { asFreshTenant, START, world } from "./Fixtures.ts"

const test = suite("valuation")

const DAY = 86_400_000
/** A time `days` before the cases' start. */
const ago = (days: number) => START - days * DAY

const events = (tag: string) =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor.CurrentActor
    const all = yield* (yield* EventLog.EventLog).list(tenantId, { limit: 100_000 })
    return all.map((e) => e.event).filter((e) => e._tag === tag)
  })

const cogsOf = (itemId: string) =>
  Effect.map(ValuationReports.cogs({ itemId, limit: 1000 }), (page) => Object.fromEntries(page.rows.map((r) => [r.movementId, BigDecimal.format(r.total)])))

const valueOf = (query: Parameters<typeof ValuationReports.valuation>[0] = {}) =>
  Effect.map(ValuationReports.valuation(query), (r) => r.rows.map((row) => [row.itemId ?? row.category, row.locationId, row.quantity === null ? null : BigDecimal.format(row.quantity), BigDecimal.format(row.value)]))

/** Everything valuation stores, for checking that a refused command changed nothing. @since 0.1.0 */
export const snapshot = Effect.gen(function*() {
  const { tenantId } = yield* CurrentActor.CurrentActor
  const store = yield* ValuationStore.ValuationStore
  const entries = yield* store.entries(tenantId, {}, { limit: 1_000_000 })
  const heads = yield* store.heads(tenantId, null)
  const marks = yield* store.dirty(tenantId, null)
  const settings = yield* store.getSettings(tenantId, "none")
  const log = yield* (yield* EventLog.EventLog).list(tenantId, { limit: 1_000_000 })
  return Assert.show({ entries, heads: [...heads.values()].map((h) => h.position), marks, settings, events: log.length })
})

/** The identity over everything stored: cost received = COGS + value on hand. */
const identity = Effect.gen(function*() {
  const { tenantId } = yield* CurrentActor.CurrentActor
  let received = 0n
  let rest = 0n
  for (const t of yield* (yield* ValuationStore.ValuationStore).totals(tenantId, {})) {
    received += t.received
    rest += t.cogs + t.value
  }
  yield* Assert.equal(received, rest, "received = cogs + value")
})

/**
 * The valuation cases.
 *
 * @since 0.1.0
 */
export const cases = (propertyRuns = 10): ReadonlyArray<Case> => [
  test("values postings: COGS per issue, and valuation at a date by item, location and category", () =>
    Effect.gen(function*() {
      yield* world
      yield* Catalog.updateItem("plain", { category: "hardware/widgets" })
      yield* Catalog.updateItem("bulk", { category: "food" })
      yield* StockLedger.post([
        { id: "r1", itemId: "plain", from: "sup", to: "bin-a", quantity: 100, unitCost: "10.00", effectiveAt: ago(20) },
        { id: "r2", itemId: "plain", from: "sup", to: "bin-c", quantity: 200, unitCost: "11.00", effectiveAt: ago(15) },
        { id: "b1", itemId: "bulk", from: "sup", to: "bin-b", quantity: "2.5", unitCost: "4.00", effectiveAt: ago(15) }
      ])
      yield* StockLedger.post([{ id: "s1", itemId: "plain", from: "bin-a", to: "cust", quantity: 150, effectiveAt: ago(10) }]).pipe(Effect.flip)
      yield* StockLedger.post([{ id: "s1", itemId: "plain", from: "bin-a", to: "cust", quantity: 90, effectiveAt: ago(10) }])
      yield* StockLedger.post([{ id: "t1", itemId: "plain", from: "bin-c", to: "transit", quantity: 50, effectiveAt: ago(5) }])
      yield* StockLedger.post([{ id: "s2", itemId: "plain", from: "bin-c", to: "cust", quantity: 100, effectiveAt: ago(2) }])
      // FIFO: s1 = 90 × 10 = 900; s2 = 10 × 10 + 90 × 11 = 1,090. Left: 110 @ 11 = 1,210 (bin-a 10, bin-c 50, transit 50).
      yield* Assert.equal(yield* cogsOf("plain"), { s1: "900", s2: "1090" }, "COGS per issue")
      yield* Assert.equal(yield* valueOf(), [["bulk", null, "2.5", "10"], ["plain", null, "110", "1210"]], "by item, now")
      yield* Assert.equal(yield* valueOf({ at: ago(12) }), [["bulk", null, "2.5", "10"], ["plain", null, "300", "3200"]], "by item, 12 days ago")
      yield* Assert.equal(yield* valueOf({ by: "category" }), [["food", null, null, "10"], ["hardware/widgets", null, null, "1210"]], "by category")
      yield* Assert.equal(yield* valueOf({ by: "category", categoryDepth: 1 }), [["food", null, null, "10"], ["hardware", null, null, "1210"]], "by top category")
      const located = yield* valueOf({ by: "location", itemId: "plain" })
      yield* Assert.equal(located.map((r) => [r[1], r[3]]).sort(), [["bin-a", "110"], ["bin-c", "550"], ["transit", "550"]], "value split by quantity")
      yield* Assert.equal(yield* valueOf({ by: "item", locationId: "s2" }), [["plain", null, "50", "550"]], "a site's subtree")
      yield* Assert.failsWith(ValuationReports.valuation({ locationId: "nowhere" }), "UnknownLocation", "an unknown location")
      yield* Assert.failsWith(ValuationReports.valuation({ itemId: "nothing" }), "UnknownItem", "an unknown item")
      yield* identity
    })),

  test("the store: marks widen, positions order by (at, seq, id), ranges are exact, entries page and sum", (_clock, tenant) =>
    Effect.gen(function*() {
      const store = yield* ValuationStore.ValuationStore
      const tenantId = tenant as Ids.TenantId
      const item = "item" as Ids.ItemId
      const p = (at: number, seq: number, id: string) => ({ at, seq, id })
      yield* Assert.equal(yield* store.getSettings(tenantId, "none"), { tenantId, currencyScale: 2, scope: "company", lockDate: null, version: 0 }, "default settings")
      yield* store.markDirty(tenantId, [{ itemId: item, from: p(10, 5, "b"), through: p(10, 5, "b") }])
      yield* store.markDirty(tenantId, [{ itemId: item, from: p(10, 5, "a"), through: p(10, 4, "z") }, { itemId: "other" as Ids.ItemId, from: p(1, 1, "x"), through: p(2, 1, "x") }])
      yield* store.markDirty(tenantId, [{ itemId: item, from: p(20, 1, "c"), through: p(20, 1, "c") }])
      yield* Assert.equal((yield* store.dirty(tenantId, [item])).map((m) => [m.from, m.through]), [[p(10, 5, "a"), p(20, 1, "c")]], "a mark widens: least from, greatest through")
      yield* store.clearDirty(tenantId, [item])
      yield* Assert.equal((yield* store.dirty(tenantId, null)).map((m) => m.itemId), ["other"], "cleared")

      const state = ValuationState.initial("fifo")
      const cp = (at: number, seq: number, id: string): ValuationState.Checkpoint => ({ itemId: item, position: p(at, seq, id), state: { ...state, position: p(at, seq, id) } })
      yield* store.replaceCheckpoints(tenantId, item, { after: null, before: null }, [cp(5, 1, "a"), cp(5, 2, "a"), cp(5, 2, "b"), cp(9, -3, "period")])
      const before = yield* store.checkpointsBefore(tenantId, [{ itemId: item, before: p(5, 2, "b") }, { itemId: "none" as Ids.ItemId, before: p(99, 0, "") }])
      yield* Assert.equal([...before.values()].map((c) => c.position), [p(5, 2, "a")], "strictly before, by (at, seq, id)")
      yield* Assert.equal((yield* store.checkpoints(tenantId, item, p(5, 2, "a"))).map((c) => c.position), [p(5, 2, "b"), p(9, -3, "period")], "strictly after")
      yield* store.replaceCheckpoints(tenantId, item, { after: p(5, 1, "a"), before: p(9, -3, "period") }, [cp(7, 0, "n")])
      yield* Assert.equal((yield* store.checkpoints(tenantId, item, null)).map((c) => c.position), [p(5, 1, "a"), p(7, 0, "n"), p(9, -3, "period")], "replaced strictly between")

      const e = (id: string, at: number, seq: number, step: string, kind: ValuationState.EntryKind, value: bigint, extra: Partial<ValuationState.Entry> = {}): ValuationState.Entry => ({
        itemId: "item", id, at, seq, step, kind, movementId: step, site: "", lot: null, quantity: 1n, value, cogs: 0n, received: value, provisional: 0n, ...extra
      })
      const issue = (id: string, at: number, seq: number, value: bigint) => e(id, at, seq, id, "issue", -value, { quantity: -1n, cogs: value, received: 0n })
      yield* store.writeEntries(tenantId, [e("r1", 100, 1, "r1", "receipt", 500n), issue("i1", 200, 2, 100n), e("r2", 200, 3, "r2", "receipt", 700n, { site: "s2", lot: "L" }), issue("i2", 300, 4, 150n)], [])
      yield* store.writeEntries(tenantId, [issue("i1", 200, 2, 120n), e("x", 150, -1, "lc", "landed-cost", 30n, { quantity: 0n, movementId: "r1", cogs: 10n, received: 40n })], [{ itemId: "item", id: "i2" }])
      const all = yield* store.entries(tenantId, { itemId: item }, { limit: 100 })
      yield* Assert.equal(all.map((x) => [x.id, x.value]), [["r1", 500n], ["x", 30n], ["i1", -120n], ["r2", 700n]], "entry order, upserted and removed")
      const page = yield* store.entries(tenantId, {}, { limit: 2, after: all[1]! })
      yield* Assert.equal(page.map((x) => x.id), ["i1", "r2"], "after a cursor")
      yield* Assert.equal((yield* store.entries(tenantId, { from: p(150, -1, "lc"), to: 200 }, { limit: 10 })).map((x) => x.id), ["x"], "from inclusive, to exclusive")
      yield* Assert.equal((yield* store.entries(tenantId, { kinds: ["issue"], movementIds: ["i1", "r1"] }, { limit: 10 })).map((x) => x.id), ["i1"], "kinds and movements")
      const totals = (yield* store.totals(tenantId, { to: 201 })).map((t) => [t.site, t.lot, t.quantity, t.value, t.cogs, t.received]).sort()
      yield* Assert.equal(totals, [["", null, 0n, 410n, 130n, 540n], ["s2", "L", 1n, 700n, 0n, 700n]], "sums per site and lot")
      yield* Assert.equal((yield* store.totals(tenantId, { from: 150, to: 200, itemIds: [item] })).map((t) => t.value), [30n], "sums over a span")
    })),

  test("COGS pages through issues with a cursor, each movement once, whole", () =>
    Effect.gen(function*() {
      yield* world
      // Under specific identification an issue of serials has an entry per serial: pages must not split it.
      yield* Catalog.updateItem("serial", { valuationMethod: "specific-identification" })
      yield* StockLedger.post([
        { id: "r", itemId: "serial", from: "sup", to: "bin-a", quantity: 6, serials: ["A", "B", "C", "D", "E", "F"], unitCost: "10", effectiveAt: ago(9) },
        { id: "p", itemId: "plain", from: "sup", to: "bin-a", quantity: 10, unitCost: "1", effectiveAt: ago(9) }
      ])
      yield* StockLedger.post([
        { id: "i1", itemId: "plain", from: "bin-a", to: "cust", quantity: 1, effectiveAt: ago(8) },
        { id: "i2", itemId: "serial", from: "bin-a", to: "cust", quantity: 3, serials: ["A", "B", "C"], effectiveAt: ago(7) },
        { id: "i3", itemId: "plain", from: "bin-a", to: "cust", quantity: 2, effectiveAt: ago(6) },
        { id: "i4", itemId: "serial", from: "bin-a", to: "cust", quantity: 2, serials: ["D", "E"], effectiveAt: ago(5) }
      ])
      const seen: Array<[string, string]> = []
      let cursor: string | null = null
      for (let pages = 0; pages < 10; pages++) {
        const page: { readonly rows: ReadonlyArray<ValuationReports.CogsRow>; readonly nextCursor: string | null } = yield* ValuationReports.cogs({ limit: 2, ...(cursor === null ? {} : { cursor }) })
        seen.push(...page.rows.map((r): [string, string] => [r.movementId, BigDecimal.format(r.total)]))
        cursor = page.nextCursor
        if (cursor === null) break
      }
      yield* Assert.equal(seen, [["i1", "1"], ["i2", "30"], ["i3", "2"], ["i4", "20"]], "every issue once, in order")
      yield* Assert.failsWith(ValuationReports.cogs({ cursor: "nope" }), "InvalidInput", "a cursor cogs did not return")
    })),

  test("a backdated movement revalues from the checkpoint before it and reports the revaluation", () =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([{ id: "r1", itemId: "plain", from: "sup", to: "bin-a", quantity: 100, unitCost: "10", effectiveAt: ago(20) }])
      for (let i = 0; i < 12; i++) yield* StockLedger.post([{ id: `s${i}`, itemId: "plain", from: "bin-a", to: "cust", quantity: 5, effectiveAt: ago(19 - i) }])
      yield* Valuations.refresh()
      yield* StockLedger.post([{ id: "early", itemId: "plain", from: "sup", to: "bin-b", quantity: 20, unitCost: "7", effectiveAt: ago(25) }])
      const result = yield* Valuations.refresh(["plain"])
      yield* Assert.equal(result.items, ["plain"], "revalued")
      // The 20 @ 7 now go out first: s0..s3 at 35 each instead of 50, the rest unchanged.
      const costs = yield* cogsOf("plain")
      yield* Assert.equal([costs["s0"], costs["s3"], costs["s4"]], ["35", "35", "50"], "FIFO after the backdated receipt")
      const revalued = yield* events("InventoryRevalued")
      yield* Assert.equal(revalued.map((e) => e._tag === "InventoryRevalued" && [e.cause, e.issues, BigDecimal.format(e.cogs), BigDecimal.format(e.value)]), [["backdated-movement", 4, "-60", "60"]], "revaluation event")
      yield* Assert.equal((yield* Valuations.refresh()).items, [], "nothing left to do")
      yield* identity
    })),

  test("negative stock: out at the last known cost, trued up by the receipt that covers it", () =>
    Effect.gen(function*() {
      yield* world
      yield* Catalog.updateItem("plain", { allowNegativeStock: true })
      yield* StockLedger.post([{ id: "r1", itemId: "plain", from: "sup", to: "bin-a", quantity: 10, unitCost: "5", effectiveAt: ago(3) }])
      yield* StockLedger.post([{ id: "big", itemId: "plain", from: "bin-a", to: "cust", quantity: 15, effectiveAt: ago(2) }])
      const before = (yield* ValuationReports.cogs({ itemId: "plain" })).rows[0]!
      yield* Assert.equal([BigDecimal.format(before.total), BigDecimal.format(before.provisional)], ["75", "25"], "provisional part at the last cost")
      yield* StockLedger.post([{ id: "r2", itemId: "plain", from: "sup", to: "bin-a", quantity: 10, unitCost: "6", effectiveAt: ago(1) }])
      const after = (yield* ValuationReports.cogs({ itemId: "plain" })).rows[0]!
      yield* Assert.equal([BigDecimal.format(after.cost), BigDecimal.format(after.trueUp), BigDecimal.format(after.total), BigDecimal.format(after.provisional)], ["75", "5", "80", "0"], "trued up")
      const trueUps = yield* events("CostTrueUp")
      yield* Assert.equal(trueUps.map((e) => e._tag === "CostTrueUp" && [e.receiptId, e.trueUps.map((t) => [t.issueId, BigDecimal.format(t.difference)])]), [["r2", [["big", "5"]]]], "true-up event")
      yield* identity
    })),

  test("a period close locks it: earlier postings are refused and change nothing; corrections post in the open period", (clock) =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([{ id: "r1", itemId: "plain", from: "sup", to: "bin-a", quantity: 10, unitCost: "4", effectiveAt: ago(10) }])
      yield* StockLedger.post([{ id: "s1", itemId: "plain", from: "bin-a", to: "cust", quantity: 6, effectiveAt: ago(8) }])
      const period = yield* Valuations.closePeriod({ end: ago(5) })
      yield* Assert.equal([period.value, period.cogs, period.received], [1600n, 2400n, 4000n], "the period's figures")
      const before = yield* snapshot
      const refused = yield* Assert.failsWith(StockLedger.post([{ id: "late", itemId: "plain", from: "sup", to: "bin-a", quantity: 1, unitCost: "1", effectiveAt: ago(6) }]), "PeriodClosed", "posting into the closed period")
      yield* Assert.that(refused.message.includes("lines[0].effectiveAt"), `names the field: ${refused.message}`)
      yield* Assert.failsWith(Valuations.changeMethod({ itemId: "plain", method: "lifo", effectiveAt: ago(7) }), "PeriodClosed", "a method change dated in it")
      yield* Assert.failsWith(Valuations.closePeriod({ end: ago(6) }), "PeriodClosed", "closing before the lock date")
      yield* Assert.equal(yield* snapshot, before, "nothing changed")
      yield* StockLedger.post([{ id: "ok", itemId: "plain", from: "sup", to: "bin-a", quantity: 1, unitCost: "4", effectiveAt: ago(5) }])
      // The invoice says r1 cost 5, not 4: 6 of 10 were sold in the closed period, so 6 posts to COGS now and 4 to stock.
      yield* clock.advance("1 hour")
      yield* CostAdjustments.correctCost({ id: "invoice-1", movementId: "r1", unitCost: "5" })
      const revalued = yield* events("InventoryRevalued")
      yield* Assert.equal(revalued.map((e) => e._tag === "InventoryRevalued" && [e.cause, e.issues, BigDecimal.format(e.cogs), BigDecimal.format(e.value)]), [["cost-correction", 0, "6", "4"]], "the revaluation adjustment, reported")
      const { tenantId } = yield* CurrentActor.CurrentActor
      const entries = yield* (yield* ValuationStore.ValuationStore).entries(tenantId, { kinds: ["cost-adjustment"] }, { limit: 10 })
      yield* Assert.equal(entries.map((e) => [e.movementId, e.at >= START, e.value, e.cogs]), [["r1", true, 400n, 600n]], "adjustment in the open period")
      yield* Assert.equal((yield* (yield* ValuationStore.ValuationStore).periods(tenantId)).map((p) => [p.value, p.cogs]), [[1600n, 2400n]], "closed figures unchanged")
      yield* Assert.equal(yield* valueOf({ itemId: "plain" }), [["plain", null, "5", "24"]], "value now")
      yield* Assert.failsWith(Valuations.configure({ scope: "site" }), "SettingsLocked", "settings after a close")
      yield* identity
    })),

  test("a cost correction in the open period revalues from the receipt; a receipt without a cost blocks until corrected", () =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([{ id: "r1", itemId: "plain", from: "sup", to: "bin-a", quantity: 10, effectiveAt: ago(10) }])
      yield* StockLedger.post([{ id: "s1", itemId: "plain", from: "bin-a", to: "cust", quantity: 4, effectiveAt: ago(8) }])
      const before = yield* snapshot
      const missing = yield* Assert.failsWith(Valuations.refresh(), "MissingUnitCost", "uncosted receipt")
      yield* Assert.that(missing.message.includes("\"r1\""), `names the receipt: ${missing.message}`)
      yield* Assert.equal(yield* snapshot, before, "a failed refresh changes nothing")
      yield* CostAdjustments.correctCost({ id: "price", movementId: "r1", unitCost: "2.50" })
      yield* Assert.equal(yield* cogsOf("plain"), { s1: "10" }, "valued at the corrected cost")
      yield* CostAdjustments.correctCost({ id: "price-2", movementId: "r1", unitCost: "3" })
      yield* Assert.equal(yield* cogsOf("plain"), { s1: "12" }, "revalued from the receipt")
      const revalued = yield* events("InventoryRevalued")
      yield* Assert.equal(revalued.map((e) => e._tag === "InventoryRevalued" && [e.cause, BigDecimal.format(e.cogs), BigDecimal.format(e.value)]), [["cost-correction", "0", "0"], ["cost-correction", "2", "3"]], "one revaluation event per correction")
      yield* Assert.failsWith(CostAdjustments.correctCost({ id: "x", movementId: "s1", unitCost: "1" }), "UnknownReceipt", "an issue is not a receipt")
      yield* Assert.failsWith(CostAdjustments.correctCost({ id: "price", movementId: "r1", unitCost: "9" }), "IdempotencyConflict", "same id, other content")
      yield* identity
    })),

  test("a landed cost is allocated by quantity, value or weight; the consumed share goes to COGS", () =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([
        { id: "r1", itemId: "plain", from: "sup", to: "bin-a", quantity: 100, unitCost: "10", effectiveAt: ago(5) },
        { id: "r2", itemId: "bulk", from: "sup", to: "bin-a", quantity: 50, unitCost: "20", effectiveAt: ago(5) }
      ])
      yield* StockLedger.post([{ id: "s1", itemId: "plain", from: "bin-a", to: "cust", quantity: 60, effectiveAt: ago(4) }])
      yield* CostAdjustments.addLandedCost({ id: "freight", amount: "300", basis: "weight", receipts: [{ movementId: "r1", weight: 250 }, { movementId: "r2", weight: 50 }], reference: "BL-7" })
      const landed = yield* events("LandedCostAllocated")
      yield* Assert.equal(
        landed.map((e) => e._tag === "LandedCostAllocated" && e.allocations.map((a) => [a.receiptId, BigDecimal.format(a.amount), BigDecimal.format(a.onHand), BigDecimal.format(a.consumed)])),
        [[["r1", "250", "100", "150"], ["r2", "50", "50", "0"]]],
        "allocation"
      )
      yield* Assert.equal(yield* valueOf(), [["bulk", null, "50", "1050"], ["plain", null, "40", "500"]], "values after")
      const again = yield* CostAdjustments.addLandedCost({ id: "freight", amount: "300", basis: "weight", receipts: [{ movementId: "r1", weight: 250 }, { movementId: "r2", weight: 50 }], reference: "BL-7" })
      yield* Assert.equal(again.length, 2, "idempotent")
      yield* Assert.failsWith(CostAdjustments.addLandedCost({ id: "freight", amount: "301", basis: "quantity", receipts: [{ movementId: "r1" }] }), "IdempotencyConflict", "same id, other content")
      yield* Assert.failsWith(CostAdjustments.addLandedCost({ id: "duty", amount: "1", basis: "weight", receipts: [{ movementId: "r1" }] }), "InvalidValuation", "weight missing")
      yield* Assert.failsWith(CostAdjustments.addLandedCost({ id: "duty", amount: "1.005", basis: "quantity", receipts: [{ movementId: "r1" }] }), "InvalidQuantity", "finer than the currency")
      yield* Assert.failsWith(CostAdjustments.addLandedCost({ id: "duty", amount: "1", basis: "quantity", receipts: [{ movementId: "s1" }] }), "UnknownReceipt", "not a receipt")
      yield* identity
    })),

  test("a method change from a date revalues from then and reports the revaluation", () =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([{ id: "p1", itemId: "plain", from: "sup", to: "bin-a", quantity: 10, unitCost: "10", effectiveAt: ago(10) }])
      yield* StockLedger.post([{ id: "p2", itemId: "plain", from: "sup", to: "bin-a", quantity: 10, unitCost: "20", effectiveAt: ago(8) }])
      yield* StockLedger.post([{ id: "s1", itemId: "plain", from: "bin-a", to: "cust", quantity: 10, effectiveAt: ago(5) }])
      yield* Assert.equal(yield* cogsOf("plain"), { s1: "100" }, "FIFO")
      const change = yield* Valuations.changeMethod({ itemId: "plain", method: "lifo", effectiveAt: ago(9) })
      yield* Assert.that(change !== null, "recorded")
      yield* Assert.equal(yield* cogsOf("plain"), { s1: "200" }, "LIFO from then on")
      yield* Assert.equal((yield* Catalog.getItem("plain")).valuationMethod, "lifo", "the catalog follows")
      const changed = yield* events("ValuationMethodChanged")
      yield* Assert.equal(changed.map((e) => e._tag === "ValuationMethodChanged" && [e.from, e.to, BigDecimal.format(e.cogs), BigDecimal.format(e.value)]), [["fifo", "lifo", "100", "-100"]], "event")
      yield* Assert.equal(yield* Valuations.changeMethod({ itemId: "plain", method: "lifo", effectiveAt: ago(1) }), null, "no change")
      const before = yield* snapshot
      yield* Assert.failsWith(Valuations.changeMethod({ itemId: "plain", method: "specific-identification", effectiveAt: ago(1) }), "MethodChangeNotSupported", "no lot costs to start from")
      yield* Assert.equal(yield* snapshot, before, "a refused change changes nothing")
      // A change made in the catalog takes effect when it was made.
      yield* Catalog.updateItem("plain", { valuationMethod: "moving-average" })
      yield* StockLedger.post([{ id: "s2", itemId: "plain", from: "bin-a", to: "cust", quantity: 5 }])
      yield* Assert.equal((yield* cogsOf("plain"))["s2"], "50", "average of what is left (10 @ 10)")
      yield* identity
    })),

  test("periodic weighted average: provisional in the open period, final at close", () =>
    Effect.gen(function*() {
      yield* world
      yield* Catalog.updateItem("bulk", { valuationMethod: "weighted-average" })
      yield* StockLedger.post([{ id: "p1", itemId: "bulk", from: "sup", to: "bin-a", quantity: 10, unitCost: "1", effectiveAt: ago(9) }])
      yield* StockLedger.post([{ id: "s1", itemId: "bulk", from: "bin-a", to: "cust", quantity: 5, effectiveAt: ago(8) }])
      yield* Assert.equal(yield* cogsOf("bulk"), { s1: "5" }, "so far")
      yield* StockLedger.post([{ id: "p2", itemId: "bulk", from: "sup", to: "bin-a", quantity: 10, unitCost: "2", effectiveAt: ago(7) }])
      // The period's average is now 30 / 20 = 1.50, for the sale before the purchase too.
      yield* Assert.equal(yield* cogsOf("bulk"), { s1: "7.5" }, "provisional, revalued")
      yield* Valuations.closePeriod({ end: ago(6) })
      yield* StockLedger.post([{ id: "s2", itemId: "bulk", from: "bin-a", to: "cust", quantity: 5, effectiveAt: ago(5) }])
      yield* Assert.equal(yield* cogsOf("bulk"), { s1: "7.5", s2: "7.5" }, "next period opens at the average")
      yield* identity
    })),

  test("open layers and aging by receipt date, now and at a past date", () =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([{ id: "old", itemId: "plain", from: "sup", to: "bin-a", quantity: 10, unitCost: "1", effectiveAt: ago(100) }])
      yield* StockLedger.post([{ id: "mid", itemId: "plain", from: "sup", to: "bin-a", quantity: 10, unitCost: "2", effectiveAt: ago(40) }])
      yield* StockLedger.post([{ id: "new", itemId: "plain", from: "sup", to: "bin-a", quantity: 10, unitCost: "3", effectiveAt: ago(5) }])
      yield* StockLedger.post([{ id: "out", itemId: "plain", from: "bin-a", to: "cust", quantity: 15, effectiveAt: ago(2) }])
      const now = yield* ValuationLayers.layers({ itemId: "plain" })
      yield* Assert.equal(now.layers.map((l) => [l.receiptId, BigDecimal.format(l.quantity), BigDecimal.format(l.value), BigDecimal.format(l.unitCost)]), [["mid", "5", "10", "2"], ["new", "10", "30", "3"]], "layers now")
      const then = yield* ValuationLayers.layers({ itemId: "plain", at: ago(10) })
      yield* Assert.equal(then.layers.map((l) => l.receiptId), ["old", "mid"], "layers 10 days ago")
      const aging = yield* ValuationLayers.aging({ buckets: [30, 90] })
      yield* Assert.equal(aging.rows.map((r) => r.buckets.map((b) => [b.fromDays, b.toDays, BigDecimal.format(b.quantity), BigDecimal.format(b.value)])), [[[0, 30, "10", "30"], [30, 90, "5", "10"], [90, null, "0", "0"]]], "aging now")
      const past = yield* ValuationLayers.aging({ at: ago(10), buckets: [30, 90] })
      yield* Assert.equal(past.rows.map((r) => r.buckets.map((b) => BigDecimal.format(b.value))), [["0", "20", "10"]], "aging 10 days ago")
    })),

  test("specific identification by lot and serial; an unknown lot is refused and changes nothing", () =>
    Effect.gen(function*() {
      yield* world
      yield* Catalog.updateItem("lotted", { valuationMethod: "specific-identification", allowNegativeStock: true })
      yield* Catalog.updateItem("serial", { valuationMethod: "specific-identification" })
      yield* StockLedger.post([
        { id: "la", itemId: "lotted", from: "sup", to: "bin-a", quantity: 10, lot: "A", unitCost: "1", effectiveAt: ago(5) },
        { id: "lb", itemId: "lotted", from: "sup", to: "bin-a", quantity: 10, lot: "B", unitCost: "3", effectiveAt: ago(5) },
        { id: "sa", itemId: "serial", from: "sup", to: "bin-a", quantity: 2, serials: ["S1", "S2"], unitCost: "900", effectiveAt: ago(5) },
        { id: "sb", itemId: "serial", from: "sup", to: "bin-a", quantity: 1, serials: ["S3"], unitCost: "1200", effectiveAt: ago(4) }
      ])
      yield* StockLedger.post([
        { id: "ob", itemId: "lotted", from: "bin-a", to: "cust", quantity: 4, lot: "B", effectiveAt: ago(3) },
        { id: "os", itemId: "serial", from: "bin-a", to: "cust", quantity: 2, serials: ["S3", "S1"], effectiveAt: ago(3) }
      ])
      yield* Assert.equal(yield* cogsOf("lotted"), { ob: "12" }, "lot B at its own cost")
      yield* Assert.equal(yield* cogsOf("serial"), { os: "2100" }, "S3 and S1 at their own cost")
      yield* StockLedger.post([{ id: "bad", itemId: "lotted", from: "bin-a", to: "cust", quantity: 1, lot: "Z", effectiveAt: ago(2) }])
      const before = yield* snapshot
      yield* Assert.failsWith(Valuations.refresh(["lotted"]), "UnknownLot", "a lot never received")
      yield* Assert.equal(yield* snapshot, before, "nothing changed")
    })),

  test("site scope: each site its own pool; changing settings revalues while no period is closed", () =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([
        { id: "r1", itemId: "plain", from: "sup", to: "bin-a", quantity: 10, unitCost: "5", effectiveAt: ago(5) },
        { id: "r2", itemId: "plain", from: "sup", to: "bin-c", quantity: 10, unitCost: "7", effectiveAt: ago(4) }
      ])
      yield* StockLedger.post([{ id: "s1", itemId: "plain", from: "bin-c", to: "cust", quantity: 5, effectiveAt: ago(3) }])
      yield* Assert.equal(yield* cogsOf("plain"), { s1: "25" }, "company-wide FIFO")
      yield* Valuations.configure({ scope: "site", currencyScale: 3 })
      yield* Assert.equal(yield* cogsOf("plain"), { s1: "35" }, "site s2's own layer")
      yield* Assert.equal(yield* valueOf({ by: "location", itemId: "plain" }), [["plain", "bin-a", "10", "50"], ["plain", "bin-c", "5", "35"]], "by location, exact per site")
      yield* Assert.equal((yield* Valuations.settings).currencyScale, 3, "scale")
      yield* identity
    })),

  {
    suite: "valuation",
    name: `random postings, backdated and in any order, value exactly as a full replay (${propertyRuns} runs)`,
    run: Effect.gen(function*() {
      const result = yield* Arbitrary.checkEffect(Arbitrary.schema(History), replayEquals, { runs: propertyRuns, maxShrinks: 30 })
      if (result._tag !== "Passed") return yield* new Assert.ContractFailure({ message: Arbitrary.formatCheckFailure(result) ?? result._tag })
    })
  }
]

const Post = Schema.Struct({
  item: Schema.Literals(["plain", "bulk"]),
  kind: Schema.Literals(["in", "out", "move", "refresh"]),
  qty: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 9 }))),
  cost: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 99 }))),
  daysAgo: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 30 })))
})
const History = Schema.Array(Post).pipe(Schema.check(Schema.isMaxLength(30)))

const replayEquals = (history: ReadonlyArray<typeof Post.Type>): Effect.Effect<boolean, Assert.ContractFailure, Stores.Stores> =>
  asFreshTenant("valuation-property", () =>
    Effect.gen(function*() {
      yield* world
      yield* Catalog.updateItem("bulk", { allowNegativeStock: true, valuationMethod: "moving-average" })
      let n = 0
      for (const p of history) {
        const id = `m${++n}`
        const at = ago(p.daysAgo) + n
        if (p.kind === "refresh") yield* Valuations.refresh()
        else if (p.kind === "in") yield* StockLedger.post([{ id, itemId: p.item, from: "sup", to: "bin-a", quantity: p.qty, unitCost: `${p.cost}.${n % 10}`, effectiveAt: at }])
        else if (p.kind === "move") yield* Effect.ignore(StockLedger.post([{ id, itemId: p.item, from: "bin-a", to: "bin-c", quantity: p.qty, effectiveAt: at }]))
        else yield* Effect.ignore(StockLedger.post([{ id, itemId: p.item, from: "bin-a", to: "cust", quantity: p.qty, effectiveAt: at }]))
      }
      yield* Valuations.refresh()
      const { tenantId } = yield* CurrentActor.CurrentActor
      const store = yield* ValuationStore.ValuationStore
      const settings = yield* store.getSettings(tenantId, "none")
      const sites = Valuation.sites(yield* (yield* CatalogStore.CatalogStore).listLocations(tenantId))
      for (const itemId of ["plain", "bulk"]) {
        const item = yield* Catalog.getItem(itemId)
        const movements = yield* (yield* LedgerStore.LedgerStore).movements(tenantId, { itemId: item.id }, { limit: 1_000_000 })
        const config = { itemId, decimals: item.baseUnit.decimals, currencyScale: settings.currencyScale, scope: settings.scope, checkpointEvery: 1000 }
        const steps = Valuation.fromMovements(config, movements, sites)
        if (Result.isFailure(steps)) return yield* new Assert.ContractFailure({ message: steps.failure.message })
        const full = Valuation.replay(config, item.valuationMethod, steps.success)
        if (Result.isFailure(full)) return yield* new Assert.ContractFailure({ message: full.failure.message })
        const stored = yield* store.entries(tenantId, { itemId: item.id }, { limit: 1_000_000 })
        yield* Assert.equal(stored, [...full.success.entries].sort(ValuationStore.compareEntries), `${itemId}: stored entries equal a full replay`)
      }
      yield* identity
      return true
    }).pipe(Effect.mapError((e) => (e._tag === "ContractFailure" ? e : new Assert.ContractFailure({ message: e.message })))))

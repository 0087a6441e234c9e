/**
 * Contract cases for the stock ledger: posting, atomicity, negative stock, lots, serials, idempotency and
 * queries.
 *
 * @since 0.1.0
 */
import { Catalog, CurrentActor, EventLog, Invariants, LedgerStore, Locations, Picking, StockLedger, StockQuery } from "@quartermaster/core"
import { DateTime, Effect } from "effect"
import * as Assert from "./Assert.ts"
import { suite, type Case } from "./Case.ts"
import { START, world } from "./Fixtures.ts"

const test = suite("ledger")

/** On hand of an item in a scope, as a decimal string. */
const onHand = (itemId: string, locationId?: string) =>
  Effect.map(StockQuery.level({ itemId, ...(locationId === undefined ? {} : { locationId }) }), (l) => l.onHand)

/** Balances and event count: what a refused command must leave untouched. */
export const snapshot = Effect.gen(function*() {
  const { tenantId } = yield* CurrentActor.CurrentActor
  const balances = yield* (yield* LedgerStore.LedgerStore).balances(tenantId, {})
  const events = yield* (yield* EventLog.EventLog).list(tenantId, { limit: 1_000_000 })
  const movements = yield* (yield* LedgerStore.LedgerStore).movements(tenantId, {}, { limit: 1_000_000 })
  return Assert.show({
    balances: [...balances].map((b) => `${b.itemId}/${b.locationId}/${b.lot}=${b.quantity}`).sort(),
    events: events.length,
    movements: movements.length
  })
})

const verifyClean = Effect.gen(function*() {
  const report = yield* Invariants.verify
  yield* Assert.equal(report.violations, [], "invariant violations")
})

/**
 * The ledger cases.
 *
 * @since 0.1.0
 */
export const cases: ReadonlyArray<Case> = [
  test("receipt > put-away > transfer via transit > issue", () =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([{ id: "rcv", itemId: "plain", from: "sup", to: "r1", quantity: 2, unit: "case", unitCost: "2.50", reference: "PO-1" }])
      yield* Assert.decimal(yield* onHand("plain", "s1"), "24", "site after receipt")
      yield* StockLedger.post([{ id: "put", itemId: "plain", from: "r1", to: "bin-a", quantity: 24, reasonCode: "putaway" }])
      yield* Assert.decimal(yield* onHand("plain", "r1"), "0", "receiving room after put-away")
      yield* Assert.decimal(yield* onHand("plain", "wh"), "24", "warehouse roll-up")
      yield* StockLedger.post([{ id: "ship", itemId: "plain", from: "bin-a", to: "transit", quantity: 10, reference: "TO-1" }])
      yield* Assert.decimal(yield* onHand("plain"), "14", "on hand excludes transit")
      const inTransit = (yield* StockQuery.breakdown({ itemId: "plain" })).filter((r) => r.usage === "transit")
      yield* Assert.equal(inTransit.map((r) => [r.locationId, r.quantity]), [["transit", "10"]], "in-transit visibility")
      yield* StockLedger.post([{ id: "arrive", itemId: "plain", from: "transit", to: "bin-c", quantity: 10, reference: "TO-1" }])
      yield* Assert.decimal(yield* onHand("plain", "s2"), "10", "second site")
      yield* StockLedger.post([{ id: "sell", itemId: "plain", from: "bin-c", to: "cust", quantity: 4, reference: "SO-1" }])
      yield* Assert.decimal(yield* onHand("plain"), "20", "company on hand")
      yield* verifyClean
    })),

  test("a batch is atomic: a failing line leaves nothing behind", () =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([{ id: "seed", itemId: "plain", from: "sup", to: "bin-a", quantity: 5 }])
      const before = yield* snapshot
      yield* Assert.failsWith(
        StockLedger.post([
          { id: "ok-1", itemId: "plain", from: "sup", to: "bin-a", quantity: 5 },
          { id: "ok-2", itemId: "bulk", from: "sup", to: "bin-a", quantity: "1.5" },
          { id: "bad", itemId: "plain", from: "bin-b", to: "cust", quantity: 1 }
        ]),
        "InsufficientStock",
        "third line"
      )
      yield* Assert.equal(yield* snapshot, before, "state after the refused batch")
      yield* Assert.failsWith(StockLedger.post([{ id: "ok-1", itemId: "nope", from: "sup", to: "bin-a", quantity: 1 }]), "UnknownItem", "unknown item")
      yield* Assert.failsWith(StockLedger.post([{ id: "x", itemId: "plain", from: "sup", to: "nowhere", quantity: 1 }]), "UnknownLocation", "unknown location")
      yield* Assert.failsWith(StockLedger.post([{ id: "x", itemId: "plain", from: "bin-a", to: "bin-a", quantity: 1 }]), "InvalidMovement", "same location")
      yield* Assert.failsWith(StockLedger.post([{ id: "x", itemId: "plain", from: "sup", to: "bin-a", quantity: 0 }]), "InvalidMovement", "zero")
      yield* Assert.failsWith(StockLedger.post([{ id: "x", itemId: "plain", from: "sup", to: "bin-a", quantity: -3 }]), "InvalidMovement", "negative")
      yield* Assert.failsWith(StockLedger.post([]), "InvalidInput", "empty batch")
      yield* Assert.failsWith(StockLedger.post([{ id: "x" } as never]), "InvalidInput", "missing fields")
      yield* Assert.failsWith(
        StockLedger.post([{ id: "d", itemId: "plain", from: "sup", to: "bin-a", quantity: 1 }, { id: "d", itemId: "plain", from: "sup", to: "bin-a", quantity: 1 }]),
        "InvalidMovement",
        "repeated id in a batch"
      )
      yield* Assert.equal(yield* snapshot, before, "state after every refusal")
    })),

  test("lines on the same balance are checked against their summed demand", () =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([{ id: "seed", itemId: "plain", from: "sup", to: "bin-a", quantity: 5 }])
      const error = yield* Assert.failsWith(
        StockLedger.post([
          { id: "a", itemId: "plain", from: "bin-a", to: "cust", quantity: 3 },
          { id: "b", itemId: "plain", from: "bin-a", to: "cust", quantity: 3 }
        ]),
        "InsufficientStock",
        "two lines of 3 against 5"
      )
      yield* Assert.equal([error.onHand, error.requested], ["5", "6"], "reported quantities")
      yield* StockLedger.post([
        { id: "c", itemId: "plain", from: "bin-a", to: "cust", quantity: 3 },
        { id: "d", itemId: "plain", from: "bin-a", to: "cust", quantity: 2 }
      ])
      yield* Assert.decimal(yield* onHand("plain"), "0", "exactly emptied")
      yield* StockLedger.post([
        { id: "e", itemId: "plain", from: "sup", to: "bin-b", quantity: 2 },
        { id: "f", itemId: "plain", from: "bin-b", to: "cust", quantity: 2 }
      ])
      yield* verifyClean
    })),

  test("negative stock is refused by default and allowed per item or per location", () =>
    Effect.gen(function*() {
      yield* world
      yield* Assert.failsWith(StockLedger.post([{ id: "a", itemId: "plain", from: "bin-a", to: "cust", quantity: 1 }]), "InsufficientStock", "default")
      yield* Catalog.updateItem("bulk", { allowNegativeStock: true })
      yield* StockLedger.post([{ id: "b", itemId: "bulk", from: "bin-a", to: "cust", quantity: 2 }])
      yield* Assert.decimal(yield* onHand("bulk", "bin-a"), "-2", "item policy")
      yield* Locations.create({ id: "float", code: "FLOAT", kind: "bin", parentId: "z1", allowNegativeStock: true })
      yield* StockLedger.post([{ id: "c", itemId: "plain", from: "float", to: "cust", quantity: 3 }])
      yield* Assert.decimal(yield* onHand("plain", "float"), "-3", "location policy")
      yield* verifyClean
    })),

  test("lots are required for lot-tracked items, expire by shelf life, and are picked FEFO or FIFO", () =>
    Effect.gen(function*() {
      yield* world
      yield* Assert.failsWith(StockLedger.post([{ id: "x", itemId: "lotted", from: "sup", to: "bin-a", quantity: 1 }]), "InvalidMovement", "missing lot")
      yield* Assert.failsWith(StockLedger.post([{ id: "x", itemId: "plain", from: "sup", to: "bin-a", quantity: 1, lot: "L" }]), "InvalidMovement", "lot on untracked item")
      yield* StockLedger.post([{ id: "l1", itemId: "lotted", from: "sup", to: "bin-a", quantity: 10, lot: "L1", lotExpiresAt: "2026-03-01T00:00:00Z", effectiveAt: START - 86_400_000 * 2 }])
      yield* StockLedger.post([{ id: "l2", itemId: "lotted", from: "sup", to: "bin-b", quantity: 10, lot: "L2", lotExpiresAt: "2026-02-01T00:00:00Z" }])
      yield* StockLedger.post([{ id: "l3", itemId: "lotted", from: "sup", to: "bin-b", quantity: 5, lot: "L3", effectiveAt: START - 86_400_000 }])
      const { tenantId } = yield* CurrentActor.CurrentActor
      const l3 = (yield* (yield* LedgerStore.LedgerStore).lots(tenantId, { itemId: "lotted" as never, code: "L3" }))[0]
      yield* Assert.equal(l3 === undefined || l3.expiresAt === null ? null : DateTime.formatIso(l3.expiresAt), "2026-01-30T00:00:00.000Z", "shelf-life expiry")
      yield* Assert.failsWith(
        StockLedger.post([{ id: "l4", itemId: "lotted", from: "sup", to: "bin-a", quantity: 1, lot: "L1", lotExpiresAt: "2027-01-01T00:00:00Z" }]),
        "InvalidMovement",
        "conflicting expiry"
      )
      const fefo = yield* Picking.suggest({ itemId: "lotted", quantity: 12, strategy: "fefo" })
      yield* Assert.equal(fefo.picks.map((p) => [p.lot, p.quantity]), [["L3", "5"], ["L2", "7"]], "FEFO")
      const fifo = yield* Picking.suggest({ itemId: "lotted", quantity: 30, strategy: "fifo" })
      yield* Assert.equal(fifo.picks.map((p) => [p.lot, p.quantity]), [["L1", "10"], ["L3", "5"], ["L2", "10"]], "FIFO")
      yield* Assert.decimal(fifo.shortfall, "5", "shortfall")
      yield* Assert.decimal((yield* StockQuery.level({ itemId: "lotted", lot: "L2" })).onHand, "10", "per-lot level")
      yield* verifyClean
    })),

  test("a serial sits in one place: counted per unit, never in two bins", () =>
    Effect.gen(function*() {
      yield* world
      yield* Assert.failsWith(StockLedger.post([{ id: "x", itemId: "serial", from: "sup", to: "bin-a", quantity: 2, serials: ["S1"] }]), "InvalidMovement", "count mismatch")
      yield* Assert.failsWith(StockLedger.post([{ id: "x", itemId: "serial", from: "sup", to: "bin-a", quantity: 2, serials: ["S1", "S1"] }]), "InvalidMovement", "repeated serial")
      yield* StockLedger.post([{ id: "in", itemId: "serial", from: "sup", to: "bin-a", quantity: 2, serials: ["S1", "S2"] }])
      yield* Assert.failsWith(StockLedger.post([{ id: "dup", itemId: "serial", from: "sup", to: "bin-b", quantity: 1, serials: ["S1"] }]), "SerialConflict", "receive S1 again")
      yield* Assert.failsWith(StockLedger.post([{ id: "wrong", itemId: "serial", from: "bin-b", to: "cust", quantity: 1, serials: ["S2"] }]), "SerialConflict", "S2 is not in bin-b")
      yield* Assert.failsWith(
        StockLedger.post([
          { id: "m1", itemId: "serial", from: "bin-a", to: "bin-b", quantity: 1, serials: ["S1"] },
          { id: "m2", itemId: "serial", from: "bin-a", to: "bin-c", quantity: 1, serials: ["S1"] }
        ]),
        "SerialConflict",
        "S1 to two bins in one batch"
      )
      yield* StockLedger.post([{ id: "mv", itemId: "serial", from: "bin-a", to: "bin-b", quantity: 1, serials: ["S1"] }])
      const { tenantId } = yield* CurrentActor.CurrentActor
      const positions = (yield* (yield* LedgerStore.LedgerStore).serials(tenantId, { itemId: "serial" as never })).map((s) => [s.serial, s.locationId]).sort()
      yield* Assert.equal(positions, [["S1", "bin-b"], ["S2", "bin-a"]], "positions")
      yield* StockLedger.post([{ id: "sold", itemId: "serial", from: "bin-b", to: "cust", quantity: 1, serials: ["S1"] }])
      yield* StockLedger.post([{ id: "back", itemId: "serial", from: "cust", to: "bin-c", quantity: 1, serials: ["S1"], reasonCode: "return" }])
      yield* verifyClean
    })),

  test("re-posting returns the original; other content under the same id is a conflict", () =>
    Effect.gen(function*() {
      yield* world
      const batch = [
        { id: "p1", itemId: "plain", from: "sup", to: "bin-a", quantity: 3, unitCost: "1.10" },
        { id: "p2", itemId: "plain", from: "bin-a", to: "bin-b", quantity: 1 }
      ] as const
      const first = yield* StockLedger.post(batch)
      const before = yield* snapshot
      const again = yield* StockLedger.post(batch)
      yield* Assert.that(again.replayed && !first.replayed, "second post is a replay")
      yield* Assert.equal(again.movements.map((m) => m.seq), first.movements.map((m) => m.seq), "original movements")
      yield* Assert.equal(yield* snapshot, before, "replay changes nothing")
      yield* StockLedger.post([{ ...batch[0], unitCost: "1.1" }, batch[1]])
      yield* Assert.failsWith(StockLedger.post([{ ...batch[0], quantity: 4 }, batch[1]]), "IdempotencyConflict", "different quantity")
      const part = yield* StockLedger.post([batch[0]])
      yield* Assert.that(part.replayed && part.movements[0]!.seq === first.movements[0]!.seq, "a recorded line alone replays")
      yield* Assert.failsWith(StockLedger.post([batch[0], batch[1], { id: "p3", itemId: "plain", from: "sup", to: "bin-a", quantity: 1 }]), "IdempotencyConflict", "superset of a batch")
      yield* Assert.equal(yield* snapshot, before, "conflicts change nothing")
    })),

  test("answers stock as of a past effective time, backdated movements included", () =>
    Effect.gen(function*() {
      yield* world
      const day = 86_400_000
      yield* StockLedger.post([{ id: "a", itemId: "plain", from: "sup", to: "bin-a", quantity: 10, effectiveAt: START - 10 * day }])
      yield* StockLedger.post([{ id: "b", itemId: "plain", from: "bin-a", to: "cust", quantity: 4, effectiveAt: START - 5 * day }])
      yield* StockLedger.post([{ id: "c", itemId: "plain", from: "sup", to: "bin-b", quantity: 7, effectiveAt: START - 7 * day }])
      const at = (days: number, locationId?: string) =>
        StockQuery.onHandAsOf({ itemId: "plain", at: START - days * day, ...(locationId === undefined ? {} : { locationId }) })
      yield* Assert.decimal(yield* at(11), "0", "before anything")
      yield* Assert.decimal(yield* at(8), "10", "after the first receipt")
      yield* Assert.decimal(yield* at(6), "17", "after the backdated receipt")
      yield* Assert.decimal(yield* at(1), "13", "after the issue")
      yield* Assert.decimal(yield* at(6, "bin-b"), "7", "one bin")
      yield* Assert.failsWith(StockLedger.post([{ id: "f", itemId: "plain", from: "sup", to: "bin-a", quantity: 1, effectiveAt: START + day }]), "InvalidMovement", "future effective time")
      yield* Assert.failsWith(StockQuery.onHandAsOf({ itemId: "plain", at: "not a time" }), "InvalidInput", "bad time")
    })),

  test("pages through history with a cursor, filtered by item, location subtree and reference", () =>
    Effect.gen(function*() {
      yield* world
      for (let i = 0; i < 7; i++) {
        yield* StockLedger.post([{ id: `h${i}`, itemId: i % 2 === 0 ? "plain" : "bulk", from: "sup", to: i < 4 ? "bin-a" : "bin-c", quantity: 1, reference: `PO-${i % 3}` }])
      }
      const seen: Array<string> = []
      let cursor: string | undefined
      for (let pages = 0; pages < 10; pages++) {
        const page = yield* StockQuery.history({ limit: 3, ...(cursor === undefined ? {} : { cursor }) })
        seen.push(...page.movements.map((m) => m.id))
        if (page.nextCursor === null) break
        cursor = page.nextCursor
      }
      yield* Assert.equal(seen, ["h0", "h1", "h2", "h3", "h4", "h5", "h6"], "every movement once, in order")
      const plain = yield* StockQuery.history({ itemId: "plain" })
      yield* Assert.equal(plain.movements.map((m) => m.id), ["h0", "h2", "h4", "h6"], "by item")
      const site2 = yield* StockQuery.history({ locationId: "s2" })
      yield* Assert.equal(site2.movements.map((m) => m.id), ["h4", "h5", "h6"], "by location subtree")
      const po = yield* StockQuery.history({ reference: "PO-1" })
      yield* Assert.equal(po.movements.map((m) => m.id), ["h1", "h4"], "by reference")
      yield* Assert.failsWith(StockQuery.history({ cursor: "abc" }), "InvalidInput", "bad cursor")
      yield* Assert.failsWith(StockQuery.history({ limit: 0 }), "InvalidInput", "bad limit")
    }))
]

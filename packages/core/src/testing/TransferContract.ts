/**
 * Contract cases for transfers: direct and two-step transfers, partial receipts with discrepancies, what is in
 * transit, typed refusals that change nothing, and the transfer store's versioning and filters.
 *
 * @since 0.1.0
 */
import { CurrentActor, EventLog, Invariants, LedgerStore, StockLedger, StockQuery, TransferStore, Transfers } from "@quartermaster/core"
import { BigDecimal, Effect } from "effect"
import * as Assert from "./Assert.ts"
import { type Case, suite } from "./Case.ts"
import { world } from "./Fixtures.ts"
import { snapshot } from "./LedgerContract.ts"

const test = suite("transfers")

const onHand = (itemId: string, locationId: string, lot?: string) =>
  Effect.map(StockQuery.level({ itemId, locationId, ...(lot === undefined ? {} : { lot }) }), (l) => BigDecimal.format(l.onHand))

const transit = (itemId: string) =>
  Effect.map(StockQuery.breakdown({ itemId, locationId: "transit" }), (rows) => rows.map((r) => `${r.lot ?? "-"}=${BigDecimal.format(r.quantity)}`))

const seed = StockLedger.post([
  { id: "s-a", itemId: "plain", from: "sup", to: "bin-a", quantity: 20 },
  { id: "s-k", itemId: "bulk", from: "sup", to: "bin-a", quantity: "10.5" },
  { id: "s-l", itemId: "lotted", from: "sup", to: "bin-a", quantity: 6, lot: "L1" }
])

const verifyClean = Effect.gen(function*() {
  const report = yield* Invariants.verify
  yield* Assert.equal(report.violations, [], "invariant violations")
})

/**
 * The transfer cases.
 *
 * @since 0.1.0
 */
export const cases: ReadonlyArray<Case> = [
  test("a two-step transfer ships into transit and is received in parts with discrepancies", () =>
    Effect.gen(function*() {
      yield* world
      yield* seed
      const draft = yield* Transfers.create({
        id: "tr-1",
        from: "bin-a",
        to: "bin-c",
        transitLocationId: "transit",
        lines: [{ itemId: "plain", quantity: 12 }, { itemId: "bulk", quantity: 2500, unit: "g" }, { itemId: "lotted", quantity: 4, lot: "L1" }]
      })
      yield* Assert.equal([draft.status, draft.lines.map((l) => l.quantity.toString())], ["draft", ["12", "2500", "4"]], "draft in smallest base units")
      yield* Transfers.ship("tr-1")
      yield* Assert.equal([yield* onHand("plain", "bin-a"), yield* transit("plain"), yield* transit("lotted")], ["8", ["-=12"], ["L1=4"]], "shipped into transit")
      const partial = yield* Transfers.receive("tr-1", { id: "rc-1", lines: [{ lineNo: 1, quantity: 5, damaged: 1 }, { lineNo: 2, quantity: "2.5" }], lossLocationId: "loss" })
      yield* Assert.equal(partial.status, "partiallyReceived", "partial receipt")
      const open = yield* Transfers.inTransit({ transferId: "tr-1" })
      yield* Assert.equal(open.map((r) => [r.lineNo, BigDecimal.format(r.inTransit), BigDecimal.format(r.writtenOff)]), [[1, "6", "1"], [3, "4", "0"]], "in transit per line")
      yield* Assert.equal((yield* Transfers.inTransit({ itemId: "lotted" })).map((r) => r.transferId), ["tr-1"], "in transit per item")
      const replay = yield* Transfers.receive("tr-1", { id: "rc-1", lines: [{ lineNo: 1, quantity: 5, damaged: 1 }, { lineNo: 2, quantity: "2.5" }], lossLocationId: "loss" })
      yield* Assert.equal(replay.version, partial.version, "a replayed receipt changes nothing")
      const done = yield* Transfers.receive("tr-1", { lines: [{ lineNo: 1, quantity: 4, short: 2 }, { lineNo: 3, quantity: 4 }], lossLocationId: "loss" })
      yield* Assert.equal([done.status, done.lines.map((l) => `${l.received}/${l.damaged}/${l.short}`)], ["received", ["9/1/2", "2500/0/0", "4/0/0"]], "fully received")
      yield* Assert.equal([yield* onHand("plain", "bin-c"), yield* onHand("bulk", "bin-c"), yield* onHand("lotted", "bin-c", "L1"), yield* transit("plain")], ["9", "2.5", "4", []], "at the destination")
      const history = yield* StockQuery.history({ reference: "tr-1" })
      yield* Assert.equal(history.movements.filter((m) => m.toLocationId === "loss").map((m) => [m.quantity.toString(), m.reasonCode]), [["1", "transfer-damaged"], ["2", "transfer-short"]], "write-offs with reasons")
      yield* Assert.equal((yield* Transfers.close("tr-1")).status, "closed", "closed")
      yield* Assert.equal((yield* Transfers.inTransit()).length, 0, "nothing in transit")
      const { tenantId } = yield* CurrentActor.CurrentActor
      const events = yield* (yield* EventLog.EventLog).byEntity(tenantId, { type: "transfer", id: "tr-1" }, { limit: 100 })
      yield* Assert.equal(events.map((e) => e.event._tag), ["TransferCreated", "TransferShipped", "TransferReceived", "TransferReceived", "TransferClosed"], "events")
      yield* verifyClean
    })),

  test("a direct transfer is one posting; closing writes off what is left in transit", () =>
    Effect.gen(function*() {
      yield* world
      yield* seed
      const moved = yield* Transfers.direct({ id: "tr-2", from: "bin-a", to: "bin-b", lines: [{ itemId: "plain", quantity: 1, unit: "case" }] })
      yield* Assert.equal([moved.status, yield* onHand("plain", "bin-b")], ["received", "12"], "moved directly")
      yield* Assert.equal((yield* StockQuery.history({ reference: "tr-2" })).movements.map((m) => [m.fromLocationId, m.toLocationId]), [["bin-a", "bin-b"]], "one movement")
      yield* Transfers.create({ id: "tr-3", from: "bin-b", to: "bin-c", transitLocationId: "transit", lines: [{ itemId: "plain", quantity: 5 }] })
      yield* Transfers.ship("tr-3")
      yield* Transfers.receive("tr-3", { lines: [{ lineNo: 1, quantity: 3 }] })
      yield* Assert.failsWith(Transfers.close("tr-3"), "InvalidTransfer", "closing with stock in transit needs a loss location")
      const closed = yield* Transfers.close("tr-3", { lossLocationId: "loss" })
      yield* Assert.equal([closed.status, closed.lines[0]!.short.toString(), yield* transit("plain")], ["closed", "2", []], "rest written off")
      yield* verifyClean
    })),

  test("serial-tracked items move by name: shipped, received, damaged and short per serial, the rest written off", () =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([{ id: "s-s", itemId: "serial", from: "sup", to: "bin-a", quantity: 5, serials: ["S1", "S2", "S3", "S4", "S5"] }])
      const { tenantId } = yield* CurrentActor.CurrentActor
      const where = Effect.gen(function*() {
        const positions = yield* (yield* LedgerStore.LedgerStore).serials(tenantId, { itemId: "serial" as never })
        return positions.map((p) => `${p.serial}@${p.locationId}`).sort()
      })
      yield* Transfers.create({ id: "tr-s", from: "bin-a", to: "bin-c", transitLocationId: "transit", lines: [{ itemId: "serial", quantity: 4, serials: ["S4", "S1", "S2", "S3"] }] })
      yield* Transfers.ship("tr-s")
      yield* Assert.equal(yield* where, ["S1@transit", "S2@transit", "S3@transit", "S4@transit", "S5@bin-a"], "shipped by name")
      const before = yield* snapshot
      yield* Assert.failsWith(Transfers.receive("tr-s", { lines: [{ lineNo: 1, serials: ["S5"] }] }), "InvalidTransfer", "a serial not on the transfer")
      yield* Assert.failsWith(Transfers.receive("tr-s", { lines: [{ lineNo: 1, quantity: 2, serials: ["S1"] }] }), "InvalidTransfer", "quantity beside serials must match")
      yield* Assert.equal(yield* snapshot, before, "refusals change nothing")
      yield* Transfers.receive("tr-s", { lines: [{ lineNo: 1, quantity: 1, serials: ["S2"], damagedSerials: ["S1"] }], lossLocationId: "loss" })
      yield* Assert.failsWith(Transfers.receive("tr-s", { lines: [{ lineNo: 1, serials: ["S2"] }] }), "InvalidTransfer", "a serial already received")
      yield* Assert.equal((yield* Transfers.inTransit({ transferId: "tr-s" })).map((r) => [BigDecimal.format(r.inTransit), r.serials]), [["2", ["S3", "S4"]]], "serials in transit")
      const closed = yield* Transfers.close("tr-s", { lossLocationId: "loss" })
      yield* Assert.equal(closed.lines[0]!.settledSerials, [{ serial: "S2", as: "received" }, { serial: "S1", as: "damaged" }, { serial: "S3", as: "short" }, { serial: "S4", as: "short" }], "per serial outcome")
      yield* Assert.equal(yield* where, ["S2@bin-c", "S5@bin-a"], "received at the destination, the rest written off")
      yield* Assert.equal((yield* StockQuery.history({ reference: "tr-s" })).movements.map((m) => [m.reasonCode, m.serials]), [
        ["transfer-ship", ["S1", "S2", "S3", "S4"]],
        ["transfer-receipt", ["S2"]],
        ["transfer-damaged", ["S1"]],
        ["transfer-short", ["S3", "S4"]]
      ], "movements carry the serials")
      yield* verifyClean
    })),

  test("refusals are typed and change nothing", () =>
    Effect.gen(function*() {
      yield* world
      yield* seed
      yield* Transfers.create({ id: "tr-4", from: "bin-a", to: "bin-c", transitLocationId: "transit", lines: [{ itemId: "plain", quantity: 4 }] })
      yield* Assert.failsWith(Transfers.receive("tr-4", { lines: [{ lineNo: 1, quantity: 1 }] }), "TransferState", "receiving a draft")
      yield* Transfers.ship("tr-4")
      const before = yield* snapshot
      const over = yield* Assert.failsWith(Transfers.receive("tr-4", { lines: [{ lineNo: 1, quantity: 3, damaged: 2 }], lossLocationId: "loss" }), "OverReceipt", "more than shipped")
      yield* Assert.equal([over.inTransit, over.declared], ["4", "5"], "over-receipt figures")
      yield* Assert.failsWith(Transfers.receive("tr-4", { lines: [{ lineNo: 1, damaged: 1 }] }), "InvalidTransfer", "write-off without a loss location")
      yield* Assert.failsWith(Transfers.receive("tr-4", { lines: [{ lineNo: 9, quantity: 1 }] }), "InvalidTransfer", "unknown line")
      yield* Assert.failsWith(Transfers.receive("tr-4", { lines: [{ lineNo: 1, quantity: "0.5" }] }), "InvalidQuantity", "fraction of an each")
      yield* Assert.failsWith(Transfers.ship("tr-4"), "TransferState", "shipping twice")
      yield* Assert.equal(yield* snapshot, before, "refusals change nothing")
      yield* Transfers.close("tr-4", { lossLocationId: "loss" })
      yield* Assert.failsWith(Transfers.receive("tr-4", { lines: [{ lineNo: 1, quantity: 1 }] }), "TransferState", "receiving a closed transfer")
      yield* Assert.failsWith(Transfers.create({ from: "bin-a", to: "bin-a", lines: [{ itemId: "plain", quantity: 1 }] }), "InvalidTransfer", "to itself")
      yield* Assert.failsWith(Transfers.create({ from: "bin-a", to: "bin-b", transitLocationId: "loss", lines: [{ itemId: "plain", quantity: 1 }] }), "InvalidTransfer", "transit of the wrong usage")
      yield* Assert.failsWith(Transfers.create({ from: "bin-a", to: "bin-b", lines: [{ itemId: "serial", quantity: 1 }] }), "InvalidTransfer", "serials missing")
      yield* Assert.failsWith(Transfers.create({ from: "bin-a", to: "bin-b", lines: [{ itemId: "lotted", quantity: 1 }] }), "InvalidTransfer", "lot missing")
      yield* Assert.failsWith(Transfers.direct({ from: "bin-a", to: "bin-b", lines: [{ itemId: "plain", quantity: 99 }] }), "InsufficientStock", "more than on hand")
      yield* Assert.equal((yield* Transfers.list()).map((t) => t.id), ["tr-4"], "no transfer left behind by a failed direct move")
      yield* Assert.failsWith(Transfers.get("nope"), "UnknownTransfer", "unknown transfer")
    })),

  test("the store versions transfers and filters by status and item", () =>
    Effect.gen(function*() {
      yield* world
      yield* seed
      const { tenantId } = yield* CurrentActor.CurrentActor
      const store = yield* TransferStore.TransferStore
      const a = yield* Transfers.create({ id: "tr-a", from: "bin-a", to: "bin-b", transitLocationId: "transit", lines: [{ itemId: "plain", quantity: 1 }] })
      yield* Transfers.create({ id: "tr-b", from: "bin-a", to: "bin-b", transitLocationId: "transit", lines: [{ itemId: "bulk", quantity: 1 }] })
      yield* Transfers.ship("tr-a")
      yield* Assert.failsWith(store.put({ ...a, reference: "stale" }), "ConcurrentModification", "stale version")
      yield* Assert.equal((yield* store.list(tenantId, { status: ["shipped"], limit: 10 })).map((t) => t.id), ["tr-a"], "by status")
      yield* Assert.equal((yield* store.list(tenantId, { itemId: a.lines[0]!.itemId, limit: 10 })).map((t) => t.id), ["tr-a"], "by item")
      yield* Assert.equal((yield* store.list(tenantId, { afterId: a.id, limit: 10 })).map((t) => t.id), ["tr-b"], "after an id")
      yield* Assert.equal((yield* store.get(tenantId, a.id))?.status, "shipped", "stored status")
    }))
]

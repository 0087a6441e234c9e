/**
 * Contract cases for procurement: requisitions, purchase orders, receipts (partial, over within tolerance,
 * refused beyond it, short-closed, idempotent, tracked), on-order quantities and the store's listings.
 *
 * @since 0.1.0
 */
import {
  Catalog,
  CurrentActor,
  EventLog,
  PurchaseOrders,
  Receiving,
  ReorderSuggestions,
  Requisitions,
  StockLedger,
  StockQuery
} from "@quartermaster/core"
import { BigDecimal, Effect } from "effect"
import * as Assert from "./Assert.ts"
import { type Case, suite } from "./Case.ts"
import { world } from "./Fixtures.ts"
import { snapshot } from "./LedgerContract.ts"

const test = suite("procurement")

const onHand = (itemId: string, locationId: string) =>
  Effect.map(StockQuery.level({ itemId, locationId }), (l) => BigDecimal.format(l.onHand))

const as = (tenantId: string, actorId: string, roles: ReadonlyArray<CurrentActor.Role>) =>
  Effect.provide(CurrentActor.CurrentActor.layer(tenantId, actorId, roles))

const order = (id: string, tolerancePercent = 0) =>
  PurchaseOrders.create({
    id,
    supplierId: "sup",
    supplierName: "Acme Supplies",
    shipToId: "wh",
    tolerancePercent,
    lines: [
      { itemId: "plain", quantity: 2, unit: "case", unitPrice: "2.50", expectedAt: "2026-01-10T00:00:00Z" },
      { itemId: "bulk", quantity: "1.5", unitPrice: 4, expectedAt: "2026-01-12T00:00:00Z", tolerancePercent: 0 }
    ]
  })

const tags = Effect.gen(function*() {
  const { tenantId } = yield* CurrentActor.CurrentActor
  const events = yield* (yield* EventLog.EventLog).list(tenantId, { limit: 10_000 })
  return events.map((e) => e.event._tag)
})

/**
 * The procurement cases.
 *
 * @since 0.1.0
 */
export const cases: ReadonlyArray<Case> = [
  test("a requisition is approved by amount and converted into a purchase order", (_, tenantId) =>
    Effect.gen(function*() {
      yield* world
      const req = yield* Requisitions.create({
        id: "REQ-1",
        lines: [
          { itemId: "plain", quantity: 2, unit: "case", wantedAt: "2026-01-10T00:00:00Z", estimatedUnitPrice: "2.5" },
          { itemId: "bulk", quantity: 1500, unit: "g", wantedAt: "2026-01-12T00:00:00Z", estimatedUnitPrice: 4 }
        ]
      }).pipe(as(tenantId, "alice", ["operator"]))
      yield* Assert.equal(req.lines.map((l) => l.quantity), [24n, 1500n], "quantities in smallest base units")
      yield* Assert.decimal(req.amount, "66", "estimated amount: 24 × 2.5 + 1.5 × 4")
      yield* Assert.failsWith(Requisitions.approve("REQ-1"), "InvalidStatus", "approve a draft")
      yield* Requisitions.submit("REQ-1").pipe(as(tenantId, "alice", ["operator"]))
      const policy = { limits: [{ role: "operator" as const, maxValue: BigDecimal.fromBigInt(50n) }, { role: "manager" as const, maxValue: BigDecimal.fromBigInt(1000n), maxOwnValue: BigDecimal.fromBigInt(10n) }] }
      const withPolicy = Effect.provide(Requisitions.layerPolicy(policy))
      const before = yield* snapshot
      const denied = yield* Assert.failsWith(Requisitions.approve("REQ-1").pipe(withPolicy, as(tenantId, "bob", ["operator"])), "ApprovalDenied", "above the operator limit")
      yield* Assert.equal([denied.exceeded, denied.limit], ["value", "50"], "denial")
      yield* Assert.equal(yield* snapshot, before, "nothing changed")
      yield* Assert.equal((yield* Requisitions.get("REQ-1")).status, "submitted", "still submitted")
      const approved = yield* Requisitions.approve("REQ-1").pipe(withPolicy, as(tenantId, "carol", ["manager"]))
      yield* Assert.equal([approved.status, approved.decidedBy], ["approved", "carol"], "approved by the manager")
      const { purchaseOrder, requisition } = yield* Requisitions.convert("REQ-1", {
        purchaseOrderId: "PO-1",
        supplierId: "sup",
        supplierName: "Acme Supplies",
        shipToId: "wh",
        lines: [{ lineNo: 2, unitPrice: "3.75" }]
      })
      yield* Assert.equal([requisition.status, requisition.purchaseOrderId], ["converted", "PO-1"], "requisition converted")
      yield* Assert.equal(
        purchaseOrder.lines.map((l) => [l.itemId, l.quantity, BigDecimal.format(l.unitPrice)]),
        [["plain", 24n, "2.5"], ["bulk", 1500n, "3.75"]],
        "order lines"
      )
      yield* Assert.equal([purchaseOrder.status, purchaseOrder.requisitionId], ["draft", "REQ-1"], "draft from the requisition")
      yield* Assert.failsWith(Requisitions.convert("REQ-1", { supplierId: "sup", supplierName: "x", shipToId: "wh" }), "InvalidStatus", "convert twice")
      yield* Requisitions.create({ id: "REQ-2", lines: [{ itemId: "plain", quantity: 5, estimatedUnitPrice: 10 }] }).pipe(as(tenantId, "carol", ["manager"]))
      yield* Requisitions.submit("REQ-2")
      const own = yield* Assert.failsWith(Requisitions.approve("REQ-2").pipe(withPolicy, as(tenantId, "carol", ["manager"])), "ApprovalDenied", "own requisition above the own limit")
      yield* Assert.equal(own.exceeded, "own-document", "own-document limit")
      const rejected = yield* Requisitions.reject("REQ-2", "too dear").pipe(withPolicy, as(tenantId, "dave", ["manager"]))
      yield* Assert.equal([rejected.status, rejected.decisionReason], ["rejected", "too dear"], "rejected")
      yield* Assert.equal(
        (yield* tags).filter((t) => t.startsWith("Requisition") || t.startsWith("PurchaseOrder")),
        ["RequisitionCreated", "RequisitionSubmitted", "RequisitionApproved", "PurchaseOrderCreated", "RequisitionConverted", "RequisitionCreated", "RequisitionSubmitted", "RequisitionRejected"],
        "one event per command"
      )
    })),

  test("receipts post partial, backordered, over within tolerance and short-closed quantities", () =>
    Effect.gen(function*() {
      yield* world
      yield* order("PO-1", 10)
      yield* Assert.failsWith(Receiving.receive({ id: "R0", purchaseOrderId: "PO-1", lines: [{ lineNo: 1, quantity: 1 }] }), "InvalidStatus", "a draft receives nothing")
      yield* PurchaseOrders.send("PO-1")
      const first = yield* Receiving.receive({ id: "R1", purchaseOrderId: "PO-1", lines: [{ lineNo: 1, quantity: 10 }] })
      yield* Assert.equal(first.purchaseOrder.status, "partiallyReceived", "partially received")
      const m = first.movements[0]!
      yield* Assert.equal([m.fromLocationId, m.toLocationId, m.reference, m.quantity, BigDecimal.format(m.unitCost!)], ["sup", "wh", "PO-1", 10n, "2.5"], "movement")
      yield* Assert.equal(yield* onHand("plain", "wh"), "10", "received stock")
      const open = yield* PurchaseOrders.onOrder({ itemIds: ["plain", "bulk"] })
      yield* Assert.equal(open.map((o) => [o.itemId, o.locationId, BigDecimal.format(o.quantity)]), [["bulk", "wh", "1.5"], ["plain", "wh", "14"]], "backordered rest on order")
      // 24 ordered + 10 % = 26.4: 10 + 16 = 26 fits.
      const over = yield* Receiving.receive({ id: "R2", purchaseOrderId: "PO-1", lines: [{ lineNo: 1, quantity: 16 }] })
      yield* Assert.equal([over.purchaseOrder.lines[0]!.received, over.purchaseOrder.lines[0]!.status], [26n, "received"], "over-received within tolerance")
      const before = yield* snapshot
      const beforeOrder = yield* PurchaseOrders.get("PO-1")
      const refused = yield* Assert.failsWith(
        Receiving.receive({ id: "R3", purchaseOrderId: "PO-1", lines: [{ lineNo: 2, quantity: 1 }, { lineNo: 2, quantity: "0.501" }] }),
        "OverReceipt",
        "beyond the line's own 0 % tolerance"
      )
      yield* Assert.equal([refused.lineNo, refused.requested], [2, "1.501"], "summed over the receipt")
      yield* Assert.failsWith(Receiving.receive({ id: "R3", purchaseOrderId: "PO-1", lines: [{ lineNo: 1, quantity: 1 }] }), "OverReceipt", "a received line takes no more than its tolerance")
      yield* Assert.failsWith(Receiving.receive({ id: "R3", purchaseOrderId: "PO-1", lines: [{ lineNo: 9, quantity: 1 }] }), "UnknownPurchaseOrderLine", "no such line")
      yield* Assert.failsWith(Receiving.receive({ id: "R3", purchaseOrderId: "PO-1", lines: [{ lineNo: 2, quantity: -1 }] }), "InvalidDocument", "negative quantity")
      yield* Assert.failsWith(Receiving.receive({ id: "R3", purchaseOrderId: "PO-1", lines: [{ lineNo: 2, quantity: 1, locationId: "cust" }] }), "InvalidDocument", "into a customer location")
      yield* Assert.failsWith(Receiving.receive({ id: "R3", purchaseOrderId: "PO-1", lines: [{ lineNo: 2, quantity: 1, locationId: "nowhere" }] }), "UnknownLocation", "into an unknown location")
      yield* Assert.equal(yield* snapshot, before, "refusals change no stock and no events")
      yield* Assert.equal(yield* PurchaseOrders.get("PO-1"), beforeOrder, "refusals change no order")
      const closed = yield* Receiving.receive({ id: "R4", purchaseOrderId: "PO-1", lines: [{ lineNo: 2, quantity: 1000, unit: "g", closeLine: true }] })
      yield* Assert.equal(
        [closed.purchaseOrder.status, closed.purchaseOrder.lines[1]!.status, closed.purchaseOrder.lines[1]!.cancelled],
        ["received", "shortClosed", 500n],
        "short-closed: the rest is cancelled"
      )
      yield* Assert.equal((yield* PurchaseOrders.onOrder({ itemIds: ["plain", "bulk"] })).length, 0, "nothing left on order")
      yield* Assert.equal(yield* onHand("bulk", "wh"), "1", "bulk received")
      const events = yield* tags
      yield* Assert.equal(events.filter((t) => t === "GoodsReceived").length, 3, "one GoodsReceived per receipt")
      yield* Assert.equal(events.filter((t) => t === "PurchaseOrderLineShortClosed").length, 1, "short close event")
      yield* Assert.equal(events.filter((t) => t === "MovementsPosted").length, 3, "movements posted with each receipt")
    })),

  test("closed and cancelled orders refuse receipts; receipts are idempotent by id", () =>
    Effect.gen(function*() {
      yield* world
      yield* order("PO-2")
      yield* PurchaseOrders.send("PO-2")
      yield* Assert.failsWith(PurchaseOrders.send("PO-2"), "InvalidStatus", "send twice")
      const input = { id: "R1", purchaseOrderId: "PO-2", receivedAt: "2025-12-30T00:00:00Z", lines: [{ lineNo: 1, quantity: 5 }] }
      const first = yield* Receiving.receive(input)
      const again = yield* Receiving.receive(input)
      yield* Assert.equal([again.replayed, again.receipt, again.movements.map((m) => m.id)], [true, first.receipt, first.movements.map((m) => m.id)], "replayed")
      yield* Assert.equal(yield* onHand("plain", "wh"), "5", "received once")
      yield* Assert.failsWith(Receiving.receive({ ...input, lines: [{ lineNo: 1, quantity: 6 }] }), "IdempotencyConflict", "same id, other content")
      yield* Assert.failsWith(PurchaseOrders.cancel("PO-2"), "InvalidStatus", "cancel after a receipt")
      const closed = yield* PurchaseOrders.close("PO-2")
      yield* Assert.equal([closed.status, closed.lines.map((l) => [l.status, l.cancelled])], ["closed", [["shortClosed", 19n], ["shortClosed", 1500n]]], "closed")
      const before = yield* snapshot
      yield* Assert.failsWith(Receiving.receive({ id: "R2", purchaseOrderId: "PO-2", lines: [{ lineNo: 1, quantity: 1 }] }), "InvalidStatus", "closed order")
      yield* Assert.equal(yield* snapshot, before, "nothing changed")
      yield* order("PO-3")
      yield* PurchaseOrders.send("PO-3")
      yield* PurchaseOrders.cancel("PO-3")
      yield* Assert.failsWith(Receiving.receive({ id: "R3", purchaseOrderId: "PO-3", lines: [{ lineNo: 1, quantity: 1 }] }), "InvalidStatus", "cancelled order")
      yield* Assert.failsWith(Receiving.receive({ id: "R3", purchaseOrderId: "nope", lines: [{ lineNo: 1, quantity: 1 }] }), "UnknownPurchaseOrder", "unknown order")
      yield* Assert.equal(yield* order("PO-3").pipe(Effect.flatMap(() => PurchaseOrders.get("PO-3")), Effect.map((o) => o.status)), "cancelled", "create again replays")
      yield* Assert.failsWith(
        PurchaseOrders.create({ id: "PO-3", supplierId: "sup", supplierName: "Other", shipToId: "wh", lines: [{ itemId: "plain", quantity: 1, unitPrice: 1, expectedAt: 0 }] }),
        "IdempotencyConflict",
        "same order id, other content"
      )
      yield* Assert.failsWith(
        PurchaseOrders.create({ supplierId: "wh", supplierName: "Not a supplier", shipToId: "wh", lines: [{ itemId: "plain", quantity: 1, unitPrice: 1, expectedAt: 0 }] }),
        "InvalidDocument",
        "supplier must be a supplier location"
      )
      yield* Assert.failsWith(
        PurchaseOrders.create({ supplierId: "sup", supplierName: "Acme", shipToId: "cust", lines: [{ itemId: "plain", quantity: 1, unitPrice: 1, expectedAt: 0 }] }),
        "InvalidDocument",
        "ship-to must be internal"
      )
      yield* Catalog.updateItem("bulk", { status: "discontinued" })
      const discontinued = yield* Assert.failsWith(
        PurchaseOrders.create({ supplierId: "sup", supplierName: "Acme", shipToId: "wh", lines: [{ itemId: "plain", quantity: 1, unitPrice: 1, expectedAt: 0 }, { itemId: "bulk", quantity: 1, unitPrice: 1, expectedAt: 0 }] }),
        "ItemDiscontinued",
        "a discontinued item cannot be ordered"
      )
      yield* Assert.equal(discontinued.field, "lines[1].itemId", "the line named")
      yield* Assert.failsWith(Requisitions.create({ lines: [{ itemId: "bulk", quantity: 1 }] }), "ItemDiscontinued", "nor requested")
    })),

  test("receipts carry lots with expiry and serials, and suggest a put-away bin", () =>
    Effect.gen(function*() {
      yield* world
      yield* Catalog.updateItem("plain", { attributes: { putAwayBin: "bin-b" } })
      yield* StockLedger.post([{ id: "seed", itemId: "lotted", from: "sup", to: "bin-a", quantity: 2, lot: "L1" }])
      yield* PurchaseOrders.create({
        id: "PO-4",
        supplierId: "sup",
        supplierName: "Acme",
        shipToId: "wh",
        lines: [
          { itemId: "lotted", quantity: 10, unitPrice: 1, expectedAt: "2026-01-10T00:00:00Z" },
          { itemId: "serial", quantity: 2, unitPrice: 900, expectedAt: "2026-01-10T00:00:00Z" },
          { itemId: "plain", quantity: 5, unitPrice: 1, expectedAt: "2026-01-10T00:00:00Z" }
        ]
      })
      yield* PurchaseOrders.send("PO-4")
      yield* Assert.failsWith(Receiving.receive({ id: "R0", purchaseOrderId: "PO-4", lines: [{ lineNo: 1, quantity: 1 }] }), "InvalidMovement", "a lot is required")
      const r = yield* Receiving.receive({
        id: "R1",
        purchaseOrderId: "PO-4",
        lines: [
          { lineNo: 1, quantity: 4, lot: "L1" },
          { lineNo: 1, quantity: 3, lot: "L2", lotExpiresAt: "2026-06-30T00:00:00Z" },
          { lineNo: 2, quantity: 2, serials: ["SN-1", "SN-2"] },
          { lineNo: 3, quantity: 5 }
        ]
      })
      yield* Assert.equal(
        r.receipt.lines.map((l) => [l.lot, l.serials, l.putAway.locationId, l.putAway.rule]),
        [
          ["L1", [], "bin-a", "consolidate"],
          ["L2", [], "wh", "receiving"],
          [null, ["SN-1", "SN-2"], "wh", "receiving"],
          [null, [], "bin-b", "preferred"]
        ],
        "lots, serials and put-away suggestions"
      )
      yield* Assert.equal(r.purchaseOrder.lines.map((l) => [l.received, l.status]), [[7n, "open"], [2n, "received"], [5n, "received"]], "lines")
      const lot = yield* StockQuery.level({ itemId: "lotted", locationId: "wh" })
      yield* Assert.decimal(lot.onHand, "9", "2 seeded in bin-a + 7 received into wh")
    })),

  test("open purchase orders feed on-order quantities into reorder suggestions", () =>
    Effect.gen(function*() {
      yield* world
      yield* Catalog.updateItem("plain", { reorder: { kind: "rop-q", reorderPoint: 10, orderQuantity: 20 } })
      const suggest = ReorderSuggestions.suggest({ itemIds: ["plain"] }).pipe(Effect.provide(PurchaseOrders.openOrdersLayer))
      yield* Assert.equal((yield* suggest).suggestions.map((s) => BigDecimal.format(s.onOrder)), ["0"], "nothing on order")
      yield* PurchaseOrders.create({ id: "PO-5", supplierId: "sup", supplierName: "Acme", shipToId: "wh", lines: [{ itemId: "plain", quantity: 12, unitPrice: 1, expectedAt: "2026-02-01T00:00:00Z" }] })
      yield* Assert.equal((yield* suggest).suggestions.length, 1, "a draft is not on order")
      yield* PurchaseOrders.send("PO-5")
      yield* Assert.equal((yield* suggest).suggestions.length, 0, "12 on order lifts the position above the reorder point")
      yield* Receiving.receive({ id: "R1", purchaseOrderId: "PO-5", lines: [{ lineNo: 1, quantity: 4 }] })
      const report = yield* ReorderSuggestions.suggest({ itemIds: ["plain"], locationIds: ["s1"] }).pipe(Effect.provide(PurchaseOrders.openOrdersLayer))
      yield* Assert.equal(report.suggestions.length, 0, "4 on hand + 8 backordered on order")
      yield* PurchaseOrders.shortCloseLine("PO-5", 1)
      const after = yield* suggest
      yield* Assert.equal(after.suggestions.map((s) => [BigDecimal.format(s.onHand), BigDecimal.format(s.onOrder)]), [["4", "0"]], "short-closed rest no longer on order")
      yield* Assert.equal((yield* PurchaseOrders.get("PO-5")).status, "received", "the order is done")
    })),

  test("the store lists orders and requisitions by status, supplier and item, a page at a time", () =>
    Effect.gen(function*() {
      yield* world
      for (const id of ["PO-a", "PO-b", "PO-c"]) yield* order(id)
      yield* PurchaseOrders.send("PO-b")
      yield* PurchaseOrders.create({ id: "PO-d", supplierId: "sup", supplierName: "Acme", shipToId: "wh", lines: [{ itemId: "serial", quantity: 1, unitPrice: 1, expectedAt: 0 }] })
      const ids = (orders: ReadonlyArray<{ readonly id: string }>) => orders.map((o) => o.id)
      yield* Assert.equal(ids(yield* PurchaseOrders.list()), ["PO-a", "PO-b", "PO-c", "PO-d"], "all, by id")
      yield* Assert.equal(ids(yield* PurchaseOrders.list({ status: ["open"] })), ["PO-b"], "by status")
      yield* Assert.equal(ids(yield* PurchaseOrders.list({ itemIds: ["serial"] })), ["PO-d"], "by item")
      yield* Assert.equal(ids(yield* PurchaseOrders.list({ supplierId: "sup", afterId: "PO-b", limit: 1 })), ["PO-c"], "paged")
      yield* Assert.equal(ids(yield* PurchaseOrders.list({ supplierId: "other" })), [], "other supplier")
      yield* Requisitions.create({ id: "REQ-1", lines: [{ itemId: "plain", quantity: 1 }] })
      yield* Requisitions.create({ id: "REQ-2", lines: [{ itemId: "plain", quantity: 1 }] })
      yield* Requisitions.submit("REQ-2")
      yield* Assert.equal(ids(yield* Requisitions.list({ status: "submitted" })), ["REQ-2"], "requisitions by status")
      yield* Assert.equal(ids(yield* Requisitions.list({ afterId: "REQ-1" })), ["REQ-2"], "requisitions paged")
    }))
]

// Procurement over HTTP on in-memory PGlite: requisition → approve (manager) → convert → send → partial receipt
// (stock changes, put-away suggested, replay by receipt id) → over-receipt beyond tolerance (422 problem, nothing
// written) → receipt up to the tolerance; role and approval-limit refusals; tenant isolation of an order.
import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import * as Server from "../src/Server.ts"
import { config, keyFor, type Reply, request, setup, stockOf } from "./harness.ts"

const DAY = 86_400_000

const ok = (reply: Reply, label: string) => assert.strictEqual(reply.status, 200, `${label}: ${reply.text}`)

const problem = (reply: Reply, status: number, label: string) => {
  assert.strictEqual(reply.status, status, `${label}: ${reply.text}`)
  assert.include(reply.contentType, "application/problem+json", label)
  assert.strictEqual(reply.json.status, status, label)
  assert.isString(reply.json.detail, label)
}

describe("Procurement", () => {
  layer(Server.layerTest(config()), { timeout: 180_000, excludeTestServices: true })("server", (it) => {
    it.effect("requisition → approve → convert → receive partially, over-receipt refused, receive to the tolerance", () =>
      Effect.gen(function*() {
        const { bin, item, supplier, warehouse } = yield* setup("t-proc")
        const operator = yield* keyFor("t-proc", "operator")
        const manager = yield* keyFor("t-proc", "manager")
        const wantedAt = new Date(Date.now() + 10 * DAY).toISOString()

        const created = yield* request("POST", "/api/v1/requisitions", {
          key: operator,
          body: { id: "req-1", lines: [{ itemId: item.id, quantity: 10, estimatedUnitPrice: "2.50", wantedAt }], note: "restock" }
        })
        ok(created, "create requisition")
        assert.strictEqual(created.json.status, "draft")
        assert.strictEqual(created.json.amount, "25")
        ok(yield* request("POST", "/api/v1/requisitions/req-1/submit", { key: operator }), "submit")

        // An operator lacks the approve permission: 403, and the requisition stays submitted.
        problem(yield* request("POST", "/api/v1/requisitions/req-1/approve", { key: operator }), 403, "operator approves")
        problem(yield* request("POST", "/api/v1/requisitions/req-1/convert", { key: operator, body: {} }), 403, "operator converts")
        assert.strictEqual((yield* request("GET", "/api/v1/requisitions/req-1", { key: operator })).json.status, "submitted")

        const approved = yield* request("POST", "/api/v1/requisitions/req-1/approve", { key: manager })
        ok(approved, "manager approves")
        assert.strictEqual(approved.json.status, "approved")
        assert.isString(approved.json.decidedBy)
        // Approving twice does not fit the status: 409.
        problem(yield* request("POST", "/api/v1/requisitions/req-1/approve", { key: manager }), 409, "approve again")

        const converted = yield* request("POST", "/api/v1/requisitions/req-1/convert", {
          key: manager,
          body: { purchaseOrderId: "po-1", supplierId: supplier.id, supplierName: "Bolts Ltd", shipToId: warehouse.id, tolerancePercent: "10" }
        })
        ok(converted, "convert")
        assert.strictEqual(converted.json.requisition.status, "converted")
        assert.strictEqual(converted.json.requisition.purchaseOrderId, "po-1")
        assert.strictEqual(converted.json.purchaseOrder.status, "draft")
        assert.strictEqual(converted.json.purchaseOrder.requisitionId, "req-1")
        assert.deepStrictEqual(converted.json.purchaseOrder.lines.map((l: { quantity: string; unitPrice: string }) => [l.quantity, l.unitPrice]), [["10", "2.5"]])

        // A draft order is not on order and cannot be received against.
        const early = yield* request("POST", "/api/v1/purchase-orders/po-1/receipts", { key: operator, body: { id: "rc-0", lines: [{ lineNo: 1, quantity: 1 }] } })
        problem(early, 409, "receive against a draft")
        problem(yield* request("POST", "/api/v1/purchase-orders/po-1/send", { key: operator }), 403, "operator sends")
        const sent = yield* request("POST", "/api/v1/purchase-orders/po-1/send", { key: manager })
        ok(sent, "send")
        assert.strictEqual(sent.json.status, "open")
        const onOrder = yield* request("GET", `/api/v1/purchase-orders/on-order?itemIds=${item.id}`, { key: operator })
        ok(onOrder, "on order")
        assert.deepStrictEqual(onOrder.json, [{ itemId: item.id, locationId: warehouse.id, unit: "ea", quantity: "10" }])

        const receipt = { id: "rc-1", lines: [{ lineNo: 1, quantity: 4 }] }
        const received = yield* request("POST", "/api/v1/purchase-orders/po-1/receipts", { key: operator, body: receipt })
        ok(received, "partial receipt")
        assert.isFalse(received.json.replayed)
        assert.strictEqual(received.json.purchaseOrder.status, "partiallyReceived")
        assert.strictEqual(received.json.movements.length, 1)
        const movement = received.json.movements[0]
        assert.deepStrictEqual([movement.fromLocationId, movement.toLocationId, movement.quantity, movement.unitCost, movement.reference], [
          supplier.id,
          warehouse.id,
          "4",
          "2.5",
          "po-1"
        ])
        // The bin under the warehouse already holds the item: consolidate there.
        assert.deepStrictEqual(received.json.putAway, [{
          lineNo: 1,
          itemId: item.id,
          movementId: movement.id,
          receivedAt: warehouse.id,
          suggestedBin: bin.id,
          rule: "consolidate"
        }])
        assert.strictEqual((yield* stockOf(operator, item.id)).onHand, "44")
        assert.strictEqual((yield* request("GET", `/api/v1/stock/${item.id}?locationId=${bin.id}`, { key: operator })).json.onHand, "40")

        // The same receipt again replays it: same movement, nothing posted twice.
        const replay = yield* request("POST", "/api/v1/purchase-orders/po-1/receipts", { key: operator, body: receipt })
        ok(replay, "replay")
        assert.isTrue(replay.json.replayed)
        assert.strictEqual(replay.json.movements[0].id, movement.id)
        assert.strictEqual((yield* stockOf(operator, item.id)).onHand, "44")
        // The same id with other content is a conflict.
        const reused = yield* request("POST", "/api/v1/purchase-orders/po-1/receipts", { key: operator, body: { id: "rc-1", lines: [{ lineNo: 1, quantity: 5 }] } })
        problem(reused, 409, "reused receipt id")

        // 4 + 8 = 12 > 10 + 10 %: refused as a whole, nothing written.
        const over = yield* request("POST", "/api/v1/purchase-orders/po-1/receipts", { key: operator, body: { id: "rc-2", lines: [{ lineNo: 1, quantity: 8 }] } })
        problem(over, 422, "over-receipt")
        assert.include(over.json.detail, "tolerance")
        assert.strictEqual((yield* stockOf(operator, item.id)).onHand, "44")
        const after = (yield* request("GET", "/api/v1/purchase-orders/po-1", { key: operator })).json
        assert.strictEqual(after.receipts.length, 1)
        assert.strictEqual(after.lines[0].received, "4")
        assert.strictEqual(after.version, received.json.purchaseOrder.version)
        const history = yield* request("GET", `/api/v1/movements?reference=po-1`, { key: operator })
        assert.strictEqual(history.json.movements.length, 1)
        // Unknown line on the order: 404.
        problem(yield* request("POST", "/api/v1/purchase-orders/po-1/receipts", { key: operator, body: { id: "rc-3", lines: [{ lineNo: 9, quantity: 1 }] } }), 404, "unknown line")

        // Up to the tolerance exactly: 4 + 7 = 11 received, the line is done, nothing left on order.
        const rest = yield* request("POST", "/api/v1/purchase-orders/po-1/receipts", { key: operator, body: { id: "rc-4", lines: [{ lineNo: 1, quantity: 7 }] } })
        ok(rest, "receipt within tolerance")
        assert.strictEqual(rest.json.purchaseOrder.status, "received")
        assert.strictEqual(rest.json.purchaseOrder.lines[0].received, "11")
        assert.strictEqual((yield* stockOf(operator, item.id)).onHand, "51")
        assert.deepStrictEqual((yield* request("GET", `/api/v1/purchase-orders/on-order?itemIds=${item.id}`, { key: operator })).json, [])
        // An order with receipts cannot be cancelled; closing it is a manager's call.
        problem(yield* request("POST", "/api/v1/purchase-orders/po-1/cancel", { key: manager }), 409, "cancel after receipts")
        problem(yield* request("POST", "/api/v1/purchase-orders/po-1/close", { key: operator }), 403, "operator closes")
        const closed = yield* request("POST", "/api/v1/purchase-orders/po-1/close", { key: manager })
        ok(closed, "close")
        assert.strictEqual(closed.json.status, "closed")

        const from = new Date(Date.now() - DAY).toISOString()
        const to = new Date(Date.now() + 30 * DAY).toISOString()
        const performance = yield* request("GET", `/api/v1/suppliers/performance?from=${from}&to=${to}`, { key: operator })
        ok(performance, "supplier performance")
        assert.deepStrictEqual(
          performance.json.map((p: { supplierId: string; lines: number; delivered: number; onTimePercent: number; fillPercent: number }) => [
            p.supplierId,
            p.lines,
            p.delivered,
            p.onTimePercent,
            p.fillPercent
          ]),
          [[supplier.id, 1, 1, 100, 100]]
        )
        // A period before the promised date holds no lines.
        const before = yield* request("GET", `/api/v1/suppliers/performance?from=${from}&to=${new Date(Date.now() + DAY).toISOString()}`, { key: operator })
        assert.deepStrictEqual(before.json, [])

        const listed = yield* request("GET", "/api/v1/purchase-orders?status=closed", { key: operator })
        assert.deepStrictEqual(listed.json.purchaseOrders.map((o: { id: string }) => o.id), ["po-1"])
        const requisitions = yield* request("GET", "/api/v1/requisitions?status=converted", { key: operator })
        assert.deepStrictEqual(requisitions.json.requisitions.map((r: { id: string }) => r.id), ["req-1"])
      }))

    it.effect("direct orders: create, send, short-close a line; a manager's approval limit is a 403", () =>
      Effect.gen(function*() {
        const { item, supplier, warehouse } = yield* setup("t-proc-limits")
        const operator = yield* keyFor("t-proc-limits", "operator")
        const manager = yield* keyFor("t-proc-limits", "manager")
        const expectedAt = new Date(Date.now() + 5 * DAY).toISOString()
        const created = yield* request("POST", "/api/v1/purchase-orders", {
          key: operator,
          body: { id: "po-d", supplierId: supplier.id, supplierName: "Bolts Ltd", shipToId: warehouse.id, lines: [{ itemId: item.id, quantity: 5, unitPrice: "1", expectedAt }] }
        })
        ok(created, "create order")
        ok(yield* request("POST", "/api/v1/purchase-orders/po-d/send", { key: manager }), "send")
        ok(yield* request("POST", "/api/v1/purchase-orders/po-d/receipts", { key: operator, body: { id: "rd-1", lines: [{ lineNo: 1, quantity: 2 }] } }), "receive")
        const shortClosed = yield* request("POST", "/api/v1/purchase-orders/po-d/lines/1/short-close", { key: manager })
        ok(shortClosed, "short-close")
        assert.deepStrictEqual([shortClosed.json.status, shortClosed.json.lines[0].status, shortClosed.json.lines[0].cancelled], ["received", "shortClosed", "3"])
        problem(yield* request("POST", "/api/v1/purchase-orders/po-d/lines/1/short-close", { key: manager }), 409, "short-close twice")
        problem(yield* request("POST", "/api/v1/purchase-orders/po-d/lines/2/short-close", { key: manager }), 404, "unknown line")
        problem(yield* request("POST", "/api/v1/purchase-orders/po-d/receipts", { key: operator, body: { id: "rd-2", lines: [{ lineNo: 1, quantity: 1 }] } }), 409, "receive on a short-closed line")

        // 20,000 × 1.5 = 30,000 is above the manager's 25,000 limit of the default policy.
        ok(yield* request("POST", "/api/v1/requisitions", { key: operator, body: { id: "req-big", lines: [{ itemId: item.id, quantity: 20000, estimatedUnitPrice: "1.5" }] } }), "big requisition")
        ok(yield* request("POST", "/api/v1/requisitions/req-big/submit", { key: operator }), "submit big")
        const denied = yield* request("POST", "/api/v1/requisitions/req-big/approve", { key: manager })
        problem(denied, 403, "beyond the manager's limit")
        assert.strictEqual((yield* request("GET", "/api/v1/requisitions/req-big", { key: manager })).json.status, "submitted")
        const rejected = yield* request("POST", "/api/v1/requisitions/req-big/reject", { key: manager, body: { reason: "too much" } })
        ok(rejected, "reject")
        assert.deepStrictEqual([rejected.json.status, rejected.json.decisionReason], ["rejected", "too much"])
        problem(yield* request("POST", "/api/v1/requisitions", { key: operator, body: { lines: [] } }), 400, "empty requisition")
      }))

    it.effect("scans in receiveOrder mode receive one unit per scan against the order; beyond it a Rejected outcome", () =>
      Effect.gen(function*() {
        const { bin, item, supplier, warehouse } = yield* setup("t-proc-scan")
        const manager = yield* keyFor("t-proc-scan", "manager")
        const operator = yield* keyFor("t-proc-scan", "operator")
        const expectedAt = new Date(Date.now() + 5 * DAY).toISOString()
        ok(yield* request("POST", "/api/v1/purchase-orders", {
          key: operator,
          body: { id: "po-s", supplierId: supplier.id, supplierName: "Bolts Ltd", shipToId: warehouse.id, lines: [{ itemId: item.id, quantity: 2, unitPrice: "1", expectedAt }] }
        }), "create")
        ok(yield* request("POST", "/api/v1/purchase-orders/po-s/send", { key: manager }), "send")
        const start = Date.now()
        const scan = (i: number) => ({ _tag: "BarcodeScanned", deviceId: "gun-1", data: "BOLT-10", symbology: null, at: new Date(start + i * 5000).toISOString() })
        const reply = yield* request("POST", "/api/v1/scans", {
          key: operator,
          body: { mode: "receiveOrder", purchaseOrderId: "po-s", to: bin.id, events: [scan(0), scan(1), scan(2)] }
        })
        ok(reply, "scan batch")
        assert.deepStrictEqual(reply.json.outcomes.map((o: { _tag: string }) => o._tag), ["Received", "Received", "Rejected"])
        assert.strictEqual(reply.json.outcomes[0].movements[0].toLocationId, bin.id)
        assert.strictEqual(reply.json.outcomes[2].error._tag, "OverReceipt")
        assert.strictEqual((yield* stockOf(operator, item.id)).onHand, "42")
        const order = (yield* request("GET", "/api/v1/purchase-orders/po-s", { key: operator })).json
        assert.deepStrictEqual([order.status, order.lines[0].received, order.receipts.length], ["received", "2", 2])
        const missing = yield* request("POST", "/api/v1/scans", { key: operator, body: { mode: "receiveOrder", events: [scan(3)] } })
        problem(missing, 400, "receiveOrder without an order")
        assert.strictEqual((yield* stockOf(operator, item.id)).onHand, "42")
      }))

    it.effect("another tenant's purchase order answers 404 and cannot be received against", () =>
      Effect.gen(function*() {
        const { item, supplier, warehouse } = yield* setup("t-proc-a")
        const managerA = yield* keyFor("t-proc-a", "manager")
        const expectedAt = new Date(Date.now() + 5 * DAY).toISOString()
        ok(yield* request("POST", "/api/v1/purchase-orders", {
          key: managerA,
          body: { id: "po-a", supplierId: supplier.id, supplierName: "Bolts Ltd", shipToId: warehouse.id, lines: [{ itemId: item.id, quantity: 5, unitPrice: "1", expectedAt }] }
        }), "create A")
        ok(yield* request("POST", "/api/v1/purchase-orders/po-a/send", { key: managerA }), "send A")

        const other = yield* setup("t-proc-b")
        problem(yield* request("GET", "/api/v1/purchase-orders/po-a", { key: other.admin }), 404, "get from B")
        problem(yield* request("POST", "/api/v1/purchase-orders/po-a/receipts", { key: other.admin, body: { id: "rb-1", lines: [{ lineNo: 1, quantity: 1 }] } }), 404, "receive from B")
        problem(yield* request("POST", "/api/v1/purchase-orders/po-a/close", { key: other.admin }), 404, "close from B")
        assert.deepStrictEqual((yield* request("GET", "/api/v1/purchase-orders", { key: other.admin })).json.purchaseOrders, [])
        problem(yield* request("GET", `/api/v1/purchase-orders/on-order?itemIds=${item.id}`, { key: other.admin }), 404, "A's item from B")

        const a = (yield* request("GET", "/api/v1/purchase-orders/po-a", { key: managerA })).json
        assert.deepStrictEqual([a.status, a.receipts.length], ["open", 0])
        assert.strictEqual((yield* stockOf(managerA, item.id)).onHand, "40")
      }))
  })
})

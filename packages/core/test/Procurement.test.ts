import { assert, describe, it } from "@effect/vitest"
import { BigDecimal, DateTime, Effect, Layer, Result } from "effect"
import { TestClock } from "effect/testing"
import type * as Approval from "../src/Approval.ts"
import { CurrentActor, type Role } from "../src/CurrentActor.ts"
import { IdGenerator } from "../src/IdGenerator.ts"
import type { ActorId, ItemId, LocationId, MovementId, TenantId } from "../src/Ids.ts"
import type { PurchaseOrder, PurchaseOrderId, PurchaseOrderLine, ReceiptId } from "../src/PurchaseOrder.ts"
import * as PurchaseOrders from "../src/PurchaseOrders.ts"
import * as Receiving from "../src/Receiving.ts"
import * as Requisitions from "../src/Requisitions.ts"
import * as StockLedger from "../src/StockLedger.ts"
import * as StockQuery from "../src/StockQuery.ts"
import * as Stores from "../src/Stores.ts"
import * as SupplierPerformance from "../src/SupplierPerformance.ts"
import { world } from "../src/testing/Fixtures.ts"

const layer = Layer.mergeAll(Stores.layerMemory, CurrentActor.layer("t1", "alice", ["manager"]), IdGenerator.layerSequential("x"))
const as = (actorId: string, roles: ReadonlyArray<Role> = []) =>
  Effect.provide(CurrentActor.layer("t1", actorId, roles))

const DAY = 86_400_000

const denial = (error: { readonly _tag: string }): Approval.ApprovalDenied => {
  assert.strictEqual(error._tag, "ApprovalDenied")
  return error as Approval.ApprovalDenied
}

const onHand = (itemId: string, locationId: string) => Effect.map(StockQuery.level({ itemId, locationId }), (l) => BigDecimal.format(l.onHand))

const sentOrder = (id: string, quantity: number, tolerancePercent = 0) =>
  Effect.gen(function*() {
    yield* PurchaseOrders.create({
      id,
      supplierId: "sup",
      supplierName: "Acme",
      shipToId: "wh",
      tolerancePercent,
      lines: [{ itemId: "plain", quantity, unitPrice: "1.10", expectedAt: 10 * DAY }]
    })
    return yield* PurchaseOrders.send(id)
  })

describe("Receiving concurrency (in memory)", () => {
  it.effect("two receipts against one line at once never pass the tolerance together", () =>
    Effect.gen(function*() {
      yield* world
      yield* sentOrder("PO-1", 10)
      const results = yield* Effect.all(
        [1, 2].map((n) => Effect.result(Receiving.receive({ id: `R${n}`, purchaseOrderId: "PO-1", lines: [{ lineNo: 1, quantity: 6 }] }))),
        { concurrency: "unbounded" }
      )
      assert.deepStrictEqual(results.map((r) => (Result.isSuccess(r) ? "ok" : r.failure._tag)).sort(), ["OverReceipt", "ok"])
      assert.strictEqual((yield* PurchaseOrders.get("PO-1")).lines[0]!.received, 6n)
      assert.strictEqual(yield* onHand("plain", "wh"), "6")
    }).pipe(Effect.provide(layer)))

  it.effect("many concurrent receipts fill a line up to its tolerance exactly", () =>
    Effect.gen(function*() {
      yield* world
      yield* sentOrder("PO-2", 10, 10)
      const results = yield* Effect.all(
        Array.from({ length: 8 }, (_, n) => Effect.result(Receiving.receive({ id: `R${n}`, purchaseOrderId: "PO-2", lines: [{ lineNo: 1, quantity: 2 }] }))),
        { concurrency: "unbounded" }
      )
      // 10 + 10 % = 11: five receipts of 2 fit, the sixth would make 12.
      assert.strictEqual(results.filter(Result.isSuccess).length, 5)
      const order = yield* PurchaseOrders.get("PO-2")
      assert.deepStrictEqual([order.lines[0]!.received, order.status, order.receipts.length], [10n, "received", 5])
      assert.strictEqual(yield* onHand("plain", "wh"), "10")
    }).pipe(Effect.provide(layer)))
})

describe("Receiving atomicity", () => {
  it.effect("a receipt the ledger refuses changes neither stock nor the order", () =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([{ id: "seed", itemId: "serial", from: "sup", to: "bin-a", quantity: 1, serials: ["SN-1"] }])
      yield* PurchaseOrders.create({
        id: "PO-3",
        supplierId: "sup",
        supplierName: "Acme",
        shipToId: "wh",
        lines: [{ itemId: "serial", quantity: 2, unitPrice: 900, expectedAt: 0 }, { itemId: "plain", quantity: 2, unitPrice: 1, expectedAt: 0 }]
      })
      yield* PurchaseOrders.send("PO-3")
      const before = yield* PurchaseOrders.get("PO-3")
      const error = yield* Effect.flip(Receiving.receive({
        id: "R1",
        purchaseOrderId: "PO-3",
        lines: [{ lineNo: 2, quantity: 2 }, { lineNo: 1, quantity: 2, serials: ["SN-1", "SN-2"] }]
      }))
      assert.strictEqual(error._tag, "SerialConflict")
      assert.deepStrictEqual(yield* PurchaseOrders.get("PO-3"), before)
      assert.strictEqual(yield* onHand("plain", "wh"), "0")
      const bad = yield* Effect.flip(Receiving.receive({ id: "R1", purchaseOrderId: "PO-3", lines: [{ lineNo: 2, quantity: "0.5" }] }))
      assert.strictEqual(bad._tag, "InvalidQuantity")
      assert.deepStrictEqual(yield* PurchaseOrders.get("PO-3"), before)
    }).pipe(Effect.provide(layer)))
})

describe("Purchase order status", () => {
  it.effect("short-closing every line of an order that received nothing closes it; closing needs a sent order", () =>
    Effect.gen(function*() {
      yield* world
      yield* PurchaseOrders.create({
        id: "PO-9",
        supplierId: "sup",
        supplierName: "Acme",
        shipToId: "wh",
        lines: [{ itemId: "plain", quantity: 2, unitPrice: 1, expectedAt: 0 }, { itemId: "bulk", quantity: 1, unitPrice: 1, expectedAt: 0 }]
      })
      assert.strictEqual((yield* Effect.flip(PurchaseOrders.close("PO-9")))._tag, "InvalidStatus")
      assert.strictEqual((yield* Effect.flip(PurchaseOrders.shortCloseLine("PO-9", 1)))._tag, "InvalidStatus")
      yield* PurchaseOrders.send("PO-9")
      const first = yield* PurchaseOrders.shortCloseLine("PO-9", 1)
      assert.deepStrictEqual([first.status, first.lines[0]!.cancelled, first.closedAt], ["open", 2n, null])
      assert.strictEqual((yield* Effect.flip(PurchaseOrders.shortCloseLine("PO-9", 1)))._tag, "InvalidStatus")
      assert.strictEqual((yield* Effect.flip(PurchaseOrders.shortCloseLine("PO-9", 7)))._tag, "UnknownPurchaseOrderLine")
      const last = yield* PurchaseOrders.shortCloseLine("PO-9", 2)
      assert.strictEqual(last.status, "closed")
      assert.isNotNull(last.closedAt)
      assert.strictEqual((yield* Effect.flip(Receiving.receive({ id: "R", purchaseOrderId: "PO-9", lines: [{ lineNo: 2, quantity: 1 }] })))._tag, "InvalidStatus")
    }).pipe(Effect.provide(layer)))
})

describe("Requisition approval under the default policy", () => {
  it.effect("operators approve up to 1,000, managers up to 25,000, admins anything; viewers nothing", () =>
    Effect.gen(function*() {
      yield* world
      const requisition = (id: string, price: string) =>
        Effect.andThen(Requisitions.create({ id, lines: [{ itemId: "plain", quantity: 1, unit: "case", estimatedUnitPrice: price }] }), Requisitions.submit(id))
      // 12 each × 83.34 = 1,000.08: just above the operator limit.
      yield* requisition("REQ-1", "83.34").pipe(as("requester"))
      const denied = denial(yield* Effect.flip(Requisitions.approve("REQ-1").pipe(as("op", ["operator"]))))
      assert.deepStrictEqual([denied._tag, denied.role, denied.limit, denied.amount], ["ApprovalDenied", "operator", "1000", "1000.08"])
      const viewer = denial(yield* Effect.flip(Requisitions.approve("REQ-1").pipe(as("nobody"))))
      assert.deepStrictEqual([viewer._tag, viewer.exceeded], ["ApprovalDenied", "no-limit"])
      assert.strictEqual((yield* Requisitions.get("REQ-1")).status, "submitted")
      const approved = yield* Requisitions.approve("REQ-1").pipe(as("boss", ["operator", "manager"]))
      assert.deepStrictEqual([approved.status, approved.decidedBy], ["approved", "boss"])
      yield* requisition("REQ-2", "2500").pipe(as("boss", ["manager"]))
      const own = denial(yield* Effect.flip(Requisitions.approve("REQ-2").pipe(as("boss", ["manager"]))))
      assert.deepStrictEqual([own._tag, own.exceeded, own.amount], ["ApprovalDenied", "value", "30000"])
      assert.strictEqual((yield* Requisitions.approve("REQ-2").pipe(as("root", ["admin"]))).status, "approved")
    }).pipe(Effect.provide(layer)))

  it.effect("quantities must convert exactly and conversion needs prices and dates", () =>
    Effect.gen(function*() {
      yield* world
      const inexact = yield* Effect.flip(Requisitions.create({ lines: [{ itemId: "plain", quantity: "0.5" }] }))
      assert.strictEqual(inexact._tag, "InvalidQuantity")
      const unit = yield* Effect.flip(Requisitions.create({ lines: [{ itemId: "plain", quantity: 1, unit: "pallet" }] }))
      assert.strictEqual(unit._tag, "UnknownUnit")
      const r = yield* Requisitions.create({ id: "REQ-3", lines: [{ itemId: "bulk", quantity: 250, unit: "g" }] })
      assert.strictEqual(r.lines[0]!.quantity, 250n)
      yield* Requisitions.submit("REQ-3")
      yield* Requisitions.approve("REQ-3")
      const conversion = { supplierId: "sup", supplierName: "Acme", shipToId: "wh" }
      const noPrice = yield* Effect.flip(Requisitions.convert("REQ-3", conversion))
      assert.deepStrictEqual([noPrice._tag, "field" in noPrice ? noPrice.field : ""], ["InvalidDocument", "lines[0].unitPrice"])
      const noDate = yield* Effect.flip(Requisitions.convert("REQ-3", { ...conversion, lines: [{ lineNo: 1, unitPrice: 2 }] }))
      assert.deepStrictEqual([noDate._tag, "field" in noDate ? noDate.field : ""], ["InvalidDocument", "lines[0].expectedAt"])
      assert.strictEqual((yield* Requisitions.get("REQ-3")).status, "approved")
      assert.strictEqual((yield* PurchaseOrders.list()).length, 0)
      const { purchaseOrder } = yield* Requisitions.convert("REQ-3", { ...conversion, lines: [{ lineNo: 1, unitPrice: 2, expectedAt: 5 * DAY }] })
      assert.deepStrictEqual(purchaseOrder.lines.map((l) => [l.quantity, BigDecimal.format(l.unitPrice)]), [[250n, "2"]])
    }).pipe(Effect.provide(layer)))
})

// A fixture with known dates: everything sent on day 0.
const line = (lineNo: number, quantity: bigint, received: bigint, expectedDay: number, status: PurchaseOrderLine["status"] = "open"): PurchaseOrderLine => ({
  lineNo,
  itemId: "i" as ItemId,
  quantity,
  unitPrice: BigDecimal.fromBigInt(1n),
  expectedAt: DateTime.makeUnsafe(expectedDay * DAY),
  tolerancePercent: null,
  received,
  cancelled: 0n,
  status
})
const fixtureOrder = (
  id: string,
  supplierId: string,
  lines: ReadonlyArray<PurchaseOrderLine>,
  receipts: ReadonlyArray<readonly [lineNo: number, day: number]>,
  status: PurchaseOrder["status"] = "partiallyReceived"
): PurchaseOrder => ({
  id: id as PurchaseOrderId,
  tenantId: "t1" as TenantId,
  supplierId: supplierId as LocationId,
  supplierName: supplierId.toUpperCase(),
  shipToId: "wh" as LocationId,
  status,
  tolerancePercent: BigDecimal.fromBigInt(0n),
  lines,
  receipts: receipts.map(([lineNo, day], i) => ({
    id: `${id}-r${i}` as ReceiptId,
    receivedAt: DateTime.makeUnsafe(day * DAY),
    recordedAt: DateTime.makeUnsafe(day * DAY),
    actorId: "a" as ActorId,
    lines: [{ lineNo, itemId: "i" as ItemId, quantity: 1n, locationId: "wh" as LocationId, lot: null, serials: [], movementId: "m" as MovementId, closeLine: false, putAway: { locationId: "wh" as LocationId, rule: "receiving" } }]
  })),
  requisitionId: null,
  createdBy: "a" as ActorId,
  sentAt: status === "draft" ? null : DateTime.makeUnsafe(0),
  closedAt: null,
  version: 1,
  createdAt: DateTime.makeUnsafe(0),
  updatedAt: DateTime.makeUnsafe(0)
})

describe("SupplierPerformance", () => {
  it("computes lead times, on-time and fill rates per supplier from known dates", () => {
    const orders = [
      // A: line 1 promised day 10, arrived day 8 in full; line 2 promised day 10, half arrived on day 12 (and
      // a later receipt on day 15 does not change the first arrival).
      fixtureOrder("PO-A", "a", [line(1, 10n, 10n, 10, "received"), line(2, 10n, 5n, 10)], [[1, 8], [2, 12], [2, 15]]),
      // B: promised day 5, nothing arrived by day 20; a line promised on day 40 is not due yet.
      fixtureOrder("PO-B", "b", [line(1, 4n, 0n, 5), line(2, 4n, 0n, 40)], [], "open"),
      // Out of the period, cancelled and draft orders do not count.
      fixtureOrder("PO-C", "a", [line(1, 10n, 0n, 31)], [], "open"),
      fixtureOrder("PO-D", "a", [line(1, 10n, 0n, 3)], [], "cancelled"),
      fixtureOrder("PO-E", "b", [line(1, 10n, 0n, 3)], [], "draft")
    ]
    const period = { from: DateTime.makeUnsafe(0), to: DateTime.makeUnsafe(30 * DAY), asOf: DateTime.makeUnsafe(20 * DAY) }
    assert.deepStrictEqual(SupplierPerformance.evaluate(orders, period), [
      { supplierId: "a", supplierName: "A", lines: 2, delivered: 2, promisedLeadTimeDays: 10, actualLeadTimeDays: 10, onTimePercent: 50, fillPercent: 75 },
      { supplierId: "b", supplierName: "B", lines: 1, delivered: 0, promisedLeadTimeDays: 5, actualLeadTimeDays: null, onTimePercent: 0, fillPercent: 0 }
    ])
  })

  it.effect("reports from the stored orders", () =>
    Effect.gen(function*() {
      yield* world
      yield* PurchaseOrders.create({
        id: "PO-1",
        supplierId: "sup",
        supplierName: "Acme",
        shipToId: "wh",
        lines: [{ itemId: "plain", quantity: 4, unitPrice: 1, expectedAt: 4 * DAY }, { itemId: "bulk", quantity: 2, unitPrice: 1, expectedAt: 4 * DAY }]
      })
      yield* PurchaseOrders.send("PO-1")
      yield* TestClock.adjust("3 days")
      yield* Receiving.receive({ id: "R1", purchaseOrderId: "PO-1", lines: [{ lineNo: 1, quantity: 4 }] })
      yield* TestClock.adjust("3 days")
      yield* Receiving.receive({ id: "R2", purchaseOrderId: "PO-1", lines: [{ lineNo: 2, quantity: "0.5", closeLine: true }] })
      const [acme] = yield* SupplierPerformance.report({ from: 0, to: 10 * DAY })
      assert.deepStrictEqual(acme, {
        supplierId: "sup" as LocationId,
        supplierName: "Acme",
        lines: 2,
        delivered: 2,
        promisedLeadTimeDays: 4,
        actualLeadTimeDays: 4.5,
        onTimePercent: 50,
        fillPercent: 62.5
      })
    }).pipe(Effect.provide(layer)))
})

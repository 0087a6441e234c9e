/**
 * The procurement routes: requisitions (create, submit, approve or reject by amount, convert into a purchase
 * order), purchase orders (create, send, cancel, close, short-close a line), receipts against an order
 * (idempotent by receipt id, with the movements they posted and a put-away suggestion per line), quantities on
 * order per item and location, and supplier performance over a period.
 *
 * Drafting and submitting requisitions, creating orders and receiving goods need `movements:post`; decisions
 * that commit money or end an order (approve, reject, convert, send, cancel, close, short-close) need `approve`.
 *
 * @since 0.1.0
 */
import { Movement, PurchaseOrder, Requisition, Requisitions } from "@quartermaster/core"
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "effect/http-api"
import * as Auth from "../Auth.ts"
import * as Problem from "../Problem.ts"
import * as S from "./schemas/Operations.ts"

const requisitionId = { requisitionId: Schema.String }
const orderId = { purchaseOrderId: Schema.String }
const limit = Schema.optional(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 1000 }))))

const { purchaseOrderId: _order, ...receiptFields } = PurchaseOrder.ReceiptInput.fields

/**
 * The body of a receipt: the receipt input without the order id, which the path names.
 *
 * @since 0.1.0
 */
export const ReceiptBody = Schema.toEncoded(Schema.Struct(receiptFields))

/**
 * Where a receipt line went and which bin it should be put away to.
 *
 * @since 0.1.0
 */
export const PutAwaySuggestion = Schema.Struct({
  lineNo: Schema.Int,
  itemId: Schema.String,
  movementId: Schema.String,
  receivedAt: Schema.String.annotate({ description: "The location the goods were received into" }),
  suggestedBin: Schema.String,
  rule: Schema.Literals(["consolidate", "preferred", "receiving"])
})

/**
 * What a receipt answers: the order after it, the receipt as recorded, its movements, the put-away
 * suggestions, and whether it replayed an earlier receipt with the same id.
 *
 * @since 0.1.0
 */
export const ReceiptResult = Schema.Struct({
  purchaseOrder: PurchaseOrder.PurchaseOrder,
  receipt: PurchaseOrder.Receipt,
  movements: Schema.Array(Movement.Movement),
  putAway: Schema.Array(PutAwaySuggestion),
  replayed: Schema.Boolean
})

/**
 * The procurement group.
 *
 * @since 0.1.0
 */
export class ProcurementGroup extends HttpApiGroup.make("procurement")
  .add(
    HttpApiEndpoint.post("createRequisition", "/requisitions", {
      payload: Schema.toEncoded(Requisition.NewRequisition),
      success: Requisition.Requisition,
      error: Problem.domain
    }).pipe(Auth.requires("movements:post")),
    HttpApiEndpoint.post("submitRequisition", "/requisitions/:requisitionId/submit", {
      params: requisitionId,
      success: Requisition.Requisition,
      error: Problem.domain
    }).pipe(Auth.requires("movements:post")),
    HttpApiEndpoint.post("approveRequisition", "/requisitions/:requisitionId/approve", {
      params: requisitionId,
      success: Requisition.Requisition,
      error: Problem.domain
    }).pipe(Auth.requires("approve")),
    HttpApiEndpoint.post("rejectRequisition", "/requisitions/:requisitionId/reject", {
      params: requisitionId,
      payload: Schema.Struct({ reason: Schema.optional(Schema.String.pipe(Schema.check(Schema.isMaxLength(1000)))) }),
      success: Requisition.Requisition,
      error: Problem.domain
    }).pipe(Auth.requires("approve")),
    HttpApiEndpoint.post("convertRequisition", "/requisitions/:requisitionId/convert", {
      params: requisitionId,
      payload: Schema.toEncoded(Requisitions.Conversion),
      success: Schema.Struct({ requisition: Requisition.Requisition, purchaseOrder: PurchaseOrder.PurchaseOrder }),
      error: Problem.domain
    }).pipe(Auth.requires("approve")),
    HttpApiEndpoint.get("getRequisition", "/requisitions/:requisitionId", {
      params: requisitionId,
      success: Requisition.Requisition,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("listRequisitions", "/requisitions", {
      query: { status: Schema.optional(Requisition.RequisitionStatus), cursor: Schema.optional(Schema.String), limit },
      success: Schema.Struct({ requisitions: Schema.Array(Requisition.Requisition), nextCursor: Schema.NullOr(Schema.String) }),
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.post("createPurchaseOrder", "/purchase-orders", {
      payload: Schema.toEncoded(PurchaseOrder.NewPurchaseOrder),
      success: PurchaseOrder.PurchaseOrder,
      error: Problem.domain
    }).pipe(Auth.requires("movements:post")),
    HttpApiEndpoint.post("sendPurchaseOrder", "/purchase-orders/:purchaseOrderId/send", {
      params: orderId,
      success: PurchaseOrder.PurchaseOrder,
      error: Problem.domain
    }).pipe(Auth.requires("approve")),
    HttpApiEndpoint.post("cancelPurchaseOrder", "/purchase-orders/:purchaseOrderId/cancel", {
      params: orderId,
      success: PurchaseOrder.PurchaseOrder,
      error: Problem.domain
    }).pipe(Auth.requires("approve")),
    HttpApiEndpoint.post("closePurchaseOrder", "/purchase-orders/:purchaseOrderId/close", {
      params: orderId,
      success: PurchaseOrder.PurchaseOrder,
      error: Problem.domain
    }).pipe(Auth.requires("approve")),
    HttpApiEndpoint.post("shortCloseLine", "/purchase-orders/:purchaseOrderId/lines/:lineNo/short-close", {
      params: { ...orderId, lineNo: Schema.Int },
      success: PurchaseOrder.PurchaseOrder,
      error: Problem.domain
    }).pipe(Auth.requires("approve")),
    HttpApiEndpoint.post("receive", "/purchase-orders/:purchaseOrderId/receipts", {
      params: orderId,
      payload: ReceiptBody,
      success: ReceiptResult,
      error: Problem.domain
    }).pipe(Auth.requires("movements:post")),
    HttpApiEndpoint.get("onOrder", "/purchase-orders/on-order", {
      query: {
        itemIds: Schema.String.annotate({ description: "Comma-separated item ids" }),
        locationId: Schema.optional(Schema.String)
      },
      success: S.OnOrder,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("getPurchaseOrder", "/purchase-orders/:purchaseOrderId", {
      params: orderId,
      success: PurchaseOrder.PurchaseOrder,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("listPurchaseOrders", "/purchase-orders", {
      query: {
        status: Schema.optional(PurchaseOrder.PurchaseOrderStatus),
        supplierId: Schema.optional(Schema.String),
        itemId: Schema.optional(Schema.String),
        cursor: Schema.optional(Schema.String),
        limit
      },
      success: Schema.Struct({ purchaseOrders: Schema.Array(PurchaseOrder.PurchaseOrder), nextCursor: Schema.NullOr(Schema.String) }),
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("supplierPerformance", "/suppliers/performance", {
      query: {
        from: Schema.String,
        to: Schema.String,
        asOf: Schema.optional(Schema.String),
        supplierId: Schema.optional(Schema.String)
      },
      success: S.SupplierPerformance,
      error: Problem.domain
    }).pipe(Auth.requires("read"))
  )
  .middleware(Auth.Authorization)
  .prefix("/api/v1")
  .annotateMerge(OpenApi.annotations({
    title: "Procurement",
    description: "Requisitions, purchase orders, receipts with put-away suggestions, on-order quantities, supplier performance"
  }))
{}

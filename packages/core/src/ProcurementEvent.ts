/**
 * Domain events of procurement: every requisition and purchase order command, and every receipt. They join
 * the {@link DomainEvent} union; each carries the document as it stands after the command.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { PurchaseOrder, Receipt } from "./PurchaseOrder.ts"
import { Requisition } from "./Requisition.ts"

/** A requisition was created (as a draft). @since 0.1.0 */
export const RequisitionCreated = Schema.TaggedStruct("RequisitionCreated", { requisition: Requisition })
/** A requisition was submitted for approval. @since 0.1.0 */
export const RequisitionSubmitted = Schema.TaggedStruct("RequisitionSubmitted", { requisition: Requisition })
/** A requisition was approved; `role` is the approver's role whose limit allowed it. @since 0.1.0 */
export const RequisitionApproved = Schema.TaggedStruct("RequisitionApproved", { requisition: Requisition, role: Schema.String })
/** A requisition was rejected. @since 0.1.0 */
export const RequisitionRejected = Schema.TaggedStruct("RequisitionRejected", { requisition: Requisition })
/** An approved requisition became the purchase order `purchaseOrderId`. @since 0.1.0 */
export const RequisitionConverted = Schema.TaggedStruct("RequisitionConverted", { requisition: Requisition, purchaseOrderId: Schema.String })
/** A purchase order was created, from scratch or from a requisition (which is then converted). @since 0.1.0 */
export const PurchaseOrderCreated = Schema.TaggedStruct("PurchaseOrderCreated", { purchaseOrder: PurchaseOrder })
/** A purchase order was sent to its supplier: it is open and on order. @since 0.1.0 */
export const PurchaseOrderSent = Schema.TaggedStruct("PurchaseOrderSent", { purchaseOrder: PurchaseOrder })
/** A purchase order was cancelled before anything arrived. @since 0.1.0 */
export const PurchaseOrderCancelled = Schema.TaggedStruct("PurchaseOrderCancelled", { purchaseOrder: PurchaseOrder })
/** A purchase order was closed: no more receipts, whatever was missing is cancelled. @since 0.1.0 */
export const PurchaseOrderClosed = Schema.TaggedStruct("PurchaseOrderClosed", { purchaseOrder: PurchaseOrder })
/** A purchase order line was short-closed: `cancelled` base units will not arrive. @since 0.1.0 */
export const PurchaseOrderLineShortClosed = Schema.TaggedStruct("PurchaseOrderLineShortClosed", {
  purchaseOrder: PurchaseOrder,
  lineNo: Schema.Int,
  cancelled: Schema.BigIntFromString
})
/** Goods were received against a purchase order; the movements are in the same unit of work's `MovementsPosted`. @since 0.1.0 */
export const GoodsReceived = Schema.TaggedStruct("GoodsReceived", { purchaseOrder: PurchaseOrder, receipt: Receipt })

/**
 * Every procurement event.
 *
 * @since 0.1.0
 */
export const events = [
  RequisitionCreated,
  RequisitionSubmitted,
  RequisitionApproved,
  RequisitionRejected,
  RequisitionConverted,
  PurchaseOrderCreated,
  PurchaseOrderSent,
  PurchaseOrderCancelled,
  PurchaseOrderClosed,
  PurchaseOrderLineShortClosed,
  GoodsReceived
] as const

/**
 * Errors of procurement: requisitions, purchase orders and receipts against them.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** No requisition with this id exists for the tenant. @since 0.1.0 */
export class UnknownRequisition extends Schema.TaggedError<UnknownRequisition>()("UnknownRequisition", {
  requisitionId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `unknown requisition ${JSON.stringify(this.requisitionId)}`
  }
}

/** No purchase order with this id exists for the tenant. @since 0.1.0 */
export class UnknownPurchaseOrder extends Schema.TaggedError<UnknownPurchaseOrder>()("UnknownPurchaseOrder", {
  purchaseOrderId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `unknown purchase order ${JSON.stringify(this.purchaseOrderId)}`
  }
}

/**
 * The command does not fit the document's status, for example approving a draft requisition, sending an
 * open purchase order, or receiving against a closed or cancelled one.
 *
 * @since 0.1.0
 */
export class InvalidStatus extends Schema.TaggedError<InvalidStatus>()("InvalidStatus", {
  entity: Schema.Literals(["requisition", "purchaseOrder", "purchaseOrderLine"]),
  id: Schema.String,
  status: Schema.String,
  operation: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    const name = this.entity === "purchaseOrder" ? "purchase order" : this.entity === "purchaseOrderLine" ? "purchase order line" : "requisition"
    return `cannot ${this.operation} ${name} ${JSON.stringify(this.id)}: it is ${this.status}`
  }
}

/**
 * A receipt would take a purchase order line beyond its ordered quantity plus its over-receipt tolerance.
 * Quantities are decimals in the item's base unit.
 *
 * @since 0.1.0
 */
export class OverReceipt extends Schema.TaggedError<OverReceipt>()("OverReceipt", {
  purchaseOrderId: Schema.String,
  lineNo: Schema.Int,
  ordered: Schema.String,
  received: Schema.String,
  requested: Schema.String,
  tolerancePercent: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `receiving ${this.requested} on line ${this.lineNo} of purchase order ${JSON.stringify(this.purchaseOrderId)} exceeds the ${this.tolerancePercent}% tolerance: ${this.ordered} ordered, ${this.received} already received`
  }
}

/** A purchase order has no line with this number, or the line is for another item. @since 0.1.0 */
export class UnknownPurchaseOrderLine extends Schema.TaggedError<UnknownPurchaseOrderLine>()("UnknownPurchaseOrderLine", {
  purchaseOrderId: Schema.String,
  lineNo: Schema.Int,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `purchase order ${JSON.stringify(this.purchaseOrderId)} line ${this.lineNo}: ${this.reason}`
  }
}

/**
 * A document is inconsistent: a supplier that is not a supplier location, a line number repeated, a
 * requisition line without a price when converted. `field` names the place.
 *
 * @since 0.1.0
 */
export class InvalidDocument extends Schema.TaggedError<InvalidDocument>()("InvalidDocument", {
  field: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.field}: ${this.reason}`
  }
}

/** A scanned item has no line on the purchase order being received. @since 0.1.0 */
export class ItemNotOnOrder extends Schema.TaggedError<ItemNotOnOrder>()("ItemNotOnOrder", {
  purchaseOrderId: Schema.String,
  itemId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `item ${JSON.stringify(this.itemId)} is not on purchase order ${JSON.stringify(this.purchaseOrderId)}`
  }
}

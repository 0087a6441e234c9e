/**
 * Purchase orders: what is bought from a supplier, at which prices, for when, and what has arrived.
 *
 * A purchase order names its supplier (a location of usage `supplier`, plus a display name), the location it
 * ships to, and lines with exact unit prices (per base unit), quantities (smallest base units) and promised
 * dates. Receipts against its lines are recorded in the order itself, so a receipt's id is checked for
 * idempotency where the line quantities it changes live.
 *
 * Status: `draft` → `open` (sent) → `partiallyReceived` → `received`, and `closed` (no more receipts, the rest
 * cancelled) or `cancelled` (before anything arrived). A line is `open` (the rest is backordered),
 * `received` (nothing left) or `shortClosed` (the rest cancelled).
 *
 * Over-receipt is allowed up to a tolerance in percent of the ordered quantity (the line's own, else the
 * order's), in total over all receipts: a received line still takes more within it until the order is
 * closed or the line short-closed.
 *
 * @since 0.1.0
 */
import { BigDecimal, Schema } from "effect"
import { ActorId, ItemId, LocationId, MovementId, TenantId } from "./Ids.ts"
import { isPrintable } from "./internal/text.ts"
import { LotCode, Serial, TimeInput } from "./Movement.ts"
import * as Quantity from "./Quantity.ts"
import { UtcTime } from "./internal/utcTime.ts"

const idString = (max: number) =>
  Schema.String.pipe(Schema.check(Schema.makeFilter((s: string) => (s.length >= 1 && s.length <= max && isPrintable(s)) || `1 to ${max} printable characters`)))

/** A purchase order's id, which is also its number and the reference of its receipts' movements. @since 0.1.0 */
export const PurchaseOrderId = idString(100).pipe(Schema.brand("PurchaseOrderId"))
/** @since 0.1.0 */
export type PurchaseOrderId = typeof PurchaseOrderId.Type

/** A receipt's id: its idempotency key. Its movements take the ids `<receipt id>/<n>`. @since 0.1.0 */
export const ReceiptId = idString(100).pipe(Schema.brand("ReceiptId"))
/** @since 0.1.0 */
export type ReceiptId = typeof ReceiptId.Type

/** Where a purchase order stands. @since 0.1.0 */
export const PurchaseOrderStatus = Schema.Literals(["draft", "open", "partiallyReceived", "received", "closed", "cancelled"])
/** @since 0.1.0 */
export type PurchaseOrderStatus = typeof PurchaseOrderStatus.Type

/** Where a line stands. @since 0.1.0 */
export const LineStatus = Schema.Literals(["open", "received", "shortClosed"])
/** @since 0.1.0 */
export type LineStatus = typeof LineStatus.Type

/**
 * The statuses that still accept receipts: a received order takes over-receipts within tolerance until it is
 * closed.
 *
 * @since 0.1.0
 */
export const receivable = (status: PurchaseOrderStatus): boolean => status === "open" || status === "partiallyReceived" || status === "received"

/** A tolerance in percent: a non-negative decimal. @since 0.1.0 */
export const Percent = Schema.BigDecimalFromString

/**
 * A purchase order line as stored. `received` may exceed `quantity` within the tolerance; `cancelled` is what
 * a short close gave up.
 *
 * @since 0.1.0
 */
export const PurchaseOrderLine = Schema.Struct({
  lineNo: Schema.Int,
  itemId: ItemId,
  quantity: Schema.BigIntFromString,
  unitPrice: Schema.BigDecimalFromString,
  expectedAt: UtcTime,
  tolerancePercent: Schema.NullOr(Percent),
  received: Schema.BigIntFromString,
  cancelled: Schema.BigIntFromString,
  status: LineStatus
})
/** @since 0.1.0 */
export type PurchaseOrderLine = typeof PurchaseOrderLine.Type

/**
 * One line of a recorded receipt: what arrived on which order line, where it went, and its movement.
 *
 * @since 0.1.0
 */
export const ReceiptLine = Schema.Struct({
  lineNo: Schema.Int,
  itemId: ItemId,
  quantity: Schema.BigIntFromString,
  locationId: LocationId,
  lot: Schema.NullOr(Schema.String),
  serials: Schema.Array(Schema.String),
  movementId: MovementId,
  closeLine: Schema.Boolean,
  /** The put-away bin suggested when it arrived (see `PutAway`). */
  putAway: Schema.Struct({ locationId: LocationId, rule: Schema.Literals(["consolidate", "preferred", "receiving"]) })
})
/** @since 0.1.0 */
export type ReceiptLine = typeof ReceiptLine.Type

/**
 * A receipt as recorded on its purchase order.
 *
 * @since 0.1.0
 */
export const Receipt = Schema.Struct({
  id: ReceiptId,
  receivedAt: UtcTime,
  recordedAt: UtcTime,
  actorId: ActorId,
  lines: Schema.Array(ReceiptLine)
})
/** @since 0.1.0 */
export type Receipt = typeof Receipt.Type

/**
 * A purchase order as stored.
 *
 * @since 0.1.0
 */
export const PurchaseOrder = Schema.Struct({
  id: PurchaseOrderId,
  tenantId: TenantId,
  supplierId: LocationId,
  supplierName: Schema.String,
  shipToId: LocationId,
  status: PurchaseOrderStatus,
  tolerancePercent: Percent,
  lines: Schema.Array(PurchaseOrderLine),
  receipts: Schema.Array(Receipt),
  requisitionId: Schema.NullOr(Schema.String),
  createdBy: ActorId,
  sentAt: Schema.NullOr(UtcTime),
  closedAt: Schema.NullOr(UtcTime),
  version: Schema.Int,
  createdAt: UtcTime,
  updatedAt: UtcTime
})
/** @since 0.1.0 */
export type PurchaseOrder = typeof PurchaseOrder.Type

const PercentInput = Quantity.InputSchema

/**
 * A purchase order line as callers give it: `quantity` in `unit` (converted exactly to the base unit),
 * `unitPrice` per base unit, `expectedAt` the promised date.
 *
 * @since 0.1.0
 */
export const PurchaseOrderLineInput = Schema.Struct({
  itemId: ItemId,
  quantity: Quantity.InputSchema,
  unit: Schema.optionalKey(Schema.String),
  unitPrice: Quantity.InputSchema,
  expectedAt: TimeInput,
  tolerancePercent: Schema.optionalKey(PercentInput)
})
/** @since 0.1.0 */
export type PurchaseOrderLineInput = typeof PurchaseOrderLineInput.Encoded

/**
 * Input to create a purchase order. `supplierId` is a location of usage `supplier`; `shipToId` the internal
 * location goods are received into; `tolerancePercent` (default 0) the over-receipt allowed on every line
 * without its own.
 *
 * @since 0.1.0
 */
export const NewPurchaseOrder = Schema.Struct({
  id: Schema.optionalKey(PurchaseOrderId),
  supplierId: LocationId,
  supplierName: Schema.String.pipe(Schema.check(Schema.makeFilter((s: string) => (s.trim().length >= 1 && s.length <= 200) || "a name of 1 to 200 characters"))),
  shipToId: LocationId,
  tolerancePercent: Schema.optionalKey(PercentInput),
  lines: Schema.Array(PurchaseOrderLineInput).pipe(Schema.check(Schema.isMinLength(1)), Schema.check(Schema.isMaxLength(1000)))
})
/** @since 0.1.0 */
export type NewPurchaseOrder = typeof NewPurchaseOrder.Encoded

/**
 * One line of a receipt as callers give it: the order line, the quantity in `unit`, and for tracked items the
 * lot (with its expiry when new) or the serials. `locationId` defaults to the order's ship-to location.
 * `closeLine` short-closes the line after this receipt: whatever is still missing is cancelled instead of
 * staying backordered.
 *
 * @since 0.1.0
 */
export const ReceiptLineInput = Schema.Struct({
  lineNo: Schema.Int,
  quantity: Quantity.InputSchema,
  unit: Schema.optionalKey(Schema.String),
  locationId: Schema.optionalKey(LocationId),
  lot: Schema.optionalKey(LotCode),
  lotExpiresAt: Schema.optionalKey(TimeInput),
  serials: Schema.optionalKey(Schema.Array(Serial)),
  closeLine: Schema.optionalKey(Schema.Boolean)
})
/** @since 0.1.0 */
export type ReceiptLineInput = typeof ReceiptLineInput.Encoded

/**
 * A receipt as callers give it. `id` is the idempotency key; `receivedAt` defaults to now.
 *
 * @since 0.1.0
 */
export const ReceiptInput = Schema.Struct({
  id: ReceiptId,
  purchaseOrderId: PurchaseOrderId,
  receivedAt: Schema.optionalKey(TimeInput),
  lines: Schema.Array(ReceiptLineInput).pipe(Schema.check(Schema.isMinLength(1)), Schema.check(Schema.isMaxLength(1000)))
})
/** @since 0.1.0 */
export type ReceiptInput = typeof ReceiptInput.Encoded

/**
 * What a line still expects: ordered − received − cancelled, never below zero. Zero once the line is not open.
 *
 * @since 0.1.0
 */
export const remaining = (line: PurchaseOrderLine): bigint => {
  if (line.status !== "open") return 0n
  const rest = line.quantity - line.received - line.cancelled
  return rest > 0n ? rest : 0n
}

/**
 * The tolerance that applies to a line, in percent.
 *
 * @since 0.1.0
 */
export const toleranceOf = (order: PurchaseOrder, line: PurchaseOrderLine): BigDecimal.BigDecimal => line.tolerancePercent ?? order.tolerancePercent

/**
 * The most a line may receive in total: its quantity plus the tolerance, rounded down to whole smallest units.
 *
 * @since 0.1.0
 */
export const maxReceivable = (quantity: bigint, tolerancePercent: BigDecimal.BigDecimal): bigint => {
  const t = BigDecimal.normalize(tolerancePercent)
  const scale = 10n ** BigInt(Math.max(t.scale, 0))
  const value = t.scale >= 0 ? t.value : t.value * 10n ** BigInt(-t.scale)
  return (quantity * (100n * scale + value)) / (100n * scale)
}

/**
 * The status an order reaches from its lines: `received` when no line is open, `partiallyReceived` when
 * something arrived, else `open`.
 *
 * @since 0.1.0
 */
export const statusFromLines = (lines: ReadonlyArray<PurchaseOrderLine>): PurchaseOrderStatus => {
  if (lines.every((l) => l.status !== "open")) return lines.some((l) => l.received > 0n) ? "received" : "closed"
  return lines.some((l) => l.received > 0n) ? "partiallyReceived" : "open"
}

/**
 * The order's total at its prices: Σ quantity × unit price, exact.
 *
 * @since 0.1.0
 */
export const totalOf = (order: PurchaseOrder, decimalsOf: (line: PurchaseOrderLine) => number): BigDecimal.BigDecimal => {
  let total = BigDecimal.fromBigInt(0n)
  for (const l of order.lines) total = BigDecimal.sum(total, BigDecimal.multiply(l.unitPrice, Quantity.fromUnits(l.quantity, decimalsOf(l))))
  return BigDecimal.normalize(total)
}

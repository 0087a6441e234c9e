/**
 * Requisitions: a request to buy, before it becomes a purchase order.
 *
 * A requisition lists items with quantities (stored in smallest base units), wanted dates and estimated unit
 * prices. It is drafted, submitted, then approved or rejected by someone whose approval limit covers its
 * estimated amount; an approved requisition converts into one purchase order. Its id is its idempotency key.
 *
 * @since 0.1.0
 */
import { BigDecimal, Schema } from "effect"
import { ActorId, ItemId, TenantId } from "./Ids.ts"
import { isPrintable } from "./internal/text.ts"
import { TimeInput } from "./Movement.ts"
import * as Quantity from "./Quantity.ts"
import { UtcTime } from "./internal/utcTime.ts"

const idString = Schema.String.pipe(
  Schema.check(Schema.makeFilter((s: string) => (s.length >= 1 && s.length <= 100 && isPrintable(s)) || "1 to 100 printable characters"))
)

/** A requisition's id. @since 0.1.0 */
export const RequisitionId = idString.pipe(Schema.brand("RequisitionId"))
/** @since 0.1.0 */
export type RequisitionId = typeof RequisitionId.Type

/** Where a requisition stands. @since 0.1.0 */
export const RequisitionStatus = Schema.Literals(["draft", "submitted", "approved", "rejected", "converted"])
/** @since 0.1.0 */
export type RequisitionStatus = typeof RequisitionStatus.Type

/**
 * A requisition line as stored: `quantity` in smallest base units, `estimatedUnitPrice` per base unit.
 *
 * @since 0.1.0
 */
export const RequisitionLine = Schema.Struct({
  lineNo: Schema.Int,
  itemId: ItemId,
  quantity: Schema.BigIntFromString,
  wantedAt: Schema.NullOr(UtcTime),
  estimatedUnitPrice: Schema.NullOr(Schema.BigDecimalFromString)
})
/** @since 0.1.0 */
export type RequisitionLine = typeof RequisitionLine.Type

/**
 * A requisition as stored. `amount` is the exact estimated total (quantity × estimated unit price, in the
 * base unit), `decidedBy`/`decidedAt` record the approval or rejection, `purchaseOrderId` the conversion.
 *
 * @since 0.1.0
 */
export const Requisition = Schema.Struct({
  id: RequisitionId,
  tenantId: TenantId,
  status: RequisitionStatus,
  lines: Schema.Array(RequisitionLine),
  amount: Schema.BigDecimalFromString,
  note: Schema.NullOr(Schema.String),
  requestedBy: ActorId,
  decidedBy: Schema.NullOr(ActorId),
  decidedAt: Schema.NullOr(UtcTime),
  decisionReason: Schema.NullOr(Schema.String),
  purchaseOrderId: Schema.NullOr(Schema.String),
  version: Schema.Int,
  createdAt: UtcTime,
  updatedAt: UtcTime
})
/** @since 0.1.0 */
export type Requisition = typeof Requisition.Type

/**
 * A requisition line as callers give it: `quantity` in `unit` (the base unit by default; it must convert
 * exactly), `estimatedUnitPrice` per base unit (prices stay exact that way; a price per case would not always
 * divide into a price per each).
 *
 * @since 0.1.0
 */
export const RequisitionLineInput = Schema.Struct({
  itemId: ItemId,
  quantity: Quantity.InputSchema,
  unit: Schema.optionalKey(Schema.String),
  wantedAt: Schema.optionalKey(TimeInput),
  estimatedUnitPrice: Schema.optionalKey(Quantity.InputSchema)
})
/** @since 0.1.0 */
export type RequisitionLineInput = typeof RequisitionLineInput.Encoded

/**
 * Input to create a requisition.
 *
 * @since 0.1.0
 */
export const NewRequisition = Schema.Struct({
  id: Schema.optionalKey(RequisitionId),
  lines: Schema.Array(RequisitionLineInput).pipe(Schema.check(Schema.isMinLength(1)), Schema.check(Schema.isMaxLength(1000))),
  note: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isMaxLength(1000))))
})
/** @since 0.1.0 */
export type NewRequisition = typeof NewRequisition.Encoded

/**
 * The exact estimated amount of lines: Σ quantity × estimated unit price, lines without a price counting zero.
 * `decimals` gives each line's base-unit scale.
 *
 * @since 0.1.0
 */
export const amountOf = (
  lines: ReadonlyArray<RequisitionLine>,
  decimalsOf: (line: RequisitionLine) => number
): BigDecimal.BigDecimal => {
  let total = BigDecimal.fromBigInt(0n)
  for (const line of lines) {
    if (line.estimatedUnitPrice === null) continue
    total = BigDecimal.sum(total, BigDecimal.multiply(line.estimatedUnitPrice, Quantity.fromUnits(line.quantity, decimalsOf(line))))
  }
  return BigDecimal.normalize(total)
}

/**
 * Transfers: stock moved between two stock-holding locations, directly (one posting) or in two steps through a
 * transit location: shipped (source → transit), then received (transit → destination), possibly in several
 * receipts.
 *
 * Each line keeps its quantity, what was shipped, received in good order, and written off (damaged or short,
 * posted from transit to a loss location with a reason). What was shipped but is neither received nor written
 * off is in transit. Status: `draft` → `shipped` → `partiallyReceived` → `received` → `closed`, or `cancelled`
 * from `draft`. A direct transfer goes from `draft` to `received` in one posting. Closing a transfer with
 * stock still in transit writes the rest off as short. Quantities are smallest base units (`bigint`).
 *
 * A serial-tracked item's line also names its serials (optional fields, so documents stored before them still
 * decode): the ones it moves, and per serial whether it was received, damaged or declared short; the rest of a
 * shipped line's serials are in transit.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { ActorId, ItemId, LocationId, MovementId, TenantId } from "./Ids.ts"
import { isPrintable } from "./internal/text.ts"
import { LotCode, Serial, TimeInput } from "./Movement.ts"
import * as Quantity from "./Quantity.ts"
import { UtcTime } from "./internal/utcTime.ts"

const idString = (max: number) =>
  Schema.String.pipe(Schema.check(Schema.makeFilter((s: string) => (s.length >= 1 && s.length <= max && isPrintable(s)) || `1 to ${max} printable characters`)))

/** A transfer's id; also the reference of its movements. @since 0.1.0 */
export const TransferId = idString(100).pipe(Schema.brand("TransferId"))
/** @since 0.1.0 */
export type TransferId = typeof TransferId.Type

/** Where a transfer stands. @since 0.1.0 */
export const TransferStatus = Schema.Literals(["draft", "shipped", "partiallyReceived", "received", "closed", "cancelled"])
/** @since 0.1.0 */
export type TransferStatus = typeof TransferStatus.Type

/** What became of a serial shipped on a transfer. @since 0.1.0 */
export const SerialOutcome = Schema.Literals(["received", "damaged", "short"])
/** @since 0.1.0 */
export type SerialOutcome = typeof SerialOutcome.Type

/**
 * A line: an item (and lot), the quantity to move, and what happened to it so far.
 *
 * @since 0.1.0
 */
export const TransferLine = Schema.Struct({
  lineNo: Schema.Int,
  itemId: ItemId,
  lot: Schema.NullOr(Schema.String),
  decimals: Schema.Int,
  quantity: Schema.BigIntFromString,
  shipped: Schema.BigIntFromString,
  received: Schema.BigIntFromString,
  damaged: Schema.BigIntFromString,
  short: Schema.BigIntFromString,
  /** Serial-tracked items: the serials the line moves, sorted. */
  serials: Schema.optionalKey(Schema.Array(Schema.String)),
  /** Serial-tracked items: the serials received, damaged or declared short so far. */
  settledSerials: Schema.optionalKey(Schema.Array(Schema.Struct({ serial: Schema.String, as: SerialOutcome })))
})
/** @since 0.1.0 */
export type TransferLine = typeof TransferLine.Type

/**
 * One receipt: per line what arrived in good order, damaged, or is declared short, and its movements.
 *
 * @since 0.1.0
 */
export const TransferReceipt = Schema.Struct({
  id: Schema.String,
  at: UtcTime,
  actorId: ActorId,
  lines: Schema.Array(Schema.Struct({
    lineNo: Schema.Int,
    received: Schema.BigIntFromString,
    damaged: Schema.BigIntFromString,
    short: Schema.BigIntFromString,
    serials: Schema.optionalKey(Schema.Array(Schema.String)),
    damagedSerials: Schema.optionalKey(Schema.Array(Schema.String)),
    shortSerials: Schema.optionalKey(Schema.Array(Schema.String))
  })),
  movementIds: Schema.Array(MovementId)
})
/** @since 0.1.0 */
export type TransferReceipt = typeof TransferReceipt.Type

/**
 * A transfer as stored. `transitLocationId` is null for a direct transfer.
 *
 * @since 0.1.0
 */
export const Transfer = Schema.Struct({
  id: TransferId,
  tenantId: TenantId,
  fromLocationId: LocationId,
  toLocationId: LocationId,
  transitLocationId: Schema.NullOr(LocationId),
  status: TransferStatus,
  lines: Schema.Array(TransferLine),
  receipts: Schema.Array(TransferReceipt),
  reference: Schema.NullOr(Schema.String),
  expectedAt: Schema.NullOr(UtcTime),
  shippedAt: Schema.NullOr(UtcTime),
  closedAt: Schema.NullOr(UtcTime),
  createdBy: ActorId,
  createdAt: UtcTime,
  updatedAt: UtcTime,
  version: Schema.Int
})
/** @since 0.1.0 */
export type Transfer = typeof Transfer.Type

/** What a line still has in transit. @since 0.1.0 */
export const inTransit = (line: TransferLine): bigint => line.shipped - line.received - line.damaged - line.short

/** The serials a line still has in transit (none before it ships, none for untracked items). @since 0.1.0 */
export const serialsInTransit = (line: TransferLine): ReadonlyArray<string> => {
  if (line.shipped === 0n || line.serials === undefined) return []
  const settled = new Set((line.settledSerials ?? []).map((s) => s.serial))
  return line.serials.filter((s) => !settled.has(s))
}

/**
 * Input to create a transfer. Quantities are in `unit` (the item's base unit by default). Without
 * `transitLocationId` the transfer is direct. A serial-tracked item's line names its `serials`, one per unit.
 *
 * @since 0.1.0
 */
export const NewTransfer = Schema.Struct({
  id: Schema.optionalKey(Schema.String),
  from: Schema.String,
  to: Schema.String,
  transitLocationId: Schema.optionalKey(Schema.String),
  lines: Schema.Array(Schema.Struct({
    itemId: Schema.String,
    quantity: Quantity.InputSchema,
    unit: Schema.optionalKey(Schema.String),
    lot: Schema.optionalKey(LotCode),
    serials: Schema.optionalKey(Schema.Array(Serial))
  })).pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(10_000))),
  reference: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isMaxLength(256)))),
  expectedAt: Schema.optionalKey(TimeInput)
})
/** @since 0.1.0 */
export type NewTransfer = typeof NewTransfer.Encoded

/**
 * Input to receive against a shipped transfer. Per line (by `lineNo`): `quantity` arrived in good order,
 * `damaged` arrived unusable, `short` is declared missing; all default to zero and are in the item's base
 * unit. Damaged and short stock posts to `lossLocationId`. `id` makes the receipt idempotent. For a
 * serial-tracked line name the serials instead (`serials`, `damagedSerials`, `shortSerials`); each must still be
 * in transit on that line, and a quantity given beside them must match their count.
 *
 * @since 0.1.0
 */
export const ReceiveInput = Schema.Struct({
  id: Schema.optionalKey(idString(100)),
  lines: Schema.Array(Schema.Struct({
    lineNo: Schema.Int,
    quantity: Schema.optionalKey(Quantity.InputSchema),
    damaged: Schema.optionalKey(Quantity.InputSchema),
    short: Schema.optionalKey(Quantity.InputSchema),
    serials: Schema.optionalKey(Schema.Array(Serial)),
    damagedSerials: Schema.optionalKey(Schema.Array(Serial)),
    shortSerials: Schema.optionalKey(Schema.Array(Serial))
  })).pipe(Schema.check(Schema.isMinLength(1))),
  lossLocationId: Schema.optionalKey(Schema.String)
})
/** @since 0.1.0 */
export type ReceiveInput = typeof ReceiveInput.Encoded

/**
 * Stock movements: the entries of the double-entry stock ledger.
 *
 * A movement moves a positive quantity of one item from one location to another, optionally for a lot or for
 * named serials. Virtual locations (supplier, customer, loss, production) make every movement balance, so an
 * item's quantity summed over all locations is always zero. Its id is its idempotency key.
 *
 * @since 0.1.0
 */
import { DateTime, Schema } from "effect"
import { ActorId, ItemId, LocationId, MovementId, ReservationId, TenantId } from "./Ids.ts"
import { isPrintable, isToken } from "./internal/text.ts"
import * as Quantity from "./Quantity.ts"
import { UtcTime } from "./internal/utcTime.ts"

const Text = (max: number) =>
  Schema.String.pipe(Schema.check(Schema.makeFilter((s: string) => s.length <= max || `at most ${max} characters`)))

/** A lot code. @since 0.1.0 */
export const LotCode = Schema.String.pipe(
  Schema.check(Schema.makeFilter((s: string) => (s.length >= 1 && s.length <= 64 && isPrintable(s)) || "a lot code of 1 to 64 printable characters"))
)

/** A serial number. @since 0.1.0 */
export const Serial = Schema.String.pipe(
  Schema.check(Schema.makeFilter((s: string) => (s.length >= 1 && s.length <= 128 && isToken(s)) || "a serial of 1 to 128 characters without spaces"))
)

/**
 * A point in time given as an ISO-8601 string, epoch milliseconds or a `DateTime.Utc`.
 *
 * @since 0.1.0
 */
export const TimeInput = Schema.Union([Schema.DateTimeUtc, UtcTime, Schema.DateTimeUtcFromMillis])

/**
 * A movement as recorded. Quantities are in smallest base units of the item (a `bigint`); `seq` is the
 * store's recording order, used for cursors.
 *
 * @since 0.1.0
 */
export const Movement = Schema.Struct({
  id: MovementId,
  tenantId: TenantId,
  seq: Schema.Int,
  batchId: MovementId,
  itemId: ItemId,
  fromLocationId: LocationId,
  toLocationId: LocationId,
  quantity: Schema.BigIntFromString,
  lot: Schema.NullOr(Schema.String),
  serials: Schema.Array(Schema.String),
  unitCost: Schema.NullOr(Schema.BigDecimalFromString),
  effectiveAt: UtcTime,
  recordedAt: UtcTime,
  reasonCode: Schema.NullOr(Schema.String),
  reference: Schema.NullOr(Schema.String),
  reservationId: Schema.NullOr(ReservationId),
  actorId: ActorId
})
/** @since 0.1.0 */
export type Movement = typeof Movement.Type

/**
 * One line of a posting, as callers give it.
 *
 * - `quantity` is in `unit` (the item's base unit by default) and must convert exactly.
 * - `lot` is required for lot-tracked items; `lotExpiresAt` sets the expiry of a lot received for the first time.
 * - `serials` is required for serial-tracked items, one per unit.
 * - `unitCost` is the cost per base unit of value entering (receipts, positive adjustments).
 * - `effectiveAt` defaults to now and may lie in the past.
 * - `reservationId` names the reservation this issue fulfils.
 *
 * @since 0.1.0
 */
export const MovementInput = Schema.Struct({
  id: MovementId,
  itemId: ItemId,
  from: LocationId,
  to: LocationId,
  quantity: Quantity.InputSchema,
  unit: Schema.optionalKey(Schema.String),
  lot: Schema.optionalKey(LotCode),
  lotExpiresAt: Schema.optionalKey(TimeInput),
  serials: Schema.optionalKey(Schema.Array(Serial)),
  unitCost: Schema.optionalKey(Quantity.InputSchema),
  effectiveAt: Schema.optionalKey(TimeInput),
  reasonCode: Schema.optionalKey(Text(64)),
  reference: Schema.optionalKey(Text(256)),
  reservationId: Schema.optionalKey(ReservationId)
})
/** @since 0.1.0 */
export type MovementInput = typeof MovementInput.Encoded

/**
 * A batch of lines to post atomically.
 *
 * @since 0.1.0
 */
export const PostInput = Schema.Array(MovementInput).pipe(
  Schema.check(Schema.makeFilter((lines: ReadonlyArray<unknown>) => (lines.length >= 1 && lines.length <= 1_000_000) || "1 to 1,000,000 lines"))
)

/**
 * Whether two recorded movements carry the same content: everything a caller chose, not the recording
 * metadata (`seq`, `recordedAt`, `actorId`, `batchId`).
 *
 * @since 0.1.0
 */
export const sameContent = (a: Movement, b: Movement): boolean =>
  a.id === b.id &&
  a.itemId === b.itemId &&
  a.fromLocationId === b.fromLocationId &&
  a.toLocationId === b.toLocationId &&
  a.quantity === b.quantity &&
  a.lot === b.lot &&
  a.serials.length === b.serials.length &&
  a.serials.every((s, i) => s === b.serials[i]) &&
  (a.unitCost === null ? b.unitCost === null : b.unitCost !== null && Quantity.equals(a.unitCost, b.unitCost)) &&
  DateTime.toEpochMillis(a.effectiveAt) === DateTime.toEpochMillis(b.effectiveAt) &&
  a.reasonCode === b.reasonCode &&
  a.reference === b.reference &&
  a.reservationId === b.reservationId

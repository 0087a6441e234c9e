/**
 * Reservations: stock promised to an order before it ships.
 *
 * A reservation holds a quantity of an item, anywhere or at a location's subtree, until it is released,
 * fulfilled by the issue that ships it, or expires. Expired reservations stop counting without any write.
 * Its id is its idempotency key.
 *
 * @since 0.1.0
 */
import { DateTime, Schema } from "effect"
import { ActorId, ItemId, LocationId, ReservationId, TenantId } from "./Ids.ts"
import { TimeInput } from "./Movement.ts"
import * as Quantity from "./Quantity.ts"
import { UtcTime } from "./internal/utcTime.ts"

/** Where a reservation stands. @since 0.1.0 */
export const ReservationStatus = Schema.Literals(["open", "released", "fulfilled"])
/** @since 0.1.0 */
export type ReservationStatus = typeof ReservationStatus.Type

/**
 * A reservation as stored. Quantities are in smallest base units.
 *
 * @since 0.1.0
 */
export const Reservation = Schema.Struct({
  id: ReservationId,
  tenantId: TenantId,
  itemId: ItemId,
  locationId: Schema.NullOr(LocationId),
  quantity: Schema.BigIntFromString,
  fulfilled: Schema.BigIntFromString,
  status: ReservationStatus,
  expiresAt: Schema.NullOr(UtcTime),
  reference: Schema.NullOr(Schema.String),
  actorId: ActorId,
  version: Schema.Int,
  createdAt: UtcTime,
  updatedAt: UtcTime
})
/** @since 0.1.0 */
export type Reservation = typeof Reservation.Type

/**
 * Input for one reservation. Give `expiresAt`, or `ttlSeconds` from now, or neither for no expiry.
 *
 * @since 0.1.0
 */
export const ReservationInput = Schema.Struct({
  id: ReservationId,
  itemId: ItemId,
  locationId: Schema.optionalKey(LocationId),
  quantity: Quantity.InputSchema,
  unit: Schema.optionalKey(Schema.String),
  expiresAt: Schema.optionalKey(TimeInput),
  ttlSeconds: Schema.optionalKey(Schema.Int.pipe(Schema.check(Schema.isGreaterThan(0)))),
  reference: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isMaxLength(256))))
})
/** @since 0.1.0 */
export type ReservationInput = typeof ReservationInput.Encoded

/**
 * The quantity a reservation still holds at `now`: zero once released, fulfilled or expired.
 *
 * @since 0.1.0
 */
export const outstanding = (reservation: Reservation, now: DateTime.Utc): bigint =>
  reservation.status === "open" &&
    (reservation.expiresAt === null || DateTime.isGreaterThan(reservation.expiresAt, now))
    ? reservation.quantity - reservation.fulfilled
    : 0n

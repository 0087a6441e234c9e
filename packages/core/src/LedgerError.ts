/**
 * Errors of the stock ledger and of reservations.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** A line of a posting is invalid; `field` names it (for example `lines[2].serials`). @since 0.1.0 */
export class InvalidMovement extends Schema.TaggedError<InvalidMovement>()("InvalidMovement", {
  field: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.field}: ${this.reason}`
  }
}

/** A discontinued item cannot be received. @since 0.1.0 */
export class ItemDiscontinued extends Schema.TaggedError<ItemDiscontinued>()("ItemDiscontinued", {
  itemId: Schema.String,
  field: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.field}: item ${JSON.stringify(this.itemId)} is discontinued and cannot be received`
  }
}

/**
 * The posting would take a location's stock below zero where negative stock is refused. Quantities are
 * decimals in the item's base unit; `requested` is the batch's summed demand on that balance.
 *
 * @since 0.1.0
 */
export class InsufficientStock extends Schema.TaggedError<InsufficientStock>()("InsufficientStock", {
  itemId: Schema.String,
  locationId: Schema.String,
  lot: Schema.NullOr(Schema.String),
  onHand: Schema.String,
  requested: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    const lot = this.lot === null ? "" : ` lot ${JSON.stringify(this.lot)}`
    return `insufficient stock of item ${JSON.stringify(this.itemId)}${lot} at ${JSON.stringify(this.locationId)}: ${this.onHand} on hand, ${this.requested} requested`
  }
}

/**
 * The change would take available stock (on hand minus reservations) below zero. `locationId` is null for
 * the item as a whole.
 *
 * @since 0.1.0
 */
export class InsufficientAvailable extends Schema.TaggedError<InsufficientAvailable>()("InsufficientAvailable", {
  itemId: Schema.String,
  locationId: Schema.NullOr(Schema.String),
  available: Schema.String,
  requested: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    const where = this.locationId === null ? "" : ` at ${JSON.stringify(this.locationId)}`
    return `insufficient available stock of item ${JSON.stringify(this.itemId)}${where}: ${this.available} available after reservations, ${this.requested} requested`
  }
}

/** The id was used before for different content. @since 0.1.0 */
export class IdempotencyConflict extends Schema.TaggedError<IdempotencyConflict>()("IdempotencyConflict", {
  entity: Schema.String,
  id: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.entity} ${JSON.stringify(this.id)} was already recorded ${this.reason}`
  }
}

/** A serial is not where the movement says it is, or is already in stock. @since 0.1.0 */
export class SerialConflict extends Schema.TaggedError<SerialConflict>()("SerialConflict", {
  itemId: Schema.String,
  serial: Schema.String,
  field: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.field}: serial ${JSON.stringify(this.serial)} of item ${JSON.stringify(this.itemId)} ${this.reason}`
  }
}

/** No reservation with this id exists for the tenant. @since 0.1.0 */
export class UnknownReservation extends Schema.TaggedError<UnknownReservation>()("UnknownReservation", {
  reservationId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `unknown reservation ${JSON.stringify(this.reservationId)}`
  }
}

/** The reservation is released, fulfilled or expired, or does not match the movement. @since 0.1.0 */
export class ReservationNotOpen extends Schema.TaggedError<ReservationNotOpen>()("ReservationNotOpen", {
  reservationId: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `reservation ${JSON.stringify(this.reservationId)} ${this.reason}`
  }
}

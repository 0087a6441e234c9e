/**
 * Domain events: what every command did, as a Schema tagged union.
 *
 * Each command appends its events in the same unit of work as its change, wrapped in an {@link Envelope}
 * with tenant, actor and time. The log is the audit trail and the outbox that connectors consume.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { ActorId, EventId, LocationId, TenantId } from "./Ids.ts"
import { Item } from "./Item.ts"
import { Location } from "./Location.ts"
import { Lot } from "./Lot.ts"
import { Movement } from "./Movement.ts"
import { Reservation } from "./Reservation.ts"

/** An item was created. @since 0.1.0 */
export const ItemCreated = Schema.TaggedStruct("ItemCreated", { item: Item })
/** An item was changed; `changed` names the fields. @since 0.1.0 */
export const ItemUpdated = Schema.TaggedStruct("ItemUpdated", { item: Item, changed: Schema.Array(Schema.String) })
/** A location was created. @since 0.1.0 */
export const LocationCreated = Schema.TaggedStruct("LocationCreated", { location: Location })
/** A location moved to another parent. @since 0.1.0 */
export const LocationMoved = Schema.TaggedStruct("LocationMoved", {
  locationId: LocationId,
  fromParentId: Schema.NullOr(LocationId),
  toParentId: Schema.NullOr(LocationId)
})
/** A location was archived. @since 0.1.0 */
export const LocationArchived = Schema.TaggedStruct("LocationArchived", { locationId: LocationId })
/** A batch of movements was posted; `lots` lists lots it registered. @since 0.1.0 */
export const MovementsPosted = Schema.TaggedStruct("MovementsPosted", {
  movements: Schema.Array(Movement),
  lots: Schema.Array(Lot)
})
/** A reservation was placed. @since 0.1.0 */
export const ReservationPlaced = Schema.TaggedStruct("ReservationPlaced", { reservation: Reservation })
/** A reservation was released before it was fulfilled. @since 0.1.0 */
export const ReservationReleased = Schema.TaggedStruct("ReservationReleased", { reservation: Reservation })
/** An issue fulfilled (part of) a reservation. @since 0.1.0 */
export const ReservationFulfilled = Schema.TaggedStruct("ReservationFulfilled", {
  reservation: Reservation,
  movementId: Schema.String,
  quantity: Schema.BigIntFromString
})
/** A reservation's expiry moved. @since 0.1.0 */
export const ReservationExtended = Schema.TaggedStruct("ReservationExtended", { reservation: Reservation })

/**
 * Every domain event of the core.
 *
 * @since 0.1.0
 */
export const DomainEvent = Schema.Union([
  ItemCreated,
  ItemUpdated,
  LocationCreated,
  LocationMoved,
  LocationArchived,
  MovementsPosted,
  ReservationPlaced,
  ReservationReleased,
  ReservationFulfilled,
  ReservationExtended
])
/** @since 0.1.0 */
export type DomainEvent = typeof DomainEvent.Type

/** A reference to an entity an event touches, for the audit trail. @since 0.1.0 */
export const EntityRef = Schema.Struct({ type: Schema.String, id: Schema.String })
/** @since 0.1.0 */
export type EntityRef = typeof EntityRef.Type

/**
 * An event with its metadata. `seq` is the store's order of appending, per tenant; it is 0 until appended.
 *
 * @since 0.1.0
 */
export const Envelope = Schema.Struct({
  id: EventId,
  tenantId: TenantId,
  seq: Schema.Int,
  actorId: ActorId,
  at: Schema.DateTimeUtcFromString,
  entities: Schema.Array(EntityRef),
  event: DomainEvent
})
/** @since 0.1.0 */
export type Envelope = typeof Envelope.Type


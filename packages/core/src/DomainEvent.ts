/**
 * Domain events: what every command did, as a Schema tagged union.
 *
 * Each command appends its events in the same unit of work as its change, wrapped in an {@link Envelope}
 * with tenant, actor and time. The log is the audit trail and the outbox that connectors consume.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as AssetEvent from "./AssetEvent.ts"
import * as AssetServiceEvent from "./AssetServiceEvent.ts"
import { ActorId, EventId, ItemId, LocationId, TenantId } from "./Ids.ts"
import { Item, ValuationMethod } from "./Item.ts"
import { Location } from "./Location.ts"
import { Lot } from "./Lot.ts"
import { Movement } from "./Movement.ts"
import * as ProcurementEvent from "./ProcurementEvent.ts"
import * as CountEvent from "./CountEvent.ts"
import * as TransferEvent from "./TransferEvent.ts"
import { Reservation } from "./Reservation.ts"
import { UtcTime } from "./internal/utcTime.ts"

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

const Amount = Schema.BigDecimalFromString

/**
 * Figures already recorded for an item changed: a backdated movement, a cost correction, a period close or a
 * periodic method's open period revalued them. `cogs` and `value` are the changes (new minus old) in cost of
 * goods sold and value on hand; `issues` counts issue movements whose cost changed; `from` is the earliest
 * effective time affected.
 *
 * @since 0.1.0
 */
export const InventoryRevalued = Schema.TaggedStruct("InventoryRevalued", {
  itemId: ItemId,
  cause: Schema.Literals(["backdated-movement", "cost-correction", "landed-cost", "period-close", "open-period", "settings-change"]),
  from: UtcTime,
  issues: Schema.Int,
  cogs: Amount,
  value: Amount
})
/**
 * A receipt covered issues that had gone out with no stock at the last known cost: each `difference`
 * (actual − provisional) posts to cost of goods sold (or, for a return to a supplier, to cost received).
 *
 * @since 0.1.0
 */
export const CostTrueUp = Schema.TaggedStruct("CostTrueUp", {
  itemId: ItemId,
  receiptId: Schema.String,
  effectiveAt: UtcTime,
  trueUps: Schema.Array(Schema.Struct({ issueId: Schema.String, provisional: Amount, actual: Amount, difference: Amount }))
})
/**
 * A landed cost was allocated to receipts: `onHand` joined their layers, `consumed` (the share already issued)
 * posted to cost of goods sold.
 *
 * @since 0.1.0
 */
export const LandedCostAllocated = Schema.TaggedStruct("LandedCostAllocated", {
  landedCostId: Schema.String,
  effectiveAt: UtcTime,
  basis: Schema.Literals(["quantity", "value", "weight"]),
  amount: Amount,
  reference: Schema.NullOr(Schema.String),
  allocations: Schema.Array(Schema.Struct({ itemId: ItemId, receiptId: Schema.String, amount: Amount, onHand: Amount, consumed: Amount }))
})
/**
 * A period was closed: movements effective before `end` are refused from now on. The figures are the value
 * on hand at `end` and the cost received and sold in the period.
 *
 * @since 0.1.0
 */
export const PeriodClosed = Schema.TaggedStruct("PeriodClosed", {
  periodId: Schema.String,
  start: Schema.NullOr(UtcTime),
  end: UtcTime,
  value: Amount,
  received: Amount,
  cogs: Amount
})
/**
 * An item's valuation method changed from `effectiveAt` on. `cogs` and `value` are the revaluation it caused:
 * the change in cost of goods sold since then and in value on hand now.
 *
 * @since 0.1.0
 */
export const ValuationMethodChanged = Schema.TaggedStruct("ValuationMethodChanged", {
  itemId: ItemId,
  from: ValuationMethod,
  to: ValuationMethod,
  effectiveAt: UtcTime,
  cogs: Amount,
  value: Amount
})

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
  ReservationExtended,
  InventoryRevalued,
  CostTrueUp,
  LandedCostAllocated,
  PeriodClosed,
  ValuationMethodChanged,
  ...AssetEvent.events,
  ...AssetServiceEvent.events,
  ...ProcurementEvent.events,
  ...CountEvent.events,
  ...TransferEvent.events
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
  at: UtcTime,
  entities: Schema.Array(EntityRef),
  event: DomainEvent
})
/** @since 0.1.0 */
export type Envelope = typeof Envelope.Type


/**
 * Work orders: one piece of maintenance or repair on an asset, with its status, costs, the parts it consumed
 * and the downtime it caused.
 *
 * The status is a small state machine: `open` → `inProgress` → `done`, and `open` or `inProgress` →
 * `cancelled`; an open order may also be completed directly. `done` and `cancelled` are final.
 * Labour and vendor costs are exact decimals. Parts are stock issues posted through the ledger; each keeps
 * its exact cost, from the valuation or from a unit cost given with it.
 *
 * @since 0.1.0
 */
import { type BigDecimal, type DateTime, Duration, Schema } from "effect"
import { match } from "ts-pattern"
import { AssetId, ItemId, LocationId, MaintenancePlanId, MovementId, TenantId, WorkOrderId } from "./Ids.ts"
import { sum } from "./internal/amount.ts"
import { UtcTime } from "./internal/utcTime.ts"

/** A work order's status. @since 0.1.0 */
export const Status = Schema.Literals(["open", "inProgress", "done", "cancelled"])
/** @since 0.1.0 */
export type Status = typeof Status.Type

/**
 * One part consumed: the movement that issued it, its quantity in the item's base unit, and its exact cost.
 *
 * @since 0.1.0
 */
export const Part = Schema.Struct({
  movementId: MovementId,
  itemId: ItemId,
  fromLocationId: LocationId,
  toLocationId: LocationId,
  quantity: Schema.BigDecimalFromString,
  cost: Schema.BigDecimalFromString,
  costSource: Schema.Literals(["valuation", "given"])
})
/** @since 0.1.0 */
export type Part = typeof Part.Type

/**
 * A work order as stored.
 *
 * @since 0.1.0
 */
export const WorkOrder = Schema.Struct({
  id: WorkOrderId,
  tenantId: TenantId,
  assetId: AssetId,
  planId: Schema.NullOr(MaintenancePlanId),
  title: Schema.String,
  status: Status,
  labourCost: Schema.BigDecimalFromString,
  vendorCost: Schema.BigDecimalFromString,
  parts: Schema.Array(Part),
  downtimeStart: Schema.NullOr(UtcTime),
  downtimeEnd: Schema.NullOr(UtcTime),
  note: Schema.NullOr(Schema.String),
  openedAt: UtcTime,
  closedAt: Schema.NullOr(UtcTime),
  version: Schema.Int,
  updatedAt: UtcTime
})
/** @since 0.1.0 */
export type WorkOrder = typeof WorkOrder.Type

/** What can happen to a work order. @since 0.1.0 */
export type Action = "start" | "complete" | "cancel"

/**
 * The status an action leads to from a status, or undefined when the action is not allowed there.
 *
 * @since 0.1.0
 */
export const transition = (from: Status, action: Action): Status | undefined =>
  match([from, action] as const)
    .with(["open", "start"], () => "inProgress" as const)
    .with(["open", "complete"], ["inProgress", "complete"], () => "done" as const)
    .with(["open", "cancel"], ["inProgress", "cancel"], () => "cancelled" as const)
    .with(["inProgress", "start"], ["done", "start"], ["done", "complete"], ["done", "cancel"], () => undefined)
    .with(["cancelled", "start"], ["cancelled", "complete"], ["cancelled", "cancel"], () => undefined)
    .exhaustive()

/**
 * Whether parts may still be consumed and costs recorded: the order is open or in progress.
 *
 * @since 0.1.0
 */
export const isActive = (order: WorkOrder): boolean => order.status === "open" || order.status === "inProgress"

/**
 * The downtime the work caused: from its start to its end, or to `now` while it lasts; zero without a start.
 *
 * @since 0.1.0
 */
export const downtime = (order: WorkOrder, now: DateTime.Utc): Duration.Duration =>
  order.downtimeStart === null
    ? Duration.zero
    : Duration.millis(Math.max(0, (order.downtimeEnd ?? now).epochMilliseconds - order.downtimeStart.epochMilliseconds))

/**
 * The exact cost of the parts an order consumed.
 *
 * @since 0.1.0
 */
export const partsCost = (order: WorkOrder): BigDecimal.BigDecimal => sum(order.parts.map((p) => p.cost))

/**
 * The order's labour and vendor cost, exact.
 *
 * @since 0.1.0
 */
export const serviceCost = (order: WorkOrder): BigDecimal.BigDecimal => sum([order.labourCost, order.vendorCost])

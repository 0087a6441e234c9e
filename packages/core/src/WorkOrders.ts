/**
 * Work-order commands: open, start, complete and cancel work on an asset, record its costs and downtime, and
 * consume parts.
 *
 * Every command runs in one unit of work with its domain events. Consuming parts posts a stock issue through
 * {@link StockLedger.post} from a stock location to a consumption location (usage `loss` or `production`) in
 * the same transaction as the work order's change, so insufficient stock fails the whole command and writes
 * nothing. A part's cost is its unit cost × quantity when one is given, and otherwise what the valuation
 * charged the issue, both exact. Completing an order made for a plan restarts the plan's schedule.
 *
 * @since 0.1.0
 */
import { BigDecimal, DateTime, Effect, Schema } from "effect"
import type { AssetDisposed, UnknownAsset } from "./AssetError.ts"
import { CatalogStore } from "./CatalogStore.ts"
import { UnknownLocation } from "./CatalogError.ts"
import { CurrentActor } from "./CurrentActor.ts"
import { emit } from "./EventLog.ts"
import type { AssetId, ItemId, LocationId, MaintenancePlanId, MovementId, WorkOrderId } from "./Ids.ts"
import { decode, InvalidInput } from "./InputError.ts"
import { optionalAmount, zero } from "./internal/amount.ts"
import { dateOf } from "./internal/calendar.ts"
import { liveAsset, loadOrder, loadPlan, meterOf, orderEntities, planEntities, Text } from "./internal/maintenance.ts"
import { restart } from "./MaintenancePlan.ts"
import {
  DuplicateMaintenanceRecord,
  InvalidWorkOrderTransition,
  NotAConsumptionLocation,
  type UnknownMaintenancePlan,
  type UnknownWorkOrder
} from "./MaintenanceError.ts"
import { MaintenanceStore } from "./MaintenanceStore.ts"
import { TimeInput } from "./Movement.ts"
import * as Quantity from "./Quantity.ts"
import * as StockLedger from "./StockLedger.ts"
import type { AssetStore } from "./AssetStore.ts"
import type { ConcurrentModification, StoreError } from "./StoreError.ts"
import { transaction } from "./UnitOfWork.ts"
import * as ValuationReports from "./ValuationReports.ts"
import { type Action, isActive, type Part, transition, type WorkOrder } from "./WorkOrder.ts"

/** The services work orders need. @since 0.1.0 */
export type Env = MaintenanceStore | AssetStore | StockLedger.Env | ValuationReports.Env

/** Every way a work-order command can fail. None of them changes anything. @since 0.1.0 */
export type Error =
  | InvalidInput
  | UnknownAsset
  | AssetDisposed
  | UnknownMaintenancePlan
  | UnknownWorkOrder
  | DuplicateMaintenanceRecord
  | InvalidWorkOrderTransition
  | ConcurrentModification
  | StoreError

/**
 * Input to open a work order. Costs are exact decimals; `downtimeStart` is when the asset stopped.
 *
 * @since 0.1.0
 */
export const OpenInput = Schema.Struct({
  id: Text(128),
  assetId: Text(128),
  planId: Schema.optionalKey(Text(128)),
  title: Text(256),
  labourCost: Schema.optionalKey(Quantity.InputSchema),
  vendorCost: Schema.optionalKey(Quantity.InputSchema),
  downtimeStart: Schema.optionalKey(TimeInput),
  note: Schema.optionalKey(Text(2000))
})

/**
 * Opens a work order on an asset, optionally for a plan (whose schedule restarts when the order is done),
 * optionally with the time its downtime started.
 *
 * @since 0.1.0
 */
export const openWorkOrder = (input: typeof OpenInput.Encoded): Effect.Effect<WorkOrder, Error, Env> =>
  Effect.gen(function*() {
    const i = yield* decode("openWorkOrder", OpenInput)(input)
    const labourCost = (yield* optionalAmount("openWorkOrder", "labourCost", i.labourCost)) ?? zero
    const vendorCost = (yield* optionalAmount("openWorkOrder", "vendorCost", i.vendorCost)) ?? zero
    const actor = yield* CurrentActor
    const now = yield* DateTime.now
    return yield* transaction(Effect.gen(function*() {
      yield* liveAsset(i.assetId, "open a work order on")
      if (i.planId !== undefined) {
        const plan = yield* loadPlan(i.planId)
        if (plan.assetId !== i.assetId) {
          return yield* new InvalidInput({ operation: "openWorkOrder", field: "planId", reason: `belongs to asset ${JSON.stringify(plan.assetId)}` })
        }
      }
      const store = yield* MaintenanceStore
      if ((yield* store.getWorkOrders(actor.tenantId, [i.id as WorkOrderId])).size > 0) {
        return yield* new DuplicateMaintenanceRecord({ entity: "work order", id: i.id })
      }
      const order: WorkOrder = {
        id: i.id as WorkOrderId,
        tenantId: actor.tenantId,
        assetId: i.assetId as AssetId,
        planId: (i.planId ?? null) as MaintenancePlanId | null,
        title: i.title,
        status: "open",
        labourCost,
        vendorCost,
        parts: [],
        downtimeStart: i.downtimeStart ?? null,
        downtimeEnd: null,
        note: i.note ?? null,
        openedAt: now,
        closedAt: null,
        version: 1,
        updatedAt: now
      }
      yield* store.putWorkOrders([order])
      yield* emit([{ event: { _tag: "WorkOrderOpened", workOrder: order }, entities: orderEntities(order) }])
      return order
    }))
  })

/**
 * Input to complete or cancel a work order: final costs, the end of downtime and a note, all optional.
 *
 * @since 0.1.0
 */
export const CloseInput = Schema.Struct({
  labourCost: Schema.optionalKey(Quantity.InputSchema),
  vendorCost: Schema.optionalKey(Quantity.InputSchema),
  downtimeEnd: Schema.optionalKey(TimeInput),
  note: Schema.optionalKey(Text(2000))
})

const move = (id: string, action: Action, input: typeof CloseInput.Encoded) =>
  Effect.gen(function*() {
    const i = yield* decode(`${action}WorkOrder`, CloseInput)(input)
    const labourCost = yield* optionalAmount(`${action}WorkOrder`, "labourCost", i.labourCost)
    const vendorCost = yield* optionalAmount(`${action}WorkOrder`, "vendorCost", i.vendorCost)
    const now = yield* DateTime.now
    return yield* transaction(Effect.gen(function*() {
      const before = yield* loadOrder(id)
      const status = transition(before.status, action)
      if (status === undefined) return yield* new InvalidWorkOrderTransition({ workOrderId: id, from: before.status, action })
      const closing = status === "done" || status === "cancelled"
      const downtimeEnd = i.downtimeEnd ?? (closing && before.downtimeStart !== null ? before.downtimeEnd ?? now : before.downtimeEnd)
      if (downtimeEnd !== null && before.downtimeStart !== null && DateTime.isLessThan(downtimeEnd, before.downtimeStart)) {
        return yield* new InvalidInput({ operation: `${action}WorkOrder`, field: "downtimeEnd", reason: "lies before the downtime start" })
      }
      const order: WorkOrder = {
        ...before,
        status,
        ...(labourCost === undefined ? {} : { labourCost }),
        ...(vendorCost === undefined ? {} : { vendorCost }),
        ...(i.note === undefined ? {} : { note: i.note }),
        downtimeEnd,
        closedAt: closing ? now : null,
        version: before.version + 1,
        updatedAt: now
      }
      const store = yield* MaintenanceStore
      yield* store.putWorkOrders([order])
      yield* emit([{ event: { _tag: "WorkOrderStatusChanged", workOrder: order, from: before.status }, entities: orderEntities(order) }])
      if (status === "done" && order.planId !== null) {
        const plan = yield* loadPlan(order.planId)
        const readings = yield* store.latestReadings(order.tenantId, [plan.assetId])
        const next = { ...plan, schedule: restart(plan.schedule, dateOf(now), meterOf(readings, plan)), version: plan.version + 1, updatedAt: now }
        yield* store.putPlans([next])
        yield* emit([{ event: { _tag: "MaintenancePlanUpdated", plan: next, workOrderId: order.id }, entities: planEntities(next) }])
      }
      return order
    }))
  })

/**
 * Starts work on an open order.
 *
 * @since 0.1.0
 */
export const start = (id: string): Effect.Effect<WorkOrder, Error, Env> => move(id, "start", {})

/**
 * Completes an order, optionally with its final labour and vendor costs and the end of downtime (now by
 * default when downtime started). A plan's order restarts the plan from today and the latest meter reading.
 *
 * @since 0.1.0
 */
export const complete = (id: string, input: typeof CloseInput.Encoded = {}): Effect.Effect<WorkOrder, Error, Env> => move(id, "complete", input)

/**
 * Cancels an open or started order. Costs and parts already recorded stay on it.
 *
 * @since 0.1.0
 */
export const cancel = (id: string, input: typeof CloseInput.Encoded = {}): Effect.Effect<WorkOrder, Error, Env> => move(id, "cancel", input)

/**
 * One part to consume: the movement id, item, from and to locations, quantity (in `unit`), lot or serials,
 * and optionally the unit cost per base unit (otherwise the valuation's).
 *
 * @since 0.1.0
 */
export const PartInput = Schema.Struct({
  id: Text(128),
  itemId: Text(128),
  from: Text(128),
  to: Text(128),
  quantity: Quantity.InputSchema,
  unit: Schema.optionalKey(Schema.String),
  lot: Schema.optionalKey(Schema.String),
  serials: Schema.optionalKey(Schema.Array(Schema.String)),
  unitCost: Schema.optionalKey(Quantity.InputSchema)
})
const PartsInput = Schema.Array(PartInput).pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(1000)))

/** Errors of {@link consumeParts}. @since 0.1.0 */
export type ConsumeError = Error | StockLedger.PostError | ValuationReports.Error | NotAConsumptionLocation | UnknownLocation

/**
 * Consumes parts on an open or started order: one stock issue per line, from a stock location to a loss or
 * production location, posted in the same transaction. Each line's `id` is its movement id.
 *
 * @since 0.1.0
 */
export const consumeParts = (
  id: string,
  lines: ReadonlyArray<typeof PartInput.Encoded>
): Effect.Effect<WorkOrder, ConsumeError, Env> =>
  Effect.gen(function*() {
    const ls = yield* decode("consumeParts", PartsInput)(lines)
    const unitCosts: Array<BigDecimal.BigDecimal | undefined> = []
    for (let k = 0; k < ls.length; k++) unitCosts.push(yield* optionalAmount("consumeParts", `lines[${k}].unitCost`, ls[k]!.unitCost))
    const actor = yield* CurrentActor
    const now = yield* DateTime.now
    return yield* transaction(Effect.gen(function*() {
      const before = yield* loadOrder(id)
      if (!isActive(before)) return yield* new InvalidWorkOrderTransition({ workOrderId: id, from: before.status, action: "consume parts" })
      const locations = yield* (yield* CatalogStore).getLocations(actor.tenantId, [...new Set(ls.map((l) => l.to as LocationId))])
      for (let k = 0; k < ls.length; k++) {
        const to = locations.get(ls[k]!.to as LocationId)
        if (to === undefined) return yield* new UnknownLocation({ locationId: ls[k]!.to })
        if (to.usage !== "loss" && to.usage !== "production") {
          return yield* new NotAConsumptionLocation({ field: `lines[${k}].to`, locationId: to.id, usage: to.usage })
        }
      }
      const posted = yield* StockLedger.post(ls.map((l) => ({
        id: l.id,
        itemId: l.itemId,
        from: l.from,
        to: l.to,
        quantity: l.quantity,
        reference: `work-order:${id}`,
        reasonCode: "maintenance",
        ...(l.unit === undefined ? {} : { unit: l.unit }),
        ...(l.lot === undefined ? {} : { lot: l.lot }),
        ...(l.serials === undefined ? {} : { serials: l.serials })
      })))
      const items = yield* (yield* CatalogStore).getItems(actor.tenantId, [...new Set(ls.map((l) => l.itemId as ItemId))])
      const parts: Array<Part> = []
      for (let k = 0; k < posted.movements.length; k++) {
        const m = posted.movements[k]!
        const quantity = Quantity.fromUnits(m.quantity, items.get(m.itemId)?.baseUnit.decimals ?? 0)
        const given = unitCosts[k]
        const cost = given !== undefined
          ? BigDecimal.normalize(BigDecimal.multiply(given, quantity))
          : yield* valuedCost(m.itemId, m.id, m.effectiveAt)
        parts.push({
          movementId: m.id as MovementId,
          itemId: m.itemId,
          fromLocationId: m.fromLocationId,
          toLocationId: m.toLocationId,
          quantity,
          cost,
          costSource: given !== undefined ? "given" : "valuation"
        })
      }
      const order: WorkOrder = { ...before, parts: [...before.parts, ...parts], version: before.version + 1, updatedAt: now }
      yield* (yield* MaintenanceStore).putWorkOrders([order])
      yield* emit([{ event: { _tag: "WorkOrderPartsConsumed", workOrderId: order.id, assetId: order.assetId, parts }, entities: orderEntities(order) }])
      return order
    }))
  })

// What the valuation charged an issue: its row in the cost-of-goods report at the movement's instant.
const valuedCost = (itemId: ItemId, movementId: string, at: DateTime.Utc) =>
  Effect.map(
    ValuationReports.cogs({ itemId, from: at.epochMilliseconds, to: at.epochMilliseconds + 1, limit: 10_000 }),
    (page) => page.rows.find((r) => r.movementId === movementId)?.total ?? zero
  )

/**
 * A work order by id.
 *
 * @since 0.1.0
 */
export const get = (id: string): Effect.Effect<WorkOrder, UnknownWorkOrder | StoreError, MaintenanceStore | CurrentActor> => loadOrder(id)

/**
 * Work orders ordered by id, optionally of one asset or status, a page at a time.
 *
 * @since 0.1.0
 */
export const list = (
  filter: { readonly assetId?: string; readonly status?: WorkOrder["status"]; readonly afterId?: string; readonly limit?: number } = {}
): Effect.Effect<ReadonlyArray<WorkOrder>, StoreError, MaintenanceStore | CurrentActor> =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor
    return yield* (yield* MaintenanceStore).listWorkOrders(tenantId, {
      limit: Math.min(Math.max(filter.limit ?? 100, 1), 1000),
      ...(filter.assetId === undefined ? {} : { assetId: filter.assetId as AssetId }),
      ...(filter.status === undefined ? {} : { status: filter.status }),
      ...(filter.afterId === undefined ? {} : { afterId: filter.afterId as WorkOrderId })
    })
  })

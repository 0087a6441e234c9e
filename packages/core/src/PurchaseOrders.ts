/**
 * Purchase order commands and queries: create, send, cancel, close, short-close a line; read, list, and the
 * quantities on order per item and location.
 *
 * Every command runs in one unit of work with its domain event. Creating an order with an id already used
 * returns the stored order when the content is the same, else an {@link IdempotencyConflict}. Receipts are in
 * {@link Receiving}.
 *
 * {@link openOrdersLayer} makes the planning port {@link OpenOrders} read open purchase order lines (including
 * backordered rests), so reorder suggestions count what is on order.
 *
 * @since 0.1.0
 */
import { type BigDecimal, DateTime, Effect, Layer, Schema } from "effect"
import type { UnknownItem, UnknownLocation } from "./CatalogError.ts"
import type { CatalogStore } from "./CatalogStore.ts"
import { CurrentActor } from "./CurrentActor.ts"
import type { DomainEvent } from "./DomainEvent.ts"
import { emit, type EventLog } from "./EventLog.ts"
import { IdGenerator } from "./IdGenerator.ts"
import type { ItemId, LocationId, TenantId } from "./Ids.ts"
import { decode, type InvalidInput } from "./InputError.ts"
import { baseQuantity, checkParties, loadBuyableItems, loadItems, loadOrder, nonNegative, sameDecimal } from "./internal/procurement.ts"
import { IdempotencyConflict, type ItemDiscontinued } from "./LedgerError.ts"
import { OpenOrders, type OpenQuantity } from "./OpenOrders.ts"
import { InvalidStatus, type InvalidDocument, type UnknownPurchaseOrder, UnknownPurchaseOrderLine } from "./ProcurementError.ts"
import { type PurchaseOrderFilter, ProcurementStore } from "./ProcurementStore.ts"
import {
  NewPurchaseOrder,
  type PurchaseOrder,
  type PurchaseOrderId,
  type PurchaseOrderLine,
  type PurchaseOrderStatus,
  receivable,
  remaining,
  statusFromLines
} from "./PurchaseOrder.ts"
import * as Quantity from "./Quantity.ts"
import type { ConcurrentModification, StoreError } from "./StoreError.ts"
import type * as UnitOfMeasure from "./UnitOfMeasure.ts"
import { transaction, type UnitOfWork } from "./UnitOfWork.ts"

/** The services purchase order commands need. @since 0.1.0 */
export type Env = ProcurementStore | CatalogStore | EventLog | UnitOfWork | CurrentActor | IdGenerator

/** Errors of {@link create}. @since 0.1.0 */
export type CreateError =
  | InvalidInput
  | InvalidDocument
  | Quantity.InvalidQuantity
  | UnitOfMeasure.UnknownUnit
  | UnknownItem
  | ItemDiscontinued
  | UnknownLocation
  | IdempotencyConflict
  | ConcurrentModification
  | StoreError

/** Errors of the status commands. @since 0.1.0 */
export type ChangeError = UnknownPurchaseOrder | UnknownPurchaseOrderLine | InvalidStatus | ConcurrentModification | StoreError

const decodeNew = decode("createPurchaseOrder", NewPurchaseOrder)

/**
 * Builds a draft order from decoded input: quantities converted exactly to base units, prices and tolerances
 * exact and non-negative, the supplier a supplier location and the ship-to location internal.
 *
 * @internal
 */
export const build = (
  input: typeof NewPurchaseOrder.Type,
  id: string,
  requisitionId: string | null
): Effect.Effect<PurchaseOrder, Exclude<CreateError, InvalidInput | IdempotencyConflict | ConcurrentModification>, CatalogStore | CurrentActor> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const now = yield* DateTime.now
    yield* checkParties(actor.tenantId, input.supplierId, input.shipToId)
    const items = yield* loadBuyableItems(actor.tenantId, input.lines.map((l) => l.itemId))
    const lines: Array<PurchaseOrderLine> = []
    for (let i = 0; i < input.lines.length; i++) {
      const line = input.lines[i]!
      const field = `lines[${i}]`
      lines.push({
        lineNo: i + 1,
        itemId: line.itemId,
        quantity: yield* baseQuantity(items.get(line.itemId)!, line.quantity, line.unit, `${field}.quantity`),
        unitPrice: yield* nonNegative(line.unitPrice, `${field}.unitPrice`),
        expectedAt: line.expectedAt,
        tolerancePercent: line.tolerancePercent === undefined ? null : yield* nonNegative(line.tolerancePercent, `${field}.tolerancePercent`),
        received: 0n,
        cancelled: 0n,
        status: "open"
      })
    }
    return {
      id: id as PurchaseOrderId,
      tenantId: actor.tenantId,
      supplierId: input.supplierId,
      supplierName: input.supplierName,
      shipToId: input.shipToId,
      status: "draft",
      tolerancePercent: input.tolerancePercent === undefined ? Quantity.fromUnits(0n, 0) : yield* nonNegative(input.tolerancePercent, "tolerancePercent"),
      lines,
      receipts: [],
      requisitionId,
      createdBy: actor.actorId,
      sentAt: null,
      closedAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now
    }
  })

const sameOrder = (a: PurchaseOrder, b: PurchaseOrder): boolean =>
  a.supplierId === b.supplierId && a.supplierName === b.supplierName && a.shipToId === b.shipToId &&
  sameDecimal(a.tolerancePercent, b.tolerancePercent) && a.requisitionId === b.requisitionId && a.lines.length === b.lines.length &&
  a.lines.every((l, i) => {
    const o = b.lines[i]!
    return l.itemId === o.itemId && l.quantity === o.quantity && sameDecimal(l.unitPrice, o.unitPrice) &&
      DateTime.Equivalence(l.expectedAt, o.expectedAt) && sameDecimal(l.tolerancePercent, o.tolerancePercent)
  })

/**
 * Stores a new draft order with its event, or returns the stored one when the id was used for the same content.
 *
 * @internal
 */
export const insert = (order: PurchaseOrder): Effect.Effect<PurchaseOrder, IdempotencyConflict | ConcurrentModification | StoreError, ProcurementStore | EventLog | CurrentActor | IdGenerator> =>
  Effect.gen(function*() {
    const store = yield* ProcurementStore
    const existing = (yield* store.getPurchaseOrders(order.tenantId, [order.id])).get(order.id)
    if (existing !== undefined) {
      if (!sameOrder(existing, order)) return yield* new IdempotencyConflict({ entity: "purchaseOrder", id: order.id, reason: "with different content" })
      return existing
    }
    yield* store.putPurchaseOrder(order)
    yield* emit([{ event: { _tag: "PurchaseOrderCreated", purchaseOrder: order }, entities: entitiesOf(order) }])
    return order
  })

/**
 * The entities an order's events touch: the order, its supplier and its items.
 *
 * @internal
 */
export const entitiesOf = (order: PurchaseOrder) => [
  { type: "purchaseOrder", id: order.id },
  { type: "location", id: order.supplierId },
  ...[...new Set(order.lines.map((l) => l.itemId))].map((id) => ({ type: "item", id }))
]

/**
 * Creates a draft purchase order.
 *
 * @since 0.1.0
 */
export const create = (input: NewPurchaseOrder): Effect.Effect<PurchaseOrder, CreateError, Env> =>
  Effect.gen(function*() {
    const decoded = yield* decodeNew(input)
    const id = decoded.id ?? (yield* (yield* IdGenerator).next)
    return yield* transaction(Effect.flatMap(build(decoded, id, null), insert))
  })

const change = <E>(
  id: string,
  update: (order: PurchaseOrder, now: DateTime.Utc) => Effect.Effect<{ readonly order: PurchaseOrder; readonly event: (stored: PurchaseOrder) => DomainEvent }, E>
): Effect.Effect<PurchaseOrder, E | UnknownPurchaseOrder | ConcurrentModification | StoreError, Env> =>
  transaction(Effect.gen(function*() {
    const actor = yield* CurrentActor
    const order = yield* loadOrder(actor.tenantId, id, true)
    const now = yield* DateTime.now
    const result = yield* update(order, now)
    const next = { ...result.order, version: order.version + 1, updatedAt: now }
    yield* (yield* ProcurementStore).putPurchaseOrder(next)
    yield* emit([{ event: result.event(next), entities: entitiesOf(next) }])
    return next
  }))

const refuse = (order: PurchaseOrder, operation: string) =>
  Effect.fail(new InvalidStatus({ entity: "purchaseOrder", id: order.id, status: order.status, operation }))

/**
 * Sends a draft order to its supplier: it becomes `open` and counts as on order.
 *
 * @since 0.1.0
 */
export const send = (id: string): Effect.Effect<PurchaseOrder, ChangeError, Env> =>
  change(id, (order, now) => {
    if (order.status !== "draft") return refuse(order, "send")
    const next: PurchaseOrder = { ...order, status: "open", sentAt: now }
    return Effect.succeed({ order: next, event: (purchaseOrder) => ({ _tag: "PurchaseOrderSent", purchaseOrder }) })
  })

/**
 * Cancels an order before anything was received against it.
 *
 * @since 0.1.0
 */
export const cancel = (id: string): Effect.Effect<PurchaseOrder, ChangeError, Env> =>
  change(id, (order, now) => {
    if ((order.status !== "draft" && order.status !== "open") || order.receipts.length > 0) return refuse(order, "cancel")
    const next: PurchaseOrder = {
      ...order,
      status: "cancelled",
      closedAt: now,
      lines: order.lines.map((l) => ({ ...l, cancelled: l.quantity, status: "shortClosed" as const }))
    }
    return Effect.succeed({ order: next, event: (purchaseOrder) => ({ _tag: "PurchaseOrderCancelled", purchaseOrder }) })
  })

/**
 * Closes an order that was sent: no more receipts; what each open line still expected is cancelled.
 *
 * @since 0.1.0
 */
export const close = (id: string): Effect.Effect<PurchaseOrder, ChangeError, Env> =>
  change(id, (order, now) => {
    if (!receivable(order.status)) return refuse(order, "close")
    const next: PurchaseOrder = {
      ...order,
      status: "closed",
      closedAt: now,
      lines: order.lines.map((l) => (l.status === "open" ? { ...l, cancelled: remaining(l), status: "shortClosed" as const } : l))
    }
    return Effect.succeed({ order: next, event: (purchaseOrder) => ({ _tag: "PurchaseOrderClosed", purchaseOrder }) })
  })

/**
 * Short-closes one open line: what it still expected is cancelled instead of staying backordered. The order
 * becomes `received` when no line is open any more (`closed` when nothing was received at all).
 *
 * @since 0.1.0
 */
export const shortCloseLine = (id: string, lineNo: number): Effect.Effect<PurchaseOrder, ChangeError, Env> =>
  change<InvalidStatus | UnknownPurchaseOrderLine>(id, (order, now) => {
    if (!receivable(order.status)) return refuse(order, "short-close a line of")
    const line = order.lines.find((l) => l.lineNo === lineNo)
    if (line === undefined) return Effect.fail(new UnknownPurchaseOrderLine({ purchaseOrderId: order.id, lineNo, reason: "no such line" }))
    if (line.status !== "open") return Effect.fail(new InvalidStatus({ entity: "purchaseOrderLine", id: `${order.id}#${lineNo}`, status: line.status, operation: "short-close" }))
    const cancelled = remaining(line)
    const lines = order.lines.map((l) => (l.lineNo === lineNo ? { ...l, cancelled, status: "shortClosed" as const } : l))
    const status = statusFromLines(lines)
    // Short-closing the last open line of an order that received nothing closes it.
    const next: PurchaseOrder = { ...order, lines, status, closedAt: status === "closed" ? now : order.closedAt }
    return Effect.succeed({ order: next, event: (purchaseOrder) => ({ _tag: "PurchaseOrderLineShortClosed", purchaseOrder, lineNo, cancelled }) })
  })

/**
 * A purchase order by id.
 *
 * @since 0.1.0
 */
export const get = (id: string): Effect.Effect<PurchaseOrder, UnknownPurchaseOrder | StoreError, ProcurementStore | CurrentActor> =>
  Effect.flatMap(Effect.service(CurrentActor), (actor) => loadOrder(actor.tenantId, id))

/**
 * Purchase orders ordered by id, a page at a time (pass the last id as `afterId`).
 *
 * @since 0.1.0
 */
export const list = (
  filter: {
    readonly status?: ReadonlyArray<PurchaseOrderStatus>
    readonly supplierId?: string
    readonly itemIds?: ReadonlyArray<string>
    readonly afterId?: string
    readonly limit?: number
  } = {}
): Effect.Effect<ReadonlyArray<PurchaseOrder>, StoreError, ProcurementStore | CurrentActor> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const f: PurchaseOrderFilter = {
      limit: Math.min(Math.max(filter.limit ?? 100, 1), 1000),
      ...(filter.status === undefined ? {} : { status: filter.status }),
      ...(filter.supplierId === undefined ? {} : { supplierId: filter.supplierId as LocationId }),
      ...(filter.itemIds === undefined ? {} : { itemIds: filter.itemIds as ReadonlyArray<ItemId> }),
      ...(filter.afterId === undefined ? {} : { afterId: filter.afterId as PurchaseOrderId })
    }
    return yield* (yield* ProcurementStore).listPurchaseOrders(actor.tenantId, f)
  })

/**
 * Every order matching a filter, all pages.
 *
 * @internal
 */
export const all = (
  store: ProcurementStore["Service"],
  tenantId: TenantId,
  filter: Omit<PurchaseOrderFilter, "afterId" | "limit">
): Effect.Effect<Array<PurchaseOrder>, StoreError> =>
  Effect.gen(function*() {
    const out: Array<PurchaseOrder> = []
    let afterId: PurchaseOrderId | undefined
    for (;;) {
      const page = yield* store.listPurchaseOrders(tenantId, { ...filter, limit: 500, ...(afterId === undefined ? {} : { afterId }) })
      out.push(...page)
      if (page.length < 500) return out
      afterId = page[page.length - 1]!.id
    }
  })

/**
 * Open quantities of sent orders (open or partially received) per item and ship-to location, in smallest base
 * units: what each open line still expects, backordered rests included. Drafts are not on order yet.
 *
 * @since 0.1.0
 */
export const openQuantities = (
  store: ProcurementStore["Service"],
  tenantId: TenantId,
  itemIds: ReadonlyArray<ItemId>
): Effect.Effect<ReadonlyArray<OpenQuantity>, StoreError> =>
  itemIds.length === 0 ? Effect.succeed([]) : Effect.map(all(store, tenantId, { status: ["open", "partiallyReceived"], itemIds }), (orders) => {
    const wanted = new Set<string>(itemIds)
    const sums = new Map<string, OpenQuantity & { onOrder: bigint }>()
    for (const order of orders) {
      for (const line of order.lines) {
        const rest = remaining(line)
        if (rest === 0n || !wanted.has(line.itemId)) continue
        const key = `${line.itemId}\u0000${order.shipToId}`
        const row = sums.get(key)
        if (row === undefined) sums.set(key, { itemId: line.itemId, locationId: order.shipToId, onOrder: rest, backordered: 0n })
        else row.onOrder += rest
      }
    }
    return [...sums.values()]
  })

/**
 * The planning port {@link OpenOrders} read from the procurement store: provide it with the stores and
 * reorder suggestions count open purchase order lines as on order.
 *
 * @since 0.1.0
 */
export const openOrdersLayer: Layer.Layer<never, never, ProcurementStore> = Layer.effect(
  OpenOrders,
  Effect.map(Effect.service(ProcurementStore), (store) => ({ openQuantities: (tenantId: TenantId, itemIds: ReadonlyArray<ItemId>) => openQuantities(store, tenantId, itemIds) }))
)

/**
 * One row of {@link onOrder}: an item's quantity on order for one ship-to location, as a decimal in its base
 * unit.
 *
 * @since 0.1.0
 */
export interface OnOrder {
  readonly itemId: ItemId
  readonly locationId: LocationId
  readonly unit: string
  readonly quantity: BigDecimal.BigDecimal
}

const OnOrderQuery = Schema.Struct({ itemIds: Schema.Array(Schema.String).pipe(Schema.check(Schema.isMinLength(1))) })
const decodeOnOrder = decode("onOrder", OnOrderQuery)

/**
 * Quantities on order per item and ship-to location, ordered by item then location.
 *
 * @since 0.1.0
 */
export const onOrder = (
  query: { readonly itemIds: ReadonlyArray<string> }
): Effect.Effect<ReadonlyArray<OnOrder>, InvalidInput | UnknownItem | StoreError, ProcurementStore | CatalogStore | CurrentActor> =>
  Effect.gen(function*() {
    const q = yield* decodeOnOrder(query)
    const actor = yield* CurrentActor
    const items = yield* loadItems(actor.tenantId, q.itemIds)
    const rows = yield* openQuantities(yield* ProcurementStore, actor.tenantId, [...items.keys()])
    return rows
      .map((r) => {
        const item = items.get(r.itemId)!
        return { itemId: r.itemId, locationId: r.locationId!, unit: item.baseUnit.code, quantity: Quantity.fromUnits(r.onOrder, item.baseUnit.decimals) }
      })
      .sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0))
  })

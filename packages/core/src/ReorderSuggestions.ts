/**
 * Reorder suggestions from the stores: for each item with a reorder policy, and for the item as a whole or
 * per planning location, the inventory position and what its policy says to order, rounded to pack size and
 * minimum order quantity, with the reason.
 *
 * - On hand is what internal locations hold, in the scope (a location's whole subtree).
 * - Reserved counts open, unexpired reservations: all of the item's for the item as a whole, those placed
 *   within the subtree for a location.
 * - On order and backordered come from the {@link OpenOrders} port, which reports zero until procurement
 *   provides it. Rows without a location count for the item as a whole only.
 *
 * Discontinued items and policies missing a field their kind needs are listed as skipped, with the reason,
 * rather than failing the whole run. Nothing is written: a suggestion is advice for a buyer or a procurement
 * module to act on.
 *
 * @since 0.1.0
 */
import { type BigDecimal, DateTime, Effect, Result, Schema } from "effect"
import { CatalogStore } from "./CatalogStore.ts"
import { UnknownItem, UnknownLocation } from "./CatalogError.ts"
import { CurrentActor } from "./CurrentActor.ts"
import type { ItemId, LocationId } from "./Ids.ts"
import { decode, type InvalidInput } from "./InputError.ts"
import type { Item, ReorderPolicy } from "./Item.ts"
import { LedgerStore } from "./LedgerStore.ts"
import { isOnHand } from "./Location.ts"
import { OpenOrders } from "./OpenOrders.ts"
import * as Quantity from "./Quantity.ts"
import * as Replenishment from "./Replenishment.ts"
import { outstanding } from "./Reservation.ts"
import { ReservationStore } from "./ReservationStore.ts"
import type { StoreError } from "./StoreError.ts"

/** The services suggestions need. @since 0.1.0 */
export type Env = CatalogStore | LedgerStore | ReservationStore | CurrentActor

/**
 * What to evaluate: some items (all items with a policy by default), and optionally planning locations
 * (each evaluated over its subtree) instead of the item as a whole.
 *
 * @since 0.1.0
 */
export const Query = Schema.Struct({
  itemIds: Schema.optionalKey(Schema.Array(Schema.String)),
  locationIds: Schema.optionalKey(Schema.Array(Schema.String))
})
/** @since 0.1.0 */
export type Query = typeof Query.Encoded

/**
 * One suggested order. Quantities are decimals in the item's base unit (`unit`).
 *
 * @since 0.1.0
 */
export interface Suggestion {
  readonly itemId: ItemId
  readonly sku: string
  readonly locationId: LocationId | null
  readonly policy: ReorderPolicy["kind"]
  readonly unit: string
  readonly onHand: BigDecimal.BigDecimal
  readonly onOrder: BigDecimal.BigDecimal
  readonly reserved: BigDecimal.BigDecimal
  readonly backordered: BigDecimal.BigDecimal
  readonly inventoryPosition: BigDecimal.BigDecimal
  /** The reorder point or min the position was compared with. */
  readonly level: BigDecimal.BigDecimal
  /** The order-up-to level, or null for (ROP, Q) policies. */
  readonly target: BigDecimal.BigDecimal | null
  /** The quantity the policy asks for before rounding. */
  readonly rawQuantity: BigDecimal.BigDecimal
  /** The quantity to order: the raw quantity raised to the MOQ and rounded up to whole packs. */
  readonly quantity: BigDecimal.BigDecimal
  readonly trigger: Replenishment.Trigger
  readonly adjustments: ReadonlyArray<Replenishment.Adjustment>
  readonly leadTimeDays: number | null
  readonly reviewPeriodDays: number | null
  /** The reason in words. */
  readonly reason: string
}

/**
 * An item (and location) that was not evaluated, and why.
 *
 * @since 0.1.0
 */
export interface Skipped {
  readonly itemId: ItemId
  readonly sku: string
  readonly locationId: LocationId | null
  readonly reason: string
}

/**
 * The outcome of a run: when it was computed, the suggestions (by SKU, then location), what was skipped, and
 * how many item-scopes were evaluated.
 *
 * @since 0.1.0
 */
export interface Report {
  readonly at: DateTime.Utc
  readonly suggestions: ReadonlyArray<Suggestion>
  readonly skipped: ReadonlyArray<Skipped>
  readonly evaluated: number
}

/** Errors of {@link suggest}. @since 0.1.0 */
export type SuggestError = InvalidInput | UnknownItem | UnknownLocation | StoreError

const decodeQuery = decode("suggestReorders", Query)

const allItemsWithPolicy = (catalog: CatalogStore["Service"], tenantId: CurrentActor["Service"]["tenantId"]) =>
  Effect.gen(function*() {
    const out: Array<Item> = []
    let afterSku: string | undefined
    for (;;) {
      const page = yield* catalog.listItems(tenantId, { limit: 1000, ...(afterSku === undefined ? {} : { afterSku }) })
      for (const item of page) if (item.reorder.kind !== "none") out.push(item)
      if (page.length < 1000) return out
      afterSku = page[page.length - 1]!.sku
    }
  })

const units = (value: BigDecimal.BigDecimal | undefined, decimals: number): bigint =>
  value === undefined ? 0n : Result.getOrElse(Quantity.toUnits(value, decimals), () => 0n)

const describe = (d: Replenishment.Decision, policy: ReorderPolicy, decimals: number, unit: string): string => {
  const f = (u: bigint) => `${Quantity.formatUnits(u, decimals)} ${unit}`
  const position = `inventory position ${f(d.inventoryPosition)}`
  let text = d.trigger === "at-or-below-reorder-point"
    ? `${position} is at or below the reorder point ${f(d.level)}: order ${f(d.raw)}`
    : d.trigger === "at-or-below-min"
    ? `${position} is at or below the min ${f(d.level)}: order up to ${f(d.target!)}, ${f(d.raw)}`
    : `${position} is below the order-up-to level ${f(d.target!)}: order ${f(d.raw)}`
  if (d.orderQuantity !== null && d.raw !== d.orderQuantity) text += ` (${d.raw / d.orderQuantity} × the order quantity ${f(d.orderQuantity)})`
  for (const a of d.adjustments) {
    text += a === "raised-to-minimum-order-quantity"
      ? `, raised to the minimum order quantity ${f(units(policy.minimumOrderQuantity, decimals))}`
      : `, rounded up to whole packs of ${f(units(policy.packSize, decimals))}`
  }
  return d.adjustments.length === 0 ? text : `${text}: ${f(d.quantity)}`
}

/**
 * Evaluates reorder policies against current stock, reservations and open orders.
 *
 * @since 0.1.0
 */
export const suggest = (query: Query = {}): Effect.Effect<Report, SuggestError, Env> =>
  Effect.gen(function*() {
    const q = yield* decodeQuery(query)
    const { tenantId } = yield* CurrentActor
    const catalog = yield* CatalogStore
    const ledger = yield* LedgerStore
    const now = yield* DateTime.now
    let items: Array<Item>
    if (q.itemIds === undefined) items = yield* allItemsWithPolicy(catalog, tenantId)
    else {
      const ids = [...new Set(q.itemIds)] as Array<ItemId>
      const found = yield* catalog.getItems(tenantId, ids)
      items = []
      for (const id of ids) {
        const item = found.get(id)
        if (item === undefined) return yield* new UnknownItem({ itemId: id })
        items.push(item)
      }
      items.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
    }
    const scopes: Array<{ readonly id: LocationId | null; readonly members: ReadonlySet<LocationId> | null }> = []
    if (q.locationIds === undefined) scopes.push({ id: null, members: null })
    else {
      for (const id of new Set(q.locationIds)) {
        const members = yield* catalog.subtree(tenantId, id as LocationId)
        if (members.length === 0) return yield* new UnknownLocation({ locationId: id })
        scopes.push({ id: id as LocationId, members: new Set(members) })
      }
    }
    const itemIds = items.map((i) => i.id)
    const wanted = new Set<ItemId>(itemIds)
    // One read of every balance beats one read per item once more than a handful of items are asked for.
    const balances = q.itemIds !== undefined && itemIds.length <= 16
      ? (yield* Effect.forEach(itemIds, (itemId) => ledger.balances(tenantId, { itemId }))).flat()
      : (yield* ledger.balances(tenantId, {})).filter((b) => wanted.has(b.itemId))
    const locations = yield* catalog.getLocations(tenantId, [...new Set(balances.map((b) => b.locationId))])
    const reservations = itemIds.length === 0 ? [] : yield* (yield* ReservationStore).active(tenantId, itemIds, now)
    const open = itemIds.length === 0 ? [] : yield* (yield* OpenOrders).openQuantities(tenantId, itemIds)

    const suggestions: Array<Suggestion> = []
    const skipped: Array<Skipped> = []
    let evaluated = 0
    for (const item of items) {
      for (const scope of scopes) {
        const skip = (reason: string) => skipped.push({ itemId: item.id, sku: item.sku, locationId: scope.id, reason })
        if (item.reorder.kind === "none") {
          skip("the item has no reorder policy")
          continue
        }
        if (item.status === "discontinued") {
          skip("the item is discontinued and cannot be received")
          continue
        }
        const inScope = (locationId: LocationId | null) => scope.members === null || (locationId !== null && scope.members.has(locationId))
        let onHand = 0n
        for (const b of balances) {
          if (b.itemId !== item.id || !inScope(b.locationId)) continue
          const location = locations.get(b.locationId)
          if (location !== undefined && isOnHand(location.usage)) onHand += b.quantity
        }
        let reserved = 0n
        for (const r of reservations) if (r.itemId === item.id && inScope(r.locationId)) reserved += outstanding(r, now)
        let onOrder = 0n
        let backordered = 0n
        for (const o of open) {
          if (o.itemId !== item.id || !inScope(o.locationId)) continue
          onOrder += o.onOrder
          backordered += o.backordered
        }
        evaluated++
        const decimals = item.baseUnit.decimals
        const decision = Replenishment.evaluate(item.reorder, { onHand, onOrder, reserved, backordered }, decimals)
        if (Result.isFailure(decision)) {
          skip(`the ${item.reorder.kind} policy's ${decision.failure.field} ${decision.failure.reason}`)
          continue
        }
        const d = decision.success
        if (d === null || !d.order || d.trigger === null) continue
        const dec = (u: bigint) => Quantity.fromUnits(u, decimals)
        suggestions.push({
          itemId: item.id,
          sku: item.sku,
          locationId: scope.id,
          policy: item.reorder.kind,
          unit: item.baseUnit.code,
          onHand: dec(onHand),
          onOrder: dec(onOrder),
          reserved: dec(reserved),
          backordered: dec(backordered),
          inventoryPosition: dec(d.inventoryPosition),
          level: dec(d.level),
          target: d.target === null ? null : dec(d.target),
          rawQuantity: dec(d.raw),
          quantity: dec(d.quantity),
          trigger: d.trigger,
          adjustments: d.adjustments,
          leadTimeDays: item.reorder.leadTimeDays ?? null,
          reviewPeriodDays: item.reorder.reviewPeriodDays ?? null,
          reason: describe(d, item.reorder, decimals, item.baseUnit.code)
        })
      }
    }
    return { at: now, suggestions, skipped, evaluated }
  })

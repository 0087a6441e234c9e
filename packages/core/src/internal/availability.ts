// Available stock = on hand − outstanding reservations, checked in every scope that has reservations: the
// item as a whole, and the subtree of each location a reservation names. A change may not take any scope
// below zero, or further below zero than it already was, unless the item or that location allows negative
// stock. Shared by postings (which lower on hand and fulfil reservations) and reservations (which add
// demand).
import { type DateTime, Effect } from "effect"
import { CatalogStore } from "../CatalogStore.ts"
import type { ItemId, LocationId, ReservationId, TenantId } from "../Ids.ts"
import type { Item } from "../Item.ts"
import { InsufficientAvailable } from "../LedgerError.ts"
import { LedgerStore } from "../LedgerStore.ts"
import { isOnHand, type Location } from "../Location.ts"
import * as Quantity from "../Quantity.ts"
import { outstanding, type Reservation } from "../Reservation.ts"
import { ReservationStore } from "../ReservationStore.ts"
import type { StoreError } from "../StoreError.ts"

export interface Change {
  /** On-hand deltas per item and location (lots summed). */
  readonly deltas: ReadonlyMap<ItemId, ReadonlyMap<LocationId, bigint>>
  /** Reservations as they will be after the change (new ones, or updated ones by id). */
  readonly reservations: ReadonlyArray<Reservation>
}

/**
 * A change whose deltas are grouped only when an item with reservations needs them: a large posting mostly
 * touches items that have none.
 */
export interface LazyChange {
  /** The items whose on-hand stock changes. */
  readonly itemIds: Iterable<ItemId>
  /** On-hand deltas per item and location (lots summed); called at most once. */
  readonly deltas: () => ReadonlyMap<ItemId, ReadonlyMap<LocationId, bigint>>
  readonly reservations: ReadonlyArray<Reservation>
}

export const check = (
  tenantId: TenantId,
  items: ReadonlyMap<ItemId, Item>,
  change: Change,
  now: DateTime.Utc
): Effect.Effect<void, InsufficientAvailable | StoreError, LedgerStore | CatalogStore | ReservationStore> =>
  checkLazy(tenantId, items, { itemIds: change.deltas.keys(), deltas: () => change.deltas, reservations: change.reservations }, now)

const NO_DELTAS: ReadonlyMap<LocationId, bigint> = new Map()

export const checkLazy = (
  tenantId: TenantId,
  items: ReadonlyMap<ItemId, Item>,
  change: LazyChange,
  now: DateTime.Utc
): Effect.Effect<void, InsufficientAvailable | StoreError, LedgerStore | CatalogStore | ReservationStore> =>
  Effect.gen(function*() {
    const checked: Array<ItemId> = []
    const seen = new Set<ItemId>()
    const consider = (id: ItemId) => {
      if (seen.has(id)) return
      seen.add(id)
      if (items.get(id)?.allowNegativeStock === false) checked.push(id)
    }
    for (const id of change.itemIds) consider(id)
    for (const r of change.reservations) consider(r.itemId)
    if (checked.length === 0) return
    const existing = yield* (yield* ReservationStore).active(tenantId, checked, now)
    // No reservation before or after: every item would be skipped below.
    if (existing.length === 0 && change.reservations.length === 0) return
    let grouped: ReadonlyMap<ItemId, ReadonlyMap<LocationId, bigint>> | undefined
    const updated = new Map<ReservationId, Reservation>(change.reservations.map((r) => [r.id, r]))
    const ledger = yield* LedgerStore
    const catalog = yield* CatalogStore
    const existingOf = byItem(existing)
    const changedOf = byItem(change.reservations)
    for (const itemId of checked) {
      const before = existingOf.get(itemId) ?? []
      const after = [...before.filter((r) => !updated.has(r.id)), ...(changedOf.get(itemId) ?? [])]
      if (after.length === 0) continue
      const balances = yield* ledger.balances(tenantId, { itemId })
      const deltas = (grouped ??= change.deltas()).get(itemId) ?? NO_DELTAS
      const locationIds = new Set<LocationId>([...balances.map((b) => b.locationId), ...deltas.keys()])
      for (const r of [...before, ...after]) if (r.locationId !== null) locationIds.add(r.locationId)
      const locations = yield* catalog.getLocations(tenantId, [...locationIds])
      const within = (locationId: LocationId | null, scope: LocationId | null): boolean => {
        if (scope === null) return true
        if (locationId === null) return false
        if (locationId === scope) return true
        return locations.get(locationId)?.path.includes(scope) ?? false
      }
      const onHandIn = (scope: LocationId | null, withDeltas: boolean): bigint => {
        let sum = 0n
        for (const b of balances) {
          if (onHand(locations.get(b.locationId)) && within(b.locationId, scope)) sum += b.quantity
        }
        if (withDeltas) {
          for (const [locationId, delta] of deltas) {
            if (onHand(locations.get(locationId)) && within(locationId, scope)) sum += delta
          }
        }
        return sum
      }
      const reservedIn = (scope: LocationId | null, list: ReadonlyArray<Reservation>): bigint => {
        let sum = 0n
        for (const r of list) if (within(r.locationId, scope)) sum += outstanding(r, now)
        return sum
      }
      const scopes = new Set<LocationId | null>([null])
      for (const r of after) if (r.locationId !== null) scopes.add(r.locationId)
      const item = items.get(itemId)!
      for (const scope of scopes) {
        if (scope !== null && locations.get(scope)?.allowNegativeStock === true) continue
        const availableBefore = onHandIn(scope, false) - reservedIn(scope, before)
        const availableAfter = onHandIn(scope, true) - reservedIn(scope, after)
        if (availableAfter < 0n && availableAfter < availableBefore) {
          const decimals = item.baseUnit.decimals
          return yield* new InsufficientAvailable({
            itemId,
            locationId: scope,
            available: Quantity.formatUnits(availableBefore > 0n ? availableBefore : 0n, decimals),
            requested: Quantity.formatUnits(availableBefore - availableAfter, decimals)
          })
        }
      }
    }
  })

const onHand = (location: Location | undefined): boolean => location !== undefined && isOnHand(location.usage)

const byItem = (reservations: ReadonlyArray<Reservation>): Map<ItemId, Array<Reservation>> => {
  const out = new Map<ItemId, Array<Reservation>>()
  for (const r of reservations) {
    const list = out.get(r.itemId)
    if (list === undefined) out.set(r.itemId, [r])
    else list.push(r)
  }
  return out
}

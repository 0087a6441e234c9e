/**
 * Reading stock: on hand, reserved and available per item, location subtree or lot; stock as of a past
 * effective time; and movement history with cursor pagination.
 *
 * On hand is what internal locations hold. A location's figures roll up its whole subtree (a site includes
 * its rooms and bins). Reserved counts open, unexpired reservations in the same scope: all of the item's
 * reservations for the item as a whole, and those placed within the subtree for a location.
 *
 * @since 0.1.0
 */
import { type BigDecimal, DateTime, Effect } from "effect"
import * as Catalog from "./Catalog.ts"
import * as Locations from "./Locations.ts"
import { CatalogStore } from "./CatalogStore.ts"
import { UnknownItem, UnknownLocation } from "./CatalogError.ts"
import { CurrentActor } from "./CurrentActor.ts"
import type { ItemId, LocationId } from "./Ids.ts"
import { InvalidInput } from "./InputError.ts"
import { type Balance, LedgerStore, type MovementFilter } from "./LedgerStore.ts"
import { isOnHand, type Location, type LocationUsage } from "./Location.ts"
import type { Movement } from "./Movement.ts"
import * as Quantity from "./Quantity.ts"
import { outstanding } from "./Reservation.ts"
import { ReservationStore } from "./ReservationStore.ts"
import type { StoreError } from "./StoreError.ts"

/** The services stock queries need. @since 0.1.0 */
export type Env = LedgerStore | CatalogStore | ReservationStore | CurrentActor

/**
 * Stock of an item in a scope, in its base unit.
 *
 * @since 0.1.0
 */
export interface StockLevel {
  readonly itemId: ItemId
  readonly locationId: LocationId | null
  readonly lot: string | null
  readonly onHand: BigDecimal.BigDecimal
  readonly reserved: BigDecimal.BigDecimal
  readonly available: BigDecimal.BigDecimal
  /**
   * The earliest expiry among the reservations counted in `reserved`: from then on the level differs without any
   * write. `null` when none of them expires.
   */
  readonly nextExpiry: DateTime.Utc | null
}

/**
 * Where to look: an item, optionally under a location (its subtree) and for one lot.
 *
 * @since 0.1.0
 */
export interface Scope {
  readonly itemId: string
  readonly locationId?: string
  readonly lot?: string
}

const scopeIds = (locationId: string | undefined) =>
  locationId === undefined ? Effect.succeed(undefined) : Locations.subtree(locationId)

const locationsOf = (balances: ReadonlyArray<Balance>) =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    return yield* (yield* CatalogStore).getLocations(actor.tenantId, [...new Set(balances.map((b) => b.locationId))])
  })

const sumWhere = (balances: ReadonlyArray<Balance>, locations: ReadonlyMap<LocationId, Location>, keep: (usage: LocationUsage) => boolean) => {
  let sum = 0n
  for (const b of balances) {
    const location = locations.get(b.locationId)
    if (location !== undefined && keep(location.usage)) sum += b.quantity
  }
  return sum
}

/**
 * On hand, reserved and available for an item in a scope. Reservations are not per lot, so a lot's
 * reserved figure is zero.
 *
 * @since 0.1.0
 */
export const level = (scope: Scope): Effect.Effect<StockLevel, UnknownItem | UnknownLocation | StoreError, Env> =>
  Effect.flatMap(LedgerStore, (store) => store.level === undefined ? levelByPorts(scope) : levelInOneRead(scope, store.level))

const levelInOneRead = (
  scope: Scope,
  read: NonNullable<LedgerStore["Service"]["level"]>
): Effect.Effect<StockLevel, UnknownItem | UnknownLocation | StoreError, CurrentActor> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const now = yield* DateTime.now
    const result = yield* read(actor.tenantId, {
      itemId: scope.itemId as ItemId,
      ...(scope.locationId === undefined ? {} : { locationId: scope.locationId as LocationId }),
      ...(scope.lot === undefined ? {} : { lot: scope.lot }),
      now
    })
    if (result.decimals === null) return yield* new UnknownItem({ itemId: scope.itemId })
    if (scope.locationId !== undefined && !result.locationFound) {
      return yield* new UnknownLocation({ locationId: scope.locationId })
    }
    return levelOf(scope, result.onHand, result.reserved, result.decimals, result.nextExpiry)
  })

const levelOf = (scope: Scope, onHand: bigint, reserved: bigint, decimals: number, nextExpiry: DateTime.Utc | null): StockLevel => ({
  itemId: scope.itemId as ItemId,
  locationId: (scope.locationId ?? null) as LocationId | null,
  lot: scope.lot ?? null,
  onHand: Quantity.fromUnits(onHand, decimals),
  reserved: Quantity.fromUnits(reserved, decimals),
  available: Quantity.fromUnits(onHand - reserved, decimals),
  nextExpiry
})

/**
 * {@link level} through the item, balance, location and reservation ports, as for a store without a one-read
 * `level`. Exported for tests that compare the two paths.
 *
 * @since 0.1.0
 */
export const levelByPorts = (scope: Scope): Effect.Effect<StockLevel, UnknownItem | UnknownLocation | StoreError, Env> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const item = yield* Catalog.getItem(scope.itemId)
    const ids = yield* scopeIds(scope.locationId)
    const balances = yield* (yield* LedgerStore).balances(actor.tenantId, {
      itemId: item.id,
      ...(ids === undefined ? {} : { locationIds: ids }),
      ...(scope.lot === undefined ? {} : { lot: scope.lot })
    })
    const locations = yield* locationsOf(balances)
    const onHand = sumWhere(balances, locations, isOnHand)
    let reserved = 0n
    let nextExpiry: DateTime.Utc | null = null
    if (scope.lot === undefined) {
      const now = yield* DateTime.now
      const inScope = ids === undefined ? undefined : new Set<string>(ids)
      for (const r of yield* (yield* ReservationStore).active(actor.tenantId, [item.id], now)) {
        if (inScope !== undefined && (r.locationId === null || !inScope.has(r.locationId))) continue
        reserved += outstanding(r, now)
        if (r.expiresAt !== null && DateTime.isGreaterThan(r.expiresAt, now) && (nextExpiry === null || DateTime.isLessThan(r.expiresAt, nextExpiry))) {
          nextExpiry = r.expiresAt
        }
      }
    }
    return levelOf({ ...scope, itemId: item.id }, onHand, reserved, item.baseUnit.decimals, nextExpiry)
  })

/**
 * One row of a stock breakdown.
 *
 * @since 0.1.0
 */
export interface StockRow {
  readonly itemId: ItemId
  readonly locationId: LocationId
  readonly usage: LocationUsage
  readonly lot: string | null
  readonly quantity: BigDecimal.BigDecimal
}

/**
 * Stock per item, location and lot in stock-holding locations (internal, transit, consignment), for an item
 * and/or a location subtree. Transit rows show what is in transit.
 *
 * @since 0.1.0
 */
export const breakdown = (
  scope: { readonly itemId?: string; readonly locationId?: string }
): Effect.Effect<ReadonlyArray<StockRow>, UnknownItem | UnknownLocation | StoreError, Env> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const item = scope.itemId === undefined ? undefined : yield* Catalog.getItem(scope.itemId)
    const ids = yield* scopeIds(scope.locationId)
    const balances = yield* (yield* LedgerStore).balances(actor.tenantId, {
      ...(item === undefined ? {} : { itemId: item.id }),
      ...(ids === undefined ? {} : { locationIds: ids })
    })
    const locations = yield* locationsOf(balances)
    const items = yield* (yield* CatalogStore).getItems(actor.tenantId, [...new Set(balances.map((b) => b.itemId))])
    const rows: Array<StockRow> = []
    for (const b of balances) {
      const location = locations.get(b.locationId)
      const owner = items.get(b.itemId)
      if (location === undefined || owner === undefined) continue
      if (location.usage !== "internal" && location.usage !== "transit" && location.usage !== "consignment") continue
      rows.push({ itemId: b.itemId, locationId: b.locationId, usage: location.usage, lot: b.lot, quantity: Quantity.fromUnits(b.quantity, owner.baseUnit.decimals) })
    }
    return rows.sort((a, b) => (a.itemId === b.itemId ? (a.locationId < b.locationId ? -1 : 1) : a.itemId < b.itemId ? -1 : 1))
  })

/**
 * On hand of an item in a scope as of a past effective time, from the movements effective up to then.
 *
 * @since 0.1.0
 */
export const onHandAsOf = (
  scope: Scope & { readonly at: DateTime.DateTime | string | number }
): Effect.Effect<BigDecimal.BigDecimal, InvalidInput | UnknownItem | UnknownLocation | StoreError, Env> =>
  Effect.gen(function*() {
    const at = DateTime.make(scope.at)
    if (at._tag === "None") return yield* new InvalidInput({ operation: "onHandAsOf", field: "at", reason: "is not a valid time" })
    const actor = yield* CurrentActor
    const item = yield* Catalog.getItem(scope.itemId)
    const ids = yield* scopeIds(scope.locationId)
    const balances = yield* (yield* LedgerStore).balancesAsOf(actor.tenantId, {
      itemId: item.id,
      at: DateTime.toUtc(at.value),
      ...(ids === undefined ? {} : { locationIds: ids }),
      ...(scope.lot === undefined ? {} : { lot: scope.lot })
    })
    const locations = yield* locationsOf(balances)
    return Quantity.fromUnits(sumWhere(balances, locations, isOnHand), item.baseUnit.decimals)
  })

/**
 * Filters for {@link history}. `locationId` matches movements into or out of its subtree.
 *
 * @since 0.1.0
 */
export interface HistoryQuery {
  readonly itemId?: string
  readonly locationId?: string
  readonly lot?: string
  readonly reference?: string
  readonly effectiveFrom?: DateTime.Utc
  readonly effectiveTo?: DateTime.Utc
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string
  /** 1 to 1000; 100 by default. */
  readonly limit?: number
}

/**
 * A page of movement history.
 *
 * @since 0.1.0
 */
export interface HistoryPage {
  readonly movements: ReadonlyArray<Movement>
  readonly nextCursor: string | null
}

/**
 * Movement history in recording order, a page at a time.
 *
 * @since 0.1.0
 */
export const history = (query: HistoryQuery): Effect.Effect<HistoryPage, InvalidInput | UnknownLocation | StoreError, Env> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const limit = query.limit ?? 100
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      return yield* new InvalidInput({ operation: "history", field: "limit", reason: "must be an integer from 1 to 1000" })
    }
    const afterSeq = query.cursor === undefined ? 0 : Number(query.cursor)
    if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) {
      return yield* new InvalidInput({ operation: "history", field: "cursor", reason: "is not a cursor returned by history" })
    }
    const ids = yield* scopeIds(query.locationId)
    const filter: MovementFilter = {
      ...(query.itemId === undefined ? {} : { itemId: query.itemId as ItemId }),
      ...(ids === undefined ? {} : { locationIds: ids }),
      ...(query.lot === undefined ? {} : { lot: query.lot }),
      ...(query.reference === undefined ? {} : { reference: query.reference }),
      ...(query.effectiveFrom === undefined ? {} : { effectiveFrom: query.effectiveFrom }),
      ...(query.effectiveTo === undefined ? {} : { effectiveTo: query.effectiveTo })
    }
    const movements = yield* (yield* LedgerStore).movements(actor.tenantId, filter, { afterSeq, limit: limit + 1 })
    const page = movements.slice(0, limit)
    return { movements: page, nextCursor: movements.length > limit ? String(page[page.length - 1]!.seq) : null }
  })

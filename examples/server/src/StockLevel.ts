/**
 * The stock level of one item (on hand, reserved, available, optionally in a location subtree or for one lot) in
 * the API's shape, read through core's `StockQuery.level` and, for the route, through the server's `StockCache`.
 *
 * On PostgreSQL and PGlite `StockQuery.level` is one call of the storage's `qm_stock_level` function (the
 * `LedgerStore.level` port), instead of four store calls each decoding whole documents; the route is the
 * server's hottest read, and the cache skips even that call while nothing has changed.
 *
 * @since 0.1.0
 */
import { type CatalogError, StockQuery, type StoreError } from "@quartermaster/core"
import { BigDecimal, DateTime, Effect } from "effect"
import * as StockCache from "./StockCache.ts"

/**
 * Where to look: an item, optionally under a location (its subtree) and for one lot.
 *
 * @since 0.1.0
 */
export interface Scope {
  readonly itemId: string
  readonly locationId?: string | undefined
  readonly lot?: string | undefined
}

/**
 * Stock of an item in a scope, as the API returns it: quantities are decimal strings in the base unit.
 *
 * @since 0.1.0
 */
export interface Level {
  readonly itemId: string
  readonly locationId: string | null
  readonly lot: string | null
  readonly onHand: string
  readonly reserved: string
  readonly available: string
}

/**
 * Reads the stock level of an item in the caller's tenant, with the time it stops being true by itself: the
 * earliest expiry among the reservations it counts (`undefined` when none of them expires). `StockCache`
 * serves it no longer than that.
 *
 * @since 0.1.0
 */
export const read = (
  scope: Scope
): Effect.Effect<StockCache.Timed<Level>, CatalogError.UnknownItem | CatalogError.UnknownLocation | StoreError.StoreError, StockQuery.Env> =>
  Effect.map(
    StockQuery.level({
      itemId: scope.itemId,
      ...(scope.locationId === undefined ? {} : { locationId: scope.locationId }),
      ...(scope.lot === undefined ? {} : { lot: scope.lot })
    }),
    (level) => ({
      value: {
        itemId: scope.itemId,
        locationId: scope.locationId ?? null,
        lot: scope.lot ?? null,
        onHand: BigDecimal.format(level.onHand),
        reserved: BigDecimal.format(level.reserved),
        available: BigDecimal.format(level.available)
      },
      untilMillis: level.nextExpiry === null ? undefined : DateTime.toEpochMillis(level.nextExpiry)
    })
  )

/**
 * Reads the stock level of an item in the caller's tenant.
 *
 * @since 0.1.0
 */
export const level = (
  scope: Scope
): Effect.Effect<
  Level,
  CatalogError.UnknownItem | CatalogError.UnknownLocation | StoreError.StoreError,
  StockQuery.Env
> => Effect.map(read(scope), (reading) => reading.value)

/**
 * {@link level} through the server's `StockCache`: served from memory while no write, expiry or age has
 * invalidated it, read (and kept) otherwise.
 *
 * @since 0.1.0
 */
export const cached = (
  scope: Scope
): Effect.Effect<
  Level,
  CatalogError.UnknownItem | CatalogError.UnknownLocation | StoreError.StoreError,
  StockQuery.Env | StockCache.StockCache
> =>
  StockCache.through([scope.itemId, scope.locationId, scope.lot], read(scope))

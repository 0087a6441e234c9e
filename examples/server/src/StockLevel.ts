/**
 * The stock level of one item (on hand, reserved, available, optionally in a location subtree or for one lot),
 * read with a single SQL statement.
 *
 * `StockQuery.level` in core computes the same figures through four store calls (the item, the balances, the
 * locations of those balances, the open reservations), each a round trip that decodes whole documents. The
 * `GET /api/v1/stock/:itemId` route is the server's hottest read, so it uses this read model instead: one
 * call of the `qm_server_stock_level` function (installed by `ServerMigrations`) over the same tables,
 * returning only the item's decimals and two sums. The rules are core's:
 *
 * - on hand sums the item's balances at locations whose usage is `internal`, within the subtree and lot;
 * - reserved sums `quantity - fulfilled` of the item's open reservations that have not expired at the
 *   current `Clock` time, placed within the subtree when one is given, and is zero for a lot;
 * - an unknown item fails with `UnknownItem`, then an unknown location with `UnknownLocation`, with core's
 *   messages; every table is filtered by the caller's tenant (`CurrentActor`).
 *
 * `test/StockLevel.test.ts` checks it against `StockQuery.level` on the same data, so the two cannot drift.
 *
 * @since 0.1.0
 */
import { CatalogError, CurrentActor, Quantity, StoreError } from "@quartermaster/core"
import { Clock, Effect } from "effect"
import { SqlClient, type SqlError } from "effect/sql"

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

interface Row {
  readonly decimals: number | null
  readonly locations: number | null
  readonly on_hand: string
  readonly reserved: string
}

const storeError = (error: SqlError.SqlError) =>
  new StoreError.StoreError({ operation: "stock.level", retryable: error.isRetryable, detail: error.message })

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
  SqlClient.SqlClient | CurrentActor.CurrentActor
> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const { tenantId } = yield* CurrentActor.CurrentActor
    const now = new Date(yield* Clock.currentTimeMillis).toISOString()
    const { itemId, locationId, lot } = scope
    const rows = yield* sql<Row>`SELECT decimals, locations, on_hand, reserved FROM qm_server_stock_level(
      ${tenantId}, ${itemId}, ${locationId ?? null}::text, ${lot ?? null}::text, ${now}::timestamptz)`.pipe(Effect.mapError(storeError))
    const row = rows[0]
    if (row === undefined || row.decimals === null) return yield* new CatalogError.UnknownItem({ itemId })
    if (locationId !== undefined && row.locations === 0) return yield* new CatalogError.UnknownLocation({ locationId })
    const onHand = BigInt(row.on_hand)
    const reserved = BigInt(row.reserved)
    return {
      itemId,
      locationId: locationId ?? null,
      lot: lot ?? null,
      onHand: Quantity.formatUnits(onHand, row.decimals),
      reserved: Quantity.formatUnits(reserved, row.decimals),
      available: Quantity.formatUnits(onHand - reserved, row.decimals)
    }
  })

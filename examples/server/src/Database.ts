/**
 * The database behind the server: PostgreSQL when `DATABASE_URL` is set, otherwise embedded PGlite in
 * `DATA_DIR`. Either way the core migrations and the server's own (`ServerMigrations`) run on start, and the
 * connection closes when the layer's scope closes.
 *
 * @since 0.1.0
 */
import type { Stores } from "@quartermaster/core"
import { PgliteStores } from "@quartermaster/storage-pglite"
import { PgStores } from "@quartermaster/storage-postgres"
import { Layer, Option } from "effect"
import type { Migrator, SqlClient, SqlError } from "effect/sql"
import type { ServerConfig } from "./Config.ts"
import * as ServerMigrations from "./ServerMigrations.ts"
import * as StockCache from "./StockCache.ts"

/**
 * What can go wrong opening the database: connecting or migrating.
 *
 * @since 0.1.0
 */
export type DatabaseError = Migrator.MigrationError | SqlError.SqlError

/**
 * Which database a configuration selects, for logs: `"postgres"` or `"pglite"`.
 *
 * @since 0.1.0
 */
export const kind = (config: Pick<ServerConfig, "databaseUrl">): "postgres" | "pglite" =>
  Option.isSome(config.databaseUrl) ? "postgres" : "pglite"

/**
 * Every core store and the `SqlClient`, on PostgreSQL or PGlite, with all migrations applied.
 *
 * @since 0.1.0
 */
export const layer = (
  config: Pick<ServerConfig, "databaseUrl" | "dataDir">
): Layer.Layer<Stores.Stores | SqlClient.SqlClient, DatabaseError> =>
  Option.match(config.databaseUrl, {
    onNone: () => migrated(PgliteStores.layer({ dataDir: config.dataDir })),
    onSome: (url) => migrated(PgStores.layer({ url }))
  })

const migrated = <A>(base: Layer.Layer<A | SqlClient.SqlClient, DatabaseError>): Layer.Layer<A | SqlClient.SqlClient, DatabaseError> =>
  Layer.effectDiscard(ServerMigrations.run).pipe(Layer.provideMerge(base))

/**
 * {@link layer} with the stock-level cache (`StockCache`) and the `UnitOfWork` that keeps it exact; on
 * PostgreSQL the cache also listens for other processes' changes.
 *
 * @since 0.1.0
 */
export const layerWithCache = (
  config: Pick<ServerConfig, "databaseUrl" | "dataDir" | "stockCache" | "stockCacheEntries" | "stockCacheMaxAgeMillis">
): Layer.Layer<Stores.Stores | SqlClient.SqlClient | StockCache.StockCache, DatabaseError> => {
  const options: StockCache.Options = {
    enabled: config.stockCache,
    maxEntries: config.stockCacheEntries,
    maxAgeMillis: config.stockCacheMaxAgeMillis
  }
  return Option.match(config.databaseUrl, {
    onNone: () => StockCache.layer(options).pipe(Layer.provideMerge(layer(config))),
    onSome: (url) => StockCache.layerPostgres(options).pipe(Layer.provideMerge(migrated(PgStores.layer({ url }))))
  })
}

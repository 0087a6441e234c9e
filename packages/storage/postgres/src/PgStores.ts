/**
 * Every core store on PostgreSQL: the layers an application provides.
 *
 * `layerSql` builds the stores on any `SqlClient` that speaks the PostgreSQL dialect (the PGlite adapter uses
 * it too). `layer` and `layerConfig` add a connection pool from @effect/sql-pg and run the migrations on
 * start.
 *
 * @since 0.1.0
 */
import { PgClient } from "@effect/sql-pg"
import type { Stores } from "@quartermaster/core"
import { Config, Effect, Layer, type Redacted } from "effect"
import type { Migrator, SqlClient, SqlError } from "effect/sql"
import * as Migrations from "./Migrations.ts"
import * as PgAssetStore from "./PgAssetStore.ts"
import * as PgCatalogStore from "./PgCatalogStore.ts"
import * as PgCountStore from "./PgCountStore.ts"
import * as PgCredentialStore from "./PgCredentialStore.ts"
import * as PgEventLog from "./PgEventLog.ts"
import * as PgLedgerStore from "./PgLedgerStore.ts"
import * as PgLicenceStore from "./PgLicenceStore.ts"
import * as PgMaintenanceStore from "./PgMaintenanceStore.ts"
import * as PgProcurementStore from "./PgProcurementStore.ts"
import * as PgReservationStore from "./PgReservationStore.ts"
import * as PgTransferStore from "./PgTransferStore.ts"
import * as PgUnitOfWork from "./PgUnitOfWork.ts"
import * as PgValuationStore from "./PgValuationStore.ts"
import type { Options } from "./TenantSession.ts"

/**
 * Every store and the unit of work, on the ambient `SqlClient`. Run the migrations first.
 *
 * @since 0.1.0
 */
export const layerSql = (options: Options = {}): Layer.Layer<Stores.Stores, never, SqlClient.SqlClient> =>
  Layer.mergeAll(
    PgCatalogStore.layer(options),
    PgLedgerStore.layer(options),
    PgAssetStore.layer(options),
    PgReservationStore.layer(options),
    PgProcurementStore.layer(options),
    PgCountStore.layer(options),
    PgTransferStore.layer(options),
    PgEventLog.layer(options),
    PgValuationStore.layer(options),
    PgLicenceStore.layer(options),
    PgCredentialStore.layer(options),
    PgMaintenanceStore.layer(options),
    PgUnitOfWork.layer
  )

/**
 * Runs the migrations when the layer is built.
 *
 * @since 0.1.0
 */
export const layerMigrations: Layer.Layer<never, Migrator.MigrationError | SqlError.SqlError, SqlClient.SqlClient> = Layer.effectDiscard(Migrations.run)

/**
 * Connection settings: a URL (or the pool options of @effect/sql-pg), plus the stores' options.
 *
 * @since 0.1.0
 */
export type Settings = PgClient.PgPoolConfig & Options & {
  /** Run pending migrations on start (default `true`). */
  readonly migrate?: boolean
}

/**
 * Every store on a PostgreSQL connection pool, migrated on start. Also provides the `SqlClient`.
 *
 * @since 0.1.0
 */
export const layer = (settings: Settings): Layer.Layer<Stores.Stores | SqlClient.SqlClient | PgClient.PgClient, Migrator.MigrationError | SqlError.SqlError> => {
  const client = PgClient.layer(settings)
  const migrated = settings.migrate === false ? Layer.empty : layerMigrations
  return layerSql(settings).pipe(Layer.provideMerge(migrated), Layer.provideMerge(client))
}

/**
 * Every store on the PostgreSQL server named by `DATABASE_URL`, migrated on start.
 *
 * @since 0.1.0
 */
export const layerConfig = (
  options: Options & { readonly migrate?: boolean; readonly maxConnections?: number } = {}
): Layer.Layer<Stores.Stores | SqlClient.SqlClient | PgClient.PgClient, Config.ConfigError | Migrator.MigrationError | SqlError.SqlError> =>
  Layer.unwrap(
    Effect.map(Config.Redacted("DATABASE_URL"), (url: Redacted.Redacted<string>) =>
      layer({ url, ...options, ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }) }))
  )

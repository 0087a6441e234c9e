/**
 * Every core store on embedded PGlite: the same SQL and migrations as `@quartermaster/storage-postgres`, with
 * no server to run.
 *
 * @since 0.1.0
 */
import type { Stores } from "@quartermaster/core"
import { PgStores, type TenantSession } from "@quartermaster/storage-postgres"
import { Layer } from "effect"
import type { Migrator, SqlClient, SqlError } from "effect/sql"
import * as PgliteClient from "./PgliteClient.ts"

/**
 * Where the database lives, and the stores' options.
 *
 * @since 0.1.0
 */
export type Settings = PgliteClient.Settings & TenantSession.Options & {
  /** Run pending migrations on start (default `true`). */
  readonly migrate?: boolean
}

/**
 * Every store on PGlite, migrated on start. Also provides the `SqlClient` and the PGlite instance.
 *
 * @since 0.1.0
 */
export const layer = (
  settings: Settings = {}
): Layer.Layer<Stores.Stores | SqlClient.SqlClient | PgliteClient.Pglite, Migrator.MigrationError | SqlError.SqlError> => {
  const client = PgliteClient.layer(settings)
  const stores = PgStores.layerSql(settings)
  return settings.migrate === false
    ? stores.pipe(Layer.provideMerge(client))
    : stores.pipe(Layer.provideMerge(PgStores.layerMigrations), Layer.provideMerge(client))
}

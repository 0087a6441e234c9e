/**
 * The server's own schema (API keys), migrated beside the core schema but recorded in its own table,
 * `qm_server_migrations`, so the core's migration history stays untouched.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { Migrator, SqlClient, type SqlError } from "effect/sql"

const m0001 = [
  `CREATE TABLE IF NOT EXISTS qm_api_keys (
  tenant_id text NOT NULL,
  id text NOT NULL,
  name text NOT NULL,
  role text NOT NULL,
  salt text NOT NULL,
  hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, id)
)`,
  // Keys are looked up by their public id before the tenant is known.
  `CREATE UNIQUE INDEX IF NOT EXISTS qm_api_keys_id ON qm_api_keys (id)`
]

/**
 * The server's migrations, in order. A released migration never changes.
 *
 * @since 0.1.0
 */
export const migrations: Record<string, Effect.Effect<void, SqlError.SqlError, SqlClient.SqlClient>> = {
  "1_api_keys": Effect.flatMap(
    Effect.service(SqlClient.SqlClient),
    (sql) => Effect.forEach(m0001, (statement) => sql.unsafe(statement), { discard: true })
  )
}

/**
 * Runs every server migration not yet applied.
 *
 * @since 0.1.0
 */
export const run: Effect.Effect<ReadonlyArray<readonly [id: number, name: string]>, Migrator.MigrationError | SqlError.SqlError, SqlClient.SqlClient> =
  Migrator.make({})({ loader: Migrator.fromRecord(migrations), table: "qm_server_migrations" })

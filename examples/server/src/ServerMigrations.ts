/**
 * The server's own schema (API keys, and the change notifications of `StockCache`), migrated beside the core
 * schema but recorded in its own table, `qm_server_migrations`, so the core's migration history stays
 * untouched.
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

// The stock-level cache (see StockCache.ts). The trigger tells other server processes that a tenant changed:
// every command appends its events, which updates the tenant's event counter row in the same transaction, and
// PostgreSQL delivers a NOTIFY only when that transaction commits. The server's own stock read of migration 2 is
// dropped: the storage's `qm_stock_level` (core migration `9_stock_level`, behind `LedgerStore.level`) replaces it.
const m0003 = [
  `DROP FUNCTION IF EXISTS qm_server_stock_level(text, text, text, text, timestamptz)`,
  `CREATE OR REPLACE FUNCTION qm_server_notify_change() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  PERFORM pg_notify('qm_server_changes', NEW.tenant_id);
  RETURN NULL;
END
$body$`,
  `CREATE TRIGGER qm_server_notify_change AFTER INSERT OR UPDATE ON qm_event_counters
  FOR EACH ROW EXECUTE FUNCTION qm_server_notify_change()`
]

/**
 * The server's migrations, in order. A released migration never changes what a database ends up with; one whose
 * work a later migration undoes may become empty (migration 2).
 *
 * @since 0.1.0
 */
export const migrations: Record<string, Effect.Effect<void, SqlError.SqlError, SqlClient.SqlClient>> = {
  "1_api_keys": Effect.flatMap(
    Effect.service(SqlClient.SqlClient),
    (sql) => Effect.forEach(m0001, (statement) => sql.unsafe(statement), { discard: true })
  ),
  // Created the server's first stock read, `qm_server_stock_level`, which migration 3 drops (the storage's
  // `qm_stock_level` of core migration `9_stock_level`, behind `LedgerStore.level`, replaced it). A fresh
  // database has nothing to create and drop, so the step is empty; the name stays, so the history stays valid.
  "2_stock_level": Effect.void,
  "3_stock_cache": Effect.flatMap(
    Effect.service(SqlClient.SqlClient),
    (sql) => Effect.forEach(m0003, (statement) => sql.unsafe(statement), { discard: true })
  )
}

/**
 * Runs every server migration not yet applied.
 *
 * @since 0.1.0
 */
export const run: Effect.Effect<ReadonlyArray<readonly [id: number, name: string]>, Migrator.MigrationError | SqlError.SqlError, SqlClient.SqlClient> =
  Migrator.make({})({ loader: Migrator.fromRecord(migrations), table: "qm_server_migrations" })

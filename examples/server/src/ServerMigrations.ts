/**
 * The server's own schema (API keys, and the stock level read of `StockLevel`), migrated beside the core
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

// The stock level read (see StockLevel.ts) as a PL/pgSQL function. PL/pgSQL prepares each statement once per
// session and keeps its plan, so on PGlite, which has no prepared statements of its own, a read costs an
// execution instead of a parse and plan of three subqueries. One statement per scope shape (the item, the item
// in one lot, a location subtree with or without a lot), so each keeps a plan fit for its shape. A change to
// the read is a new migration that replaces the function.
const m0002 = `CREATE OR REPLACE FUNCTION qm_server_stock_level(p_tenant text, p_item text, p_location text, p_lot text, p_now timestamptz)
RETURNS TABLE (decimals int, locations int, on_hand text, reserved text)
LANGUAGE plpgsql STABLE AS $body$
BEGIN
  IF p_location IS NULL AND p_lot IS NULL THEN
    RETURN QUERY SELECT
      (SELECT (i.doc->'baseUnit'->>'decimals')::int FROM qm_items i WHERE i.tenant_id = p_tenant AND i.id = p_item),
      NULL::int,
      (SELECT coalesce(sum(b.quantity), 0)::text FROM qm_balances b
         JOIN qm_locations l ON l.tenant_id = b.tenant_id AND l.id = b.location_id
        WHERE b.tenant_id = p_tenant AND b.item_id = p_item AND l.doc->>'usage' = 'internal'),
      (SELECT coalesce(sum((r.doc->>'quantity')::numeric - (r.doc->>'fulfilled')::numeric), 0)::text FROM qm_reservations r
        WHERE r.tenant_id = p_tenant AND r.status = 'open' AND r.item_id = p_item
          AND (r.doc->>'expiresAt' IS NULL OR (r.doc->>'expiresAt')::timestamptz > p_now));
  ELSIF p_location IS NULL THEN
    RETURN QUERY SELECT
      (SELECT (i.doc->'baseUnit'->>'decimals')::int FROM qm_items i WHERE i.tenant_id = p_tenant AND i.id = p_item),
      NULL::int,
      (SELECT coalesce(sum(b.quantity), 0)::text FROM qm_balances b
         JOIN qm_locations l ON l.tenant_id = b.tenant_id AND l.id = b.location_id
        WHERE b.tenant_id = p_tenant AND b.item_id = p_item AND b.lot = p_lot AND l.doc->>'usage' = 'internal'),
      '0'::text;
  ELSE
    RETURN QUERY WITH subtree AS (
      SELECT s.id FROM qm_locations s WHERE s.tenant_id = p_tenant AND (s.id = p_location OR s.path @> ARRAY[p_location])
    )
    SELECT
      (SELECT (i.doc->'baseUnit'->>'decimals')::int FROM qm_items i WHERE i.tenant_id = p_tenant AND i.id = p_item),
      (SELECT count(*)::int FROM subtree),
      (SELECT coalesce(sum(b.quantity), 0)::text FROM qm_balances b
         JOIN qm_locations l ON l.tenant_id = b.tenant_id AND l.id = b.location_id
        WHERE b.tenant_id = p_tenant AND b.item_id = p_item AND b.location_id IN (SELECT id FROM subtree)
          AND (p_lot IS NULL OR b.lot = p_lot) AND l.doc->>'usage' = 'internal'),
      CASE WHEN p_lot IS NOT NULL THEN '0'::text ELSE
        (SELECT coalesce(sum((r.doc->>'quantity')::numeric - (r.doc->>'fulfilled')::numeric), 0)::text FROM qm_reservations r
          WHERE r.tenant_id = p_tenant AND r.status = 'open' AND r.item_id = p_item
            AND r.doc->>'locationId' IN (SELECT id FROM subtree)
            AND (r.doc->>'expiresAt' IS NULL OR (r.doc->>'expiresAt')::timestamptz > p_now))
      END;
  END IF;
END
$body$`

/**
 * The server's migrations, in order. A released migration never changes.
 *
 * @since 0.1.0
 */
export const migrations: Record<string, Effect.Effect<void, SqlError.SqlError, SqlClient.SqlClient>> = {
  "1_api_keys": Effect.flatMap(
    Effect.service(SqlClient.SqlClient),
    (sql) => Effect.forEach(m0001, (statement) => sql.unsafe(statement), { discard: true })
  ),
  "2_stock_level": Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) => sql.unsafe(m0002))
}

/**
 * Runs every server migration not yet applied.
 *
 * @since 0.1.0
 */
export const run: Effect.Effect<ReadonlyArray<readonly [id: number, name: string]>, Migrator.MigrationError | SqlError.SqlError, SqlClient.SqlClient> =
  Migrator.make({})({ loader: Migrator.fromRecord(migrations), table: "qm_server_migrations" })

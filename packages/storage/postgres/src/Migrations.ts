/**
 * Versioned, forward-only schema migrations, shared by PostgreSQL and PGlite.
 *
 * Every table is keyed by `tenant_id` first, so the schema can be distributed by tenant (see
 * `docs/storage.md`). Movements are append-only; balances, serial positions and lots change in the same
 * transaction as the movements that move them. Migrations run in order, once, recorded in `qm_migrations`.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { Migrator, SqlClient, type SqlError } from "effect/sql"
import { ASSET_SERVICE_TABLES, ASSET_TABLES, m0006, m0007 } from "./internal/assetSchema.ts"
import * as StockLevelSql from "./internal/stockLevel.ts"

const statements = (sql: SqlClient.SqlClient, text: string) =>
  Effect.forEach(
    text.split(/;\s*\n/).map((s) => s.trim()).filter((s) => s.length > 0),
    (statement) => sql.unsafe(statement),
    { discard: true }
  )

const m0001 = `
CREATE TABLE qm_items (
  tenant_id text NOT NULL,
  id text NOT NULL,
  sku text NOT NULL,
  status text NOT NULL,
  version integer NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT qm_items_sku_key UNIQUE (tenant_id, sku)
);
CREATE TABLE qm_item_gtins (
  tenant_id text NOT NULL,
  gtin text NOT NULL,
  item_id text NOT NULL,
  PRIMARY KEY (tenant_id, gtin)
);
CREATE INDEX qm_item_gtins_item ON qm_item_gtins (tenant_id, item_id);
CREATE TABLE qm_locations (
  tenant_id text NOT NULL,
  id text NOT NULL,
  code text NOT NULL,
  parent_id text,
  path text[] NOT NULL,
  version integer NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT qm_locations_code_key UNIQUE (tenant_id, code)
);
CREATE INDEX qm_locations_path ON qm_locations USING gin (path);
CREATE SEQUENCE qm_movement_seq;
CREATE TABLE qm_movements (
  tenant_id text NOT NULL,
  id text NOT NULL,
  seq bigint NOT NULL DEFAULT nextval('qm_movement_seq'),
  batch_id text NOT NULL,
  item_id text NOT NULL,
  from_location_id text NOT NULL,
  to_location_id text NOT NULL,
  quantity numeric NOT NULL CHECK (quantity > 0),
  lot text,
  serials text[] NOT NULL DEFAULT '{}',
  unit_cost numeric,
  effective_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  reason_code text,
  reference text,
  reservation_id text,
  actor_id text NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX qm_movements_seq ON qm_movements (tenant_id, seq);
CREATE INDEX qm_movements_item_seq ON qm_movements (tenant_id, item_id, seq);
CREATE INDEX qm_movements_item_effective ON qm_movements (tenant_id, item_id, effective_at);
CREATE INDEX qm_movements_reference ON qm_movements (tenant_id, reference) WHERE reference IS NOT NULL;
CREATE TABLE qm_balances (
  tenant_id text NOT NULL,
  item_id text NOT NULL,
  location_id text NOT NULL,
  lot text NOT NULL DEFAULT '',
  quantity numeric NOT NULL,
  PRIMARY KEY (tenant_id, item_id, location_id, lot)
);
CREATE INDEX qm_balances_location ON qm_balances (tenant_id, location_id);
CREATE TABLE qm_serials (
  tenant_id text NOT NULL,
  item_id text NOT NULL,
  serial text NOT NULL,
  location_id text NOT NULL,
  PRIMARY KEY (tenant_id, item_id, serial)
);
CREATE INDEX qm_serials_serial ON qm_serials (tenant_id, serial);
CREATE TABLE qm_lots (
  tenant_id text NOT NULL,
  item_id text NOT NULL,
  code text NOT NULL,
  expires_at timestamptz,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, item_id, code)
);
CREATE INDEX qm_lots_code ON qm_lots (tenant_id, code);
CREATE TABLE qm_reservations (
  tenant_id text NOT NULL,
  id text NOT NULL,
  item_id text NOT NULL,
  status text NOT NULL,
  reference text,
  version integer NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX qm_reservations_open ON qm_reservations (tenant_id, item_id) WHERE status = 'open';
CREATE TABLE qm_event_counters (
  tenant_id text NOT NULL,
  last_seq bigint NOT NULL,
  PRIMARY KEY (tenant_id)
);
CREATE TABLE qm_events (
  tenant_id text NOT NULL,
  seq bigint NOT NULL,
  id text NOT NULL,
  actor_id text NOT NULL,
  at timestamptz NOT NULL,
  entities jsonb NOT NULL,
  event jsonb NOT NULL,
  PRIMARY KEY (tenant_id, seq),
  CONSTRAINT qm_events_id_key UNIQUE (tenant_id, id)
);
CREATE TABLE qm_event_entities (
  tenant_id text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  seq bigint NOT NULL,
  PRIMARY KEY (tenant_id, entity_type, entity_id, seq)
);
CREATE TABLE qm_outbox_consumers (
  tenant_id text NOT NULL,
  consumer text NOT NULL,
  floor bigint NOT NULL,
  PRIMARY KEY (tenant_id, consumer)
);
CREATE TABLE qm_outbox_deliveries (
  tenant_id text NOT NULL,
  consumer text NOT NULL,
  seq bigint NOT NULL,
  attempts integer NOT NULL,
  lease_until bigint NOT NULL,
  acknowledged boolean NOT NULL,
  PRIMARY KEY (tenant_id, consumer, seq)
)`

// Optional row-level security: every table admits only the rows of the session's tenant
// (`qm.tenant_id`) once one is set. With no tenant set the policies admit everything, so turning them on
// changes nothing for a deployment that does not set it.
const TENANT_TABLES = [
  "qm_items", "qm_item_gtins", "qm_locations", "qm_movements", "qm_balances", "qm_serials", "qm_lots",
  "qm_reservations", "qm_event_counters", "qm_events", "qm_event_entities", "qm_outbox_consumers", "qm_outbox_deliveries"
]
const policies = (tables: ReadonlyArray<string>) => tables.map((table) => `
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
CREATE POLICY ${table}_tenant ON ${table}
  USING (coalesce(current_setting('qm.tenant_id', true), '') = '' OR tenant_id = current_setting('qm.tenant_id', true))
  WITH CHECK (coalesce(current_setting('qm.tenant_id', true), '') = '' OR tenant_id = current_setting('qm.tenant_id', true))`).join(";\n")
const m0002 = policies(TENANT_TABLES)

const m0003 = `
CREATE TABLE qm_valuation_settings (
  tenant_id text NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id)
);
CREATE TABLE qm_valuation_periods (
  tenant_id text NOT NULL,
  id text NOT NULL,
  end_at bigint NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE qm_valuation_methods (
  tenant_id text NOT NULL,
  item_id text NOT NULL,
  id text NOT NULL,
  effective_at bigint NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, item_id, id)
);
CREATE TABLE qm_valuation_adjustments (
  tenant_id text NOT NULL,
  item_id text NOT NULL,
  id text NOT NULL,
  effective_at bigint NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, item_id, id)
);
CREATE INDEX qm_valuation_adjustments_id ON qm_valuation_adjustments (tenant_id, id);
CREATE TABLE qm_valuation_dirty (
  tenant_id text NOT NULL,
  item_id text NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, item_id)
);
CREATE TABLE qm_valuation_heads (
  tenant_id text NOT NULL,
  item_id text NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, item_id)
);
CREATE TABLE qm_valuation_checkpoints (
  tenant_id text NOT NULL,
  item_id text NOT NULL,
  at bigint NOT NULL,
  seq double precision NOT NULL,
  pos_id text COLLATE "C" NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, item_id, at, seq, pos_id)
);
CREATE TABLE qm_valuation_entries (
  tenant_id text NOT NULL,
  item_id text NOT NULL,
  id text NOT NULL,
  at bigint NOT NULL,
  seq double precision NOT NULL,
  step text COLLATE "C" NOT NULL,
  kind text NOT NULL,
  movement_id text,
  site text NOT NULL,
  lot text,
  quantity numeric NOT NULL,
  value numeric NOT NULL,
  cogs numeric NOT NULL,
  received numeric NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, item_id, id)
);
CREATE INDEX qm_valuation_entries_order ON qm_valuation_entries (tenant_id, item_id, at, seq, step);
CREATE INDEX qm_valuation_entries_time ON qm_valuation_entries (tenant_id, at);
CREATE INDEX qm_valuation_entries_movement ON qm_valuation_entries (tenant_id, movement_id) WHERE movement_id IS NOT NULL`

const VALUATION_TABLES = [
  "qm_valuation_settings", "qm_valuation_periods", "qm_valuation_methods", "qm_valuation_adjustments",
  "qm_valuation_dirty", "qm_valuation_heads", "qm_valuation_checkpoints", "qm_valuation_entries"
]

// 5: requisitions and purchase orders (receipts live in the order's document). The columns beside the
// documents serve listing by status and supplier, and the open-order lookup by item (`item_ids`).
const m0005 = `
CREATE TABLE qm_requisitions (
  tenant_id text NOT NULL,
  id text NOT NULL,
  status text NOT NULL,
  version integer NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX qm_requisitions_status ON qm_requisitions (tenant_id, status);
CREATE TABLE qm_purchase_orders (
  tenant_id text NOT NULL,
  id text NOT NULL,
  status text NOT NULL,
  supplier_id text NOT NULL,
  item_ids text[] NOT NULL,
  version integer NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX qm_purchase_orders_status ON qm_purchase_orders (tenant_id, status);
CREATE INDEX qm_purchase_orders_supplier ON qm_purchase_orders (tenant_id, supplier_id);
CREATE INDEX qm_purchase_orders_items ON qm_purchase_orders USING gin (item_ids)`
const PROCUREMENT_TABLES = ["qm_requisitions", "qm_purchase_orders"]

// 4: cycle-count sessions with their cells, and transfers. Documents carry the records; the columns beside them
// serve the status, approval-time and item filters.
const m0004 = `
CREATE TABLE qm_count_sessions (
  tenant_id text NOT NULL,
  id text NOT NULL,
  status text NOT NULL,
  approved_at timestamptz,
  version integer NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX qm_count_sessions_status ON qm_count_sessions (tenant_id, status);
CREATE INDEX qm_count_sessions_approved ON qm_count_sessions (tenant_id, approved_at) WHERE approved_at IS NOT NULL;
CREATE TABLE qm_count_cells (
  tenant_id text NOT NULL,
  session_id text NOT NULL,
  item_id text NOT NULL,
  location_id text NOT NULL,
  lot text NOT NULL DEFAULT '',
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, session_id, item_id, location_id, lot)
);
CREATE TABLE qm_transfers (
  tenant_id text NOT NULL,
  id text NOT NULL,
  status text NOT NULL,
  item_ids text[] NOT NULL,
  version integer NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX qm_transfers_status ON qm_transfers (tenant_id, status);
CREATE INDEX qm_transfers_items ON qm_transfers USING gin (item_ids)`
const COUNT_TRANSFER_TABLES = ["qm_count_sessions", "qm_count_cells", "qm_transfers"]

// 8: cheaper postings.
// - Event payloads and entity lists are stored as `json`: nothing queries inside them, and `jsonb` spent most of an
//   append converting a large payload (a batch's event carries every movement). Where the server has lz4, their
//   TOAST compression uses it, which is several times cheaper than pglz on such payloads.
// - `qm_movements_item_effective` goes: `(tenant_id, item_id, seq)` serves the as-of balance of an item too (it
//   reads the item's movements and filters by time), and each index costs every posted movement an insertion.
// - Balance rows are updated in place by every posting; free space on their pages keeps those updates HOT.
const m0008 = `
ALTER TABLE qm_events ALTER COLUMN event TYPE json USING event::json, ALTER COLUMN entities TYPE json USING entities::json;
DROP INDEX qm_movements_item_effective;
ALTER TABLE qm_balances SET (fillfactor = 70)`

// `SET COMPRESSION lz4` fails on builds without lz4 (PGlite among them); those keep the default.
const lz4Events = (sql: SqlClient.SqlClient) =>
  sql.unsafe(`
DO $$
BEGIN
  ALTER TABLE qm_events ALTER COLUMN event SET COMPRESSION lz4, ALTER COLUMN entities SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN NULL;
END
$$`)

/**
 * The migrations, in order. Later issues append; a released migration never changes.
 *
 * @since 0.1.0
 */
export const migrations: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>> = {
  "1_core_schema": Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) => statements(sql, m0001)),
  "2_row_level_security": Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) => statements(sql, m0002)),
  "3_valuation": Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) => statements(sql, `${m0003};\n${policies(VALUATION_TABLES)}`)),
  "4_counts_transfers": Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) => statements(sql, `${m0004};\n${policies(COUNT_TRANSFER_TABLES)}`)),
  "5_procurement": Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) => statements(sql, `${m0005};\n${policies(PROCUREMENT_TABLES)}`)),
  "6_assets": Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) => statements(sql, `${m0006};\n${policies(ASSET_TABLES)}`)),
  "7_asset_services": Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) => statements(sql, `${m0007};\n${policies(ASSET_SERVICE_TABLES)}`)),
  "8_cheaper_postings": Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) => Effect.andThen(statements(sql, m0008), lz4Events(sql))),
  // The one-read stock level of `LedgerStore.level` (a PL/pgSQL body holds semicolons, so it is one statement).
  "9_stock_level": Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) => sql.unsafe(StockLevelSql.createFunction))
}

/**
 * Runs every migration not yet applied, and returns the ones it ran.
 *
 * @since 0.1.0
 */
export const run: Effect.Effect<ReadonlyArray<readonly [id: number, name: string]>, Migrator.MigrationError | SqlError.SqlError, SqlClient.SqlClient> =
  Migrator.make({})({ loader: Migrator.fromRecord(migrations), table: "qm_migrations" })

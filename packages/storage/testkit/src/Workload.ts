// The benchmarks' workload, and the bare table its raw baselines write to.
//
// Shared by both storage packages' benchmarks, so both adapters are measured on the same rows.
//
// 1,000 items and 50 bins. Batch posting cycles every item through three batches, as the core benchmark does:
// received into bin A in batch r, moved from A to bin B in batch r + 1, issued from B to the customer in batch
// r + 2; so each batch holds a third of each kind, and every transfer and issue runs its negative-stock check
// against stock that exists. Single postings alternate a receipt and an issue of the same item, and each client
// has its own items, so clients contend only where the store itself serializes them.
import { Catalog, type Movement, Locations, type Stores } from "@quartermaster/core"
import { Effect } from "effect"
import { SqlClient, type SqlError, type Statement } from "effect/sql"

export const ITEMS = 1_000
export const BINS = 50
export const SUPPLIER = "sup"
export const CUSTOMER = "cust"
export const itemId = (i: number): string => `item-${i}`
export const binId = (b: number): string => `bin-${b}`

/** Creates the locations and items of the workload for the current tenant. */
export const setup: Effect.Effect<void, unknown, Catalog.Env> = Effect.gen(function*() {
  yield* Locations.create({ id: SUPPLIER, code: "SUP", kind: "site", usage: "supplier" })
  yield* Locations.create({ id: CUSTOMER, code: "CUST", kind: "site", usage: "customer" })
  yield* Locations.create({ id: "wh", code: "WH", kind: "warehouse" })
  for (let b = 0; b < BINS; b++) yield* Locations.create({ id: binId(b), code: `WH-${b}`, kind: "bin", parentId: "wh" })
  for (let i = 0; i < ITEMS; i++) {
    yield* Catalog.createItem({ id: itemId(i), sku: `SKU-${i}`, name: `Item ${i}`, baseUnit: { code: "each" } })
  }
})

/** The lines of batch `k` of `size` lines. Pure, so the ledger and the raw baseline see the same rows. */
export const batchOf = (k: number, size: number): Array<Movement.MovementInput> => {
  const slots = Math.ceil(size / 3)
  const itemOf = (batch: number, slot: number) => (((batch * slots + slot) % ITEMS) + ITEMS) % ITEMS
  const lines: Array<Movement.MovementInput> = []
  for (let j = 0; j < size; j++) {
    const kind = j % 3
    const slot = (j - kind) / 3
    const r = k - kind
    const item = itemOf(r, slot)
    const a = binId((item * 7 + r) % BINS)
    const b = binId((item * 7 + r + 1) % BINS)
    const id = `mv-${k}-${j}`
    if (kind === 0) lines.push({ id, itemId: itemId(item), from: SUPPLIER, to: a, quantity: 10, unitCost: "2.50", reference: `PO-${k}` })
    else if (r < 0) lines.push({ id, itemId: itemId(item), from: SUPPLIER, to: b, quantity: 6, unitCost: "2.50", reference: `PO-${k}` })
    else if (kind === 1) lines.push({ id, itemId: itemId(item), from: a, to: b, quantity: 6 })
    else lines.push({ id, itemId: itemId(item), from: b, to: CUSTOMER, quantity: 5, reference: `SO-${k}` })
  }
  return lines
}

/** Single posting `i` of client `c`: even postings receive two units of the client's item, odd ones issue one. */
export const singleOf = (c: number, i: number, clients: number): Movement.MovementInput => {
  const item = (c + clients * Math.floor(i / 2)) % ITEMS
  const bin = binId(item % BINS)
  const id = `single-${c}-${i}`
  return i % 2 === 0
    ? { id, itemId: itemId(item), from: SUPPLIER, to: bin, quantity: 2, unitCost: "2.50", reference: `PO-${c}-${i}` }
    : { id, itemId: itemId(item), from: bin, to: CUSTOMER, quantity: 1, reference: `SO-${c}-${i}` }
}

/** A bare table with the columns of `qm_movements` and no key, index or default: the raw baselines' target. */
export const bareTable = (name: string) =>
  Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) =>
    Effect.acquireRelease(
      sql`
        CREATE TABLE ${sql(name)} (
          tenant_id text NOT NULL, id text NOT NULL, seq bigint NOT NULL, batch_id text NOT NULL, item_id text NOT NULL,
          from_location_id text NOT NULL, to_location_id text NOT NULL, quantity numeric NOT NULL, lot text,
          serials text[] NOT NULL, unit_cost numeric, effective_at timestamptz NOT NULL, recorded_at timestamptz NOT NULL,
          reason_code text, reference text, reservation_id text, actor_id text NOT NULL
        )`.pipe(Effect.as(name)),
      () => Effect.ignore(sql`DROP TABLE IF EXISTS ${sql(name)}`)
    ))

/**
 * A table like `qm_movements`, with its primary key and indexes: the raw baselines' reference, to show how much
 * of the gap between the bare table and the ledger is index maintenance on the movements alone.
 */
export const indexedTable = (name: string) =>
  Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) =>
    Effect.acquireRelease(
      sql`CREATE TABLE ${sql(name)} (LIKE qm_movements INCLUDING INDEXES INCLUDING CONSTRAINTS)`.pipe(Effect.as(name)),
      () => Effect.ignore(sql`DROP TABLE IF EXISTS ${sql(name)}`)
    ))

/**
 * A table like `qm_balances`, with its key and indexes: with {@link indexedTable}, what the least posting
 * transaction writes ({@link leastPosting}).
 */
export const balanceTable = (name: string) =>
  Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) =>
    Effect.acquireRelease(
      sql`CREATE TABLE ${sql(name)} (LIKE qm_balances INCLUDING INDEXES INCLUDING CONSTRAINTS INCLUDING DEFAULTS)`.pipe(Effect.as(name)),
      () => Effect.ignore(sql`DROP TABLE IF EXISTS ${sql(name)}`)
    ))

/** The tables the least posting writes: like `qm_movements` and `qm_balances`, with their keys and indexes. */
export interface LeastTables {
  readonly movements: string
  readonly balances: string
}

/**
 * The least a transaction that posts one movement does, written by hand: lock the balance it draws on (when it
 * draws on stock) and check it, insert the movement into a table with `qm_movements`' indexes, and add to both
 * balances; no events, catalog reads or idempotency read. `oneStatement`: all of it in one statement
 * (autocommitted, one round trip like the raw INSERT), else a statement per step in a transaction. The
 * single-posting benchmark's references: the ceiling for a posting written either way.
 */
export const leastPosting = (tables: LeastTables, tenantId: string, line: Movement.MovementInput, seq: number, at: string, oneStatement: boolean) =>
  Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) => {
    const quantity = Number(line.quantity)
    const draws = line.from !== SUPPLIER
    const movement = sql`
      INSERT INTO ${sql(tables.movements)} (tenant_id, id, seq, batch_id, item_id, from_location_id, to_location_id, quantity, serials,
                                         unit_cost, effective_at, recorded_at, reference, actor_id)
      SELECT ${tenantId}, ${line.id}, ${seq}, ${line.id}, ${line.itemId}, ${line.from}, ${line.to}, ${String(line.quantity)}::numeric, '{}',
             ${line.unitCost === undefined ? null : String(line.unitCost)}::numeric, ${at}::timestamptz, ${at}::timestamptz,
             ${line.reference ?? null}, 'bench'`
    const locked = sql`
      SELECT quantity FROM ${sql(tables.balances)}
      WHERE tenant_id = ${tenantId} AND item_id = ${line.itemId} AND location_id = ${line.from} AND lot = ''
      FOR UPDATE`
    const balances = (source: Statement.Fragment) => sql`
      INSERT INTO ${sql(tables.balances)} (tenant_id, item_id, location_id, lot, quantity)
      SELECT ${tenantId}, ${line.itemId}, v.location_id, '', v.quantity
      FROM ${source}, (VALUES (${line.from}, ${-quantity}::numeric), (${line.to}, ${quantity}::numeric)) AS v(location_id, quantity)
      ON CONFLICT (tenant_id, item_id, location_id, lot) DO UPDATE SET quantity = ${sql(tables.balances)}.quantity + EXCLUDED.quantity`
    const refused = Effect.die(`no stock for ${line.id}`)
    if (oneStatement) {
      return sql<{ n: number }>`
        WITH b AS (${draws ? locked : sql.literal("SELECT NULL::numeric AS quantity WHERE false")}), m AS (
          ${movement} WHERE ${!draws} OR EXISTS (SELECT 1 FROM b WHERE b.quantity >= ${quantity})
          RETURNING 1
        ), u AS (${balances(sql.literal("m"))})
        SELECT count(*)::int AS n FROM m`.pipe(Effect.flatMap((rows) => (rows[0]?.n === 1 ? Effect.void : refused)))
    }
    return sql.withTransaction(Effect.gen(function*() {
      if (draws) {
        const [row] = yield* sql<{ quantity: string }>`SELECT quantity::text AS quantity FROM (${locked}) AS b`
        if (row === undefined || Number(row.quantity) < quantity) return yield* refused
      }
      yield* movement
      yield* balances(sql.literal("(SELECT 1) AS one"))
    }))
  })

/** Inserts lines into a bare table with one `INSERT … SELECT FROM unnest(…)`, as the ledger store writes movements. */
export const rawInsertBatch = (table: string, tenantId: string, lines: ReadonlyArray<Movement.MovementInput>, firstSeq: number, at: string) =>
  Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) =>
    sql`
      INSERT INTO ${sql(table)} (tenant_id, id, seq, batch_id, item_id, from_location_id, to_location_id, quantity, serials,
                                 unit_cost, effective_at, recorded_at, reference, actor_id)
      SELECT ${tenantId}, m.id, m.seq::bigint, ${lines[0]!.id}, m.item_id, m.from_id, m.to_id, m.quantity::numeric, '{}',
             m.unit_cost::numeric, ${at}::timestamptz, ${at}::timestamptz, m.reference, 'bench'
      FROM unnest(
        ${lines.map((l) => l.id)}::text[], ${lines.map((_, i) => String(firstSeq + i))}::text[], ${lines.map((l) => l.itemId)}::text[],
        ${lines.map((l) => l.from)}::text[], ${lines.map((l) => l.to)}::text[], ${lines.map((l) => String(l.quantity))}::text[],
        ${lines.map((l) => (l.unitCost === undefined ? null : String(l.unitCost)))}::text[], ${lines.map((l) => l.reference ?? null)}::text[]
      ) AS m(id, seq, item_id, from_id, to_id, quantity, unit_cost, reference)`)

/** Inserts one line into a bare table with a single-row `INSERT … VALUES`. */
export const rawInsertOne = (table: string, tenantId: string, line: Movement.MovementInput, seq: number, at: string) =>
  Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) =>
    sql`
      INSERT INTO ${sql(table)} (tenant_id, id, seq, batch_id, item_id, from_location_id, to_location_id, quantity, serials,
                                 unit_cost, effective_at, recorded_at, reference, actor_id)
      VALUES (${tenantId}, ${line.id}, ${seq}, ${line.id}, ${line.itemId}, ${line.from}, ${line.to}, ${String(line.quantity)}::numeric, '{}',
              ${line.unitCost === undefined ? null : String(line.unitCost)}::numeric, ${at}::timestamptz, ${at}::timestamptz,
              ${line.reference ?? null}, 'bench')`)

const TENANT_TABLES = [
  "qm_items", "qm_item_gtins", "qm_locations", "qm_movements", "qm_balances", "qm_serials", "qm_lots",
  "qm_reservations", "qm_event_counters", "qm_events", "qm_event_entities", "qm_outbox_consumers", "qm_outbox_deliveries"
]

/** Deletes every row of the benchmark tenants matching a `LIKE` pattern, so a run leaves the database as it found it. */
export const dropTenants = (pattern: string): Effect.Effect<void, SqlError.SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) =>
    Effect.forEach(TENANT_TABLES, (table) => sql`DELETE FROM ${sql(table)} WHERE tenant_id LIKE ${pattern}`, { discard: true }))

/** The stores a benchmark runs on, and the SQL client its raw baselines use. */
export type Env = Stores.Stores | SqlClient.SqlClient

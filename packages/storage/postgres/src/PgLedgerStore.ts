/**
 * The stock ledger store in SQL.
 *
 * Movements are append-only rows keyed by `(tenant_id, id)`, so the movement id is the idempotency key in
 * the database too. Balances per (item, location, lot) are upserted in the same transaction. Locks are taken
 * in one order everywhere (item rows, then balance rows, sorted by key in the "C" collation), so concurrent
 * posts wait for each other instead of deadlocking. Large postings are written set-based, one statement per
 * table over `unnest`-ed arrays.
 *
 * @since 0.1.0
 */
import { type Ids, LedgerStore, type Lot, type Movement, type StoreError } from "@quartermaster/core"
import { BigDecimal, DateTime, Effect, Layer } from "effect"
import { SqlClient, type SqlError } from "effect/sql"
import { sqlFailure } from "./internal/errors.ts"
import * as LockedRows from "./internal/lockedRows.ts"
import { type Options, scope } from "./TenantSession.ts"

// A movement as one JSON array per row, in this order: one field rather than sixteen, because PGlite's client
// parses every field of a result on its own (a valuation reads tens of thousands of movements). Times come as
// epoch milliseconds, as movements hold them.
type MovementRow = readonly [
  id: string,
  seq: number,
  batchId: string,
  itemId: string,
  from: string,
  to: string,
  quantity: string,
  lot: string | null,
  serials: ReadonlyArray<string>,
  unitCost: string | null,
  effectiveAt: number,
  recordedAt: number,
  reasonCode: string | null,
  reference: string | null,
  reservationId: string | null,
  actorId: string
]

const MOVEMENT_ROW = "json_build_array(id, seq, batch_id, item_id, from_location_id, to_location_id, quantity::text, lot, serials, " +
  "unit_cost::text, floor(extract(epoch FROM effective_at) * 1000)::bigint, floor(extract(epoch FROM recorded_at) * 1000)::bigint, " +
  "reason_code, reference, reservation_id, actor_id)::text AS r"

/** Movements from rows of {@link MOVEMENT_ROW}; a run of them shares each distinct unit cost. */
const toMovements = (tenantId: Ids.TenantId, rows: ReadonlyArray<{ readonly r: string }>): Array<Movement.Movement> => {
  const costs = new Map<string, BigDecimal.BigDecimal>()
  const costOf = (text: string) => {
    let cost = costs.get(text)
    if (cost === undefined) costs.set(text, cost = BigDecimal.normalize(BigDecimal.fromStringUnsafe(text)))
    return cost
  }
  return rows.map(({ r }) => {
    const m = JSON.parse(r) as MovementRow
    return {
      id: m[0] as Ids.MovementId,
      tenantId,
      seq: m[1],
      batchId: m[2] as Ids.MovementId,
      itemId: m[3] as Ids.ItemId,
      fromLocationId: m[4] as Ids.LocationId,
      toLocationId: m[5] as Ids.LocationId,
      quantity: BigInt(m[6]),
      lot: m[7],
      serials: m[8],
      unitCost: m[9] === null ? null : costOf(m[9]),
      effectiveAt: DateTime.makeUnsafe(m[10]),
      recordedAt: DateTime.makeUnsafe(m[11]),
      reasonCode: m[12],
      reference: m[13],
      reservationId: m[14] as Ids.ReservationId | null,
      actorId: m[15] as Ids.ActorId
    }
  })
}

interface BalanceRow {
  readonly item_id: string
  readonly location_id: string
  readonly lot: string
  readonly quantity: string
}

const toBalance = (r: BalanceRow): LedgerStore.Balance => ({
  itemId: r.item_id as Ids.ItemId,
  locationId: r.location_id as Ids.LocationId,
  lot: r.lot === "" ? null : r.lot,
  quantity: BigInt(r.quantity)
})

const toLot = (tenantId: Ids.TenantId) => (r: { item_id: string; code: string; expires_at: Date | null; received_at: Date }): Lot.Lot => ({
  tenantId,
  itemId: r.item_id as Ids.ItemId,
  code: r.code,
  expiresAt: r.expires_at === null ? null : DateTime.makeUnsafe(r.expires_at),
  receivedAt: DateTime.makeUnsafe(r.received_at)
})

const iso = (t: DateTime.Utc) => DateTime.formatIso(t)

interface LevelRow {
  readonly decimals: number | null
  /** The location subtree's size; null when no location was asked for. */
  readonly locations: number | null
  readonly on_hand: string
  readonly reserved: string
  readonly next_expiry: Date | string | null
}

// The driver cannot type an array parameter whose elements are all null, so the nullable columns of a
// posting travel as one JSON document: a `[lot, unitCost, reasonCode, reference, reservationId]` tuple per
// movement, read back by ordinal.
const nullables = (ms: ReadonlyArray<Movement.Movement>): string =>
  JSON.stringify(ms.map((m) => [m.lot, m.unitCost === null ? null : BigDecimal.format(m.unitCost), m.reasonCode, m.reference, m.reservationId]))

/**
 * The SQL ledger store on the ambient `SqlClient`.
 *
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<LedgerStore.LedgerStore, never, SqlClient.SqlClient> =>
  Layer.effect(
    LedgerStore.LedgerStore,
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const scoped = scope(sql, options)
      const run = <A>(operation: string, tenantId: string, effect: Effect.Effect<A, SqlError.SqlError>): Effect.Effect<A, StoreError.StoreError> =>
        scoped(tenantId, effect).pipe(Effect.catchTag("SqlError", sqlFailure(operation)))

      // Key lists are joined as `unnest(…)` rather than matched with `= ANY(…)`: a cached generic plan that
      // scans the table compares every row with every key, which grew a batch's look-ups with the ledger's size.
      return LedgerStore.LedgerStore.of({
        lockItems: (tenantId, itemIds) =>
          itemIds.length === 0 ? Effect.void : run(
            "ledger.lockItems",
            tenantId,
            // The documents come along, so the catalog's read of the items that follows costs no round trip.
            Effect.flatMap(
              sql<{ id: string; doc: unknown }>`
                SELECT i.id, i.doc::text AS doc FROM qm_items i JOIN unnest(${itemIds}::text[]) AS k(id) ON i.id = k.id
                WHERE i.tenant_id = ${tenantId} ORDER BY i.id COLLATE "C" FOR UPDATE OF i`,
              (rows) => LockedRows.keep(sql, "items", tenantId, rows)
            )
          ),

        getMovements: (tenantId, ids) =>
          run(
            "ledger.getMovements",
            tenantId,
            sql<{ readonly r: string }>`
              SELECT ${sql.literal(MOVEMENT_ROW)} FROM qm_movements JOIN unnest(${ids}::text[]) AS k(key) ON id = k.key
              WHERE tenant_id = ${tenantId}`
          ).pipe(Effect.map((rows) => new Map(toMovements(tenantId, rows).map((m) => [m.id, m])))),

        getBalances: (tenantId, keys) =>
          keys.length === 0 ? Effect.succeed(new Map()) : run(
            "ledger.getBalances",
            tenantId,
            // Locks the rows it reads, in key order; rows that do not exist yet are covered by the item locks.
            sql<BalanceRow>`
              SELECT b.item_id, b.location_id, b.lot, b.quantity::text AS quantity
              FROM qm_balances b
              JOIN unnest(${keys.map((k) => k.itemId)}::text[], ${keys.map((k) => k.locationId)}::text[], ${keys.map((k) => k.lot ?? "")}::text[]) AS k(item_id, location_id, lot)
                ON b.item_id = k.item_id AND b.location_id = k.location_id AND b.lot = k.lot
              WHERE b.tenant_id = ${tenantId}
              ORDER BY b.item_id COLLATE "C", b.location_id COLLATE "C", b.lot COLLATE "C"
              FOR UPDATE OF b`
          ).pipe(Effect.map((rows) => {
            const out = new Map<string, bigint>()
            for (const k of keys) out.set(LedgerStore.keyOf(k), 0n)
            for (const r of rows) out.set(LedgerStore.keyOf(toBalance(r)), BigInt(r.quantity))
            return out
          })),

        getSerials: (tenantId, itemId, serials) =>
          run(
            "ledger.getSerials",
            tenantId,
            sql<{ serial: string; location_id: string }>`
              SELECT serial, location_id FROM qm_serials
              WHERE tenant_id = ${tenantId} AND item_id = ${itemId} AND serial = ANY(${serials}::text[])`
          ).pipe(Effect.map((rows) => new Map(rows.map((r) => [r.serial, r.location_id as Ids.LocationId])))),

        getLots: (tenantId, itemId, codes) =>
          run(
            "ledger.getLots",
            tenantId,
            sql<{ item_id: string; code: string; expires_at: Date | null; received_at: Date }>`
              SELECT item_id, code, expires_at, received_at FROM qm_lots
              WHERE tenant_id = ${tenantId} AND item_id = ${itemId} AND code = ANY(${codes}::text[])`
          ).pipe(Effect.map((rows) => new Map(rows.map(toLot(tenantId)).map((l) => [l.code, l])))),

        record: (tenantId, posting) =>
          run("ledger.record", tenantId, Effect.gen(function*() {
            const ms = posting.movements
            const ds = posting.deltas
            // The balances' upsert rides in the movements' statement: one round trip for both.
            const upsertBalances = sql`
              INSERT INTO qm_balances (tenant_id, item_id, location_id, lot, quantity)
              SELECT ${tenantId}, d.item_id, d.location_id, d.lot, d.delta::numeric
              FROM unnest(${ds.map((d) => d.itemId)}::text[], ${ds.map((d) => d.locationId)}::text[],
                          ${ds.map((d) => d.lot ?? "")}::text[], ${ds.map((d) => d.delta.toString())}::text[])
                AS d(item_id, location_id, lot, delta)
              ON CONFLICT (tenant_id, item_id, location_id, lot)
              DO UPDATE SET quantity = qm_balances.quantity + EXCLUDED.quantity`
            if (ms.length === 0 && ds.length > 0) yield* upsertBalances
            const inserted = ms.length === 0 ? [] : yield* sql<{ id: string; seq: bigint | number | string }>`
              WITH m AS (
                INSERT INTO qm_movements (tenant_id, id, batch_id, item_id, from_location_id, to_location_id, quantity, lot, serials,
                                         unit_cost, effective_at, recorded_at, reason_code, reference, reservation_id, actor_id)
                SELECT ${tenantId}, m.id, m.batch_id, m.item_id, m.from_id, m.to_id, m.quantity::numeric,
                       n.doc -> (m.n - 1)::int ->> 0,
                       ARRAY(SELECT jsonb_array_elements_text(m.serials::jsonb)),
                       (n.doc -> (m.n - 1)::int ->> 1)::numeric, m.effective_at::timestamptz, m.recorded_at::timestamptz,
                       n.doc -> (m.n - 1)::int ->> 2, n.doc -> (m.n - 1)::int ->> 3, n.doc -> (m.n - 1)::int ->> 4, m.actor_id
                FROM unnest(
                  ${ms.map((m) => m.id)}::text[], ${ms.map((m) => m.batchId)}::text[], ${ms.map((m) => m.itemId)}::text[],
                  ${ms.map((m) => m.fromLocationId)}::text[], ${ms.map((m) => m.toLocationId)}::text[],
                  ${ms.map((m) => m.quantity.toString())}::text[], ${ms.map((m) => JSON.stringify(m.serials))}::text[],
                  ${ms.map((m) => iso(m.effectiveAt))}::text[], ${ms.map((m) => iso(m.recordedAt))}::text[],
                  ${ms.map((m) => m.actorId)}::text[]
                ) WITH ORDINALITY AS m(id, batch_id, item_id, from_id, to_id, quantity, serials, effective_at, recorded_at, actor_id, n)
                CROSS JOIN (SELECT ${nullables(ms)}::jsonb AS doc) AS n
                RETURNING id, seq
              )${ds.length === 0 ? sql.literal("") : sql`, b AS (${upsertBalances})`}
              SELECT id, seq FROM m`
            const seqs = new Map(inserted.map((r) => [r.id, Number(r.seq)]))
            const gone = posting.serials.filter((s) => s.locationId === null)
            const placed = posting.serials.filter((s) => s.locationId !== null)
            if (gone.length > 0) {
              yield* sql`
                DELETE FROM qm_serials s
                USING unnest(${gone.map((s) => s.itemId)}::text[], ${gone.map((s) => s.serial)}::text[]) AS g(item_id, serial)
                WHERE s.tenant_id = ${tenantId} AND s.item_id = g.item_id AND s.serial = g.serial`
            }
            if (placed.length > 0) {
              yield* sql`
                INSERT INTO qm_serials (tenant_id, item_id, serial, location_id)
                SELECT ${tenantId}, p.item_id, p.serial, p.location_id
                FROM unnest(${placed.map((s) => s.itemId)}::text[], ${placed.map((s) => s.serial)}::text[],
                            ${placed.map((s) => s.locationId)}::text[]) AS p(item_id, serial, location_id)
                ON CONFLICT (tenant_id, item_id, serial) DO UPDATE SET location_id = EXCLUDED.location_id`
            }
            const lots = posting.lots
            if (lots.length > 0) {
              yield* sql`
                INSERT INTO qm_lots (tenant_id, item_id, code, expires_at, received_at)
                SELECT ${tenantId}, l.item_id, l.code, (x.doc ->> (l.n - 1)::int)::timestamptz, l.received_at::timestamptz
                FROM unnest(${lots.map((l) => l.itemId)}::text[], ${lots.map((l) => l.code)}::text[],
                            ${lots.map((l) => iso(l.receivedAt))}::text[]) WITH ORDINALITY AS l(item_id, code, received_at, n)
                CROSS JOIN (SELECT ${JSON.stringify(lots.map((l) => (l.expiresAt === null ? null : iso(l.expiresAt))))}::jsonb AS doc) AS x
                ON CONFLICT (tenant_id, item_id, code) DO NOTHING`
            }
            return ms.map((m) => ({ ...m, seq: seqs.get(m.id) ?? 0 }))
          })),

        balances: (tenantId, filter) => {
          const clauses = [sql`tenant_id = ${tenantId}`, sql`quantity <> 0`]
          if (filter.itemId !== undefined) clauses.push(sql`item_id = ${filter.itemId}`)
          if (filter.locationIds !== undefined) clauses.push(sql`location_id = ANY(${filter.locationIds}::text[])`)
          if (filter.lot !== undefined) clauses.push(sql`lot = ${filter.lot}`)
          return run(
            "ledger.balances",
            tenantId,
            sql<BalanceRow>`SELECT item_id, location_id, lot, quantity::text AS quantity FROM qm_balances WHERE ${sql.and(clauses)}`
          ).pipe(Effect.map((rows) => rows.map(toBalance)))
        },

        level: (tenantId, query) =>
          run(
            "ledger.level",
            tenantId,
            sql<LevelRow>`SELECT decimals, locations, on_hand, reserved, next_expiry FROM qm_stock_level(${tenantId}, ${query.itemId},
              ${query.locationId ?? null}::text, ${query.lot ?? null}::text, ${iso(query.now)}::timestamptz)`
          ).pipe(Effect.map((rows): LedgerStore.LevelRead => {
            const row = rows[0]
            return {
              decimals: row?.decimals ?? null,
              locationFound: row !== undefined && row.locations !== 0,
              onHand: BigInt(row?.on_hand ?? 0),
              reserved: BigInt(row?.reserved ?? 0),
              nextExpiry: row === undefined || row.next_expiry === null ? null : DateTime.makeUnsafe(row.next_expiry)
            }
          })),

        balancesAsOf: (tenantId, filter) => {
          const clauses = [sql`tenant_id = ${tenantId}`, sql`item_id = ${filter.itemId}`, sql`effective_at <= ${iso(filter.at)}::timestamptz`]
          if (filter.lot !== undefined) clauses.push(sql`lot = ${filter.lot}`)
          const where = sql.and(clauses)
          const locationFilter = filter.locationIds === undefined ? sql`TRUE` : sql`location_id = ANY(${filter.locationIds}::text[])`
          return run(
            "ledger.balancesAsOf",
            tenantId,
            sql<BalanceRow>`
              SELECT ${filter.itemId}::text AS item_id, location_id, lot, sum(delta)::text AS quantity
              FROM (
                SELECT to_location_id AS location_id, coalesce(lot, '') AS lot, quantity AS delta FROM qm_movements WHERE ${where}
                UNION ALL
                SELECT from_location_id, coalesce(lot, ''), -quantity FROM qm_movements WHERE ${where}
              ) AS d
              WHERE ${locationFilter}
              GROUP BY location_id, lot
              HAVING sum(delta) <> 0`
          ).pipe(Effect.map((rows) => rows.map(toBalance)))
        },

        movements: (tenantId, filter, page) => {
          const clauses = [sql`tenant_id = ${tenantId}`, sql`seq > ${page.afterSeq ?? 0}`]
          if (filter.itemId !== undefined) clauses.push(sql`item_id = ${filter.itemId}`)
          if (filter.locationIds !== undefined) {
            clauses.push(sql`(from_location_id = ANY(${filter.locationIds}::text[]) OR to_location_id = ANY(${filter.locationIds}::text[]))`)
          }
          if (filter.lot !== undefined) clauses.push(sql`lot = ${filter.lot}`)
          if (filter.reference !== undefined) clauses.push(sql`reference = ${filter.reference}`)
          if (filter.effectiveFrom !== undefined) clauses.push(sql`effective_at >= ${iso(filter.effectiveFrom)}::timestamptz`)
          if (filter.effectiveTo !== undefined) clauses.push(sql`effective_at <= ${iso(filter.effectiveTo)}::timestamptz`)
          return run(
            "ledger.movements",
            tenantId,
            sql<{ readonly r: string }>`SELECT ${sql.literal(MOVEMENT_ROW)} FROM qm_movements WHERE ${sql.and(clauses)} ORDER BY seq LIMIT ${page.limit}`
          ).pipe(Effect.map((rows) => toMovements(tenantId, rows)))
        },

        serials: (tenantId, filter) => {
          const clauses = [sql`tenant_id = ${tenantId}`]
          if (filter.itemId !== undefined) clauses.push(sql`item_id = ${filter.itemId}`)
          if (filter.serial !== undefined) clauses.push(sql`serial = ${filter.serial}`)
          return run(
            "ledger.serials",
            tenantId,
            sql<{ item_id: string; serial: string; location_id: string }>`SELECT item_id, serial, location_id FROM qm_serials WHERE ${sql.and(clauses)}`
          ).pipe(Effect.map((rows) => rows.map((r) => ({ itemId: r.item_id as Ids.ItemId, serial: r.serial, locationId: r.location_id as Ids.LocationId }))))
        },

        lots: (tenantId, filter) => {
          const clauses = [sql`tenant_id = ${tenantId}`]
          if (filter.itemId !== undefined) clauses.push(sql`item_id = ${filter.itemId}`)
          if (filter.code !== undefined) clauses.push(sql`code = ${filter.code}`)
          return run(
            "ledger.lots",
            tenantId,
            sql<{ item_id: string; code: string; expires_at: Date | null; received_at: Date }>`
              SELECT item_id, code, expires_at, received_at FROM qm_lots WHERE ${sql.and(clauses)}`
          ).pipe(Effect.map((rows) => rows.map(toLot(tenantId))))
        }
      })
    })
  )

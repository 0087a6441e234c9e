/**
 * The valuation store in SQL: settings and lock date, closed periods, method changes, cost adjustments,
 * items awaiting revaluation, checkpoints of the valuation state, and the valuation entries that the reports
 * sum. Records are stored as their schema's JSON next to the columns that queries order and filter by.
 *
 * @since 0.1.0
 */
import { type Ids, ValuationRecord, ValuationState, ValuationStore } from "@quartermaster/core"
import { DateTime, Effect, Layer } from "effect"
import { SqlClient, type SqlError } from "effect/sql"
import { encodeEntry, ENTRY_ROW, entryOf } from "./internal/entryRows.ts"
import { decodeDoc, encodeDoc, sqlFailure } from "./internal/errors.ts"
import { type Options, scope } from "./TenantSession.ts"

const settingsCodec = { encode: encodeDoc(ValuationRecord.Settings), decode: decodeDoc(ValuationRecord.Settings, "valuation.settings") }
const periodCodec = { encode: encodeDoc(ValuationRecord.Period), decode: decodeDoc(ValuationRecord.Period, "valuation.periods") }
const methodCodec = { encode: encodeDoc(ValuationRecord.MethodChange), decode: decodeDoc(ValuationRecord.MethodChange, "valuation.methods") }
const adjustmentCodec = { encode: encodeDoc(ValuationRecord.Adjustment), decode: decodeDoc(ValuationRecord.Adjustment, "valuation.adjustments") }
const dirtyCodec = { encode: encodeDoc(ValuationRecord.DirtyMark), decode: decodeDoc(ValuationRecord.DirtyMark, "valuation.dirty") }
const checkpointCodec = { encode: encodeDoc(ValuationState.Checkpoint), decode: decodeDoc(ValuationState.Checkpoint, "valuation.checkpoints") }

type Doc = { readonly doc: unknown }

const readEntry = entryOf("valuation.entries")

/**
 * The SQL valuation store on the ambient `SqlClient`.
 *
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<ValuationStore.ValuationStore, never, SqlClient.SqlClient> =>
  Layer.effect(
    ValuationStore.ValuationStore,
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const scoped = scope(sql, options)
      const run = <A, R>(operation: string, tenantId: string, effect: Effect.Effect<A, SqlError.SqlError, R>) =>
        scoped(tenantId, effect).pipe(Effect.catchTag("SqlError", sqlFailure(operation)))
      const docs = <A, E>(decode: (doc: unknown) => Effect.Effect<A, E>) => (rows: ReadonlyArray<Doc>) => Effect.forEach(rows, (r) => decode(r.doc))
      // Positions compare by (at, seq, id); ids in the "C" collation, like the in-memory store's code units.
      const before = (p: ValuationState.Position) => sql`(at, seq, pos_id COLLATE "C") < (${p.at}, ${p.seq}, ${p.id})`
      const after = (p: ValuationState.Position) => sql`(at, seq, pos_id COLLATE "C") > (${p.at}, ${p.seq}, ${p.id})`

      return ValuationStore.ValuationStore.of({
        getSettings: (tenantId, lock) => {
          const locked = lock === "share"
            ? sql<Doc>`SELECT doc FROM qm_valuation_settings WHERE tenant_id = ${tenantId} FOR SHARE`
            : sql<Doc>`SELECT doc FROM qm_valuation_settings WHERE tenant_id = ${tenantId} FOR UPDATE`
          return run(
            "valuation.getSettings",
            tenantId,
            lock === "none"
              ? sql<Doc>`SELECT doc FROM qm_valuation_settings WHERE tenant_id = ${tenantId}`
              // Every posting locks the settings, and the row nearly always exists: lock it in one round trip,
              // and only when it is missing make sure a row exists to lock, so the lock still serializes.
              : Effect.flatMap(locked, (rows) =>
                rows.length > 0 ? Effect.succeed(rows) : Effect.andThen(
                  sql`INSERT INTO qm_valuation_settings (tenant_id, doc) VALUES (${tenantId}, ${settingsCodec.encode(ValuationRecord.defaultSettings(tenantId))}::jsonb)
                      ON CONFLICT (tenant_id) DO NOTHING`,
                  locked
                ))
          ).pipe(Effect.flatMap((rows) => rows[0] === undefined ? Effect.succeed(ValuationRecord.defaultSettings(tenantId)) : settingsCodec.decode(rows[0].doc)))
        },

        putSettings: (settings) =>
          run(
            "valuation.putSettings",
            settings.tenantId,
            sql`INSERT INTO qm_valuation_settings (tenant_id, doc) VALUES (${settings.tenantId}, ${settingsCodec.encode(settings)}::jsonb)
                ON CONFLICT (tenant_id) DO UPDATE SET doc = EXCLUDED.doc`
          ).pipe(Effect.asVoid),

        periods: (tenantId) =>
          run("valuation.periods", tenantId, sql<Doc>`SELECT doc FROM qm_valuation_periods WHERE tenant_id = ${tenantId} ORDER BY end_at, id COLLATE "C"`).pipe(
            Effect.flatMap(docs(periodCodec.decode))
          ),

        addPeriod: (period) =>
          run(
            "valuation.addPeriod",
            period.tenantId,
            sql`INSERT INTO qm_valuation_periods (tenant_id, id, end_at, doc)
                VALUES (${period.tenantId}, ${period.id}, ${DateTime.toEpochMillis(period.end)}, ${periodCodec.encode(period)}::jsonb)`
          ).pipe(Effect.asVoid),

        methodChanges: (tenantId, itemIds) =>
          run(
            "valuation.methodChanges",
            tenantId,
            sql<Doc>`SELECT doc FROM qm_valuation_methods WHERE tenant_id = ${tenantId}
                     ${itemIds === null ? sql`` : sql`AND item_id = ANY(${itemIds}::text[])`}
                     ORDER BY item_id COLLATE "C", effective_at, id COLLATE "C"`
          ).pipe(Effect.flatMap(docs(methodCodec.decode))),

        addMethodChanges: (tenantId, changes) =>
          changes.length === 0 ? Effect.void : run(
            "valuation.addMethodChanges",
            tenantId,
            Effect.forEach(changes, (c) =>
              sql`INSERT INTO qm_valuation_methods (tenant_id, item_id, id, effective_at, doc)
                  VALUES (${tenantId}, ${c.itemId}, ${c.id}, ${DateTime.toEpochMillis(c.effectiveAt)}, ${methodCodec.encode(c)}::jsonb)
                  ON CONFLICT (tenant_id, item_id, id) DO UPDATE SET effective_at = EXCLUDED.effective_at, doc = EXCLUDED.doc`, { discard: true })
          ),

        adjustments: (tenantId, filter) =>
          run(
            "valuation.adjustments",
            tenantId,
            sql<Doc>`SELECT doc FROM qm_valuation_adjustments WHERE tenant_id = ${tenantId}
                     ${filter.itemIds === undefined ? sql`` : sql`AND item_id = ANY(${filter.itemIds}::text[])`}
                     ${filter.ids === undefined ? sql`` : sql`AND id = ANY(${filter.ids}::text[])`}
                     ORDER BY doc->>'recordedAt' COLLATE "C", id COLLATE "C", item_id COLLATE "C"`
          ).pipe(Effect.flatMap(docs(adjustmentCodec.decode))),

        addAdjustments: (tenantId, adjustments) =>
          adjustments.length === 0 ? Effect.void : run(
            "valuation.addAdjustments",
            tenantId,
            Effect.forEach(adjustments, (a) =>
              sql`INSERT INTO qm_valuation_adjustments (tenant_id, id, item_id, effective_at, doc)
                  VALUES (${tenantId}, ${a.id}, ${a.itemId}, ${DateTime.toEpochMillis(a.effectiveAt)}, ${adjustmentCodec.encode(a)}::jsonb)
                  ON CONFLICT (tenant_id, item_id, id) DO UPDATE SET effective_at = EXCLUDED.effective_at, doc = EXCLUDED.doc`, { discard: true })
          ),

        markDirty: (tenantId, marks) =>
          marks.length === 0 ? Effect.void : run(
            "valuation.markDirty",
            tenantId,
            Effect.suspend(() => {
              // A mark only ever widens: the least `from` and the greatest `through` win. Marks of one item are
              // merged here, and with the stored mark in the upsert itself, so marking costs one round trip.
              const merged = new Map<string, ValuationRecord.DirtyMark>()
              for (const m of marks) {
                const old = merged.get(m.itemId)
                merged.set(m.itemId, old === undefined ? m : {
                  itemId: m.itemId,
                  from: ValuationState.compare(m.from, old.from) < 0 ? m.from : old.from,
                  through: ValuationState.compare(m.through, old.through) > 0 ? m.through : old.through
                })
              }
              // Rows are written in key order, the order every other writer locks them in.
              const list = [...merged.values()].sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0))
              // Positions compare as (at, seq, id), ids in the "C" collation, as everywhere in this store.
              const position = (doc: string, key: "from" | "through") =>
                sql.literal(`((${doc} -> '${key}' ->> 'at')::numeric, (${doc} -> '${key}' ->> 'seq')::float8, (${doc} -> '${key}' ->> 'id') COLLATE "C")`)
              const [newFrom, oldFrom] = [position("EXCLUDED.doc", "from"), position("qm_valuation_dirty.doc", "from")]
              const [newThrough, oldThrough] = [position("EXCLUDED.doc", "through"), position("qm_valuation_dirty.doc", "through")]
              return sql`
                INSERT INTO qm_valuation_dirty (tenant_id, item_id, doc)
                SELECT ${tenantId}, d.item_id, d.doc::jsonb
                FROM unnest(${list.map((m) => m.itemId)}::text[], ${list.map((m) => dirtyCodec.encode(m))}::text[]) WITH ORDINALITY AS d(item_id, doc, n)
                ORDER BY d.n
                ON CONFLICT (tenant_id, item_id) DO UPDATE SET doc = EXCLUDED.doc || jsonb_build_object(
                  'from', CASE WHEN ${newFrom} < ${oldFrom} THEN EXCLUDED.doc -> 'from' ELSE qm_valuation_dirty.doc -> 'from' END,
                  'through', CASE WHEN ${newThrough} > ${oldThrough} THEN EXCLUDED.doc -> 'through' ELSE qm_valuation_dirty.doc -> 'through' END)`
            }).pipe(Effect.asVoid)
          ),

        dirty: (tenantId, itemIds) =>
          run(
            "valuation.dirty",
            tenantId,
            sql<Doc>`SELECT doc FROM qm_valuation_dirty WHERE tenant_id = ${tenantId}
                     ${itemIds === null ? sql`` : sql`AND item_id = ANY(${itemIds}::text[])`}`
          ).pipe(Effect.flatMap(docs(dirtyCodec.decode))),

        clearDirty: (tenantId, itemIds) =>
          itemIds.length === 0 ? Effect.void : run(
            "valuation.clearDirty",
            tenantId,
            sql`DELETE FROM qm_valuation_dirty WHERE tenant_id = ${tenantId} AND item_id = ANY(${itemIds}::text[])`
          ).pipe(Effect.asVoid),

        heads: (tenantId, itemIds) =>
          run(
            "valuation.heads",
            tenantId,
            sql<Doc>`SELECT doc FROM qm_valuation_heads WHERE tenant_id = ${tenantId}
                     ${itemIds === null ? sql`` : sql`AND item_id = ANY(${itemIds}::text[])`}`
          ).pipe(
            Effect.flatMap(docs(checkpointCodec.decode)),
            Effect.map((list) => new Map(list.map((c) => [c.itemId as Ids.ItemId, c])))
          ),

        putHeads: (tenantId, heads) =>
          heads.length === 0 ? Effect.void : run(
            "valuation.putHeads",
            tenantId,
            Effect.forEach(heads, (h) =>
              sql`INSERT INTO qm_valuation_heads (tenant_id, item_id, doc) VALUES (${tenantId}, ${h.itemId}, ${checkpointCodec.encode(h)}::jsonb)
                  ON CONFLICT (tenant_id, item_id) DO UPDATE SET doc = EXCLUDED.doc`, { discard: true })
          ),

        checkpointsBefore: (tenantId, requests) =>
          run(
            "valuation.checkpointsBefore",
            tenantId,
            Effect.forEach(requests, (r) =>
              sql<Doc>`SELECT doc FROM qm_valuation_checkpoints
                       WHERE tenant_id = ${tenantId} AND item_id = ${r.itemId} AND ${before(r.before)}
                       ORDER BY at DESC, seq DESC, pos_id COLLATE "C" DESC LIMIT 1`)
          ).pipe(
            Effect.flatMap((rows) => Effect.forEach(rows.flat(), (r) => checkpointCodec.decode(r.doc))),
            Effect.map((list) => new Map(list.map((c) => [c.itemId as Ids.ItemId, c])))
          ),

        checkpoints: (tenantId, itemId, from) =>
          run(
            "valuation.checkpoints",
            tenantId,
            sql<Doc>`SELECT doc FROM qm_valuation_checkpoints
                     WHERE tenant_id = ${tenantId} AND item_id = ${itemId} ${from === null ? sql`` : sql`AND ${after(from)}`}
                     ORDER BY at, seq, pos_id COLLATE "C"`
          ).pipe(Effect.flatMap(docs(checkpointCodec.decode))),

        replaceCheckpoints: (tenantId, itemId, range, checkpoints) =>
          run(
            "valuation.replaceCheckpoints",
            tenantId,
            Effect.gen(function*() {
              yield* sql`DELETE FROM qm_valuation_checkpoints
                         WHERE tenant_id = ${tenantId} AND item_id = ${itemId}
                           ${range.after === null ? sql`` : sql`AND ${after(range.after)}`}
                           ${range.before === null ? sql`` : sql`AND ${before(range.before)}`}`
              if (checkpoints.length === 0) return
              yield* sql`
                INSERT INTO qm_valuation_checkpoints (tenant_id, item_id, at, seq, pos_id, doc)
                SELECT ${tenantId}, ${itemId}, c.at::bigint, c.seq::double precision, c.pos_id, c.doc::jsonb
                FROM unnest(${checkpoints.map((c) => String(c.position.at))}::text[], ${checkpoints.map((c) => String(c.position.seq))}::text[],
                            ${checkpoints.map((c) => c.position.id)}::text[], ${checkpoints.map((c) => checkpointCodec.encode(c))}::text[])
                  AS c(at, seq, pos_id, doc)
                ON CONFLICT (tenant_id, item_id, at, seq, pos_id) DO UPDATE SET doc = EXCLUDED.doc`
            })
          ),

        entries: (tenantId, filter, page) => {
          const clauses = [sql`tenant_id = ${tenantId}`]
          if (filter.itemId !== undefined) clauses.push(sql`item_id = ${filter.itemId}`)
          if (filter.movementIds !== undefined) clauses.push(sql`movement_id = ANY(${filter.movementIds}::text[])`)
          if (filter.kinds !== undefined) clauses.push(sql`kind = ANY(${filter.kinds}::text[])`)
          if (filter.from !== undefined) clauses.push(sql`(at, seq, step COLLATE "C") >= (${filter.from.at}, ${filter.from.seq}, ${filter.from.id})`)
          if (filter.to !== undefined) clauses.push(sql`at < ${filter.to}`)
          if (page.after !== undefined) {
            const a = page.after
            clauses.push(sql`(at, seq, step COLLATE "C", id COLLATE "C", item_id COLLATE "C") > (${a.at}, ${a.seq}, ${a.step}, ${a.id}, ${a.itemId})`)
          }
          return run(
            "valuation.entries",
            tenantId,
            sql<{ readonly r: string }>`SELECT ${sql.literal(ENTRY_ROW)} FROM qm_valuation_entries WHERE ${sql.and(clauses)}
                     ORDER BY at, seq, step COLLATE "C", id COLLATE "C", item_id COLLATE "C" LIMIT ${page.limit}`
          ).pipe(Effect.flatMap((rows) => Effect.forEach(rows, (row) => readEntry(row.r))))
        },

        writeEntries: (tenantId, put, remove) =>
          run(
            "valuation.writeEntries",
            tenantId,
            Effect.gen(function*() {
              if (remove.length > 0) {
                yield* sql`DELETE FROM qm_valuation_entries e
                           USING unnest(${remove.map((r) => r.itemId)}::text[], ${remove.map((r) => r.id)}::text[]) AS r(item_id, id)
                           WHERE e.tenant_id = ${tenantId} AND e.item_id = r.item_id AND e.id = r.id`
              }
              if (put.length === 0) return
              // The driver cannot type an all-null array, so nullable columns come from the documents. Each
              // document is parsed once: without OFFSET 0 the planner inlines the subquery, and every d->>'…'
              // would parse the text again (an upsert of 10,000 entries: 736 ms, 241 ms with it).
              yield* sql`
                INSERT INTO qm_valuation_entries (tenant_id, item_id, id, at, seq, step, kind, movement_id, site, lot,
                                                  quantity, value, cogs, received, doc)
                SELECT ${tenantId}, d->>'itemId', d->>'id', (d->>'at')::bigint, (d->>'seq')::double precision, d->>'step', d->>'kind',
                       d->>'movementId', d->>'site', d->>'lot', (d->>'quantity')::numeric, (d->>'value')::numeric,
                       (d->>'cogs')::numeric, (d->>'received')::numeric, d
                FROM unnest(${put.map(encodeEntry)}::text[]) AS x(t), LATERAL (SELECT x.t::jsonb AS d OFFSET 0) AS j
                ON CONFLICT (tenant_id, item_id, id) DO UPDATE SET
                  at = EXCLUDED.at, seq = EXCLUDED.seq, step = EXCLUDED.step, kind = EXCLUDED.kind, movement_id = EXCLUDED.movement_id,
                  site = EXCLUDED.site, lot = EXCLUDED.lot, quantity = EXCLUDED.quantity, value = EXCLUDED.value,
                  cogs = EXCLUDED.cogs, received = EXCLUDED.received, doc = EXCLUDED.doc`
            })
          ),

        totals: (tenantId, filter) => {
          const clauses = [sql`tenant_id = ${tenantId}`]
          if (filter.itemIds !== undefined) clauses.push(sql`item_id = ANY(${filter.itemIds}::text[])`)
          if (filter.from !== undefined) clauses.push(sql`at >= ${filter.from}`)
          if (filter.to !== undefined) clauses.push(sql`at < ${filter.to}`)
          return run(
            "valuation.totals",
            tenantId,
            sql<{ item_id: string; site: string; lot: string | null; quantity: string; value: string; cogs: string; received: string }>`
              SELECT item_id, site, lot, sum(quantity)::text AS quantity, sum(value)::text AS value, sum(cogs)::text AS cogs,
                     sum(received)::text AS received
              FROM qm_valuation_entries WHERE ${sql.and(clauses)}
              GROUP BY item_id, site, lot`
          ).pipe(Effect.map((rows) =>
            rows.map((r) => ({
              itemId: r.item_id as Ids.ItemId,
              site: r.site,
              lot: r.lot,
              quantity: BigInt(r.quantity),
              value: BigInt(r.value),
              cogs: BigInt(r.cogs),
              received: BigInt(r.received)
            }))
          ))
        }
      })
    })
  )

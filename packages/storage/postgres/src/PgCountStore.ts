/**
 * The count store in SQL: one row per session with its document (status and approval time beside it for the
 * filters), and one row per cell keyed by (session, item, location, lot). Session writes check the version they
 * replace; `forUpdate` reads lock the session's row, so counts, the freeze and the approval of one session run
 * one after the other.
 *
 * @since 0.1.0
 */
import { CountSession, CountStore, StoreError } from "@quartermaster/core"
import { DateTime, Effect, Layer } from "effect"
import { SqlClient } from "effect/sql"
import { decodeDoc, encodeDoc, sqlFailure } from "./internal/errors.ts"
import { type Options, scope } from "./TenantSession.ts"

const encodeSession = encodeDoc(CountSession.CountSession)
const decodeSession = decodeDoc(CountSession.CountSession, "counts")
const encodeCell = encodeDoc(CountSession.CountCell)
const decodeCell = decodeDoc(CountSession.CountCell, "counts.cells")

const CHUNK = 5000

/**
 * The SQL count store on the ambient `SqlClient`.
 *
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<CountStore.CountStore, never, SqlClient.SqlClient> =>
  Layer.effect(
    CountStore.CountStore,
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const scoped = scope(sql, options)
      const iso = (t: DateTime.Utc | null) => (t === null ? null : DateTime.formatIso(t))
      return CountStore.CountStore.of({
        getSession: (tenantId, id, opts) =>
          scoped(
            tenantId,
            opts?.forUpdate === true
              ? sql<{ doc: unknown }>`SELECT doc FROM qm_count_sessions WHERE tenant_id = ${tenantId} AND id = ${id} FOR UPDATE`
              : sql<{ doc: unknown }>`SELECT doc FROM qm_count_sessions WHERE tenant_id = ${tenantId} AND id = ${id}`
          ).pipe(
            Effect.catchTag("SqlError", sqlFailure("counts.getSession")),
            Effect.flatMap((rows) => (rows.length === 0 ? Effect.succeed(undefined) : decodeSession(rows[0]!.doc)))
          ),
        putSession: (s) =>
          scoped(
            s.tenantId,
            Effect.gen(function*() {
              const written = s.version === 1
                ? yield* sql`
                    INSERT INTO qm_count_sessions (tenant_id, id, status, approved_at, version, doc)
                    VALUES (${s.tenantId}, ${s.id}, ${s.status}, ${iso(s.approvedAt)}::timestamptz, 1, ${encodeSession(s)}::jsonb)
                    ON CONFLICT (tenant_id, id) DO NOTHING
                    RETURNING id`
                : yield* sql`
                    UPDATE qm_count_sessions
                    SET status = ${s.status}, approved_at = ${iso(s.approvedAt)}::timestamptz, version = ${s.version}, doc = ${encodeSession(s)}::jsonb
                    WHERE tenant_id = ${s.tenantId} AND id = ${s.id} AND version = ${s.version - 1}
                    RETURNING id`
              if (written.length === 0) return yield* new StoreError.ConcurrentModification({ entity: "count session", id: s.id })
            })
          ).pipe(Effect.catchTag("SqlError", sqlFailure("counts.putSession"))),
        listSessions: (tenantId, filter) => {
          const clauses = [sql`tenant_id = ${tenantId}`]
          if (filter.status !== undefined) clauses.push(sql`status = ${filter.status}`)
          if (filter.approvedFrom !== undefined) clauses.push(sql`approved_at >= ${DateTime.formatIso(filter.approvedFrom)}::timestamptz`)
          if (filter.approvedTo !== undefined) clauses.push(sql`approved_at < ${DateTime.formatIso(filter.approvedTo)}::timestamptz`)
          if (filter.afterId !== undefined) clauses.push(sql`id COLLATE "C" > ${filter.afterId}`)
          return scoped(tenantId, sql<{ doc: unknown }>`SELECT doc FROM qm_count_sessions WHERE ${sql.and(clauses)} ORDER BY id COLLATE "C" LIMIT ${filter.limit}`).pipe(
            Effect.catchTag("SqlError", sqlFailure("counts.listSessions")),
            Effect.flatMap((rows) => Effect.forEach(rows, (r) => decodeSession(r.doc)))
          )
        },
        cells: (tenantId, sessionId) =>
          scoped(
            tenantId,
            sql<{ doc: unknown }>`
              SELECT doc FROM qm_count_cells WHERE tenant_id = ${tenantId} AND session_id = ${sessionId}
              ORDER BY item_id COLLATE "C", location_id COLLATE "C", lot COLLATE "C"`
          ).pipe(
            Effect.catchTag("SqlError", sqlFailure("counts.cells")),
            Effect.flatMap((rows) => Effect.forEach(rows, (r) => decodeCell(r.doc)))
          ),
        putCells: (tenantId, sessionId, cells) => {
          if (cells.length === 0) return Effect.void
          const chunks: Array<ReadonlyArray<CountSession.CountCell>> = []
          for (let i = 0; i < cells.length; i += CHUNK) chunks.push(cells.slice(i, i + CHUNK))
          return scoped(
            tenantId,
            Effect.forEach(chunks, (chunk) =>
              sql`
                INSERT INTO qm_count_cells (tenant_id, session_id, item_id, location_id, lot, doc)
                SELECT ${tenantId}, ${sessionId}, u.item_id, u.location_id, u.lot, u.doc::jsonb
                FROM unnest(${chunk.map((c) => c.itemId)}::text[], ${chunk.map((c) => c.locationId)}::text[],
                            ${chunk.map((c) => c.lot ?? "")}::text[], ${chunk.map((c) => encodeCell(c))}::text[])
                  AS u(item_id, location_id, lot, doc)
                ON CONFLICT (tenant_id, session_id, item_id, location_id, lot) DO UPDATE SET doc = EXCLUDED.doc`, { discard: true })
          ).pipe(Effect.catchTag("SqlError", sqlFailure("counts.putCells")))
        }
      })
    })
  )

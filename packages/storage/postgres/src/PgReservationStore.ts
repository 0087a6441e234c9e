/**
 * The reservation store in SQL: one row per reservation with its document, and a partial index over the
 * open ones per item. Writes check the version they replace, so concurrent changes cannot both win.
 *
 * @since 0.1.0
 */
import { Reservation, ReservationStore, StoreError } from "@quartermaster/core"
import { DateTime, Effect, Layer } from "effect"
import { SqlClient } from "effect/sql"
import { decodeDoc, encodeDoc, sqlFailure } from "./internal/errors.ts"
import { type Options, scope } from "./TenantSession.ts"

const encode = encodeDoc(Reservation.Reservation)
const decode = decodeDoc(Reservation.Reservation, "reservations")

/**
 * The SQL reservation store on the ambient `SqlClient`.
 *
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<ReservationStore.ReservationStore, never, SqlClient.SqlClient> =>
  Layer.effect(
    ReservationStore.ReservationStore,
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const scoped = scope(sql, options)
      const docs = (rows: ReadonlyArray<{ readonly doc: unknown }>) => Effect.forEach(rows, (r) => decode(r.doc))
      return ReservationStore.ReservationStore.of({
        get: (tenantId, ids) =>
          scoped(tenantId, sql<{ doc: unknown }>`SELECT doc FROM qm_reservations WHERE tenant_id = ${tenantId} AND id = ANY(${ids}::text[])`).pipe(
            Effect.catchTag("SqlError", sqlFailure("reservations.get")),
            Effect.flatMap(docs),
            Effect.map((list) => new Map(list.map((r) => [r.id, r])))
          ),
        active: (tenantId, itemIds, now) =>
          scoped(
            tenantId,
            sql<{ doc: unknown }>`
              SELECT doc FROM qm_reservations
              WHERE tenant_id = ${tenantId} AND status = 'open' AND item_id = ANY(${itemIds}::text[])`
          ).pipe(
            Effect.catchTag("SqlError", sqlFailure("reservations.active")),
            Effect.flatMap(docs),
            Effect.map((list) => list.filter((r) => r.expiresAt === null || DateTime.isGreaterThan(r.expiresAt, now)))
          ),
        put: (reservations) =>
          reservations.length === 0 ? Effect.void : scoped(
            reservations[0]!.tenantId,
            Effect.forEach(reservations, (r) =>
              Effect.gen(function*() {
                const written = r.version === 1
                  ? yield* sql`
                      INSERT INTO qm_reservations (tenant_id, id, item_id, status, reference, version, doc)
                      VALUES (${r.tenantId}, ${r.id}, ${r.itemId}, ${r.status}, ${r.reference}, 1, ${encode(r)}::jsonb)
                      ON CONFLICT (tenant_id, id) DO NOTHING
                      RETURNING id`
                  : yield* sql`
                      UPDATE qm_reservations SET status = ${r.status}, version = ${r.version}, doc = ${encode(r)}::jsonb
                      WHERE tenant_id = ${r.tenantId} AND id = ${r.id} AND version = ${r.version - 1}
                      RETURNING id`
                if (written.length === 0) return yield* new StoreError.ConcurrentModification({ entity: "reservation", id: r.id })
              }), { discard: true })
          ).pipe(Effect.catchTag("SqlError", sqlFailure("reservations.put"))),
        list: (tenantId, filter) => {
          const clauses = [sql`tenant_id = ${tenantId}`]
          if (filter.itemId !== undefined) clauses.push(sql`item_id = ${filter.itemId}`)
          if (filter.status !== undefined) clauses.push(sql`status = ${filter.status}`)
          if (filter.reference !== undefined) clauses.push(sql`reference = ${filter.reference}`)
          if (filter.afterId !== undefined) clauses.push(sql`id COLLATE "C" > ${filter.afterId}`)
          return scoped(tenantId, sql<{ doc: unknown }>`SELECT doc FROM qm_reservations WHERE ${sql.and(clauses)} ORDER BY id COLLATE "C" LIMIT ${filter.limit}`).pipe(
            Effect.catchTag("SqlError", sqlFailure("reservations.list")),
            Effect.flatMap(docs)
          )
        }
      })
    })
  )

/**
 * The licence store in SQL: one row per licence with its document (expiry and renewal dates as columns for
 * the expiring-soon query), and one row per seat assignment keyed by licence and assignee. Writes check the
 * version they replace, so concurrent changes cannot both win.
 *
 * @since 0.1.0
 */
import { Licence, LicenceStore, StoreError } from "@quartermaster/core"
import { Effect, Layer } from "effect"
import { SqlClient } from "effect/sql"
import { decodeDoc, encodeDoc, sqlFailure } from "./internal/errors.ts"
import { type Options, scope } from "./TenantSession.ts"

const encode = encodeDoc(Licence.Licence)
const decode = decodeDoc(Licence.Licence, "licences")
const encodeAssignment = encodeDoc(Licence.Assignment)
const decodeAssignment = decodeDoc(Licence.Assignment, "licences.assignments")

/**
 * The SQL licence store on the ambient `SqlClient`.
 *
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<LicenceStore.LicenceStore, never, SqlClient.SqlClient> =>
  Layer.effect(
    LicenceStore.LicenceStore,
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const scoped = scope(sql, options)
      const docs = (rows: ReadonlyArray<{ readonly doc: unknown }>) => Effect.forEach(rows, (r) => decode(r.doc))
      return LicenceStore.LicenceStore.of({
        get: (tenantId, ids) =>
          scoped(tenantId, sql<{ doc: unknown }>`SELECT doc FROM qm_licences WHERE tenant_id = ${tenantId} AND id = ANY(${ids}::text[])`).pipe(
            Effect.catchTag("SqlError", sqlFailure("licences.get")),
            Effect.flatMap(docs),
            Effect.map((list) => new Map(list.map((l) => [l.id, l])))
          ),
        put: (licences) =>
          licences.length === 0 ? Effect.void : scoped(
            licences[0]!.tenantId,
            Effect.forEach(licences, (l) =>
              Effect.gen(function*() {
                const written = l.version === 1
                  ? yield* sql`
                      INSERT INTO qm_licences (tenant_id, id, expires_on, renewal_on, version, doc)
                      VALUES (${l.tenantId}, ${l.id}, ${l.expiresOn}::date, ${l.renewalOn}::date, 1, ${encode(l)}::jsonb)
                      ON CONFLICT (tenant_id, id) DO NOTHING
                      RETURNING id`
                  : yield* sql`
                      UPDATE qm_licences
                      SET expires_on = ${l.expiresOn}::date, renewal_on = ${l.renewalOn}::date, version = ${l.version}, doc = ${encode(l)}::jsonb
                      WHERE tenant_id = ${l.tenantId} AND id = ${l.id} AND version = ${l.version - 1}
                      RETURNING id`
                if (written.length === 0) return yield* new StoreError.ConcurrentModification({ entity: "licence", id: l.id })
              }), { discard: true })
          ).pipe(Effect.catchTag("SqlError", sqlFailure("licences.put"))),
        list: (tenantId, filter) => {
          const clauses = [sql`tenant_id = ${tenantId}`]
          if (filter.datedBy !== undefined) clauses.push(sql`(expires_on <= ${filter.datedBy}::date OR renewal_on <= ${filter.datedBy}::date)`)
          if (filter.afterId !== undefined) clauses.push(sql`id COLLATE "C" > ${filter.afterId}`)
          return scoped(tenantId, sql<{ doc: unknown }>`SELECT doc FROM qm_licences WHERE ${sql.and(clauses)} ORDER BY id COLLATE "C" LIMIT ${filter.limit}`).pipe(
            Effect.catchTag("SqlError", sqlFailure("licences.list")),
            Effect.flatMap(docs)
          )
        },
        assignments: (tenantId, licenceId) =>
          scoped(
            tenantId,
            sql<{ doc: unknown }>`SELECT doc FROM qm_licence_assignments WHERE tenant_id = ${tenantId} AND licence_id = ${licenceId} ORDER BY seq`
          ).pipe(
            Effect.catchTag("SqlError", sqlFailure("licences.assignments")),
            Effect.flatMap((rows) => Effect.forEach(rows, (r) => decodeAssignment(r.doc)))
          ),
        countAssigned: (tenantId, licenceIds) =>
          scoped(
            tenantId,
            sql<{ licence_id: string; n: string | number }>`
              SELECT licence_id, count(*) AS n FROM qm_licence_assignments
              WHERE tenant_id = ${tenantId} AND licence_id = ANY(${licenceIds}::text[])
              GROUP BY licence_id`
          ).pipe(
            Effect.catchTag("SqlError", sqlFailure("licences.countAssigned")),
            Effect.map((rows) => new Map(rows.map((r) => [r.licence_id as typeof licenceIds[number], Number(r.n)])))
          ),
        lock: (tenantId, licenceId) =>
          scoped(tenantId, sql`SELECT id FROM qm_licences WHERE tenant_id = ${tenantId} AND id = ${licenceId} FOR UPDATE`).pipe(
            Effect.asVoid,
            Effect.catchTag("SqlError", sqlFailure("licences.lock"))
          ),
        assign: (a) =>
          scoped(
            a.tenantId,
            sql`
              INSERT INTO qm_licence_assignments (tenant_id, licence_id, assignee_kind, assignee_id, doc)
              VALUES (${a.tenantId}, ${a.licenceId}, ${a.assignee.kind}, ${a.assignee.id}, ${encodeAssignment(a)}::jsonb)
              ON CONFLICT (tenant_id, licence_id, assignee_kind, assignee_id) DO NOTHING
              RETURNING licence_id`
          ).pipe(
            Effect.catchTag("SqlError", sqlFailure("licences.assign")),
            Effect.map((rows) => rows.length > 0)
          ),
        unassign: (tenantId, licenceId, assignee) =>
          scoped(
            tenantId,
            sql`
              DELETE FROM qm_licence_assignments
              WHERE tenant_id = ${tenantId} AND licence_id = ${licenceId} AND assignee_kind = ${assignee.kind} AND assignee_id = ${assignee.id}
              RETURNING licence_id`
          ).pipe(
            Effect.catchTag("SqlError", sqlFailure("licences.unassign")),
            Effect.map((rows) => rows.length > 0)
          )
      })
    })
  )

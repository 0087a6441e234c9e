/**
 * The credential store in SQL: one row per credential with its metadata document, and `not_after` and
 * `revoked` as columns for the expiring-soon query. No column ever holds secret material: core refuses it
 * before it reaches a store.
 *
 * @since 0.1.0
 */
import { Credential, CredentialStore, StoreError } from "@quartermaster/core"
import { DateTime, Effect, Layer } from "effect"
import { SqlClient } from "effect/sql"
import { decodeDoc, encodeDoc, sqlFailure } from "./internal/errors.ts"
import { type Options, scope } from "./TenantSession.ts"

const encode = encodeDoc(Credential.Credential)
const decode = decodeDoc(Credential.Credential, "credentials")

/**
 * The SQL credential store on the ambient `SqlClient`.
 *
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<CredentialStore.CredentialStore, never, SqlClient.SqlClient> =>
  Layer.effect(
    CredentialStore.CredentialStore,
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const scoped = scope(sql, options)
      const docs = (rows: ReadonlyArray<{ readonly doc: unknown }>) => Effect.forEach(rows, (r) => decode(r.doc))
      const iso = (t: DateTime.Utc | null) => (t === null ? null : DateTime.formatIso(t))
      return CredentialStore.CredentialStore.of({
        get: (tenantId, ids) =>
          scoped(tenantId, sql<{ doc: unknown }>`SELECT doc FROM qm_credentials WHERE tenant_id = ${tenantId} AND id = ANY(${ids}::text[])`).pipe(
            Effect.catchTag("SqlError", sqlFailure("credentials.get")),
            Effect.flatMap(docs),
            Effect.map((list) => new Map(list.map((c) => [c.id, c])))
          ),
        put: (credentials) =>
          credentials.length === 0 ? Effect.void : scoped(
            credentials[0]!.tenantId,
            Effect.forEach(credentials, (c) =>
              Effect.gen(function*() {
                const written = c.version === 1
                  ? yield* sql`
                      INSERT INTO qm_credentials (tenant_id, id, kind, revoked, not_after, version, doc)
                      VALUES (${c.tenantId}, ${c.id}, ${c.kind}, ${c.revoked}, ${iso(c.notAfter)}::timestamptz, 1, ${encode(c)}::jsonb)
                      ON CONFLICT (tenant_id, id) DO NOTHING
                      RETURNING id`
                  : yield* sql`
                      UPDATE qm_credentials
                      SET kind = ${c.kind}, revoked = ${c.revoked}, not_after = ${iso(c.notAfter)}::timestamptz, version = ${c.version}, doc = ${encode(c)}::jsonb
                      WHERE tenant_id = ${c.tenantId} AND id = ${c.id} AND version = ${c.version - 1}
                      RETURNING id`
                if (written.length === 0) return yield* new StoreError.ConcurrentModification({ entity: "credential", id: c.id })
              }), { discard: true })
          ).pipe(Effect.catchTag("SqlError", sqlFailure("credentials.put"))),
        list: (tenantId, filter) => {
          const clauses = [sql`tenant_id = ${tenantId}`]
          if (filter.kind !== undefined) clauses.push(sql`kind = ${filter.kind}`)
          if (filter.notAfterBy !== undefined) clauses.push(sql`NOT revoked AND not_after <= ${DateTime.formatIso(filter.notAfterBy)}::timestamptz`)
          if (filter.afterId !== undefined) clauses.push(sql`id COLLATE "C" > ${filter.afterId}`)
          return scoped(tenantId, sql<{ doc: unknown }>`SELECT doc FROM qm_credentials WHERE ${sql.and(clauses)} ORDER BY id COLLATE "C" LIMIT ${filter.limit}`).pipe(
            Effect.catchTag("SqlError", sqlFailure("credentials.list")),
            Effect.flatMap(docs)
          )
        }
      })
    })
  )

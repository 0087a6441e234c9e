/**
 * The transfer store in SQL: one row per transfer with its document (receipts included), and columns for its
 * status and items. Writes check the version they replace; `forUpdate` reads lock the transfer's row, so
 * receipts against one transfer run one after the other.
 *
 * @since 0.1.0
 */
import { StoreError, Transfer, TransferStore } from "@quartermaster/core"
import { Effect, Layer } from "effect"
import { SqlClient } from "effect/sql"
import { decodeDoc, encodeDoc, sqlFailure } from "./internal/errors.ts"
import { type Options, scope } from "./TenantSession.ts"

const encode = encodeDoc(Transfer.Transfer)
const decode = decodeDoc(Transfer.Transfer, "transfers")

/**
 * The SQL transfer store on the ambient `SqlClient`.
 *
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<TransferStore.TransferStore, never, SqlClient.SqlClient> =>
  Layer.effect(
    TransferStore.TransferStore,
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const scoped = scope(sql, options)
      const docs = (rows: ReadonlyArray<{ readonly doc: unknown }>) => Effect.forEach(rows, (r) => decode(r.doc))
      return TransferStore.TransferStore.of({
        get: (tenantId, id, opts) =>
          scoped(
            tenantId,
            opts?.forUpdate === true
              ? sql<{ doc: unknown }>`SELECT doc FROM qm_transfers WHERE tenant_id = ${tenantId} AND id = ${id} FOR UPDATE`
              : sql<{ doc: unknown }>`SELECT doc FROM qm_transfers WHERE tenant_id = ${tenantId} AND id = ${id}`
          ).pipe(
            Effect.catchTag("SqlError", sqlFailure("transfers.get")),
            Effect.flatMap((rows) => (rows.length === 0 ? Effect.succeed(undefined) : decode(rows[0]!.doc)))
          ),
        put: (t) => {
          const itemIds = [...new Set(t.lines.map((l) => l.itemId))]
          return scoped(
            t.tenantId,
            Effect.gen(function*() {
              const written = t.version === 1
                ? yield* sql`
                    INSERT INTO qm_transfers (tenant_id, id, status, item_ids, version, doc)
                    VALUES (${t.tenantId}, ${t.id}, ${t.status}, ${itemIds}::text[], 1, ${encode(t)}::jsonb)
                    ON CONFLICT (tenant_id, id) DO NOTHING
                    RETURNING id`
                : yield* sql`
                    UPDATE qm_transfers SET status = ${t.status}, item_ids = ${itemIds}::text[], version = ${t.version}, doc = ${encode(t)}::jsonb
                    WHERE tenant_id = ${t.tenantId} AND id = ${t.id} AND version = ${t.version - 1}
                    RETURNING id`
              if (written.length === 0) return yield* new StoreError.ConcurrentModification({ entity: "transfer", id: t.id })
            })
          ).pipe(Effect.catchTag("SqlError", sqlFailure("transfers.put")))
        },
        list: (tenantId, filter) => {
          const clauses = [sql`tenant_id = ${tenantId}`]
          if (filter.status !== undefined) clauses.push(sql`status = ANY(${filter.status}::text[])`)
          if (filter.itemId !== undefined) clauses.push(sql`item_ids @> ARRAY[${filter.itemId}]::text[]`)
          if (filter.afterId !== undefined) clauses.push(sql`id COLLATE "C" > ${filter.afterId}`)
          return scoped(tenantId, sql<{ doc: unknown }>`SELECT doc FROM qm_transfers WHERE ${sql.and(clauses)} ORDER BY id COLLATE "C" LIMIT ${filter.limit}`).pipe(
            Effect.catchTag("SqlError", sqlFailure("transfers.list")),
            Effect.flatMap(docs)
          )
        }
      })
    })
  )

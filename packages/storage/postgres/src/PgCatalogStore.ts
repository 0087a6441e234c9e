/**
 * The catalog store in SQL: items (with a GTIN index table) and the location tree (with a materialized
 * ancestor path, GIN-indexed for subtree queries).
 *
 * @since 0.1.0
 */
import { CatalogError, CatalogStore, type Ids, Item, Location, StoreError } from "@quartermaster/core"
import { Effect, Layer, Option } from "effect"
import { SqlClient } from "effect/sql"
import { decodeDoc, encodeDoc, sqlFailure } from "./internal/errors.ts"
import * as LockedRows from "./internal/lockedRows.ts"
import { type Options, scope } from "./TenantSession.ts"

const encodeItem = encodeDoc(Item.Item)
// Items and locations are read as text, so that a document read again decodes from the cache.
const decodeItem = decodeDoc(Item.Item, "catalog.item", { cache: 4096 })
const encodeLocation = encodeDoc(Location.Location)
const decodeLocation = decodeDoc(Location.Location, "catalog.location", { cache: 4096 })

/**
 * The SQL catalog store on the ambient `SqlClient`.
 *
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<CatalogStore.CatalogStore, never, SqlClient.SqlClient> =>
  Layer.effect(
    CatalogStore.CatalogStore,
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const scoped = scope(sql, options)
      const items = (rows: ReadonlyArray<{ readonly doc: unknown }>) => Effect.forEach(rows, (r) => decodeItem(r.doc))
      const locations = (rows: ReadonlyArray<{ readonly doc: unknown }>) => Effect.forEach(rows, (r) => decodeLocation(r.doc))
      // Documents a lock in this transaction already fetched, or else the query's.
      const docsOf = <E, R>(kind: LockedRows.Kind, tenantId: string, ids: ReadonlyArray<string>, query: Effect.Effect<ReadonlyArray<{ readonly doc: unknown }>, E, R>) =>
        Effect.flatMap(LockedRows.recall(sql, kind, tenantId, ids), (docs) => docs === undefined ? query : Effect.succeed(docs.map((doc) => ({ doc }))))

      const claimGtins = (item: Item.Item) =>
        Effect.gen(function*() {
          if (item.gtins.length === 0) return
          const owners = yield* sql<{ gtin: string; item_id: string }>`
            SELECT gtin, item_id FROM qm_item_gtins
            WHERE tenant_id = ${item.tenantId} AND gtin = ANY(${item.gtins}::text[]) AND item_id <> ${item.id}`
          const taken = owners[0]
          if (taken !== undefined) return yield* new CatalogError.DuplicateGtin({ gtin: taken.gtin, itemId: taken.item_id })
          yield* sql`
            INSERT INTO qm_item_gtins (tenant_id, gtin, item_id)
            SELECT ${item.tenantId}, g, ${item.id} FROM unnest(${item.gtins}::text[]) AS g
            ON CONFLICT (tenant_id, gtin) DO NOTHING`
        })

      return CatalogStore.CatalogStore.of({
        getItems: (tenantId, ids) =>
          scoped(tenantId, docsOf("items", tenantId, ids, sql<{ doc: unknown }>`SELECT doc::text AS doc FROM qm_items JOIN unnest(${ids}::text[]) AS k(key) ON id = k.key WHERE tenant_id = ${tenantId}`)).pipe(
            Effect.catchTag("SqlError", sqlFailure("catalog.getItems")),
            Effect.flatMap(items),
            Effect.map((list) => new Map(list.map((i) => [i.id, i])))
          ),
        findItemBySku: (tenantId, sku) =>
          scoped(tenantId, sql<{ doc: unknown }>`SELECT doc::text AS doc FROM qm_items WHERE tenant_id = ${tenantId} AND sku = ${sku}`).pipe(
            Effect.catchTag("SqlError", sqlFailure("catalog.findItemBySku")),
            Effect.flatMap(items),
            Effect.map((list) => Option.fromUndefinedOr(list[0]))
          ),
        findItemByGtin: (tenantId, gtin) =>
          scoped(
            tenantId,
            sql<{ doc: unknown }>`
              SELECT i.doc::text AS doc FROM qm_item_gtins g JOIN qm_items i ON i.tenant_id = g.tenant_id AND i.id = g.item_id
              WHERE g.tenant_id = ${tenantId} AND g.gtin = ${gtin}`
          ).pipe(
            Effect.catchTag("SqlError", sqlFailure("catalog.findItemByGtin")),
            Effect.flatMap(items),
            Effect.map((list) => Option.fromUndefinedOr(list[0]))
          ),
        listItems: (tenantId, filter) => {
          const clauses = [sql`tenant_id = ${tenantId}`]
          if (filter.afterSku !== undefined) clauses.push(sql`sku > ${filter.afterSku}`)
          if (filter.status !== undefined) clauses.push(sql`status = ${filter.status}`)
          if (filter.categoryPrefix !== undefined && filter.categoryPrefix.length > 0) {
            clauses.push(sql`doc->'category' @> ${JSON.stringify(filter.categoryPrefix)}::jsonb`)
          }
          return scoped(tenantId, sql<{ doc: unknown }>`SELECT doc::text AS doc FROM qm_items WHERE ${sql.and(clauses)} ORDER BY sku COLLATE "C" LIMIT ${filter.limit}`).pipe(
            Effect.catchTag("SqlError", sqlFailure("catalog.listItems")),
            Effect.flatMap(items),
            // jsonb containment ignores order; keep only true prefixes.
            Effect.map((list) => list.filter((i) => (filter.categoryPrefix ?? []).every((p, n) => i.category[n] === p)))
          )
        },
        insertItem: (item) =>
          scoped(
            item.tenantId,
            Effect.andThen(
              Effect.andThen(
                LockedRows.forget(sql),
                sql`
                  INSERT INTO qm_items (tenant_id, id, sku, status, version, doc)
                  VALUES (${item.tenantId}, ${item.id}, ${item.sku}, ${item.status}, ${item.version}, ${encodeItem(item)}::jsonb)`
              ),
              claimGtins(item)
            )
          ).pipe(
            Effect.catchTag("SqlError", sqlFailure<CatalogError.DuplicateSku | CatalogError.DuplicateGtin>("catalog.insertItem", {
              qm_items_sku_key: () => new CatalogError.DuplicateSku({ sku: item.sku }),
              qm_items_pkey: () => new CatalogError.DuplicateSku({ sku: item.sku }),
              qm_item_gtins_pkey: () => new CatalogError.DuplicateGtin({ gtin: item.gtins.join(","), itemId: "another item" })
            }))
          ),
        updateItem: (item) =>
          scoped(
            item.tenantId,
            Effect.gen(function*() {
              yield* LockedRows.forget(sql)
              const updated = yield* sql`
                UPDATE qm_items SET status = ${item.status}, version = ${item.version}, doc = ${encodeItem(item)}::jsonb
                WHERE tenant_id = ${item.tenantId} AND id = ${item.id} AND version = ${item.version - 1}
                RETURNING id`
              if (updated.length === 0) return yield* new StoreError.ConcurrentModification({ entity: "item", id: item.id })
              yield* sql`
                DELETE FROM qm_item_gtins
                WHERE tenant_id = ${item.tenantId} AND item_id = ${item.id} AND NOT (gtin = ANY(${item.gtins}::text[]))`
              yield* claimGtins(item)
            })
          ).pipe(
            Effect.catchTag("SqlError", sqlFailure("catalog.updateItem", {
              qm_item_gtins_pkey: () => new CatalogError.DuplicateGtin({ gtin: item.gtins.join(","), itemId: "another item" })
            }))
          ),
        getLocations: (tenantId, ids) =>
          scoped(tenantId, docsOf("locations", tenantId, ids, sql<{ doc: unknown }>`SELECT doc::text AS doc FROM qm_locations JOIN unnest(${ids}::text[]) AS k(key) ON id = k.key WHERE tenant_id = ${tenantId}`)).pipe(
            Effect.catchTag("SqlError", sqlFailure("catalog.getLocations")),
            Effect.flatMap(locations),
            Effect.map((list) => new Map(list.map((l) => [l.id, l])))
          ),
        lockLocations: (tenantId, ids) =>
          ids.length === 0 ? Effect.void : scoped(
            tenantId,
            Effect.flatMap(
              sql<{ id: string; doc: unknown }>`
                SELECT l.id, l.doc::text AS doc FROM qm_locations l JOIN unnest(${ids}::text[]) AS k(id) ON l.id = k.id
                WHERE l.tenant_id = ${tenantId} ORDER BY l.id COLLATE "C" FOR SHARE OF l`,
              (rows) => LockedRows.keep(sql, "locations", tenantId, rows)
            )
          ).pipe(Effect.catchTag("SqlError", sqlFailure("catalog.lockLocations"))),
        findLocationByCode: (tenantId, code) =>
          scoped(tenantId, sql<{ doc: unknown }>`SELECT doc::text AS doc FROM qm_locations WHERE tenant_id = ${tenantId} AND code = ${code}`).pipe(
            Effect.catchTag("SqlError", sqlFailure("catalog.findLocationByCode")),
            Effect.flatMap(locations),
            Effect.map((list) => Option.fromUndefinedOr(list[0]))
          ),
        listLocations: (tenantId) =>
          scoped(tenantId, sql<{ doc: unknown }>`SELECT doc::text AS doc FROM qm_locations WHERE tenant_id = ${tenantId} ORDER BY code COLLATE "C"`).pipe(
            Effect.catchTag("SqlError", sqlFailure("catalog.listLocations")),
            Effect.flatMap(locations)
          ),
        insertLocation: (location) =>
          scoped(
            location.tenantId,
            Effect.andThen(
              LockedRows.forget(sql),
              sql`
                INSERT INTO qm_locations (tenant_id, id, code, parent_id, path, version, doc)
                VALUES (${location.tenantId}, ${location.id}, ${location.code}, ${location.parentId}, ${location.path}::text[],
                        ${location.version}, ${encodeLocation(location)}::jsonb)`
            )
          ).pipe(
            Effect.asVoid,
            Effect.catchTag("SqlError", sqlFailure("catalog.insertLocation", {
              qm_locations_code_key: () => new CatalogError.DuplicateLocationCode({ code: location.code }),
              qm_locations_pkey: () => new CatalogError.DuplicateLocationCode({ code: location.code })
            }))
          ),
        updateLocations: (list) =>
          list.length === 0 ? Effect.void : scoped(
            list[0]!.tenantId,
            Effect.forEach(list, (location) =>
              Effect.gen(function*() {
                yield* LockedRows.forget(sql)
                const updated = yield* sql`
                  UPDATE qm_locations
                  SET parent_id = ${location.parentId}, path = ${location.path}::text[], version = ${location.version},
                      doc = ${encodeLocation(location)}::jsonb
                  WHERE tenant_id = ${location.tenantId} AND id = ${location.id} AND version = ${location.version - 1}
                  RETURNING id`
                if (updated.length === 0) return yield* new StoreError.ConcurrentModification({ entity: "location", id: location.id })
              }), { discard: true })
          ).pipe(Effect.catchTag("SqlError", sqlFailure("catalog.updateLocations"))),
        subtree: (tenantId, id) =>
          scoped(
            tenantId,
            sql<{ id: Ids.LocationId }>`
              SELECT id FROM qm_locations
              WHERE tenant_id = ${tenantId} AND (id = ${id} OR path @> ARRAY[${id}]::text[])`
          ).pipe(
            Effect.catchTag("SqlError", sqlFailure("catalog.subtree")),
            Effect.map((rows) => {
              const ids = rows.map((r) => r.id)
              return ids.includes(id) ? ids : []
            })
          )
      })
    })
  )

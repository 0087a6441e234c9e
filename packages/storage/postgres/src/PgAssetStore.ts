/**
 * The asset register in SQL: assets (tag unique per tenant), check-outs (at most one open per asset), audit
 * sessions and their scans. Each row keeps its record as a document; the columns beside it serve the lookups
 * and listings. Writes check the version they replace, so concurrent changes cannot both win.
 *
 * @since 0.1.0
 */
import { Asset, AssetAudit, AssetError, AssetStore, CheckOut, StoreError } from "@quartermaster/core"
import { DateTime, Effect, Layer } from "effect"
import { SqlClient } from "effect/sql"
import { decodeDoc, encodeDoc, sqlFailure } from "./internal/errors.ts"
import { type Options, scope } from "./TenantSession.ts"

const encodeAsset = encodeDoc(Asset.Asset)
const decodeAsset = decodeDoc(Asset.Asset, "assets")
const encodeCheckOut = encodeDoc(CheckOut.CheckOut)
const decodeCheckOut = decodeDoc(CheckOut.CheckOut, "asset check-outs")
const encodeAudit = encodeDoc(AssetAudit.AuditSession)
const decodeAudit = decodeDoc(AssetAudit.AuditSession, "asset audits")
const encodeScan = encodeDoc(AssetAudit.AuditScan)
const decodeScan = decodeDoc(AssetAudit.AuditScan, "asset audit scans")

const iso = (t: DateTime.Utc | null) => (t === null ? null : DateTime.formatIso(t))

/**
 * The SQL asset store on the ambient `SqlClient`.
 *
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<AssetStore.AssetStore, never, SqlClient.SqlClient> =>
  Layer.effect(
    AssetStore.AssetStore,
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const scoped = scope(sql, options)
      const assets = (rows: ReadonlyArray<{ readonly doc: unknown }>) => Effect.forEach(rows, (r) => decodeAsset(r.doc))
      const checkOuts = (rows: ReadonlyArray<{ readonly doc: unknown }>) => Effect.forEach(rows, (r) => decodeCheckOut(r.doc))
      return AssetStore.AssetStore.of({
        get: (tenantId, ids) =>
          scoped(tenantId, sql<{ doc: unknown }>`SELECT doc FROM qm_assets WHERE tenant_id = ${tenantId} AND id = ANY(${ids}::text[])`).pipe(
            Effect.catchTag("SqlError", sqlFailure("assets.get")),
            Effect.flatMap(assets),
            Effect.map((list) => new Map(list.map((a) => [a.id, a])))
          ),
        byTag: (tenantId, tags) =>
          scoped(tenantId, sql<{ doc: unknown }>`SELECT doc FROM qm_assets WHERE tenant_id = ${tenantId} AND tag = ANY(${tags}::text[])`).pipe(
            Effect.catchTag("SqlError", sqlFailure("assets.byTag")),
            Effect.flatMap(assets),
            Effect.map((list) => new Map(list.map((a) => [a.tag, a])))
          ),
        list: (tenantId, filter) => {
          const clauses = [sql`tenant_id = ${tenantId}`]
          if (filter.status !== undefined) clauses.push(sql`status = ANY(${filter.status}::text[])`)
          if (filter.locationIds !== undefined) clauses.push(sql`location_id = ANY(${filter.locationIds}::text[])`)
          if (filter.parentId !== undefined) clauses.push(sql`parent_id = ${filter.parentId}`)
          if (filter.modelId !== undefined) clauses.push(sql`model_id = ${filter.modelId}`)
          if (filter.serial !== undefined) clauses.push(sql`serial = ${filter.serial}`)
          if (filter.inLedger !== undefined) clauses.push(sql`in_ledger = ${filter.inLedger}`)
          if (filter.afterId !== undefined) clauses.push(sql`id COLLATE "C" > ${filter.afterId}`)
          return scoped(tenantId, sql<{ doc: unknown }>`SELECT doc FROM qm_assets WHERE ${sql.and(clauses)} ORDER BY id COLLATE "C" LIMIT ${filter.limit}`).pipe(
            Effect.catchTag("SqlError", sqlFailure("assets.list")),
            Effect.flatMap(assets)
          )
        },
        put: (list) =>
          list.length === 0 ? Effect.void : scoped(
            list[0]!.tenantId,
            Effect.forEach(list, (a) =>
              Effect.gen(function*() {
                const written = a.version === 1
                  ? yield* sql`
                      INSERT INTO qm_assets (tenant_id, id, tag, status, model_id, serial, location_id, parent_id, in_ledger, version, doc)
                      VALUES (${a.tenantId}, ${a.id}, ${a.tag}, ${a.status}, ${a.modelId}, ${a.serial}, ${a.locationId}, ${a.parentId},
                        ${a.inLedger}, 1, ${encodeAsset(a)}::jsonb)
                      ON CONFLICT (tenant_id, id) DO NOTHING
                      RETURNING id`
                  : yield* sql`
                      UPDATE qm_assets SET tag = ${a.tag}, status = ${a.status}, model_id = ${a.modelId}, serial = ${a.serial},
                        location_id = ${a.locationId}, parent_id = ${a.parentId}, in_ledger = ${a.inLedger}, version = ${a.version},
                        doc = ${encodeAsset(a)}::jsonb
                      WHERE tenant_id = ${a.tenantId} AND id = ${a.id} AND version = ${a.version - 1}
                      RETURNING id`
                if (written.length === 0) return yield* new StoreError.ConcurrentModification({ entity: "asset", id: a.id })
              }).pipe(Effect.catchTag("SqlError", sqlFailure("assets.put", { qm_assets_tag: () => new AssetError.DuplicateTag({ tag: a.tag }) }))), { discard: true })
          ).pipe(Effect.catchTag("SqlError", sqlFailure("assets.put"))),
        putCheckOuts: (list) =>
          list.length === 0 ? Effect.void : scoped(
            list[0]!.tenantId,
            Effect.forEach(list, (c) =>
              Effect.gen(function*() {
                const open = c.returnedAt === null
                const written = c.version === 1
                  ? yield* sql`
                      INSERT INTO qm_asset_checkouts (tenant_id, id, asset_id, open, expected_return_at, version, doc)
                      VALUES (${c.tenantId}, ${c.id}, ${c.assetId}, ${open}, ${iso(c.expectedReturnAt)}::timestamptz, 1, ${encodeCheckOut(c)}::jsonb)
                      ON CONFLICT (tenant_id, id) DO NOTHING
                      RETURNING id`
                  : yield* sql`
                      UPDATE qm_asset_checkouts SET open = ${open}, expected_return_at = ${iso(c.expectedReturnAt)}::timestamptz,
                        version = ${c.version}, doc = ${encodeCheckOut(c)}::jsonb
                      WHERE tenant_id = ${c.tenantId} AND id = ${c.id} AND version = ${c.version - 1}
                      RETURNING id`
                if (written.length === 0) return yield* new StoreError.ConcurrentModification({ entity: "check-out", id: c.id })
              }).pipe(Effect.catchTag("SqlError", sqlFailure("assets.putCheckOuts", {
                qm_asset_checkouts_open: () => new StoreError.ConcurrentModification({ entity: "check-out", id: c.id })
              }))), { discard: true })
          ).pipe(Effect.catchTag("SqlError", sqlFailure("assets.putCheckOuts"))),
        checkOuts: (tenantId, filter) => {
          const clauses = [sql`tenant_id = ${tenantId}`]
          if (filter.assetId !== undefined) clauses.push(sql`asset_id = ${filter.assetId}`)
          if (filter.open !== undefined) clauses.push(sql`open = ${filter.open}`)
          if (filter.overdueAt !== undefined) clauses.push(sql`open AND expected_return_at < ${DateTime.formatIso(filter.overdueAt)}::timestamptz`)
          if (filter.afterId !== undefined) clauses.push(sql`id COLLATE "C" > ${filter.afterId}`)
          return scoped(tenantId, sql<{ doc: unknown }>`SELECT doc FROM qm_asset_checkouts WHERE ${sql.and(clauses)} ORDER BY id COLLATE "C" LIMIT ${filter.limit}`).pipe(
            Effect.catchTag("SqlError", sqlFailure("assets.checkOuts")),
            Effect.flatMap(checkOuts)
          )
        },
        openCheckOuts: (tenantId, assetIds) =>
          scoped(
            tenantId,
            sql<{ doc: unknown }>`SELECT doc FROM qm_asset_checkouts WHERE tenant_id = ${tenantId} AND open AND asset_id = ANY(${assetIds}::text[])`
          ).pipe(
            Effect.catchTag("SqlError", sqlFailure("assets.openCheckOuts")),
            Effect.flatMap(checkOuts),
            Effect.map((list) => new Map(list.map((c) => [c.assetId, c])))
          ),
        putAudit: (s) =>
          scoped(
            s.tenantId,
            Effect.gen(function*() {
              const written = s.version === 1
                ? yield* sql`
                    INSERT INTO qm_asset_audits (tenant_id, id, version, doc) VALUES (${s.tenantId}, ${s.id}, 1, ${encodeAudit(s)}::jsonb)
                    ON CONFLICT (tenant_id, id) DO NOTHING
                    RETURNING id`
                : yield* sql`
                    UPDATE qm_asset_audits SET version = ${s.version}, doc = ${encodeAudit(s)}::jsonb
                    WHERE tenant_id = ${s.tenantId} AND id = ${s.id} AND version = ${s.version - 1}
                    RETURNING id`
              if (written.length === 0) return yield* new StoreError.ConcurrentModification({ entity: "asset audit", id: s.id })
            })
          ).pipe(Effect.catchTag("SqlError", sqlFailure("assets.putAudit"))),
        getAudit: (tenantId, id) =>
          scoped(tenantId, sql<{ doc: unknown }>`SELECT doc FROM qm_asset_audits WHERE tenant_id = ${tenantId} AND id = ${id}`).pipe(
            Effect.catchTag("SqlError", sqlFailure("assets.getAudit")),
            Effect.flatMap((rows) => (rows.length === 0 ? Effect.succeed(undefined) : decodeAudit(rows[0]!.doc)))
          ),
        addScans: (scans) =>
          scans.length === 0 ? Effect.void : scoped(
            scans[0]!.tenantId,
            Effect.forEach(scans, (s) =>
              sql`
                INSERT INTO qm_asset_audit_scans (tenant_id, audit_id, seq, doc)
                VALUES (${s.tenantId}, ${s.auditId}, ${s.seq}, ${encodeScan(s)}::jsonb)`.pipe(
                Effect.catchTag("SqlError", sqlFailure("assets.addScans", {
                  qm_asset_audit_scans_pkey: () => new StoreError.ConcurrentModification({ entity: "asset audit scan", id: `${s.auditId}#${s.seq}` })
                }))
              ), { discard: true })
          ).pipe(Effect.catchTag("SqlError", sqlFailure("assets.addScans"))),
        scans: (tenantId, auditId) =>
          scoped(
            tenantId,
            sql<{ doc: unknown }>`SELECT doc FROM qm_asset_audit_scans WHERE tenant_id = ${tenantId} AND audit_id = ${auditId} ORDER BY seq`
          ).pipe(
            Effect.catchTag("SqlError", sqlFailure("assets.scans")),
            Effect.flatMap((rows) => Effect.forEach(rows, (r) => decodeScan(r.doc)))
          )
      })
    })
  )

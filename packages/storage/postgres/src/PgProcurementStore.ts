/**
 * The procurement store in SQL: one row per requisition and per purchase order with its document (receipts
 * included), and columns for status, supplier and the order's items. Writes check the version they replace;
 * `forUpdate` reads lock the orders' rows, so receipts against one order run one after the other.
 *
 * @since 0.1.0
 */
import { ProcurementStore, PurchaseOrder, Requisition, StoreError } from "@quartermaster/core"
import { Effect, Layer } from "effect"
import { SqlClient } from "effect/sql"
import { decodeDoc, encodeDoc, sqlFailure } from "./internal/errors.ts"
import { type Options, scope } from "./TenantSession.ts"

const encodeRequisition = encodeDoc(Requisition.Requisition)
const decodeRequisition = decodeDoc(Requisition.Requisition, "requisitions")
const encodeOrder = encodeDoc(PurchaseOrder.PurchaseOrder)
const decodeOrder = decodeDoc(PurchaseOrder.PurchaseOrder, "purchaseOrders")

/**
 * The SQL procurement store on the ambient `SqlClient`.
 *
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<ProcurementStore.ProcurementStore, never, SqlClient.SqlClient> =>
  Layer.effect(
    ProcurementStore.ProcurementStore,
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const scoped = scope(sql, options)
      const requisitions = (rows: ReadonlyArray<{ readonly doc: unknown }>) => Effect.forEach(rows, (r) => decodeRequisition(r.doc))
      const orders = (rows: ReadonlyArray<{ readonly doc: unknown }>) => Effect.forEach(rows, (r) => decodeOrder(r.doc))
      const conflict = (entity: string, id: string) => (rows: ReadonlyArray<unknown>) =>
        rows.length === 0 ? Effect.fail(new StoreError.ConcurrentModification({ entity, id })) : Effect.void
      return ProcurementStore.ProcurementStore.of({
        getRequisitions: (tenantId, ids) =>
          scoped(tenantId, sql<{ doc: unknown }>`SELECT doc FROM qm_requisitions WHERE tenant_id = ${tenantId} AND id = ANY(${ids}::text[])`).pipe(
            Effect.catchTag("SqlError", sqlFailure("requisitions.get")),
            Effect.flatMap(requisitions),
            Effect.map((list) => new Map(list.map((r) => [r.id, r])))
          ),
        putRequisition: (r) =>
          scoped(
            r.tenantId,
            r.version === 1
              ? sql`
                  INSERT INTO qm_requisitions (tenant_id, id, status, version, doc)
                  VALUES (${r.tenantId}, ${r.id}, ${r.status}, 1, ${encodeRequisition(r)}::jsonb)
                  ON CONFLICT (tenant_id, id) DO NOTHING
                  RETURNING id`
              : sql`
                  UPDATE qm_requisitions SET status = ${r.status}, version = ${r.version}, doc = ${encodeRequisition(r)}::jsonb
                  WHERE tenant_id = ${r.tenantId} AND id = ${r.id} AND version = ${r.version - 1}
                  RETURNING id`
          ).pipe(Effect.catchTag("SqlError", sqlFailure("requisitions.put")), Effect.flatMap(conflict("requisition", r.id))),
        listRequisitions: (tenantId, filter) => {
          const clauses = [sql`tenant_id = ${tenantId}`]
          if (filter.status !== undefined) clauses.push(sql`status = ${filter.status}`)
          if (filter.afterId !== undefined) clauses.push(sql`id COLLATE "C" > ${filter.afterId}`)
          return scoped(tenantId, sql<{ doc: unknown }>`SELECT doc FROM qm_requisitions WHERE ${sql.and(clauses)} ORDER BY id COLLATE "C" LIMIT ${filter.limit}`).pipe(
            Effect.catchTag("SqlError", sqlFailure("requisitions.list")),
            Effect.flatMap(requisitions)
          )
        },
        getPurchaseOrders: (tenantId, ids, opts) =>
          scoped(
            tenantId,
            opts?.forUpdate === true
              ? sql<{ doc: unknown }>`SELECT doc FROM qm_purchase_orders WHERE tenant_id = ${tenantId} AND id = ANY(${ids}::text[]) ORDER BY id COLLATE "C" FOR UPDATE`
              : sql<{ doc: unknown }>`SELECT doc FROM qm_purchase_orders WHERE tenant_id = ${tenantId} AND id = ANY(${ids}::text[])`
          ).pipe(
            Effect.catchTag("SqlError", sqlFailure("purchaseOrders.get")),
            Effect.flatMap(orders),
            Effect.map((list) => new Map(list.map((o) => [o.id, o])))
          ),
        putPurchaseOrder: (o) => {
          const itemIds = [...new Set(o.lines.map((l) => l.itemId))]
          return scoped(
            o.tenantId,
            o.version === 1
              ? sql`
                  INSERT INTO qm_purchase_orders (tenant_id, id, status, supplier_id, item_ids, version, doc)
                  VALUES (${o.tenantId}, ${o.id}, ${o.status}, ${o.supplierId}, ${itemIds}::text[], 1, ${encodeOrder(o)}::jsonb)
                  ON CONFLICT (tenant_id, id) DO NOTHING
                  RETURNING id`
              : sql`
                  UPDATE qm_purchase_orders
                  SET status = ${o.status}, supplier_id = ${o.supplierId}, item_ids = ${itemIds}::text[], version = ${o.version}, doc = ${encodeOrder(o)}::jsonb
                  WHERE tenant_id = ${o.tenantId} AND id = ${o.id} AND version = ${o.version - 1}
                  RETURNING id`
          ).pipe(Effect.catchTag("SqlError", sqlFailure("purchaseOrders.put")), Effect.flatMap(conflict("purchaseOrder", o.id)))
        },
        listPurchaseOrders: (tenantId, filter) => {
          const clauses = [sql`tenant_id = ${tenantId}`]
          if (filter.status !== undefined) clauses.push(sql`status = ANY(${filter.status}::text[])`)
          if (filter.supplierId !== undefined) clauses.push(sql`supplier_id = ${filter.supplierId}`)
          if (filter.itemIds !== undefined) clauses.push(sql`item_ids && ${filter.itemIds}::text[]`)
          if (filter.afterId !== undefined) clauses.push(sql`id COLLATE "C" > ${filter.afterId}`)
          return scoped(tenantId, sql<{ doc: unknown }>`SELECT doc FROM qm_purchase_orders WHERE ${sql.and(clauses)} ORDER BY id COLLATE "C" LIMIT ${filter.limit}`).pipe(
            Effect.catchTag("SqlError", sqlFailure("purchaseOrders.list")),
            Effect.flatMap(orders)
          )
        }
      })
    })
  )

/**
 * The maintenance store in SQL: plans and work orders as versioned documents keyed by tenant and id (with
 * the asset, activity and status as columns for listing), and the latest reading of each asset's meter.
 *
 * @since 0.1.0
 */
import { MaintenancePlan, MaintenanceStore, StoreError, WorkOrder } from "@quartermaster/core"
import { Effect, Layer } from "effect"
import { SqlClient } from "effect/sql"
import { decodeDoc, encodeDoc, sqlFailure } from "./internal/errors.ts"
import { type Options, scope } from "./TenantSession.ts"

const encodePlan = encodeDoc(MaintenancePlan.MaintenancePlan)
const decodePlan = decodeDoc(MaintenancePlan.MaintenancePlan, "maintenance.plans")
const encodeReading = encodeDoc(MaintenancePlan.MeterReading)
const decodeReading = decodeDoc(MaintenancePlan.MeterReading, "maintenance.readings")
const encodeOrder = encodeDoc(WorkOrder.WorkOrder)
const decodeOrder = decodeDoc(WorkOrder.WorkOrder, "maintenance.workOrders")

/**
 * The SQL maintenance store on the ambient `SqlClient`.
 *
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<MaintenanceStore.MaintenanceStore, never, SqlClient.SqlClient> =>
  Layer.effect(
    MaintenanceStore.MaintenanceStore,
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const scoped = scope(sql, options)
      return MaintenanceStore.MaintenanceStore.of({
        getPlans: (tenantId, ids) =>
          scoped(tenantId, sql<{ doc: unknown }>`SELECT doc FROM qm_maintenance_plans WHERE tenant_id = ${tenantId} AND id = ANY(${ids}::text[])`).pipe(
            Effect.catchTag("SqlError", sqlFailure("maintenance.getPlans")),
            Effect.flatMap((rows) => Effect.forEach(rows, (r) => decodePlan(r.doc))),
            Effect.map((list) => new Map(list.map((p) => [p.id, p])))
          ),
        putPlans: (plans) =>
          plans.length === 0 ? Effect.void : scoped(
            plans[0]!.tenantId,
            Effect.forEach(plans, (p) =>
              Effect.gen(function*() {
                const written = p.version === 1
                  ? yield* sql`
                      INSERT INTO qm_maintenance_plans (tenant_id, id, asset_id, active, version, doc)
                      VALUES (${p.tenantId}, ${p.id}, ${p.assetId}, ${p.active}, 1, ${encodePlan(p)}::jsonb)
                      ON CONFLICT (tenant_id, id) DO NOTHING
                      RETURNING id`
                  : yield* sql`
                      UPDATE qm_maintenance_plans SET active = ${p.active}, version = ${p.version}, doc = ${encodePlan(p)}::jsonb
                      WHERE tenant_id = ${p.tenantId} AND id = ${p.id} AND version = ${p.version - 1}
                      RETURNING id`
                if (written.length === 0) return yield* new StoreError.ConcurrentModification({ entity: "maintenance plan", id: p.id })
              }), { discard: true })
          ).pipe(Effect.catchTag("SqlError", sqlFailure("maintenance.putPlans"))),
        listPlans: (tenantId, filter) => {
          const clauses = [sql`tenant_id = ${tenantId}`]
          if (filter.assetId !== undefined) clauses.push(sql`asset_id = ${filter.assetId}`)
          if (filter.active !== undefined) clauses.push(sql`active = ${filter.active}`)
          if (filter.afterId !== undefined) clauses.push(sql`id COLLATE "C" > ${filter.afterId}`)
          return scoped(tenantId, sql<{ doc: unknown }>`SELECT doc FROM qm_maintenance_plans WHERE ${sql.and(clauses)} ORDER BY id COLLATE "C" LIMIT ${filter.limit}`).pipe(
            Effect.catchTag("SqlError", sqlFailure("maintenance.listPlans")),
            Effect.flatMap((rows) => Effect.forEach(rows, (r) => decodePlan(r.doc)))
          )
        },
        putReading: (r) =>
          scoped(
            r.tenantId,
            sql`
              INSERT INTO qm_meter_readings (tenant_id, asset_id, meter, doc)
              VALUES (${r.tenantId}, ${r.assetId}, ${r.meter}, ${encodeReading(r)}::jsonb)
              ON CONFLICT (tenant_id, asset_id, meter) DO UPDATE SET doc = EXCLUDED.doc`
          ).pipe(Effect.asVoid, Effect.catchTag("SqlError", sqlFailure("maintenance.putReading"))),
        latestReadings: (tenantId, assetIds) =>
          scoped(
            tenantId,
            sql<{ doc: unknown }>`SELECT doc FROM qm_meter_readings WHERE tenant_id = ${tenantId} AND asset_id = ANY(${assetIds}::text[])`
          ).pipe(
            Effect.catchTag("SqlError", sqlFailure("maintenance.latestReadings")),
            Effect.flatMap((rows) => Effect.forEach(rows, (r) => decodeReading(r.doc)))
          ),
        getWorkOrders: (tenantId, ids) =>
          scoped(tenantId, sql<{ doc: unknown }>`SELECT doc FROM qm_work_orders WHERE tenant_id = ${tenantId} AND id = ANY(${ids}::text[])`).pipe(
            Effect.catchTag("SqlError", sqlFailure("maintenance.getWorkOrders")),
            Effect.flatMap((rows) => Effect.forEach(rows, (r) => decodeOrder(r.doc))),
            Effect.map((list) => new Map(list.map((o) => [o.id, o])))
          ),
        putWorkOrders: (orders) =>
          orders.length === 0 ? Effect.void : scoped(
            orders[0]!.tenantId,
            Effect.forEach(orders, (o) =>
              Effect.gen(function*() {
                const written = o.version === 1
                  ? yield* sql`
                      INSERT INTO qm_work_orders (tenant_id, id, asset_id, status, version, doc)
                      VALUES (${o.tenantId}, ${o.id}, ${o.assetId}, ${o.status}, 1, ${encodeOrder(o)}::jsonb)
                      ON CONFLICT (tenant_id, id) DO NOTHING
                      RETURNING id`
                  : yield* sql`
                      UPDATE qm_work_orders SET status = ${o.status}, version = ${o.version}, doc = ${encodeOrder(o)}::jsonb
                      WHERE tenant_id = ${o.tenantId} AND id = ${o.id} AND version = ${o.version - 1}
                      RETURNING id`
                if (written.length === 0) return yield* new StoreError.ConcurrentModification({ entity: "work order", id: o.id })
              }), { discard: true })
          ).pipe(Effect.catchTag("SqlError", sqlFailure("maintenance.putWorkOrders"))),
        listWorkOrders: (tenantId, filter) => {
          const clauses = [sql`tenant_id = ${tenantId}`]
          if (filter.assetId !== undefined) clauses.push(sql`asset_id = ${filter.assetId}`)
          if (filter.status !== undefined) clauses.push(sql`status = ${filter.status}`)
          if (filter.afterId !== undefined) clauses.push(sql`id COLLATE "C" > ${filter.afterId}`)
          return scoped(tenantId, sql<{ doc: unknown }>`SELECT doc FROM qm_work_orders WHERE ${sql.and(clauses)} ORDER BY id COLLATE "C" LIMIT ${filter.limit}`).pipe(
            Effect.catchTag("SqlError", sqlFailure("maintenance.listWorkOrders")),
            Effect.flatMap((rows) => Effect.forEach(rows, (r) => decodeOrder(r.doc)))
          )
        }
      })
    })
  )

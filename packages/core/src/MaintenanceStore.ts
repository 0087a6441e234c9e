/**
 * The maintenance storage port (plans, meter readings and work orders), with an in-memory layer.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import type { AssetId, MaintenancePlanId, TenantId, WorkOrderId } from "./Ids.ts"
import { MemoryJournal, setUndoable } from "./internal/memory.ts"
import type { MaintenancePlan, MeterReading } from "./MaintenancePlan.ts"
import { ConcurrentModification, type StoreError } from "./StoreError.ts"
import type { Status, WorkOrder } from "./WorkOrder.ts"

/** Filters for listing plans, ordered by id. @since 0.1.0 */
export interface PlanFilter {
  readonly assetId?: AssetId
  readonly active?: boolean
  readonly afterId?: MaintenancePlanId
  readonly limit: number
}

/** Filters for listing work orders, ordered by id. @since 0.1.0 */
export interface WorkOrderFilter {
  readonly assetId?: AssetId
  readonly status?: Status
  readonly afterId?: WorkOrderId
  readonly limit: number
}

const byId = <A extends { readonly id: string }>(a: A, b: A) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * Persists maintenance plans, meter readings and work orders.
 *
 * @since 0.1.0
 */
export class MaintenanceStore extends Context.Service<MaintenanceStore, {
  readonly getPlans: (tenantId: TenantId, ids: ReadonlyArray<MaintenancePlanId>) => Effect.Effect<ReadonlyMap<MaintenancePlanId, MaintenancePlan>, StoreError>
  /** Inserts plans at version 1, or replaces those stored at `version - 1`. */
  readonly putPlans: (plans: ReadonlyArray<MaintenancePlan>) => Effect.Effect<void, StoreError | ConcurrentModification>
  readonly listPlans: (tenantId: TenantId, filter: PlanFilter) => Effect.Effect<ReadonlyArray<MaintenancePlan>, StoreError>
  /** Records a reading as the latest of its asset's meter. */
  readonly putReading: (reading: MeterReading) => Effect.Effect<void, StoreError>
  /** The latest reading of every meter of the assets. */
  readonly latestReadings: (tenantId: TenantId, assetIds: ReadonlyArray<AssetId>) => Effect.Effect<ReadonlyArray<MeterReading>, StoreError>
  readonly getWorkOrders: (tenantId: TenantId, ids: ReadonlyArray<WorkOrderId>) => Effect.Effect<ReadonlyMap<WorkOrderId, WorkOrder>, StoreError>
  /** Inserts work orders at version 1, or replaces those stored at `version - 1`. */
  readonly putWorkOrders: (orders: ReadonlyArray<WorkOrder>) => Effect.Effect<void, StoreError | ConcurrentModification>
  readonly listWorkOrders: (tenantId: TenantId, filter: WorkOrderFilter) => Effect.Effect<ReadonlyArray<WorkOrder>, StoreError>
}>()("@quartermaster/core/MaintenanceStore") {
  /**
   * The in-memory maintenance store. Needs the journal that `UnitOfWork.layerMemory` provides.
   *
   * @since 0.1.0
   */
  static readonly layerMemory: Layer.Layer<MaintenanceStore, never, MemoryJournal> = Layer.effect(
    MaintenanceStore,
    Effect.gen(function*() {
      const journal = yield* MemoryJournal
      const tenants = new Map<TenantId, {
        readonly plans: Map<MaintenancePlanId, MaintenancePlan>
        readonly readings: Map<string, MeterReading>
        readonly orders: Map<WorkOrderId, WorkOrder>
      }>()
      const of = (tenantId: TenantId) => {
        let t = tenants.get(tenantId)
        if (t === undefined) tenants.set(tenantId, t = { plans: new Map(), readings: new Map(), orders: new Map() })
        return t
      }
      const pick = <K, V>(map: Map<K, V>, ids: ReadonlyArray<K>) => new Map(ids.flatMap((id) => (map.has(id) ? [[id, map.get(id)!] as const] : [])))
      const put = <K extends string, V extends { readonly id: K; readonly tenantId: TenantId; readonly version: number }>(
        entity: string,
        mapOf: (tenantId: TenantId) => Map<K, V>,
        values: ReadonlyArray<V>
      ) =>
        journal.run(Effect.suspend(() => {
          for (const v of values) {
            if ((mapOf(v.tenantId).get(v.id)?.version ?? 0) !== v.version - 1) return Effect.fail(new ConcurrentModification({ entity, id: v.id }))
          }
          for (const v of values) setUndoable(journal, mapOf(v.tenantId), v.id, v)
          return Effect.void
        }))
      return MaintenanceStore.of({
        getPlans: (tenantId, ids) => journal.run(Effect.sync(() => pick(of(tenantId).plans, ids))),
        putPlans: (plans) => put("maintenance plan", (t) => of(t).plans, plans),
        listPlans: (tenantId, filter) =>
          journal.run(Effect.sync(() =>
            [...of(tenantId).plans.values()]
              .filter((p) =>
                (filter.assetId === undefined || p.assetId === filter.assetId) &&
                (filter.active === undefined || p.active === filter.active) &&
                (filter.afterId === undefined || p.id > filter.afterId)
              )
              .sort(byId)
              .slice(0, filter.limit)
          )),
        putReading: (reading) =>
          journal.run(Effect.sync(() => setUndoable(journal, of(reading.tenantId).readings, `${reading.assetId}\u0000${reading.meter}`, reading))),
        latestReadings: (tenantId, assetIds) =>
          journal.run(Effect.sync(() => {
            const wanted = new Set<string>(assetIds)
            return [...of(tenantId).readings.values()].filter((r) => wanted.has(r.assetId))
          })),
        getWorkOrders: (tenantId, ids) => journal.run(Effect.sync(() => pick(of(tenantId).orders, ids))),
        putWorkOrders: (orders) => put("work order", (t) => of(t).orders, orders),
        listWorkOrders: (tenantId, filter) =>
          journal.run(Effect.sync(() =>
            [...of(tenantId).orders.values()]
              .filter((o) =>
                (filter.assetId === undefined || o.assetId === filter.assetId) &&
                (filter.status === undefined || o.status === filter.status) &&
                (filter.afterId === undefined || o.id > filter.afterId)
              )
              .sort(byId)
              .slice(0, filter.limit)
          ))
      })
    })
  )
}

/**
 * The procurement storage port: requisitions and purchase orders (with their receipts), and an in-memory
 * layer.
 *
 * Writes are versioned: a document is inserted at version 1 or replaces the one stored at `version - 1`,
 * else {@link ConcurrentModification}. `getPurchaseOrders` with `forUpdate` also locks the orders to the end
 * of the unit of work, so two receipts against one order run one after the other and the second sees the
 * first's quantities.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import type { ItemId, LocationId, TenantId } from "./Ids.ts"
import { MemoryJournal, setUndoable } from "./internal/memory.ts"
import type { PurchaseOrder, PurchaseOrderId, PurchaseOrderStatus } from "./PurchaseOrder.ts"
import type { Requisition, RequisitionId, RequisitionStatus } from "./Requisition.ts"
import { ConcurrentModification, type StoreError } from "./StoreError.ts"

/**
 * Filters for listing requisitions, ordered by id.
 *
 * @since 0.1.0
 */
export interface RequisitionFilter {
  readonly status?: RequisitionStatus
  readonly afterId?: RequisitionId
  readonly limit: number
}

/**
 * Filters for listing purchase orders, ordered by id.
 *
 * @since 0.1.0
 */
export interface PurchaseOrderFilter {
  readonly status?: ReadonlyArray<PurchaseOrderStatus>
  readonly supplierId?: LocationId
  /** Orders with a line for any of these items. */
  readonly itemIds?: ReadonlyArray<ItemId>
  readonly afterId?: PurchaseOrderId
  readonly limit: number
}

/**
 * Persists requisitions and purchase orders.
 *
 * @since 0.1.0
 */
export class ProcurementStore extends Context.Service<ProcurementStore, {
  readonly getRequisitions: (
    tenantId: TenantId,
    ids: ReadonlyArray<RequisitionId>
  ) => Effect.Effect<ReadonlyMap<RequisitionId, Requisition>, StoreError>
  /** Inserts a requisition at version 1, or replaces the one stored at `version - 1`. */
  readonly putRequisition: (requisition: Requisition) => Effect.Effect<void, StoreError | ConcurrentModification>
  readonly listRequisitions: (tenantId: TenantId, filter: RequisitionFilter) => Effect.Effect<ReadonlyArray<Requisition>, StoreError>
  /** Purchase orders by id; `forUpdate` locks them to the end of the unit of work. */
  readonly getPurchaseOrders: (
    tenantId: TenantId,
    ids: ReadonlyArray<PurchaseOrderId>,
    options?: { readonly forUpdate?: boolean }
  ) => Effect.Effect<ReadonlyMap<PurchaseOrderId, PurchaseOrder>, StoreError>
  /** Inserts a purchase order at version 1, or replaces the one stored at `version - 1`. */
  readonly putPurchaseOrder: (order: PurchaseOrder) => Effect.Effect<void, StoreError | ConcurrentModification>
  readonly listPurchaseOrders: (tenantId: TenantId, filter: PurchaseOrderFilter) => Effect.Effect<ReadonlyArray<PurchaseOrder>, StoreError>
}>()("@quartermaster/core/ProcurementStore") {
  /**
   * The in-memory procurement store. Needs the journal that `UnitOfWork.layerMemory` provides; the journal's
   * lock serializes transactions, so `forUpdate` needs nothing more.
   *
   * @since 0.1.0
   */
  static readonly layerMemory: Layer.Layer<ProcurementStore, never, MemoryJournal> = Layer.effect(
    ProcurementStore,
    Effect.gen(function*() {
      const journal = yield* MemoryJournal
      const requisitions = new Map<TenantId, Map<RequisitionId, Requisition>>()
      const orders = new Map<TenantId, Map<PurchaseOrderId, PurchaseOrder>>()
      const of = <K, V>(maps: Map<TenantId, Map<K, V>>, tenantId: TenantId) => {
        let m = maps.get(tenantId)
        if (m === undefined) maps.set(tenantId, m = new Map())
        return m
      }
      const byId = <A extends { readonly id: string }>(a: A, b: A) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
      const put = <K extends string, V extends { readonly id: K; readonly tenantId: TenantId; readonly version: number }>(
        maps: Map<TenantId, Map<K, V>>,
        entity: string,
        doc: V
      ) =>
        journal.run(Effect.suspend(() => {
          const m = of(maps, doc.tenantId)
          if ((m.get(doc.id)?.version ?? 0) !== doc.version - 1) return Effect.fail(new ConcurrentModification({ entity, id: doc.id }))
          setUndoable(journal, m, doc.id, doc)
          return Effect.void
        }))
      const get = <K, V>(maps: Map<TenantId, Map<K, V>>, tenantId: TenantId, ids: ReadonlyArray<K>) =>
        journal.run(Effect.sync(() => {
          const m = of(maps, tenantId)
          const out = new Map<K, V>()
          for (const id of ids) {
            const doc = m.get(id)
            if (doc !== undefined) out.set(id, doc)
          }
          return out as ReadonlyMap<K, V>
        }))
      return ProcurementStore.of({
        getRequisitions: (tenantId, ids) => get(requisitions, tenantId, ids),
        putRequisition: (requisition) => put(requisitions, "requisition", requisition),
        listRequisitions: (tenantId, filter) =>
          journal.run(Effect.sync(() =>
            [...of(requisitions, tenantId).values()]
              .filter((r) => (filter.status === undefined || r.status === filter.status) && (filter.afterId === undefined || r.id > filter.afterId))
              .sort(byId)
              .slice(0, filter.limit)
          )),
        getPurchaseOrders: (tenantId, ids) => get(orders, tenantId, ids),
        putPurchaseOrder: (order) => put(orders, "purchaseOrder", order),
        listPurchaseOrders: (tenantId, filter) =>
          journal.run(Effect.sync(() =>
            [...of(orders, tenantId).values()]
              .filter((o) =>
                (filter.status === undefined || filter.status.includes(o.status)) &&
                (filter.supplierId === undefined || o.supplierId === filter.supplierId) &&
                (filter.itemIds === undefined || o.lines.some((l) => filter.itemIds!.includes(l.itemId))) &&
                (filter.afterId === undefined || o.id > filter.afterId)
              )
              .sort(byId)
              .slice(0, filter.limit)
          ))
      })
    })
  )
}

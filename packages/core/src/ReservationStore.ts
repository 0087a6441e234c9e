/**
 * The reservations' storage port, with an in-memory layer.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer } from "effect"
import type { ItemId, ReservationId, TenantId } from "./Ids.ts"
import { deleteUndoable, MemoryJournal, setUndoable } from "./internal/memory.ts"
import type { Reservation } from "./Reservation.ts"
import { ConcurrentModification, type StoreError } from "./StoreError.ts"

/**
 * Filters for listing reservations, ordered by id.
 *
 * @since 0.1.0
 */
export interface ReservationFilter {
  readonly itemId?: ItemId
  readonly status?: Reservation["status"]
  readonly reference?: string
  readonly afterId?: ReservationId
  readonly limit: number
}

/**
 * Persists reservations.
 *
 * @since 0.1.0
 */
export class ReservationStore extends Context.Service<ReservationStore, {
  readonly get: (
    tenantId: TenantId,
    ids: ReadonlyArray<ReservationId>
  ) => Effect.Effect<ReadonlyMap<ReservationId, Reservation>, StoreError>
  /** Open reservations of the items that have not expired at `now`. */
  readonly active: (
    tenantId: TenantId,
    itemIds: ReadonlyArray<ItemId>,
    now: DateTime.Utc
  ) => Effect.Effect<ReadonlyArray<Reservation>, StoreError>
  /** Inserts reservations at version 1, or replaces those stored at `version - 1`. */
  readonly put: (reservations: ReadonlyArray<Reservation>) => Effect.Effect<void, StoreError | ConcurrentModification>
  readonly list: (tenantId: TenantId, filter: ReservationFilter) => Effect.Effect<ReadonlyArray<Reservation>, StoreError>
}>()("@quartermaster/core/ReservationStore") {
  /**
   * The in-memory reservation store. Needs the journal that `UnitOfWork.layerMemory` provides.
   *
   * @since 0.1.0
   */
  static readonly layerMemory: Layer.Layer<ReservationStore, never, MemoryJournal> = Layer.effect(
    ReservationStore,
    Effect.gen(function*() {
      const journal = yield* MemoryJournal
      const tenants = new Map<TenantId, { byId: Map<ReservationId, Reservation>; openByItem: Map<ItemId, Map<ReservationId, Reservation>> }>()
      const of = (tenantId: TenantId) => {
        let t = tenants.get(tenantId)
        if (t === undefined) tenants.set(tenantId, t = { byId: new Map(), openByItem: new Map() })
        return t
      }
      return ReservationStore.of({
        get: (tenantId, ids) =>
          journal.run(Effect.sync(() => {
            const t = of(tenantId)
            const out = new Map<ReservationId, Reservation>()
            for (const id of ids) {
              const r = t.byId.get(id)
              if (r !== undefined) out.set(id, r)
            }
            return out
          })),
        active: (tenantId, itemIds, now) =>
          journal.run(Effect.sync(() => {
            const t = of(tenantId)
            const out: Array<Reservation> = []
            for (const itemId of itemIds) {
              for (const r of t.openByItem.get(itemId)?.values() ?? []) {
                if (r.expiresAt === null || DateTime.isGreaterThan(r.expiresAt, now)) out.push(r)
              }
            }
            return out
          })),
        put: (reservations) =>
          journal.run(Effect.suspend(() => {
            for (const r of reservations) {
              const before = of(r.tenantId).byId.get(r.id)
              if ((before?.version ?? 0) !== r.version - 1) {
                return Effect.fail(new ConcurrentModification({ entity: "reservation", id: r.id }))
              }
            }
            for (const r of reservations) {
              const t = of(r.tenantId)
              setUndoable(journal, t.byId, r.id, r)
              let open = t.openByItem.get(r.itemId)
              if (open === undefined) t.openByItem.set(r.itemId, open = new Map())
              if (r.status === "open") setUndoable(journal, open, r.id, r)
              else deleteUndoable(journal, open, r.id)
            }
            return Effect.void
          })),
        list: (tenantId, filter) =>
          journal.run(Effect.sync(() =>
            [...of(tenantId).byId.values()]
              .filter((r) =>
                (filter.itemId === undefined || r.itemId === filter.itemId) &&
                (filter.status === undefined || r.status === filter.status) &&
                (filter.reference === undefined || r.reference === filter.reference) &&
                (filter.afterId === undefined || r.id > filter.afterId)
              )
              .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
              .slice(0, filter.limit)
          ))
      })
    })
  )
}

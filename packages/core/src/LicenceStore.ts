/**
 * The licences' storage port (licences and their seat assignments), with an in-memory layer.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import type { LicenceId, TenantId } from "./Ids.ts"
import { deleteUndoable, MemoryJournal, setUndoable } from "./internal/memory.ts"
import type { Assignee, Assignment, Licence } from "./Licence.ts"
import { ConcurrentModification, type StoreError } from "./StoreError.ts"

/**
 * Filters for listing licences, ordered by id.
 *
 * @since 0.1.0
 */
export interface LicenceFilter {
  /** Only licences whose expiry or renewal date is on or before this calendar date. */
  readonly datedBy?: string
  readonly afterId?: LicenceId
  readonly limit: number
}

const keyOf = (a: Assignee) => `${a.kind}\u0000${a.id}`

/**
 * Persists licences and seat assignments.
 *
 * @since 0.1.0
 */
export class LicenceStore extends Context.Service<LicenceStore, {
  readonly get: (tenantId: TenantId, ids: ReadonlyArray<LicenceId>) => Effect.Effect<ReadonlyMap<LicenceId, Licence>, StoreError>
  /** Inserts licences at version 1, or replaces those stored at `version - 1`. */
  readonly put: (licences: ReadonlyArray<Licence>) => Effect.Effect<void, StoreError | ConcurrentModification>
  readonly list: (tenantId: TenantId, filter: LicenceFilter) => Effect.Effect<ReadonlyArray<Licence>, StoreError>
  /** The licence's assignments, oldest first. */
  readonly assignments: (tenantId: TenantId, licenceId: LicenceId) => Effect.Effect<ReadonlyArray<Assignment>, StoreError>
  /** How many seats of each licence are assigned (licences with none are absent). */
  readonly countAssigned: (tenantId: TenantId, licenceIds: ReadonlyArray<LicenceId>) => Effect.Effect<ReadonlyMap<LicenceId, number>, StoreError>
  /**
   * Locks a licence until the transaction ends, so concurrent assignments are counted one after another.
   * Call it inside a unit of work.
   */
  readonly lock: (tenantId: TenantId, licenceId: LicenceId) => Effect.Effect<void, StoreError>
  /** Records an assignment; false (and no change) if the assignee already holds a seat. */
  readonly assign: (assignment: Assignment) => Effect.Effect<boolean, StoreError>
  /** Removes an assignment; false if there was none. */
  readonly unassign: (tenantId: TenantId, licenceId: LicenceId, assignee: Assignee) => Effect.Effect<boolean, StoreError>
}>()("@quartermaster/core/LicenceStore") {
  /**
   * The in-memory licence store. Needs the journal that `UnitOfWork.layerMemory` provides.
   *
   * @since 0.1.0
   */
  static readonly layerMemory: Layer.Layer<LicenceStore, never, MemoryJournal> = Layer.effect(
    LicenceStore,
    Effect.gen(function*() {
      const journal = yield* MemoryJournal
      const tenants = new Map<TenantId, { byId: Map<LicenceId, Licence>; seats: Map<LicenceId, Map<string, Assignment>> }>()
      const of = (tenantId: TenantId) => {
        let t = tenants.get(tenantId)
        if (t === undefined) tenants.set(tenantId, t = { byId: new Map(), seats: new Map() })
        return t
      }
      const seatsOf = (tenantId: TenantId, licenceId: LicenceId) => {
        const t = of(tenantId)
        let s = t.seats.get(licenceId)
        if (s === undefined) t.seats.set(licenceId, s = new Map())
        return s
      }
      return LicenceStore.of({
        get: (tenantId, ids) =>
          journal.run(Effect.sync(() => {
            const byId = of(tenantId).byId
            return new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!] as const] : [])))
          })),
        put: (licences) =>
          journal.run(Effect.suspend(() => {
            for (const l of licences) {
              if ((of(l.tenantId).byId.get(l.id)?.version ?? 0) !== l.version - 1) {
                return Effect.fail(new ConcurrentModification({ entity: "licence", id: l.id }))
              }
            }
            for (const l of licences) setUndoable(journal, of(l.tenantId).byId, l.id, l)
            return Effect.void
          })),
        list: (tenantId, filter) =>
          journal.run(Effect.sync(() =>
            [...of(tenantId).byId.values()]
              .filter((l) =>
                (filter.afterId === undefined || l.id > filter.afterId) &&
                (filter.datedBy === undefined ||
                  (l.expiresOn !== null && l.expiresOn <= filter.datedBy) ||
                  (l.renewalOn !== null && l.renewalOn <= filter.datedBy))
              )
              .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
              .slice(0, filter.limit)
          )),
        assignments: (tenantId, licenceId) =>
          journal.run(Effect.sync(() => [...seatsOf(tenantId, licenceId).values()])),
        countAssigned: (tenantId, licenceIds) =>
          journal.run(Effect.sync(() => {
            const out = new Map<LicenceId, number>()
            for (const id of licenceIds) {
              const n = of(tenantId).seats.get(id)?.size ?? 0
              if (n > 0) out.set(id, n)
            }
            return out
          })),
        // Memory transactions are serialized already.
        lock: () => Effect.void,
        assign: (assignment) =>
          journal.run(Effect.sync(() => {
            const seats = seatsOf(assignment.tenantId, assignment.licenceId)
            const key = keyOf(assignment.assignee)
            if (seats.has(key)) return false
            setUndoable(journal, seats, key, assignment)
            return true
          })),
        unassign: (tenantId, licenceId, assignee) =>
          journal.run(Effect.sync(() => {
            const seats = seatsOf(tenantId, licenceId)
            const key = keyOf(assignee)
            if (!seats.has(key)) return false
            deleteUndoable(journal, seats, key)
            return true
          }))
      })
    })
  )
}

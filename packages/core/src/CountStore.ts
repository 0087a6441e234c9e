/**
 * The cycle counts' storage port: sessions and their cells, with an in-memory layer.
 *
 * Sessions are versioned: one is inserted at version 1 or replaces the one stored at `version - 1`, else
 * {@link ConcurrentModification}. `getSession` with `forUpdate` locks the session to the end of the unit of
 * work, so counts, the freeze and the approval of one session run one after the other. Cells are upserted by
 * their key (item, location, lot) within the session.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer } from "effect"
import { type CountCell, cellKey, type CountSession, type CountSessionId, type CountStatus } from "./CountSession.ts"
import type { TenantId } from "./Ids.ts"
import { MemoryJournal, setUndoable } from "./internal/memory.ts"
import { ConcurrentModification, type StoreError } from "./StoreError.ts"

/**
 * Filters for listing sessions, ordered by id. `approvedFrom`/`approvedTo` bound the approval time
 * (inclusive, exclusive).
 *
 * @since 0.1.0
 */
export interface SessionFilter {
  readonly status?: CountStatus
  readonly approvedFrom?: DateTime.Utc
  readonly approvedTo?: DateTime.Utc
  readonly afterId?: CountSessionId
  readonly limit: number
}

/**
 * Persists count sessions and their cells.
 *
 * @since 0.1.0
 */
export class CountStore extends Context.Service<CountStore, {
  readonly getSession: (
    tenantId: TenantId,
    id: CountSessionId,
    options?: { readonly forUpdate?: boolean }
  ) => Effect.Effect<CountSession | undefined, StoreError>
  /** Inserts a session at version 1, or replaces the one stored at `version - 1`. */
  readonly putSession: (session: CountSession) => Effect.Effect<void, StoreError | ConcurrentModification>
  readonly listSessions: (tenantId: TenantId, filter: SessionFilter) => Effect.Effect<ReadonlyArray<CountSession>, StoreError>
  /** The session's cells, ordered by item, location and lot. */
  readonly cells: (tenantId: TenantId, sessionId: CountSessionId) => Effect.Effect<ReadonlyArray<CountCell>, StoreError>
  /** Inserts or replaces cells of the session. */
  readonly putCells: (tenantId: TenantId, sessionId: CountSessionId, cells: ReadonlyArray<CountCell>) => Effect.Effect<void, StoreError>
}>()("@quartermaster/core/CountStore") {
  /**
   * The in-memory count store. Needs the journal that `UnitOfWork.layerMemory` provides; its lock serializes
   * transactions, so `forUpdate` needs nothing more.
   *
   * @since 0.1.0
   */
  static readonly layerMemory: Layer.Layer<CountStore, never, MemoryJournal> = Layer.effect(
    CountStore,
    Effect.gen(function*() {
      const journal = yield* MemoryJournal
      const sessions = new Map<string, CountSession>()
      const cells = new Map<string, Map<string, CountCell>>()
      const key = (tenantId: TenantId, id: string) => `${tenantId}\u0000${id}`
      return CountStore.of({
        getSession: (tenantId, id) => journal.run(Effect.sync(() => sessions.get(key(tenantId, id)))),
        putSession: (session) =>
          journal.run(Effect.suspend(() => {
            const k = key(session.tenantId, session.id)
            if ((sessions.get(k)?.version ?? 0) !== session.version - 1) {
              return Effect.fail(new ConcurrentModification({ entity: "count session", id: session.id }))
            }
            setUndoable(journal, sessions, k, session)
            return Effect.void
          })),
        listSessions: (tenantId, filter) =>
          journal.run(Effect.sync(() =>
            [...sessions.values()]
              .filter((s) =>
                s.tenantId === tenantId &&
                (filter.status === undefined || s.status === filter.status) &&
                (filter.afterId === undefined || s.id > filter.afterId) &&
                (filter.approvedFrom === undefined || (s.approvedAt !== null && !DateTime.isLessThan(s.approvedAt, filter.approvedFrom))) &&
                (filter.approvedTo === undefined || (s.approvedAt !== null && DateTime.isLessThan(s.approvedAt, filter.approvedTo)))
              )
              .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
              .slice(0, filter.limit)
          )),
        cells: (tenantId, sessionId) =>
          journal.run(Effect.sync(() =>
            [...(cells.get(key(tenantId, sessionId))?.entries() ?? [])]
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([, c]) => c)
          )),
        putCells: (tenantId, sessionId, list) =>
          journal.run(Effect.sync(() => {
            const k = key(tenantId, sessionId)
            let m = cells.get(k)
            if (m === undefined) setUndoable(journal, cells, k, m = new Map())
            for (const c of list) setUndoable(journal, m, cellKey(c), c)
          }))
      })
    })
  )
}

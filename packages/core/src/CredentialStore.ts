/**
 * The credential register's storage port, with an in-memory layer.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer } from "effect"
import type { Credential, Kind } from "./Credential.ts"
import type { CredentialId, TenantId } from "./Ids.ts"
import { MemoryJournal, setUndoable } from "./internal/memory.ts"
import { ConcurrentModification, type StoreError } from "./StoreError.ts"

/**
 * Filters for listing credentials, ordered by id. `notAfterBy` keeps credentials that are not revoked and
 * whose `notAfter` is at or before it.
 *
 * @since 0.1.0
 */
export interface CredentialFilter {
  readonly kind?: Kind
  readonly notAfterBy?: DateTime.Utc
  readonly afterId?: CredentialId
  readonly limit: number
}

/**
 * Persists credential metadata.
 *
 * @since 0.1.0
 */
export class CredentialStore extends Context.Service<CredentialStore, {
  readonly get: (tenantId: TenantId, ids: ReadonlyArray<CredentialId>) => Effect.Effect<ReadonlyMap<CredentialId, Credential>, StoreError>
  /** Inserts credentials at version 1, or replaces those stored at `version - 1`. */
  readonly put: (credentials: ReadonlyArray<Credential>) => Effect.Effect<void, StoreError | ConcurrentModification>
  readonly list: (tenantId: TenantId, filter: CredentialFilter) => Effect.Effect<ReadonlyArray<Credential>, StoreError>
}>()("@quartermaster/core/CredentialStore") {
  /**
   * The in-memory credential store. Needs the journal that `UnitOfWork.layerMemory` provides.
   *
   * @since 0.1.0
   */
  static readonly layerMemory: Layer.Layer<CredentialStore, never, MemoryJournal> = Layer.effect(
    CredentialStore,
    Effect.gen(function*() {
      const journal = yield* MemoryJournal
      const tenants = new Map<TenantId, Map<CredentialId, Credential>>()
      const of = (tenantId: TenantId) => {
        let t = tenants.get(tenantId)
        if (t === undefined) tenants.set(tenantId, t = new Map())
        return t
      }
      return CredentialStore.of({
        get: (tenantId, ids) =>
          journal.run(Effect.sync(() => {
            const byId = of(tenantId)
            return new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!] as const] : [])))
          })),
        put: (credentials) =>
          journal.run(Effect.suspend(() => {
            for (const c of credentials) {
              if ((of(c.tenantId).get(c.id)?.version ?? 0) !== c.version - 1) {
                return Effect.fail(new ConcurrentModification({ entity: "credential", id: c.id }))
              }
            }
            for (const c of credentials) setUndoable(journal, of(c.tenantId), c.id, c)
            return Effect.void
          })),
        list: (tenantId, filter) =>
          journal.run(Effect.sync(() =>
            [...of(tenantId).values()]
              .filter((c) =>
                (filter.kind === undefined || c.kind === filter.kind) &&
                (filter.afterId === undefined || c.id > filter.afterId) &&
                (filter.notAfterBy === undefined ||
                  (!c.revoked && c.notAfter !== null && !DateTime.isGreaterThan(c.notAfter, filter.notAfterBy)))
              )
              .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
              .slice(0, filter.limit)
          ))
      })
    })
  )
}

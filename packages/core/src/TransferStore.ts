/**
 * The transfers' storage port, with an in-memory layer.
 *
 * Writes are versioned: a transfer is inserted at version 1 or replaces the one stored at `version - 1`, else
 * {@link ConcurrentModification}. `get` with `forUpdate` locks the transfer to the end of the unit of work, so
 * two receipts against one transfer run one after the other and the second sees the first's quantities.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import type { ItemId, TenantId } from "./Ids.ts"
import { MemoryJournal, setUndoable } from "./internal/memory.ts"
import { ConcurrentModification, type StoreError } from "./StoreError.ts"
import type { Transfer, TransferId, TransferStatus } from "./Transfer.ts"

/**
 * Filters for listing transfers, ordered by id.
 *
 * @since 0.1.0
 */
export interface TransferFilter {
  readonly status?: ReadonlyArray<TransferStatus>
  /** Transfers with a line for this item. */
  readonly itemId?: ItemId
  readonly afterId?: TransferId
  readonly limit: number
}

/**
 * Persists transfers.
 *
 * @since 0.1.0
 */
export class TransferStore extends Context.Service<TransferStore, {
  readonly get: (
    tenantId: TenantId,
    id: TransferId,
    options?: { readonly forUpdate?: boolean }
  ) => Effect.Effect<Transfer | undefined, StoreError>
  /** Inserts a transfer at version 1, or replaces the one stored at `version - 1`. */
  readonly put: (transfer: Transfer) => Effect.Effect<void, StoreError | ConcurrentModification>
  readonly list: (tenantId: TenantId, filter: TransferFilter) => Effect.Effect<ReadonlyArray<Transfer>, StoreError>
}>()("@quartermaster/core/TransferStore") {
  /**
   * The in-memory transfer store. Needs the journal that `UnitOfWork.layerMemory` provides; its lock
   * serializes transactions, so `forUpdate` needs nothing more.
   *
   * @since 0.1.0
   */
  static readonly layerMemory: Layer.Layer<TransferStore, never, MemoryJournal> = Layer.effect(
    TransferStore,
    Effect.gen(function*() {
      const journal = yield* MemoryJournal
      const transfers = new Map<string, Transfer>()
      const key = (tenantId: TenantId, id: string) => `${tenantId}\u0000${id}`
      return TransferStore.of({
        get: (tenantId, id) => journal.run(Effect.sync(() => transfers.get(key(tenantId, id)))),
        put: (transfer) =>
          journal.run(Effect.suspend(() => {
            const k = key(transfer.tenantId, transfer.id)
            if ((transfers.get(k)?.version ?? 0) !== transfer.version - 1) {
              return Effect.fail(new ConcurrentModification({ entity: "transfer", id: transfer.id }))
            }
            setUndoable(journal, transfers, k, transfer)
            return Effect.void
          })),
        list: (tenantId, filter) =>
          journal.run(Effect.sync(() =>
            [...transfers.values()]
              .filter((t) =>
                t.tenantId === tenantId &&
                (filter.status === undefined || filter.status.includes(t.status)) &&
                (filter.itemId === undefined || t.lines.some((l) => l.itemId === filter.itemId)) &&
                (filter.afterId === undefined || t.id > filter.afterId)
              )
              .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
              .slice(0, filter.limit)
          ))
      })
    })
  )
}

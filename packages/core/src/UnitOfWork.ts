/**
 * The transactional unit of work that every store shares.
 *
 * A command runs its reads, checks and writes inside one `transaction`: either every write lands, together
 * with the command's domain events, or none does. A transaction inside a transaction joins the outer one.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import { MemoryJournal } from "./internal/memory.ts"
import type { StoreError } from "./StoreError.ts"

/**
 * Runs effects atomically against the stores.
 *
 * @since 0.1.0
 */
export class UnitOfWork extends Context.Service<UnitOfWork, {
  readonly transaction: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | StoreError, R>
}>()("@quartermaster/core/UnitOfWork") {
  /**
   * The in-memory unit of work: transactions are serialized and roll back by an undo journal. It also provides
   * the journal that the in-memory stores write through.
   *
   * @since 0.1.0
   */
  static readonly layerMemory: Layer.Layer<UnitOfWork | MemoryJournal> = Layer.effect(
    UnitOfWork,
    Effect.map(Effect.service(MemoryJournal), (journal) => UnitOfWork.of({ transaction: journal.transaction }))
  ).pipe(Layer.provideMerge(MemoryJournal.layer))
}

/**
 * The in-memory stores' shared journal (lock and undo log), provided by {@link UnitOfWork.layerMemory}.
 *
 * @since 0.1.0
 */
export { MemoryJournal }

/**
 * Runs an effect in a transaction of the current unit of work.
 *
 * @since 0.1.0
 */
export const transaction = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | StoreError, R | UnitOfWork> =>
  Effect.flatMap(Effect.service(UnitOfWork), (uow) => uow.transaction(effect))

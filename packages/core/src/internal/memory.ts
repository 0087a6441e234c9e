// The in-memory stores' shared journal: one lock that serializes every transaction (and every auto-commit
// read or write), and an undo log that rolls a failed transaction back. Memory stores call `write` for each
// mutation with the closure that undoes it.
import { Context, Effect, Exit, Layer, Semaphore } from "effect"

const InTransaction = Context.Reference<boolean>("@quartermaster/core/internal/memory/InTransaction", {
  defaultValue: () => false
})

export class MemoryJournal extends Context.Service<MemoryJournal, {
  /** Runs a store operation: inside a transaction as part of it, otherwise under the lock on its own. */
  readonly run: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** Records how to undo a mutation just made. Outside a transaction there is nothing to undo. */
  readonly undo: (restore: () => void) => void
  readonly transaction: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}>()("@quartermaster/core/internal/memory/MemoryJournal") {
  static readonly layer = Layer.effect(
    MemoryJournal,
    Effect.gen(function*() {
      const lock = yield* Semaphore.make(1)
      let log: Array<() => void> | undefined
      const transaction = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
        Effect.flatMap(Effect.service(InTransaction), (inside) =>
          inside
            ? effect
            : lock.withPermit(
              Effect.suspend(() => {
                log = []
                return effect.pipe(
                  Effect.provideService(InTransaction, true),
                  Effect.onExit((exit) =>
                    Effect.sync(() => {
                      const undo = log ?? []
                      log = undefined
                      if (Exit.isFailure(exit)) for (let i = undo.length - 1; i >= 0; i--) undo[i]!()
                    })
                  )
                )
              })
            ))
      const run = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
        Effect.flatMap(Effect.service(InTransaction), (inside) => (inside ? effect : lock.withPermit(effect)))
      return MemoryJournal.of({
        run,
        transaction,
        undo: (restore) => {
          if (log !== undefined) log.push(restore)
        }
      })
    })
  )
}

/** Sets `map[key] = value` and records the undo. */
export const setUndoable = <K, V>(journal: MemoryJournal["Service"], map: Map<K, V>, key: K, value: V): void => {
  const had = map.has(key)
  const previous = map.get(key)
  map.set(key, value)
  journal.undo(() => {
    if (had) map.set(key, previous as V)
    else map.delete(key)
  })
}

/** Deletes `map[key]` and records the undo. */
export const deleteUndoable = <K, V>(journal: MemoryJournal["Service"], map: Map<K, V>, key: K): void => {
  if (!map.has(key)) return
  const previous = map.get(key) as V
  map.delete(key)
  journal.undo(() => map.set(key, previous))
}

/** Appends to an array and records the undo. */
export const pushUndoable = <A>(journal: MemoryJournal["Service"], array: Array<A>, ...values: Array<A>): void => {
  const length = array.length
  array.push(...values)
  journal.undo(() => {
    array.length = length
  })
}

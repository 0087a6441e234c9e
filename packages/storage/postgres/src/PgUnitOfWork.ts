/**
 * The unit of work in SQL: a database transaction, retried transparently when the database aborts it for a
 * deadlock, a serialization failure or a lock timeout.
 *
 * A retry re-runs the whole command from its first read, so it sees what the winning transaction wrote.
 * Retries are bounded (5 attempts, exponential backoff with jitter from 5 ms); after that the caller gets
 * the `StoreError` with `retryable: true`. A lost connection is not retried here: whether the commit landed
 * is unknown, so the caller decides (postings and reservations are idempotent by id).
 *
 * @since 0.1.0
 */
import { type StoreError, UnitOfWork } from "@quartermaster/core"
import { Effect, Layer, Schedule } from "effect"
import { SqlClient } from "effect/sql"
import { toStoreError } from "./internal/errors.ts"

const TRANSIENT = new Set(["DeadlockError", "SerializationError", "LockTimeoutError"])

/** Whether an error is a transient abort that a retry of the transaction can get past. @since 0.1.0 */
export const isTransient = (error: unknown): boolean =>
  typeof error === "object" && error !== null && (error as { _tag?: unknown })._tag === "StoreError" &&
  TRANSIENT.has((error as StoreError.StoreError).reason ?? "")

/**
 * The SQL unit of work on the ambient `SqlClient`.
 *
 * @since 0.1.0
 */
export const layer: Layer.Layer<UnitOfWork.UnitOfWork, never, SqlClient.SqlClient> = Layer.effect(
  UnitOfWork.UnitOfWork,
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const retry = Schedule.exponential("5 millis").pipe(Schedule.jittered)
    return UnitOfWork.UnitOfWork.of({
      transaction: <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | StoreError.StoreError, R> =>
        Effect.flatMap(Effect.serviceOption(sql.transactionService), (outer) => {
          const attempt = sql.withTransaction(effect).pipe(
            Effect.catchTag("SqlError" as never, (error: never) => Effect.fail(toStoreError("transaction", error)))
          ) as Effect.Effect<A, E | StoreError.StoreError, R>
          // Nested units of work join the outer transaction; only the outermost one retries.
          return outer._tag === "Some" ? attempt : Effect.retry(attempt, { schedule: retry, times: 4, while: isTransient })
        })
    })
  })
)

/**
 * The unit of work in SQL: a database transaction, retried transparently when the database aborts it for a
 * deadlock, a serialization failure or a lock timeout, or when a connection could not be opened for it.
 *
 * A retry re-runs the whole command from its first read, so it sees what the winning transaction wrote.
 * Retries are bounded (5 attempts, exponential backoff with jitter from 5 ms); after that the caller gets
 * the `StoreError` with `retryable: true`. A connection lost before COMMIT is retried as well, since nothing
 * was committed; one lost during COMMIT reaches the caller as a retryable `StoreError`, because whether the
 * commit landed is unknown (postings and reservations are idempotent by id, so re-sending them is safe).
 *
 * @since 0.1.0
 */
import { StoreError, UnitOfWork } from "@quartermaster/core"
import { Cause, Effect, Layer, Schedule } from "effect"
import { SqlClient, SqlError } from "effect/sql"
import { toStoreError } from "./internal/errors.ts"

// A connection lost before COMMIT leaves nothing committed, so it is retried too.
const TRANSIENT = new Set(["DeadlockError", "SerializationError", "LockTimeoutError", "ConnectFailed", "ConnectionLost"])

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
            Effect.catchTag("SqlError" as never, (error: never) => Effect.fail(toStoreError("transaction", error))),
            // When the body fails and the rollback fails too (the connection is gone), the driver dies with
            // both. Nothing was committed, so this is a plain, retryable failure of the unit of work.
            Effect.catchCause((cause) => {
              const lost = cause.reasons.flatMap((r) => (Cause.isDieReason(r) && SqlError.isSqlError(r.defect) ? [r.defect] : []))[0]
              return lost === undefined
                ? Effect.failCause(cause)
                : Effect.fail(new StoreError.StoreError({ operation: "transaction", retryable: true, detail: lost.message, reason: "ConnectionLost" }))
            })
          ) as Effect.Effect<A, E | StoreError.StoreError, R>
          // Nested units of work join the outer transaction; only the outermost one retries.
          return outer._tag === "Some" ? attempt : Effect.retry(attempt, { schedule: retry, times: 4, while: isTransient })
        })
    })
  })
)

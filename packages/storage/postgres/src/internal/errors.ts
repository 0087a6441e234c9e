// Translates driver failures into core's typed errors: unique violations become the domain's duplicate or
// conflict errors where a caller names the constraint, everything else a StoreError whose `retryable`
// follows the SQLSTATE class (connection loss, deadlock, serialization failure, lock timeout).
import { StoreError } from "@quartermaster/core"
import { Effect, Result, Schema } from "effect"
import type { SqlError } from "effect/sql"

const sqlStateOf = (error: SqlError.SqlError): string | undefined => {
  const cause = error.reason.cause as { readonly code?: unknown } | undefined
  return typeof cause?.code === "string" ? cause.code : undefined
}

// The driver files the server's shutdown notices (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot
// connect now) as unknown errors; they mean the connection is gone, like class 08.
const isConnectionLoss = (error: SqlError.SqlError): boolean => {
  const code = sqlStateOf(error)
  return error.reason._tag === "ConnectionError" || (code !== undefined && (code.startsWith("08") || code.startsWith("57P0")))
}

export const toStoreError = (operation: string, error: SqlError.SqlError): StoreError.StoreError =>
  new StoreError.StoreError({
    operation,
    retryable: error.isRetryable || isConnectionLoss(error),
    detail: error.message,
    // A connection that failed while being opened never ran a statement: safe to retry, unlike one lost
    // mid-transaction, where the outcome of a commit is unknown.
    reason: error.reason._tag === "ConnectionError" && error.reason.operation === "connect"
      ? "ConnectFailed"
      : isConnectionLoss(error)
      ? "ConnectionLost"
      : error.reason._tag
  })

/** Maps SQL failures of a store operation; unique violations on `constraints` become the given errors. */
export const sqlFailure = <E = never>(
  operation: string,
  constraints: Readonly<Record<string, () => E>> = {}
) =>
(error: SqlError.SqlError): Effect.Effect<never, E | StoreError.StoreError> => {
  const reason = error.reason
  if (reason._tag === "UniqueViolation") {
    const make = constraints[reason.constraint]
    if (make !== undefined) return Effect.fail(make())
  }
  return Effect.fail(toStoreError(operation, error))
}

/** Decodes a stored document, treating a mismatch as a non-retryable store failure. */
export const decodeDoc = <S extends Schema.Decoder<unknown>>(schema: S, operation: string) => {
  const decode = Schema.decodeUnknownResult(schema)
  return (doc: unknown): Effect.Effect<S["Type"], StoreError.StoreError> => {
    const result = decode(doc)
    return Result.isSuccess(result)
      ? Effect.succeed(result.success)
      : Effect.fail(new StoreError.StoreError({ operation, retryable: false, detail: `stored data does not decode: ${result.failure.message}` }))
  }
}

/** Encodes a document as JSON text for a jsonb column (cast the parameter with `::jsonb`). */
export const encodeDoc = <S extends Schema.Encoder<unknown>>(schema: S) => {
  const encode = Schema.encodeSync(schema) as (value: S["Type"]) => unknown
  return (value: S["Type"]): string => JSON.stringify(encode(value))
}

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

/** A stored row or document that is not what it should be: a non-retryable store failure. */
export const undecodable = (operation: string, detail: string): StoreError.StoreError =>
  new StoreError.StoreError({ operation, retryable: false, detail: `stored data does not decode: ${detail}` })

/**
 * Decodes a stored document, treating a mismatch as a non-retryable store failure.
 *
 * With `cache`, documents read as text (`doc::text`) are decoded once per distinct text: the last `cache`
 * texts are kept with what they decoded to. A posting reads its items and locations every time, and decoding
 * an item costs far more than hashing its text. The text is the whole document, so a hit can only be right:
 * a change of the row is a different text, whatever transaction wrote it or rolled it back.
 */
export const decodeDoc = <S extends Schema.Decoder<unknown>>(schema: S, operation: string, options: { readonly cache?: number } = {}) => {
  const decode = Schema.decodeUnknownResult(schema)
  const failure = (detail: string) => Effect.fail(undecodable(operation, detail))
  const limit = options.cache ?? 0
  const decoded = new Map<string, Effect.Effect<S["Type"]>>()
  return (doc: unknown): Effect.Effect<S["Type"], StoreError.StoreError> => {
    if (limit === 0 || typeof doc !== "string") {
      const result = decode(doc)
      return Result.isSuccess(result) ? Effect.succeed(result.success) : failure(result.failure.message)
    }
    const known = decoded.get(doc)
    if (known !== undefined) return known
    let parsed: unknown
    try {
      parsed = JSON.parse(doc)
    } catch (e) {
      return failure(e instanceof Error ? e.message : String(e))
    }
    const result = decode(parsed)
    if (Result.isFailure(result)) return failure(result.failure.message)
    const out = Effect.succeed(result.success)
    // The oldest text goes first when full.
    if (decoded.size >= limit) decoded.delete(decoded.keys().next().value!)
    decoded.set(doc, out)
    return out
  }
}

/** Encodes a document as JSON text for a jsonb column (cast the parameter with `::jsonb`). */
export const encodeDoc = <S extends Schema.Encoder<unknown>>(schema: S) => {
  const encode = Schema.encodeSync(schema) as (value: S["Type"]) => unknown
  return (value: S["Type"]): string => JSON.stringify(encode(value))
}

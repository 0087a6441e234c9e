// Classifies a PostgreSQL error by its SQLSTATE code (PostgreSQL manual, appendix A) into effect's SqlError
// reasons, so the stores see the same failures from PGlite as from the server driver.
import { SqlError } from "effect/sql"

interface PgErrorLike {
  readonly code?: unknown
  readonly constraint?: unknown
  readonly message?: unknown
}

export const classify = (cause: unknown, operation: string): SqlError.SqlError => {
  const e = (typeof cause === "object" && cause !== null ? cause : {}) as PgErrorLike
  const code = typeof e.code === "string" ? e.code : ""
  const message = typeof e.message === "string" ? e.message : String(cause)
  const props = { cause, message, operation }
  const reason = code === "23505"
    ? new SqlError.UniqueViolation({ ...props, constraint: typeof e.constraint === "string" ? e.constraint : "" })
    : code === "40P01"
    ? new SqlError.DeadlockError(props)
    : code === "40001"
    ? new SqlError.SerializationError(props)
    : code === "55P03"
    ? new SqlError.LockTimeoutError(props)
    : code === "57014"
    ? new SqlError.StatementTimeoutError(props)
    : code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03"
    ? new SqlError.ConnectionError(props)
    : code.startsWith("28")
    ? new SqlError.AuthenticationError(props)
    : code === "42501"
    ? new SqlError.AuthorizationError(props)
    : code.startsWith("42")
    ? new SqlError.SqlSyntaxError(props)
    : code.startsWith("23")
    ? new SqlError.ConstraintError(props)
    : new SqlError.UnknownError(props)
  return new SqlError.SqlError({ reason })
}

/**
 * Every failure the server returns is an RFC 9457 problem (`application/problem+json` with `type`, `title`,
 * `status` and `detail`). This module declares the problem types and maps the core's tagged errors onto them:
 * an unknown id is 404, malformed input 400, a rule the input breaks 422, a conflict with current state 409,
 * an approval beyond the actor's limit 403.
 * Anything else is a defect: it is logged on the server and the client gets a 500 with a generic detail, never
 * a stack trace or a driver message.
 *
 * @since 0.1.0
 */
import { type Cause, Effect, Schema } from "effect"
import { HttpServerResponse } from "effect/http"
import { HttpApiError } from "effect/http-api"

const base = "https://quartermaster.dev/problems/"

/** The request is malformed: bad JSON, wrong types, a missing field. @since 0.1.0 */
export class BadRequest extends HttpApiError.Problem<BadRequest>()("BadRequest", {
  type: `${base}bad-request`,
  status: 400,
  title: "Bad Request"
}, { detail: Schema.String }) {}

/** No API key, or one that is malformed, unknown or revoked. @since 0.1.0 */
export class Unauthorized extends HttpApiError.Problem<Unauthorized>()("Unauthorized", {
  type: `${base}unauthorized`,
  status: 401,
  title: "Unauthorized"
}, { detail: Schema.String }) {}

/** The key's role lacks the permission the route needs. @since 0.1.0 */
export class Forbidden extends HttpApiError.Problem<Forbidden>()("Forbidden", {
  type: `${base}forbidden`,
  status: 403,
  title: "Forbidden"
}, { detail: Schema.String }) {}

/** An id in the path or body names nothing in the key's tenant. @since 0.1.0 */
export class NotFound extends HttpApiError.Problem<NotFound>()("NotFound", {
  type: `${base}not-found`,
  status: 404,
  title: "Not Found"
}, { detail: Schema.String }) {}

/** The request conflicts with the current state (a duplicate, a reused id, a closed period). @since 0.1.0 */
export class Conflict extends HttpApiError.Problem<Conflict>()("Conflict", {
  type: `${base}conflict`,
  status: 409,
  title: "Conflict"
}, { detail: Schema.String }) {}

/** Well-formed input that breaks a rule: not enough stock, an invalid quantity, a discontinued item. @since 0.1.0 */
export class Unprocessable extends HttpApiError.Problem<Unprocessable>()("Unprocessable", {
  type: `${base}unprocessable`,
  status: 422,
  title: "Unprocessable Content"
}, { detail: Schema.String }) {}

/** The key has used up its request budget; retry after the `Retry-After` seconds. @since 0.1.0 */
export class TooManyRequests extends HttpApiError.Problem<TooManyRequests>()("TooManyRequests", {
  type: `${base}too-many-requests`,
  status: 429,
  title: "Too Many Requests"
}, { detail: Schema.String }) {}

/** The database is unavailable or timed out; the request may succeed if retried. @since 0.1.0 */
export class Unavailable extends HttpApiError.Problem<Unavailable>()("Unavailable", {
  type: `${base}unavailable`,
  status: 503,
  title: "Service Unavailable"
}, { detail: Schema.String }) {}

/**
 * The problems a domain route can answer with, for endpoint declarations.
 *
 * @since 0.1.0
 */
export const domain = [BadRequest, Forbidden, NotFound, Conflict, Unprocessable, Unavailable] as const

/**
 * A problem a core error maps to.
 *
 * @since 0.1.0
 */
export type DomainProblem = BadRequest | Forbidden | NotFound | Conflict | Unprocessable | Unavailable

const conflicts = new Set([
  "IdempotencyConflict",
  "SerialConflict",
  "ConcurrentModification",
  "ReservationNotOpen",
  "PeriodClosed",
  "SettingsLocked",
  "LocationNotEmpty",
  "LocationArchived",
  "AlreadyAssigned",
  "AlreadyCheckedOut",
  "NotCheckedOut",
  "NotAssigned",
  "AssetDisposed",
  "AuditFinished",
  "InvalidTransition",
  // A procurement command that does not fit the document's status (approving a draft, receiving on a closed order).
  "InvalidStatus",
  "SeatsExceeded",
  // Asset commands that do not fit the current state: a bulk check-out with a tag that cannot go, a work order
  // moved out of order, a command the asset's place in the stock ledger forbids.
  "BulkCheckOutRejected",
  "InvalidWorkOrderTransition",
  "InvalidAssetCommand",
  "MeterWentBackwards"
])

/**
 * The problem for a core tagged error. `StoreError` becomes a 503 without the driver's message.
 *
 * @since 0.1.0
 */
export const fromError = (error: { readonly _tag: string; readonly message: string }): DomainProblem => {
  const tag = error._tag
  const detail = error.message
  if (tag === "StoreError") return new Unavailable({ detail: "the database is unavailable; try again" })
  if (tag === "InvalidInput" || tag === "InvalidQuantity") return new BadRequest({ detail })
  // An approval limit of the session's policy, beyond the route's permission.
  if (tag === "ApprovalDenied") return new Forbidden({ detail })
  // A unit or depreciation table named in the input, not a resource the path names.
  if (tag === "UnknownUnit" || tag === "UnknownMacrsTable") return new Unprocessable({ detail })
  if (tag.startsWith("Unknown")) return new NotFound({ detail })
  if (tag.startsWith("Duplicate") || conflicts.has(tag)) return new Conflict({ detail })
  return new Unprocessable({ detail })
}

/**
 * Maps every typed failure of a handler to its problem. Defects pass through untouched: the server renders
 * them as a generic 500 and logs them.
 *
 * @since 0.1.0
 */
export const mapErrors = <A, E extends { readonly _tag: string; readonly message: string }, R>(
  effect: Effect.Effect<A, E, R>
): Effect.Effect<A, DomainProblem, R> => Effect.mapError(effect, fromError)

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  408: "Request Timeout",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable"
}

const slugs: Record<number, string> = {
  400: "bad-request",
  401: "unauthorized",
  403: "forbidden",
  404: "not-found",
  409: "conflict",
  413: "payload-too-large",
  422: "unprocessable",
  429: "too-many-requests",
  500: "internal",
  503: "unavailable"
}

/**
 * A problem response built directly, for failures outside the API's typed errors (unknown routes, oversized
 * bodies, rate limits, defects).
 *
 * @since 0.1.0
 */
export const response = (
  status: number,
  detail: string,
  headers: Record<string, string> = {}
): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.text(
    JSON.stringify({ type: slugs[status] === undefined ? "about:blank" : `${base}${slugs[status]}`, title: titles[status] ?? "Error", status, detail }),
    { status, contentType: "application/problem+json", headers }
  )

/**
 * A generic detail for a status, used when a response has no body of its own.
 *
 * @since 0.1.0
 */
export const genericDetail = (status: number): string => {
  switch (status) {
    case 404:
      return "no route matches this method and path"
    case 405:
      return "this method is not allowed here"
    case 413:
      return "the request body is too large"
    case 415:
      return "unsupported content type; send application/json"
    case 400:
      return "the request is malformed"
    default:
      return status >= 500 ? "an unexpected error occurred; it has been logged" : (titles[status] ?? "the request failed")
  }
}

/**
 * Logs a defect with its full cause on the server; the client sees only a generic 500.
 *
 * @since 0.1.0
 */
export const logDefect = (cause: Cause.Cause<unknown>): Effect.Effect<void> =>
  Effect.logError("unhandled failure while serving a request", cause)

/**
 * Authentication and authorization: the `Authorization` middleware resolves the request's API key
 * (`Authorization: Bearer <key>` or `x-api-key: <key>`), applies the key's rate limit, checks the route's
 * required {@link Permission} against the key's role, and provides `CurrentActor` (the key's tenant, the key
 * id as actor, the key's role) to the handler. Every core query is scoped to `CurrentActor.tenantId`, which is
 * what isolates tenants.
 *
 * Every endpoint must be annotated with its permission (`Auth.requires("read")`); an endpoint without one is
 * refused for every role, so a forgotten annotation fails closed.
 *
 * @since 0.1.0
 */
import { CurrentActor } from "@quartermaster/core"
import { Clock, Context, Effect, Layer, Option, Redacted, Schema } from "effect"
import { HttpServerRequest, HttpServerResponse } from "effect/http"
import { type HttpApiEndpoint, HttpApiMiddleware, HttpApiSecurity } from "effect/http-api"
import type { SqlClient } from "effect/sql"
import * as ApiKeys from "./ApiKeys.ts"
import * as Problem from "./Problem.ts"
import * as RateLimit from "./RateLimit.ts"

/**
 * What a route needs. `read` is every GET; the others guard writes.
 *
 * @since 0.1.0
 */
export type Permission =
  | "read"
  | "movements:post"
  | "reservations:write"
  | "scans:post"
  | "counts:write"
  | "assets:operate"
  | "approve"
  | "valuation:write"
  | "catalog:write"
  | "assets:manage"
  | "keys:manage"

/**
 * Every permission, in the order of the table.
 *
 * @since 0.1.0
 */
export const permissions: ReadonlyArray<Permission> = [
  "read",
  "movements:post",
  "reservations:write",
  "scans:post",
  "counts:write",
  "assets:operate",
  "approve",
  "valuation:write",
  "catalog:write",
  "assets:manage",
  "keys:manage"
]

const viewer: ReadonlyArray<Permission> = ["read"]
const operator: ReadonlyArray<Permission> = [...viewer, "movements:post", "reservations:write", "scans:post", "counts:write", "assets:operate"]
const manager: ReadonlyArray<Permission> = [...operator, "approve", "valuation:write", "catalog:write", "assets:manage"]
const admin: ReadonlyArray<Permission> = [...manager, "keys:manage"]

/**
 * The permission table: what each role may do. Each role has every permission of the roles below it.
 *
 * @since 0.1.0
 */
export const table: Readonly<Record<ApiKeys.Role, ReadonlySet<Permission>>> = {
  viewer: new Set(viewer),
  operator: new Set(operator),
  manager: new Set(manager),
  admin: new Set(admin)
}

/**
 * Whether a role holds a permission.
 *
 * @since 0.1.0
 */
export const allows = (role: ApiKeys.Role, permission: Permission): boolean => table[role].has(permission)

/**
 * The endpoint annotation that names the permission a route needs.
 *
 * @since 0.1.0
 */
export class RequiredPermission extends Context.Service<RequiredPermission, Permission>()(
  "@quartermaster/example-server/Auth/RequiredPermission"
) {}

/**
 * Annotates an endpoint with the permission it needs.
 *
 * @since 0.1.0
 */
export const requires = (permission: Permission) => <E extends HttpApiEndpoint.Constraint>(endpoint: E): E =>
  (endpoint as unknown as { annotate: (key: typeof RequiredPermission, value: Permission) => E }).annotate(RequiredPermission, permission)

/**
 * The permission an endpoint is annotated with, if any.
 *
 * @since 0.1.0
 */
export const permissionOf = (endpoint: HttpApiEndpoint.Top): Option.Option<Permission> =>
  Context.getOption(endpoint.annotations as Context.Context<RequiredPermission>, RequiredPermission)

/**
 * The verified API key of the current request.
 *
 * @since 0.1.0
 */
export class CurrentKey extends Context.Service<CurrentKey, ApiKeys.Principal>()("@quartermaster/example-server/Auth/CurrentKey") {}

/**
 * The authentication middleware. Apply it to every group: `.middleware(Auth.Authorization)`.
 *
 * @since 0.1.0
 */
export class Authorization extends HttpApiMiddleware.Service<Authorization, {
  provides: CurrentActor.CurrentActor | CurrentKey
}>()("@quartermaster/example-server/Auth/Authorization", {
  security: { bearer: HttpApiSecurity.bearer },
  error: [Problem.Unauthorized, Problem.Forbidden, Problem.TooManyRequests]
}) {}

// The client address has spent its failed authentications; the key is not even hashed.
class Throttled extends Schema.TaggedError<Throttled>()("Throttled", { retryAfterSeconds: Schema.Number }) {}

/**
 * Options of the middleware: the per-key rate limit and the limit on failed authentications per address.
 *
 * @since 0.1.0
 */
export interface Options {
  readonly ratePerSecond: number
  readonly rateBurst: number
  /** Failed authentications a client address may sustain per minute; each costs a scrypt hash. */
  readonly authFailuresPerMinute: number
  readonly authFailureBurst: number
  /** Reverse proxies in front of the server: the client address is that many entries from the right of `X-Forwarded-For`. */
  readonly trustProxyHops?: number | undefined
}

/**
 * The client address of a request: the socket's peer, or with `trustProxyHops` > 0 the `X-Forwarded-For` entry
 * that many places from the right (each trusted proxy appends the address it received the request from, so
 * entries further left are whatever the client sent).
 *
 * @since 0.1.0
 */
export const clientAddress = (request: HttpServerRequest.HttpServerRequest, trustProxyHops: number): string => {
  const peer = Option.getOrElse(request.remoteAddress, () => "unknown")
  const forwarded = request.headers["x-forwarded-for"]
  if (trustProxyHops <= 0 || forwarded === undefined) return peer
  const entries = forwarded.split(",").map((entry) => entry.trim()).filter((entry) => entry !== "")
  return entries.length === 0 ? peer : entries[Math.max(0, entries.length - trustProxyHops)]!
}

type Bearer = Authorization["Service"]["bearer"]

/**
 * The middleware on the API keys of the ambient database.
 *
 * @since 0.1.0
 */
export const layer = (options: Options): Layer.Layer<Authorization, never, SqlClient.SqlClient> =>
  Layer.effect(
    Authorization,
    Effect.gen(function*() {
      const context = yield* Effect.context<SqlClient.SqlClient>()
      const limiter = RateLimit.make({ perSecond: options.ratePerSecond, burst: options.rateBurst })
      // A wrong key costs a scrypt hash, so failures are limited per client address before the hash runs. Keys
      // verified recently come from the cache and never meet this limit.
      const failures = RateLimit.make({ perSecond: options.authFailuresPerMinute / 60, burst: options.authFailureBurst })
      const verifiedCache = yield* ApiKeys.VerifiedCache
      // Verification through the database and scrypt, behind the limit on failed authentications per address;
      // a refusal comes back as the 429 response to send.
      const verifySlowly = (request: HttpServerRequest.HttpServerRequest, key: string) => {
        const address = clientAddress(request, options.trustProxyHops ?? 0)
        const guard = Effect.flatMap(Clock.currentTimeMillis, (now) => {
          const decision = failures.check(address, now)
          return decision.allowed ? Effect.void : Effect.fail(new Throttled({ retryAfterSeconds: decision.retryAfterSeconds }))
        })
        return ApiKeys.verify(key, guard).pipe(
          Effect.provideContext(context),
          Effect.catchTag("InvalidKey", (error) =>
            Effect.flatMap(Clock.currentTimeMillis, (now) => {
              failures.take(address, now)
              return Effect.fail(new Problem.Unauthorized({ detail: error.message }))
            })),
          Effect.catchTag("SqlError", (error) => Effect.die(error)),
          Effect.catchTag("Throttled", (refused) => {
            const seconds = refused.retryAfterSeconds
            return Effect.succeed(
              Problem.response(429, `too many failed authentications from this address; retry in ${seconds} s`, { "retry-after": String(seconds) })
            )
          })
        )
      }
      // Defined once, not per request: a generator function created per request gets V8 prototype maps in old
      // space that keep the request's objects alive through every young-generation collection.
      const bearer = Effect.fnUntraced(function*(httpEffect: Parameters<Bearer>[0], { credential, endpoint }: Parameters<Bearer>[1]) {
        const request = yield* HttpServerRequest.HttpServerRequest
        let key = Redacted.value(credential)
        if (key === "") key = request.headers["x-api-key"] ?? ""
        if (key === "") {
          return yield* new Problem.Unauthorized({
            detail: "missing API key: send `Authorization: Bearer <key>` or `x-api-key: <key>`"
          })
        }
        const now = yield* Clock.currentTimeMillis
        // A key verified recently is checked without an effect; only the rest go through the database.
        const principal = ApiKeys.fromCache(verifiedCache, key, now) ?? (yield* verifySlowly(request, key))
        if (HttpServerResponse.isHttpServerResponse(principal)) return principal
        const decision = limiter.take(principal.id, now)
        if (!decision.allowed) {
          return Problem.response(429, `rate limit exceeded for this API key; retry in ${decision.retryAfterSeconds} s`, {
            "retry-after": String(decision.retryAfterSeconds)
          })
        }
        const permission = permissionOf(endpoint)
        if (Option.isNone(permission)) {
          return yield* new Problem.Forbidden({ detail: "this route has no permission assigned; it is refused for every role" })
        }
        if (!allows(principal.role, permission.value)) {
          return yield* new Problem.Forbidden({
            detail: `the ${principal.role} role lacks the ${JSON.stringify(permission.value)} permission this route needs`
          })
        }
        return yield* httpEffect.pipe(
          Effect.provideService(CurrentKey, principal),
          Effect.provideService(CurrentActor.CurrentActor, {
            tenantId: principal.tenantId as never,
            actorId: principal.id as never,
            roles: [principal.role]
          })
        )
      })
      return Authorization.of({ bearer })
    })
  )

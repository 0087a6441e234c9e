/**
 * The server: the API under `/api/v1`, its OpenAPI document at `/openapi.json`, a self-contained docs page at
 * `/docs`, the live event stream at `/api/v1/events` and the dashboard page at `/`, served by Node on the
 * configured port.
 *
 * A guard around every request enforces the body size limit (413) and turns every failure that is not
 * already a problem (unknown routes, unsupported media types, defects) into `application/problem+json`.
 * Defects are logged with their cause; the client sees only a generic 500.
 *
 * `run` is what `quartermaster serve` calls: it opens the database (running migrations), makes sure the
 * bootstrap admin key exists, serves until SIGINT/SIGTERM, then drains in-flight requests and closes the
 * database.
 *
 * @since 0.1.0
 */
import { NodeHttpServer, NodeRuntime } from "@effect/platform-node"
import { IdGenerator, IdentifierResolver, type Stores } from "@quartermaster/core"
import { ByteSize, type Cause, Context, Effect, Layer, type LogLevel, References, type Types } from "effect"
import { HttpIncomingMessage, HttpRouter, HttpServer, HttpServerError, HttpServerRequest, HttpServerResponse } from "effect/http"
import { HttpApiBuilder, HttpApiMiddleware, HttpApiScalar } from "effect/http-api"
import * as Dashboard from "./Dashboard.ts"
import type { SqlClient } from "effect/sql"
import { createServer } from "node:http"
import { Api } from "./Api.ts"
import * as ApiKeys from "./ApiKeys.ts"
import * as Auth from "./Auth.ts"
import type { ServerConfig } from "./Config.ts"
import * as Database from "./Database.ts"
import { AssetsLive } from "./http/AssetsLive.ts"
import { AuditLive } from "./http/AuditLive.ts"
import { CatalogLive } from "./http/CatalogLive.ts"
import { CountsLive } from "./http/CountsLive.ts"
import { CsvLive } from "./http/CsvLive.ts"
import { DashboardLive } from "./http/DashboardGroup.ts"
import { EventsLive } from "./http/EventsLive.ts"
import { KeysLive } from "./http/KeysLive.ts"
import { MovementsLive } from "./http/MovementsLive.ts"
import { PlanningLive } from "./http/PlanningLive.ts"
import { ProcurementLive } from "./http/ProcurementLive.ts"
import { ReservationsLive } from "./http/ReservationsLive.ts"
import { ScansLive } from "./http/ScansLive.ts"
import { ServicesLive } from "./http/ServicesLive.ts"
import { StockLive } from "./http/StockLive.ts"
import { TransfersLive } from "./http/TransfersLive.ts"
import { ValuationLive } from "./http/ValuationLive.ts"
import * as Problem from "./Problem.ts"
import type * as StockCache from "./StockCache.ts"

/**
 * The services the handlers run on: the stores and `SqlClient`, ids, identifier resolution for scans, the
 * authorization middleware and the stock-level cache.
 *
 * @since 0.1.0
 */
export type Services =
  | Stores.Stores
  | SqlClient.SqlClient
  | IdGenerator.IdGenerator
  | IdentifierResolver.IdentifierResolver
  | Auth.Authorization
  | StockCache.StockCache

/**
 * What can fail at start: the database, or a bootstrap key that is too weak.
 *
 * @since 0.1.0
 */
export type StartError = Database.DatabaseError | ApiKeys.WeakBootstrapKey

/**
 * The services, on the configured database, with migrations applied and the bootstrap key in place.
 *
 * @since 0.1.0
 */
export const services = (config: ServerConfig): Layer.Layer<Services, StartError> => {
  const database = Database.layerWithCache(config)
  const bootstrap = Layer.effectDiscard(ApiKeys.bootstrap(config))
  return Layer.mergeAll(
    IdGenerator.IdGenerator.layerUuid,
    IdentifierResolver.IdentifierResolver.layerStores,
    Auth.layer({
      ratePerSecond: config.ratePerSecond,
      rateBurst: config.rateBurst,
      authFailuresPerMinute: config.authFailuresPerMinute,
      authFailureBurst: config.authFailureBurst,
      trustProxyHops: config.trustProxyHops
    }),
    bootstrap
  ).pipe(Layer.provideMerge(database))
}

const handlers = Layer.mergeAll(
  CatalogLive,
  MovementsLive,
  StockLive,
  ReservationsLive,
  CountsLive,
  TransfersLive,
  ProcurementLive,
  ValuationLive,
  PlanningLive,
  AssetsLive,
  ServicesLive,
  AuditLive,
  ScansLive,
  CsvLive,
  KeysLive,
  EventsLive,
  DashboardLive
)

const dashboardPage = HttpRouter.add(
  "GET",
  "/",
  HttpServerResponse.text(Dashboard.page, { contentType: "text/html; charset=utf-8", headers: { "cache-control": "no-cache" } })
)

/**
 * Every route: the API with its OpenAPI document, and the docs page.
 *
 * @since 0.1.0
 */
export const routes = Layer.mergeAll(
  HttpApiBuilder.layer(Api, { openapiPath: "/openapi.json" }).pipe(
    Layer.provide(handlers),
    Layer.provide(HttpApiMiddleware.layerProblemDetails({ includeDetails: true }))
  ),
  HttpApiScalar.layer(Api, { path: "/docs" }),
  dashboardPage
)

// Defined once: a generator function created per request gets V8 prototype maps in old space that keep the
// request's objects alive through every young-generation collection.
const causeToResponse = Effect.fnUntraced(function*(cause: Cause.Cause<unknown>) {
  const [response] = yield* HttpServerError.causeResponse(cause)
  if (response.status >= 500) yield* Problem.logDefect(cause)
  return response
})

const isProblem = (response: HttpServerResponse.HttpServerResponse): boolean =>
  ((response.body as { readonly contentType?: string | undefined }).contentType ?? response.headers["content-type"] ?? "")
    .startsWith("application/problem+json")

/**
 * The request guard: the body size limit, and problem+json for every failure.
 *
 * @since 0.1.0
 */
export const guard = (maxBodyBytes: number) =>
<E, R>(
  app: Effect.Effect<HttpServerResponse.HttpServerResponse, E, R>
): Effect.Effect<HttpServerResponse.HttpServerResponse, never, R | HttpServerRequest.HttpServerRequest> =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const declared = Number(request.headers["content-length"] ?? "0")
    if (declared > maxBodyBytes) {
      return Problem.response(413, `the request body is larger than the limit of ${maxBodyBytes} bytes`, { connection: "close" })
    }
    const response = yield* app.pipe(
      Effect.provideService(HttpIncomingMessage.MaxBodySize, ByteSize.bytes(maxBodyBytes)),
      Effect.catchCause(causeToResponse)
    )
    if (response.status < 400 || isProblem(response)) return response
    return Problem.response(response.status, Problem.genericDetail(response.status), {
      ...(response.headers["retry-after"] === undefined ? {} : { "retry-after": response.headers["retry-after"] }),
      ...(response.headers["connection"] === undefined ? {} : { connection: response.headers["connection"] })
    })
  })

const logLevelOf = (name: string): LogLevel.LogLevel => {
  const levels: ReadonlyArray<LogLevel.LogLevel> = ["All", "Fatal", "Error", "Warn", "Info", "Debug", "Trace", "None"]
  return levels.find((level) => level.toLowerCase() === name.toLowerCase()) ?? "Info"
}

const logsRequests = (name: string): boolean => ["All", "Trace", "Debug", "Info"].includes(logLevelOf(name))

/**
 * The guard as global router middleware, so it sees every response before it is sent.
 *
 * @since 0.1.0
 */
export const layerGuard = (maxBodyBytes: number) =>
  HttpRouter.middleware(
    (app) => guard(maxBodyBytes)(app) as Effect.Effect<HttpServerResponse.HttpServerResponse, Types.unhandled, HttpServerRequest.HttpServerRequest>,
    { global: true }
  )

/**
 * The HTTP application on an `HttpServer`.
 *
 * @since 0.1.0
 */
export const http = (config: Pick<ServerConfig, "maxBodyBytes"> & Partial<Pick<ServerConfig, "logLevel">>) =>
  HttpRouter.serve(Layer.mergeAll(routes, layerGuard(config.maxBodyBytes)), {
    disableListenLog: true,
    // Requests are logged at Info; above that the logger middleware is left out of the hot path entirely.
    disableLogger: !logsRequests(config.logLevel ?? "Info")
  })

/**
 * The whole server on Node, listening on `config.host:config.port`.
 *
 * @since 0.1.0
 */
export const layer = (config: ServerConfig): Layer.Layer<never, StartError | HttpServerError.ServeError> =>
  http(config).pipe(
    Layer.provide(NodeHttpServer.layer(createServer, { port: config.port, host: config.host, gracefulShutdownTimeout: "10 seconds" })),
    Layer.provide(services(config))
  )


/**
 * Serves until interrupted; the scope's finalizers drain requests and close the database.
 *
 * @since 0.1.0
 */
export const run = (config: ServerConfig): Effect.Effect<never, StartError | HttpServerError.ServeError> =>
  Effect.gen(function*() {
    yield* Effect.logInfo(`Quartermaster listening on http://${config.host}:${config.port} (${Database.kind(config)})`)
    return yield* Effect.never
  }).pipe(
    Effect.provide(layer(config)),
    Effect.provideService(References.MinimumLogLevel, logLevelOf(config.logLevel))
  )

/**
 * Runs the server as the main program: SIGINT and SIGTERM interrupt it, which shuts it down gracefully.
 *
 * @since 0.1.0
 */
export const main = (config: ServerConfig): void => NodeRuntime.runMain(run(config))

/**
 * A running server's base URL, for tests and benchmarks.
 *
 * @since 0.1.0
 */
export class BaseUrl extends Context.Service<BaseUrl, string>()("@quartermaster/example-server/Server/BaseUrl") {}

/**
 * The server on an ephemeral port of 127.0.0.1, with its services (so tests can create keys with
 * `ApiKeys.create`) and its base URL.
 *
 * @since 0.1.0
 */
export const layerTest = (config: ServerConfig): Layer.Layer<Services | BaseUrl, StartError | HttpServerError.ServeError> => {
  const server = NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1", gracefulShutdownTimeout: "1 second" })
  const url = Layer.effect(
    BaseUrl,
    Effect.map(HttpServer.HttpServer, (s) => {
      const address = s.address
      return address._tag === "UnixPathAddress" ? "http://127.0.0.1" : `http://127.0.0.1:${address.port}`
    })
  )
  return Layer.mergeAll(http(config), url).pipe(Layer.provide(server), Layer.provideMerge(services(config)))
}

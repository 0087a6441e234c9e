/**
 * A small effect `SqlClient` driver for PGlite (PostgreSQL compiled to WebAssembly), written for
 * Quartermaster.
 *
 * Statements are compiled with @effect/sql-pg's PostgreSQL compiler and run through `PGlite.query`. PGlite
 * has one connection, so every statement and every transaction takes a single permit: locking is correct,
 * though never contended. The database lives in a directory (`dataDir`) or in memory; the instance is
 * closed when the layer's scope closes, which also lets Node exit.
 *
 * @since 0.1.0
 */
import { PGlite } from "@electric-sql/pglite"
import { PgClient } from "@effect/sql-pg"
import { Context, Effect, Layer, type Scope, Semaphore, Stream } from "effect"
import { Reactivity } from "effect/reactivity"
import { SqlClient, type SqlConnection, type SqlError } from "effect/sql"
import { classify } from "./internal/sqlstate.ts"

/**
 * Where the database lives: a directory for a durable database, or nothing for an in-memory one.
 *
 * @since 0.1.0
 */
export interface Settings {
  /** A file system directory; created if missing. Omit it (or pass `memory://`) for an in-memory database. */
  readonly dataDir?: string
}

/**
 * The PGlite instance behind the client, for tools that need it (dumps, raw access in tests).
 *
 * @since 0.1.0
 */
export class Pglite extends Context.Service<Pglite, PGlite>()("@quartermaster/storage-pglite/Pglite") {}

const connectionOf = (db: PGlite): SqlConnection.Connection => {
  const query = (sql: string, params: ReadonlyArray<unknown>, rowMode?: "array") =>
    Effect.tryPromise({
      try: () => db.query(sql, params as Array<unknown>, rowMode === undefined ? undefined : { rowMode }),
      catch: (cause) => classify(cause, "query")
    })
  const rows = <A extends object>(
    sql: string,
    params: ReadonlyArray<unknown>,
    transformRows: (<B extends object>(rows: ReadonlyArray<B>) => ReadonlyArray<B>) | undefined
  ) =>
    Effect.map(query(sql, params), (result) => {
      const out = result.rows as ReadonlyArray<A>
      return transformRows === undefined ? out : transformRows(out)
    })
  return {
    execute: (sql, params, transformRows) => rows(sql, params, transformRows),
    executeRaw: (sql, params) => query(sql, params),
    executeStream: (sql, params, transformRows) =>
      Stream.fromIterableEffect(rows(sql, params, transformRows)),
    executeValues: (sql, params) => Effect.map(query(sql, params, "array"), (result) => result.rows as ReadonlyArray<ReadonlyArray<unknown>>),
    executeValuesUnprepared: (sql, params) => Effect.map(query(sql, params, "array"), (result) => result.rows as ReadonlyArray<ReadonlyArray<unknown>>),
    executeUnprepared: (sql, params, transformRows) =>
      params.length > 0
        ? rows(sql, params, transformRows)
        : Effect.tryPromise({
          try: () => db.exec(sql),
          catch: (cause) => classify(cause, "exec")
        }).pipe(Effect.map((results) => {
          const last = (results[results.length - 1]?.rows ?? []) as unknown as ReadonlyArray<never>
          return transformRows === undefined ? last : transformRows(last)
        }))
  }
}

/**
 * Opens PGlite and builds a `SqlClient` on it. The database closes with the scope.
 *
 * @since 0.1.0
 */
export const make = (settings: Settings = {}): Effect.Effect<SqlClient.SqlClient & { readonly pglite: PGlite }, SqlError.SqlError, Scope.Scope | Reactivity.Reactivity> =>
  Effect.gen(function*() {
    const db = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () => PGlite.create(settings.dataDir === undefined || settings.dataDir === "memory://" ? undefined : settings.dataDir),
        catch: (cause) => classify(cause, "open")
      }),
      (db) => Effect.promise(() => db.close()).pipe(Effect.ignore)
    )
    const semaphore = yield* Semaphore.make(1)
    const connection = connectionOf(db)
    const acquirers = SqlClient.makeSqliteAcquirers({ connection: Effect.succeed(connection), semaphore })
    const client = yield* SqlClient.make({
      ...acquirers,
      compiler: PgClient.makeCompiler(),
      driver: "pglite",
      spanAttributes: [["db.system.name", "postgresql"], ["db.client", "pglite"]]
    })
    return Object.assign(client, { pglite: db })
  })

/**
 * The `SqlClient` on PGlite, and the `Pglite` instance itself.
 *
 * @since 0.1.0
 */
export const layer = (settings: Settings = {}): Layer.Layer<SqlClient.SqlClient | Pglite, SqlError.SqlError> =>
  Layer.effectContext(
    Effect.map(make(settings), (client) => Context.make(SqlClient.SqlClient, client).pipe(Context.add(Pglite, client.pglite)))
  ).pipe(Layer.provide(Reactivity.layer))

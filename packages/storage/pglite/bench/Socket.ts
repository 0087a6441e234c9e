// The other way to run PGlite: serve it over the PostgreSQL wire protocol with @electric-sql/pglite-socket, and
// use the PostgreSQL adapter (@effect/sql-pg) unchanged. Measured against our driver (`PgliteClient`) to justify
// the choice; not part of the package.
import { PGlite } from "@electric-sql/pglite"
import { PGLiteSocketServer } from "@electric-sql/pglite-socket"
import { PgStores } from "@quartermaster/storage-postgres"
import { Effect, Layer, Redacted } from "effect"
import type { Workload } from "@quartermaster/testkit-storage"

/** Every store on PGlite in `dataDir`, reached through a socket server on a free port, one connection. */
export const layer = (dataDir: string): Layer.Layer<Workload.Env, unknown> =>
  Layer.unwrap(Effect.gen(function*() {
    const db = yield* Effect.acquireRelease(
      Effect.promise(() => PGlite.create(dataDir)),
      (db) => Effect.promise(() => db.close())
    )
    const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 1 })
    yield* Effect.acquireRelease(Effect.promise(() => server.start()), () => Effect.promise(() => server.stop()))
    // One connection: PGlite has one session, and the server interleaves connections per message, not per
    // transaction.
    return PgStores.layer({ url: Redacted.make(`postgres://postgres@${server.getServerConn()}/postgres`), maxConnections: 1 })
  }))

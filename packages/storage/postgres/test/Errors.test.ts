import { assert, describe, it } from "@effect/vitest"
import { CatalogStore, type Ids, UnitOfWork } from "@quartermaster/core"
import { PgStores } from "@quartermaster/storage-postgres"
import { Effect, Exit } from "effect"
import { SqlClient } from "effect/sql"
import { url } from "./database.ts"

describe.runIf(url !== undefined)("PostgreSQL failures map to typed errors", () => {
  it.live("a lost connection is a retryable StoreError, and the pool recovers", () =>
    Effect.gen(function*() {
      const admin = PgStores.layer({ url: url!, maxConnections: 1, applicationName: "qm-admin", migrate: false })
      const app = PgStores.layer({ url: url!, maxConnections: 1, applicationName: "qm-victim", migrate: false })
      yield* Effect.gen(function*() {
        const catalog = yield* CatalogStore.CatalogStore
        const uow = yield* UnitOfWork.UnitOfWork
        const tenant = "errors-test" as Ids.TenantId
        const kill = Effect.gen(function*() {
          const sql = yield* SqlClient.SqlClient
          yield* sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'qm-victim'`
        }).pipe(Effect.provide(admin))
        // Inside a transaction the connection cannot be swapped: losing it before COMMIT aborts the attempt,
        // nothing was committed, and the unit of work retries on a fresh connection.
        let attempts = 0
        const result = yield* uow.transaction(Effect.gen(function*() {
          attempts++
          yield* catalog.listLocations(tenant)
          if (attempts === 1) yield* kill
          return yield* catalog.listLocations(tenant)
        }))
        assert.isArray(result)
        assert.strictEqual(attempts, 2, "one lost attempt, then a transparent retry")
        // A unit of work that loses its connection every time ends, after the bound, in a retryable error.
        const lost = yield* Effect.exit(uow.transaction(Effect.gen(function*() {
          yield* catalog.listLocations(tenant)
          yield* kill
          return yield* catalog.listLocations(tenant)
        })))
        assert.isTrue(Exit.isFailure(lost), "the transaction must fail once its connection is gone")
        if (Exit.isFailure(lost)) {
          const reason = lost.cause.reasons[0]
          assert.strictEqual(reason?._tag, "Fail", String(lost.cause))
          const error = (reason as { error: { _tag: string; retryable: boolean; reason?: string } }).error
          assert.strictEqual(error._tag, "StoreError")
          assert.isTrue(error.retryable, `connection loss is retryable: ${JSON.stringify(error)}`)
          assert.strictEqual(error.reason, "ConnectionLost")
        }
        // The pool replaces the connection: the next call works again.
        const again = yield* Effect.retry(catalog.listLocations(tenant), { times: 3 })
        assert.isArray(again)
      }).pipe(Effect.provide(app))
    }), 60_000)

  it.live("an unknown table is a non-retryable StoreError naming the operation", () =>
    Effect.gen(function*() {
      const { toStoreError } = yield* Effect.promise(() => import("../src/internal/errors.ts"))
      const sql = yield* SqlClient.SqlClient
      const failure = yield* Effect.flip(sql`SELECT * FROM qm_no_such_table`)
      const error = toStoreError("probe", failure)
      assert.strictEqual(error.retryable, false)
      assert.strictEqual(error.reason, "SqlSyntaxError")
      assert.include(error.message, "probe")
    }).pipe(Effect.provide(PgStores.layer({ url: url!, maxConnections: 1, migrate: false }))), 60_000)
})

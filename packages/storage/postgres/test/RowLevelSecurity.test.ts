import { assert, describe, it } from "@effect/vitest"
import { CatalogStore, EventLog, LedgerStore, type Ids, StockLedger } from "@quartermaster/core"
import { Fixtures } from "@quartermaster/core/testing"
import { PgStores, TenantSession } from "@quartermaster/storage-postgres"
import { Effect, Exit } from "effect"
import { url } from "./database.ts"
import { appUrl, setup } from "./rowLevelSecurity.ts"

describe.runIf(url !== undefined)("PostgreSQL row-level security", () => {
  it.live("a session pinned to tenant A cannot read or write tenant B through the adapter", () =>
    Effect.gen(function*() {
      yield* setup
      const app = PgStores.layer({ url: appUrl(), maxConnections: 4, rowLevelSecurity: true, migrate: false })
      yield* Effect.gen(function*() {
        // Two tenants, each written while pinned to itself.
        const tenantB = yield* Fixtures.asFreshTenant("rls-b", (_clock, tenantId) =>
          Effect.gen(function*() {
            yield* Fixtures.world
            yield* StockLedger.post([{ id: "b-in", itemId: "plain", from: "sup", to: "bin-a", quantity: 7 }])
            return tenantId as Ids.TenantId
          }).pipe(TenantSession.pinned(tenantId)))
        const tenantA = yield* Fixtures.asFreshTenant("rls-a", (_clock, tenantId) =>
          Effect.as(Fixtures.world.pipe(TenantSession.pinned(tenantId)), tenantId as Ids.TenantId))

        const catalog = yield* CatalogStore.CatalogStore
        const ledger = yield* LedgerStore.LedgerStore
        const events = yield* EventLog.EventLog

        // Tenant B sees its own rows.
        const own = yield* ledger.balances(tenantB, { itemId: "plain" as Ids.ItemId }).pipe(TenantSession.pinned(tenantB))
        assert.isAbove(own.length, 0)

        // Pinned to A, asking for B's rows by B's id returns nothing: the database filters them out.
        const asA = <X, E, R>(effect: Effect.Effect<X, E, R>) => TenantSession.pinned(tenantA)(effect)
        assert.strictEqual((yield* asA(catalog.getItems(tenantB, ["plain" as Ids.ItemId]))).size, 0)
        assert.strictEqual((yield* asA(catalog.listLocations(tenantB))).length, 0)
        assert.strictEqual((yield* asA(ledger.balances(tenantB, {}))).length, 0)
        assert.strictEqual((yield* asA(ledger.movements(tenantB, {}, { limit: 10 }))).length, 0)
        assert.strictEqual((yield* asA(events.list(tenantB, { limit: 10 }))).length, 0)

        // Nor can it write rows for B.
        const item = (yield* catalog.getItems(tenantB, ["plain" as Ids.ItemId]).pipe(TenantSession.pinned(tenantB))).get("plain" as Ids.ItemId)!
        const write = yield* Effect.exit(asA(catalog.insertItem({ ...item, id: "forged" as Ids.ItemId, sku: "FORGED" })))
        assert.isTrue(Exit.isFailure(write), "a write for another tenant is refused")
        assert.strictEqual((yield* catalog.getItems(tenantB, ["forged" as Ids.ItemId]).pipe(TenantSession.pinned(tenantB))).size, 0)
      }).pipe(Effect.provide(app))
    }), 60_000)
})


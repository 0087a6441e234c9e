import { assert, describe, layer } from "@effect/vitest"
import { Catalog, CatalogStore, CurrentActor, IdGenerator, type Ids, LedgerStore, UnitOfWork } from "@quartermaster/core"
import { PgliteStores } from "@quartermaster/storage-pglite"
import { Effect, Layer } from "effect"
import { SqlClient } from "effect/sql"

// Locking items keeps their documents for the catalog read that follows in the same transaction. These cases pin
// down when such a kept document must not be used: after the transaction's own write, and in a later transaction.
const TENANT = "locked-rows" as Ids.TenantId
const actor = Layer.mergeAll(CurrentActor.CurrentActor.layer(TENANT, "tester"), IdGenerator.IdGenerator.layerUuid)

const nameOf = (id: Ids.ItemId) =>
  Effect.map(Effect.flatMap(Effect.service(CatalogStore.CatalogStore), (c) => c.getItems(TENANT, [id])), (items) => items.get(id)?.name)

const lock = (id: Ids.ItemId) => Effect.flatMap(Effect.service(LedgerStore.LedgerStore), (l) => l.lockItems(TENANT, [id]))

describe("documents kept by a lock", () => {
  layer(PgliteStores.layer(), { timeout: 120_000, excludeTestServices: true })("PGlite", (it) => {
    it.effect("a read after the transaction's own write sees the write", () =>
      Effect.gen(function*() {
        const item = yield* Catalog.createItem({ id: "own-write", sku: "OWN", name: "Before", baseUnit: { code: "each" } })
        const seen = yield* UnitOfWork.transaction(Effect.gen(function*() {
          yield* lock(item.id)
          yield* Catalog.updateItem(item.id, { name: "After" })
          return yield* nameOf(item.id)
        }))
        assert.strictEqual(seen, "After")
      }).pipe(Effect.provide(actor)))

    it.effect("a later transaction reads the row again, not the documents an earlier lock kept", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        const item = yield* Catalog.createItem({ id: "later", sku: "LATER", name: "Before", baseUnit: { code: "each" } })
        assert.strictEqual(yield* UnitOfWork.transaction(Effect.andThen(lock(item.id), nameOf(item.id))), "Before")
        // Written behind the stores' back, so nothing tells them to forget.
        yield* sql`UPDATE qm_items SET doc = jsonb_set(doc, '{name}', '"After"') WHERE tenant_id = ${TENANT} AND id = ${item.id}`
        assert.strictEqual(yield* UnitOfWork.transaction(nameOf(item.id)), "After")
        assert.strictEqual(yield* UnitOfWork.transaction(Effect.andThen(lock(item.id), nameOf(item.id))), "After")
      }).pipe(Effect.provide(actor)))
  })
})

import { describe, layer } from "@effect/vitest"
import { Contract } from "@quartermaster/core/testing"
import { PgStores } from "@quartermaster/storage-postgres"
import { url } from "./database.ts"

// The full core contract suite against the real PostgreSQL server. Every case runs as a fresh tenant, so all
// cases share one database, and repeated runs never collide.
describe.runIf(url !== undefined)("PostgreSQL adapter", () => {
  layer(PgStores.layer({ url: url!, maxConnections: 8 }), { timeout: 60_000, excludeTestServices: true })("contract suite", (it) => {
    for (const c of Contract.cases()) it.effect(`${c.suite}: ${c.name}`, () => c.run)
  })
})

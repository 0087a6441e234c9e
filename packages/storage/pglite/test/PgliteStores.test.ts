import { describe, layer } from "@effect/vitest"
import { Contract } from "@quartermaster/core/testing"
import { PgliteStores } from "@quartermaster/storage-pglite"

// The full core contract suite on one in-memory PGlite instance (about 4 s to start), shared by every case:
// each case is a fresh tenant.
describe("PGlite adapter", () => {
  layer(PgliteStores.layer(), { timeout: 120_000, excludeTestServices: true })("contract suite", (it) => {
    for (const c of Contract.cases()) it.effect(`${c.suite}: ${c.name}`, () => c.run)
  })
})

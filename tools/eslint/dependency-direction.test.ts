import { ESLint } from "eslint"
import * as path from "node:path"
import { describe, expect, it } from "vitest"

const root = path.resolve(import.meta.dirname, "..", "..")
const eslint = new ESLint({ cwd: root })

const lint = async (file: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  return (result?.messages ?? []).filter((m) => m.ruleId === "quartermaster/dependency-direction").map((m) => m.message)
}

describe("dependency-direction lint rule", () => {
  it("refuses core importing a storage adapter, a connector or an example", async () => {
    expect(await lint("packages/core/src/X.ts", `import "@quartermaster/storage-postgres"\n`)).toHaveLength(1)
    expect(await lint("packages/core/src/X.ts", `export * from "@quartermaster/connector-sap"\n`)).toHaveLength(1)
    expect(await lint("packages/core/test/X.test.ts", `import "@quartermaster/example-server"\n`)).toHaveLength(1)
    expect(await lint("packages/core/src/X.ts", `await import("../../storage/postgres/src/index.ts")\n`)).toHaveLength(1)
  })

  it("keeps core's runtime dependencies to effect and ts-pattern", async () => {
    expect(await lint("packages/core/src/X.ts", `import { Effect } from "effect"\nimport { match } from "ts-pattern"\n`)).toEqual([])
    expect(await lint("packages/core/src/X.ts", `import * as fs from "node:fs"\n`)).toHaveLength(1)
    expect(await lint("packages/core/src/X.ts", `import _ from "lodash"\n`)).toHaveLength(1)
    expect(await lint("packages/core/test/X.test.ts", `import { it } from "@effect/vitest"\nimport * as fc from "fast-check"\n`)).toEqual([])
  })

  it("refuses another package's src/ or internal/ paths", async () => {
    expect(await lint("packages/storage/pglite/src/X.ts", `import "@quartermaster/core/internal/ledger"\n`)).toHaveLength(1)
    expect(await lint("examples/server/src/X.ts", `import "@quartermaster/core/src/index.ts"\n`)).toHaveLength(1)
    expect(await lint("packages/storage/pglite/src/X.ts", `import "../../postgres/src/PgLedgerStore.ts"\n`)).toHaveLength(1)
  })

  it("allows imports down the layers through public entry points", async () => {
    expect(await lint("packages/storage/postgres/src/X.ts", `import { Quantity } from "@quartermaster/core"\n`)).toEqual([])
    expect(await lint("packages/storage/postgres/test/X.test.ts", `import "@quartermaster/core/testing"\n`)).toEqual([])
    expect(await lint("examples/server/src/X.ts", `import "@quartermaster/storage-pglite"\nimport "@quartermaster/core"\n`)).toEqual([])
    expect(await lint("packages/core/src/X.ts", `import * as Q from "./Quantity.ts"\n`)).toEqual([])
  })

  it("refuses an adapter importing an example", async () => {
    expect(await lint("packages/connectors/sap/src/X.ts", `import "@quartermaster/example-server"\n`)).toHaveLength(1)
  })
})

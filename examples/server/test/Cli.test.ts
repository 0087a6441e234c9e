import { execFile } from "node:child_process"
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"

// The CLI as users run it: bin/quartermaster.mjs in a child process, on a fresh PGlite data directory.
const bin = fileURLToPath(new URL("../bin/quartermaster.mjs", import.meta.url))
let dir = ""

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

const cli = (...args: ReadonlyArray<string>): Promise<Run> =>
  new Promise((resolve) => {
    const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: join(dir, "data"), LOG_LEVEL: "Warn" }
    delete env.DATABASE_URL
    execFile(process.execPath, [bin, ...args], { cwd: dir, env, timeout: 280_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1
      resolve({ code, stdout, stderr })
    })
  })

const file = async (name: string, lines: ReadonlyArray<string>): Promise<string> => {
  const path = join(dir, name)
  await writeFile(path, lines.join("\n"))
  return path
}

describe("quartermaster CLI", { timeout: 600_000 }, () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "qm-cli-"))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it("rejects bad arguments with a clear message, a non-zero exit and no stack trace", async () => {
    const run = await cli("report", "nonsense")
    assert.notStrictEqual(run.code, 0)
    assert.include(run.stderr, "Invalid value for argument <report>: \"nonsense\"")
    assert.notMatch(run.stderr, /\n\s+at /)
  })

  it("create-key prints a new key once", async () => {
    const run = await cli("create-key", "--tenant", "acme", "--role", "operator", "--name", "scanner")
    assert.strictEqual(run.code, 0, run.stderr)
    assert.match(run.stdout.trim(), /^qm_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/)
    assert.include(run.stderr, "created operator key")
  })

  it("import lists every bad row, exits non-zero and writes nothing; then good files import and report --json parses", async () => {
    const bad = await file("bad-items.csv", [
      "sku,name,unit,decimals",
      "A,Alpha,each,0",
      "B,,each,0",
      "C,Gamma,each,x",
      "D,Delta,,0",
      "E,Epsilon,kg,3"
    ])
    const rejected = await cli("import", "items", bad, "--tenant", "acme")
    assert.strictEqual(rejected.code, 1)
    assert.include(rejected.stderr, "3 of 5 items rows are invalid; nothing was imported")
    assert.match(rejected.stderr, /line 3 \(row 2\), column name: /)
    assert.match(rejected.stderr, /line 4 \(row 3\), column decimals: "x" is not a whole number/)
    assert.match(rejected.stderr, /line 5 \(row 4\), column unit: /)
    assert.notMatch(rejected.stderr, /\n\s+at /)

    const items = await file("items.csv", ["sku,name,unit,decimals", "A,Alpha,each,0", "E,Epsilon,kg,3"])
    const locations = await file("locations.csv", ["code,kind,name,parent_code", "W1,warehouse,Main,", "W1-B1,bin,Bin 1,W1"])
    const stock = await file("stock.csv", ["sku,location_code,quantity,unit_cost", "A,W1-B1,4,2.5", "E,W1,1.25,8"])
    assert.strictEqual((await cli("import", "items", items, "--tenant", "acme")).code, 0)
    assert.strictEqual((await cli("import", "locations", locations, "--tenant", "acme")).code, 0)
    const stocked = await cli("import", "stock", stock, "--tenant", "acme")
    assert.strictEqual(stocked.code, 0, stocked.stderr)
    assert.include(stocked.stdout, "imported 2 of 2 stock rows")
    assert.include(stocked.stderr, "2/2 rows")

    const report = await cli("report", "valuation", "--json", "--tenant", "acme")
    assert.strictEqual(report.code, 0, report.stderr)
    const parsed = JSON.parse(report.stdout) as { report: string; meta: { total: string }; rows: Array<{ sku: string; quantity: string; value: string }> }
    assert.strictEqual(parsed.report, "valuation")
    assert.deepStrictEqual(parsed.rows.map((r) => [r.sku, r.quantity, r.value]), [["A", "4", "10.00"], ["E", "1.25", "10.00"]])
    assert.strictEqual(parsed.meta.total, "20.00")

    const exported = await cli("export", "stock", "--tenant", "acme")
    assert.strictEqual(exported.code, 0, exported.stderr)
    assert.include(exported.stdout, "A,W1-B1,4,2.5,each,,,\r\n")
  })
})

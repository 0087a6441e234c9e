// Benchmarks of @quartermaster/storage-pglite, each on a PGlite file data directory in a temporary folder that is
// deleted afterwards. Run with `pnpm bench`; they print numbers and ratios against raw baselines measured in the
// same run, and never assert timings.
//
// PGlite has one connection, so "concurrent" single postings are sequential here. Both ways of running PGlite
// are measured on the same posting workload: our driver (`PgliteClient`, a `SqlClient` over `PGlite.query`)
// and PGlite served over the wire protocol by @electric-sql/pglite-socket, with @effect/sql-pg unchanged.
//
// The balance read loads 100k, 1M and 3M movements by default: on a 2-core machine 10M takes about seven minutes
// to load into PGlite (measured once: the read stays flat at 10M too). BENCH_LOAD_BUDGET_SECONDS (default 120)
// lets it go on to 10M while the projected load time fits; BENCH_MAX_LEDGER_ROWS caps the sizes.
// For quicker runs: BENCH_BATCHES (default 100 batches of 1,000 lines), BENCH_SINGLES (default 1,000 single
// postings), and BENCH_ONLY=posting to measure only the driver's postings (no socket, no balance read).
import { BalanceRead, Posting, Report, type Workload } from "@quartermaster/testkit-storage"
import { PgliteStores } from "@quartermaster/storage-pglite"
import { Effect, type Layer } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as Socket from "./Socket.ts"

const { print, times } = Report
type Env = Workload.Env

const maxRows = Number(process.env["BENCH_MAX_LEDGER_ROWS"] ?? 10_000_000)
const budgetSeconds = Number(process.env["BENCH_LOAD_BUDGET_SECONDS"] ?? 120)
const batchCount = Number(process.env["BENCH_BATCHES"] ?? 100)
const singleCount = Number(process.env["BENCH_SINGLES"] ?? 1_000)
const postingOnly = process.env["BENCH_ONLY"] === "posting"

const tempDir = Effect.acquireRelease(
  Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "qm-pglite-bench-"))),
  (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
)

/** Runs `bench` on a fresh data directory through `layer`. */
const on = <A>(layer: (dataDir: string) => Layer.Layer<Env, unknown>, bench: Effect.Effect<A, unknown, Env>) =>
  Effect.scoped(Effect.flatMap(tempDir, (dir) => Effect.provide(bench, layer(dir))))

const driver = (dataDir: string) => PgliteStores.layer({ dataDir })

const program = Effect.gen(function*() {
  print("PGlite (PostgreSQL in WebAssembly), on a file data directory")
  const posting = (label: string) =>
    Effect.gen(function*() {
      const batch = yield* Posting.batches(`${label}: batch posting`, { batches: batchCount, size: 1_000 })
      const single = yield* Posting.singles(`${label}: single postings`, { clients: 1, perClient: singleCount })
      return { batch, single }
    })
  const ours = yield* on(driver, posting("driver (PgliteClient over PGlite.query)"))
  if (postingOnly) return
  const socket = yield* on(Socket.layer, posting("socket (pglite-socket + @effect/sql-pg)"))
  const versus = (what: string, a: Posting.Result, b: Posting.Result) =>
    print(`  ${what.padEnd(16)}StockLedger.post ${times(b.ledger / a.ledger)} as fast through the driver, raw ${times(b.raw / a.raw)}; ledger ÷ raw: driver ${times(a.ratio)}, socket ${times(b.ratio)}`)
  print("driver against socket, same workload:")
  versus("batch posting", ours.batch, socket.batch)
  versus("single posting", ours.single, socket.single)
  yield* on(driver, BalanceRead.run("balance read (driver)", {
    sizes: [100_000, 1_000_000, 3_000_000, 10_000_000].filter((n) => n <= maxRows),
    reads: 1_000,
    budgetSeconds
  }))
})

await Effect.runPromise(Effect.orDie(program))

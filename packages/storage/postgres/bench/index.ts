// Benchmarks of @quartermaster/storage-postgres on the server of DATABASE_URL. Run with `pnpm bench`; they print
// numbers and ratios against raw baselines measured in the same run, and never assert timings. Everything they
// write is deleted at the end (tenants `bench-*`, tables `qm_bench_raw_*`).
//
// BENCH_MAX_LEDGER_ROWS caps the balance-read benchmark's largest ledger (default 10,000,000, about four minutes to
// load on a 2-core machine); BENCH_LOAD_BUDGET_SECONDS (default 900) stops it earlier if loading is slower.
// For quicker runs: BENCH_BATCHES (default 100 batches of 1,000 lines), BENCH_PER_CLIENT (default 250 single postings
// per client), and BENCH_ONLY=posting to skip the balance read.
import { BalanceRead, Posting, Report, Workload } from "@quartermaster/testkit-storage"
import { PgStores } from "@quartermaster/storage-postgres"
import { Effect, Redacted } from "effect"
import { SqlClient } from "effect/sql"

const { print, timed } = Report
const { dropTenants } = Workload

const databaseUrl = process.env["DATABASE_URL"]
const maxRows = Number(process.env["BENCH_MAX_LEDGER_ROWS"] ?? 10_000_000)
const budgetSeconds = Number(process.env["BENCH_LOAD_BUDGET_SECONDS"] ?? 900)
const CLIENTS = 16
const batchCount = Number(process.env["BENCH_BATCHES"] ?? 100)
const perClient = Number(process.env["BENCH_PER_CLIENT"] ?? 250)
const postingOnly = process.env["BENCH_ONLY"] === "posting"

// Deleting the benchmark tenants leaves their space to the tables, and bloats the indexes; VACUUM hands the heaps'
// tails back and REINDEX CONCURRENTLY rebuilds the indexes at their size without the bulk, without blocking
// other sessions' writes. So repeated runs do not make the shared database grow.
const TOUCHED = ["qm_movements", "qm_balances", "qm_events", "qm_event_entities", "qm_event_counters", "qm_items", "qm_item_gtins", "qm_locations"]

const cleanUp = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const [millis] = yield* timed(Effect.gen(function*() {
    yield* dropTenants("bench-%")
    yield* sql.unsafe(`VACUUM ${TOUCHED.join(", ")}`)
    for (const table of TOUCHED) yield* sql.unsafe(`REINDEX TABLE CONCURRENTLY ${table}`)
  }))
  print(`cleanup: benchmark tenants deleted, their tables vacuumed and reindexed in ${(millis / 1000).toFixed(1)} s`)
})

const program = Effect.gen(function*() {
  print(`PostgreSQL ${(yield* (yield* SqlClient.SqlClient)<{ v: string }>`SELECT current_setting('server_version') AS v`)[0]!.v}, through @effect/sql-pg`)
  yield* dropTenants("bench-%")
  yield* Posting.batches("batch posting", { batches: batchCount, size: 1_000 })
  yield* Posting.singles("single postings", { clients: CLIENTS, perClient })
  yield* Posting.singles("single postings", { clients: 1, perClient: perClient * 4 })
  if (postingOnly) return
  yield* BalanceRead.run("balance read", {
    sizes: [100_000, 1_000_000, 10_000_000].filter((n) => n <= maxRows),
    reads: 1_000,
    budgetSeconds
  })
}).pipe(Effect.ensuring(Effect.orDie(cleanUp)))

if (databaseUrl === undefined) {
  print("storage-postgres benchmarks skipped: DATABASE_URL is not set")
} else {
  await Effect.runPromise(program.pipe(Effect.provide(PgStores.layer({ url: Redacted.make(databaseUrl), maxConnections: CLIENTS })), Effect.orDie))
}

// Posting throughput: movements through `StockLedger.post` (ledger rows, balances, events, in one transaction per
// batch) against a raw baseline that writes the same rows to a bare table, measured in the same run.
//
// Shared by both storage packages' benchmarks (PostgreSQL and PGlite), so both measure the same work.
import { CurrentActor, IdGenerator, StockLedger } from "@quartermaster/core"
import { DateTime, Effect, Layer } from "effect"
import { benchTenant, goal, print, row, timed } from "./Report.ts"
import { balanceTable, bareTable, batchOf, type Env, indexedTable, leastPosting, rawInsertBatch, rawInsertOne, setup, singleOf } from "./Workload.ts"

/** What a posting benchmark measured: `n` movements, posted in `ledger` ms, written raw in `raw` ms. */
export interface Result {
  readonly n: number
  readonly raw: number
  readonly ledger: number
  readonly ratio: number
}

const asTenant = (tenantId: string) =>
  Layer.mergeAll(CurrentActor.CurrentActor.layer(tenantId, "bench"), IdGenerator.IdGenerator.layerUuid)

/**
 * `batches` batches of `size` lines. Each batch is written raw, then to the reference table, then posted, so
 * drift of the machine over the run weighs on all three alike.
 */
export const batches = (label: string, options: { readonly batches: number; readonly size: number }): Effect.Effect<Result, unknown, Env> =>
  Effect.gen(function*() {
    const tenantId = (yield* CurrentActor.CurrentActor).tenantId
    const table = yield* bareTable(`qm_bench_raw_${tenantId.replaceAll("-", "_")}`)
    const indexed = yield* indexedTable(`qm_bench_raw_indexed_${tenantId.replaceAll("-", "_")}`)
    yield* setup
    const at = DateTime.formatIso(yield* DateTime.now)
    let raw = 0
    let reference = 0
    let ledger = 0
    for (let k = 0; k < options.batches; k++) {
      const lines = batchOf(k, options.size)
      raw += (yield* timed(rawInsertBatch(table, tenantId, lines, k * options.size + 1, at)))[0]
      reference += (yield* timed(rawInsertBatch(indexed, tenantId, lines, k * options.size + 1, at)))[0]
      ledger += (yield* timed(StockLedger.post(lines)))[0]
    }
    const n = options.batches * options.size
    print(`${label}: ${n.toLocaleString("en-US")} movements in ${options.batches} batches of ${options.size.toLocaleString("en-US")} lines`)
    print(row("raw: INSERT … SELECT FROM unnest(…) into a bare table", n, "movements", raw))
    print(row("reference: the same into a table with qm_movements' indexes", n, "movements", reference, raw))
    print(row("StockLedger.post (ledger + balances + events)", n, "movements", ledger, raw))
    print(goal("batch posting", raw / ledger, 0.5))
    return { n, raw, ledger, ratio: raw / ledger }
  }).pipe(Effect.scoped, Effect.provide(asTenant(benchTenant("post"))))

/**
 * `clients` clients, each posting `perClient` single-line batches one after another, all clients at once.
 * The baseline is the same number of single-row INSERTs from as many clients, run before and after the ledger;
 * their mean is the baseline. The references are the least posting written by hand ({@link leastPosting}), a
 * statement per step and in one statement, from as many clients: ceilings for a ledger written either way.
 */
export const singles = (label: string, options: { readonly clients: number; readonly perClient: number }): Effect.Effect<Result, unknown, Env> =>
  Effect.gen(function*() {
    const tenantId = (yield* CurrentActor.CurrentActor).tenantId
    const table = yield* bareTable(`qm_bench_raw_${tenantId.replaceAll("-", "_")}`)
    const least = {
      movements: yield* indexedTable(`qm_bench_least_movements_${tenantId.replaceAll("-", "_")}`),
      balances: yield* balanceTable(`qm_bench_least_balances_${tenantId.replaceAll("-", "_")}`)
    }
    yield* setup
    const at = DateTime.formatIso(yield* DateTime.now)
    const clients = Array.from({ length: options.clients }, (_, c) => c)
    const each = (perClient: number, work: (c: number, i: number) => Effect.Effect<unknown, unknown, Env | CurrentActor.CurrentActor | IdGenerator.IdGenerator>) =>
      timed(Effect.forEach(clients, (c) =>
        Effect.gen(function*() {
          for (let i = 0; i < perClient; i++) yield* work(c, i)
        }), { concurrency: options.clients, discard: true }))
    let seq = 0
    // Warm-up, not measured: opens every connection of the pool and prepares both sides' statements on it.
    yield* each(3, (c, i) => rawInsertOne(table, tenantId, { ...singleOf(c, 0, options.clients), id: `warm-${c}-${i}` }, ++seq, at))
    yield* each(3, (c, i) => StockLedger.post([{ ...singleOf(c, 0, options.clients), id: `warm-${c}-${i}` }]))
    yield* each(3, (c, i) => leastPosting(least, tenantId, { ...singleOf(c, 0, options.clients), id: `warm-${c}-${i}` }, ++seq, at, false))
    const [raw1] = yield* each(options.perClient, (c, i) => rawInsertOne(table, tenantId, singleOf(c, i, options.clients), ++seq, at))
    const [stepwise] = yield* each(options.perClient, (c, i) => leastPosting(least, tenantId, singleOf(c, i, options.clients), ++seq, at, false))
    const [oneStatement] = yield* each(options.perClient, (c, i) => leastPosting(least, tenantId, { ...singleOf(c, i, options.clients), id: `one-${c}-${i}` }, ++seq, at, true))
    const [ledger] = yield* each(options.perClient, (c, i) => StockLedger.post([singleOf(c, i, options.clients)]))
    const [raw2] = yield* each(options.perClient, (c, i) => rawInsertOne(table, tenantId, { ...singleOf(c, i, options.clients), id: `again-${c}-${i}` }, ++seq, at))
    const raw = (raw1 + raw2) / 2
    const n = options.clients * options.perClient
    print(`${label}: ${n.toLocaleString("en-US")} single-line postings, ${options.clients} ${options.clients === 1 ? "client" : "clients at once"}`)
    print(row("raw: single-row INSERT (before the ledger)", n, "rows", raw1))
    print(row("raw: single-row INSERT (after the ledger)", n, "rows", raw2))
    print(row("reference: least posting by hand, a statement per step", n, "postings", stepwise, raw))
    print(row("reference: least posting by hand, in one statement", n, "postings", oneStatement, raw))
    print(row("StockLedger.post, one line per batch", n, "postings", ledger, raw))
    print(goal(options.clients === 1 ? "sequential single posting" : `${options.clients}-client single posting`, raw / ledger, 0.5))
    return { n, raw, ledger, ratio: raw / ledger }
  }).pipe(Effect.scoped, Effect.provide(asTenant(benchTenant("single"))))

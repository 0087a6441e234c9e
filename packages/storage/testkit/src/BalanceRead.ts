// Reading one balance while the ledger grows: `StockQuery.level` and `LedgerStore.balances` for one item in one
// bin, with 100k, 1M and 10M movements in the ledger. Balances are kept per (item, location, lot) as movements
// are posted, so a read should cost the same at every size. The baseline is a primary-key read of the balance
// row, measured at the same size; the reference sums the item's movements into the bin, which is what a read
// would cost without kept balances, and grows with the ledger.
//
// The movements are loaded set-based in SQL (`generate_series`), 1,000 items received from the supplier into 50
// bins, with their balances, in a tenant of their own that is deleted afterwards.
//
// Shared by both storage packages' benchmarks (PostgreSQL and PGlite), so both measure the same work.
import { CurrentActor, IdGenerator, type Ids, LedgerStore, StockQuery } from "@quartermaster/core"
import { DateTime, Effect, Layer } from "effect"
import { SqlClient } from "effect/sql"
import { benchTenant, count, print, timed } from "./Report.ts"
import { BINS, binId, type Env, ITEMS, itemId, setup, SUPPLIER } from "./Workload.ts"

const CHUNK = 1_000_000

/** Appends movements `from` … `to - 1` of the bulk ledger, and adds them to the balances. */
const load = (tenantId: string, from: number, to: number, at: string) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    for (let start = from; start < to; start += CHUNK) {
      const end = Math.min(to, start + CHUNK)
      yield* sql`
        INSERT INTO qm_movements (tenant_id, id, batch_id, item_id, from_location_id, to_location_id, quantity,
                                  effective_at, recorded_at, actor_id)
        SELECT ${tenantId}, 'bulk-' || g, 'bulk-' || (g / 1000), 'item-' || (g % ${ITEMS}), ${SUPPLIER},
               'bin-' || ((g / ${ITEMS}) % ${BINS}), 1 + g % 5, ${at}::timestamptz + g * interval '1 second',
               ${at}::timestamptz, 'bench'
        FROM generate_series(${start}::bigint, ${end - 1}::bigint) AS g`
      yield* sql`
        INSERT INTO qm_balances (tenant_id, item_id, location_id, lot, quantity)
        SELECT ${tenantId}, x.item_id, x.location_id, '', sum(x.q)
        FROM (
          SELECT 'item-' || (g % ${ITEMS}) AS item_id, 'bin-' || ((g / ${ITEMS}) % ${BINS}) AS location_id, 1 + g % 5 AS q
          FROM generate_series(${start}::bigint, ${end - 1}::bigint) AS g
          UNION ALL
          SELECT 'item-' || (g % ${ITEMS}), ${SUPPLIER}, -(1 + g % 5)
          FROM generate_series(${start}::bigint, ${end - 1}::bigint) AS g
        ) AS x
        GROUP BY x.item_id, x.location_id
        ON CONFLICT (tenant_id, item_id, location_id, lot) DO UPDATE SET quantity = qm_balances.quantity + EXCLUDED.quantity`
    }
    yield* sql`ANALYZE qm_movements`
    yield* sql`ANALYZE qm_balances`
  })

/** Mean milliseconds of `reads` runs of `read`, over different items and bins, after a warm-up pass over the same. */
const meanOf = <E, R>(reads: number, read: (item: string, bin: string) => Effect.Effect<unknown, E, R>) =>
  Effect.gen(function*() {
    const pick = (k: number) => [itemId((k * 37) % ITEMS), binId((k * 13) % BINS)] as const
    const pass = Effect.gen(function*() {
      for (let k = 0; k < reads; k++) yield* read(...pick(k))
    })
    yield* pass
    const [millis] = yield* timed(pass)
    return millis / reads
  })

const us = (millis: number) => `${(millis * 1000).toFixed(0).padStart(7)} µs`

/**
 * Measures the reads at each size in `sizes` (ascending). Loading stops early, with a note, once the next size
 * would take longer than `budgetSeconds` to load at the rate measured so far.
 */
export const run = (
  label: string,
  options: { readonly sizes: ReadonlyArray<number>; readonly reads: number; readonly budgetSeconds: number }
): Effect.Effect<void, unknown, Env> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const ledger = yield* LedgerStore.LedgerStore
    const tenantId = (yield* CurrentActor.CurrentActor).tenantId as Ids.TenantId
    yield* setup
    const at = DateTime.formatIso(yield* DateTime.now)
    print(`${label}: one balance (item, bin) as the ledger grows; ${count(ITEMS)} items × ${BINS} bins, mean of ${count(options.reads)} reads`)
    print(`  ${"movements".padStart(12)}  ${"load".padStart(8)}  ${"level".padStart(10)}  ${"balances".padStart(10)}  ${"PK read".padStart(10)}  level ÷ PK  ${"Σ movements".padStart(12)}`)
    let loaded = 0
    let loadMillis = 0
    const levels: Array<readonly [number, number]> = []
    for (const size of options.sizes) {
      if (loaded > 0) {
        const projected = ((size - loaded) * loadMillis) / loaded / 1000
        if (projected > options.budgetSeconds) {
          print(`  ${count(size).padStart(12)}  skipped: loading would take about ${projected.toFixed(0)} s more at the rate so far (budget ${options.budgetSeconds} s)`)
          break
        }
      }
      const [millis] = yield* timed(load(tenantId, loaded, size, at))
      loaded = size
      loadMillis += millis
      const level = yield* meanOf(options.reads, (itemId, locationId) => StockQuery.level({ itemId, locationId }))
      const balances = yield* meanOf(options.reads, (itemId, locationId) =>
        ledger.balances(tenantId, { itemId: itemId as Ids.ItemId, locationIds: [locationId as Ids.LocationId] }))
      const pk = yield* meanOf(options.reads, (itemId, locationId) =>
        sql`SELECT quantity FROM qm_balances WHERE tenant_id = ${tenantId} AND item_id = ${itemId} AND location_id = ${locationId} AND lot = ''`)
      const sum = yield* meanOf(Math.max(5, Math.floor(options.reads / 50)), (itemId, locationId) =>
        sql`SELECT sum(quantity) FROM qm_movements WHERE tenant_id = ${tenantId} AND item_id = ${itemId} AND to_location_id = ${locationId}`)
      levels.push([size, level])
      print(`  ${count(size).padStart(12)}  ${`${(millis / 1000).toFixed(1)} s`.padStart(8)}  ${us(level)}  ${us(balances)}  ${us(pk)}  ${(level / pk).toFixed(1).padStart(8)}×  ${`${sum.toFixed(2)} ms`.padStart(12)}`)
    }
    const first = levels[0]
    const last = levels[levels.length - 1]
    if (first !== undefined && last !== undefined && last !== first) {
      print(`  level at ${count(last[0])} movements ÷ level at ${count(first[0])}: ${(last[1] / first[1]).toFixed(2)}× (flat is 1×)`)
    }
  }).pipe(Effect.provide(Layer.mergeAll(CurrentActor.CurrentActor.layer(benchTenant("read"), "bench"), IdGenerator.IdGenerator.layerUuid)))

import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Result } from "effect"
import * as fc from "fast-check"
import { AssetStore } from "../src/AssetStore.ts"
import * as Catalog from "../src/Catalog.ts"
import { CatalogStore } from "../src/CatalogStore.ts"
import { CountStore } from "../src/CountStore.ts"
import { CredentialStore } from "../src/CredentialStore.ts"
import { CurrentActor } from "../src/CurrentActor.ts"
import { EventLog } from "../src/EventLog.ts"
import type { ItemId } from "../src/Ids.ts"
import type { ValuationMethod } from "../src/Item.ts"
import { LedgerStore } from "../src/LedgerStore.ts"
import { LicenceStore } from "../src/LicenceStore.ts"
import { MaintenanceStore } from "../src/MaintenanceStore.ts"
import { ProcurementStore } from "../src/ProcurementStore.ts"
import { ReservationStore } from "../src/ReservationStore.ts"
import * as StockLedger from "../src/StockLedger.ts"
import { Fixtures } from "../src/testing.ts"
import { TransferStore } from "../src/TransferStore.ts"
import { UnitOfWork } from "../src/UnitOfWork.ts"
import * as Valuation from "../src/Valuation.ts"
import * as Valuations from "../src/Valuations.ts"
import type { Entry } from "../src/ValuationState.ts"
import { compareEntries, ValuationStore } from "../src/ValuationStore.ts"

// The in-memory valuation store keeps entries in columns and replaces a revalued span in one call
// (`replaceEntries`); SQL stores read the old entries and write what changed (`entries` + `writeEntries`).
// Both must leave the same entries and say the same about what changed, and equal one valuation of the whole
// history at the end.

const others = Layer.mergeAll(AssetStore.layerMemory, LicenceStore.layerMemory, CredentialStore.layerMemory, MaintenanceStore.layerMemory, ProcurementStore.layerMemory, CountStore.layerMemory, TransferStore.layerMemory)
const stack = (valuation: Layer.Layer<ValuationStore, never, never> | typeof ValuationStore.layerMemory) =>
  Layer.mergeAll(CatalogStore.layerMemory, LedgerStore.layerMemory, ReservationStore.layerMemory, EventLog.layerMemory, valuation, others).pipe(Layer.provideMerge(UnitOfWork.layerMemory))

const stats = { spliced: 0, rewritten: 0, runs: 0 }

/** The column store, counting the replacements that rewrote entries before the end of the stored log. */
const columns = Layer.effect(
  ValuationStore,
  Effect.map(Effect.service(ValuationStore), (s) => {
    const replace = s.replaceEntries!
    return ValuationStore.of({
      ...s,
      replaceEntries: (t, i, span, fresh) =>
        Effect.tap(replace(t, i, span, fresh), (c) => Effect.sync(() => (stats.spliced += c.earliest !== null && c.written.length > 0 ? 1 : 0)))
    })
  })
).pipe(Layer.provide(ValuationStore.layerMemory))

/** The same store without `replaceEntries`: revaluation takes the path SQL stores take. */
const generic = Layer.effect(
  ValuationStore,
  Effect.map(Effect.service(ValuationStore), ({ replaceEntries: _, ...s }) => ValuationStore.of(s))
).pipe(Layer.provide(ValuationStore.layerMemory))

const DAY = 86_400_000
const T0 = Fixtures.START - 60 * DAY

type Line = { readonly item: 0 | 1; readonly kind: "in" | "out" | "move" | "back"; readonly qty: number; readonly day: number; readonly cost: number }
const line: fc.Arbitrary<Line> = fc.record({
  item: fc.constantFrom(0 as const, 1 as const),
  kind: fc.constantFrom("in" as const, "in" as const, "out" as const, "out" as const, "move" as const, "back" as const),
  qty: fc.integer({ min: 1, max: 9 }),
  day: fc.integer({ min: 0, max: 50 }),
  cost: fc.integer({ min: 1, max: 2_000 })
})
const METHODS: ReadonlyArray<ValuationMethod> = ["fifo", "lifo", "moving-average", "weighted-average"]
const scenario = fc.record({
  methods: fc.tuple(fc.constantFrom(...METHODS), fc.constantFrom(...METHODS)),
  // A history (recorded in effective order, or not), then batches posted one after another, each valued before
  // the next: the later ones mostly land in the past.
  history: fc.array(line, { minLength: 10, maxLength: 60 }),
  ordered: fc.boolean(),
  later: fc.array(fc.array(line, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 })
}).map(({ history, later, methods, ordered }) => ({
  methods,
  batches: [ordered ? history.slice().sort((a, b) => a.day - b.day) : history, ...later]
}))

const json = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `${v}n` : v))

/** Posts the batches (refreshing after each when `each`), and returns what was observed. */
const play = (input: { readonly methods: readonly [ValuationMethod, ValuationMethod]; readonly batches: ReadonlyArray<ReadonlyArray<Line>> }, each: boolean) =>
  Fixtures.asFreshTenant("columns", (_clock, tenantId) =>
    Effect.gen(function*() {
      yield* Fixtures.world
      // Item 1 may go negative: issues before their receipts go out at the last cost and are trued up later.
      for (const [i, method] of input.methods.entries()) {
        yield* Catalog.createItem({ id: `v${i}`, sku: `V-${i}`, name: `Valued ${i}`, baseUnit: { code: "each" }, valuationMethod: method, allowNegativeStock: i === 1 })
      }
      const refreshes: Array<string> = []
      let n = 0
      for (const batch of input.batches) {
        const lines = batch.map((l) => {
          const id = `m${n++}`
          const at = T0 + l.day * DAY + n
          const itemId = `v${l.item}`
          const bin = l.qty % 2 === 0 ? "bin-a" : "bin-c"
          switch (l.kind) {
            case "in":
              return { id, itemId, from: "sup", to: bin, quantity: l.qty, unitCost: (l.cost / 100).toFixed(2), effectiveAt: at }
            case "out":
              return { id, itemId, from: bin, to: "cust", quantity: l.qty, effectiveAt: at }
            case "move":
              return { id, itemId, from: bin, to: bin === "bin-a" ? "bin-c" : "bin-a", quantity: l.qty, effectiveAt: at }
            case "back":
              return { id, itemId, from: bin, to: "sup", quantity: l.qty, effectiveAt: at }
          }
        })
        // A refused line (stock it would take from item 0) changes nothing, alike everywhere.
        for (const l of lines) yield* Effect.ignore(StockLedger.post([l]))
        if (each) {
          const result = yield* Valuations.refresh()
          refreshes.push(json(result))
        }
      }
      if (!each) yield* Valuations.refresh()
      const store = yield* ValuationStore
      const entries = yield* store.entries(tenantId as never, {}, { limit: 1_000_000 })
      const totals = yield* store.totals(tenantId as never, {})
      const { tenantId: tenant } = yield* CurrentActor
      // The oracle: each item valued in one pass over its movements, sorted by the engine itself.
      const sites = Valuation.sites(yield* (yield* CatalogStore).listLocations(tenant))
      const settings = yield* store.getSettings(tenant, "none")
      const replayed: Array<Entry> = []
      for (const [i, method] of input.methods.entries()) {
        const itemId = `v${i}` as ItemId
        const movements = yield* (yield* LedgerStore).movements(tenant, { itemId }, { limit: 1_000_000 })
        const config = { itemId, decimals: 0, currencyScale: settings.currencyScale, scope: settings.scope, checkpointEvery: 1000 }
        const outcome = Valuation.replayMovements(config, method, movements, sites)
        if (Result.isFailure(outcome)) return yield* Effect.die(outcome.failure)
        replayed.push(...outcome.success.entries)
      }
      expect(json(entries.filter((e) => e.itemId.startsWith("v")))).toBe(json(replayed.sort(compareEntries)))
      const events = (yield* (yield* EventLog).list(tenant, { limit: 100_000 }))
        .map((e) => e.event)
        .filter((e) => e._tag === "InventoryRevalued" || e._tag === "CostTrueUp")
      return { entries: json(entries), totals: json([...totals].sort((a, b) => json(a) < json(b) ? -1 : 1)), refreshes, events: json(events) }
    }))

describe("valuation entries in columns", () => {
  it("replacing spans of stored columns leaves what reading and rewriting entries leaves, and equals one valuation of everything", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (input) => {
        const before = stats.spliced
        const viaColumns = await Effect.runPromise(play(input, true).pipe(Effect.provide(stack(columns)), Effect.orDie))
        const viaEntries = await Effect.runPromise(play(input, true).pipe(Effect.provide(stack(generic)), Effect.orDie))
        const once = await Effect.runPromise(play(input, false).pipe(Effect.provide(stack(ValuationStore.layerMemory)), Effect.orDie))
        stats.runs++
        stats.rewritten += stats.spliced > before ? 1 : 0
        expect(viaColumns.entries).toBe(viaEntries.entries)
        expect(viaColumns.refreshes).toEqual(viaEntries.refreshes)
        expect(viaColumns.events).toBe(viaEntries.events)
        expect(viaColumns.totals).toBe(viaEntries.totals)
        expect(viaColumns.entries).toBe(once.entries)
        expect(viaColumns.totals).toBe(once.totals)
      }),
      { numRuns: 60 }
    )
    // Not vacuous: most runs rewrote stored entries in place of a span.
    expect(stats.rewritten).toBeGreaterThan(stats.runs / 2)
  }, 120_000)

  it.effect("a revaluation that stops at a checkpoint keeps the entries after it", () =>
    Effect.gen(function*() {
      // 1,300 cycles that each empty the pool, then a cycle inserted in the middle: the run converges at the
      // next checkpoint, so the replaced span ends well before the last entry.
      const cycles: Array<Line> = Array.from({ length: 1300 }, (_, k) => [
        { item: 0 as const, kind: "in" as const, qty: 5, day: k * 0.03, cost: 100 + (k % 50) },
        { item: 0 as const, kind: "out" as const, qty: 5, day: k * 0.03 + 0.01, cost: 0 }
      ]).flat()
      const inserted: Array<Line> = [{ item: 0, kind: "in", qty: 3, day: 15.005, cost: 777 }, { item: 0, kind: "out", qty: 3, day: 15.006, cost: 0 }]
      const input = { methods: ["fifo", "fifo"] as [ValuationMethod, ValuationMethod], batches: [cycles, inserted] }
      const before = stats.spliced
      const viaColumns = yield* play(input, true).pipe(Effect.provide(stack(columns)))
      const viaEntries = yield* play(input, true).pipe(Effect.provide(stack(generic)))
      const once = yield* play(input, false).pipe(Effect.provide(stack(ValuationStore.layerMemory)))
      expect(stats.spliced).toBe(before + 1)
      expect(JSON.parse(viaColumns.refreshes[1]!)).toEqual({ items: ["v0"], entries: 3 })
      expect(viaColumns.entries).toBe(viaEntries.entries)
      expect(viaColumns.refreshes).toEqual(viaEntries.refreshes)
      expect(viaColumns.events).toBe(viaEntries.events)
      expect(viaColumns.entries).toBe(once.entries)
    }), 60_000)
})

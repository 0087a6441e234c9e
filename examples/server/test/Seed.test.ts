import { assert, describe, layer } from "@effect/vitest"
import { AssetDepreciation, Catalog, CurrentActor, IdGenerator, Invariants, LedgerStore, type Movement, Stores } from "@quartermaster/core"
import { PgliteStores } from "@quartermaster/storage-pglite"
import { BigDecimal, Effect, Layer } from "effect"
import { TestClock } from "effect/testing"
import * as DashboardAssets from "../src/DashboardAssets.ts"
import * as DashboardSummary from "../src/DashboardSummary.ts"
import * as Seed from "../src/Seed.ts"

const NOW = Date.UTC(2026, 10, 30, 15, 30)
const DAY = 86_400_000
const SITES = ["loc-ber", "loc-lyo", "loc-man"]

const asTenant = (tenantId: string) => Effect.provide(CurrentActor.CurrentActor.layer(tenantId, "test", ["viewer"]))

const allMovements = (tenantId: string) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerStore.LedgerStore
    const out: Array<Movement.Movement> = []
    for (let after = 0; ;) {
      const page = yield* ledger.movements(tenantId as never, {}, { afterSeq: after, limit: 10_000 })
      out.push(...page)
      if (page.length < 10_000) return out
      after = page[page.length - 1]!.seq
    }
  })

const fingerprint = (ms: ReadonlyArray<Movement.Movement>) =>
  ms.map((m) => `${m.id}|${m.itemId}|${m.fromLocationId}|${m.toLocationId}|${m.quantity}|${m.lot ?? ""}|${m.serials.join(",")}|${m.unitCost === null ? "" : m.unitCost.toString()}|${m.effectiveAt.epochMilliseconds}`).join("\n")

describe("Seed.demo in memory", () => {
  layer(Layer.mergeAll(Stores.layerMemory, IdGenerator.IdGenerator.layerSequential("ev")), { timeout: 120_000 })("one store", (it) => {
    it.effect("seeds an empty tenant with 200+ items and six months of history that keeps every invariant", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(NOW)
        assert.isTrue(yield* Seed.isEmpty("mem-a"))
        const summary = yield* Seed.demo("mem-a")
        assert.isTrue(summary.seeded)
        assert.isAtLeast(summary.items, 200)
        assert.isFalse(yield* Seed.isEmpty("mem-a"))

        const items = yield* Catalog.listItems({ limit: 1000 }).pipe(asTenant("mem-a"))
        assert.strictEqual(items.length, summary.items)
        assert.isAbove(items.filter((i) => i.tracking === "lot" && i.shelfLifeDays !== null).length, 10)
        assert.isAbove(items.filter((i) => i.tracking === "serial").length, 5)
        assert.isAbove(items.filter((i) => i.baseUnit.code === "kg" && i.baseUnit.decimals === 3).length, 10)
        assert.isAbove(items.filter((i) => i.conversions.some((c) => c.code === "case" && BigDecimal.format(c.factor) === "12")).length, 50)
        assert.isTrue(items.every((i) => i.reorder.kind === "rop-q" && i.category.length === 2))

        const movements = yield* allMovements("mem-a")
        assert.strictEqual(movements.length, summary.movements)
        const times = movements.map((m) => m.effectiveAt.epochMilliseconds)
        const first = Math.min(...times)
        const last = Math.max(...times)
        assert.isAtLeast(NOW - first, 180 * DAY)
        assert.isBelow(NOW - first, 186 * DAY)
        assert.isAtMost(last, NOW)
        assert.isBelow(NOW - last, DAY)
        for (const reason of ["purchase", "sale", "transfer-out", "transfer-in", "expired", "count-gain"]) {
          assert.isTrue(movements.some((m) => m.reasonCode === reason), `some movement has reason ${reason}`)
        }
        assert.isTrue(movements.some((m) => m.serials.length > 0))
        assert.isTrue(movements.some((m) => m.lot !== null))

        const report = yield* Invariants.verify.pipe(asTenant("mem-a"))
        assert.deepStrictEqual(report.violations, [])
        assert.strictEqual(report.checked.movements, summary.movements)
        assert.strictEqual(report.checked.reservations, summary.reservations)
        assert.isAbove(summary.reservations, 0)
        assert.isAbove(summary.assets.overdue, 0)
        assert.isAbove(summary.assets.checkOuts, summary.assets.overdue)
        assert.isAbove(summary.assets.licences, 0)
        assert.isAbove(summary.assets.certificates, 0)

        // Every seeded asset has a straight-line book and a MACRS tax book, so depreciation reports show data.
        const depreciation = yield* AssetDepreciation.portfolio(new Date(NOW).toISOString().slice(0, 10)).pipe(asTenant("mem-a"))
        assert.deepStrictEqual(depreciation.skipped, [])
        assert.deepStrictEqual(depreciation.totals.map((t) => [t.book, t.assets]), [["book", summary.assets.assets], ["tax", summary.assets.assets]])
        for (const t of depreciation.totals) assert.isTrue(t.accumulated > 0n && t.bookValue > 0n && t.bookValue + t.accumulated === t.cost, t.book)
      }))

    it.effect("gives every dashboard panel something to show", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(NOW)
        const dashboard = yield* DashboardSummary.make(DashboardAssets.extras).pipe(asTenant("mem-a"))
        assert.isAtLeast(dashboard.stock.items, 200)
        assert.isAbove(dashboard.stock.itemsInStock, 150)
        assert.isAbove(dashboard.reorder.length, 0)
        assert.isBelow(dashboard.reorder.length, dashboard.stock.items / 2)
        assert.strictEqual(dashboard.stock.lowStock, dashboard.reorder.length)
        assert.isAbove(Number(dashboard.valuation.total), 0)
        assert.strictEqual(dashboard.stock.onHandValue, dashboard.valuation.total)
        // The three sites hold value; goods on the road show as their own row.
        const sites = dashboard.valuation.bySite.filter((s) => SITES.includes(s.siteId ?? "") && Number(s.value) > 0)
        assert.strictEqual(sites.length, 3)
        assert.isTrue(dashboard.valuation.bySite.every((s) => SITES.includes(s.siteId ?? "") || s.siteId === "loc-transit"))
        const items = yield* Catalog.listItems({ limit: 1000 }).pipe(asTenant("mem-a"))
        assert.deepStrictEqual(dashboard.valuation.byCategory.map((c) => c.category), [...new Set(items.map((i) => i.category[0]!))].sort())
        assert.deepStrictEqual(dashboard.abc.classes.map((c) => c.class), ["A", "B", "C"])
        for (const c of dashboard.abc.classes) assert.isAbove(c.count, 0)
        assert.isBelow(dashboard.abc.classes[0]!.itemShare, 0.5)
        assert.isAbove(dashboard.abc.pareto.length, 20)
        for (const kind of ["lot", "licence", "certificate", "warranty"]) {
          assert.isAbove(dashboard.expiring.filter((e) => e.kind === kind).length, 0, `something of kind ${kind} expires soon`)
        }
        const assets = dashboard.assets!
        assert.isAtLeast(assets.total, 40)
        assert.strictEqual(assets.byStatus.reduce((n, s) => n + s.count, 0), assets.total)
        for (const status of ["deployed", "inStock", "onOrder"]) assert.isTrue(assets.byStatus.some((s) => s.status === status), status)
        assert.isAbove(assets.overdue.length, 0)
        assert.isTrue(assets.overdue.every((o) => o.daysOverdue >= 1 && Date.parse(o.dueAt) < NOW))
        assert.isTrue(dashboard.expiring.every((e) => e.daysLeft <= 30))
        assert.strictEqual(dashboard.recent.length, 15)
        assert.isAbove(dashboard.lastEventSeq, 200)
        assert.strictEqual(dashboard.recent[0]!.seq, dashboard.lastEventSeq)
      }))

    it.effect("seeding twice changes nothing the second time", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(NOW + DAY)
        const before = (yield* allMovements("mem-a")).length
        const itemsBefore = (yield* Catalog.listItems({ limit: 1000 }).pipe(asTenant("mem-a"))).length
        const again = yield* Seed.demo("mem-a")
        assert.isFalse(again.seeded)
        assert.strictEqual(again.items, 0)
        assert.strictEqual((yield* allMovements("mem-a")).length, before)
        assert.strictEqual((yield* Catalog.listItems({ limit: 1000 }).pipe(asTenant("mem-a"))).length, itemsBefore)
      }))

    it.effect("is deterministic: the same seed and clock give the same ledger", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(NOW)
        yield* Seed.demo("mem-b", { days: 40 })
        yield* Seed.demo("mem-c", { days: 40 })
        yield* Seed.demo("mem-d", { days: 40, seed: 7 })
        const b = fingerprint(yield* allMovements("mem-b"))
        assert.strictEqual(fingerprint(yield* allMovements("mem-c")), b)
        assert.notStrictEqual(fingerprint(yield* allMovements("mem-d")), b)
      }))
  })
})

describe("Seed.demo on PGlite", () => {
  layer(Layer.mergeAll(PgliteStores.layer(), IdGenerator.IdGenerator.layerUuid), { timeout: 300_000, excludeTestServices: true })("one database", (it) => {
    it.effect("seeds through SQL, keeps every invariant and fills the dashboard", () =>
      Effect.gen(function*() {
        // Wall time depends on the machine's load; the process's CPU time is what the seed itself costs.
        const started = Date.now()
        const cpu = process.cpuUsage()
        const summary = yield* Seed.demo("pg-demo")
        const used = process.cpuUsage(cpu)
        const seconds = (Date.now() - started) / 1000
        console.log(
          `seeded ${summary.items} items, ${summary.movements} movements in ${summary.batches} batches and ${summary.assets.assets} assets ` +
            `on PGlite in ${seconds.toFixed(1)} s (${((used.user + used.system) / 1e6).toFixed(1)} s CPU)`
        )
        assert.isTrue(summary.seeded)
        const report = yield* Invariants.verify.pipe(asTenant("pg-demo"))
        assert.deepStrictEqual(report.violations, [])
        assert.strictEqual(report.checked.movements, summary.movements)
        const dashboard = yield* DashboardSummary.make(DashboardAssets.extras).pipe(asTenant("pg-demo"))
        assert.isAbove(dashboard.reorder.length, 0)
        assert.strictEqual(dashboard.valuation.bySite.filter((s) => SITES.includes(s.siteId ?? "") && Number(s.value) > 0).length, 3)
        assert.isAbove(Number(dashboard.abc.total), 0)
        assert.isFalse((yield* Seed.demo("pg-demo")).seeded)
      }), { timeout: 300_000 })
  })
})

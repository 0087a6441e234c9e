import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Result } from "effect"
import * as AssetDepreciation from "../src/AssetDepreciation.ts"
import * as AssetLedger from "../src/AssetLedger.ts"
import * as Assets from "../src/Assets.ts"
import { AssetStore } from "../src/AssetStore.ts"
import { CurrentActor } from "../src/CurrentActor.ts"
import * as Depreciation from "../src/Depreciation.ts"
import type { DepreciationError } from "../src/DepreciationError.ts"
import type * as DepreciationProfile from "../src/DepreciationProfile.ts"
import { EventLog } from "../src/EventLog.ts"
import { IdGenerator } from "../src/IdGenerator.ts"
import * as Stores from "../src/Stores.ts"

const layer = Layer.mergeAll(Stores.layerMemory, CurrentActor.layer("t1", "ann"), IdGenerator.layerSequential("id"))

const ok = <A>(r: Result.Result<A, DepreciationError>): A => {
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}

// A book straight-line schedule over five years to a salvage of 1,000 and a MACRS 5-year half-year tax book.
const bookSl: DepreciationProfile.ProfileInput = { book: "book", method: { _tag: "StraightLine" }, usefulLifeYears: 5, salvage: "1000" }
const taxMacrs: DepreciationProfile.ProfileInput = { book: "tax", method: { _tag: "Macrs", recoveryPeriod: 5, convention: "halfYear" } }

const server = (tag: string, cost = "12000.00", bought = "2024-03-15T10:00:00Z") =>
  Assets.register({ tag, name: "Server", purchase: { cost, date: bought }, books: [bookSl, taxMacrs] })

const snapshot = Effect.gen(function*() {
  const assets = yield* (yield* AssetStore).list("t1" as never, { limit: 10_000 })
  const events = yield* (yield* EventLog).list("t1" as never, { limit: 100_000 })
  return { assets, events: events.length }
})

describe("AssetDepreciation", () => {
  it.effect("an asset's books give the rows of Depreciation.books fed with the asset's data", () =>
    Effect.gen(function*() {
      yield* server("SRV-1")
      const direct = (placedInService: string, granularity: "month" | "year") =>
        ok(Depreciation.books({ cost: "12000.00", placedInService, profiles: [bookSl, taxMacrs], granularity }))
      const monthly = yield* AssetDepreciation.schedule("SRV-1", { granularity: "month" })
      assert.deepStrictEqual(monthly, direct("2024-03-15", "month"))
      assert.deepStrictEqual(monthly.map((s) => s.book), ["book", "tax"])
      assert.deepStrictEqual(yield* AssetDepreciation.schedule("SRV-1"), direct("2024-03-15", "year"))
      assert.deepStrictEqual(yield* AssetDepreciation.schedule("SRV-1", { book: "tax" }), [direct("2024-03-15", "year")[1]!])
      for (const profile of [bookSl, taxMacrs]) {
        const [value] = yield* AssetDepreciation.bookValueAt("SRV-1", "2025-08-20", { book: profile.book })
        assert.deepStrictEqual(value, ok(Depreciation.bookValueAt({ cost: "12000.00", placedInService: "2024-03-15", profile }, "2025-08-20")))
      }
      // An in-service date of its own takes precedence over the purchase date, and clearing it falls back.
      yield* Assets.update("SRV-1", { inServiceDate: "2024-07-01" })
      assert.deepStrictEqual(yield* AssetDepreciation.schedule("SRV-1"), direct("2024-07-01", "year"))
      const cleared = yield* Assets.update("SRV-1", { inServiceDate: null })
      assert.isFalse("inServiceDate" in cleared)
      assert.deepStrictEqual(yield* AssetDepreciation.schedule("SRV-1"), direct("2024-03-15", "year"))
      yield* Assets.register({ tag: "SRV-2", purchase: { cost: "12000.00", date: "2024-03-15T10:00:00Z" }, inServiceDate: "2024-05-02", books: [bookSl, taxMacrs] })
      assert.deepStrictEqual(yield* AssetDepreciation.schedule("SRV-2"), direct("2024-05-02", "year"))
    }).pipe(Effect.provide(layer)))

  it.effect("typed errors: unknown asset, no cost, no date, no books, unknown book, date before service", () =>
    Effect.gen(function*() {
      yield* server("SRV-1")
      yield* Assets.register({ tag: "NO-COST", purchase: { date: "2024-01-01T00:00:00Z" }, books: [bookSl] })
      yield* Assets.register({ tag: "NO-DATE", purchase: { cost: "10" }, books: [bookSl] })
      yield* Assets.register({ tag: "NO-BOOKS", purchase: { cost: "10", date: "2024-01-01T00:00:00Z" } })
      const flip = <A, E extends { _tag: string; message: string }>(e: Effect.Effect<A, E, AssetDepreciation.QueryEnv>) =>
        Effect.flip(e).pipe(Effect.map((x) => [x._tag, x.message] as const))
      assert.strictEqual((yield* flip(AssetDepreciation.schedule("NOPE")))[0], "UnknownAsset")
      const noCost = yield* flip(AssetDepreciation.schedule("NO-COST"))
      assert.deepStrictEqual(noCost[0], "NotDepreciable")
      assert.include(noCost[1], "no purchase cost")
      assert.include((yield* flip(AssetDepreciation.schedule("NO-DATE")))[1], "neither an in-service date nor a purchase date")
      assert.include((yield* flip(AssetDepreciation.schedule("NO-BOOKS")))[1], "no depreciation books")
      assert.include((yield* flip(AssetDepreciation.schedule("SRV-1", { book: "ifrs" })))[1], "no book \"ifrs\"")
      assert.strictEqual((yield* flip(AssetDepreciation.bookValueAt("SRV-1", "2024-03-01")))[0], "DateOutOfRange")
    }).pipe(Effect.provide(layer)))

  it.effect("a disposal from the register gives each book's gain or loss", () =>
    Effect.gen(function*() {
      yield* server("SRV-1")
      yield* Assets.transition("SRV-1", "retire")
      yield* AssetLedger.dispose({ asset: "SRV-1", proceeds: "7000", at: "2026-07-15T12:00:00Z" })
      const schedules = yield* AssetDepreciation.schedule("SRV-1")
      assert.deepStrictEqual(
        schedules,
        ok(Depreciation.books({ cost: "12000.00", placedInService: "2024-03-15", profiles: [bookSl, taxMacrs], disposal: { date: "2026-07-15", proceeds: "7000" } }))
      )
      // Book: full months March 2024 to June 2026 (28) of 11,000 / 60, rounded once; sold for 7,000.
      const accumulated = (1_100_000n * 28n * 2n + 60n) / 120n
      const bookValue = 1_200_000n - accumulated
      assert.deepStrictEqual(schedules[0]!.disposal, {
        date: "2026-07-15",
        bookValue,
        proceeds: 700_000n,
        gainOrLoss: { kind: 700_000n > bookValue ? "gain" : "loss", amount: 700_000n - bookValue }
      })
      assert.strictEqual(schedules[0]!.disposal!.gainOrLoss.kind, "gain")
      const tax = schedules[1]!.disposal!
      assert.deepStrictEqual(tax.gainOrLoss, Depreciation.gainOrLoss(tax.bookValue, 700_000n))
      const [atDisposal] = yield* AssetDepreciation.bookValueAt("SRV-1", "2026-07-15")
      assert.strictEqual(atDisposal!.bookValue, 0n)
      assert.isTrue(atDisposal!.disposed)
    }).pipe(Effect.provide(layer)))

  it.effect("an impairment changes the later rows only; an oversized one writes nothing", () =>
    Effect.gen(function*() {
      yield* server("SRV-1")
      const before = yield* AssetDepreciation.schedule("SRV-1", { granularity: "month" })
      const impaired = yield* AssetDepreciation.recordImpairment("SRV-1", { date: "2025-06-30", amount: "2000", book: "book", reason: "obsolete model" })
      assert.strictEqual(impaired.impairments!.length, 1)
      assert.strictEqual(impaired.impairments![0]!.book, "book")
      const after = yield* AssetDepreciation.schedule("SRV-1", { granularity: "month" })
      assert.deepStrictEqual(
        after,
        ok(Depreciation.books({
          cost: "12000.00",
          placedInService: "2024-03-15",
          profiles: [bookSl, taxMacrs],
          granularity: "month",
          impairments: [{ date: "2025-06-30", amount: "2000", book: "book" }]
        }))
      )
      const firstChanged = after[0]!.rows.findIndex((row, i) => JSON.stringify(row, (_, v) => typeof v === "bigint" ? `${v}` : v) !== JSON.stringify(before[0]!.rows[i], (_, v) => typeof v === "bigint" ? `${v}` : v))
      assert.strictEqual(after[0]!.rows[firstChanged]!.periodEnd, "2025-06-30")
      assert.strictEqual(after[0]!.rows[firstChanged]!.impairment, 200_000n)
      assert.strictEqual(after[0]!.totalImpairment, 200_000n)
      assert.deepStrictEqual(after[1], before[1], "the tax book is untouched")
      const events = yield* (yield* EventLog).list("t1" as never, { limit: 1000 })
      assert.strictEqual(events.at(-1)!.event._tag, "AssetImpaired")

      const unchanged = yield* snapshot
      const [value] = yield* AssetDepreciation.bookValueAt("SRV-1", "2025-09-30", { book: "book" })
      const oversized = yield* Effect.flip(
        AssetDepreciation.recordImpairment("SRV-1", { date: "2025-09-30", amount: String(Number(value!.bookValue) / 100 + 1), book: "book", reason: "flood" })
      )
      assert.strictEqual(oversized._tag, "ImpairmentAboveBookValue")
      const onMacrs = yield* Effect.flip(AssetDepreciation.recordImpairment("SRV-1", { date: "2025-09-30", amount: "10", reason: "every book" }))
      assert.strictEqual(onMacrs._tag, "UnsupportedAdjustment")
      const early = yield* Effect.flip(AssetDepreciation.recordImpairment("SRV-1", { date: "2024-01-01", amount: "10", book: "book", reason: "early" }))
      assert.strictEqual(early._tag, "DateOutOfRange")
      const noBook = yield* Effect.flip(AssetDepreciation.recordImpairment("SRV-1", { date: "2025-09-30", amount: "10", book: "ifrs", reason: "x" }))
      assert.strictEqual(noBook._tag, "NotDepreciable")
      const zero = yield* Effect.flip(AssetDepreciation.recordImpairment("SRV-1", { date: "2025-09-30", amount: "0", book: "book", reason: "x" }))
      assert.strictEqual(zero._tag, "InvalidInput")
      assert.deepStrictEqual(yield* snapshot, unchanged, "nothing written")
    }).pipe(Effect.provide(layer)))

  it.effect("portfolio totals are the sums of the per-asset book values", () =>
    Effect.gen(function*() {
      yield* server("SRV-1")
      yield* server("SRV-2", "4999.99", "2023-11-02T23:30:00Z")
      yield* server("SRV-3", "8000", "2025-02-01T00:00:00Z")
      yield* AssetDepreciation.recordImpairment("SRV-2", { date: "2025-01-31", amount: "500", book: "book", reason: "damage" })
      yield* server("GONE", "3000", "2023-01-10T00:00:00Z")
      yield* Assets.transition("GONE", "retire")
      yield* AssetLedger.dispose({ asset: "GONE", proceeds: "900", at: "2025-03-01T00:00:00Z" })
      yield* server("LATER", "1000", "2026-03-01T00:00:00Z")
      yield* Assets.register({ tag: "NO-COST", purchase: { date: "2024-01-01T00:00:00Z" }, books: [bookSl] })
      yield* Assets.register({ tag: "PLAIN", purchase: { cost: "10", date: "2024-01-01T00:00:00Z" } })

      const date = "2025-12-31"
      const report = yield* AssetDepreciation.portfolio(date)
      assert.deepStrictEqual(report.assets.map((a) => a.tag).sort(), ["GONE", "SRV-1", "SRV-2", "SRV-3"])
      assert.deepStrictEqual(report.skipped.map((s) => s.tag).sort(), ["LATER", "NO-COST"])
      for (const book of ["book", "tax"]) {
        const rows = report.assets.map((a) => a.books.find((b) => b.book === book)!)
        const total = report.totals.find((t) => t.book === book)!
        const sum = (f: (r: AssetDepreciation.PortfolioBook) => bigint) => rows.reduce((s, r) => s + f(r), 0n)
        assert.deepStrictEqual(total, {
          book,
          assets: 4,
          cost: sum((r) => r.cost),
          accumulated: sum((r) => r.accumulated),
          impairment: sum((r) => r.impairment),
          bookValue: sum((r) => r.bookValue),
          periodDepreciation: sum((r) => r.periodDepreciation)
        })
      }
      for (const a of report.assets) {
        for (const row of a.books) {
          const [at] = yield* AssetDepreciation.bookValueAt(a.tag, date, { book: row.book })
          assert.strictEqual(row.bookValue, at!.bookValue)
          assert.strictEqual(row.accumulated, at!.accumulated)
          // Calendar fiscal years: the period is 2025.
          const startOfYear = yield* Effect.result(AssetDepreciation.bookValueAt(a.tag, "2024-12-31", { book: row.book }))
          const opening = Result.isSuccess(startOfYear) ? startOfYear.success[0]!.accumulated : 0n
          assert.strictEqual(row.periodDepreciation, at!.accumulated - opening)
          assert.strictEqual(row.periodStart, "2025-01-01")
        }
      }
      const gone = report.assets.find((a) => a.tag === "GONE")!.books[0]!
      assert.isTrue(gone.disposed)
      assert.strictEqual(gone.bookValue, 0n)
      const onlyTax = yield* AssetDepreciation.portfolio(date, { book: "tax", status: ["inStock"] })
      assert.deepStrictEqual(onlyTax.totals.map((t) => [t.book, t.assets]), [["tax", 3]])
      assert.strictEqual((yield* Effect.flip(AssetDepreciation.portfolio("2025-13-01")))._tag, "InvalidInput")
    }).pipe(Effect.provide(layer)))
})

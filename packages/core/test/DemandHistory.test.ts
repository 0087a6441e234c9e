import { assert, describe, it } from "@effect/vitest"
import { BigDecimal, DateTime, Effect, Result } from "effect"
import * as DemandHistory from "../src/DemandHistory.ts"
import * as ExponentialSmoothing from "../src/ExponentialSmoothing.ts"
import * as StockLedger from "../src/StockLedger.ts"
import * as Stores from "../src/Stores.ts"
import { Fixtures } from "../src/testing.ts"
import * as Xyz from "../src/Xyz.ts"

const inMemory = <A, E>(label: string, body: Parameters<typeof Fixtures.asFreshTenant<A, E>>[1]) =>
  Fixtures.asFreshTenant(label, body).pipe(Effect.provide(Stores.layerMemory))

const utc = (iso: string) => DateTime.makeUnsafe(iso)
const text = (ds: ReadonlyArray<BigDecimal.BigDecimal>) => ds.map((d) => BigDecimal.format(d))

// October: 5 (Mon 6th) and 7 (Wed 8th) to customers, 3 scrapped (15th), 1 from site s2 (20th);
// November: 4 (3rd) to a customer, and 2 returned (4th). A transfer between bins is not demand.
const setup = Effect.gen(function*() {
  yield* Fixtures.world
  yield* StockLedger.post([
    { id: "in-1", itemId: "plain", from: "sup", to: "bin-a", quantity: 100, effectiveAt: "2025-10-01T08:00:00Z" },
    { id: "in-2", itemId: "plain", from: "sup", to: "bin-c", quantity: 10, effectiveAt: "2025-10-01T08:00:00Z" },
    { id: "in-3", itemId: "bulk", from: "sup", to: "bin-a", quantity: "50", effectiveAt: "2025-10-01T08:00:00Z" }
  ])
  yield* StockLedger.post([
    { id: "o-1", itemId: "plain", from: "bin-a", to: "cust", quantity: 5, effectiveAt: "2025-10-06T10:00:00Z" },
    { id: "o-2", itemId: "plain", from: "bin-a", to: "cust", quantity: 7, effectiveAt: "2025-10-08T10:00:00Z" },
    { id: "o-3", itemId: "plain", from: "bin-a", to: "loss", quantity: 3, effectiveAt: "2025-10-15T10:00:00Z" },
    { id: "o-4", itemId: "plain", from: "bin-c", to: "cust", quantity: 1, effectiveAt: "2025-10-20T10:00:00Z" },
    { id: "t-1", itemId: "plain", from: "bin-a", to: "bin-b", quantity: 20, effectiveAt: "2025-10-21T10:00:00Z" },
    { id: "o-5", itemId: "plain", from: "bin-b", to: "cust", quantity: 4, effectiveAt: "2025-11-03T10:00:00Z" },
    { id: "ret", itemId: "plain", from: "cust", to: "bin-a", quantity: 2, effectiveAt: "2025-11-04T10:00:00Z" },
    { id: "o-6", itemId: "bulk", from: "bin-a", to: "cust", quantity: "1.5", effectiveAt: "2025-11-10T10:00:00Z" }
  ])
})

describe("DemandHistory.history", () => {
  it.effect("sums issues per calendar month, with returns apart", () =>
    inMemory("monthly", () =>
      Effect.gen(function*() {
        yield* setup
        const h = yield* DemandHistory.history({ from: "2025-10-01T00:00:00Z", to: "2025-12-01T00:00:00Z", per: "month", itemIds: ["plain"] })
        assert.deepStrictEqual(h.periods.map((p) => DateTime.formatIso(p.start)), ["2025-10-01T00:00:00.000Z", "2025-11-01T00:00:00.000Z"])
        assert.strictEqual(DateTime.formatIso(h.periods[1]!.end), "2025-12-01T00:00:00.000Z")
        const [plain] = h.series
        assert.deepStrictEqual(text(plain!.issued), ["16", "4"])
        assert.deepStrictEqual(text(plain!.returned), ["0", "2"])
        assert.deepStrictEqual(plain!.demand, [16, 4])
        assert.strictEqual(plain!.unit, "each")
      })))

  it.effect("buckets by ISO week (from Monday), by location subtree and by demand usage", () =>
    inMemory("weekly", () =>
      Effect.gen(function*() {
        yield* setup
        const weekly = yield* DemandHistory.history({ from: "2025-10-06T00:00:00Z", to: "2025-10-27T00:00:00Z", per: "week", itemIds: ["plain"] })
        assert.deepStrictEqual(weekly.series[0]!.demand, [12, 3, 1])
        const warehouse = yield* DemandHistory.history({ from: "2025-10-01T00:00:00Z", to: "2025-11-01T00:00:00Z", per: "month", itemIds: ["plain"], locationId: "wh" })
        assert.deepStrictEqual(warehouse.series[0]!.demand, [15])
        const customers = yield* DemandHistory.history({ from: "2025-10-01T00:00:00Z", to: "2025-11-01T00:00:00Z", per: "month", itemIds: ["plain"], usages: ["customer"] })
        assert.deepStrictEqual(customers.series[0]!.demand, [13])
        const daily = yield* DemandHistory.history({ from: "2025-10-06T00:00:00Z", to: "2025-10-09T00:00:00Z", per: "day", itemIds: ["plain"] })
        assert.deepStrictEqual(daily.series[0]!.demand, [5, 0, 7])
      })))

  it.effect("reports whole periods only, up to now by default, and every item with demand when none is named", () =>
    inMemory("whole-periods", () =>
      Effect.gen(function*() {
        yield* setup
        // From mid-October: October is not whole, so November and December (ending at now, 2026-01-01).
        const h = yield* DemandHistory.history({ from: "2025-10-15T00:00:00Z", per: "month" })
        assert.deepStrictEqual(h.periods.map((p) => DateTime.formatIso(p.start).slice(0, 7)), ["2025-11", "2025-12"])
        assert.deepStrictEqual(h.series.map((s) => [s.itemId as string, s.demand]), [["bulk", [1.5, 0]], ["plain", [4, 0]]])
        assert.deepStrictEqual(text(h.series[0]!.issued), ["1.5", "0"])
        // A span shorter than one period has no periods.
        assert.deepStrictEqual((yield* DemandHistory.history({ from: "2025-10-02T00:00:00Z", to: "2025-10-20T00:00:00Z", per: "month", itemIds: ["plain"] })).periods, [])
      })))

  it.effect("feeds forecasting and XYZ", () =>
    inMemory("feeds", () =>
      Effect.gen(function*() {
        yield* setup
        const h = yield* DemandHistory.history({ from: "2025-10-06T00:00:00Z", to: "2025-11-17T00:00:00Z", per: "week" })
        const forecast = ExponentialSmoothing.simple(h.series.find((s) => s.itemId === "plain")!.demand, { alpha: 0.3 })
        assert.isTrue(Result.isSuccess(forecast))
        const xyz = Result.getOrThrow(Xyz.classify(h.series.map((s) => ({ id: s.itemId, demand: s.demand }))))
        assert.deepStrictEqual(xyz.map((r) => [r.id, r.class]), [["bulk", "Z"], ["plain", "Z"]])
      })))

  it.effect("fails on bad queries with typed errors", () =>
    inMemory("errors", () =>
      Effect.gen(function*() {
        yield* setup
        const fail = (q: unknown) => Effect.flip(DemandHistory.history(q as DemandHistory.Query))
        assert.strictEqual((yield* fail({ from: "2025-10-01", per: "fortnight" }))._tag, "InvalidInput")
        assert.strictEqual((yield* fail({ from: "2025-10-01", to: "2025-09-01", per: "day" }))._tag, "InvalidInput")
        assert.strictEqual((yield* fail({ from: "2025-10-01", per: "day", itemIds: ["ghost"] }))._tag, "UnknownItem")
        assert.strictEqual((yield* fail({ from: "2025-10-01", per: "day", locationId: "ghost" }))._tag, "UnknownLocation")
      })))
})

describe("DemandHistory periods", () => {
  it("finds period starts in UTC: days, ISO weeks from Monday, calendar months and years", () => {
    const at = utc("2024-02-29T13:45:00Z").epochMilliseconds
    assert.strictEqual(new Date(DemandHistory.periodStart(at, "day")).toISOString(), "2024-02-29T00:00:00.000Z")
    assert.strictEqual(new Date(DemandHistory.periodStart(at, "week")).toISOString(), "2024-02-26T00:00:00.000Z")
    assert.strictEqual(new Date(DemandHistory.periodStart(at, "month")).toISOString(), "2024-02-01T00:00:00.000Z")
    assert.strictEqual(new Date(DemandHistory.periodStart(at, "year")).toISOString(), "2024-01-01T00:00:00.000Z")
    assert.strictEqual(new Date(DemandHistory.nextPeriod(DemandHistory.periodStart(at, "month"), "month")).toISOString(), "2024-03-01T00:00:00.000Z")
    // A Monday starts its own week; Sunday belongs to the week before.
    assert.strictEqual(new Date(DemandHistory.periodStart(utc("2025-10-06T00:00:00Z").epochMilliseconds, "week")).toISOString(), "2025-10-06T00:00:00.000Z")
    assert.strictEqual(new Date(DemandHistory.periodStart(utc("2025-10-05T23:59:59Z").epochMilliseconds, "week")).toISOString(), "2025-09-29T00:00:00.000Z")
    assert.strictEqual(DemandHistory.boundaries(utc("2025-01-01T00:00:00Z").epochMilliseconds, utc("2026-01-01T00:00:00Z").epochMilliseconds, "month").length, 13)
  })
})

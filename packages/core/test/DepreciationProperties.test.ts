import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import * as fc from "fast-check"
import * as Depreciation from "../src/Depreciation.ts"
import type { DepreciationError } from "../src/DepreciationError.ts"
import type * as DepreciationProfile from "../src/DepreciationProfile.ts"

const ok = <A>(r: Result.Result<A, DepreciationError>): A => {
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}

const pad = (n: number) => String(n).padStart(2, "0")
const dateArb = fc.record({ y: fc.integer({ min: 2000, max: 2040 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ d, m, y }) => `${y}-${pad(m)}-${pad(d)}`)

const methodArb: fc.Arbitrary<DepreciationProfile.Method | { readonly _tag: "DecliningBalance"; readonly rate: string; readonly switchToStraightLine: boolean }> = fc.oneof(
  fc.constant({ _tag: "StraightLine" } as const),
  fc.constant({ _tag: "SumOfYearsDigits" } as const),
  fc.record({ _tag: fc.constant("DecliningBalance" as const), rate: fc.constantFrom("1.25", "1.5", "2", "2.5"), switchToStraightLine: fc.boolean() })
)

const bookArb = fc.record({
  cents: fc.bigInt({ min: 0n, max: 10_000_000_000n }),
  salvageShare: fc.integer({ min: 0, max: 100 }),
  method: methodArb,
  convention: fc.constantFrom("fullMonth", "midMonth", "halfYear", "midQuarter", "actualDays") as fc.Arbitrary<DepreciationProfile.Convention>,
  years: fc.integer({ min: 1, max: 25 }),
  extraMonths: fc.integer({ min: 0, max: 11 }),
  fiscalYearStartMonth: fc.integer({ min: 1, max: 12 }),
  placedInService: dateArb,
  granularity: fc.constantFrom("month", "year") as fc.Arbitrary<"month" | "year">
}).map((a) => {
  const salvage = (a.cents * BigInt(a.salvageShare)) / 100n
  const usefulLifeMonths = a.method._tag === "SumOfYearsDigits" ? 12 * a.years : 12 * (a.years - 1) + Math.max(1, a.extraMonths)
  return {
    cost: (Number(a.cents) / 100).toFixed(2),
    salvage,
    input: {
      cost: (Number(a.cents) / 100).toFixed(2),
      placedInService: a.placedInService,
      granularity: a.granularity,
      profile: {
        book: "book",
        method: a.method,
        convention: a.convention,
        usefulLifeMonths,
        salvage: `${salvage / 100n}.${String(salvage % 100n).padStart(2, "0")}`,
        fiscalYearStartMonth: a.fiscalYearStartMonth
      }
    }
  }
})

describe("Depreciation properties (book methods)", () => {
  it("accumulated never exceeds cost − salvage, book value never drops below salvage, and a full schedule sums to cost − salvage", () => {
    fc.assert(
      fc.property(bookArb, ({ input, salvage }) => {
        const s = ok(Depreciation.schedule(input))
        const base = s.cost - salvage
        let sum = 0n
        for (const row of s.rows) {
          sum += row.depreciation
          assert.isTrue(row.depreciation >= 0n, "no negative depreciation")
          assert.isTrue(row.accumulated <= base, "accumulated ≤ cost − salvage")
          assert.isTrue(row.bookValue >= salvage, "book value ≥ salvage")
          assert.strictEqual(row.accumulated, sum)
        }
        assert.strictEqual(sum, base)
        assert.strictEqual(s.totalDepreciation, base)
        assert.strictEqual(s.rows.at(-1)!.bookValue, salvage)
      }),
      { numRuns: 300 }
    )
  })

  it("monthly rows add up to the annual rows, fiscal year by fiscal year", () => {
    fc.assert(
      fc.property(bookArb, ({ input }) => {
        const annual = ok(Depreciation.schedule({ ...input, granularity: "year" }))
        const monthly = ok(Depreciation.schedule({ ...input, granularity: "month" }))
        const byYear = new Map<number, bigint>()
        for (const row of monthly.rows) byYear.set(row.fiscalYear, (byYear.get(row.fiscalYear) ?? 0n) + row.depreciation)
        for (const row of annual.rows) assert.strictEqual(byYear.get(row.fiscalYear) ?? 0n, row.depreciation, `fiscal ${row.fiscalYear}`)
      }),
      { numRuns: 150 }
    )
  })

  it("book value at a period's last day is the row's book value", () => {
    fc.assert(
      fc.property(bookArb, fc.nat(), ({ input }, pick) => {
        const s = ok(Depreciation.schedule(input))
        const row = s.rows[pick % s.rows.length]!
        if (row.periodEnd < input.placedInService) return
        assert.strictEqual(ok(Depreciation.bookValueAt(input, row.periodEnd)).bookValue, row.bookValue)
      }),
      { numRuns: 150 }
    )
  })

  it("impairments and disposals keep book value at or above the (lowered) salvage and never depreciate past it", () => {
    fc.assert(
      fc.property(bookArb, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 4000 }), ({ input, salvage }, share, offsetDays, disposalDays) => {
        const start = new Date(`${input.placedInService}T00:00:00Z`).getTime()
        const at = new Date(start + offsetDays * 86_400_000 * 3).toISOString().slice(0, 10)
        const bv = ok(Depreciation.bookValueAt(input, at)).bookValue
        const amount = (bv * BigInt(share)) / 100n
        if (amount <= 0n) return
        const impaired = ok(Depreciation.schedule({ ...input, impairments: [{ date: at, amount: `${amount / 100n}.${String(amount % 100n).padStart(2, "0")}` }] }))
        const floor = impaired.salvage
        assert.isTrue(floor <= salvage)
        for (const row of impaired.rows) {
          assert.isTrue(row.depreciation >= 0n)
          assert.isTrue(row.bookValue >= floor)
        }
        assert.strictEqual(impaired.rows.at(-1)!.bookValue, floor)
        assert.strictEqual(impaired.totalDepreciation + impaired.totalImpairment, impaired.cost - floor)
        // Disposed of later: the schedule stops at the disposal and its book value is the last row's. (A
        // disposal can move depreciation earlier under the half-year and mid-quarter conventions, so the
        // impairment is taken from the book value with the disposal.)
        const disposalDate = new Date(Date.parse(`${at}T00:00:00Z`) + disposalDays * 86_400_000).toISOString().slice(0, 10)
        const withDisposal = { ...input, disposal: { date: disposalDate, proceeds: 1 } }
        const bvDisposed = ok(Depreciation.bookValueAt(withDisposal, at)).bookValue
        const cut = (bvDisposed * BigInt(share)) / 100n
        const disposed = ok(Depreciation.schedule({ ...withDisposal, impairments: cut > 0n ? [{ date: at, amount: `${cut / 100n}.${String(cut % 100n).padStart(2, "0")}` }] : [] }))
        const last = disposed.rows.at(-1)!
        assert.isTrue(last.periodStart <= disposalDate && disposalDate <= last.periodEnd)
        assert.strictEqual(disposed.disposal!.bookValue, last.bookValue)
        assert.isTrue(last.bookValue >= disposed.salvage && disposed.salvage <= salvage)
        assert.strictEqual(disposed.disposal!.gainOrLoss.amount, 100n - last.bookValue)
      }),
      { numRuns: 200 }
    )
  })
})

describe("Depreciation properties (MACRS and units of production)", () => {
  it("MACRS recovers exactly the cost, for every class, convention and in-service date", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10_000_000_000n }),
        fc.constantFrom(3, 5, 7, 10, 15, 20),
        fc.constantFrom("halfYear", "midQuarter") as fc.Arbitrary<"halfYear" | "midQuarter">,
        dateArb,
        fc.constantFrom("month", "year") as fc.Arbitrary<"month" | "year">,
        (cents, recoveryPeriod, convention, placedInService, granularity) => {
          const s = ok(Depreciation.schedule({
            cost: (Number(cents) / 100).toFixed(2),
            placedInService,
            granularity,
            profile: { book: "tax", method: { _tag: "Macrs", recoveryPeriod, convention } }
          }))
          assert.strictEqual(s.totalDepreciation, cents)
          assert.isTrue(s.rows.every((r) => r.depreciation >= 0n && r.bookValue >= 0n))
        }
      ),
      { numRuns: 200 }
    )
  })

  it("units of production never depreciates more than cost − salvage", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 1_000_000_000n }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.array(fc.record({ days: fc.integer({ min: 0, max: 3000 }), units: fc.integer({ min: 0, max: 20_000 }) }), { maxLength: 20 }),
        (cents, totalUnits, usage) => {
          const s = ok(Depreciation.schedule({
            cost: (Number(cents) / 100).toFixed(2),
            placedInService: "2024-01-01",
            granularity: "month",
            profile: { book: "book", method: { _tag: "UnitsOfProduction", totalUnits } },
            usage: usage.map((u) => ({ date: new Date(Date.UTC(2024, 0, 1 + u.days)).toISOString().slice(0, 10), units: u.units }))
          }))
          const used = usage.reduce((n, u) => n + u.units, 0)
          assert.isTrue(s.totalDepreciation <= cents)
          if (used >= totalUnits) assert.strictEqual(s.totalDepreciation, cents)
        }
      ),
      { numRuns: 200 }
    )
  })
})

describe("Depreciation properties (actual days across February 29, 2024 and 2028)", () => {
  const DAY = 86_400_000
  it("a one-year life that holds February 29 spreads the cost over 366 days: each month gets its days' share", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10_000_000_000n }), fc.constantFrom(2023, 2027), fc.integer({ min: 0, max: 364 }), (cents, year, offset) => {
        // Start dates March 1 of `year` to February 28 of the next year: the year of life always holds the
        // following February 29.
        const start = Date.UTC(year, 2, 1) + offset * DAY
        const placedInService = new Date(start).toISOString().slice(0, 10)
        const s = ok(Depreciation.schedule({
          cost: (Number(cents) / 100).toFixed(2),
          placedInService,
          granularity: "month",
          profile: { book: "book", method: { _tag: "StraightLine" }, convention: "actualDays", usefulLifeMonths: 12 }
        }))
        const d = new Date(start)
        const end = Date.UTC(d.getUTCFullYear() + 1, d.getUTCMonth(), d.getUTCDate())
        assert.strictEqual((end - start) / DAY, 366)
        let exactBefore = 0n
        for (const row of s.rows) {
          const from = Math.max(start, Date.parse(`${row.periodStart}T00:00:00Z`))
          const to = Math.min(end, Date.parse(`${row.periodEnd}T00:00:00Z`) + DAY)
          const days = BigInt(Math.max(0, (to - from) / DAY))
          // Each month is within one cent of cost × days / 366 (the cumulative is rounded once per month).
          const exact = cents * days
          const low = (exact - 366n) / 366n
          const high = (exact + 366n) / 366n + 1n
          assert.isTrue(row.depreciation >= low && row.depreciation <= high, `${row.periodStart}: ${row.depreciation} vs ${exact}/366`)
          exactBefore += days
        }
        assert.strictEqual(exactBefore, 366n)
        assert.strictEqual(s.totalDepreciation, cents)
      }),
      { numRuns: 200 }
    )
  })
})

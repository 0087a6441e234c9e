import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import * as Depreciation from "../src/Depreciation.ts"
import type { DepreciationError } from "../src/DepreciationError.ts"
import * as Money from "../src/Money.ts"

const ok = <A>(r: Result.Result<A, DepreciationError>): A => {
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}
const amounts = (s: Depreciation.Schedule): Array<string> => s.rows.map((r) => Money.format(r.depreciation, s.scale))
const straightLine = { _tag: "StraightLine" } as const

describe("Depreciation: conventions", () => {
  it("full month: a full month in the in-service month, so April 15 counts April (12,000 over 60 months = 200 a month)", () => {
    const input = { cost: 12000, placedInService: "2024-04-15", profile: { book: "book", method: straightLine, usefulLifeMonths: 60 } }
    const annual = ok(Depreciation.schedule(input))
    assert.deepStrictEqual(amounts(annual), ["1800.00", "2400.00", "2400.00", "2400.00", "2400.00", "600.00"])
    const monthly = ok(Depreciation.schedule({ ...input, granularity: "month" }))
    assert.strictEqual(monthly.rows.length, 60)
    assert.deepStrictEqual([monthly.rows[0]!.periodStart, monthly.rows[0]!.periodEnd], ["2024-04-01", "2024-04-30"])
    assert.isTrue(monthly.rows.every((r) => r.depreciation === 20000n))
    assert.deepStrictEqual(monthly.rows.at(-1)!.periodEnd, "2029-03-31")
  })

  it("mid-month: IRS Publication 946 Table A-6 (27.5-year residential rental property, straight line, mid-month)", () => {
    // Placed in service in January: 11.5 of 330 months in year 1 (table: 3.485 %), 12 of 330 afterwards
    // (3.636 %), and the last 6.5 months in year 28 (1.970 %). On $100,000: 3,484.85 (within the table's
    // 0.001 % = $1 rounding of 3,485), 3,636.36 and 1,969.70.
    const s = ok(Depreciation.schedule({
      cost: 100000,
      placedInService: "2024-01-10",
      profile: { book: "book", method: straightLine, convention: "midMonth", usefulLifeMonths: 330 }
    }))
    assert.strictEqual(s.rows.length, 28)
    assert.deepStrictEqual(amounts(s).slice(0, 2), ["3484.85", "3636.36"])
    assert.deepStrictEqual(amounts(s).at(-1), "1969.70")
    assert.isAtMost(Math.abs(Number(s.rows[0]!.depreciation) - 348500), 50)
    assert.isAtMost(Math.abs(Number(s.rows.at(-1)!.depreciation) - 197000), 50)
    // July: 5.5 of 330 months (table: 1.667 %).
    const july = ok(Depreciation.schedule({
      cost: 100000,
      placedInService: "2024-07-31",
      profile: { book: "book", method: straightLine, convention: "midMonth", usefulLifeMonths: 330 }
    }))
    assert.strictEqual(amounts(july)[0], "1666.67")
  })

  it("half-year: IRS Publication 946 Table A-8 (straight line, half-year), 5-year: 10 %, 20 % × 4, 10 %", () => {
    const input = { cost: 10000, placedInService: "2024-09-20", profile: { book: "book", method: straightLine, convention: "halfYear" as const, usefulLifeYears: 5 } }
    assert.deepStrictEqual(amounts(ok(Depreciation.schedule(input))), ["1000.00", "2000.00", "2000.00", "2000.00", "2000.00", "1000.00"])
    // Month by month, the first year's half-year amount is spread over September to December and the last
    // one over January to June.
    const monthly = ok(Depreciation.schedule({ ...input, granularity: "month" }))
    assert.deepStrictEqual(amounts(monthly).slice(0, 4), ["250.00", "250.00", "250.00", "250.00"])
    assert.deepStrictEqual(monthly.rows.at(-1)!.periodEnd, "2029-06-30")
    assert.strictEqual(monthly.totalDepreciation, 1000000n)
  })

  it("mid-quarter: IRS Publication 946 Tables A-9 and A-12 (straight line, mid-quarter), 5-year", () => {
    // First quarter: 17.50 %, 20 % × 4, 2.50 %. Fourth quarter: 2.50 %, 20 % × 4, 17.50 %.
    const q1 = ok(Depreciation.schedule({ cost: 10000, placedInService: "2024-02-10", profile: { book: "book", method: straightLine, convention: "midQuarter", usefulLifeYears: 5 } }))
    assert.deepStrictEqual(amounts(q1), ["1750.00", "2000.00", "2000.00", "2000.00", "2000.00", "250.00"])
    const q4 = ok(Depreciation.schedule({ cost: 10000, placedInService: "2024-11-05", profile: { book: "book", method: straightLine, convention: "midQuarter", usefulLifeYears: 5 } }))
    assert.deepStrictEqual(amounts(q4), ["250.00", "2000.00", "2000.00", "2000.00", "2000.00", "1750.00"])
  })

  it("fiscal year starting in July: fiscal 2024 runs July 2023 to June 2024", () => {
    const s = ok(Depreciation.schedule({
      cost: 12000,
      placedInService: "2024-03-10",
      profile: { book: "book", method: straightLine, usefulLifeMonths: 12, fiscalYearStartMonth: 7 }
    }))
    assert.deepStrictEqual(amounts(s), ["4000.00", "8000.00"])
    assert.deepStrictEqual(s.rows.map((r) => [r.fiscalYear, r.periodStart, r.periodEnd]), [[2024, "2023-07-01", "2024-06-30"], [2025, "2024-07-01", "2025-06-30"]])
  })
})

describe("Depreciation: actual days and leap years", () => {
  const actual = (cost: number, placedInService: string, usefulLifeMonths: number, granularity: "month" | "year") =>
    ok(Depreciation.schedule({ cost, placedInService, granularity, profile: { book: "book", method: straightLine, convention: "actualDays", usefulLifeMonths } }))

  it("a 366-day life in 2024 gives February 29 days (36,600 over 366 days = 100 a day)", () => {
    const s = actual(36600, "2024-01-01", 12, "month")
    assert.deepStrictEqual(amounts(s), ["3100.00", "2900.00", "3100.00", "3000.00", "3100.00", "3000.00", "3100.00", "3100.00", "3000.00", "3100.00", "3000.00", "3100.00"])
  })

  it("a year from March 1, 2023 includes February 29, 2024: 366 days, 306 in 2023 and 60 in 2024", () => {
    const s = actual(36600, "2023-03-01", 12, "year")
    assert.deepStrictEqual(amounts(s), ["30600.00", "6000.00"])
    assert.deepStrictEqual(amounts(actual(36600, "2023-03-01", 12, "month")).at(-1), "2900.00")
  })

  it("the same across February 29, 2028", () => {
    assert.deepStrictEqual(amounts(actual(36600, "2027-03-01", 12, "year")), ["30600.00", "6000.00"])
    assert.deepStrictEqual(amounts(actual(36600, "2027-03-01", 12, "month")).at(-1), "2900.00")
  })

  it("a year from March 1, 2025 has 365 days: 100 a day on 36,500", () => {
    assert.deepStrictEqual(amounts(actual(36500, "2025-03-01", 12, "year")), ["30600.00", "5900.00"])
  })

  it("book value at February 28 and 29, 2024", () => {
    const input = { cost: 36600, placedInService: "2024-01-01", profile: { book: "book", method: straightLine, convention: "actualDays" as const, usefulLifeMonths: 12 } }
    assert.strictEqual(ok(Depreciation.bookValueAt(input, "2024-02-28")).accumulated, 590000n)
    assert.strictEqual(ok(Depreciation.bookValueAt(input, "2024-02-29")).accumulated, 600000n)
    assert.strictEqual(ok(Depreciation.bookValueAt(input, "2024-02-29")).bookValue, 3060000n)
  })
})

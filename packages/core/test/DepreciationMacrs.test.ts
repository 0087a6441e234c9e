import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import * as Depreciation from "../src/Depreciation.ts"
import type { DepreciationError } from "../src/DepreciationError.ts"
import * as MacrsTables from "../src/MacrsTables.ts"
import * as Money from "../src/Money.ts"

const ok = <A>(r: Result.Result<A, DepreciationError>): A => {
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}
const amounts = (s: Depreciation.Schedule): Array<string> => s.rows.map((r) => Money.format(r.depreciation, s.scale))
const macrs = (recoveryPeriod: number, convention: "halfYear" | "midQuarter") => ({ book: "tax", method: { _tag: "Macrs" as const, recoveryPeriod, convention } })

/** A percentage string in units of its last digit, and that digit's size (2 decimals: 0.01). */
const units = (p: string): { value: number; decimals: number } => {
  const [whole, fraction = ""] = p.split(".")
  return { value: Number(`${whole}${fraction}`), decimals: fraction.length }
}

describe("MacrsTables", () => {
  it("every column of Tables A-1 to A-5 sums to 100 % within the table's own rounding", () => {
    for (const { name, table } of MacrsTables.all) {
      for (const [period, column] of Object.entries(table)) {
        // n + 1 recovery years for an n-year class (the half-year or mid-quarter tail).
        assert.strictEqual(column.length, Number(period) + 1, `${name} ${period}-year length`)
        const decimals = units(column[0]!).decimals
        assert.isTrue(column.every((p) => units(p).decimals === decimals), `${name} ${period}-year uses one precision`)
        const sum = column.reduce((s, p) => s + units(p).value, 0)
        const hundred = 100 * 10 ** decimals
        // Each printed percentage is off by at most half a unit of its last digit.
        assert.isAtMost(Math.abs(sum - hundred), column.length / 2, `${name} ${period}-year sums to ${sum / 10 ** decimals}`)
      }
    }
  })
})

describe("Depreciation: MACRS GDS (IRS Publication 946, Appendix A)", () => {
  it("Table A-1, 7-year property, half-year: $10,000 → 1,429, 2,449, 1,749, 1,249, 893, 892, 893, 446", () => {
    const s = ok(Depreciation.schedule({ cost: 10000, placedInService: "2024-06-15", profile: macrs(7, "halfYear") }))
    assert.deepStrictEqual(amounts(s), ["1429.00", "2449.00", "1749.00", "1249.00", "893.00", "892.00", "893.00", "446.00"])
    assert.strictEqual(s.totalDepreciation, 1000000n)
  })

  it("Table A-1 ignores salvage: the whole basis is recovered", () => {
    const s = ok(Depreciation.schedule({ cost: 10000, placedInService: "2024-06-15", profile: { ...macrs(5, "halfYear"), salvage: 2000 } }))
    assert.deepStrictEqual(amounts(s), ["2000.00", "3200.00", "1920.00", "1152.00", "1152.00", "576.00"])
    assert.strictEqual(s.rows.at(-1)!.bookValue, 0n)
  })

  it("Table A-5, 5-year property placed in service in the fourth quarter: 5 %, 38 %, 22.8 %, 13.68 %, 10.94 %, 9.58 %", () => {
    const s = ok(Depreciation.schedule({ cost: 10000, placedInService: "2024-11-15", profile: macrs(5, "midQuarter") }))
    assert.deepStrictEqual(amounts(s), ["500.00", "3800.00", "2280.00", "1368.00", "1094.00", "958.00"])
  })

  it("Table A-4, 7-year property placed in service in the third quarter", () => {
    const s = ok(Depreciation.schedule({ cost: 10000, placedInService: "2024-08-01", profile: macrs(7, "midQuarter") }))
    assert.deepStrictEqual(amounts(s), ["1071.00", "2551.00", "1822.00", "1302.00", "930.00", "885.00", "886.00", "553.00"])
  })

  it("Table A-3 (second quarter), 5-year: the quarter comes from the in-service date, or is given", () => {
    const s = ok(Depreciation.schedule({ cost: 10000, placedInService: "2024-05-15", profile: macrs(5, "midQuarter") }))
    assert.deepStrictEqual(amounts(s), ["2500.00", "3000.00", "1800.00", "1137.00", "1137.00", "426.00"])
    const given = ok(Depreciation.schedule({
      cost: 10000,
      placedInService: "2024-05-15",
      profile: { book: "tax", method: { _tag: "Macrs", recoveryPeriod: 5, convention: "midQuarter", quarter: 1 } }
    }))
    assert.deepStrictEqual(amounts(given)[0], "3500.00")
  })

  it("Table A-1, 20-year property: the three-decimal column, and the last year takes what the rounding leaves", () => {
    const s = ok(Depreciation.schedule({ cost: 100000, placedInService: "2024-03-01", profile: macrs(20, "halfYear") }))
    assert.deepStrictEqual(amounts(s).slice(0, 3), ["3750.00", "7219.00", "6677.00"])
    assert.strictEqual(s.rows.length, 21)
    assert.strictEqual(s.totalDepreciation, 10000000n)
  })

  it("tax years follow the fiscal year: a July fiscal year makes August 2024 part of tax year 2025", () => {
    const s = ok(Depreciation.schedule({ cost: 10000, placedInService: "2024-08-01", profile: { ...macrs(5, "halfYear"), fiscalYearStartMonth: 7 } }))
    assert.deepStrictEqual(s.rows.map((r) => r.fiscalYear), [2025, 2026, 2027, 2028, 2029, 2030])
  })

  it("month by month: the first tax year from the in-service month, the last one over its first half", () => {
    const s = ok(Depreciation.schedule({ cost: 12000, placedInService: "2024-03-10", granularity: "month", profile: macrs(5, "halfYear") }))
    // 20 % = 2,400 over March to December; the last 5.76 % = 691.20 over January to June 2029.
    assert.deepStrictEqual(amounts(s).slice(0, 10), Array(10).fill("240.00"))
    assert.deepStrictEqual(amounts(s).slice(-6), Array(6).fill("115.20"))
    assert.strictEqual(s.rows.at(-1)!.periodEnd, "2029-06-30")
    assert.strictEqual(s.totalDepreciation, 1200000n)
  })

  it("disposal under the half-year convention: half of the year's table amount (Publication 946, 'Property disposed of before the end of the recovery period')", () => {
    // 5-year property, $1,000, disposed of in year 3: 200 + 320 + 192 / 2 = 616; book value 384; sold for 500.
    const s = ok(Depreciation.schedule({ cost: 1000, placedInService: "2024-04-01", profile: macrs(5, "halfYear"), disposal: { date: "2026-05-10", proceeds: 500 } }))
    assert.deepStrictEqual(amounts(s), ["200.00", "320.00", "96.00"])
    assert.deepStrictEqual(s.disposal, { date: "2026-05-10", bookValue: 38400n, proceeds: 50000n, gainOrLoss: { kind: "gain", amount: 11600n } })
  })

  it("disposal under the mid-quarter convention: the year's amount up to the middle of the disposal quarter (62.5 % in the third)", () => {
    const s = ok(Depreciation.schedule({ cost: 10000, placedInService: "2024-11-15", profile: macrs(5, "midQuarter"), disposal: { date: "2026-08-20" } }))
    assert.deepStrictEqual(amounts(s), ["500.00", "3800.00", "1425.00"])
    assert.strictEqual(s.disposal!.bookValue, 427500n)
    assert.deepStrictEqual(s.disposal!.gainOrLoss, { kind: "loss", amount: -427500n })
  })

  it("no deduction when placed in service and disposed of in the same tax year", () => {
    const s = ok(Depreciation.schedule({ cost: 1000, placedInService: "2024-02-01", profile: macrs(5, "halfYear"), disposal: { date: "2024-11-30", proceeds: 900 } }))
    assert.strictEqual(s.totalDepreciation, 0n)
    assert.deepStrictEqual(s.disposal!.gainOrLoss, { kind: "loss", amount: -10000n })
  })
})

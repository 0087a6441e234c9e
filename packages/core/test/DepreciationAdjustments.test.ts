import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import * as Depreciation from "../src/Depreciation.ts"
import type { DepreciationError } from "../src/DepreciationError.ts"
import * as DepreciationProfile from "../src/DepreciationProfile.ts"
import * as Money from "../src/Money.ts"

const ok = <A>(r: Result.Result<A, DepreciationError>): A => {
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}
const failure = <A>(r: Result.Result<A, DepreciationError>): DepreciationError => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure
}
const amounts = (s: Depreciation.Schedule): Array<string> => s.rows.map((r) => Money.format(r.depreciation, s.scale))
const straightLine = { _tag: "StraightLine" } as const

describe("Depreciation: disposal", () => {
  // $10,000 over five years from January 1, 2024, sold on July 15, 2026 for $6,000. Worked by hand from each
  // convention's definition.
  const sold = (convention: DepreciationProfile.Convention, proceeds: number) =>
    ok(Depreciation.schedule({
      cost: 10000,
      placedInService: "2024-01-01",
      profile: { book: "book", method: straightLine, convention, usefulLifeYears: 5 },
      disposal: { date: "2026-07-15", proceeds }
    }))

  it("full month: nothing in the disposal month, so January 2024 to June 2026 (30 months of 166.67)", () => {
    const s = sold("fullMonth", 6000)
    assert.deepStrictEqual(amounts(s), ["2000.00", "2000.00", "1000.00"])
    assert.deepStrictEqual(s.disposal, { date: "2026-07-15", bookValue: 500000n, proceeds: 600000n, gainOrLoss: { kind: "gain", amount: 100000n } })
    assert.deepStrictEqual(sold("fullMonth", 4000).disposal!.gainOrLoss, { kind: "loss", amount: -100000n })
  })

  it("mid-month: from the middle of January 2024 to the middle of July 2026, also 30 months", () => {
    assert.strictEqual(sold("midMonth", 6000).disposal!.bookValue, 500000n)
  })

  it("half-year: from the middle of 2024 to the middle of 2026, 24 months: book value 6,000, no gain", () => {
    const s = sold("halfYear", 6000)
    assert.deepStrictEqual(amounts(s), ["1000.00", "2000.00", "1000.00"])
    assert.deepStrictEqual(s.disposal!.gainOrLoss, { kind: "none", amount: 0n })
  })

  it("actual days: each year of life spread over its own days, 366 in 2024, up to the day before the disposal", () => {
    // Life years run from January 1: 2024 (366 days) and 2025 take 2,000 each; 2026 takes 195 of its 365 days
    // (January 1 to July 14): 2,000 × 195 / 365 = 1,068.49. Book value 4,931.51; gain 1,068.49.
    const s = sold("actualDays", 6000)
    assert.deepStrictEqual(amounts(s), ["2000.00", "2000.00", "1068.49"])
    assert.deepStrictEqual(s.disposal!.gainOrLoss, { kind: "gain", amount: 106849n })
  })

  it("book value inside a month: full month counts the month's depreciation in proportion to the days elapsed", () => {
    // 12,000 over 60 months from April 15, 2024: April's 200 is half gone on April 15 (15 of 30 days).
    const input = { cost: 12000, placedInService: "2024-04-15", profile: { book: "book", method: straightLine, usefulLifeMonths: 60 } }
    assert.strictEqual(ok(Depreciation.bookValueAt(input, "2024-04-15")).bookValue, 1190000n)
    assert.strictEqual(ok(Depreciation.bookValueAt(input, "2024-04-30")).bookValue, 1180000n)
    assert.strictEqual(ok(Depreciation.bookValueAt(input, "2040-01-01")).bookValue, 0n)
  })

  it("book value is 0 on and after the disposal date", () => {
    const input = { cost: 10000, placedInService: "2024-01-01", profile: { book: "book", method: straightLine, usefulLifeYears: 5 }, disposal: { date: "2026-07-15" } }
    assert.deepStrictEqual(ok(Depreciation.bookValueAt(input, "2026-07-14")).disposed, false)
    assert.deepStrictEqual(ok(Depreciation.bookValueAt(input, "2027-01-01")), {
      book: "book",
      date: "2027-01-01",
      accumulated: 500000n,
      impairment: 0n,
      bookValue: 0n,
      disposed: true
    })
  })

  it("gainOrLoss is proceeds less book value", () => {
    assert.deepStrictEqual(Depreciation.gainOrLoss(38400n, 50000n), { kind: "gain", amount: 11600n })
    assert.deepStrictEqual(Depreciation.gainOrLoss(38400n, 0n), { kind: "loss", amount: -38400n })
    assert.deepStrictEqual(Depreciation.gainOrLoss(5n, 5n), { kind: "none", amount: 0n })
  })
})

describe("Depreciation: impairment (IAS 36.63: the revised carrying amount less residual value over the remaining life)", () => {
  const base = { cost: 100000, placedInService: "2020-01-01" }

  it("straight line: 10,000 a year; a 20,000 impairment at the end of 2024 leaves 30,000 over 5 years", () => {
    const s = ok(Depreciation.schedule({ ...base, profile: { book: "book", method: straightLine, usefulLifeYears: 10 }, impairments: [{ date: "2024-12-31", amount: 20000 }] }))
    assert.deepStrictEqual(amounts(s), ["10000.00", "10000.00", "10000.00", "10000.00", "10000.00", "6000.00", "6000.00", "6000.00", "6000.00", "6000.00"])
    assert.strictEqual(s.rows[4]!.impairment, 2000000n)
    assert.strictEqual(s.rows[4]!.bookValue, 3000000n)
    assert.strictEqual(s.rows.at(-1)!.bookValue, 0n)
    assert.strictEqual(s.totalImpairment, 2000000n)
    assert.strictEqual(ok(Depreciation.bookValueAt({ ...base, profile: { book: "book", method: straightLine, usefulLifeYears: 10 }, impairments: [{ date: "2024-12-31", amount: 20000 }] }, "2025-12-31")).bookValue, 2400000n)
  })

  it("an impairment below salvage lowers salvage and ends depreciation", () => {
    // With 10,000 salvage: book value at the end of 2024 is 100,000 − 5 × 9,000 = 55,000; impaired by 50,000 to
    // 5,000, below salvage: nothing more to depreciate and the new salvage is 5,000.
    const s = ok(Depreciation.schedule({ ...base, profile: { book: "book", method: straightLine, usefulLifeYears: 10, salvage: 10000 }, impairments: [{ date: "2024-12-31", amount: 50000 }] }))
    assert.deepStrictEqual(amounts(s).slice(5), ["0.00", "0.00", "0.00", "0.00", "0.00"])
    assert.strictEqual(s.salvage, 500000n)
    assert.strictEqual(s.rows.at(-1)!.bookValue, 500000n)
  })

  it("double declining balance continues at 40 % on the impaired balance", () => {
    // 1,000 over 5 years: 400, 240 (book value 360); impaired by 60 to 300: 120, 72, and the last year 108.
    const s = ok(Depreciation.schedule({
      cost: 1000,
      placedInService: "2024-01-01",
      profile: { book: "book", method: { _tag: "DecliningBalance", rate: 2 }, usefulLifeYears: 5 },
      impairments: [{ date: "2025-12-31", amount: 60 }]
    }))
    assert.deepStrictEqual(amounts(s), ["400.00", "240.00", "120.00", "72.00", "108.00"])
  })

  it("units of production: the impaired base over the units left lowers the rate per unit", () => {
    // 10,000 over 1,000 units = 10 a unit; 100 units by June 30 (1,000). Book value 10,000 impaired by 4,500 to
    // 5,500: 4,500 above salvage over the 900 units left = 5 a unit, so 200 units in September are 1,000.
    const s = ok(Depreciation.schedule({
      cost: 11000,
      placedInService: "2024-01-01",
      granularity: "month",
      profile: { book: "book", method: { _tag: "UnitsOfProduction", totalUnits: 1000 }, salvage: 1000 },
      usage: [{ date: "2024-06-10", units: 100 }, { date: "2024-09-10", units: 200 }],
      impairments: [{ date: "2024-06-30", amount: 4500 }]
    }))
    assert.deepStrictEqual(amounts(s), ["0.00", "0.00", "0.00", "0.00", "0.00", "1000.00", "0.00", "0.00", "1000.00"])
    assert.strictEqual(s.rows.at(-1)!.bookValue, 450000n)
    // Usage later in the month of an impairment is after it: impaired on June 20, 100 units on June 25 are
    // at the lower rate (5), those of June 10 at the old one (10).
    const sameMonth = ok(Depreciation.schedule({
      cost: 11000,
      placedInService: "2024-01-01",
      profile: { book: "book", method: { _tag: "UnitsOfProduction", totalUnits: 1000 }, salvage: 1000 },
      usage: [{ date: "2024-06-10", units: 100 }, { date: "2024-06-25", units: 100 }],
      impairments: [{ date: "2024-06-20", amount: 4500 }]
    }))
    assert.deepStrictEqual(amounts(sameMonth), ["1500.00"])
  })

  it("an impairment larger than book value is refused", () => {
    const e = failure(Depreciation.schedule({ ...base, profile: { book: "book", method: straightLine, usefulLifeYears: 10 }, impairments: [{ date: "2024-12-31", amount: 50000.01 }] }))
    assert.strictEqual(e._tag, "ImpairmentAboveBookValue")
    assert.include(e.message, "exceeds the book value of 50000.00")
  })

  it("MACRS takes no impairment unless the impairment names another book", () => {
    const tax = { book: "tax", method: { _tag: "Macrs" as const, recoveryPeriod: 5, convention: "halfYear" as const } }
    assert.strictEqual(failure(Depreciation.schedule({ ...base, profile: tax, impairments: [{ date: "2022-12-31", amount: 1000 }] }))._tag, "UnsupportedAdjustment")
    assert.strictEqual(ok(Depreciation.schedule({ ...base, profile: tax, impairments: [{ date: "2022-12-31", amount: 1000, book: "book" }] })).totalImpairment, 0n)
  })
})

describe("Depreciation.books", () => {
  it("one schedule per book: straight line for the books, MACRS for tax", () => {
    const [book, tax] = ok(Depreciation.books({
      cost: 10000,
      placedInService: "2024-01-01",
      profiles: [
        { book: "book", method: straightLine, usefulLifeYears: 5, salvage: 1000 },
        { book: "tax", method: { _tag: "Macrs", recoveryPeriod: 5, convention: "halfYear" } }
      ],
      impairments: [{ date: "2025-12-31", amount: 1200, book: "book" }]
    }))
    // Book: 9,000 / 5 = 1,800 a year; at the end of 2025 the book value 6,400 is impaired by 1,200 to 5,200:
    // (5,200 − 1,000) / 3 = 1,400 a year. The tax book ignores the impairment (it names the book).
    assert.deepStrictEqual(amounts(book!), ["1800.00", "1800.00", "1400.00", "1400.00", "1400.00"])
    assert.deepStrictEqual(amounts(tax!), ["2000.00", "3200.00", "1920.00", "1152.00", "1152.00", "576.00"])
  })

  it("refuses two profiles with the same book", () => {
    const e = failure(Depreciation.books({
      cost: 10000,
      placedInService: "2024-01-01",
      profiles: [{ book: "tax", method: straightLine, usefulLifeYears: 5 }, { book: "tax", method: straightLine, usefulLifeYears: 3 }]
    }))
    assert.strictEqual(e._tag, "DuplicateBook")
  })
})

describe("Depreciation: bad input is a typed error", () => {
  const input = { cost: 1000, placedInService: "2024-01-01" }
  const tag = <A>(r: Result.Result<A, DepreciationError>) => failure(r)._tag

  it("salvage above cost", () => {
    const e = failure(Depreciation.schedule({ ...input, profile: { book: "book", method: straightLine, usefulLifeYears: 5, salvage: "1000.01" } }))
    assert.strictEqual(e._tag, "SalvageAboveCost")
    assert.strictEqual(e.message, `Depreciation.schedule: book "book" has a salvage value of 1000.01, above the cost of 1000.00`)
  })

  it("a life of zero, below zero, missing, given twice, or not whole years for sum of the years' digits", () => {
    assert.strictEqual(tag(Depreciation.schedule({ ...input, profile: { book: "book", method: straightLine, usefulLifeMonths: 0 } })), "InvalidLife")
    assert.strictEqual(tag(Depreciation.schedule({ ...input, profile: { book: "book", method: straightLine, usefulLifeYears: -2 } })), "InvalidLife")
    assert.strictEqual(tag(Depreciation.schedule({ ...input, profile: { book: "book", method: straightLine } })), "InvalidLife")
    assert.strictEqual(tag(Depreciation.schedule({ ...input, profile: { book: "book", method: straightLine, usefulLifeYears: 1, usefulLifeMonths: 12 } })), "InvalidLife")
    assert.strictEqual(tag(Depreciation.schedule({ ...input, profile: { book: "book", method: { _tag: "SumOfYearsDigits" }, usefulLifeMonths: 18 } })), "InvalidLife")
  })

  it("an unknown MACRS class or quarter", () => {
    assert.strictEqual(tag(DepreciationProfile.decode({ book: "tax", method: { _tag: "Macrs", recoveryPeriod: 4, convention: "halfYear" } })), "UnknownMacrsTable")
    const e = failure(DepreciationProfile.decode({ book: "tax", method: { _tag: "Macrs", recoveryPeriod: 5, convention: "midQuarter", quarter: 5 } }))
    assert.strictEqual(e.message, "DepreciationProfile.decode: method.quarter 5 has no MACRS table (allowed: 1, 2, 3, 4)")
  })

  it("a declining-balance rate that is not positive", () => {
    const e = failure(Depreciation.schedule({ ...input, profile: { book: "book", method: { _tag: "DecliningBalance", rate: 0 }, usefulLifeYears: 5 } }))
    assert.strictEqual(e._tag, "InvalidDepreciationInput")
    assert.include(e.message, "method.rate")
  })

  it("units of production without (positive) total units", () => {
    assert.strictEqual(tag(Depreciation.schedule({ ...input, profile: { book: "book", method: { _tag: "UnitsOfProduction" } } })), "MissingTotalUnits")
    assert.strictEqual(tag(Depreciation.schedule({ ...input, profile: { book: "book", method: { _tag: "UnitsOfProduction", totalUnits: 0 } } })), "MissingTotalUnits")
  })

  it("dates before the in-service date", () => {
    const profile = { book: "book", method: straightLine, usefulLifeYears: 5 }
    assert.strictEqual(tag(Depreciation.schedule({ ...input, profile, disposal: { date: "2023-12-31" } })), "DateOutOfRange")
    assert.strictEqual(tag(Depreciation.schedule({ ...input, profile, impairments: [{ date: "2023-06-30", amount: 10 }] })), "DateOutOfRange")
    assert.strictEqual(tag(Depreciation.bookValueAt({ ...input, profile }, "2023-12-31")), "DateOutOfRange")
    assert.strictEqual(
      tag(Depreciation.schedule({ ...input, profile: { book: "book", method: { _tag: "UnitsOfProduction", totalUnits: 10 } }, usage: [{ date: "2023-01-01", units: 1 }] })),
      "DateOutOfRange"
    )
    assert.strictEqual(tag(Depreciation.schedule({ ...input, profile, disposal: { date: "2025-01-01" }, impairments: [{ date: "2025-06-30", amount: 10 }] })), "DateOutOfRange")
  })

  it("malformed input: a date that does not exist, more decimals than the currency, a negative cost, an unknown method", () => {
    const profile = { book: "book", method: straightLine, usefulLifeYears: 5 }
    const e = failure(Depreciation.schedule({ ...input, placedInService: "2023-02-29", profile }))
    assert.strictEqual(e._tag, "InvalidDepreciationInput")
    assert.include(e.message, "placedInService")
    assert.strictEqual(tag(Depreciation.schedule({ ...input, cost: "10.005", profile })), "InvalidDepreciationInput")
    assert.strictEqual(tag(Depreciation.schedule({ ...input, cost: -1, profile })), "InvalidDepreciationInput")
    assert.strictEqual(tag(Depreciation.schedule({ ...input, profile: { ...profile, method: { _tag: "Magic" } } as never })), "InvalidDepreciationInput")
  })
})

describe("DepreciationProfile.decode", () => {
  it("applies the defaults: full month, salvage 0, fiscal year from January", () => {
    const p = ok(DepreciationProfile.decode({ book: "book", method: { _tag: "DecliningBalance", rate: 1.5 }, usefulLifeYears: 5 }))
    assert.deepStrictEqual(p, {
      book: "book",
      method: { _tag: "DecliningBalance", rate: 1.5, switchToStraightLine: false },
      convention: "fullMonth",
      usefulLifeYears: 5,
      salvage: "0",
      fiscalYearStartMonth: 1
    })
    assert.strictEqual(DepreciationProfile.lifeMonths(p), 60)
  })

  it("refuses an empty book name and a fiscal month outside 1-12", () => {
    assert.strictEqual(failure(DepreciationProfile.decode({ book: " ", method: straightLine, usefulLifeYears: 5 }))._tag, "InvalidDepreciationInput")
    assert.strictEqual(failure(DepreciationProfile.decode({ book: "b", method: straightLine, usefulLifeYears: 5, fiscalYearStartMonth: 13 }))._tag, "InvalidDepreciationInput")
  })
})

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

/** The depreciation of each row, as decimal strings at scale 2. */
const amounts = (s: Depreciation.Schedule): Array<string> => s.rows.map((r) => Money.format(r.depreciation, s.scale))
const column = (s: Depreciation.Schedule, key: "bookValue" | "accumulated"): Array<string> => s.rows.map((r) => Money.format(r[key], s.scale))

const profile = (p: Partial<DepreciationProfile.ProfileInput> & Pick<DepreciationProfile.ProfileInput, "method">): DepreciationProfile.ProfileInput => ({
  book: "book",
  ...p
})

describe("Depreciation: straight line, declining balance and sum of the years' digits", () => {
  // Wikipedia, "Depreciation", the worked example used for every method: an asset costing $1,000 with a salvage
  // value of $100 and a useful life of 5 years. Placed in service on January 1 (full-month convention,
  // calendar fiscal year), so each fiscal year is one year of life.
  const asset = { cost: "1000.00", placedInService: "2024-01-01" }

  it("straight line: (1,000 − 100) / 5 = 180 a year (Wikipedia, Depreciation, straight-line example)", () => {
    const s = ok(Depreciation.schedule({ ...asset, profile: profile({ method: { _tag: "StraightLine" }, usefulLifeYears: 5, salvage: "100" }) }))
    assert.deepStrictEqual(amounts(s), ["180.00", "180.00", "180.00", "180.00", "180.00"])
    assert.deepStrictEqual(column(s, "bookValue"), ["820.00", "640.00", "460.00", "280.00", "100.00"])
    assert.deepStrictEqual(s.rows.map((r) => r.fiscalYear), [2024, 2025, 2026, 2027, 2028])
  })

  it("double declining balance: 400, 240, 144, 86.40, 29.60 down to salvage (Wikipedia, Depreciation, declining-balance example)", () => {
    // Rate 2 / 5 = 40 % of the opening book value: 1,000 → 600 → 360 → 216 → 129.60; the last year only takes
    // the book value down to the $100 salvage: 29.60.
    const s = ok(Depreciation.schedule({ ...asset, profile: profile({ method: { _tag: "DecliningBalance", rate: 2 }, usefulLifeYears: 5, salvage: "100" }) }))
    assert.deepStrictEqual(amounts(s), ["400.00", "240.00", "144.00", "86.40", "29.60"])
    assert.deepStrictEqual(column(s, "bookValue"), ["600.00", "360.00", "216.00", "129.60", "100.00"])
    // With the switch allowed the answer is the same: straight line never beats 40 % of the balance here
    // (year 4: (216 − 100) / 2 = 58 < 86.40).
    const switched = ok(Depreciation.schedule({
      ...asset,
      profile: profile({ method: { _tag: "DecliningBalance", rate: 2, switchToStraightLine: true }, usefulLifeYears: 5, salvage: "100" })
    }))
    assert.deepStrictEqual(amounts(switched), amounts(s))
  })

  it("double declining with the switch to straight line, no salvage: 400, 240, 144, 108, 108", () => {
    // Same asset without salvage. Year 4 opens at 216: straight line over the 2 remaining years is 108 > 40 % ×
    // 216 = 86.40, so the method switches and years 4 and 5 take 108 each.
    const s = ok(Depreciation.schedule({
      ...asset,
      profile: profile({ method: { _tag: "DecliningBalance", rate: 2, switchToStraightLine: true }, usefulLifeYears: 5 })
    }))
    assert.deepStrictEqual(amounts(s), ["400.00", "240.00", "144.00", "108.00", "108.00"])
    // Without the switch the last year takes all that is left: 1,000 − 870.40 = 129.60.
    const plain = ok(Depreciation.schedule({ ...asset, profile: profile({ method: { _tag: "DecliningBalance", rate: 2 }, usefulLifeYears: 5 }) }))
    assert.deepStrictEqual(amounts(plain), ["400.00", "240.00", "144.00", "86.40", "129.60"])
  })

  it("double declining balance stops at salvage (financial accounting textbook truck: $90,000 cost, $10,000 salvage, 5 years)", () => {
    // As quoted at coursehero.com/file/6545511: 36,000; 21,600; 12,960; 7,776; then only 1,664 in year 5
    // because 40 % of 11,664 would go below salvage. "If the truck's salvage value were $20,000, then
    // depreciation expense would have been limited to $12,400 during year three, and no depreciation expense
    // would be recorded during year four or year five."
    const truck = { cost: 90000, placedInService: "2024-01-01" }
    const s = ok(Depreciation.schedule({ ...truck, profile: profile({ method: { _tag: "DecliningBalance", rate: 2 }, usefulLifeYears: 5, salvage: 10000 }) }))
    assert.deepStrictEqual(amounts(s), ["36000.00", "21600.00", "12960.00", "7776.00", "1664.00"])
    const high = ok(Depreciation.schedule({ ...truck, profile: profile({ method: { _tag: "DecliningBalance", rate: 2 }, usefulLifeYears: 5, salvage: 20000 }) }))
    assert.deepStrictEqual(amounts(high), ["36000.00", "21600.00", "12400.00", "0.00", "0.00"])
  })

  it("150% declining balance: 30 % of the opening balance (Scribd, 'Declining Balance 150% Depreciation': $17,200 cost, $1,000 salvage, 5 years)", () => {
    // The sheet lists 5,160.00; 3,612.00; 2,528.40; 1,769.88; 1,238.92 (leaving 2,890.80). The first four are
    // the rate 1.5 / 5 = 30 % on the opening balance; in the last year of life this SDK takes the book value
    // down to salvage instead (documented): 17,200 − 1,000 − 13,070.28 = 3,129.72.
    const s = ok(Depreciation.schedule({
      cost: 17200,
      placedInService: "2024-01-01",
      profile: profile({ method: { _tag: "DecliningBalance", rate: "1.5" }, usefulLifeYears: 5, salvage: 1000 })
    }))
    assert.deepStrictEqual(amounts(s), ["5160.00", "3612.00", "2528.40", "1769.88", "3129.72"])
    assert.strictEqual(s.rows.at(-1)!.bookValue, 100000n)
  })

  it("sum of the years' digits: 5/15, 4/15, ... of 900 (Wikipedia, Depreciation, sum-of-years-digits example)", () => {
    const s = ok(Depreciation.schedule({ ...asset, profile: profile({ method: { _tag: "SumOfYearsDigits" }, usefulLifeYears: 5, salvage: "100" }) }))
    assert.deepStrictEqual(amounts(s), ["300.00", "240.00", "180.00", "120.00", "60.00"])
  })

  it("sum of the years' digits with a partial first year takes a share of two life years per fiscal year", () => {
    // Textbook partial-year rule (e.g. Kieso, Intermediate Accounting, "Partial periods"): placed in service
    // on July 1 under the full-month convention, fiscal 2024 gets 6/12 of life year 1 (300) = 150, fiscal 2025
    // gets 6/12 × 300 + 6/12 × 240 = 270, then 210, 150, 90 and the last half of life year 5: 30.
    const s = ok(Depreciation.schedule({
      cost: "1000.00",
      placedInService: "2024-07-01",
      profile: profile({ method: { _tag: "SumOfYearsDigits" }, usefulLifeYears: 5, salvage: "100" })
    }))
    assert.deepStrictEqual(amounts(s), ["150.00", "270.00", "210.00", "150.00", "90.00", "30.00"])
  })
})

describe("Depreciation: profiles", () => {
  it("takes a decoded profile as it is (the asset register stores decoded profiles)", () => {
    const decoded = ok(DepreciationProfile.decode({ book: "book", method: { _tag: "StraightLine" }, usefulLifeYears: 5, salvage: "100" }))
    const s = ok(Depreciation.schedule({ cost: "1000.00", placedInService: "2024-01-01", profile: decoded }))
    assert.deepStrictEqual(amounts(s), ["180.00", "180.00", "180.00", "180.00", "180.00"])
  })
})

describe("Depreciation: units of production", () => {
  it("IRS Publication 946, 'units-of-production method': 100 of 1,000 units is 10 % of cost less salvage", () => {
    const s = ok(Depreciation.schedule({
      cost: 11000,
      placedInService: "2024-01-01",
      profile: profile({ method: { _tag: "UnitsOfProduction", totalUnits: 1000 }, salvage: 1000 }),
      usage: [{ date: "2024-06-30", units: 100 }]
    }))
    assert.deepStrictEqual(amounts(s), ["1000.00"])
  })

  it("a truck expected to run 200,000 km, $40,000 cost, $5,000 residual, 30,000 km in year 1 is $5,250 (fitsmallbusiness.com)", () => {
    const s = ok(Depreciation.schedule({
      cost: 40000,
      placedInService: "2024-01-01",
      profile: profile({ method: { _tag: "UnitsOfProduction", totalUnits: 200000 }, salvage: 5000 }),
      usage: [{ date: "2024-03-31", units: 10000 }, { date: "2024-12-31", units: 20000 }, { date: "2025-06-30", units: 180000 }]
    }))
    // Year 2 uses 180,000 km but only 170,000 are left before the total: 35,000 × 170,000 / 200,000 = 29,750.
    assert.deepStrictEqual(amounts(s), ["5250.00", "29750.00"])
    assert.strictEqual(s.rows.at(-1)!.bookValue, 500000n)
  })
})

// The depreciation benchmark: `Depreciation.schedule` for 100,000 assets (annual rows; a mix of straight line,
// double declining with the switch, sum of the years' digits, 150 % declining balance and MACRS 5 and 7-year,
// lives of 3 to 10 years, every convention), then 10,000 of them month by month. The baseline, measured in the
// same run, is the least any schedule must do: one pass per asset that splits cost − salvage over the same
// number of periods with bigint arithmetic and no validation. The ratio is the price of schema decoding,
// validation, exact rationals and conventions.
//
// It prints numbers and ratios and never asserts a timing. A schedule that does not end at cost − salvage (cost
// for MACRS) marks the run failed, because then the time means nothing.
import { Depreciation } from "@quartermaster/core"
import { Effect, Result } from "effect"
import { count, fail, generator, now, print } from "./host.ts"

const ASSETS = 100_000
const MONTHLY = 10_000

const methods = [
  { _tag: "StraightLine" },
  { _tag: "DecliningBalance", rate: 2, switchToStraightLine: true },
  { _tag: "SumOfYearsDigits" },
  { _tag: "DecliningBalance", rate: "1.5" },
  { _tag: "Macrs", recoveryPeriod: 5, convention: "halfYear" },
  { _tag: "Macrs", recoveryPeriod: 7, convention: "midQuarter" }
] as const
const conventions = ["fullMonth", "midMonth", "halfYear", "midQuarter", "actualDays"] as const

interface Asset {
  readonly input: Depreciation.Input
  readonly cents: bigint
  readonly salvage: bigint
  readonly years: number
}

const assets = (n: number): Array<Asset> => {
  const random = generator(7)
  const out = new Array<Asset>(n)
  for (let i = 0; i < n; i++) {
    const cents = BigInt(Math.floor(random() * 1_000_000_00) + 100)
    const method = methods[i % methods.length]!
    const salvage = method._tag === "Macrs" ? 0n : (cents * BigInt(Math.floor(random() * 20))) / 100n
    const years = 3 + Math.floor(random() * 8)
    const month = 1 + Math.floor(random() * 12)
    const day = 1 + Math.floor(random() * 28)
    out[i] = {
      cents,
      salvage,
      years,
      input: {
        cost: `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`,
        placedInService: `20${20 + (i % 10)}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
        profile: {
          book: "book",
          method,
          convention: conventions[i % conventions.length]!,
          usefulLifeYears: years,
          salvage: `${salvage / 100n}.${String(salvage % 100n).padStart(2, "0")}`
        }
      }
    }
  }
  return out
}

const time = <A>(f: () => A): { readonly millis: number; readonly value: A } => {
  const start = now()
  const value = f()
  return { millis: now() - start, value }
}

const ms = (millis: number) => `${millis.toFixed(0).padStart(6)} ms`

const measure = (list: ReadonlyArray<Asset>, granularity: "month" | "year") => {
  const periods = (a: Asset) => (granularity === "month" ? 12 : 1) * (a.years + 1)
  const baseline = time(() => {
    let total = 0n
    for (const a of list) {
      const base = a.cents - a.salvage
      const n = BigInt(periods(a))
      let given = 0n
      for (let k = 1n; k <= n; k++) {
        const cumulative = (base * k) / n
        total += cumulative - given
        given = cumulative
      }
    }
    return total
  })
  const run = time(() => {
    let total = 0n
    let rows = 0
    for (const a of list) {
      const result = Depreciation.schedule({ ...a.input, granularity })
      if (Result.isFailure(result)) throw new Error(result.failure.message)
      total += result.success.totalDepreciation
      rows += result.success.rows.length
    }
    return { total, rows }
  })
  const expected = list.reduce((s, a) => s + a.cents - a.salvage, 0n)
  const okTotals = run.value.total === expected && baseline.value === expected
  print(`depreciation: ${count(list.length)} assets, ${granularity === "month" ? "monthly" : "annual"} rows (${count(run.value.rows)} rows)`)
  print(`  baseline (bigint split, no validation) ${ms(baseline.millis)}`)
  print(`  Depreciation.schedule                  ${ms(run.millis)}  ${(run.millis * 1000 / list.length).toFixed(1)} µs/asset  ratio ${(run.millis / Math.max(baseline.millis, 0.001)).toFixed(1)}×`)
  if (!okTotals) {
    print(`  FAILED: totals ${run.value.total} / baseline ${baseline.value} / expected ${expected}`)
    fail()
  }
}

/** @since 0.1.0 */
export const run: Effect.Effect<void> = Effect.sync(() => {
  const list = assets(ASSETS)
  measure(list, "year")
  measure(list.slice(0, MONTHLY), "month")
})

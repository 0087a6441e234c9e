/**
 * A depreciation profile: how ONE book (the financial book, the tax book, ...) depreciates an asset. It holds
 * the method, the convention, the useful life, the salvage value and the fiscal-year start, but not the cost or
 * the in-service date: those belong to the asset and are passed beside the profile.
 *
 * An asset with several books keeps one profile per book and calls `Depreciation` with each:
 *
 * ```ts
 * import { Depreciation, DepreciationProfile } from "@quartermaster/core"
 *
 * const profile: DepreciationProfile.ProfileInput = {
 *   book: "book", method: { _tag: "StraightLine" }, convention: "fullMonth", usefulLifeMonths: 60
 * }
 * // Result<Depreciation.Schedule, DepreciationError>: rows per period, amounts in minor units (bigint).
 * Depreciation.schedule({
 *   cost: "1200.00",               // number | decimal string | BigDecimal, in the currency
 *   placedInService: "2024-03-15", // YYYY-MM-DD
 *   profile,                       // this module's Profile (encoded form: defaults may be omitted)
 *   scale: 2,                      // currency decimals, 2 by default
 *   granularity: "month",          // "month" | "year" (fiscal years), "year" by default
 *   usage: [],                     // units of production only: [{ date, units }]
 *   impairments: []                // [{ date, amount, book? }]; also `disposal: { date, proceeds? }`
 * })
 * // Book value after the given day, Result<Depreciation.BookValue, DepreciationError>:
 * Depreciation.bookValueAt({ cost: "1200.00", placedInService: "2024-03-15", profile }, "2025-06-30")
 * // One schedule per book: Depreciation.books({ cost, placedInService, profiles: [book, tax] })
 * ```
 *
 * Methods (`method._tag`): `StraightLine`; `DecliningBalance` with a `rate` (1.5 for 150%, 2 for double
 * declining) and an optional `switchToStraightLine`; `SumOfYearsDigits`; `UnitsOfProduction` with
 * `totalUnits`; `Macrs` (GDS, IRS Publication 946 Appendix A) with a `recoveryPeriod` of 3, 5, 7, 10, 15 or
 * 20 years and a `convention` of `halfYear` or `midQuarter` (optionally the placed-in-service `quarter`,
 * otherwise taken from the date). MACRS ignores the profile's `convention`, life and salvage.
 *
 * @since 0.1.0
 */
import { Effect, Result, Schema } from "effect"
import { InvalidDepreciationInput, InvalidLife, MissingTotalUnits, UnknownMacrsTable } from "./DepreciationError.ts"
import type { DepreciationError } from "./DepreciationError.ts"
import { decoder } from "./internal/depreciationInput.ts"
import * as Quantity from "./Quantity.ts"

/** Straight line: the depreciable base spread evenly over the life. @since 0.1.0 */
export const StraightLine = Schema.TaggedStruct("StraightLine", {})

/**
 * Declining balance at `rate` times the straight-line rate (1.5 for 150%, 2 for double declining), optionally
 * switching to straight line over the remaining life once that gives more.
 *
 * @since 0.1.0
 */
export const DecliningBalance = Schema.TaggedStruct("DecliningBalance", {
  rate: Quantity.InputSchema,
  switchToStraightLine: Schema.Boolean.pipe(Schema.withDecodingDefaultKey(Effect.succeed(false)))
})

/** Sum of the years' digits (needs a life of whole years). @since 0.1.0 */
export const SumOfYearsDigits = Schema.TaggedStruct("SumOfYearsDigits", {})

/** Units of production: the base spread by units used out of `totalUnits` expected. @since 0.1.0 */
export const UnitsOfProduction = Schema.TaggedStruct("UnitsOfProduction", {
  totalUnits: Schema.optionalKey(Quantity.InputSchema)
})

/** MACRS GDS recovery periods with a table in IRS Publication 946 Appendix A. @since 0.1.0 */
export const recoveryPeriods = [3, 5, 7, 10, 15, 20] as const

/**
 * MACRS GDS (IRS Publication 946, Appendix A tables ). `quarter` (1-4) is the quarter of the tax
 * year the asset was placed in service, for the mid-quarter convention; it is taken from the in-service date
 * when absent.
 *
 * @since 0.1.0
 */
export const Macrs = Schema.TaggedStruct("Macrs", {
  recoveryPeriod: Schema.Int,
  convention: Schema.Literals(["halfYear", "midQuarter"]),
  quarter: Schema.optionalKey(Schema.Int)
})

/** The depreciation method of a book. @since 0.1.0 */
export const Method = Schema.Union([StraightLine, DecliningBalance, SumOfYearsDigits, UnitsOfProduction, Macrs])
/** @since 0.1.0 */
export type Method = typeof Method.Type

/**
 * Conventions of the book methods: when in its first (and last) period an asset starts (and stops)
 * depreciating. `fullMonth`: from the first day of the in-service month; `midMonth`: from the middle of it;
 * `halfYear` and `midQuarter`: from the middle of the fiscal year or of its quarter; `actualDays`: from the
 * in-service day, each year of life spread evenly over its own days (366 in a year that holds February 29).
 *
 * @since 0.1.0
 */
export const Convention = Schema.Literals(["fullMonth", "midMonth", "halfYear", "midQuarter", "actualDays"])
/** @since 0.1.0 */
export type Convention = typeof Convention.Type

const Book = Schema.String.pipe(Schema.check(Schema.makeFilter((s: string) => (s.trim().length >= 1 && s.length <= 64) || "1 to 64 characters")))
const Month = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 12 })))

/**
 * One book's depreciation settings. Give the life as `usefulLifeMonths` or `usefulLifeYears` (not needed for
 * units of production and MACRS). `salvage` is an amount in the currency (`0` by default), `convention`
 * `fullMonth` and `fiscalYearStartMonth` 1 (January) by default.
 *
 * @since 0.1.0
 */
export const Profile = Schema.Struct({
  book: Book,
  method: Method,
  convention: Convention.pipe(Schema.withDecodingDefaultKey(Effect.succeed("fullMonth" as const))),
  usefulLifeMonths: Schema.optionalKey(Schema.Int),
  usefulLifeYears: Schema.optionalKey(Schema.Int),
  salvage: Quantity.InputSchema.pipe(Schema.withDecodingDefaultKey(Effect.succeed("0"))),
  fiscalYearStartMonth: Month.pipe(Schema.withDecodingDefaultKey(Effect.succeed(1)))
})
/** A decoded profile, defaults applied. @since 0.1.0 */
export type Profile = typeof Profile.Type
/** What callers pass: defaults may be omitted. @since 0.1.0 */
export type ProfileInput = typeof Profile.Encoded

/**
 * The useful life in months, from `usefulLifeMonths` or `usefulLifeYears`; `undefined` when neither is set.
 *
 * @since 0.1.0
 */
export const lifeMonths = (profile: Profile): number | undefined =>
  profile.usefulLifeMonths ?? (profile.usefulLifeYears === undefined ? undefined : profile.usefulLifeYears * 12)

const decodeSchema = decoder("DepreciationProfile.decode", Profile)

/**
 * Checks a decoded profile: a positive life given once (whole years for sum of the years' digits), a MACRS
 * table that exists, units of production with positive total units, a positive declining-balance rate.
 *
 * @since 0.1.0
 */
export const validate = (profile: Profile, operation = "DepreciationProfile.decode"): Result.Result<Profile, DepreciationError> => {
  const book = profile.book
  const method = profile.method
  if (method._tag === "Macrs") {
    if (!(recoveryPeriods as ReadonlyArray<number>).includes(method.recoveryPeriod)) {
      return Result.fail(
        new UnknownMacrsTable({ operation, field: "method.recoveryPeriod", value: method.recoveryPeriod, allowed: recoveryPeriods.join(", ") })
      )
    }
    if (method.quarter !== undefined && !(method.quarter >= 1 && method.quarter <= 4)) {
      return Result.fail(new UnknownMacrsTable({ operation, field: "method.quarter", value: method.quarter, allowed: "1, 2, 3, 4" }))
    }
    return Result.succeed(profile)
  }
  if (method._tag === "UnitsOfProduction") {
    const total = method.totalUnits === undefined ? undefined : Quantity.parse(method.totalUnits, "method.totalUnits")
    if (total === undefined || Result.isFailure(total) || total.success.value <= 0n) {
      return Result.fail(new MissingTotalUnits({ operation, book }))
    }
    return Result.succeed(profile)
  }
  if (profile.usefulLifeMonths !== undefined && profile.usefulLifeYears !== undefined) {
    return Result.fail(new InvalidLife({ operation, book, reason: "is given both in months and in years; give one" }))
  }
  const months = lifeMonths(profile)
  if (months === undefined) return Result.fail(new InvalidLife({ operation, book, reason: "is missing (usefulLifeMonths or usefulLifeYears)" }))
  if (months <= 0) return Result.fail(new InvalidLife({ operation, book, reason: `must be positive (got ${months} months)` }))
  if (months > 1200) return Result.fail(new InvalidLife({ operation, book, reason: `must be at most 100 years (got ${months} months)` }))
  if (method._tag === "SumOfYearsDigits" && months % 12 !== 0) {
    return Result.fail(new InvalidLife({ operation, book, reason: `must be whole years for sum of the years' digits (got ${months} months)` }))
  }
  if (method._tag === "DecliningBalance") {
    const rate = Quantity.parse(method.rate, "method.rate")
    if (Result.isFailure(rate) || rate.success.value <= 0n) {
      return Result.fail(new InvalidDepreciationInput({ operation, field: "method.rate", reason: "must be a positive decimal (1.5 for 150 %, 2 for double declining)" }))
    }
  }
  return Result.succeed(profile)
}

/**
 * Decodes and validates a profile from unknown input, applying the defaults.
 *
 * @since 0.1.0
 */
export const decode = (input: unknown): Result.Result<Profile, DepreciationError> =>
  Result.flatMap(decodeSchema(input), (profile) => validate(profile))

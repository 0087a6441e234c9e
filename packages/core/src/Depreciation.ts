/**
 * Depreciation schedules as pure functions: straight line, declining balance at any rate (150%, double
 * declining, with an optional switch to straight line), sum of the years' digits, units of production and
 * MACRS GDS (IRS Publication 946, Appendix A); full-month, mid-month, half-year, mid-quarter and actual-days
 * conventions; salvage, partial first and last periods, any fiscal-year start, impairments, disposals with
 * gain or loss, and several books per asset. The settings of one book are a {@link DepreciationProfile}.
 *
 * Amounts are exact: every depreciation amount is a fraction of minor units until one rounding step, the
 * cumulative depreciation at the end of each period, rounded to the minor unit half away from zero
 * ({@link Money.divide}). A period's depreciation is the difference of two rounded cumulatives, so each period
 * is within one minor unit of its exact share and the last period of life absorbs the rounding: accumulated
 * depreciation at the end of life is exactly cost − salvage. Book methods never depreciate below salvage;
 * MACRS ignores salvage (the tables recover the whole basis) and its last recovery year takes what the
 * rounded table percentages leave.
 *
 * @since 0.1.0
 */
import { Effect, Result, Schema } from "effect"
import { DateOutOfRange, type DepreciationError, DuplicateBook } from "./DepreciationError.ts"
import * as DepreciationProfile from "./DepreciationProfile.ts"
import * as A from "./internal/depreciationAccrual.ts"
import * as Cal from "./internal/depreciationCalendar.ts"
import { type Decoded, periods, prepare, type Prepared } from "./internal/depreciationEngine.ts"
import { decoder } from "./internal/depreciationInput.ts"
import * as R from "./internal/depreciationRational.ts"
import * as Money from "./Money.ts"
import * as Quantity from "./Quantity.ts"

/**
 * A calendar date `YYYY-MM-DD` (no time, no zone).
 *
 * @since 0.1.0
 */
export const PlainDate = Schema.String.pipe(Schema.check(Schema.makeFilter((s: string) => Cal.isDate(s) || "must be a date YYYY-MM-DD")))

const shared = {
  /** The cost (depreciable basis), in the currency. */
  cost: Quantity.InputSchema,
  placedInService: PlainDate,
  /** Decimals of the currency's minor unit, 2 by default. */
  scale: Money.Scale.pipe(Schema.withDecodingDefaultKey(Effect.succeed(2))),
  /** Rows per month or per fiscal year, `year` by default. */
  granularity: Schema.Literals(["month", "year"]).pipe(Schema.withDecodingDefaultKey(Effect.succeed("year" as const))),
  /** Units used per day, for units of production (ignored by the other methods). */
  usage: Schema.optionalKey(Schema.Array(Schema.Struct({ date: PlainDate, units: Quantity.InputSchema }))),
  /** Impairment losses; with `book`, for that book only. */
  impairments: Schema.optionalKey(
    Schema.Array(Schema.Struct({ date: PlainDate, amount: Quantity.InputSchema, book: Schema.optionalKey(Schema.String) }))
  ),
  /** A disposal (sale, scrapping) on a date, for `proceeds` (0 by default). */
  disposal: Schema.optionalKey(Schema.Struct({ date: PlainDate, proceeds: Schema.optionalKey(Quantity.InputSchema) }))
}

/**
 * The input of {@link schedule} and {@link bookValueAt}: the asset's cost and in-service date, one book's
 * profile, and what happened to the asset (usage, impairments, disposal).
 *
 * @since 0.1.0
 */
export const InputSchema = Schema.Struct({ ...shared, profile: DepreciationProfile.Profile })
/** What callers pass (defaults may be omitted). @since 0.1.0 */
export type Input = typeof InputSchema.Encoded

/**
 * The input of {@link books}: as {@link Input}, with one profile per book.
 *
 * @since 0.1.0
 */
export const BooksInputSchema = Schema.Struct({ ...shared, profiles: Schema.Array(DepreciationProfile.Profile) })
/** @since 0.1.0 */
export type BooksInput = typeof BooksInputSchema.Encoded

/**
 * One period of a schedule. Amounts are minor units at the schedule's `scale`. `accumulated` is accumulated
 * depreciation; `impairment` the impairment losses booked in the period; `bookValue` is cost less accumulated
 * depreciation less all impairments so far.
 *
 * @since 0.1.0
 */
export interface Row {
  readonly periodStart: string
  /** The last day of the period (inclusive). */
  readonly periodEnd: string
  /** The fiscal year of the period, named after the calendar year it ends in. */
  readonly fiscalYear: number
  readonly depreciation: bigint
  readonly impairment: bigint
  readonly accumulated: bigint
  readonly bookValue: bigint
}

/**
 * Gain (positive `amount`) or loss (negative) on a disposal: proceeds less book value.
 *
 * @since 0.1.0
 */
export interface GainOrLoss {
  readonly kind: "gain" | "loss" | "none"
  readonly amount: bigint
}

/**
 * A disposal: the book value at the disposal date, the proceeds and the gain or loss.
 *
 * @since 0.1.0
 */
export interface Disposal {
  readonly date: string
  readonly bookValue: bigint
  readonly proceeds: bigint
  readonly gainOrLoss: GainOrLoss
}

/**
 * One book's schedule. `salvage` is the salvage value after impairments (an impairment below salvage lowers
 * it; 0 for MACRS).
 *
 * @since 0.1.0
 */
export interface Schedule {
  readonly book: string
  readonly method: DepreciationProfile.Method["_tag"]
  readonly scale: number
  readonly cost: bigint
  readonly salvage: bigint
  readonly granularity: "month" | "year"
  readonly rows: ReadonlyArray<Row>
  readonly totalDepreciation: bigint
  readonly totalImpairment: bigint
  readonly disposal: Disposal | undefined
}

/**
 * A book value at the end of a day.
 *
 * @since 0.1.0
 */
export interface BookValue {
  readonly book: string
  readonly date: string
  readonly accumulated: bigint
  readonly impairment: bigint
  /** 0 once the asset is disposed of. */
  readonly bookValue: bigint
  readonly disposed: boolean
}

/**
 * Gain or loss on disposal: `proceeds − bookValue`, in minor units.
 *
 * @since 0.1.0
 */
export const gainOrLoss = (bookValue: bigint, proceeds: bigint): GainOrLoss => {
  const amount = proceeds - bookValue
  return { kind: amount > 0n ? "gain" : amount < 0n ? "loss" : "none", amount }
}

const decodeInput = decoder("Depreciation.schedule", InputSchema)
const decodeBookValueInput = decoder("Depreciation.bookValueAt", InputSchema)
const decodeBooks = decoder("Depreciation.books", BooksInputSchema)
const decodeDate = decoder("Depreciation.bookValueAt", PlainDate)

const build = (p: Prepared, granularity: "month" | "year"): Schedule => {
  const list = periods(p, granularity)
  const cumulative = A.roundedCumulativeAtMany(p.accrual, list.map((x) => x.end))
  const rows: Array<Row> = []
  let previous = 0n
  let impaired = 0n
  let k = 0
  list.forEach((period, i) => {
    const accumulated = cumulative[i]!
    let impairment = 0n
    while (k < p.impairments.length && Cal.compare(p.impairments[k]!.date, period.last) <= 0) impairment += p.impairments[k++]!.amount
    impaired += impairment
    rows.push({
      periodStart: Cal.format(period.first),
      periodEnd: Cal.format(period.last),
      fiscalYear: period.fiscalYear,
      depreciation: accumulated - previous,
      impairment,
      accumulated,
      bookValue: p.cost - accumulated - impaired
    })
    previous = accumulated
  })
  const disposal = p.disposal === undefined ? undefined : (() => {
    const bookValue = p.cost - previous - impaired
    return { date: Cal.format(p.disposal.date), bookValue, proceeds: p.disposal.proceeds, gainOrLoss: gainOrLoss(bookValue, p.disposal.proceeds) }
  })()
  return {
    book: p.profile.book,
    method: p.profile.method._tag,
    scale: p.scale,
    cost: p.cost,
    salvage: p.salvage,
    granularity,
    rows,
    totalDepreciation: previous,
    totalImpairment: impaired,
    disposal
  }
}

/**
 * The depreciation schedule of one book: a row per month or fiscal year from the period the asset entered
 * service to the end of its life (or its disposal), with depreciation, accumulated depreciation and book
 * value. Bad input fails with a {@link DepreciationError}.
 *
 * @since 0.1.0
 */
export const schedule = (input: Input): Result.Result<Schedule, DepreciationError> =>
  Result.gen(function*() {
    const decoded = yield* decodeInput(input)
    return build(yield* prepare("Depreciation.schedule", decoded as Decoded), decoded.granularity)
  })

/**
 * One schedule per book (book and tax, say), in the order of `profiles`. Impairments with a `book` apply to
 * that book only. Two profiles with the same book name fail with {@link DuplicateBook}.
 *
 * @since 0.1.0
 */
export const books = (input: BooksInput): Result.Result<ReadonlyArray<Schedule>, DepreciationError> =>
  Result.gen(function*() {
    const { profiles, ...rest } = yield* decodeBooks(input)
    const seen = new Set<string>()
    const out: Array<Schedule> = []
    for (const profile of profiles) {
      if (seen.has(profile.book)) return yield* Result.fail(new DuplicateBook({ operation: "Depreciation.books", book: profile.book }))
      seen.add(profile.book)
      out.push(build(yield* prepare("Depreciation.books", { ...rest, profile } as Decoded), rest.granularity))
    }
    return out
  })

/**
 * The book value at the end of `date`: cost less depreciation up to that day (within a month under the monthly
 * conventions, the month's depreciation accrues evenly over its days) less impairments up to that day,
 * rounded as the schedule rounds. On or after a disposal the book value is 0 and `accumulated` is what was
 * depreciated up to the disposal. A date before the in-service date fails with {@link DateOutOfRange}.
 *
 * @since 0.1.0
 */
export const bookValueAt = (input: Input, date: string): Result.Result<BookValue, DepreciationError> =>
  Result.gen(function*() {
    const decoded = yield* decodeBookValueInput(input)
    const day = Cal.parse(yield* decodeDate(date))!
    const p = yield* prepare("Depreciation.bookValueAt", decoded as Decoded)
    if (Cal.compare(day, p.inService) < 0) {
      return yield* Result.fail(
        new DateOutOfRange({ operation: "Depreciation.bookValueAt", field: "date", date, bound: Cal.format(p.inService), reason: "is before the in-service date" })
      )
    }
    const disposed = p.disposal !== undefined && Cal.compare(day, p.disposal.date) >= 0
    const accumulated = R.round(disposed ? A.total(p.accrual) : A.cumulativeAt(p.accrual, p.axis.dayEnd(day)))
    let impairment = 0n
    for (const imp of p.impairments) if (Cal.compare(imp.date, day) <= 0) impairment += imp.amount
    return {
      book: p.profile.book,
      date,
      accumulated,
      impairment,
      bookValue: disposed ? 0n : p.cost - accumulated - impairment,
      disposed
    }
  })

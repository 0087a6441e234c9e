/**
 * Per-asset depreciation: the {@link Depreciation} engine fed from the asset register.
 *
 * An asset's schedules come from its own data: the purchase cost, the in-service date (the asset's
 * `inServiceDate`, or the UTC day of its purchase date), one {@link DepreciationProfile.Profile} per book, the
 * impairments recorded on it with {@link recordImpairment}, and its disposal (the UTC day of disposal and the
 * proceeds), which gives the gain or loss. Amounts are minor units at the tenant's currency scale.
 * {@link portfolio} sums book value, accumulated depreciation and the period's depreciation over every asset
 * with books, for reports and dashboards.
 *
 * @since 0.1.0
 */
import { DateTime, Effect, Result, Schema } from "effect"
import type { Asset, Impairment } from "./Asset.ts"
import { type AssetDisposed, NotDepreciable, type UnknownAsset } from "./AssetError.ts"
import type { State } from "./AssetLifecycle.ts"
import { AssetStore } from "./AssetStore.ts"
import { CurrentActor } from "./CurrentActor.ts"
import * as Depreciation from "./Depreciation.ts"
import type { DepreciationError } from "./DepreciationError.ts"
import type * as DepreciationProfile from "./DepreciationProfile.ts"
import { emit, type EventLog } from "./EventLog.ts"
import type { IdGenerator } from "./IdGenerator.ts"
import type { AssetId, LocationId } from "./Ids.ts"
import { decode, InvalidInput } from "./InputError.ts"
import { inSchemaOrder, live, load, ref, replace } from "./internal/assets.ts"
import * as Money from "./Money.ts"
import * as Quantity from "./Quantity.ts"
import type { ConcurrentModification, StoreError } from "./StoreError.ts"
import { transaction, type UnitOfWork } from "./UnitOfWork.ts"
import { ValuationStore } from "./ValuationStore.ts"

/** The services of the queries. @since 0.1.0 */
export type QueryEnv = AssetStore | ValuationStore | CurrentActor
/** The services of {@link recordImpairment}. @since 0.1.0 */
export type Env = QueryEnv | EventLog | UnitOfWork | IdGenerator

/** Errors of {@link schedule} and {@link bookValueAt}. @since 0.1.0 */
export type QueryError = UnknownAsset | NotDepreciable | DepreciationError | StoreError

/** The tenant's currency scale (decimals of the minor unit). */
const currencyScale = Effect.gen(function*() {
  const { tenantId } = yield* CurrentActor
  return (yield* (yield* ValuationStore).getSettings(tenantId, "none")).currencyScale
})

/** The day depreciation starts: the asset's in-service date, else the UTC day of its purchase. */
const inServiceOf = (asset: Asset): string | undefined =>
  asset.inServiceDate ?? (asset.purchase.date === null ? undefined : DateTime.formatIsoDateUtc(asset.purchase.date))

/** The engine's input for an asset, all books. Fails when the asset lacks books, cost or an in-service date. */
const inputOf = (asset: Asset, scale: number): Result.Result<Depreciation.BooksInput, NotDepreciable> => {
  const fail = (reason: string) => Result.fail(new NotDepreciable({ assetId: asset.id, reason }))
  if (asset.books.length === 0) return fail("it has no depreciation books")
  if (asset.purchase.cost === null) return fail("it has no purchase cost")
  const placedInService = inServiceOf(asset)
  if (placedInService === undefined) return fail("it has neither an in-service date nor a purchase date")
  return Result.succeed({
    cost: asset.purchase.cost,
    placedInService,
    scale,
    profiles: asset.books,
    impairments: (asset.impairments ?? []).map((i) => ({ date: i.date, amount: i.amount, ...(i.book === null ? {} : { book: i.book }) })),
    ...(asset.disposal === null ? {} : { disposal: { date: DateTime.formatIsoDateUtc(asset.disposal.at), proceeds: asset.disposal.proceeds } })
  })
}

/** The asset's profiles, or the one named `book`. */
const profilesOf = (asset: Asset, book: string | undefined): Result.Result<ReadonlyArray<DepreciationProfile.Profile>, NotDepreciable> => {
  if (book === undefined) return Result.succeed(asset.books)
  const found = asset.books.filter((p) => p.book === book)
  return found.length > 0
    ? Result.succeed(found)
    : Result.fail(new NotDepreciable({ assetId: asset.id, reason: `it has no book ${JSON.stringify(book)} (books: ${asset.books.map((p) => p.book).join(", ") || "none"})` }))
}

/** Options of {@link schedule}. @since 0.1.0 */
export interface ScheduleOptions {
  /** Rows per month or per fiscal year, `year` by default. */
  readonly granularity?: "month" | "year"
  /** One book only (by name); every book by default. */
  readonly book?: string
}

/**
 * The depreciation schedules of an asset (by id or tag), one per book in the asset's order, with the gain or
 * loss on its disposal when it was disposed of.
 *
 * @since 0.1.0
 */
export const schedule = (key: string, options: ScheduleOptions = {}): Effect.Effect<ReadonlyArray<Depreciation.Schedule>, QueryError, QueryEnv> =>
  Effect.gen(function*() {
    const asset = yield* load(key)
    const input = yield* Effect.fromResult(inputOf(asset, yield* currencyScale))
    const profiles = yield* Effect.fromResult(profilesOf(asset, options.book))
    return yield* Effect.fromResult(Depreciation.books({ ...input, profiles, granularity: options.granularity ?? "year" }))
  })

/**
 * An asset's book value at the end of `date` (`YYYY-MM-DD`), per book (or for `book` only). A date before the
 * in-service date fails with `DateOutOfRange`.
 *
 * @since 0.1.0
 */
export const bookValueAt = (
  key: string,
  date: string,
  options: { readonly book?: string } = {}
): Effect.Effect<ReadonlyArray<Depreciation.BookValue>, QueryError, QueryEnv> =>
  Effect.gen(function*() {
    const asset = yield* load(key)
    const { profiles, ...input } = yield* Effect.fromResult(inputOf(asset, yield* currencyScale))
    const selected = options.book === undefined ? profiles : yield* Effect.fromResult(profilesOf(asset, options.book))
    return yield* Effect.forEach(selected, (profile) => Effect.fromResult(Depreciation.bookValueAt({ ...input, profile }, date)))
  })

/** Filters of {@link portfolio}. @since 0.1.0 */
export interface PortfolioFilter {
  readonly status?: ReadonlyArray<State>
  readonly locationIds?: ReadonlyArray<string>
  /** One book only (by name). */
  readonly book?: string
  /** The first day of the period (`YYYY-MM-DD`); by default the start of each book's fiscal year holding `date`. */
  readonly from?: string
}

/** One book of one asset in a {@link Portfolio}; amounts in minor units. @since 0.1.0 */
export interface PortfolioBook {
  readonly book: string
  readonly cost: bigint
  readonly accumulated: bigint
  readonly impairment: bigint
  readonly bookValue: bigint
  /** Depreciation from the period's first day to `date`. */
  readonly periodDepreciation: bigint
  readonly periodStart: string
  readonly disposed: boolean
}

/** Totals of one book over a {@link Portfolio}. @since 0.1.0 */
export interface PortfolioTotal {
  readonly book: string
  readonly assets: number
  readonly cost: bigint
  readonly accumulated: bigint
  readonly impairment: bigint
  readonly bookValue: bigint
  readonly periodDepreciation: bigint
}

/**
 * Book values of every asset with books at a date, per asset and book, with totals per book. Assets that
 * cannot be depreciated (no cost, no date, in service after `date`, or data the engine refuses) are listed in
 * `skipped` with the reason.
 *
 * @since 0.1.0
 */
export interface Portfolio {
  readonly date: string
  readonly scale: number
  readonly assets: ReadonlyArray<{ readonly assetId: AssetId; readonly tag: string; readonly books: ReadonlyArray<PortfolioBook> }>
  readonly totals: ReadonlyArray<PortfolioTotal>
  readonly skipped: ReadonlyArray<{ readonly assetId: AssetId; readonly tag: string; readonly reason: string }>
}

const decodeDate = decode("AssetDepreciation.portfolio", Depreciation.PlainDate)

const utcDay = (date: string, shiftDays: number): string => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + shiftDays)).toISOString().slice(0, 10)
}

/** The first day of the fiscal year (starting in `startMonth`) that holds `date`. */
const fiscalYearStart = (date: string, startMonth: number): string => {
  const [y, m] = date.split("-").map(Number) as [number, number]
  return `${String(m >= startMonth ? y : y - 1).padStart(4, "0")}-${String(startMonth).padStart(2, "0")}-01`
}

/** One book of one asset at `date`, or why it cannot be valued. */
const valueBook = (input: Omit<Depreciation.BooksInput, "profiles">, profile: DepreciationProfile.Profile, date: string, from: string | undefined) =>
  Result.gen(function*() {
    const at = yield* Depreciation.bookValueAt({ ...input, profile }, date)
    const periodStart = from ?? fiscalYearStart(date, profile.fiscalYearStartMonth)
    const dayBefore = utcDay(periodStart, -1)
    const before = dayBefore < input.placedInService ? 0n : (yield* Depreciation.bookValueAt({ ...input, profile }, dayBefore)).accumulated
    const row: PortfolioBook = {
      book: profile.book,
      cost: at.bookValue + at.accumulated + at.impairment,
      accumulated: at.accumulated,
      impairment: at.impairment,
      bookValue: at.bookValue,
      periodDepreciation: at.accumulated - before,
      periodStart,
      disposed: at.disposed
    }
    return row
  })

/**
 * Book value, accumulated depreciation, impairment and the period's depreciation of every asset with books
 * (optionally filtered by status and location, or one book), at the end of `date`, with totals per book. A
 * disposed asset shows a book value of 0 and what it depreciated until its disposal.
 *
 * @since 0.1.0
 */
export const portfolio = (date: string, filter: PortfolioFilter = {}): Effect.Effect<Portfolio, InvalidInput | StoreError, QueryEnv> =>
  Effect.gen(function*() {
    yield* decodeDate(date)
    if (filter.from !== undefined) {
      yield* decodeDate(filter.from)
      if (filter.from > date) return yield* new InvalidInput({ operation: "AssetDepreciation.portfolio", field: "from", reason: `must not be after ${date}` })
    }
    const { tenantId } = yield* CurrentActor
    const store = yield* AssetStore
    const scale = yield* currencyScale
    const assets: Array<Portfolio["assets"][number]> = []
    const skipped: Array<Portfolio["skipped"][number]> = []
    const totals = new Map<string, { assets: number; cost: bigint; accumulated: bigint; impairment: bigint; bookValue: bigint; periodDepreciation: bigint }>()
    let afterId: AssetId | undefined
    for (;;) {
      const page = yield* store.list(tenantId, {
        ...(filter.status === undefined ? {} : { status: filter.status }),
        ...(filter.locationIds === undefined ? {} : { locationIds: filter.locationIds as ReadonlyArray<LocationId> }),
        ...(afterId === undefined ? {} : { afterId }),
        limit: 500
      })
      for (const asset of page) {
        if (asset.books.length === 0 || (filter.book !== undefined && !asset.books.some((p) => p.book === filter.book))) continue
        const skip = (reason: string) => skipped.push({ assetId: asset.id, tag: asset.tag, reason })
        const input = inputOf(asset, scale)
        if (Result.isFailure(input)) {
          skip(input.failure.reason)
          continue
        }
        const { profiles: _all, ...rest } = input.success
        if (rest.placedInService > date) {
          skip(`it enters service on ${rest.placedInService}`)
          continue
        }
        const rows: Array<PortfolioBook> = []
        let failed: string | undefined
        for (const profile of asset.books) {
          if (filter.book !== undefined && profile.book !== filter.book) continue
          const row = valueBook(rest, profile, date, filter.from)
          if (Result.isFailure(row)) {
            failed = row.failure.message
            break
          }
          rows.push(row.success)
        }
        if (failed !== undefined) {
          skip(failed)
          continue
        }
        assets.push({ assetId: asset.id, tag: asset.tag, books: rows })
        for (const row of rows) {
          const t = totals.get(row.book) ?? { assets: 0, cost: 0n, accumulated: 0n, impairment: 0n, bookValue: 0n, periodDepreciation: 0n }
          totals.set(row.book, {
            assets: t.assets + 1,
            cost: t.cost + row.cost,
            accumulated: t.accumulated + row.accumulated,
            impairment: t.impairment + row.impairment,
            bookValue: t.bookValue + row.bookValue,
            periodDepreciation: t.periodDepreciation + row.periodDepreciation
          })
        }
      }
      if (page.length < 500) break
      afterId = page[page.length - 1]!.id
    }
    return {
      date,
      scale,
      assets,
      totals: [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([book, t]) => ({ book, ...t })),
      skipped
    }
  })

/**
 * The input of {@link recordImpairment}: the impairment loss `amount` (in the currency) on `date`, for `book`
 * only or every book, and why.
 *
 * @since 0.1.0
 */
export const ImpairmentInput = Schema.Struct({
  date: Depreciation.PlainDate,
  amount: Quantity.InputSchema,
  book: Schema.optionalKey(Schema.String),
  reason: Schema.String.pipe(Schema.check(Schema.makeFilter((s: string) => (s.trim().length >= 1 && s.length <= 2000) || "1 to 2000 characters")))
})
/** @since 0.1.0 */
export type ImpairmentInput = typeof ImpairmentInput.Encoded

/** Errors of {@link recordImpairment}. @since 0.1.0 */
export type ImpairmentError =
  | InvalidInput
  | Quantity.InvalidQuantity
  | UnknownAsset
  | AssetDisposed
  | NotDepreciable
  | DepreciationError
  | ConcurrentModification
  | StoreError

const decodeImpairment = decode("recordImpairment", ImpairmentInput)

/**
 * Records an impairment loss on an asset (by id or tag) and emits `AssetImpaired`, in one unit of work. The
 * asset's schedules are computed with it first: an impairment above the book value at its date fails with
 * `ImpairmentAboveBookValue`, one on a MACRS book (or on every book of an asset with one) with
 * `UnsupportedAdjustment`, one before the in-service date with `DateOutOfRange`; then nothing is written.
 *
 * @since 0.1.0
 */
export const recordImpairment = (key: string, input: ImpairmentInput): Effect.Effect<Asset, ImpairmentError, Env> =>
  Effect.gen(function*() {
    const i = yield* decodeImpairment(input)
    return yield* transaction(Effect.gen(function*() {
      const asset = yield* live(yield* load(key), "impair")
      const scale = yield* currencyScale
      const units = yield* Effect.fromResult(Money.parse(i.amount, scale, "amount"))
      if (units <= 0n) return yield* new InvalidInput({ operation: "recordImpairment", field: "amount", reason: "must be positive" })
      if (i.book !== undefined) yield* Effect.fromResult(profilesOf(asset, i.book))
      const { actorId } = yield* CurrentActor
      const now = yield* DateTime.now
      const impairment: Impairment = {
        date: i.date,
        amount: Money.toDecimal(units, scale),
        book: i.book ?? null,
        reason: i.reason,
        recordedAt: now,
        actorId
      }
      const next = inSchemaOrder({ ...asset, impairments: [...(asset.impairments ?? []), impairment], actorId, version: asset.version + 1, updatedAt: now })
      yield* Effect.fromResult(Depreciation.books(yield* Effect.fromResult(inputOf(next, scale))))
      yield* replace([next])
      yield* emit([{ event: { _tag: "AssetImpaired", asset: next, impairment }, entities: [ref(next.id)] }])
      return next
    }))
  })

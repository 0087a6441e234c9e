// From a decoded schedule input to an exact accrual: parse the amounts and dates, check them, build the
// method's accrual, apply impairments in date order, cut at the disposal, and lay out the periods.
import { Result } from "effect"
import {
  DateOutOfRange,
  type DepreciationError,
  ImpairmentAboveBookValue,
  InvalidDepreciationInput,
  SalvageAboveCost,
  UnknownMacrsTable,
  UnsupportedAdjustment
} from "../DepreciationError.ts"
import * as DepreciationProfile from "../DepreciationProfile.ts"
import * as MacrsTables from "../MacrsTables.ts"
import * as Money from "../Money.ts"
import * as Quantity from "../Quantity.ts"
import * as A from "./depreciationAccrual.ts"
import * as Cal from "./depreciationCalendar.ts"
import * as M from "./depreciationMethods.ts"
import * as R from "./depreciationRational.ts"

/** The decoded input, as `Depreciation.Input` gives it. */
export interface Decoded {
  readonly cost: Quantity.Input
  readonly placedInService: string
  readonly profile: DepreciationProfile.Profile
  readonly scale: number
  readonly granularity: "month" | "year"
  readonly usage?: ReadonlyArray<{ readonly date: string; readonly units: Quantity.Input }>
  readonly impairments?: ReadonlyArray<{ readonly date: string; readonly amount: Quantity.Input; readonly book?: string }>
  readonly disposal?: { readonly date: string; readonly proceeds?: Quantity.Input }
}

export interface Impairment {
  readonly date: Cal.PlainDate
  readonly amount: bigint
}

/** Everything a schedule or a book value needs, exact. */
export interface Prepared {
  readonly profile: DepreciationProfile.Profile
  readonly scale: number
  readonly axis: Cal.Axis
  readonly inService: Cal.PlainDate
  readonly firstMonth: number
  readonly cost: bigint
  /** Salvage after impairments (an impairment below salvage lowers it). */
  readonly salvage: bigint
  readonly accrual: A.Accrual
  readonly impairments: ReadonlyArray<Impairment>
  readonly disposal: { readonly date: Cal.PlainDate; readonly at: R.Rational; readonly proceeds: bigint } | undefined
}

const date = (s: string): Cal.PlainDate => Cal.parse(s)!

const money = (operation: string, field: string, input: Quantity.Input, scale: number): Result.Result<bigint, InvalidDepreciationInput> =>
  Result.mapError(Money.parse(input, scale, field), (e) => new InvalidDepreciationInput({ operation, field, reason: `${e.reason} (got ${e.input})` }))

const decimal = (operation: string, field: string, input: Quantity.Input): Result.Result<R.Rational, InvalidDepreciationInput> =>
  Result.mapError(
    Result.map(Quantity.parse(input, field), R.fromDecimal),
    (e) => new InvalidDepreciationInput({ operation, field, reason: `${e.reason} (got ${e.input})` })
  )

const notBefore = (operation: string, field: string, d: Cal.PlainDate, inService: Cal.PlainDate): Result.Result<Cal.PlainDate, DateOutOfRange> =>
  Cal.compare(d, inService) < 0
    ? Result.fail(new DateOutOfRange({ operation, field, date: Cal.format(d), bound: Cal.format(inService), reason: "is before the in-service date" }))
    : Result.succeed(d)

/** Where depreciation stops for a disposal on `d` under the convention. */
const disposalCut = (convention: M.Convention, axis: Cal.Axis, d: Cal.PlainDate, fiscalStartMonth: number): R.Rational => {
  const mi = Cal.monthIndex(d)
  const fiscal = Cal.fiscalStart(mi, fiscalStartMonth)
  switch (convention) {
    case "fullMonth":
      return R.int(mi)
    case "midMonth":
      return R.add(R.int(mi), R.make(1n, 2n))
    case "halfYear":
      return R.int(fiscal + 6)
    case "midQuarter":
      return R.add(R.int(fiscal + 3 * Math.floor((mi - fiscal) / 3)), R.make(3n, 2n))
    case "actualDays":
      return axis.dayStart(d)
  }
}

export const prepare = (operation: string, input: Decoded): Result.Result<Prepared, DepreciationError> =>
  Result.gen(function*() {
    const profile = yield* DepreciationProfile.validate(input.profile, operation)
    const { book, method } = profile
    const scale = input.scale
    const inService = date(input.placedInService)
    const cost = yield* money(operation, "cost", input.cost, scale)
    if (cost < 0n) return yield* Result.fail(new InvalidDepreciationInput({ operation, field: "cost", reason: "must not be negative" }))
    let salvage = method._tag === "Macrs" ? 0n : yield* money(operation, "profile.salvage", profile.salvage, scale)
    if (salvage < 0n) return yield* Result.fail(new InvalidDepreciationInput({ operation, field: "profile.salvage", reason: "must not be negative" }))
    if (salvage > cost) {
      return yield* Result.fail(new SalvageAboveCost({ operation, book, salvage: Money.format(salvage, scale), cost: Money.format(cost, scale) }))
    }
    const disposalDate = input.disposal === undefined ? undefined : yield* notBefore(operation, "disposal.date", date(input.disposal.date), inService)
    const proceeds = input.disposal?.proceeds === undefined ? 0n : yield* money(operation, "disposal.proceeds", input.disposal.proceeds, scale)
    const afterDisposal = (field: string, d: Cal.PlainDate) =>
      disposalDate !== undefined && Cal.compare(d, disposalDate) > 0
        ? Result.fail(new DateOutOfRange({ operation, field, date: Cal.format(d), bound: Cal.format(disposalDate), reason: "is after the disposal on" }))
        : Result.succeed(d)

    const impairments: Array<Impairment> = []
    for (const [i, imp] of (input.impairments ?? []).entries()) {
      if (imp.book !== undefined && imp.book !== book) continue
      const field = `impairments.${i}`
      const d = yield* notBefore(operation, `${field}.date`, date(imp.date), inService)
      yield* afterDisposal(`${field}.date`, d)
      const amount = yield* money(operation, `${field}.amount`, imp.amount, scale)
      if (amount <= 0n) return yield* Result.fail(new InvalidDepreciationInput({ operation, field: `${field}.amount`, reason: "must be positive" }))
      impairments.push({ date: d, amount })
    }
    impairments.sort((a, b) => Cal.compare(a.date, b.date))
    const firstMonth = Cal.monthIndex(inService)
    const fyStart = profile.fiscalYearStartMonth

    if (method._tag === "Macrs") {
      if (impairments.length > 0) {
        return yield* Result.fail(new UnsupportedAdjustment({ operation, book, reason: "uses MACRS, a tax table: it takes no impairment (give the impairment a book)" }))
      }
      const quarter = method.quarter ?? Math.floor((firstMonth - Cal.fiscalStart(firstMonth, fyStart)) / 3) + 1
      const column = MacrsTables.column(method.recoveryPeriod, method.convention, quarter)
      if (column === undefined) {
        return yield* Result.fail(new UnknownMacrsTable({ operation, field: "profile.method.recoveryPeriod", value: method.recoveryPeriod, allowed: "3, 5, 7, 10, 15, 20" }))
      }
      const accrual = M.macrs(column, R.int(cost), method.convention, quarter, firstMonth, fyStart, disposalDate === undefined ? undefined : { month: Cal.monthIndex(disposalDate) })
      const disposal = disposalDate === undefined ? undefined : { date: disposalDate, at: R.int(Cal.monthIndex(disposalDate) + 1), proceeds }
      return { profile, scale, axis: Cal.monthAxis, inService, firstMonth, cost, salvage: 0n, accrual, impairments, disposal }
    }

    const convention = profile.convention
    const base = R.int(cost - salvage)
    let axis: Cal.Axis
    let accrual: A.Accrual
    if (method._tag === "UnitsOfProduction") {
      axis = convention === "actualDays" ? Cal.dayAxis : Cal.monthAxis
      const total = yield* decimal(operation, "profile.method.totalUnits", method.totalUnits!)
      const usage: Array<M.Usage> = []
      for (const [i, u] of (input.usage ?? []).entries()) {
        const d = yield* notBefore(operation, `usage.${i}.date`, date(u.date), inService)
        yield* afterDisposal(`usage.${i}.date`, d)
        const units = yield* decimal(operation, `usage.${i}.units`, u.units)
        if (units.n < 0n) return yield* Result.fail(new InvalidDepreciationInput({ operation, field: `usage.${i}.units`, reason: "must not be negative" }))
        usage.push({ date: d, units })
      }
      accrual = M.unitsOfProduction(axis, base, total, usage)
    } else {
      const life = DepreciationProfile.lifeMonths(profile)!
      const t = M.timeline(convention, inService, life, fyStart)
      axis = t.axis
      accrual = method._tag === "StraightLine"
        ? M.straightLine(t, base, life)
        : method._tag === "SumOfYearsDigits"
        ? M.sumOfYearsDigits(t, base)
        : M.decliningBalance(t, R.int(cost), R.int(salvage), (yield* decimal(operation, "profile.method.rate", method.rate)), life, method.switchToStraightLine)
    }

    let disposal: Prepared["disposal"]
    if (disposalDate !== undefined) {
      const at = method._tag === "UnitsOfProduction" ? axis.dayEnd(disposalDate) : disposalCut(convention, axis, disposalDate, fyStart)
      accrual = A.cutAt(accrual, at)
      disposal = { date: disposalDate, at, proceeds }
    }
    // The half-year and mid-quarter conventions decide each fiscal year's amount; month by month, the first
    // fiscal year's amount is spread over the months from the in-service month, and a disposal year's over the
    // months up to the disposal.
    if ((convention === "halfYear" || convention === "midQuarter") && method._tag !== "UnitsOfProduction") {
      const firstFiscal = Cal.fiscalStart(firstMonth, fyStart)
      const limit = disposal === undefined ? firstFiscal + 12 : Math.min(firstFiscal + 12, Cal.monthIndex(disposal.date) + 1)
      accrual = A.merge(accrual, R.int(firstFiscal), R.int(firstFiscal + 12), R.int(firstMonth), R.int(limit))
      if (disposal !== undefined) {
        const month = Cal.monthIndex(disposal.date)
        const fiscal = Cal.fiscalStart(month, fyStart)
        if (fiscal > firstFiscal) accrual = A.merge(accrual, R.int(fiscal), R.int(fiscal + 12), R.int(fiscal), R.int(month + 1))
      }
    }
    // Each impairment, on the accrual as the schedule shows it: book value at its date (rounded as the schedule
    // rounds) less the impairment is the new carrying amount; what is left to depreciate after it is rescaled to
    // that amount less salvage. (After a disposal cut less may be left than the rescaling assumes, so book value
    // still ends at or above salvage.)
    let impaired = 0n
    for (const imp of impairments) {
      const at = axis.dayEnd(imp.date)
      const exact = A.cumulativeAt(accrual, at)
      const shown = R.round(exact)
      const bookValue = cost - shown - impaired
      if (imp.amount > bookValue) {
        return yield* Result.fail(
          new ImpairmentAboveBookValue({
            operation,
            book,
            date: Cal.format(imp.date),
            impairment: Money.format(imp.amount, scale),
            bookValue: Money.format(bookValue, scale)
          })
        )
      }
      const carrying = bookValue - imp.amount
      const newSalvage = salvage < carrying ? salvage : carrying
      const left = R.sub(R.int(cost - impaired - salvage), exact)
      const k = R.isZero(left) ? R.ZERO : R.div(R.int(carrying - newSalvage), left)
      accrual = A.addPoint(A.scaleFrom(accrual, at, k), { at, amount: R.sub(R.int(shown), exact) })
      impaired += imp.amount
      salvage = newSalvage
    }

    return { profile, scale, axis, inService, firstMonth, cost, salvage, accrual, impairments, disposal }
  })

/** One period of a schedule, before formatting. */
export interface Period {
  readonly first: Cal.PlainDate
  readonly last: Cal.PlainDate
  readonly fiscalYear: number
  readonly start: R.Rational
  readonly end: R.Rational
}

/** The periods from the one holding the in-service date to the end of life (or the disposal). */
export const periods = (p: Prepared, granularity: "month" | "year"): Array<Period> => {
  const fyStart = p.profile.fiscalYearStartMonth
  const step = granularity === "month" ? 1 : 12
  const first = granularity === "month" ? p.firstMonth : Cal.fiscalStart(p.firstMonth, fyStart)
  const lastPos = A.lastPosition(p.accrual)
  let lastMonth = p.firstMonth
  for (const imp of p.impairments) lastMonth = Math.max(lastMonth, Cal.monthIndex(imp.date))
  const stopMonth = p.disposal === undefined ? undefined : Cal.monthIndex(p.disposal.date)
  const out: Array<Period> = []
  for (let mi = first;; mi += step) {
    const start = p.axis.monthStart(mi)
    const end = p.axis.monthStart(mi + step)
    out.push({
      first: Cal.firstDay(mi),
      last: Cal.lastDay(mi + step - 1),
      fiscalYear: Cal.fiscalYearName(Cal.fiscalStart(mi, fyStart)),
      start,
      end
    })
    if (stopMonth !== undefined) {
      if (stopMonth < mi + step) break
      continue
    }
    if ((lastPos === undefined || R.le(lastPos, end)) && lastMonth < mi + step) break
  }
  return out
}

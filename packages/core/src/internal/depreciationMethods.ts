// The depreciation methods as exact accruals. The book methods first give an amount per year of life (life
// year i runs 12 months from the convention's start, the last one possibly shorter) and then accrue it evenly
// over that life year on the axis; a fiscal year that straddles two life years takes a share of each, which
// is the textbook treatment of partial first years (and, for declining balance, equals applying the rate to
// the opening book value of each fiscal year). MACRS gives an amount per tax year straight from the tables.
import * as Cal from "./depreciationCalendar.ts"
import * as R from "./depreciationRational.ts"
import type { Accrual, Point, Segment } from "./depreciationAccrual.ts"
import type * as MacrsTables from "../MacrsTables.ts"

export type Convention = "fullMonth" | "midMonth" | "halfYear" | "midQuarter" | "actualDays"

/** Where a book method's life sits on the axis. */
export interface Timeline {
  readonly axis: Cal.Axis
  /** Boundaries of the life years: `bounds[0]` is the start, the last one the end of life. */
  readonly bounds: ReadonlyArray<R.Rational>
  /** Length of each life year in years (1, or less for the last). */
  readonly lengths: ReadonlyArray<R.Rational>
  /** The month the asset entered service, and the start month of its first fiscal year. */
  readonly firstMonth: number
  readonly firstFiscal: number
}

const HALF = R.make(1n, 2n)

/** The convention's start on the month axis. */
const monthStart = (convention: Convention, firstMonth: number, firstFiscal: number): R.Rational => {
  switch (convention) {
    case "midMonth":
      return R.add(R.int(firstMonth), HALF)
    case "halfYear":
      return R.int(firstFiscal + 6)
    case "midQuarter":
      return R.add(R.int(firstFiscal + 3 * Math.floor((firstMonth - firstFiscal) / 3)), R.make(3n, 2n))
    default:
      return R.int(firstMonth)
  }
}

export const timeline = (convention: Convention, inService: Cal.PlainDate, lifeMonths: number, fiscalStartMonth: number): Timeline => {
  const firstMonth = Cal.monthIndex(inService)
  const firstFiscal = Cal.fiscalStart(firstMonth, fiscalStartMonth)
  const years = Math.ceil(lifeMonths / 12)
  const bounds: Array<R.Rational> = []
  const lengths: Array<R.Rational> = []
  const axis = convention === "actualDays" ? Cal.dayAxis : Cal.monthAxis
  const start = convention === "actualDays" ? axis.dayStart(inService) : monthStart(convention, firstMonth, firstFiscal)
  for (let i = 0; i <= years; i++) {
    const months = Math.min(12 * i, lifeMonths)
    bounds.push(convention === "actualDays" ? axis.dayStart(Cal.addMonths(inService, months)) : R.add(start, R.int(months)))
    if (i > 0) lengths.push(R.make(BigInt(months - 12 * (i - 1)), 12n))
  }
  return { axis, bounds, lengths, firstMonth, firstFiscal }
}

const accrue = (t: Timeline, amounts: ReadonlyArray<R.Rational>): Accrual => ({
  points: [],
  segments: amounts.map((amount, i): Segment => ({ from: t.bounds[i]!, to: t.bounds[i + 1]!, amount }))
})

/** Straight line: the base spread evenly over the life. */
export const straightLine = (t: Timeline, base: R.Rational, lifeMonths: number): Accrual =>
  accrue(t, t.lengths.map((len) => R.div(R.mul(base, R.mul(len, R.int(12))), R.int(lifeMonths))))

/** Sum of the years' digits over a life of whole years. */
export const sumOfYearsDigits = (t: Timeline, base: R.Rational): Accrual => {
  const n = BigInt(t.lengths.length)
  const digits = (n * (n + 1n)) / 2n
  return accrue(t, t.lengths.map((_, i) => R.div(R.mul(base, R.int(n - BigInt(i))), R.int(digits))))
}

/**
 * Declining balance at `rate` times the straight-line rate on the opening book value of each life year, never
 * below salvage. With `switchToStraightLine`, from the first life year where straight line over the remaining
 * life (of the book value less salvage) gives more, straight line for the rest. The last life year takes
 * whatever is left above salvage.
 */
export const decliningBalance = (
  t: Timeline,
  cost: R.Rational,
  salvage: R.Rational,
  rate: R.Rational,
  lifeMonths: number,
  switchToStraightLine: boolean
): Accrual => {
  const yearly = R.div(R.mul(rate, R.int(12)), R.int(lifeMonths))
  let book = cost
  let switched = false
  const amounts: Array<R.Rational> = []
  t.lengths.forEach((len, i) => {
    const left = R.max(R.sub(book, salvage), R.ZERO)
    let amount: R.Rational
    if (i === t.lengths.length - 1) {
      amount = left
    } else {
      const remaining = R.make(BigInt(lifeMonths - 12 * i), 12n)
      const straight = R.div(R.mul(left, len), remaining)
      const declining = R.mul(R.mul(yearly, len), book)
      if (switchToStraightLine && !switched && R.lt(declining, straight)) switched = true
      amount = R.min(switched ? straight : declining, left)
    }
    amounts.push(amount)
    book = R.sub(book, amount)
  })
  return accrue(t, amounts)
}

/** A usage record: units used on a day. */
export interface Usage {
  readonly date: Cal.PlainDate
  readonly units: R.Rational
}

/** Units of production: each day's units at `base / totalUnits`, until the total is reached. */
export const unitsOfProduction = (axis: Cal.Axis, base: R.Rational, totalUnits: R.Rational, usage: ReadonlyArray<Usage>): Accrual => {
  const sorted = [...usage].sort((a, b) => Cal.compare(a.date, b.date))
  let used = R.ZERO
  const points: Array<Point> = []
  for (const u of sorted) {
    const before = R.min(used, totalUnits)
    used = R.add(used, u.units)
    const after = R.min(used, totalUnits)
    const amount = R.div(R.mul(base, R.sub(after, before)), totalUnits)
    if (!R.isZero(amount)) points.push({ at: axis.dayMiddle(u.date), amount })
  }
  return { segments: [], points }
}

/** The MACRS convention's share of a tax year at its end: half a year, or up to the middle of a quarter. */
const macrsEnd = (convention: "halfYear" | "midQuarter", quarter: number): R.Rational =>
  convention === "halfYear" ? R.int(6) : R.add(R.int(3 * (quarter - 1)), R.make(3n, 2n))

/** A disposal for MACRS: the month it happens in. */
export interface MacrsDisposal {
  readonly month: number
}

/**
 * MACRS GDS from the published column: recovery year `t` is tax year `t` counted from the one the asset was
 * placed in service in, and deducts `cost × percentage`; the last recovery year takes the rest of the basis.
 * Shown month by month, the first tax year runs from the in-service month and the last one up to the
 * convention's end. A disposal before the last recovery year allows the convention's share of that year (half
 * a year, or up to the middle of the disposal quarter) and none if in the first tax year.
 */
export const macrs = (
  column: MacrsTables.Column,
  cost: R.Rational,
  convention: "halfYear" | "midQuarter",
  quarter: number,
  firstMonth: number,
  fiscalStartMonth: number,
  disposal: MacrsDisposal | undefined
): Accrual => {
  const firstFiscal = Cal.fiscalStart(firstMonth, fiscalStartMonth)
  const pct = column.map((p) => R.div(R.parse(p), R.int(100)))
  const amounts = pct.map((p) => R.mul(cost, p))
  let given = R.ZERO
  for (let i = 0; i < amounts.length - 1; i++) given = R.add(given, amounts[i]!)
  amounts[amounts.length - 1] = R.sub(cost, given)
  const segments: Array<Segment> = []
  const lastYear = amounts.length
  const disposalYear = disposal === undefined
    ? undefined
    : (Cal.fiscalStart(disposal.month, fiscalStartMonth) - firstFiscal) / 12 + 1
  for (let t = 1; t <= lastYear; t++) {
    const fiscal = firstFiscal + 12 * (t - 1)
    let amount = amounts[t - 1]!
    let from = R.int(t === 1 ? firstMonth : fiscal)
    let to = t === lastYear ? R.add(R.int(fiscal), macrsEnd(convention, quarter)) : R.int(fiscal + 12)
    if (disposalYear !== undefined) {
      if (disposalYear === 1 || t > disposalYear) break
      if (t === disposalYear && t < lastYear) {
        const disposalQuarter = Math.floor((disposal!.month - fiscal) / 3) + 1
        const share = macrsEnd(convention, disposalQuarter)
        amount = R.div(R.mul(amount, share), R.int(12))
        from = R.int(fiscal)
        to = R.add(R.int(fiscal), share)
      }
      // Shown month by month, the disposal year's deduction ends with the disposal month.
      if (t === disposalYear) to = R.min(to, R.int(disposal!.month + 1))
    }
    if (R.lt(from, to)) segments.push({ from, to, amount })
  }
  return { segments, points: [] }
}

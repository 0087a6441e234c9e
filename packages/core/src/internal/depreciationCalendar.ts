// Plain calendar dates (`YYYY-MM-DD`, no time zone) for depreciation: epoch days, month indexes
// (`year * 12 + month - 1`), fiscal years and the two time axes the engine measures on. On the month axis a
// month is one unit whatever its length (the monthly conventions); on the day axis a day is one unit, so a
// leap year is 366 units long and February 29 is a day like any other (the actual-days convention).
import * as R from "./depreciationRational.ts"

export interface PlainDate {
  readonly y: number
  readonly m: number
  readonly d: number
}

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

export const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate()

export const parse = (s: string): PlainDate | undefined => {
  const match = PATTERN.exec(s)
  if (match === null) return undefined
  const y = Number(match[1])
  const m = Number(match[2])
  const d = Number(match[3])
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined
  return { y, m, d }
}

export const isDate = (s: string): boolean => parse(s) !== undefined

const pad = (n: number, width: number): string => String(n).padStart(width, "0")

export const format = (date: PlainDate): string => `${pad(date.y, 4)}-${pad(date.m, 2)}-${pad(date.d, 2)}`

export const epochDay = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 86_400_000

export const fromEpochDay = (day: number): PlainDate => {
  const date = new Date(day * 86_400_000)
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() }
}

export const monthIndex = (date: PlainDate): number => date.y * 12 + date.m - 1
export const yearOf = (mi: number): number => Math.floor(mi / 12)
export const monthOf = (mi: number): number => mi - Math.floor(mi / 12) * 12 + 1

export const firstDay = (mi: number): PlainDate => ({ y: yearOf(mi), m: monthOf(mi), d: 1 })
export const lastDay = (mi: number): PlainDate => ({ y: yearOf(mi), m: monthOf(mi), d: daysInMonth(yearOf(mi), monthOf(mi)) })

export const compare = (a: PlainDate, b: PlainDate): number => a.y - b.y || a.m - b.m || a.d - b.d

/** The same day `months` later, clamped to the end of a shorter month (January 31 + 1 month = February 28/29). */
export const addMonths = (date: PlainDate, months: number): PlainDate => {
  const mi = monthIndex(date) + months
  const y = yearOf(mi)
  const m = monthOf(mi)
  return { y, m, d: Math.min(date.d, daysInMonth(y, m)) }
}

/** The month index where the fiscal year holding month `mi` starts, for a fiscal year starting in `startMonth`. */
export const fiscalStart = (mi: number, startMonth: number): number => {
  const offset = (((mi - (startMonth - 1)) % 12) + 12) % 12
  return mi - offset
}

/** A fiscal year is named after the calendar year it ends in (with a January start, the calendar year). */
export const fiscalYearName = (fiscalStartIndex: number): number => yearOf(fiscalStartIndex + 11)

/** A time axis: where months start on it and where a day ends. */
export interface Axis {
  readonly kind: "month" | "day"
  /** The position where month `mi` starts. */
  readonly monthStart: (mi: number) => R.Rational
  /** The position at the start of a day. */
  readonly dayStart: (date: PlainDate) => R.Rational
  /** The position at the end of a day (after its depreciation). */
  readonly dayEnd: (date: PlainDate) => R.Rational
  /** The middle of the day: where usage of that day is recorded (after the day's start, before its end). */
  readonly dayMiddle: (date: PlainDate) => R.Rational
}

export const monthAxis: Axis = {
  kind: "month",
  monthStart: (mi) => R.int(mi),
  dayStart: (date) => R.add(R.int(monthIndex(date)), R.make(BigInt(date.d - 1), BigInt(daysInMonth(date.y, date.m)))),
  dayEnd: (date) => R.add(R.int(monthIndex(date)), R.make(BigInt(date.d), BigInt(daysInMonth(date.y, date.m)))),
  dayMiddle: (date) => R.add(R.int(monthIndex(date)), R.make(BigInt(2 * date.d - 1), BigInt(2 * daysInMonth(date.y, date.m))))
}

export const dayAxis: Axis = {
  kind: "day",
  monthStart: (mi) => R.int(epochDay(yearOf(mi), monthOf(mi), 1)),
  dayStart: (date) => R.int(epochDay(date.y, date.m, date.d)),
  dayEnd: (date) => R.int(epochDay(date.y, date.m, date.d) + 1),
  dayMiddle: (date) => R.add(R.int(epochDay(date.y, date.m, date.d)), R.make(1n, 2n))
}

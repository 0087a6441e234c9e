// Calendar dates (`YYYY-MM-DD`, proleptic Gregorian, no time zone) for renewals, expiries, warranties and
// maintenance intervals. Arithmetic runs on day numbers since 1970-01-01, so leap years come from the civil
// calendar itself and never from a 365-day approximation.
import { type DateTime, Schema } from "effect"

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0

/** Days in a month (1-12) of a year. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31

const parts = (s: string): readonly [number, number, number] | undefined => {
  const m = PATTERN.exec(s)
  if (m === null) return undefined
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3])
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined
  return [y, mo, d]
}

/** A calendar date `YYYY-MM-DD` that exists (2024-02-29 does, 2023-02-29 does not). */
export const LocalDate = Schema.String.pipe(
  Schema.check(Schema.makeFilter((s: string) => parts(s) !== undefined || "must be a calendar date YYYY-MM-DD"))
)

// Howard Hinnant's days_from_civil / civil_from_days.
export const toDays = (date: string): number => {
  const [y0, m, d] = parts(date)!
  const y = m <= 2 ? y0 - 1 : y0
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

export const fromDays = (days: number): string => {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`
}

export const addDays = (date: string, days: number): string => fromDays(toDays(date) + days)

/** Adds calendar months; a day past the target month's end becomes its last day (Jan 31 + 1 month = Feb 28/29). */
export const addMonths = (date: string, months: number): string => {
  const [y, m, d] = parts(date)!
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = index - year * 12 + 1
  const day = Math.min(d, daysInMonth(year, month))
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export const daysBetween = (a: string, b: string): number => toDays(b) - toDays(a)

/** The UTC calendar date of an instant. */
export const dateOf = (at: DateTime.Utc): string => fromDays(Math.floor(at.epochMilliseconds / 86_400_000))

/** Whether a string is a valid calendar date. */
export const isDate = (s: string): boolean => parts(s) !== undefined

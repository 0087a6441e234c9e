/**
 * Count variances as pure functions: per cell in quantity, percent and value; whether a recount is due; whether
 * the cell is within tolerance; and the figures the approval checks against the approval policy.
 *
 * A cell's variance is its last count minus the book quantity when that count was recorded, so movements
 * posted between the freeze and the count are part of the book quantity, not of the variance. The percentage
 * is of that book quantity (100 % when the book says zero and something was found); the value is the variance
 * at the item's unit value at the freeze, rounded once to the minor unit.
 *
 * @since 0.1.0
 */
import { BigDecimal } from "effect"
import type { CountCell, CountItem, CountSession, RecountRule, Tolerance } from "./CountSession.ts"
import { pow10 } from "./internal/decimal.ts"
import * as Money from "./Money.ts"

/**
 * One cell's variance. `counted`, `onHand` and `variance` are smallest base units; `value` is minor units;
 * `percentage` is rounded to 4 decimals for display (checks compare exactly). `counted` is null for a cell not
 * counted yet.
 *
 * @since 0.1.0
 */
export interface Row {
  readonly itemId: string
  readonly locationId: string
  readonly lot: string | null
  readonly expected: bigint
  readonly counted: bigint | null
  readonly onHand: bigint | null
  readonly variance: bigint
  readonly value: bigint
  readonly percentage: BigDecimal.BigDecimal
  readonly counts: number
  readonly recountRequired: boolean
  readonly withinTolerance: boolean
  /** How far the count is off: |variance|, or for serials the number missing plus the number unexpected. */
  readonly gross: bigint
  /** The value of `gross` at the item's rate (never negative). */
  readonly absoluteValue: bigint
  /** Whether the cell was counted by serial. */
  readonly bySerial: boolean
  /** The serials found by the last count, sorted (serial-tracked items only). */
  readonly found: ReadonlyArray<string>
  /** Serials the book held in the cell that were not found, sorted (serial-tracked items only). */
  readonly missing: ReadonlyArray<string>
  /** Serials found that the book did not hold in the cell, sorted (serial-tracked items only). */
  readonly unexpected: ReadonlyArray<string>
}

const abs = (n: bigint): bigint => (n < 0n ? -n : n)

// |variance| / base > limit %, decided exactly: |variance| * 100 * 10^s > limit.value * base with limit = value / 10^s.
const overPercent = (variance: bigint, base: bigint, limit: BigDecimal.BigDecimal): boolean => {
  if (variance === 0n) return false
  if (base <= 0n) return true
  const l = BigDecimal.normalize(limit)
  const s = l.scale >= 0 ? l.scale : 0
  const lv = l.scale >= 0 ? l.value : l.value * pow10(-l.scale)
  return abs(variance) * 100n * pow10(s) > lv * base
}

// A decimal limit in base units (or money) against smallest units at `decimals`.
const overUnits = (amount: bigint, decimals: number, limit: BigDecimal.BigDecimal): boolean => {
  const l = BigDecimal.normalize(limit)
  // amount / 10^decimals > l.value / 10^l.scale  ⇔  amount * 10^l.scale > l.value * 10^decimals
  return l.scale >= 0
    ? abs(amount) * pow10(l.scale) > l.value * pow10(decimals)
    : abs(amount) > l.value * pow10(decimals - l.scale)
}

const percentOf = (variance: bigint, base: bigint): BigDecimal.BigDecimal => {
  if (variance === 0n) return BigDecimal.make(0n, 0)
  if (base <= 0n) return BigDecimal.make(variance < 0n ? -100n : 100n, 0)
  return BigDecimal.normalize(BigDecimal.make(Money.divide(variance * 100n * 10_000n, base), 4))
}

/**
 * Whether a variance exceeds the recount rule (any of its limits).
 *
 * @since 0.1.0
 */
export const exceeds = (rule: RecountRule, row: { readonly variance: bigint; readonly onHand: bigint; readonly value: bigint }, decimals: number, scale: number): boolean =>
  (rule.quantity !== undefined && overUnits(row.variance, decimals, rule.quantity)) ||
  (rule.percentage !== undefined && overPercent(row.variance, row.onHand, rule.percentage)) ||
  (rule.value !== undefined && overUnits(row.value, scale, rule.value))

/**
 * Whether a variance is within the tolerance: zero, or within its percentage or its quantity.
 *
 * @since 0.1.0
 */
export const tolerated = (tolerance: Tolerance, variance: bigint, onHand: bigint, decimals: number): boolean =>
  variance === 0n ||
  (tolerance.percentage !== undefined && !overPercent(variance, onHand, tolerance.percentage)) ||
  (tolerance.quantity !== undefined && !overUnits(variance, decimals, tolerance.quantity))

/**
 * The variance of one cell in a session.
 *
 * @since 0.1.0
 */
export const row = (session: Pick<CountSession, "recount" | "tolerance" | "currencyScale">, item: CountItem, cell: CountCell): Row => {
  const last = cell.counts[cell.counts.length - 1]
  const base = { itemId: cell.itemId, locationId: cell.locationId, lot: cell.lot, expected: cell.expected, counts: cell.counts.length }
  if (last === undefined) {
    return {
      ...base,
      counted: null,
      onHand: null,
      variance: 0n,
      value: 0n,
      percentage: BigDecimal.make(0n, 0),
      recountRequired: false,
      withinTolerance: true,
      gross: 0n,
      absoluteValue: 0n,
      bySerial: false,
      found: [],
      missing: [],
      unexpected: []
    }
  }
  const rate = item.rate === null ? null : { value: item.rate.value, quantity: item.rate.quantity }
  const variance = last.quantity - last.onHand
  const value = Money.atRate(rate, variance)
  // Serials are compared as sets: one missing and one unexpected is two discrepancies, not an exact count.
  const found = last.serials === undefined ? undefined : new Set(last.serials)
  const held = new Set(last.onHandSerials ?? [])
  const missing = found === undefined ? [] : [...held].filter((s) => !found.has(s)).sort()
  const unexpected = found === undefined ? [] : [...found].filter((s) => !held.has(s)).sort()
  const gross = found === undefined ? abs(variance) : BigInt(missing.length + unexpected.length)
  const absoluteValue = abs(Money.atRate(rate, gross))
  const over = exceeds(session.recount, { variance: gross, onHand: last.onHand, value: absoluteValue }, item.decimals, session.currencyScale)
  return {
    ...base,
    counted: last.quantity,
    onHand: last.onHand,
    variance,
    value,
    percentage: found === undefined ? percentOf(variance, last.onHand) : percentOf(variance < 0n ? -gross : gross, last.onHand),
    recountRequired: over && cell.counts.length < 2,
    withinTolerance: tolerated(session.tolerance, gross, last.onHand, item.decimals),
    gross,
    absoluteValue,
    bySerial: found !== undefined,
    found: last.serials ?? [],
    missing,
    unexpected
  }
}

/**
 * What an approval is checked against: the sum of the absolute variance values (minor units) and the largest
 * absolute cell percentage (as displayed, to 4 decimals), over counted cells; and the counts of exact cells and
 * of cells within tolerance for the accuracy KPI.
 *
 * @since 0.1.0
 */
export interface Totals {
  readonly cells: number
  readonly counted: number
  readonly exact: number
  readonly withinTolerance: number
  readonly absoluteValue: bigint
  readonly netValue: bigint
  readonly maxPercentage: BigDecimal.BigDecimal
}

/**
 * Sums the rows of a session.
 *
 * @since 0.1.0
 */
export const totals = (rows: ReadonlyArray<Row>): Totals => {
  let counted = 0
  let exact = 0
  let withinTolerance = 0
  let absoluteValue = 0n
  let netValue = 0n
  let maxPercentage = BigDecimal.make(0n, 0)
  for (const r of rows) {
    if (r.counted === null) continue
    counted++
    if (r.gross === 0n) exact++
    if (r.withinTolerance) withinTolerance++
    absoluteValue += r.absoluteValue
    netValue += r.value
    const p = BigDecimal.abs(r.percentage)
    if (BigDecimal.isGreaterThan(p, maxPercentage)) maxPercentage = p
  }
  return { cells: rows.length, counted, exact, withinTolerance, absoluteValue, netValue, maxPercentage }
}

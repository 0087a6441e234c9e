// Depreciation as exact accruals on a time axis: segments that accrue an amount evenly over [from, to), and
// points (units of production, rounding snaps) that accrue all at once. Segments are sorted and do not
// overlap. Cumulative depreciation at any position is exact; only the caller rounds.
import { divide } from "../Money.ts"
import * as R from "./depreciationRational.ts"

export interface Segment {
  readonly from: R.Rational
  readonly to: R.Rational
  readonly amount: R.Rational
}

export interface Point {
  readonly at: R.Rational
  readonly amount: R.Rational
}

export interface Accrual {
  readonly segments: ReadonlyArray<Segment>
  readonly points: ReadonlyArray<Point>
}

export const empty: Accrual = { segments: [], points: [] }

const part = (s: Segment, from: R.Rational, to: R.Rational): Segment => ({
  from,
  to,
  amount: R.mul(s.amount, R.div(R.sub(to, from), R.sub(s.to, s.from)))
})

/** The accrued amount of a segment up to `x`. */
const upTo = (s: Segment, x: R.Rational): R.Rational =>
  R.le(s.to, x) ? s.amount : R.le(x, s.from) ? R.ZERO : R.mul(s.amount, R.div(R.sub(x, s.from), R.sub(s.to, s.from)))

/** Total of everything in the accrual. */
export const total = (a: Accrual): R.Rational => {
  let sum = R.ZERO
  for (const s of a.segments) sum = R.add(sum, s.amount)
  for (const p of a.points) sum = R.add(sum, p.amount)
  return sum
}

/** Cumulative accrual strictly before position `x` (a point at `x` is not yet counted). */
export const cumulativeAt = (a: Accrual, x: R.Rational): R.Rational => {
  let sum = R.ZERO
  for (const s of a.segments) {
    if (!R.lt(s.from, x)) break
    sum = R.add(sum, upTo(s, x))
  }
  for (const p of a.points) if (R.lt(p.at, x)) sum = R.add(sum, p.amount)
  return sum
}

/**
 * {@link cumulativeAt} for increasing positions, in one sweep, rounded to whole minor units (half away from
 * zero). The segment straddling a position is added without normalizing the fraction: this is the hot loop of a
 * monthly schedule, and only the rounded value is needed.
 */
export const roundedCumulativeAtMany = (a: Accrual, xs: ReadonlyArray<R.Rational>): Array<bigint> => {
  const out: Array<bigint> = []
  let done = R.ZERO
  let si = 0
  let pi = 0
  const points = [...a.points].sort((p, q) => R.cmp(p.at, q.at))
  for (const x of xs) {
    while (si < a.segments.length && R.le(a.segments[si]!.to, x)) done = R.add(done, a.segments[si++]!.amount)
    while (pi < points.length && R.lt(points[pi]!.at, x)) done = R.add(done, points[pi++]!.amount)
    let n = done.n
    let d = done.d
    for (let k = si; k < a.segments.length && R.lt(a.segments[k]!.from, x); k++) {
      const { amount, from, to } = a.segments[k]!
      // amount × (x − from) / (to − from), as one fraction.
      const num = amount.n * (x.n * from.d - from.n * x.d) * to.d
      const den = amount.d * (to.n * from.d - from.n * to.d) * x.d
      n = n * den + num * d
      d = d * den
    }
    out.push(divide(n, d))
  }
  return out
}

/** Splits the segment that straddles `x` in two, so that `x` is a boundary. */
export const splitAt = (a: Accrual, x: R.Rational): Accrual => ({
  points: a.points,
  segments: a.segments.flatMap((s) => (R.lt(s.from, x) && R.lt(x, s.to) ? [part(s, s.from, x), part(s, x, s.to)] : [s]))
})

/** Multiplies everything at or after `x` by `k` (after splitting at `x`). */
export const scaleFrom = (a: Accrual, x: R.Rational, k: R.Rational): Accrual => {
  const split = splitAt(a, x)
  return {
    segments: split.segments.map((s) => (R.le(x, s.from) ? { ...s, amount: R.mul(s.amount, k) } : s)),
    points: split.points.map((p) => (R.le(x, p.at) ? { ...p, amount: R.mul(p.amount, k) } : p))
  }
}

/** Adds a point. */
export const addPoint = (a: Accrual, point: Point): Accrual => ({ segments: a.segments, points: [...a.points, point] })

/** Drops everything at or after `x`. */
export const cutAt = (a: Accrual, x: R.Rational): Accrual => ({
  segments: splitAt(a, x).segments.filter((s) => R.le(s.to, x)),
  points: a.points.filter((p) => R.lt(p.at, x))
})

/**
 * Replaces the segments inside [lo, hi) by one segment spreading their total evenly over [from, to) (inside
 * [lo, hi)): how the half-year and mid-quarter conventions' fiscal-year amounts are shown month by month.
 */
export const merge = (a: Accrual, lo: R.Rational, hi: R.Rational, from: R.Rational, to: R.Rational): Accrual => {
  const split = splitAt(splitAt(a, lo), hi)
  let inside = R.ZERO
  const before: Array<Segment> = []
  const after: Array<Segment> = []
  for (const s of split.segments) {
    if (R.le(s.to, lo)) before.push(s)
    else if (R.le(hi, s.from)) after.push(s)
    else inside = R.add(inside, s.amount)
  }
  if (R.isZero(inside) || !R.lt(from, to)) return split
  return { points: split.points, segments: [...before, { from, to, amount: inside }, ...after] }
}

/** Where the accrual ends: the end of the last segment (even one accruing nothing: the end of life), or the last point. */
export const lastPosition = (a: Accrual): R.Rational | undefined => {
  let last: R.Rational | undefined
  for (const s of a.segments) last = last === undefined ? s.to : R.max(last, s.to)
  for (const p of a.points) if (!R.isZero(p.amount)) last = last === undefined ? p.at : R.max(last, p.at)
  return last
}

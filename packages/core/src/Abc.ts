/**
 * ABC classification by annual consumption value (annual usage × unit cost, or the cost of goods issued over
 * a year).
 *
 * Items are ranked by value, highest first; equal values rank by id (code-unit order), so the order never
 * depends on the input order. Class A is the smallest set of top-ranked items whose value reaches the A
 * cut-off (80 % of the total by default), class B the smallest further set that reaches the B cut-off (95 %),
 * and the rest is class C. So the item that crosses a cut-off belongs to the class above it, and a single
 * item worth 90 % of the total is an A item. When every value is zero, every item is C.
 *
 * Ranking a million items takes well under a second: values are sorted by a radix sort on their bits, and
 * only runs of equal values are ordered by id, by a multikey quicksort on code units (none at all when the
 * input already comes in id order, as catalog listings do). Ids should be unique; repeated ids rank by input
 * position among themselves.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import { decoder, invalid } from "./internal/planning.ts"
import { type InvalidPlanningInput, NegativeDemand } from "./PlanningError.ts"

/** An ABC class. @since 0.1.0 */
export const AbcClass = Schema.Literals(["A", "B", "C"])
/** @since 0.1.0 */
export type AbcClass = typeof AbcClass.Type

/**
 * The cumulative value shares at which class A and class B end: `0 < a < b ≤ 1`.
 *
 * @since 0.1.0
 */
export const Cutoffs = Schema.Struct({ a: Schema.Finite, b: Schema.Finite })
/** @since 0.1.0 */
export type Cutoffs = typeof Cutoffs.Type

/** The default cut-offs, 80 % and 95 %. @since 0.1.0 */
export const defaultCutoffs: Cutoffs = { a: 0.8, b: 0.95 }

/**
 * One item to classify: its id and its consumption value (non-negative). Ids should be unique.
 *
 * @since 0.1.0
 */
export interface Entry {
  readonly id: string
  readonly value: number
}

/**
 * One ranked item. `rank` starts at 1; `share` is its part of the total value and `cumulativeShare` the part
 * of all items ranked up to and including it.
 *
 * @since 0.1.0
 */
export interface Row {
  readonly id: string
  readonly value: number
  readonly rank: number
  readonly share: number
  readonly cumulativeShare: number
  readonly class: AbcClass
}

/**
 * The items of one class: how many, their value, their share of the value and of the item count.
 *
 * @since 0.1.0
 */
export interface ClassSummary {
  readonly class: AbcClass
  readonly count: number
  readonly value: number
  readonly share: number
  readonly itemShare: number
}

/**
 * A classification: the rows in rank order, the total value and a summary per class (A, B, C).
 *
 * @since 0.1.0
 */
export interface Report {
  readonly total: number
  readonly cutoffs: Cutoffs
  readonly rows: ReadonlyArray<Row>
  readonly classes: ReadonlyArray<ClassSummary>
}

const decodeCutoffs = decoder("abc", Cutoffs)

// Indexes of `values` (non-negative finite doubles) in descending order of value, stable for equal values.
// For non-negative doubles the IEEE-754 bit pattern orders like the value, so a least-significant-digit radix
// sort on the complemented bits, 16 bits per pass, sorts them descending in four linear passes.
const sortDescending = (values: Float64Array): Uint32Array => {
  const m = values.length
  const bits = new Uint32Array(values.buffer, values.byteOffset, m * 2)
  // Little-endian hosts keep the low word first; read the layout rather than assume it.
  const low = new Uint32Array(new Float64Array([1]).buffer)[0] === 0 ? 0 : 1
  const counts = new Uint32Array(4 * 65536)
  let index = new Uint32Array(m)
  let lo = new Uint32Array(m)
  let hi = new Uint32Array(m)
  for (let i = 0; i < m; i++) {
    const l = ~bits[2 * i + low]! >>> 0
    const h = ~bits[2 * i + 1 - low]! >>> 0
    index[i] = i
    lo[i] = l
    hi[i] = h
    counts[l & 0xffff]!++
    counts[65536 + (l >>> 16)]!++
    counts[131072 + (h & 0xffff)]!++
    counts[196608 + (h >>> 16)]!++
  }
  let index2 = new Uint32Array(m)
  let lo2 = new Uint32Array(m)
  let hi2 = new Uint32Array(m)
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 65536
    let sum = 0
    let trivial = false
    for (let d = 0; d < 65536; d++) {
      const c = counts[base + d]!
      if (c === m) trivial = true
      counts[base + d] = sum
      sum += c
    }
    // Every key has the same digit here: the pass would not move anything.
    if (trivial) continue
    const word = pass < 2 ? lo : hi
    const shift = (pass & 1) * 16
    for (let i = 0; i < m; i++) {
      const p = counts[base + ((word[i]! >>> shift) & 0xffff)]!++
      index2[p] = index[i]!
      lo2[p] = lo[i]!
      hi2[p] = hi[i]!
    }
    ;[index, index2] = [index2, index]
    ;[lo, lo2] = [lo2, lo]
    ;[hi, hi2] = [hi2, hi]
  }
  return index
}

// Orders each run of equal values by id. Runs that are already in id order (input sorted by id, the usual
// case for catalog listings) cost one scan; others are sorted by a multikey quicksort on code units.
const orderTies = (order: Uint32Array, values: Float64Array, ids: ReadonlyArray<string>): void => {
  let start = 0
  const n = order.length
  while (start < n) {
    let end = start + 1
    let sorted = true
    while (end < n && values[order[end]!] === values[order[start]!]) {
      if (sorted && ids[order[end - 1]!]! > ids[order[end]!]!) sorted = false
      end++
    }
    if (!sorted) sortByIds(order, start, end, 0, ids)
    start = end
  }
}

// The code unit of `s` at `d`, shifted up by one so that the end of the string (0) sorts first.
const unit = (s: string, d: number): number => (d < s.length ? s.charCodeAt(d) + 1 : 0)

// Bentley & Sedgewick's multikey quicksort of `order[lo, hi)` by id, all ids there being equal before
// position `d`: three-way partitions on one code unit at a time, so no comparison calls back into a
// comparator and shared prefixes are read once. Equal ids keep index order.
const sortByIds = (order: Uint32Array, lo: number, hi: number, d: number, ids: ReadonlyArray<string>): void => {
  while (hi - lo > 1) {
    // Very long shared prefixes: finish with comparisons rather than one partition per code unit.
    if (d > 256) {
      order.set(Array.from(order.subarray(lo, hi)).sort(byId(ids)), lo)
      return
    }
    if (hi - lo <= 12) {
      for (let i = lo + 1; i < hi; i++) {
        const x = order[i]!
        let j = i - 1
        while (j >= lo && (ids[order[j]!]! > ids[x]! || (ids[order[j]!] === ids[x] && order[j]! > x))) {
          order[j + 1] = order[j]!
          j--
        }
        order[j + 1] = x
      }
      return
    }
    // Median of three code units as the pivot, so runs already in (or against) id order stay linearithmic.
    const a = unit(ids[order[lo]!]!, d)
    const b = unit(ids[order[(lo + hi) >>> 1]!]!, d)
    const c = unit(ids[order[hi - 1]!]!, d)
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b
    let lt = lo
    let gt = hi - 1
    let i = lo
    while (i <= gt) {
      const x = order[i]!
      const k = unit(ids[x]!, d)
      if (k < pivot) {
        order[i++] = order[lt]!
        order[lt++] = x
      } else if (k > pivot) {
        order[i] = order[gt]!
        order[gt--] = x
      } else i++
    }
    sortByIds(order, lo, lt, d, ids)
    sortByIds(order, gt + 1, hi, d, ids)
    // The ids equal up to here continue with the next code unit; at the end of the string they are equal.
    if (pivot === 0) {
      order.subarray(lt, gt + 1).sort()
      return
    }
    lo = lt
    hi = gt + 1
    d++
  }
}

const byId = (ids: ReadonlyArray<string>) => (a: number, b: number) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b)

/**
 * Classifies items by consumption value. Fails on a negative value (`NegativeDemand`), a value that is not a
 * finite number, or cut-offs outside `0 < a < b ≤ 1`.
 *
 * @since 0.1.0
 */
export const classify = (
  entries: ReadonlyArray<Entry>,
  cutoffs: Cutoffs = defaultCutoffs
): Result.Result<Report, InvalidPlanningInput | NegativeDemand> =>
  Result.gen(function*() {
    const c = yield* decodeCutoffs(cutoffs)
    if (!(c.a > 0 && c.a < c.b && c.b <= 1)) return yield* invalid("abc", "cutoffs", `must satisfy 0 < a < b ≤ 1 (got a = ${c.a}, b = ${c.b})`)
    if (!Array.isArray(entries)) return yield* invalid("abc", "entries", "must be an array")
    const n = entries.length
    const values = new Float64Array(n)
    const ids = new Array<string>(n)
    let total = 0
    for (let i = 0; i < n; i++) {
      const e = entries[i] as Entry | undefined
      const value = e?.value
      if (typeof e?.id !== "string") return yield* invalid("abc", `entries[${i}].id`, "must be a string")
      if (typeof value !== "number" || !Number.isFinite(value)) return yield* invalid("abc", `entries[${i}].value`, "must be a finite number")
      if (value < 0) return yield* Result.fail(new NegativeDemand({ operation: "abc", field: `entries[${i}].value`, value }))
      // −0 has the sign bit set and would sort below every positive value.
      values[i] = value + 0
      ids[i] = e.id
    }
    let order: Uint32Array
    if (n < 4096) {
      // Small inputs: the radix sort's tables cost more than a comparison sort.
      const compare = byId(ids)
      order = Uint32Array.from(Array.from({ length: n }, (_, i) => i).sort((a, b) => values[b]! - values[a]! || compare(a, b)))
    } else {
      order = sortDescending(values)
      orderTies(order, values, ids)
    }
    // Summed in rank order (with Neumaier's compensation), so the total, and every share, is the same
    // whatever order the entries came in.
    let compensation = 0
    for (let r = 0; r < n; r++) {
      const v = values[order[r]!]!
      const t = total + v
      compensation += Math.abs(total) >= v ? total - t + v : v - t + total
      total = t
    }
    total += compensation
    if (!Number.isFinite(total)) return yield* invalid("abc", "entries", "hold values whose sum exceeds the largest number")
    const rows = new Array<Row>(n)
    const counts = [0, 0, 0]
    const sums = [0, 0, 0]
    const classes = ["A", "B", "C"] as const
    // A relative tolerance so that a cumulative sum that reaches a cut-off only up to rounding still counts.
    const reachA = c.a * total * (1 - 1e-12)
    const reachB = c.b * total * (1 - 1e-12)
    let before = 0
    for (let r = 0; r < n; r++) {
      const i = order[r]!
      const value = values[i]!
      const k = total === 0 ? 2 : before < reachA ? 0 : before < reachB ? 1 : 2
      before += value
      counts[k]!++
      sums[k]! += value
      rows[r] = {
        id: ids[i]!,
        value,
        rank: r + 1,
        share: total === 0 ? 0 : value / total,
        cumulativeShare: total === 0 ? 0 : r === n - 1 ? 1 : Math.min(1, before / total),
        class: classes[k]!
      }
    }
    return {
      total,
      cutoffs: c,
      rows,
      classes: classes.map((k, j): ClassSummary => ({
        class: k,
        count: counts[j]!,
        value: sums[j]!,
        share: total === 0 ? 0 : sums[j]! / total,
        itemShare: n === 0 ? 0 : counts[j]! / n
      }))
    }
  })

/**
 * XYZ classification by the variability of demand, and the ABC-XYZ matrix.
 *
 * An item's coefficient of variation is the standard deviation of its demand per period over the mean
 * (population standard deviation, dividing by the number of periods). X items (CV ≤ 0.5 by default) have
 * steady demand, Y items (CV ≤ 1) fluctuating demand, and Z items irregular demand. An item with no demand at
 * all has no CV and is a Z item. Every item's series must use the same period length, for example the
 * monthly series from {@link DemandHistory}.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import type * as Abc from "./Abc.ts"
import { decoder, invalid } from "./internal/planning.ts"
import { type InvalidPlanningInput, NegativeDemand } from "./PlanningError.ts"

/** An XYZ class. @since 0.1.0 */
export const XyzClass = Schema.Literals(["X", "Y", "Z"])
/** @since 0.1.0 */
export type XyzClass = typeof XyzClass.Type

/**
 * The largest coefficients of variation of class X and class Y: `0 ≤ x < y`.
 *
 * @since 0.1.0
 */
export const Cutoffs = Schema.Struct({ x: Schema.Finite, y: Schema.Finite })
/** @since 0.1.0 */
export type Cutoffs = typeof Cutoffs.Type

/** The default cut-offs: CV 0.5 and 1. @since 0.1.0 */
export const defaultCutoffs: Cutoffs = { x: 0.5, y: 1 }

/**
 * An item and its demand per period.
 *
 * @since 0.1.0
 */
export interface Entry {
  readonly id: string
  readonly demand: ReadonlyArray<number>
}

/**
 * One classified item. `cv` is null when the item had no demand.
 *
 * @since 0.1.0
 */
export interface Row {
  readonly id: string
  readonly periods: number
  readonly mean: number
  readonly stdDev: number
  readonly cv: number | null
  readonly class: XyzClass
}

/**
 * The coefficient of variation of a demand series (population standard deviation over the mean), with its
 * mean and standard deviation; `cv` is null when the mean is zero.
 *
 * @since 0.1.0
 */
export const variation = (demand: ReadonlyArray<number>): { readonly mean: number; readonly stdDev: number; readonly cv: number | null } => {
  const n = demand.length
  if (n === 0) return { mean: 0, stdDev: 0, cv: null }
  let sum = 0
  for (const d of demand) sum += d
  const mean = sum / n
  let squares = 0
  for (const d of demand) squares += (d - mean) * (d - mean)
  const stdDev = Math.sqrt(squares / n)
  return { mean, stdDev, cv: mean > 0 ? stdDev / mean : null }
}

const decodeCutoffs = decoder("xyz", Cutoffs)

/**
 * Classifies items by the variability of their demand. Fails on a negative or non-finite demand, an empty
 * series, or cut-offs outside `0 ≤ x < y`.
 *
 * @since 0.1.0
 */
export const classify = (
  entries: ReadonlyArray<Entry>,
  cutoffs: Cutoffs = defaultCutoffs
): Result.Result<ReadonlyArray<Row>, InvalidPlanningInput | NegativeDemand> =>
  Result.gen(function*() {
    const c = yield* decodeCutoffs(cutoffs)
    if (!(c.x >= 0 && c.x < c.y)) return yield* invalid("xyz", "cutoffs", `must satisfy 0 ≤ x < y (got x = ${c.x}, y = ${c.y})`)
    const rows: Array<Row> = []
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!
      if (typeof e?.id !== "string") return yield* invalid("xyz", `entries[${i}].id`, "must be a string")
      if (!Array.isArray(e.demand) || e.demand.length === 0) return yield* invalid("xyz", `entries[${i}].demand`, "must be a non-empty array")
      for (let t = 0; t < e.demand.length; t++) {
        const d = e.demand[t]
        if (typeof d !== "number" || !Number.isFinite(d)) return yield* invalid("xyz", `entries[${i}].demand[${t}]`, "must be a finite number")
        if (d < 0) return yield* Result.fail(new NegativeDemand({ operation: "xyz", field: `entries[${i}].demand[${t}]`, value: d }))
      }
      const v = variation(e.demand)
      const k: XyzClass = v.cv === null ? "Z" : v.cv <= c.x ? "X" : v.cv <= c.y ? "Y" : "Z"
      rows.push({ id: e.id, periods: e.demand.length, mean: v.mean, stdDev: v.stdDev, cv: v.cv, class: k })
    }
    return rows
  })

/**
 * One cell of the ABC-XYZ matrix: the items classed `abc` and `xyz`, and their consumption value.
 *
 * @since 0.1.0
 */
export interface Cell {
  readonly abc: Abc.AbcClass
  readonly xyz: XyzClass
  readonly count: number
  readonly value: number
  readonly share: number
}

/**
 * The ABC-XYZ matrix: nine cells (AX, AY, AZ, BX, …, CZ) and each item's pair. Items present in only one of
 * the two classifications are counted in `unmatched` and left out of the cells.
 *
 * @since 0.1.0
 */
export interface Matrix {
  readonly cells: ReadonlyArray<Cell>
  readonly items: ReadonlyArray<{ readonly id: string; readonly abc: Abc.AbcClass; readonly xyz: XyzClass }>
  readonly unmatched: number
}

/**
 * Combines an ABC and an XYZ classification of the same items into the matrix.
 *
 * @since 0.1.0
 */
export const matrix = (abc: ReadonlyArray<Abc.Row>, xyz: ReadonlyArray<Row>): Matrix => {
  const classOf = new Map<string, XyzClass>()
  for (const row of xyz) classOf.set(row.id, row.class)
  const cells = new Map<string, { count: number; value: number }>()
  for (const a of ["A", "B", "C"] as const) for (const x of ["X", "Y", "Z"] as const) cells.set(a + x, { count: 0, value: 0 })
  const items: Array<{ readonly id: string; readonly abc: Abc.AbcClass; readonly xyz: XyzClass }> = []
  let total = 0
  let matched = 0
  for (const row of abc) {
    const x = classOf.get(row.id)
    if (x === undefined) continue
    matched++
    const cell = cells.get(row.class + x)!
    cell.count++
    cell.value += row.value
    total += row.value
    items.push({ id: row.id, abc: row.class, xyz: x })
  }
  return {
    cells: [...cells.entries()].map(([key, c]): Cell => ({
      abc: key[0] as Abc.AbcClass,
      xyz: key[1] as XyzClass,
      count: c.count,
      value: c.value,
      share: total === 0 ? 0 : c.value / total
    })),
    items,
    unmatched: abc.length - matched + (xyz.length - matched)
  }
}

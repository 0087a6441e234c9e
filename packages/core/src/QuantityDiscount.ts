/**
 * EOQ with quantity discounts, where the unit price depends on the order quantity, and holding cost is a
 * carrying rate `i` of the price (`h = i·c`). The total cost now includes the purchase cost.
 *
 * - **All-units**: the price of the bracket the order falls in applies to every unit. For each bracket `j`
 *   from `q_j` with price `c_j`: take `Q_j = √(2DS/(i·c_j))`, raise it to `q_j` if below, drop the bracket if
 *   it lies at or above the next break; the best of `Dc_j + DS/Q + i·c_j·Q/2` wins.
 * - **Incremental**: each bracket's price applies only to the units within it, so an order of `Q` in bracket
 *   `j` costs `C(Q) = R_j + c_j(Q − q_j)`, with `R_j` the cost of the first `q_j` units. The total cost is
 *   `D·C(Q)/Q + DS/Q + i·C(Q)/2`, minimised in bracket `j` at `√(2D(S + R_j − c_j·q_j)/(i·c_j))`.
 *
 * Ties go to the smaller quantity. The first break may start above zero for all-units discounts (a minimum
 * order); for incremental discounts it must be zero.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import { decoder, invalid, positiveCost, positiveDemand } from "./internal/planning.ts"
import type { PlanningError } from "./PlanningError.ts"
import { type PeriodUnit, Rate, sameUnit, type Span } from "./PlanningPeriod.ts"

/**
 * A price break: from `minQuantity` units on, the unit price is `unitPrice`.
 *
 * @since 0.1.0
 */
export const PriceBreak = Schema.Struct({ minQuantity: Schema.Finite, unitPrice: Schema.Finite })
/** @since 0.1.0 */
export type PriceBreak = typeof PriceBreak.Type

/**
 * Input: demand per period, cost per order, the carrying rate (a fraction of the unit price per period) and
 * the price breaks in increasing order of quantity.
 *
 * @since 0.1.0
 */
export const Input = Schema.Struct({
  demand: Rate,
  orderingCost: Schema.Finite,
  carryingRate: Rate,
  breaks: Schema.Array(PriceBreak)
})
/** @since 0.1.0 */
export type Input = typeof Input.Type

/**
 * How one bracket fared: its own EOQ, the best feasible quantity in it (null when there is none) and that
 * quantity's total cost.
 *
 * @since 0.1.0
 */
export interface Candidate {
  readonly minQuantity: number
  readonly unitPrice: number
  readonly eoq: number
  readonly quantity: number | null
  readonly totalCost: number | null
}

/**
 * The best order quantity under the discounts. `unitPrice` is the price paid per unit at that quantity (the
 * average for incremental discounts). Costs and counts are per `per`.
 *
 * @since 0.1.0
 */
export interface Plan {
  readonly quantity: number
  readonly unitPrice: number
  readonly per: PeriodUnit
  readonly ordersPerPeriod: number
  readonly cycleTime: Span
  readonly purchaseCost: number
  readonly orderingCost: number
  readonly holdingCost: number
  readonly totalCost: number
  readonly candidates: ReadonlyArray<Candidate>
}

interface Valid {
  readonly d: number
  readonly s: number
  readonly i: number
  readonly per: PeriodUnit
  readonly breaks: ReadonlyArray<PriceBreak>
}

const validate = (operation: string, input: Input, kind: "all-units" | "incremental"): Result.Result<Valid, PlanningError> =>
  Result.gen(function*() {
    const x = yield* decoder(operation, Input)(input)
    const per = yield* sameUnit(operation, [["demand.per", x.demand.per], ["carryingRate.per", x.carryingRate.per]])
    const d = yield* positiveDemand(operation, "demand.value", x.demand.value)
    const s = yield* positiveCost(operation, "orderingCost", x.orderingCost)
    const i = yield* positiveCost(operation, "carryingRate.value", x.carryingRate.value)
    if (x.breaks.length === 0) return yield* invalid(operation, "breaks", "must hold at least one price break")
    for (let j = 0; j < x.breaks.length; j++) {
      const b = x.breaks[j]!
      yield* positiveCost(operation, `breaks[${j}].unitPrice`, b.unitPrice)
      if (j === 0 && (b.minQuantity < 0 || (kind === "incremental" && b.minQuantity !== 0))) {
        return yield* invalid(operation, "breaks[0].minQuantity", kind === "incremental" ? "must be 0 for incremental discounts" : "must not be negative")
      }
      if (j > 0 && !(b.minQuantity > x.breaks[j - 1]!.minQuantity)) {
        return yield* invalid(operation, `breaks[${j}].minQuantity`, "must be greater than the previous break's")
      }
    }
    return { d, s, i, per, breaks: x.breaks }
  })

const finish = (v: Valid, q: number, unitPrice: number, purchase: number, inventoryValue: number, candidates: ReadonlyArray<Candidate>): Plan => {
  const ordering = (v.d * v.s) / q
  const holding = (v.i * inventoryValue) / 2
  return {
    quantity: q,
    unitPrice,
    per: v.per,
    ordersPerPeriod: v.d / q,
    cycleTime: { value: q / v.d, unit: v.per },
    purchaseCost: purchase,
    orderingCost: ordering,
    holdingCost: holding,
    totalCost: purchase + ordering + holding,
    candidates
  }
}

// All-units: the bracket holding q, its price, and the cost pieces.
const allUnitsCost = (v: Valid, q: number) => {
  let j = 0
  while (j + 1 < v.breaks.length && q >= v.breaks[j + 1]!.minQuantity) j++
  const c = v.breaks[j]!.unitPrice
  return { c, purchase: v.d * c, value: c * q }
}

// Incremental: the cost of an order of q, C(q) = R_j + c_j (q − q_j).
const orderCost = (v: Valid, q: number): number => {
  let total = 0
  for (let j = 0; j < v.breaks.length; j++) {
    const from = v.breaks[j]!.minQuantity
    const to = j + 1 < v.breaks.length ? v.breaks[j + 1]!.minQuantity : Infinity
    if (q <= from) break
    total += v.breaks[j]!.unitPrice * (Math.min(q, to) - from)
  }
  return total
}

const best = (candidates: ReadonlyArray<Candidate>): Candidate => {
  let winner: Candidate | undefined
  for (const c of candidates) {
    if (c.totalCost === null || c.quantity === null) continue
    if (winner === undefined || c.totalCost < winner.totalCost! || (c.totalCost === winner.totalCost && c.quantity < winner.quantity!)) winner = c
  }
  // The last bracket has no upper end, so it always has a feasible quantity.
  return winner!
}

const allUnitsPlan = (v: Valid, q: number, candidates: ReadonlyArray<Candidate>): Plan => {
  const { c, purchase, value } = allUnitsCost(v, q)
  return finish(v, q, c, purchase, value, candidates)
}

const incrementalPlan = (v: Valid, q: number, candidates: ReadonlyArray<Candidate>): Plan => {
  const cost = orderCost(v, q)
  return finish(v, q, cost / q, (v.d * cost) / q, cost, candidates)
}

/**
 * The best order quantity under all-units discounts.
 *
 * @since 0.1.0
 */
export const allUnits = (input: Input): Result.Result<Plan, PlanningError> =>
  Result.map(validate("allUnitsDiscount", input, "all-units"), (v) => {
    const candidates = v.breaks.map((b, j): Candidate => {
      const eoq = Math.sqrt((2 * v.d * v.s) / (v.i * b.unitPrice))
      const next = j + 1 < v.breaks.length ? v.breaks[j + 1]!.minQuantity : Infinity
      const q = Math.max(eoq, b.minQuantity)
      if (q >= next || q <= 0) return { minQuantity: b.minQuantity, unitPrice: b.unitPrice, eoq, quantity: null, totalCost: null }
      return { minQuantity: b.minQuantity, unitPrice: b.unitPrice, eoq, quantity: q, totalCost: allUnitsPlan(v, q, []).totalCost }
    })
    return allUnitsPlan(v, best(candidates).quantity!, candidates)
  })

/**
 * The best order quantity under incremental discounts.
 *
 * @since 0.1.0
 */
export const incremental = (input: Input): Result.Result<Plan, PlanningError> =>
  Result.map(validate("incrementalDiscount", input, "incremental"), (v) => {
    let cumulative = 0
    const candidates = v.breaks.map((b, j): Candidate => {
      const next = j + 1 < v.breaks.length ? v.breaks[j + 1]!.minQuantity : Infinity
      const fixed = v.s + cumulative - b.unitPrice * b.minQuantity
      cumulative += j + 1 < v.breaks.length ? b.unitPrice * (next - b.minQuantity) : 0
      // A non-positive fixed part makes the cost rise with Q inside the bracket: its best point is its start.
      const eoq = fixed > 0 ? Math.sqrt((2 * v.d * fixed) / (v.i * b.unitPrice)) : b.minQuantity
      const q = Math.max(eoq, b.minQuantity)
      if (q >= next || q <= 0) return { minQuantity: b.minQuantity, unitPrice: b.unitPrice, eoq, quantity: null, totalCost: null }
      return { minQuantity: b.minQuantity, unitPrice: b.unitPrice, eoq, quantity: q, totalCost: incrementalPlan(v, q, []).totalCost }
    })
    return incrementalPlan(v, best(candidates).quantity!, candidates)
  })

const at = (operation: string, kind: "all-units" | "incremental", input: Input, quantity: number): Result.Result<Plan, PlanningError> =>
  Result.gen(function*() {
    const v = yield* validate(operation, input, kind)
    if (!(Number.isFinite(quantity) && quantity > 0)) return yield* invalid(operation, "quantity", `must be a positive finite number (got ${quantity})`)
    if (quantity < v.breaks[0]!.minQuantity) return yield* invalid(operation, "quantity", `is below the first price break ${v.breaks[0]!.minQuantity}`)
    return kind === "all-units" ? allUnitsPlan(v, quantity, []) : incrementalPlan(v, quantity, [])
  })

/**
 * The all-units total cost (and the rest of the plan) at any order quantity.
 *
 * @since 0.1.0
 */
export const allUnitsAt = (input: Input, quantity: number): Result.Result<Plan, PlanningError> => at("allUnitsDiscount", "all-units", input, quantity)

/**
 * The incremental total cost (and the rest of the plan) at any order quantity.
 *
 * @since 0.1.0
 */
export const incrementalAt = (input: Input, quantity: number): Result.Result<Plan, PlanningError> =>
  at("incrementalDiscount", "incremental", input, quantity)

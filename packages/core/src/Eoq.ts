/**
 * The economic order quantity family: classic EOQ (Harris 1913), the economic production quantity for a
 * finite production rate, and EOQ with planned backorders. Quantity discounts are in {@link QuantityDiscount}.
 *
 * With demand `D` per period, a fixed cost `S` per order (or set-up), a holding cost `h` per unit per period:
 *
 * | model | order quantity | total relevant cost per period at `Q` |
 * |---|---|---|
 * | classic | `Q* = √(2DS/h)` | `DS/Q + hQ/2` |
 * | production (rate `p > D`) | `Q* = √(2DS / (h(1 − D/p)))` | `DS/Q + hQ(1 − D/p)/2` |
 * | backorders (cost `b` per unit short per period) | `Q* = √(2DS/h · (h + b)/b)` | `DS/Q + h(Q − B)²/2Q + bB²/2Q` |
 *
 * with the optimal backorder level `B* = Q·h/(h + b)`. Every plan also gives orders per period `D/Q` and the
 * cycle time `Q/D`. All rates must be per the same period unit ({@link PlanningPeriod}); the results are in
 * that unit. Quantities here are real numbers: round them to whole packs with {@link Replenishment}.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import { decoder, invalid, positiveCost, positiveDemand } from "./internal/planning.ts"
import type { PlanningError } from "./PlanningError.ts"
import { type PeriodUnit, Rate, sameUnit, type Span } from "./PlanningPeriod.ts"

/**
 * Input of the classic EOQ: demand per period, cost per order, holding cost per unit per period.
 *
 * @since 0.1.0
 */
export const ClassicInput = Schema.Struct({ demand: Rate, orderingCost: Schema.Finite, holdingCost: Rate })
/** @since 0.1.0 */
export type ClassicInput = typeof ClassicInput.Type

/**
 * Input of the economic production quantity: as {@link ClassicInput}, with the production rate (which must
 * exceed demand) and the set-up cost in place of the ordering cost.
 *
 * @since 0.1.0
 */
export const ProductionInput = Schema.Struct({ demand: Rate, productionRate: Rate, setupCost: Schema.Finite, holdingCost: Rate })
/** @since 0.1.0 */
export type ProductionInput = typeof ProductionInput.Type

/**
 * Input of EOQ with planned backorders: as {@link ClassicInput}, with the cost of one unit backordered for
 * one period.
 *
 * @since 0.1.0
 */
export const BackorderInput = Schema.Struct({ demand: Rate, orderingCost: Schema.Finite, holdingCost: Rate, backorderCost: Rate })
/** @since 0.1.0 */
export type BackorderInput = typeof BackorderInput.Type

/**
 * An order quantity and what it costs. Costs and counts are per `per`; `cycleTime` is in `per` units.
 *
 * @since 0.1.0
 */
export interface Plan {
  /** The optimal order (or production lot) quantity, in stock units. */
  readonly quantity: number
  /** The period unit of every rate and cost below. */
  readonly per: PeriodUnit
  readonly ordersPerPeriod: number
  readonly cycleTime: Span
  /** Ordering (or set-up) cost per period. */
  readonly orderingCost: number
  /** Holding cost per period. */
  readonly holdingCost: number
  /** Ordering plus holding (plus backorder) cost per period: the total relevant cost. */
  readonly totalCost: number
}

/**
 * An economic production quantity. `maxInventory` is `Q(1 − D/p)`; `productionTime` is how long a lot takes
 * to make.
 *
 * @since 0.1.0
 */
export interface ProductionPlan extends Plan {
  readonly maxInventory: number
  readonly productionTime: Span
}

/**
 * An order quantity with planned backorders: the most stock on hand (`Q − B`), the most backordered (`B`),
 * the backorder cost per period, and the share of each cycle with stock on hand (`b/(h + b)`).
 *
 * @since 0.1.0
 */
export interface BackorderPlan extends Plan {
  readonly maxInventory: number
  readonly maxBackorder: number
  readonly backorderCost: number
  readonly inStockShare: number
}

interface Valid {
  readonly d: number
  readonly s: number
  readonly h: number
  readonly per: PeriodUnit
}

const decodeClassic = decoder("eoq", ClassicInput)
const decodeProduction = decoder("epq", ProductionInput)
const decodeBackorder = decoder("eoqWithBackorders", BackorderInput)

const validClassic = (operation: string, i: ClassicInput, costField = "orderingCost"): Result.Result<Valid, PlanningError> =>
  Result.gen(function*() {
    const per = yield* sameUnit(operation, [["demand.per", i.demand.per], ["holdingCost.per", i.holdingCost.per]])
    const d = yield* positiveDemand(operation, "demand.value", i.demand.value)
    const s = yield* positiveCost(operation, costField, i.orderingCost)
    const h = yield* positiveCost(operation, "holdingCost.value", i.holdingCost.value)
    return { d, s, h, per }
  })

const validQuantity = (operation: string, q: number): Result.Result<number, PlanningError> =>
  Number.isFinite(q) && q > 0 ? Result.succeed(q) : invalid(operation, "quantity", `must be a positive finite number (got ${q})`)

const plan = (v: Valid, q: number, holding: number, extra = 0): Plan => {
  const ordering = (v.d * v.s) / q
  return {
    quantity: q,
    per: v.per,
    ordersPerPeriod: v.d / q,
    cycleTime: { value: q / v.d, unit: v.per },
    orderingCost: ordering,
    holdingCost: holding,
    totalCost: ordering + holding + extra
  }
}

/**
 * The classic economic order quantity `√(2DS/h)` and its costs.
 *
 * @since 0.1.0
 */
export const classic = (input: ClassicInput): Result.Result<Plan, PlanningError> =>
  Result.gen(function*() {
    const v = yield* validClassic("eoq", yield* decodeClassic(input))
    const q = Math.sqrt((2 * v.d * v.s) / v.h)
    return plan(v, q, (v.h * q) / 2)
  })

/**
 * The classic model's costs at any order quantity: `DS/Q + hQ/2` and the rest of the plan.
 *
 * @since 0.1.0
 */
export const classicAt = (input: ClassicInput, quantity: number): Result.Result<Plan, PlanningError> =>
  Result.gen(function*() {
    const v = yield* validClassic("eoq", yield* decodeClassic(input))
    const q = yield* validQuantity("eoq", quantity)
    return plan(v, q, (v.h * q) / 2)
  })

const validProduction = (i: ProductionInput) =>
  Result.gen(function*() {
    const v = yield* validClassic("epq", { demand: i.demand, orderingCost: i.setupCost, holdingCost: i.holdingCost }, "setupCost")
    yield* sameUnit("epq", [["demand.per", i.demand.per], ["productionRate.per", i.productionRate.per]])
    if (!(i.productionRate.value > v.d)) {
      return yield* invalid("epq", "productionRate.value", `must exceed the demand rate ${v.d} (got ${i.productionRate.value})`)
    }
    return { ...v, p: i.productionRate.value }
  })

const productionPlan = (v: Valid & { readonly p: number }, q: number): ProductionPlan => {
  const maxInventory = q * (1 - v.d / v.p)
  return { ...plan(v, q, (v.h * maxInventory) / 2), maxInventory, productionTime: { value: q / v.p, unit: v.per } }
}

/**
 * The economic production quantity `√(2DS / (h(1 − D/p)))` for a lot produced at rate `p` while demand
 * continues at rate `D`.
 *
 * @since 0.1.0
 */
export const production = (input: ProductionInput): Result.Result<ProductionPlan, PlanningError> =>
  Result.gen(function*() {
    const v = yield* validProduction(yield* decodeProduction(input))
    return productionPlan(v, Math.sqrt((2 * v.d * v.s) / (v.h * (1 - v.d / v.p))))
  })

/**
 * The production model's costs at any lot size: `DS/Q + hQ(1 − D/p)/2` and the rest of the plan.
 *
 * @since 0.1.0
 */
export const productionAt = (input: ProductionInput, quantity: number): Result.Result<ProductionPlan, PlanningError> =>
  Result.gen(function*() {
    const v = yield* validProduction(yield* decodeProduction(input))
    return productionPlan(v, yield* validQuantity("epq", quantity))
  })

const validBackorder = (i: BackorderInput) =>
  Result.gen(function*() {
    const v = yield* validClassic("eoqWithBackorders", i)
    yield* sameUnit("eoqWithBackorders", [["demand.per", i.demand.per], ["backorderCost.per", i.backorderCost.per]])
    const b = yield* positiveCost("eoqWithBackorders", "backorderCost.value", i.backorderCost.value)
    return { ...v, b }
  })

const backorderPlan = (v: Valid & { readonly b: number }, q: number, backorder: number): BackorderPlan => {
  const onHand = q - backorder
  const holding = (v.h * onHand * onHand) / (2 * q)
  const short = (v.b * backorder * backorder) / (2 * q)
  return { ...plan(v, q, holding, short), maxInventory: onHand, maxBackorder: backorder, backorderCost: short, inStockShare: onHand / q }
}

/**
 * EOQ with planned backorders: `Q* = √(2DS/h · (h + b)/b)`, backordering up to `B* = Q*·h/(h + b)` each
 * cycle. As `b` grows it tends to the classic EOQ.
 *
 * @since 0.1.0
 */
export const withBackorders = (input: BackorderInput): Result.Result<BackorderPlan, PlanningError> =>
  Result.gen(function*() {
    const v = yield* validBackorder(yield* decodeBackorder(input))
    const q = Math.sqrt(((2 * v.d * v.s) / v.h) * ((v.h + v.b) / v.b))
    return backorderPlan(v, q, (q * v.h) / (v.h + v.b))
  })

/**
 * The backorder model's costs at any order quantity and backorder level (by default the best level for that
 * quantity, `Q·h/(h + b)`).
 *
 * @since 0.1.0
 */
export const withBackordersAt = (
  input: BackorderInput,
  quantity: number,
  backorder?: number
): Result.Result<BackorderPlan, PlanningError> =>
  Result.gen(function*() {
    const v = yield* validBackorder(yield* decodeBackorder(input))
    const q = yield* validQuantity("eoqWithBackorders", quantity)
    const b = backorder ?? (q * v.h) / (v.h + v.b)
    if (!(b >= 0 && b <= q)) return yield* invalid("eoqWithBackorders", "backorder", `must lie between 0 and the quantity (got ${b})`)
    return backorderPlan(v, q, b)
  })

/**
 * A holding cost per unit per period from a unit cost and a carrying rate (for example 25 % per year of the
 * unit cost): `unitCost × rate`, per the rate's unit.
 *
 * @since 0.1.0
 */
export const holdingCost = (unitCost: number, carryingRate: Rate): Rate => ({ value: unitCost * carryingRate.value, per: carryingRate.per })

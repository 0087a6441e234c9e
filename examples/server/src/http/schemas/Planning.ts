/**
 * Response bodies of the planning routes. Stock quantities are exact decimals (strings); statistics, rates
 * and planning figures are binary numbers, `null` where not finite.
 *
 * @since 0.1.0
 */
import { Forecast, PlanningPeriod } from "@quartermaster/core"
import { Schema } from "effect"
import { Count, Decimal, Float, Time } from "./Fields.ts"

const Span = Schema.Struct({ value: Float, unit: PlanningPeriod.PeriodUnit })
const Per = Schema.Literals(["day", "week", "month"])
const AbcClass = Schema.Literals(["A", "B", "C"])
const XyzClass = Schema.Literals(["X", "Y", "Z"])
const MovementStatus = Schema.Literals(["none", "dead", "slow", "excess", "active"])

/**
 * Reorder suggestions per item and location, and the items skipped with why.
 *
 * @since 0.1.0
 */
export const Reorder = Schema.Struct({
  at: Time,
  suggestions: Schema.Array(Schema.Struct({
    itemId: Schema.String,
    sku: Schema.String,
    locationId: Schema.NullOr(Schema.String),
    policy: Schema.Literals(["none", "rop-q", "min-max", "periodic", "eoq"]),
    unit: Schema.String,
    onHand: Decimal,
    onOrder: Decimal,
    reserved: Decimal,
    backordered: Decimal,
    inventoryPosition: Decimal,
    level: Decimal,
    target: Schema.NullOr(Decimal),
    rawQuantity: Decimal,
    quantity: Decimal,
    trigger: Schema.Literals(["at-or-below-reorder-point", "at-or-below-min", "below-order-up-to-level"]),
    adjustments: Schema.Array(Schema.Literals(["raised-to-minimum-order-quantity", "rounded-up-to-pack-size"])),
    leadTimeDays: Schema.NullOr(Float),
    reviewPeriodDays: Schema.NullOr(Float),
    reason: Schema.String
  })),
  skipped: Schema.Array(Schema.Struct({
    itemId: Schema.String,
    sku: Schema.String,
    locationId: Schema.NullOr(Schema.String),
    reason: Schema.String
  })),
  evaluated: Count
})

/**
 * Turnover, days of supply, stock-outs, aging and movement status per item over a span, with a summary.
 *
 * @since 0.1.0
 */
export const Analytics = Schema.Struct({
  from: Time,
  to: Time,
  items: Schema.Array(Schema.Struct({
    itemId: Schema.String,
    sku: Schema.String,
    unit: Schema.String,
    onHand: Decimal,
    averageOnHand: Float,
    issued: Decimal,
    received: Decimal,
    turnover: Schema.NullOr(Float),
    annualTurnover: Schema.NullOr(Float),
    daysOfSupply: Schema.NullOr(Float),
    stockOutShare: Float,
    lastIssueAt: Schema.NullOr(Time),
    lastReceiptAt: Schema.NullOr(Time),
    stockAgeDays: Schema.NullOr(Float),
    aging: Schema.Array(Schema.Struct({ fromDays: Float, toDays: Schema.NullOr(Float), amount: Float, share: Float })),
    status: MovementStatus
  })),
  summary: Schema.Struct({
    items: Count,
    stockOutRate: Schema.NullOr(Float),
    timeWeightedStockOutRate: Schema.NullOr(Float),
    byStatus: Schema.Record(MovementStatus, Count)
  })
})

/**
 * ABC classes by consumption value, XYZ classes by demand variability, and the ABC × XYZ matrix.
 *
 * @since 0.1.0
 */
export const AbcXyz = Schema.Struct({
  from: Schema.String,
  to: Schema.String,
  per: Per,
  abc: Schema.Struct({
    total: Float,
    cutoffs: Schema.Struct({ a: Float, b: Float }),
    rows: Schema.Array(Schema.Struct({
      id: Schema.String,
      value: Float,
      rank: Count,
      share: Float,
      cumulativeShare: Float,
      class: AbcClass
    })),
    classes: Schema.Array(Schema.Struct({ class: AbcClass, count: Count, value: Float, share: Float, itemShare: Float }))
  }),
  xyz: Schema.Array(Schema.Struct({
    id: Schema.String,
    periods: Count,
    mean: Float,
    stdDev: Float,
    cv: Schema.NullOr(Float),
    class: XyzClass
  })),
  matrix: Schema.Struct({
    cells: Schema.Array(Schema.Struct({ abc: AbcClass, xyz: XyzClass, count: Count, value: Float, share: Float })),
    items: Schema.Array(Schema.Struct({ id: Schema.String, abc: AbcClass, xyz: XyzClass })),
    unmatched: Count
  })
})

const itemHead = { itemId: Schema.String, sku: Schema.String, unit: Schema.String }

/**
 * An item's economic order quantity, from its annual demand and unit cost.
 *
 * @since 0.1.0
 */
export const Eoq = Schema.Struct({
  ...itemHead,
  annualDemand: Float,
  unitCost: Float,
  plan: Schema.Struct({
    quantity: Float,
    per: PlanningPeriod.PeriodUnit,
    ordersPerPeriod: Float,
    cycleTime: Span,
    orderingCost: Float,
    holdingCost: Float,
    totalCost: Float
  })
})

/**
 * An item's safety stock and reorder point for a cycle service level.
 *
 * @since 0.1.0
 */
export const SafetyStock = Schema.Struct({
  ...itemHead,
  per: Per,
  demand: Schema.Struct({ mean: Float, stdDev: Float, cv: Schema.NullOr(Float) }),
  leadTimeDays: Float,
  plan: Schema.Struct({
    variability: Schema.Literals(["none", "demand", "lead-time", "combined"]),
    protectionInterval: Span,
    meanDemand: Float,
    stdDev: Float,
    z: Float,
    safetyStock: Float,
    level: Float,
    cycleServiceLevel: Float,
    fillRate: Schema.NullOr(Float)
  })
})

/**
 * An item's demand history, its demand pattern, and a forecast with its fit.
 *
 * @since 0.1.0
 */
export const ItemForecast = Schema.Struct({
  ...itemHead,
  per: Per,
  history: Schema.Array(Float),
  pattern: Schema.Struct({
    adi: Schema.NullOr(Float),
    cv2: Schema.NullOr(Float),
    pattern: Schema.NullOr(Schema.Literals(["smooth", "erratic", "intermittent", "lumpy"]))
  }),
  forecast: Schema.Struct({
    method: Forecast.Method,
    parameters: Schema.Record(Schema.String, Float),
    fitted: Schema.Array(Schema.NullOr(Float)),
    forecast: Schema.Array(Float),
    intervals: Schema.NullOr(Schema.Array(Schema.Struct({ lower: Float, upper: Float }))),
    level: Float,
    sse: Float,
    residualStdDev: Float
  })
})

/**
 * Response bodies of the count, transfer and procurement reports: a count sheet and its variances, stock in
 * transit, quantities on order, and supplier performance.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Count, Decimal, Float, Time } from "./Fields.ts"

/**
 * The cells of a count session to count, by location then item.
 *
 * @since 0.1.0
 */
export const CountSheet = Schema.Array(Schema.Struct({
  itemId: Schema.String,
  locationId: Schema.String,
  lot: Schema.NullOr(Schema.String),
  counted: Schema.Boolean
}))

/**
 * A count session's variances against the book, valued, with the session totals.
 *
 * @since 0.1.0
 */
export const VarianceReport = Schema.Struct({
  sessionId: Schema.String,
  rows: Schema.Array(Schema.Struct({
    itemId: Schema.String,
    locationId: Schema.String,
    lot: Schema.NullOr(Schema.String),
    expected: Decimal,
    counted: Schema.NullOr(Decimal),
    onHand: Schema.NullOr(Decimal),
    variance: Decimal,
    value: Decimal,
    percentage: Decimal,
    counts: Count,
    recountRequired: Schema.Boolean,
    withinTolerance: Schema.Boolean,
    valued: Schema.Boolean,
    missingSerials: Schema.Array(Schema.String),
    unexpectedSerials: Schema.Array(Schema.String)
  })),
  counted: Count,
  absoluteValue: Decimal,
  netValue: Decimal,
  maxPercentage: Decimal,
  recounts: Count
})

/**
 * Transfer lines still in transit.
 *
 * @since 0.1.0
 */
export const InTransit = Schema.Array(Schema.Struct({
  transferId: Schema.String,
  lineNo: Schema.Int,
  itemId: Schema.String,
  lot: Schema.NullOr(Schema.String),
  transitLocationId: Schema.String,
  toLocationId: Schema.String,
  shipped: Decimal,
  received: Decimal,
  writtenOff: Decimal,
  inTransit: Decimal,
  serials: Schema.Array(Schema.String),
  shippedAt: Schema.NullOr(Time),
  expectedAt: Schema.NullOr(Time)
}))

/**
 * Open purchase-order quantities per item and receiving location, in the item's unit.
 *
 * @since 0.1.0
 */
export const OnOrder = Schema.Array(Schema.Struct({
  itemId: Schema.String,
  locationId: Schema.String,
  unit: Schema.String,
  quantity: Decimal
}))

/**
 * Figures per supplier: lead times in days, on-time and fill rates in percent.
 *
 * @since 0.1.0
 */
export const SupplierPerformance = Schema.Array(Schema.Struct({
  supplierId: Schema.String,
  supplierName: Schema.String,
  lines: Count,
  delivered: Count,
  promisedLeadTimeDays: Float,
  actualLeadTimeDays: Schema.NullOr(Float),
  onTimePercent: Float,
  fillPercent: Float
}))

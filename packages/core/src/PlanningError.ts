/**
 * Errors of planning and analytics: order quantities, service levels, safety stock, classification,
 * forecasting and KPIs.
 *
 * Every planning function validates its input and fails with one of these instead of returning `NaN` or a
 * number that only looks right. `operation` names the function and `field` the input path that is wrong.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

const show = (value: number): string => (Number.isNaN(value) ? "NaN" : String(value))

/**
 * Input does not have the right shape, or a parameter lies outside its domain (a smoothing constant outside
 * [0, 1], a production rate not above demand, cut-offs out of order).
 *
 * @since 0.1.0
 */
export class InvalidPlanningInput extends Schema.TaggedError<InvalidPlanningInput>()("InvalidPlanningInput", {
  operation: Schema.String,
  field: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.operation}: ${this.field === "" ? "input" : this.field} ${this.reason}`
  }
}

/**
 * A cost that must be positive (holding, ordering, set-up, backorder cost, a unit price) is zero or negative.
 *
 * @since 0.1.0
 */
export class NonPositiveCost extends Schema.TaggedError<NonPositiveCost>()("NonPositiveCost", {
  operation: Schema.String,
  field: Schema.String,
  value: Schema.Number
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.operation}: ${this.field} must be a positive cost (got ${show(this.value)})`
  }
}

/**
 * A demand figure (a rate, a standard deviation, a period's demand, a consumption value) is negative.
 *
 * @since 0.1.0
 */
export class NegativeDemand extends Schema.TaggedError<NegativeDemand>()("NegativeDemand", {
  operation: Schema.String,
  field: Schema.String,
  value: Schema.Number
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.operation}: ${this.field} must not be negative (got ${show(this.value)})`
  }
}

/**
 * A service level or fill rate lies outside the open interval (0, 1).
 *
 * @since 0.1.0
 */
export class ServiceLevelOutOfRange extends Schema.TaggedError<ServiceLevelOutOfRange>()("ServiceLevelOutOfRange", {
  operation: Schema.String,
  field: Schema.String,
  value: Schema.Number
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.operation}: ${this.field} must lie strictly between 0 and 1 (got ${show(this.value)})`
  }
}

/**
 * Two inputs that must share a period unit do not, for example demand per week with a lead time in days.
 * Convert one of them explicitly with {@link PlanningPeriod}.
 *
 * @since 0.1.0
 */
export class PeriodMismatch extends Schema.TaggedError<PeriodMismatch>()("PeriodMismatch", {
  operation: Schema.String,
  field: Schema.String,
  unit: Schema.String,
  expectedField: Schema.String,
  expected: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.operation}: ${this.field} is per ${this.unit} but ${this.expectedField} is per ${this.expected}; convert one explicitly`
  }
}

/**
 * A method needs more history than it was given (Holt-Winters needs two full seasons, for example).
 *
 * @since 0.1.0
 */
export class InsufficientHistory extends Schema.TaggedError<InsufficientHistory>()("InsufficientHistory", {
  operation: Schema.String,
  needed: Schema.Number,
  got: Schema.Number
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.operation}: needs at least ${this.needed} periods of history (got ${this.got})`
  }
}

/**
 * Any planning error.
 *
 * @since 0.1.0
 */
export type PlanningError =
  | InvalidPlanningInput
  | NonPositiveCost
  | NegativeDemand
  | ServiceLevelOutOfRange
  | PeriodMismatch
  | InsufficientHistory

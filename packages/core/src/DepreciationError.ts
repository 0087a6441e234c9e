/**
 * Errors of depreciation: a profile or schedule input that cannot be depreciated as given.
 *
 * Every depreciation function validates its input and fails with one of these instead of producing a schedule
 * that only looks right. `operation` names the function and `field` the input path that is wrong.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * Input does not have the right shape (a missing field, a date that is not `YYYY-MM-DD`, an amount that is
 * not a decimal or has more decimals than the currency), or a parameter lies outside its domain.
 *
 * @since 0.1.0
 */
export class InvalidDepreciationInput extends Schema.TaggedError<InvalidDepreciationInput>()("InvalidDepreciationInput", {
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
 * The salvage value exceeds the cost: there would be negative depreciation.
 *
 * @since 0.1.0
 */
export class SalvageAboveCost extends Schema.TaggedError<SalvageAboveCost>()("SalvageAboveCost", {
  operation: Schema.String,
  book: Schema.String,
  salvage: Schema.String,
  cost: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.operation}: book "${this.book}" has a salvage value of ${this.salvage}, above the cost of ${this.cost}`
  }
}

/**
 * The useful life is missing, zero or negative, or does not suit the method (sum of the years' digits needs
 * whole years).
 *
 * @since 0.1.0
 */
export class InvalidLife extends Schema.TaggedError<InvalidLife>()("InvalidLife", {
  operation: Schema.String,
  book: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.operation}: book "${this.book}" useful life ${this.reason}`
  }
}

/**
 * A MACRS recovery period that has no table in IRS Publication 946 Appendix A (GDS 3, 5, 7, 10, 15 and 20
 * years are supported), or a placed-in-service quarter outside 1-4.
 *
 * @since 0.1.0
 */
export class UnknownMacrsTable extends Schema.TaggedError<UnknownMacrsTable>()("UnknownMacrsTable", {
  operation: Schema.String,
  field: Schema.String,
  value: Schema.Number,
  allowed: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.operation}: ${this.field} ${this.value} has no MACRS table (allowed: ${this.allowed})`
  }
}

/**
 * Units of production needs the total units the asset is expected to produce, and positive ones.
 *
 * @since 0.1.0
 */
export class MissingTotalUnits extends Schema.TaggedError<MissingTotalUnits>()("MissingTotalUnits", {
  operation: Schema.String,
  book: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.operation}: book "${this.book}" uses units of production but has no positive totalUnits`
  }
}

/**
 * An impairment larger than the book value at its date: book value would turn negative.
 *
 * @since 0.1.0
 */
export class ImpairmentAboveBookValue extends Schema.TaggedError<ImpairmentAboveBookValue>()("ImpairmentAboveBookValue", {
  operation: Schema.String,
  book: Schema.String,
  date: Schema.String,
  impairment: Schema.String,
  bookValue: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.operation}: book "${this.book}" impairment of ${this.impairment} on ${this.date} exceeds the book value of ${this.bookValue}`
  }
}

/**
 * A date (usage, impairment, disposal, or the date asked for) lies before the in-service date, or an event
 * comes after the disposal.
 *
 * @since 0.1.0
 */
export class DateOutOfRange extends Schema.TaggedError<DateOutOfRange>()("DateOutOfRange", {
  operation: Schema.String,
  field: Schema.String,
  date: Schema.String,
  bound: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.operation}: ${this.field} ${this.date} ${this.reason} ${this.bound}`
  }
}

/**
 * An adjustment the method does not allow: MACRS is a tax table and takes no impairment.
 *
 * @since 0.1.0
 */
export class UnsupportedAdjustment extends Schema.TaggedError<UnsupportedAdjustment>()("UnsupportedAdjustment", {
  operation: Schema.String,
  book: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.operation}: book "${this.book}" ${this.reason}`
  }
}

/**
 * Two profiles for the same asset share a book name.
 *
 * @since 0.1.0
 */
export class DuplicateBook extends Schema.TaggedError<DuplicateBook>()("DuplicateBook", {
  operation: Schema.String,
  book: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.operation}: book "${this.book}" appears more than once`
  }
}

/**
 * Any depreciation error.
 *
 * @since 0.1.0
 */
export type DepreciationError =
  | InvalidDepreciationInput
  | SalvageAboveCost
  | InvalidLife
  | UnknownMacrsTable
  | MissingTotalUnits
  | ImpairmentAboveBookValue
  | DateOutOfRange
  | UnsupportedAdjustment
  | DuplicateBook

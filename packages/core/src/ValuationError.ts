/**
 * Errors of the valuation engine, of period close and of the valuation commands. Each names what was wrong, and
 * none of them leaves anything changed.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * A receipt brings value in but carries no unit cost. Receipts from a supplier or from production must name
 * their cost; give it on the movement, or set it afterwards with `CostAdjustments.correctCost`.
 *
 * @since 0.1.0
 */
export class MissingUnitCost extends Schema.TaggedError<MissingUnitCost>()("MissingUnitCost", {
  itemId: Schema.String,
  movementId: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `receipt ${JSON.stringify(this.movementId)} of item ${JSON.stringify(this.itemId)} has no unit cost: ${this.reason}`
  }
}

/**
 * Under specific identification, an issue names a lot that was never received.
 *
 * @since 0.1.0
 */
export class UnknownLot extends Schema.TaggedError<UnknownLot>()("UnknownLot", {
  itemId: Schema.String,
  movementId: Schema.String,
  lot: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${JSON.stringify(this.movementId)} names lot ${JSON.stringify(this.lot)} of item ${JSON.stringify(this.itemId)}, which was never received`
  }
}

/**
 * Under specific identification, an issue names a serial that was never received.
 *
 * @since 0.1.0
 */
export class UnknownSerial extends Schema.TaggedError<UnknownSerial>()("UnknownSerial", {
  itemId: Schema.String,
  movementId: Schema.String,
  serial: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${JSON.stringify(this.movementId)} names serial ${JSON.stringify(this.serial)} of item ${JSON.stringify(this.itemId)}, which was never received`
  }
}

/**
 * A landed cost or cost correction names a movement that is not a receipt of the item.
 *
 * @since 0.1.0
 */
export class UnknownReceipt extends Schema.TaggedError<UnknownReceipt>()("UnknownReceipt", {
  movementId: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${JSON.stringify(this.movementId)} ${this.reason}`
  }
}

/**
 * A valuation input is inconsistent, for example a specific-identification issue that names no lot. `field`
 * names it.
 *
 * @since 0.1.0
 */
export class InvalidValuation extends Schema.TaggedError<InvalidValuation>()("InvalidValuation", {
  field: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.field}: ${this.reason}`
  }
}

/**
 * The effective time lies before the lock date: that period is closed. Post a correction dated in the open
 * period instead.
 *
 * @since 0.1.0
 */
export class PeriodClosed extends Schema.TaggedError<PeriodClosed>()("PeriodClosed", {
  field: Schema.String,
  effectiveAt: Schema.String,
  lockDate: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.field}: ${this.effectiveAt} lies in a closed period (locked before ${this.lockDate})`
  }
}

/**
 * The method change cannot carry the stock on hand over, for example to specific identification while stock
 * without lots or serials is on hand.
 *
 * @since 0.1.0
 */
export class MethodChangeNotSupported extends Schema.TaggedError<MethodChangeNotSupported>()("MethodChangeNotSupported", {
  itemId: Schema.String,
  from: Schema.String,
  to: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `item ${JSON.stringify(this.itemId)} cannot change from ${this.from} to ${this.to}: ${this.reason}`
  }
}

/**
 * The valuation settings can no longer change: values have been recorded under them.
 *
 * @since 0.1.0
 */
export class SettingsLocked extends Schema.TaggedError<SettingsLocked>()("SettingsLocked", {
  field: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.field} cannot change: ${this.reason}`
  }
}

/**
 * Every error of the pure valuation engine.
 *
 * @since 0.1.0
 */
export type EngineError = MissingUnitCost | UnknownLot | UnknownSerial | UnknownReceipt | InvalidValuation | MethodChangeNotSupported

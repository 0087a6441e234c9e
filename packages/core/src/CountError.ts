/**
 * Errors of cycle counts and transfers.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** No count session with this id exists for the tenant. @since 0.1.0 */
export class UnknownCountSession extends Schema.TaggedError<UnknownCountSession>()("UnknownCountSession", {
  sessionId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `unknown count session ${JSON.stringify(this.sessionId)}`
  }
}

/** The session's status does not allow the operation (for example approving it twice). @since 0.1.0 */
export class CountSessionState extends Schema.TaggedError<CountSessionState>()("CountSessionState", {
  sessionId: Schema.String,
  status: Schema.String,
  operation: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `count session ${JSON.stringify(this.sessionId)} is ${this.status}: cannot ${this.operation}`
  }
}

/** A counted line names a cell the session does not cover, or cannot count. @since 0.1.0 */
export class CellNotInScope extends Schema.TaggedError<CellNotInScope>()("CellNotInScope", {
  sessionId: Schema.String,
  field: Schema.String,
  itemId: Schema.String,
  locationId: Schema.String,
  lot: Schema.NullOr(Schema.String),
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    const lot = this.lot === null ? "" : ` lot ${JSON.stringify(this.lot)}`
    return `${this.field}: item ${JSON.stringify(this.itemId)}${lot} at ${JSON.stringify(this.locationId)} ${this.reason}`
  }
}

/** Cells whose variance exceeds the recount rule must be counted again before approval. @since 0.1.0 */
export class RecountRequired extends Schema.TaggedError<RecountRequired>()("RecountRequired", {
  sessionId: Schema.String,
  cells: Schema.Array(Schema.Struct({ itemId: Schema.String, locationId: Schema.String, lot: Schema.NullOr(Schema.String) }))
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `count session ${JSON.stringify(this.sessionId)} needs a recount of ${this.cells.length} cell(s) before approval`
  }
}

/** Nothing was counted, so there is nothing to approve. @since 0.1.0 */
export class NothingCounted extends Schema.TaggedError<NothingCounted>()("NothingCounted", {
  sessionId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `count session ${JSON.stringify(this.sessionId)} has no counts`
  }
}

/** No transfer with this id exists for the tenant. @since 0.1.0 */
export class UnknownTransfer extends Schema.TaggedError<UnknownTransfer>()("UnknownTransfer", {
  transferId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `unknown transfer ${JSON.stringify(this.transferId)}`
  }
}

/** The transfer's status does not allow the operation (for example receiving a closed transfer). @since 0.1.0 */
export class TransferState extends Schema.TaggedError<TransferState>()("TransferState", {
  transferId: Schema.String,
  status: Schema.String,
  operation: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `transfer ${JSON.stringify(this.transferId)} is ${this.status}: cannot ${this.operation}`
  }
}

/** A transfer or one of its lines is invalid; `field` names it. @since 0.1.0 */
export class InvalidTransfer extends Schema.TaggedError<InvalidTransfer>()("InvalidTransfer", {
  field: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.field}: ${this.reason}`
  }
}

/**
 * A receipt declares more for a line (received, damaged and short together) than is still in transit.
 * Quantities are decimals in the item's base unit.
 *
 * @since 0.1.0
 */
export class OverReceipt extends Schema.TaggedError<OverReceipt>()("OverReceipt", {
  transferId: Schema.String,
  lineNo: Schema.Int,
  inTransit: Schema.String,
  declared: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `transfer ${JSON.stringify(this.transferId)} line ${this.lineNo}: ${this.declared} declared, only ${this.inTransit} in transit`
  }
}

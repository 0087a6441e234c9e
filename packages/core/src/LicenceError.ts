/**
 * Errors of software licences: unknown licences, seats beyond what compliance allows, and assignments that do
 * not fit the licence's seat basis.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** No licence with this id exists for the tenant. @since 0.1.0 */
export class UnknownLicence extends Schema.TaggedError<UnknownLicence>()("UnknownLicence", {
  licenceId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `unknown licence ${JSON.stringify(this.licenceId)}`
  }
}

/** A licence with this id already exists. @since 0.1.0 */
export class DuplicateLicence extends Schema.TaggedError<DuplicateLicence>()("DuplicateLicence", {
  licenceId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `licence ${JSON.stringify(this.licenceId)} already exists`
  }
}

/**
 * The licence enforces compliance and the change would leave more seats assigned than it has.
 *
 * @since 0.1.0
 */
export class SeatsExceeded extends Schema.TaggedError<SeatsExceeded>()("SeatsExceeded", {
  licenceId: Schema.String,
  seats: Schema.Int,
  assigned: Schema.Int
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `licence ${JSON.stringify(this.licenceId)} enforces compliance: it has ${this.seats} seat(s) and this would assign ${this.assigned}`
  }
}

/** A per-user licence was assigned to a device, or a per-device licence to a person. @since 0.1.0 */
export class SeatBasisMismatch extends Schema.TaggedError<SeatBasisMismatch>()("SeatBasisMismatch", {
  licenceId: Schema.String,
  basis: Schema.String,
  assignee: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `licence ${JSON.stringify(this.licenceId)} is licensed per ${this.basis}, so it cannot be assigned to ${this.assignee}`
  }
}

/** The assignee already holds a seat of the licence. @since 0.1.0 */
export class AlreadyAssigned extends Schema.TaggedError<AlreadyAssigned>()("AlreadyAssigned", {
  licenceId: Schema.String,
  assignee: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.assignee} already holds a seat of licence ${JSON.stringify(this.licenceId)}`
  }
}

/** The assignee holds no seat of the licence. @since 0.1.0 */
export class NotAssigned extends Schema.TaggedError<NotAssigned>()("NotAssigned", {
  licenceId: Schema.String,
  assignee: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.assignee} holds no seat of licence ${JSON.stringify(this.licenceId)}`
  }
}

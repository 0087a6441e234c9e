/**
 * Software licences: a product bought as a number of seats, per user or per device, at an exact cost per
 * seat, with a renewal (contract) date and an expiry date. Seats are assigned to people or to devices (assets).
 *
 * A licence that enforces compliance refuses to assign more seats than it has; one that does not allows it
 * and reports itself over-allocated. {@link compliance} is the pure check behind both.
 *
 * @since 0.1.0
 */
import { BigDecimal, Schema } from "effect"
import { ActorId, LicenceId, TenantId } from "./Ids.ts"
import { LocalDate } from "./internal/calendar.ts"
import * as Quantity from "./Quantity.ts"
import { UtcTime } from "./internal/utcTime.ts"

const Name = (max: number) => Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(max)))

/** How seats are counted: one per named user or one per device. @since 0.1.0 */
export const SeatBasis = Schema.Literals(["user", "device"])
/** @since 0.1.0 */
export type SeatBasis = typeof SeatBasis.Type

/**
 * Who holds a seat: a person (any id of the caller's directory) or a device, named by its asset id.
 *
 * @since 0.1.0
 */
export const Assignee = Schema.Struct({
  kind: Schema.Literals(["person", "device"]),
  id: Name(128)
})
/** @since 0.1.0 */
export type Assignee = typeof Assignee.Type

/**
 * A licence as stored. Dates are calendar dates (`YYYY-MM-DD`); `renewalOn` is the contract's next renewal.
 *
 * @since 0.1.0
 */
export const Licence = Schema.Struct({
  id: LicenceId,
  tenantId: TenantId,
  product: Schema.String,
  vendor: Schema.NullOr(Schema.String),
  seats: Schema.Int,
  seatBasis: SeatBasis,
  costPerSeat: Schema.BigDecimalFromString,
  purchasedOn: Schema.NullOr(LocalDate),
  renewalOn: Schema.NullOr(LocalDate),
  expiresOn: Schema.NullOr(LocalDate),
  complianceEnforced: Schema.Boolean,
  version: Schema.Int,
  createdAt: UtcTime,
  updatedAt: UtcTime
})
/** @since 0.1.0 */
export type Licence = typeof Licence.Type

/**
 * One seat held by one assignee.
 *
 * @since 0.1.0
 */
export const Assignment = Schema.Struct({
  tenantId: TenantId,
  licenceId: LicenceId,
  assignee: Assignee,
  assignedAt: UtcTime,
  actorId: ActorId
})
/** @since 0.1.0 */
export type Assignment = typeof Assignment.Type

const Seats = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 10_000_000 })))

/**
 * Input for a new licence. `costPerSeat` is `number | string | BigDecimal`, exact.
 *
 * @since 0.1.0
 */
export const LicenceInput = Schema.Struct({
  id: LicenceId,
  product: Name(256),
  vendor: Schema.optionalKey(Name(256)),
  seats: Seats,
  seatBasis: SeatBasis,
  costPerSeat: Quantity.InputSchema,
  purchasedOn: Schema.optionalKey(LocalDate),
  renewalOn: Schema.optionalKey(LocalDate),
  expiresOn: Schema.optionalKey(LocalDate),
  complianceEnforced: Schema.optionalKey(Schema.Boolean)
})
/** @since 0.1.0 */
export type LicenceInput = typeof LicenceInput.Encoded

/**
 * A change to a licence's fields; `null` clears an optional one.
 *
 * @since 0.1.0
 */
export const LicenceUpdate = Schema.Struct({
  product: Schema.optionalKey(Name(256)),
  vendor: Schema.optionalKey(Schema.NullOr(Name(256))),
  seats: Schema.optionalKey(Seats),
  costPerSeat: Schema.optionalKey(Quantity.InputSchema),
  purchasedOn: Schema.optionalKey(Schema.NullOr(LocalDate)),
  renewalOn: Schema.optionalKey(Schema.NullOr(LocalDate)),
  expiresOn: Schema.optionalKey(Schema.NullOr(LocalDate)),
  complianceEnforced: Schema.optionalKey(Schema.Boolean)
})
/** @since 0.1.0 */
export type LicenceUpdate = typeof LicenceUpdate.Encoded

/**
 * A renewal: the new expiry, and optionally new seats, cost per seat and next renewal date.
 *
 * @since 0.1.0
 */
export const RenewalInput = Schema.Struct({
  expiresOn: LocalDate,
  seats: Schema.optionalKey(Seats),
  costPerSeat: Schema.optionalKey(Quantity.InputSchema),
  renewalOn: Schema.optionalKey(Schema.NullOr(LocalDate))
})
/** @since 0.1.0 */
export type RenewalInput = typeof RenewalInput.Encoded

/** Where a licence stands: more seats assigned than owned, seats left unused, or exactly used. @since 0.1.0 */
export type ComplianceStatus = "over-allocated" | "under-used" | "compliant"

/**
 * A licence's compliance. `unused` seats cost `unusedCost`; `shortfall` seats are assigned beyond what was
 * bought and would cost `shortfallCost` to true up. `totalCost` is seats × cost per seat. Amounts are exact.
 *
 * @since 0.1.0
 */
export interface Compliance {
  readonly licenceId: LicenceId
  readonly product: string
  readonly seatBasis: SeatBasis
  readonly seats: number
  readonly assigned: number
  readonly status: ComplianceStatus
  readonly unused: number
  readonly shortfall: number
  readonly totalCost: BigDecimal.BigDecimal
  readonly unusedCost: BigDecimal.BigDecimal
  readonly shortfallCost: BigDecimal.BigDecimal
  readonly expired: boolean
}

const times = (price: BigDecimal.BigDecimal, n: number) => BigDecimal.normalize(BigDecimal.multiply(price, BigDecimal.fromBigInt(BigInt(n))))

/**
 * The total cost of a licence: seats × cost per seat, exact.
 *
 * @since 0.1.0
 */
export const totalCost = (licence: Licence): BigDecimal.BigDecimal => times(licence.costPerSeat, licence.seats)

/**
 * A licence's compliance given how many seats are assigned, as of a calendar date (for `expired`).
 *
 * @since 0.1.0
 */
export const compliance = (licence: Licence, assigned: number, asOf: string): Compliance => {
  const unused = Math.max(licence.seats - assigned, 0)
  const shortfall = Math.max(assigned - licence.seats, 0)
  return {
    licenceId: licence.id,
    product: licence.product,
    seatBasis: licence.seatBasis,
    seats: licence.seats,
    assigned,
    status: shortfall > 0 ? "over-allocated" : unused > 0 ? "under-used" : "compliant",
    unused,
    shortfall,
    totalCost: totalCost(licence),
    unusedCost: times(licence.costPerSeat, unused),
    shortfallCost: times(licence.costPerSeat, shortfall),
    expired: licence.expiresOn !== null && licence.expiresOn < asOf
  }
}

/**
 * Whether an assignee kind fits a seat basis: people hold per-user seats, devices per-device seats.
 *
 * @since 0.1.0
 */
export const fits = (basis: SeatBasis, assignee: Assignee): boolean => (basis === "user") === (assignee.kind === "person")

/**
 * The assignee as text for messages and keys, e.g. `person "ann"`.
 *
 * @since 0.1.0
 */
export const describe = (assignee: Assignee): string => `${assignee.kind} ${JSON.stringify(assignee.id)}`

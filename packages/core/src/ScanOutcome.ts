/**
 * Scan outcomes: what the {@link ScanWorkflow} made of each scan, as a Schema tagged union.
 *
 * Every scan that is not a duplicate yields outcomes: a location taken as source, destination or count
 * location; an item added to a batch or a tally; the movements posted; a closed count tally; or a rejection
 * that says why nothing happened. Outcomes encode to JSON, so a scanner's screen or a later cycle-count
 * session can consume them.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { UnknownItem, UnknownLocation, LocationArchived } from "./CatalogError.ts"
import { Match } from "./Identifier.ts"
import { ItemId, LocationId } from "./Ids.ts"
import { InvalidInput } from "./InputError.ts"
import {
  IdempotencyConflict,
  InsufficientAvailable,
  InsufficientStock,
  InvalidMovement,
  ItemDiscontinued,
  ReservationNotOpen,
  SerialConflict,
  UnknownReservation
} from "./LedgerError.ts"
import { Movement } from "./Movement.ts"
import { InvalidQuantity } from "./Quantity.ts"
import { AmbiguousIdentifier, UnexpectedScan, UnknownIdentifier } from "./ScanError.ts"
import { ConcurrentModification } from "./StoreError.ts"
import { UnknownUnit } from "./UnitOfMeasure.ts"
import { PeriodClosed } from "./ValuationError.ts"
import { UtcTime } from "./internal/utcTime.ts"

/**
 * Why a scan changed nothing: the code, its place in the sequence, or the ledger refused the posting.
 * Storage failures are not rejections; they fail the workflow's stream.
 *
 * @since 0.1.0
 */
export const Rejection = Schema.Union([
  UnknownIdentifier,
  AmbiguousIdentifier,
  UnexpectedScan,
  InvalidInput,
  InvalidMovement,
  InvalidQuantity,
  UnknownUnit,
  UnknownItem,
  UnknownLocation,
  LocationArchived,
  ItemDiscontinued,
  InsufficientStock,
  InsufficientAvailable,
  IdempotencyConflict,
  SerialConflict,
  UnknownReservation,
  ReservationNotOpen,
  ConcurrentModification,
  PeriodClosed
])
/** @since 0.1.0 */
export type Rejection = typeof Rejection.Type

/**
 * One item (and lot) found at a counted location. `quantity` is in the item's base unit; `serials` lists the
 * serials scanned for serial-tracked items.
 *
 * @since 0.1.0
 */
export const TallyLine = Schema.Struct({
  itemId: ItemId,
  lot: Schema.NullOr(Schema.String),
  serials: Schema.Array(Schema.String),
  quantity: Schema.BigDecimalFromString
})
/** @since 0.1.0 */
export type TallyLine = typeof TallyLine.Type

/**
 * What one device counted at one location, between the location scan (`startedAt`) and the last scan. An
 * empty `lines` means the location was counted and found empty.
 *
 * @since 0.1.0
 */
export const CountTally = Schema.Struct({
  deviceId: Schema.String,
  locationId: LocationId,
  startedAt: UtcTime,
  lastScanAt: UtcTime,
  lines: Schema.Array(TallyLine)
})
/** @since 0.1.0 */
export type CountTally = typeof CountTally.Type

const scan = {
  deviceId: Schema.String,
  code: Schema.String,
  at: UtcTime
}

/** A location was taken as the source, the destination, or the location to count. @since 0.1.0 */
export const LocationScanned = Schema.TaggedStruct("LocationScanned", {
  ...scan,
  locationId: LocationId,
  role: Schema.Literals(["source", "destination", "count"])
})
/** @since 0.1.0 */
export type LocationScanned = typeof LocationScanned.Type

/** An item, lot or serial joined the batch that the next location scan will move. @since 0.1.0 */
export const ItemScanned = Schema.TaggedStruct("ItemScanned", { ...scan, match: Match })
/** @since 0.1.0 */
export type ItemScanned = typeof ItemScanned.Type

/** An item, lot or serial was counted; `line` is its running tally. @since 0.1.0 */
export const Tallied = Schema.TaggedStruct("Tallied", { ...scan, locationId: LocationId, line: TallyLine })
/** @since 0.1.0 */
export type Tallied = typeof Tallied.Type

/** The scan completed a posting; `movements` are as recorded. @since 0.1.0 */
export const Posted = Schema.TaggedStruct("Posted", { ...scan, movements: Schema.Array(Movement) })
/** @since 0.1.0 */
export type Posted = typeof Posted.Type

/** A count at a location was closed, by another location scan or by the end of the events. @since 0.1.0 */
export const Counted = Schema.TaggedStruct("Counted", { tally: CountTally })
/** @since 0.1.0 */
export type Counted = typeof Counted.Type

/** The scan changed nothing, for the reason in `error`. @since 0.1.0 */
export const Rejected = Schema.TaggedStruct("Rejected", { ...scan, error: Rejection })
/** @since 0.1.0 */
export type Rejected = typeof Rejected.Type

/** Every outcome of a scan. @since 0.1.0 */
export const ScanOutcome = Schema.Union([LocationScanned, ItemScanned, Tallied, Posted, Counted, Rejected])
/** @since 0.1.0 */
export type ScanOutcome = typeof ScanOutcome.Type

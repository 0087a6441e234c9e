/**
 * Domain events of cycle counts: every session command. They join the {@link DomainEvent} union. Counted
 * quantities are recorded; book quantities are not, so the log does not unblind a count.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { CountSession } from "./CountSession.ts"
import { ItemId, LocationId } from "./Ids.ts"

/** A count session was created (as a draft). @since 0.1.0 */
export const CountSessionCreated = Schema.TaggedStruct("CountSessionCreated", { session: CountSession })
/** A session's scope was resolved and its expected quantities frozen: `cells` cells to count. @since 0.1.0 */
export const CountSessionFrozen = Schema.TaggedStruct("CountSessionFrozen", { session: CountSession, cells: Schema.Int })
/** Counts were recorded, by hand or from a scan tally; quantities are smallest base units. @since 0.1.0 */
export const CountRecorded = Schema.TaggedStruct("CountRecorded", {
  sessionId: Schema.String,
  source: Schema.Literals(["manual", "scan"]),
  deviceId: Schema.NullOr(Schema.String),
  lines: Schema.Array(Schema.Struct({ itemId: ItemId, locationId: LocationId, lot: Schema.NullOr(Schema.String), quantity: Schema.BigIntFromString }))
})
/**
 * A session was approved: its adjustments posted in the same unit of work (their `MovementsPosted` event
 * follows); `role` is the approver's role whose limit allowed it.
 *
 * @since 0.1.0
 */
export const CountSessionApproved = Schema.TaggedStruct("CountSessionApproved", {
  session: CountSession,
  role: Schema.String,
  movementIds: Schema.Array(Schema.String)
})
/** A session was cancelled before approval; nothing was posted. @since 0.1.0 */
export const CountSessionCancelled = Schema.TaggedStruct("CountSessionCancelled", { session: CountSession })

/**
 * Every cycle-count event.
 *
 * @since 0.1.0
 */
export const events = [CountSessionCreated, CountSessionFrozen, CountRecorded, CountSessionApproved, CountSessionCancelled] as const

/**
 * Check-outs: an asset handed to a person, a location or another asset.
 *
 * A check-out is open until the asset is checked in (or leaves use another way, for example reported lost); it
 * records the expected return date and the condition on the way out and back. An open check-out past its
 * expected return is overdue.
 *
 * @since 0.1.0
 */
import { DateTime, Schema } from "effect"
import { Assignee } from "./Asset.ts"
import { ActorId, AssetId, TenantId } from "./Ids.ts"
import { UtcTime } from "./internal/utcTime.ts"

/**
 * A check-out as stored. Its id is its idempotency key.
 *
 * @since 0.1.0
 */
export const CheckOut = Schema.Struct({
  id: Schema.String,
  tenantId: TenantId,
  assetId: AssetId,
  assignee: Assignee,
  checkedOutAt: UtcTime,
  expectedReturnAt: Schema.NullOr(UtcTime),
  conditionOut: Schema.NullOr(Schema.String),
  returnedAt: Schema.NullOr(UtcTime),
  conditionIn: Schema.NullOr(Schema.String),
  actorId: ActorId,
  version: Schema.Int
})
/** @since 0.1.0 */
export type CheckOut = typeof CheckOut.Type

/**
 * Whether an open check-out is past its expected return at `at`.
 *
 * @since 0.1.0
 */
export const isOverdue = (checkOut: CheckOut, at: DateTime.Utc): boolean =>
  checkOut.returnedAt === null && checkOut.expectedReturnAt !== null && DateTime.isLessThan(checkOut.expectedReturnAt, at)

/**
 * Lots (batches) of lot-tracked items, with expiry.
 *
 * A lot is registered by its first receipt. Its expiry is the one given on that receipt, or the receipt's
 * effective time plus the item's shelf life.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { ItemId, TenantId } from "./Ids.ts"
import { UtcTime } from "./internal/utcTime.ts"

/**
 * A lot as stored.
 *
 * @since 0.1.0
 */
export const Lot = Schema.Struct({
  tenantId: TenantId,
  itemId: ItemId,
  code: Schema.String,
  expiresAt: Schema.NullOr(UtcTime),
  receivedAt: UtcTime
})
/** @since 0.1.0 */
export type Lot = typeof Lot.Type

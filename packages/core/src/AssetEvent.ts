/**
 * Domain events of the asset register. They join the {@link DomainEvent} union; each carries the record as it
 * stands after the command, so an asset's history reads straight from the event log.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Asset, Impairment } from "./Asset.ts"
import { AuditSession } from "./AssetAudit.ts"
import { Action, State } from "./AssetLifecycle.ts"
import { CheckOut } from "./CheckOut.ts"
import { AssetId, ItemId, LocationId } from "./Ids.ts"

/** An asset was registered (or capitalised from a stock serial, then `capitalised` is true). @since 0.1.0 */
export const AssetRegistered = Schema.TaggedStruct("AssetRegistered", { asset: Asset, capitalised: Schema.Boolean })
/** An asset's descriptive data changed; `changed` names the fields. @since 0.1.0 */
export const AssetUpdated = Schema.TaggedStruct("AssetUpdated", { asset: Asset, changed: Schema.Array(Schema.String) })
/** An asset changed lifecycle state. @since 0.1.0 */
export const AssetTransitioned = Schema.TaggedStruct("AssetTransitioned", {
  asset: Asset,
  action: Action,
  from: State,
  to: State,
  note: Schema.NullOr(Schema.String)
})
/** An asset was checked out. @since 0.1.0 */
export const AssetCheckedOut = Schema.TaggedStruct("AssetCheckedOut", { checkOut: CheckOut })
/** A check-out was closed: checked in, or ended by another transition (`action`). @since 0.1.0 */
export const AssetCheckedIn = Schema.TaggedStruct("AssetCheckedIn", { checkOut: CheckOut, action: Action })
/** A component was attached to a parent asset. @since 0.1.0 */
export const AssetComponentAttached = Schema.TaggedStruct("AssetComponentAttached", { assetId: AssetId, parentId: AssetId })
/** A component was detached from its parent asset. @since 0.1.0 */
export const AssetComponentDetached = Schema.TaggedStruct("AssetComponentDetached", { assetId: AssetId, parentId: AssetId })
/** An asset moved between locations; `movementId` is the stock ledger movement when it is in the ledger. @since 0.1.0 */
export const AssetTransferred = Schema.TaggedStruct("AssetTransferred", {
  assetId: AssetId,
  fromLocationId: Schema.NullOr(LocationId),
  toLocationId: LocationId,
  movementId: Schema.NullOr(Schema.String)
})
/** A retired asset left the register and its serial stays in the stock ledger as ordinary stock. @since 0.1.0 */
export const AssetReturnedToStock = Schema.TaggedStruct("AssetReturnedToStock", {
  assetId: AssetId,
  itemId: ItemId,
  serial: Schema.String,
  locationId: LocationId
})
/** A physical audit session started. @since 0.1.0 */
export const AssetAuditStarted = Schema.TaggedStruct("AssetAuditStarted", { session: AuditSession })
/** A physical audit session finished; the missing assets were reported missing. @since 0.1.0 */
export const AssetAuditFinished = Schema.TaggedStruct("AssetAuditFinished", {
  session: AuditSession,
  found: Schema.Array(AssetId),
  missing: Schema.Array(AssetId),
  unexpected: Schema.Array(Schema.Struct({ tag: Schema.String, assetId: Schema.NullOr(AssetId) }))
})

/** An impairment loss was recorded on an asset; `asset` is the asset with it. @since 0.1.0 */
export const AssetImpaired = Schema.TaggedStruct("AssetImpaired", { asset: Asset, impairment: Impairment })

/**
 * Every asset event, for the {@link DomainEvent} union.
 *
 * @since 0.1.0
 */
export const events = [
  AssetRegistered,
  AssetUpdated,
  AssetTransitioned,
  AssetCheckedOut,
  AssetCheckedIn,
  AssetComponentAttached,
  AssetComponentDetached,
  AssetTransferred,
  AssetReturnedToStock,
  AssetAuditStarted,
  AssetAuditFinished,
  AssetImpaired
] as const

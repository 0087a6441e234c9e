/**
 * What the valuation store keeps besides checkpoints and entries: the tenant's valuation settings and lock
 * date, closed periods, each item's method schedule, cost adjustments (landed costs and cost corrections),
 * and the marks that say which items need revaluing from where.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { ActorId, ItemId, TenantId } from "./Ids.ts"
import { ValuationMethod } from "./Item.ts"
import { Allocation, Position } from "./ValuationState.ts"
import { UtcTime } from "./internal/utcTime.ts"

/** Whether cost pools are company-wide or per site. @since 0.1.0 */
export const Scope = Schema.Literals(["company", "site"])
/** @since 0.1.0 */
export type Scope = typeof Scope.Type

/**
 * A tenant's valuation settings: the currency scale, the scope, and the lock date (movements effective before
 * it are refused; null while no period is closed).
 *
 * @since 0.1.0
 */
export const Settings = Schema.Struct({
  tenantId: TenantId,
  currencyScale: Schema.Int,
  scope: Scope,
  lockDate: Schema.NullOr(UtcTime),
  version: Schema.Int
})
/** @since 0.1.0 */
export type Settings = typeof Settings.Type

/** The settings of a tenant that has none stored: scale 2, company scope, no lock date. @since 0.1.0 */
export const defaultSettings = (tenantId: TenantId): Settings => ({ tenantId, currencyScale: 2, scope: "company", lockDate: null, version: 0 })

/**
 * A closed period, from the previous lock date (`start`, null for the first) to `end`, the lock date it set,
 * with its figures in minor units: value on hand at the end, and cost received and sold within it.
 *
 * @since 0.1.0
 */
export const Period = Schema.Struct({
  tenantId: TenantId,
  id: Schema.String,
  start: Schema.NullOr(UtcTime),
  end: UtcTime,
  closedAt: UtcTime,
  actorId: ActorId,
  value: Schema.BigIntFromString,
  received: Schema.BigIntFromString,
  cogs: Schema.BigIntFromString
})
/** @since 0.1.0 */
export type Period = typeof Period.Type

/**
 * One entry of an item's method schedule: from `effectiveAt` on, the item is valued by `method`. The first
 * entry of each item (`effectiveAt` at the epoch) is the method it started with.
 *
 * @since 0.1.0
 */
export const MethodChange = Schema.Struct({
  tenantId: TenantId,
  itemId: ItemId,
  id: Schema.String,
  effectiveAt: UtcTime,
  method: ValuationMethod,
  recordedAt: UtcTime,
  actorId: ActorId
})
/** @since 0.1.0 */
export type MethodChange = typeof MethodChange.Type

/** The kinds of cost adjustment. @since 0.1.0 */
export const AdjustmentKind = Schema.Literals(["landed-cost", "cost-override", "cost-correction"])

/**
 * A cost adjustment of one item (a landed cost spanning items has one row per item):
 *
 * - `landed-cost`: `allocations` are capitalized onto receipts at `effectiveAt`;
 * - `cost-override`: the receipt `receiptId` takes `unitCost` instead of its own (a correction in the open
 *   period: the item is revalued from the receipt on);
 * - `cost-correction`: a correction of a receipt in a closed period, capitalized at `effectiveAt`.
 *
 * @since 0.1.0
 */
export const Adjustment = Schema.Struct({
  tenantId: TenantId,
  itemId: ItemId,
  id: Schema.String,
  kind: AdjustmentKind,
  effectiveAt: UtcTime,
  recordedAt: UtcTime,
  actorId: ActorId,
  receiptId: Schema.NullOr(Schema.String),
  unitCost: Schema.NullOr(Schema.BigDecimalFromString),
  allocations: Schema.Array(Allocation),
  reference: Schema.NullOr(Schema.String)
})
/** @since 0.1.0 */
export type Adjustment = typeof Adjustment.Type

/**
 * An item needs revaluing: something new sits between `from` and `through` (inclusive) in its steps.
 *
 * @since 0.1.0
 */
export const DirtyMark = Schema.Struct({ itemId: ItemId, from: Position, through: Position })
/** @since 0.1.0 */
export type DirtyMark = typeof DirtyMark.Type

/**
 * Sums of entries per item, site and lot, in minor units and smallest base units.
 *
 * @since 0.1.0
 */
export interface Totals {
  readonly itemId: ItemId
  readonly site: string
  readonly lot: string | null
  readonly quantity: bigint
  readonly value: bigint
  readonly cogs: bigint
  readonly received: bigint
}

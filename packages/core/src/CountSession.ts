/**
 * Cycle-count sessions: what to count (the scope), the expected quantities frozen when counting starts, the
 * blind counts taken, and the outcome of the approval.
 *
 * A session moves `draft` → `counting` (frozen) → `approved`, or to `cancelled` before approval. Its cells are
 * (item, location, lot) triples: those the freeze found with stock in scope, plus any in scope that a counter
 * found stock in. Each cell keeps its expected quantity at the freeze and every count taken of it; a count
 * records the book quantity of the cell at the moment it was recorded (`onHand`), so movements posted while
 * the count runs are never mistaken for variances nor counted twice. Quantities are smallest base units of the
 * item (`bigint`); values are minor units at the session's currency scale.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { AbcClass } from "./Abc.ts"
import { Policy, Role } from "./Approval.ts"
import { ActorId, ItemId, LocationId, TenantId } from "./Ids.ts"
import { isPrintable } from "./internal/text.ts"
import { TimeInput } from "./Movement.ts"
import * as Quantity from "./Quantity.ts"
import { UtcTime } from "./internal/utcTime.ts"

const idString = (max: number) =>
  Schema.String.pipe(Schema.check(Schema.makeFilter((s: string) => (s.length >= 1 && s.length <= max && isPrintable(s)) || `1 to ${max} printable characters`)))

/** A count session's id; also the reference of its adjustment movements. @since 0.1.0 */
export const CountSessionId = idString(100).pipe(Schema.brand("CountSessionId"))
/** @since 0.1.0 */
export type CountSessionId = typeof CountSessionId.Type

/** Where a count session stands. @since 0.1.0 */
export const CountStatus = Schema.Literals(["draft", "counting", "approved", "cancelled"])
/** @since 0.1.0 */
export type CountStatus = typeof CountStatus.Type

const Decimal = Schema.BigDecimalFromString
const within = { locationId: Schema.optionalKey(LocationId) }

/** Every stock-holding cell in a location subtree. @since 0.1.0 */
export const LocationsScope = Schema.TaggedStruct("Locations", { locationId: LocationId })
/** The listed items, optionally within a location subtree. @since 0.1.0 */
export const ItemsScope = Schema.TaggedStruct("Items", { itemIds: Schema.Array(ItemId).pipe(Schema.check(Schema.isMinLength(1))), ...within })
/**
 * The items of one ABC class. `classification` gives the classes (for example from `Abc.classify`); without
 * it the classes are computed exactly from the consumption value (issued quantity × unit value) over
 * `usageFrom`..`usageTo` (the year before the freeze by default) with `cutoffs` (80 % / 95 % by default).
 *
 * @since 0.1.0
 */
export const AbcScope = Schema.TaggedStruct("AbcClass", {
  class: AbcClass,
  classification: Schema.optionalKey(Schema.Array(Schema.Struct({ itemId: ItemId, class: AbcClass }))),
  usageFrom: Schema.optionalKey(UtcTime),
  usageTo: Schema.optionalKey(UtcTime),
  cutoffs: Schema.optionalKey(Schema.Struct({ a: Decimal, b: Decimal })),
  ...within
})
/** A random sample of `size` items holding stock in scope, drawn reproducibly from `seed`. @since 0.1.0 */
export const SampleScope = Schema.TaggedStruct("Sample", { size: Schema.Int.pipe(Schema.check(Schema.isGreaterThan(0))), seed: Schema.String, ...within })
/** The items with a movement in or out of stock effective at or after `since`. @since 0.1.0 */
export const MovedSinceScope = Schema.TaggedStruct("MovedSince", { since: UtcTime, ...within })

/** What a session counts. @since 0.1.0 */
export const Scope = Schema.Union([LocationsScope, ItemsScope, AbcScope, SampleScope, MovedSinceScope])
/** @since 0.1.0 */
export type Scope = typeof Scope.Type

/**
 * When a cell must be counted again before approval: its variance exceeds the quantity (base units), the
 * percentage of the book quantity, or the value (money). An empty rule never asks for a recount.
 *
 * @since 0.1.0
 */
export const RecountRule = Schema.Struct({
  quantity: Schema.optionalKey(Decimal),
  percentage: Schema.optionalKey(Decimal),
  value: Schema.optionalKey(Decimal)
})
/** @since 0.1.0 */
export type RecountRule = typeof RecountRule.Type

/**
 * The variance a cell may show and still count as accurate for the accuracy KPI, in percent of the book
 * quantity and/or in base units (either is enough).
 *
 * @since 0.1.0
 */
export const Tolerance = Schema.Struct({ percentage: Schema.optionalKey(Decimal), quantity: Schema.optionalKey(Decimal) })
/** @since 0.1.0 */
export type Tolerance = typeof Tolerance.Type

/** An exact unit value: `value` minor units for `quantity` smallest base units. @since 0.1.0 */
export const Rate = Schema.Struct({ value: Schema.BigIntFromString, quantity: Schema.BigIntFromString })

/**
 * An item of a frozen session: its base-unit decimals and its unit value at the freeze (from the valuation,
 * else its last receipt cost, else null: its variances are then unvalued).
 *
 * @since 0.1.0
 */
export const CountItem = Schema.Struct({
  itemId: ItemId,
  decimals: Schema.Int,
  rate: Schema.NullOr(Rate),
  rateSource: Schema.Literals(["valuation", "last-cost", "none"])
})
/** @since 0.1.0 */
export type CountItem = typeof CountItem.Type

/**
 * What the approval found: cells, counted cells, cells without variance and within tolerance, the sum of the
 * absolute variance values and the net value adjusted (minor units), and the adjustment movements posted.
 *
 * @since 0.1.0
 */
export const CountResult = Schema.Struct({
  cells: Schema.Int,
  counted: Schema.Int,
  exact: Schema.Int,
  withinTolerance: Schema.Int,
  absoluteValue: Schema.BigIntFromString,
  netValue: Schema.BigIntFromString,
  adjustments: Schema.Int
})
/** @since 0.1.0 */
export type CountResult = typeof CountResult.Type

/**
 * A count session as stored. `locationIds` and `itemIds` are the scope resolved at the freeze (null: any
 * internal location, any item).
 *
 * @since 0.1.0
 */
export const CountSession = Schema.Struct({
  id: CountSessionId,
  tenantId: TenantId,
  name: Schema.String,
  scope: Scope,
  status: CountStatus,
  policy: Policy,
  recount: RecountRule,
  tolerance: Tolerance,
  adjustmentLocationId: LocationId,
  gainReason: Schema.String,
  lossReason: Schema.String,
  currencyScale: Schema.Int,
  itemIds: Schema.NullOr(Schema.Array(ItemId)),
  locationIds: Schema.NullOr(Schema.Array(LocationId)),
  items: Schema.Array(CountItem),
  frozenAt: Schema.NullOr(UtcTime),
  approvedAt: Schema.NullOr(UtcTime),
  approvedBy: Schema.NullOr(ActorId),
  approvedRole: Schema.NullOr(Role),
  result: Schema.NullOr(CountResult),
  createdBy: ActorId,
  createdAt: UtcTime,
  updatedAt: UtcTime,
  version: Schema.Int
})
/** @since 0.1.0 */
export type CountSession = typeof CountSession.Type

/**
 * One count of a cell: what was found, the book quantity when it was recorded, who counted, when and how. For
 * a serial-tracked item it also lists the serials found and the serials the book held there at that moment
 * (both sorted); `quantity` and `onHand` are their counts.
 *
 * @since 0.1.0
 */
export const CountEntry = Schema.Struct({
  quantity: Schema.BigIntFromString,
  onHand: Schema.BigIntFromString,
  countedBy: ActorId,
  countedAt: UtcTime,
  source: Schema.Literals(["manual", "scan"]),
  deviceId: Schema.NullOr(Schema.String),
  serials: Schema.optionalKey(Schema.Array(Schema.String)),
  onHandSerials: Schema.optionalKey(Schema.Array(Schema.String))
})
/** @since 0.1.0 */
export type CountEntry = typeof CountEntry.Type

/**
 * A cell of a session: the expected quantity at the freeze, its counts (the last one counts; more than one
 * means it was recounted), and the adjustment posted at approval.
 *
 * @since 0.1.0
 */
export const CountCell = Schema.Struct({
  itemId: ItemId,
  locationId: LocationId,
  lot: Schema.NullOr(Schema.String),
  expected: Schema.BigIntFromString,
  counts: Schema.Array(CountEntry),
  adjustment: Schema.NullOr(Schema.BigIntFromString)
})
/** @since 0.1.0 */
export type CountCell = typeof CountCell.Type

/** The key of a cell as one string. @since 0.1.0 */
export const cellKey = (c: { readonly itemId: string; readonly locationId: string; readonly lot: string | null }): string =>
  `${c.itemId}\u0000${c.locationId}\u0000${c.lot ?? ""}`

const within_ = { locationId: Schema.optionalKey(Schema.String) }

/**
 * A scope as callers give it: times as ISO strings, epoch milliseconds or `DateTime`s, decimals as
 * `number | string | BigDecimal`; a sample without `seed` takes one from the `IdGenerator`.
 *
 * @since 0.1.0
 */
export const ScopeInput = Schema.Union([
  Schema.TaggedStruct("Locations", { locationId: Schema.String }),
  Schema.TaggedStruct("Items", { itemIds: Schema.Array(Schema.String).pipe(Schema.check(Schema.isMinLength(1))), ...within_ }),
  Schema.TaggedStruct("AbcClass", {
    class: AbcClass,
    classification: Schema.optionalKey(Schema.Array(Schema.Struct({ itemId: Schema.String, class: AbcClass }))),
    usageFrom: Schema.optionalKey(TimeInput),
    usageTo: Schema.optionalKey(TimeInput),
    cutoffs: Schema.optionalKey(Schema.Struct({ a: Quantity.InputSchema, b: Quantity.InputSchema })),
    ...within_
  }),
  Schema.TaggedStruct("Sample", { size: Schema.Int.pipe(Schema.check(Schema.isGreaterThan(0))), seed: Schema.optionalKey(Schema.String), ...within_ }),
  Schema.TaggedStruct("MovedSince", { since: TimeInput, ...within_ })
])
/** @since 0.1.0 */
export type ScopeInput = typeof ScopeInput.Encoded

const DecimalInput = Quantity.InputSchema

/**
 * Input to create a session. `adjustmentLocationId` is the loss/adjustment location that takes the other
 * side of every adjustment. Reasons default to `count-gain` and `count-loss`.
 *
 * @since 0.1.0
 */
export const NewCountSession = Schema.Struct({
  id: Schema.optionalKey(Schema.String),
  name: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isMaxLength(200)))),
  scope: ScopeInput,
  policy: Policy,
  adjustmentLocationId: Schema.String,
  recount: Schema.optionalKey(Schema.Struct({
    quantity: Schema.optionalKey(DecimalInput),
    percentage: Schema.optionalKey(DecimalInput),
    value: Schema.optionalKey(DecimalInput)
  })),
  tolerance: Schema.optionalKey(Schema.Struct({ percentage: Schema.optionalKey(DecimalInput), quantity: Schema.optionalKey(DecimalInput) })),
  gainReason: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(64)))),
  lossReason: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(64))))
})
/** @since 0.1.0 */
export type NewCountSession = typeof NewCountSession.Encoded

/**
 * One counted line: a cell and the quantity found (in `unit`, the item's base unit by default). For a
 * serial-tracked item, `serials` lists every serial found in the cell (an empty list: none); `quantity`, if
 * given, must equal their number.
 *
 * @since 0.1.0
 */
export const CountLineInput = Schema.Struct({
  itemId: Schema.String,
  locationId: Schema.String,
  lot: Schema.optionalKey(Schema.NullOr(Schema.String)),
  quantity: Schema.optionalKey(Quantity.InputSchema),
  serials: Schema.optionalKey(Schema.Array(Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(128))))),
  unit: Schema.optionalKey(Schema.String)
})
/** @since 0.1.0 */
export type CountLineInput = typeof CountLineInput.Encoded

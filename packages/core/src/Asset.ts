/**
 * Assets: tracked instances in the asset register.
 *
 * An asset carries a tag (unique per tenant), a serial, an optional model (a catalog item), a category path,
 * its lifecycle {@link AssetLifecycle.State}, an assignee while it is checked out, the location where the stock
 * ledger holds it, purchase and warranty data, custom fields, an optional parent (a component such as the RAM
 * in a server), depreciation books ({@link DepreciationProfile.Profile}, one per book, e.g. book and tax) with an optional in-service date and recorded impairments, and, once disposed of, its disposal. `inLedger` marks an asset capitalised
 * from a serial of the stock ledger: its location then always equals the serial's position in the ledger.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { State } from "./AssetLifecycle.ts"
import { PlainDate } from "./Depreciation.ts"
import { Profile } from "./DepreciationProfile.ts"
import { ActorId, AssetId, ItemId, LocationId, TenantId } from "./Ids.ts"
import { isToken } from "./internal/text.ts"
import { AttributeValue } from "./Item.ts"
import { Serial, TimeInput } from "./Movement.ts"
import * as Quantity from "./Quantity.ts"
import { UtcTime } from "./internal/utcTime.ts"

const Text = (max: number) =>
  Schema.String.pipe(Schema.check(Schema.makeFilter((s: string) => s.length <= max || `at most ${max} characters`)))

/** An asset tag: 1 to 64 characters without spaces, unique per tenant. @since 0.1.0 */
export const Tag = Schema.String.pipe(
  Schema.check(Schema.makeFilter((s: string) => (s.length >= 1 && s.length <= 64 && isToken(s)) || "a tag of 1 to 64 characters without spaces"))
)

/** A person's id as the caller's directory knows it. @since 0.1.0 */
export const PersonId = Schema.String.pipe(
  Schema.check(Schema.makeFilter((s: string) => (s.length >= 1 && s.length <= 128 && isToken(s)) || "a person id of 1 to 128 characters without spaces"))
)

/**
 * Who or what holds a checked-out asset: a person, a location or another asset.
 *
 * @since 0.1.0
 */
export const Assignee = Schema.Union([
  Schema.TaggedStruct("person", { personId: PersonId }),
  Schema.TaggedStruct("location", { locationId: LocationId }),
  Schema.TaggedStruct("asset", { assetId: AssetId })
])
/** @since 0.1.0 */
export type Assignee = typeof Assignee.Type

/** An assignee as a string for messages and events: `person:ann`, `location:L1`, `asset:A7`. @since 0.1.0 */
export const formatAssignee = (assignee: Assignee): string =>
  assignee._tag === "person"
    ? `person:${assignee.personId}`
    : assignee._tag === "location"
    ? `location:${assignee.locationId}`
    : `asset:${assignee.assetId}`

/**
 * What an asset cost and where it came from. `cost` is exact, in the tenant's currency.
 *
 * @since 0.1.0
 */
export const Purchase = Schema.Struct({
  cost: Schema.NullOr(Schema.BigDecimalFromString),
  date: Schema.NullOr(UtcTime),
  supplier: Schema.NullOr(Schema.String),
  purchaseOrder: Schema.NullOr(Schema.String),
  invoice: Schema.NullOr(Schema.String)
})
/** @since 0.1.0 */
export type Purchase = typeof Purchase.Type

/** A warranty: when it ends and who provides it. @since 0.1.0 */
export const Warranty = Schema.Struct({
  endsAt: UtcTime,
  provider: Schema.NullOr(Schema.String)
})
/** @since 0.1.0 */
export type Warranty = typeof Warranty.Type

/** How an asset left the register. @since 0.1.0 */
export const DisposalMethod = Schema.Literals(["sale", "scrap", "donation", "writeOff", "returnedToStock"])
/** @since 0.1.0 */
export type DisposalMethod = typeof DisposalMethod.Type

/** When and how an asset was disposed of, and what it brought in. @since 0.1.0 */
export const Disposal = Schema.Struct({
  at: UtcTime,
  method: DisposalMethod,
  proceeds: Schema.BigDecimalFromString,
  note: Schema.NullOr(Schema.String)
})
/** @since 0.1.0 */
export type Disposal = typeof Disposal.Type

/**
 * An impairment loss recorded on an asset (see {@link AssetDepreciation.recordImpairment}): on `date`, `amount`
 * in the tenant's currency, for one `book` or (null) every book.
 *
 * @since 0.1.0
 */
export const Impairment = Schema.Struct({
  date: PlainDate,
  amount: Schema.BigDecimalFromString,
  book: Schema.NullOr(Schema.String),
  reason: Schema.String,
  recordedAt: UtcTime,
  actorId: ActorId
})
/** @since 0.1.0 */
export type Impairment = typeof Impairment.Type

/**
 * An asset as stored. The schema encodes to JSON (decimals as strings, times as ISO strings).
 *
 * @since 0.1.0
 */
export const Asset = Schema.Struct({
  id: AssetId,
  tenantId: TenantId,
  tag: Tag,
  name: Schema.String,
  serial: Schema.NullOr(Schema.String),
  modelId: Schema.NullOr(ItemId),
  category: Schema.Array(Schema.String),
  status: State,
  assignee: Schema.NullOr(Assignee),
  locationId: Schema.NullOr(LocationId),
  purchase: Purchase,
  warranty: Schema.NullOr(Warranty),
  fields: Schema.Record(Schema.String, AttributeValue),
  parentId: Schema.NullOr(AssetId),
  books: Schema.Array(Profile),
  /** The day depreciation starts; the purchase date (UTC) when absent. */
  inServiceDate: Schema.optionalKey(PlainDate),
  /** Impairment losses, oldest recorded first. */
  impairments: Schema.optionalKey(Schema.Array(Impairment)),
  inLedger: Schema.Boolean,
  disposal: Schema.NullOr(Disposal),
  actorId: ActorId,
  version: Schema.Int,
  createdAt: UtcTime,
  updatedAt: UtcTime
})
/** @since 0.1.0 */
export type Asset = typeof Asset.Type

/** Purchase data as callers give it: cost as `number | string | BigDecimal`, dates as {@link TimeInput}. @since 0.1.0 */
export const PurchaseInput = Schema.Struct({
  cost: Schema.optionalKey(Quantity.InputSchema),
  date: Schema.optionalKey(TimeInput),
  supplier: Schema.optionalKey(Text(256)),
  purchaseOrder: Schema.optionalKey(Text(256)),
  invoice: Schema.optionalKey(Text(256))
})
/** @since 0.1.0 */
export type PurchaseInput = typeof PurchaseInput.Encoded

/** Warranty as callers give it. @since 0.1.0 */
export const WarrantyInput = Schema.Struct({ endsAt: TimeInput, provider: Schema.optionalKey(Text(256)) })

const Category = Schema.Union([Schema.String, Schema.Array(Schema.String)])

/**
 * Input to register an asset. A new asset starts `inStock` unless `status` says `onOrder`.
 *
 * @since 0.1.0
 */
export const NewAsset = Schema.Struct({
  id: Schema.optionalKey(AssetId),
  tag: Tag,
  name: Schema.optionalKey(Text(256)),
  serial: Schema.optionalKey(Serial),
  modelId: Schema.optionalKey(ItemId),
  category: Schema.optionalKey(Category),
  status: Schema.optionalKey(Schema.Literals(["onOrder", "inStock"])),
  locationId: Schema.optionalKey(LocationId),
  purchase: Schema.optionalKey(PurchaseInput),
  warranty: Schema.optionalKey(WarrantyInput),
  fields: Schema.optionalKey(Schema.Record(Schema.String, AttributeValue)),
  parentId: Schema.optionalKey(AssetId),
  books: Schema.optionalKey(Schema.Array(Profile)),
  inServiceDate: Schema.optionalKey(PlainDate)
})
/** @since 0.1.0 */
export type NewAsset = typeof NewAsset.Encoded

/**
 * Input to change an asset's descriptive data. Status, location, assignee and parent change only through their
 * own commands; `null` clears an optional field.
 *
 * @since 0.1.0
 */
export const AssetChanges = Schema.Struct({
  tag: Schema.optionalKey(Tag),
  name: Schema.optionalKey(Text(256)),
  serial: Schema.optionalKey(Schema.NullOr(Serial)),
  modelId: Schema.optionalKey(Schema.NullOr(ItemId)),
  category: Schema.optionalKey(Category),
  purchase: Schema.optionalKey(PurchaseInput),
  warranty: Schema.optionalKey(Schema.NullOr(WarrantyInput)),
  fields: Schema.optionalKey(Schema.Record(Schema.String, AttributeValue)),
  books: Schema.optionalKey(Schema.Array(Profile)),
  inServiceDate: Schema.optionalKey(Schema.NullOr(PlainDate))
})
/** @since 0.1.0 */
export type AssetChanges = typeof AssetChanges.Encoded

/**
 * Items (SKUs) of the catalog.
 *
 * An item counts stock in one base unit with exact conversions, is tracked by nothing, lot or serial, and
 * carries its valuation method, reorder policy, GTINs, category path, custom attributes and status. A
 * discontinued item can still be issued, moved and counted, but not received.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Gtin from "./Gtin.ts"
import { isPrintable } from "./internal/text.ts"
import { ItemId, TenantId } from "./Ids.ts"
import * as Quantity from "./Quantity.ts"
import * as UnitOfMeasure from "./UnitOfMeasure.ts"
import { UtcTime } from "./internal/utcTime.ts"

/** How units of an item are told apart. @since 0.1.0 */
export const Tracking = Schema.Literals(["none", "lot", "serial"])
/** @since 0.1.0 */
export type Tracking = typeof Tracking.Type

/** The cost-flow method the valuation engine applies to the item. @since 0.1.0 */
export const ValuationMethod = Schema.Literals([
  "fifo",
  "lifo",
  "moving-average",
  "weighted-average",
  "periodic-fifo",
  "periodic-lifo",
  "specific-identification"
])
/** @since 0.1.0 */
export type ValuationMethod = typeof ValuationMethod.Type

/** Whether the item may still be received. @since 0.1.0 */
export const ItemStatus = Schema.Literals(["active", "discontinued"])
/** @since 0.1.0 */
export type ItemStatus = typeof ItemStatus.Type

/** A stock keeping unit code: 1–64 characters without control characters. @since 0.1.0 */
export const Sku = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) =>
      (s.trim().length >= 1 && s.length <= 64 && isPrintable(s)) || "a SKU of 1 to 64 printable characters"
    )
  )
)

const Name = Schema.String.pipe(
  Schema.check(Schema.makeFilter((s: string) => (s.trim().length >= 1 && s.length <= 200) || "a name of 1 to 200 characters"))
)

const NonNegativeDecimal = Schema.BigDecimalFromString

/**
 * Replenishment parameters, in the item's base unit. The planning engine computes suggestions from them.
 *
 * @since 0.1.0
 */
export const ReorderPolicy = Schema.Struct({
  kind: Schema.Literals(["none", "rop-q", "min-max", "periodic", "eoq"]),
  reorderPoint: Schema.optionalKey(NonNegativeDecimal),
  orderQuantity: Schema.optionalKey(NonNegativeDecimal),
  min: Schema.optionalKey(NonNegativeDecimal),
  max: Schema.optionalKey(NonNegativeDecimal),
  reviewPeriodDays: Schema.optionalKey(Schema.Int),
  leadTimeDays: Schema.optionalKey(Schema.Finite),
  packSize: Schema.optionalKey(NonNegativeDecimal),
  minimumOrderQuantity: Schema.optionalKey(NonNegativeDecimal)
})
/** @since 0.1.0 */
export type ReorderPolicy = typeof ReorderPolicy.Type

/** A custom attribute value. @since 0.1.0 */
export const AttributeValue = Schema.Union([Schema.String, Schema.Finite, Schema.Boolean])

/**
 * An item as stored. The schema encodes to JSON (decimals as strings, times as ISO strings).
 *
 * @since 0.1.0
 */
export const Item = Schema.Struct({
  id: ItemId,
  tenantId: TenantId,
  sku: Sku,
  name: Name,
  description: Schema.String,
  baseUnit: UnitOfMeasure.BaseUnit,
  conversions: Schema.Array(UnitOfMeasure.Conversion),
  tracking: Tracking,
  shelfLifeDays: Schema.NullOr(Schema.Int),
  valuationMethod: ValuationMethod,
  reorder: ReorderPolicy,
  gtins: Schema.Array(Gtin.Gtin),
  category: Schema.Array(Schema.String),
  attributes: Schema.Record(Schema.String, AttributeValue),
  status: ItemStatus,
  allowNegativeStock: Schema.Boolean,
  version: Schema.Int,
  createdAt: UtcTime,
  updatedAt: UtcTime
})
/** @since 0.1.0 */
export type Item = typeof Item.Type

/** Reorder policy input: quantities as `number | string | BigDecimal`. @since 0.1.0 */
export const ReorderPolicyInput = Schema.Struct({
  kind: Schema.optionalKey(ReorderPolicy.fields.kind),
  reorderPoint: Schema.optionalKey(Quantity.InputSchema),
  orderQuantity: Schema.optionalKey(Quantity.InputSchema),
  min: Schema.optionalKey(Quantity.InputSchema),
  max: Schema.optionalKey(Quantity.InputSchema),
  reviewPeriodDays: Schema.optionalKey(Schema.Int.pipe(Schema.check(Schema.isGreaterThan(0)))),
  leadTimeDays: Schema.optionalKey(Schema.Finite.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))),
  packSize: Schema.optionalKey(Quantity.InputSchema),
  minimumOrderQuantity: Schema.optionalKey(Quantity.InputSchema)
})
/** @since 0.1.0 */
export type ReorderPolicyInput = typeof ReorderPolicyInput.Type

const Category = Schema.Union([Schema.String, Schema.Array(Schema.String)])

/**
 * Input to create an item. Everything but the SKU, the name and the base unit has a default.
 *
 * @since 0.1.0
 */
export const NewItem = Schema.Struct({
  id: Schema.optionalKey(ItemId),
  sku: Sku,
  name: Name,
  description: Schema.optionalKey(Schema.String),
  baseUnit: Schema.Struct({
    code: UnitOfMeasure.UnitCode,
    decimals: Schema.optionalKey(UnitOfMeasure.BaseUnit.fields.decimals)
  }),
  conversions: Schema.optionalKey(Schema.Array(Schema.Struct({ code: UnitOfMeasure.UnitCode, factor: Quantity.InputSchema }))),
  tracking: Schema.optionalKey(Tracking),
  shelfLifeDays: Schema.optionalKey(Schema.Int.pipe(Schema.check(Schema.isGreaterThan(0)))),
  valuationMethod: Schema.optionalKey(ValuationMethod),
  reorder: Schema.optionalKey(ReorderPolicyInput),
  gtins: Schema.optionalKey(Schema.Array(Schema.String)),
  category: Schema.optionalKey(Category),
  attributes: Schema.optionalKey(Schema.Record(Schema.String, AttributeValue)),
  status: Schema.optionalKey(ItemStatus),
  allowNegativeStock: Schema.optionalKey(Schema.Boolean)
})
/** @since 0.1.0 */
export type NewItem = typeof NewItem.Encoded

/**
 * Input to change an item. The SKU, base unit and tracking are fixed once stock may exist.
 *
 * @since 0.1.0
 */
export const ItemChanges = Schema.Struct({
  name: Schema.optionalKey(Name),
  description: Schema.optionalKey(Schema.String),
  conversions: NewItem.fields.conversions,
  shelfLifeDays: Schema.optionalKey(Schema.NullOr(Schema.Int.pipe(Schema.check(Schema.isGreaterThan(0))))),
  valuationMethod: Schema.optionalKey(ValuationMethod),
  reorder: Schema.optionalKey(ReorderPolicyInput),
  gtins: NewItem.fields.gtins,
  category: Schema.optionalKey(Category),
  attributes: Schema.optionalKey(Schema.Record(Schema.String, AttributeValue)),
  status: Schema.optionalKey(ItemStatus),
  allowNegativeStock: Schema.optionalKey(Schema.Boolean)
})
/** @since 0.1.0 */
export type ItemChanges = typeof ItemChanges.Encoded

/**
 * The unit scheme of an item, for {@link UnitOfMeasure.toBaseUnits}.
 *
 * @since 0.1.0
 */
export const scheme = (item: Item): UnitOfMeasure.Scheme => ({ base: item.baseUnit, conversions: item.conversions })

/**
 * Splits a category given as `"a/b/c"` or `["a", "b", "c"]` into its path.
 *
 * @since 0.1.0
 */
export const categoryPath = (category: string | ReadonlyArray<string>): Array<string> =>
  (typeof category === "string" ? category.split("/") : [...category]).map((s) => s.trim()).filter((s) => s.length > 0)

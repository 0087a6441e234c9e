/**
 * Units of measure and exact conversions to an item's base unit.
 *
 * Every item counts stock in one base unit with a fixed number of decimals (`each` with 0, `kg` with 3).
 * Other units convert by an exact decimal factor: a `case` of 12 each, a `g` of 0.001 kg. A conversion whose
 * result does not fit the base unit's decimals is refused, never rounded.
 *
 * @since 0.1.0
 */
import { BigDecimal, Result, Schema } from "effect"
import * as Decimal from "./internal/decimal.ts"
import * as Quantity from "./Quantity.ts"

/**
 * A unit code such as `each`, `case` or `kg`.
 *
 * @since 0.1.0
 */
export const UnitCode = Schema.String.pipe(
  Schema.check(Schema.makeFilter((s: string) => /^[A-Za-z][A-Za-z0-9_.-]{0,15}$/.test(s) || "a unit code of 1–16 letters, digits, '_', '.' or '-' starting with a letter"))
)

/**
 * The base unit of an item and how many decimals it counts in.
 *
 * @since 0.1.0
 */
export class BaseUnit extends Schema.Class<BaseUnit>("@quartermaster/core/UnitOfMeasure/BaseUnit")({
  code: UnitCode,
  decimals: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 9 })))
}) {}

/**
 * One alternative unit: `factor` base units make one of it.
 *
 * @since 0.1.0
 */
export class Conversion extends Schema.Class<Conversion>("@quartermaster/core/UnitOfMeasure/Conversion")({
  code: UnitCode,
  factor: Schema.BigDecimalFromString.pipe(Schema.check(Schema.makeFilter((d: BigDecimal.BigDecimal) => BigDecimal.isPositive(d) || "a positive factor")))
}) {}

/**
 * The unit is not known for the item.
 *
 * @since 0.1.0
 */
export class UnknownUnit extends Schema.TaggedError<UnknownUnit>()("UnknownUnit", {
  unit: Schema.String,
  known: Schema.Array(Schema.String)
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `unit ${JSON.stringify(this.unit)} is not defined for this item (known: ${this.known.join(", ")})`
  }
}

/**
 * A unit scheme: the base unit plus its conversions.
 *
 * @since 0.1.0
 */
export interface Scheme {
  readonly base: BaseUnit
  readonly conversions: ReadonlyArray<Conversion>
}

/**
 * Converts a quantity in `unit` to smallest base units (a `bigint` at the base unit's decimals), exactly.
 *
 * @since 0.1.0
 */
export const toBaseUnits = (
  scheme: Scheme,
  quantity: Quantity.Input,
  unit: string = scheme.base.code,
  field = "quantity"
): Result.Result<bigint, Quantity.InvalidQuantity | UnknownUnit> => {
  if (unit === scheme.base.code) {
    const units = Decimal.integerUnits(quantity, scheme.base.decimals)
    if (units !== undefined) return Result.succeed(units)
  }
  return Result.flatMap(Quantity.parse(quantity, field), (value): Result.Result<bigint, Quantity.InvalidQuantity | UnknownUnit> => {
    if (unit === scheme.base.code) return Quantity.toUnits(value, scheme.base.decimals, field)
    const conversion = scheme.conversions.find((c) => c.code === unit)
    if (conversion === undefined) {
      return Result.fail(new UnknownUnit({ unit, known: [scheme.base.code, ...scheme.conversions.map((c) => c.code)] }))
    }
    return Quantity.toUnits(BigDecimal.multiply(value, conversion.factor), scheme.base.decimals, field)
  })
}

/**
 * Formats smallest base units as a decimal in the base unit.
 *
 * @since 0.1.0
 */
export const formatBaseUnits = (scheme: Scheme, units: bigint): string =>
  Quantity.formatUnits(units, scheme.base.decimals)

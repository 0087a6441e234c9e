/**
 * Exact decimal quantities and amounts.
 *
 * Public inputs accept `number | string | BigDecimal`. Inside the SDK a quantity is a `bigint` count of the
 * smallest unit at a known scale (for example grams for a kilogram item with 3 decimals), so arithmetic is
 * exact and fast. Conversion happens only at the edges, and never rounds silently: a value that does not fit
 * the scale is a typed error.
 *
 * @since 0.1.0
 */
import { BigDecimal, Option, Result, Schema } from "effect"
import * as Decimal from "./internal/decimal.ts"

/**
 * What callers may pass wherever a quantity or amount is expected.
 *
 * @since 0.1.0
 */
export type Input = number | string | BigDecimal.BigDecimal

/**
 * Schema for {@link Input}: a finite number, a decimal string or a `BigDecimal`.
 *
 * @since 0.1.0
 */
export const InputSchema: Schema.Codec<Input> = Schema.Union([
  Schema.Finite,
  Schema.String,
  Schema.BigDecimal
])

/**
 * A value could not be read as an exact decimal, or does not fit where it must go.
 *
 * @since 0.1.0
 */
export class InvalidQuantity extends Schema.TaggedError<InvalidQuantity>()("InvalidQuantity", {
  field: Schema.String,
  input: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.field}: ${this.reason} (got ${this.input})`
  }
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

const show = (input: unknown): string => {
  if (BigDecimal.isBigDecimal(input)) return BigDecimal.format(input)
  if (typeof input === "string") return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input)
  if (typeof input === "number" || typeof input === "bigint" || typeof input === "boolean") return String(input)
  return input === null ? "null" : `a value of type ${typeof input}`
}

/**
 * Reads an input as an exact `BigDecimal`.
 *
 * A `number` is read from its shortest round-trip decimal form, so `0.1` means exactly one tenth.
 * `NaN`, infinities, empty strings and anything that is not a plain decimal are refused.
 *
 * @since 0.1.0
 */
export const parse = (input: unknown, field = "quantity"): Result.Result<BigDecimal.BigDecimal, InvalidQuantity> => {
  const simple = Decimal.simple(input)
  if (simple !== undefined) return Result.succeed(simple)
  const fail = (reason: string) => Result.fail(new InvalidQuantity({ field, input: show(input), reason }))
  if (BigDecimal.isBigDecimal(input)) return Result.succeed(input)
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return fail("must be a finite number")
    return Result.succeed(BigDecimal.fromStringUnsafe(String(input)))
  }
  if (typeof input === "string") {
    const trimmed = input.trim()
    if (trimmed.length === 0 || trimmed.length > 64 || !DECIMAL.test(trimmed)) return fail("must be a decimal number")
    return Option.match(BigDecimal.fromString(trimmed), {
      onNone: () => fail("must be a decimal number"),
      onSome: Result.succeed
    })
  }
  return fail("must be a number, a decimal string or a BigDecimal")
}

/**
 * Converts an exact decimal to a count of smallest units at `scale` decimals, refusing anything that would
 * need rounding.
 *
 * @since 0.1.0
 */
export const toUnits = (
  value: BigDecimal.BigDecimal,
  scale: number,
  field = "quantity"
): Result.Result<bigint, InvalidQuantity> => {
  const units = Decimal.units(value, scale)
  if (units !== undefined) return Result.succeed(units)
  const n = BigDecimal.normalize(value)
  if (n.scale <= scale) return Result.succeed(n.value * 10n ** BigInt(scale - n.scale))
  return Result.fail(
    new InvalidQuantity({ field, input: BigDecimal.format(value), reason: `has more than ${scale} decimals` })
  )
}

/**
 * Reads an input straight to smallest units at `scale` decimals.
 *
 * @since 0.1.0
 */
export const parseUnits = (input: unknown, scale: number, field = "quantity"): Result.Result<bigint, InvalidQuantity> =>
  Result.flatMap(parse(input, field), (value) => toUnits(value, scale, field))

/**
 * Turns a count of smallest units at `scale` decimals back into a normalized `BigDecimal`.
 *
 * @since 0.1.0
 */
export const fromUnits = (units: bigint, scale: number): BigDecimal.BigDecimal =>
  BigDecimal.normalize(BigDecimal.make(units, scale))

/**
 * Formats smallest units at `scale` decimals as a plain decimal string, for example `12.5`.
 *
 * @since 0.1.0
 */
export const formatUnits = (units: bigint, scale: number): string => BigDecimal.format(fromUnits(units, scale))

/**
 * Whether two decimals are equal in value (`1.50` equals `1.5`).
 *
 * @since 0.1.0
 */
export const equals = (a: BigDecimal.BigDecimal, b: BigDecimal.BigDecimal): boolean => BigDecimal.equals(a, b)

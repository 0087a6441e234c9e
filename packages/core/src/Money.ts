/**
 * Money as exact minor units.
 *
 * Inside the valuation engine an amount is a `bigint` count of minor units at the tenant's currency scale (cents
 * at scale 2), so sums are exact. Rounding happens only where a value must be split: an issue that takes part
 * of a layer or of an average pool, and the value of a receipt (unit cost × quantity). Every such point uses
 * {@link divide}, which rounds half away from zero, and every split is arranged so that the parts add up to the
 * whole: the last unit out of a layer or pool takes exactly what is left.
 *
 * @since 0.1.0
 */
import type { BigDecimal, Result } from "effect"
import { Schema } from "effect"
import { pow10 } from "./internal/decimal.ts"
import * as Quantity from "./Quantity.ts"

/**
 * A currency scale: how many decimals the minor unit has (2 for cents, 0 for yen, up to 8).
 *
 * @since 0.1.0
 */
export const Scale = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 8 })))

/** @since 0.1.0 */
export type Scale = typeof Scale.Type

/**
 * `numerator / denominator` rounded to the nearest integer, halves away from zero. The denominator must not be
 * zero.
 *
 * @since 0.1.0
 */
export const divide = (numerator: bigint, denominator: bigint): bigint => {
  if (denominator < 0n) {
    numerator = -numerator
    denominator = -denominator
  }
  const q = numerator / denominator
  const r = numerator - q * denominator
  if (r === 0n) return q
  if (r > 0n) return 2n * r >= denominator ? q + 1n : q
  return -2n * r >= denominator ? q - 1n : q
}

/**
 * The value in minor units at `scale` of `quantity` smallest units (at `quantityDecimals`) at `unitCost` per
 * base unit, rounded once by {@link divide}.
 *
 * @since 0.1.0
 */
export const extend = (unitCost: BigDecimal.BigDecimal, quantity: bigint, quantityDecimals: number, scale: number): bigint => {
  const shift = scale - unitCost.scale - quantityDecimals
  const product = unitCost.value * quantity
  return shift === 0 ? product : shift > 0 ? product * pow10(shift) : divide(product, pow10(-shift))
}

/**
 * Splits `total` over `weights` in proportion, by largest remainder, so that the parts add up to `total`
 * exactly. Ties go to the earlier weight. The weights may be signed but must not sum to zero.
 *
 * @since 0.1.0
 */
export const allocate = (total: bigint, weights: ReadonlyArray<bigint>): Array<bigint> => {
  let sum = 0n
  for (const w of weights) sum += w
  if (sum === 0n) throw new RangeError("Money.allocate: the weights sum to zero")
  const sign = sum < 0n ? -1n : 1n
  const denominator = sum * sign
  const parts = new Array<bigint>(weights.length)
  const remainders = new Array<bigint>(weights.length)
  let given = 0n
  for (let i = 0; i < weights.length; i++) {
    const numerator = total * weights[i]! * sign
    let q = numerator / denominator
    if (numerator - q * denominator < 0n) q -= 1n
    parts[i] = q
    remainders[i] = numerator - q * denominator
    given += q
  }
  let left = total - given
  if (left > 0n) {
    const order = weights.map((_, i) => i).sort((a, b) => (remainders[b]! > remainders[a]! ? 1 : remainders[b]! < remainders[a]! ? -1 : a - b))
    for (let k = 0; left > 0n; k++, left--) parts[order[k]!]! += 1n
  }
  return parts
}

/**
 * Reads an amount (`number | string | BigDecimal`) as minor units at `scale`, refusing more decimals than the
 * scale has.
 *
 * @since 0.1.0
 */
export const parse = (input: unknown, scale: number, field = "amount"): Result.Result<bigint, Quantity.InvalidQuantity> =>
  Quantity.parseUnits(input, scale, field)

/**
 * Minor units at `scale` as a normalized `BigDecimal`.
 *
 * @since 0.1.0
 */
export const toDecimal = (units: bigint, scale: number): BigDecimal.BigDecimal => Quantity.fromUnits(units, scale)

/**
 * Minor units at `scale` as a plain decimal string with exactly `scale` decimals, for example `12.50`.
 *
 * @since 0.1.0
 */
export const format = (units: bigint, scale: number): string => {
  if (scale === 0) return units.toString()
  const negative = units < 0n
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0")
  return `${negative ? "-" : ""}${digits.slice(0, -scale)}.${digits.slice(-scale)}`
}

/**
 * A unit cost as an exact ratio: `value` minor units for `quantity` smallest units. Used for the last known
 * cost and the average, so that no unit cost is ever rounded.
 *
 * @since 0.1.0
 */
export interface Rate {
  readonly value: bigint
  readonly quantity: bigint
}

/**
 * The value of `quantity` smallest units at a rate, rounded by {@link divide}; zero without a rate.
 *
 * @since 0.1.0
 */
export const atRate = (rate: Rate | null, quantity: bigint): bigint =>
  rate === null || rate.quantity === 0n ? 0n : divide(rate.value * quantity, rate.quantity)

/**
 * A rate as a decimal cost per base unit, rounded to `decimals` decimals (6 by default) for display.
 *
 * @since 0.1.0
 */
export const unitCost = (rate: Rate, quantityDecimals: number, scale: number, decimals = 6): string => {
  if (rate.quantity === 0n) return format(0n, decimals)
  const shift = decimals - scale + quantityDecimals
  const numerator = rate.value * (shift >= 0 ? pow10(shift) : 1n)
  const denominator = rate.quantity * (shift < 0 ? pow10(-shift) : 1n)
  return format(divide(numerator, denominator), decimals)
}


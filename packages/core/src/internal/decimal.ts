// Fast paths for the exact decimals of `Quantity`: whole numbers and plain decimal strings, the inputs nearly
// every line carries, read without the general parser. Each returns exactly what the general path returns,
// or `undefined` to say "take the general path".
import { BigDecimal } from "effect"

const POWERS: ReadonlyArray<bigint> = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i))

/** 10^n for n ≥ 0. */
export const pow10 = (n: number): bigint => POWERS[n] ?? 10n ** BigInt(n)

// Digits with an optional minus sign and fraction: what `BigDecimal.fromString` reads as `make(lead ++ trail,
// trail.length)`. Anything else (exponents, '+', a bare '.', blanks) takes the general path.
const PLAIN = /^(-?\d+)(?:\.(\d+))?$/

const plain = (s: string): BigDecimal.BigDecimal | undefined => {
  const match = PLAIN.exec(s)
  if (match === null) return undefined
  const trail = match[2]
  return trail === undefined ? BigDecimal.make(BigInt(s), 0) : BigDecimal.make(BigInt(match[1]! + trail), trail.length)
}

/**
 * `Quantity.parse` for a safe integer or a plain decimal (a string of at most 64 characters, or a finite
 * number whose shortest form is plain), else `undefined`.
 */
export const simple = (input: unknown): BigDecimal.BigDecimal | undefined => {
  if (typeof input === "number") {
    if (Number.isSafeInteger(input)) return BigDecimal.make(BigInt(input), 0)
    return Number.isFinite(input) ? plain(String(input)) : undefined
  }
  return typeof input === "string" && input.length <= 64 ? plain(input) : undefined
}

/** `Quantity.toUnits` for a value that fits the scale, else `undefined`, without normalizing first. */
export const units = (value: BigDecimal.BigDecimal, scale: number): bigint | undefined => {
  const shift = scale - value.scale
  // Far-off scales (`1e-999999`) are left to the general path, which sees them without building huge powers.
  if (shift >= POWERS.length || -shift >= POWERS.length) return undefined
  if (shift >= 0) return value.value * POWERS[shift]!
  // Trailing zeros may bring it within the scale: that is what normalizing would find.
  const divisor = POWERS[-shift]!
  return value.value % divisor === 0n ? value.value / divisor : undefined
}

/** Smallest units at `scale` decimals of a safe integer, else `undefined`. */
export const integerUnits = (input: unknown, scale: number): bigint | undefined =>
  typeof input === "number" && Number.isSafeInteger(input) ? BigInt(input) * pow10(scale) : undefined

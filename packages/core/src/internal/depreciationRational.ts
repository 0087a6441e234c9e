// Exact rationals over bigint for the depreciation engine: every amount stays a fraction of minor units until
// the one rounding step (cumulative depreciation at a period end), so no error piles up across periods.
import type { BigDecimal } from "effect"
import { divide } from "../Money.ts"
import { pow10 } from "./decimal.ts"

/** `n / d` with `d > 0` (not always in lowest terms: see {@link make}). */
export interface Rational {
  readonly n: bigint
  readonly d: bigint
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x)

const SAFE = 9_007_199_254_740_991n
const LARGE = 1n << 256n

const gcd = (a: bigint, b: bigint): bigint => {
  a = abs(a)
  b = abs(b)
  while (b !== 0n) {
    const r = a % b
    a = b
    b = r
  }
  return a
}

/** Euclid on doubles, for terms that fit one exactly: much cheaper than on bigints. */
const smallGcd = (a: number, b: number): number => {
  a = Math.abs(a)
  while (b !== 0) {
    const r = a % b
    a = b
    b = r
  }
  return a
}

/**
 * `n / d`, reduced when that is cheap (both terms fit a double) or needed (the denominator passed 256 bits);
 * in between the fraction stays as it is, which is still exact: every operation here is correct on unreduced
 * fractions, and reducing the growing denominators of declining balance rarely finds a factor.
 */
export const make = (n: bigint, d: bigint = 1n): Rational => {
  if (d === 0n) throw new RangeError("Rational: zero denominator")
  if (d < 0n) {
    n = -n
    d = -d
  }
  if (d === 1n) return { n, d }
  if (d <= SAFE && n <= SAFE && -n <= SAFE) {
    const g = smallGcd(Number(n), Number(d))
    return g === 1 ? { n, d } : { n: n / BigInt(g), d: d / BigInt(g) }
  }
  if (d < LARGE) return { n, d }
  const g = gcd(n, d)
  return g === 1n ? { n, d } : { n: n / g, d: d / g }
}

export const ZERO: Rational = { n: 0n, d: 1n }
export const ONE: Rational = { n: 1n, d: 1n }

export const int = (n: bigint | number): Rational => ({ n: BigInt(n), d: 1n })

export const fromDecimal = (value: BigDecimal.BigDecimal): Rational =>
  value.scale >= 0 ? make(value.value, pow10(value.scale)) : int(value.value * pow10(-value.scale))

/** A plain decimal string such as `14.29`. */
export const parse = (s: string): Rational => {
  const [whole, fraction = ""] = s.split(".")
  return make(BigInt(`${whole}${fraction}`), pow10(fraction.length))
}

export const add = (a: Rational, b: Rational): Rational =>
  a.d === b.d ? make(a.n + b.n, a.d) : make(a.n * b.d + b.n * a.d, a.d * b.d)

export const sub = (a: Rational, b: Rational): Rational =>
  a.d === b.d ? make(a.n - b.n, a.d) : make(a.n * b.d - b.n * a.d, a.d * b.d)

export const mul = (a: Rational, b: Rational): Rational => make(a.n * b.n, a.d * b.d)

export const div = (a: Rational, b: Rational): Rational => {
  if (b.n === 0n) throw new RangeError("Rational: division by zero")
  return make(a.n * b.d, a.d * b.n)
}

export const cmp = (a: Rational, b: Rational): number => {
  const l = a.n * b.d
  const r = b.n * a.d
  return l < r ? -1 : l > r ? 1 : 0
}

export const lt = (a: Rational, b: Rational): boolean => cmp(a, b) < 0
export const le = (a: Rational, b: Rational): boolean => cmp(a, b) <= 0
export const min = (a: Rational, b: Rational): Rational => (cmp(a, b) <= 0 ? a : b)
export const max = (a: Rational, b: Rational): Rational => (cmp(a, b) >= 0 ? a : b)
export const isZero = (a: Rational): boolean => a.n === 0n

/** Rounded to the nearest integer, halves away from zero (`Money.divide`). */
export const round = (a: Rational): bigint => divide(a.n, a.d)

/**
 * The standard normal distribution: density, distribution function, its inverse, and the standard normal
 * loss function that fill-rate targets need.
 *
 * - {@link cdf} sums Marsaglia's series `Φ(x) = ½ + φ(x)·(x + x³/3 + x⁵/(3·5) + …)` for |x| < 3, which has
 *   only positive terms, and evaluates the tail from Laplace's continued fraction for the Mills ratio beyond,
 *   so the far tails keep their relative precision (`Φ(−37)` ≈ 5.7e−300 is still right to 1e−13).
 * - {@link quantile} is Wichura's algorithm AS 241 (`PPND16`, Applied Statistics 37, 1988), accurate to about
 *   1e−16 relative.
 * - {@link loss} is `G(z) = φ(z) − z·(1 − Φ(z))`, the expected shortfall of a standard normal beyond `z`.
 *
 * These are plain numeric functions with the usual conventions at the edges (`quantile(0)` is `-Infinity`,
 * `quantile(1)` is `Infinity`, anything outside [0, 1] or `NaN` gives `NaN`). The validated entry points for
 * service levels are in {@link ServiceLevel}.
 *
 * @since 0.1.0
 */

const INV_SQRT_2PI = 0.3989422804014327

/**
 * The density `φ(x) = exp(−x²/2)/√(2π)`.
 *
 * @since 0.1.0
 */
export const pdf = (x: number): number => INV_SQRT_2PI * Math.exp(-0.5 * x * x)

// 1 − Φ(x) for x ≥ 3 by the modified Lentz method on φ(x)/(x + 1/(x + 2/(x + 3/(x + …)))).
const upperTail = (x: number): number => {
  const tiny = 1e-300
  let f = x
  let c = x
  let d = 0
  for (let n = 1; n < 500; n++) {
    d = x + n * d
    d = d === 0 ? tiny : d
    c = x + n / c
    c = c === 0 ? tiny : c
    d = 1 / d
    const delta = c * d
    f *= delta
    if (Math.abs(delta - 1) < 1e-16) break
  }
  return pdf(x) / f
}

// Φ(x) for |x| < 3 by Marsaglia's series: every term is positive, so nothing cancels inside the sum.
const central = (x: number): number => {
  const q = x * x
  let term = x
  let sum = x
  for (let n = 3; n < 200; n += 2) {
    term *= q / n
    const next = sum + term
    if (next === sum) break
    sum = next
  }
  return 0.5 + pdf(x) * sum
}

/**
 * The distribution function `Φ(x)`: the probability that a standard normal is at most `x`.
 *
 * @since 0.1.0
 */
export const cdf = (x: number): number => {
  if (Number.isNaN(x)) return Number.NaN
  if (x >= 3) return x === Infinity ? 1 : 1 - upperTail(x)
  if (x <= -3) return x === -Infinity ? 0 : upperTail(-x)
  return central(x)
}

/**
 * The upper tail `1 − Φ(x)`, computed without cancellation for large `x`.
 *
 * @since 0.1.0
 */
export const survival = (x: number): number => cdf(-x)

// Wichura's AS 241 coefficients (PPND16).
const A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946,
  45921.95393154987, 67265.7709270087, 33430.57558358813, 2509.0809287301227
] as const
const B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597,
  39307.89580009271, 28729.085735721943, 5226.495278852854
] as const
const C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045,
  1.2704582524523684, 0.2417807251774506, 0.022723844989269184, 0.0007745450142783414
] as const
const D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
  0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9
] as const
const E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487,
  0.026532189526576124, 0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7
] as const
const F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15
] as const

const ratio = (p: ReadonlyArray<number>, q: ReadonlyArray<number>, x: number): number =>
  (((((((p[7]! * x + p[6]!) * x + p[5]!) * x + p[4]!) * x + p[3]!) * x + p[2]!) * x + p[1]!) * x + p[0]!) /
  (((((((q[7]! * x + q[6]!) * x + q[5]!) * x + q[4]!) * x + q[3]!) * x + q[2]!) * x + q[1]!) * x + q[0]!)

/**
 * The inverse distribution function `Φ⁻¹(p)` (Wichura's AS 241): the `z` with `Φ(z) = p`.
 *
 * @since 0.1.0
 */
export const quantile = (p: number): number => {
  if (!(p >= 0 && p <= 1)) return Number.NaN
  if (p === 0) return -Infinity
  if (p === 1) return Infinity
  const q = p - 0.5
  if (Math.abs(q) <= 0.425) return q * ratio(A, B, 0.180625 - q * q)
  let r = q < 0 ? p : 1 - p
  r = Math.sqrt(-Math.log(r))
  const z = r <= 5 ? ratio(C, D, r - 1.6) : ratio(E, F, r - 5)
  return q < 0 ? -z : z
}

/**
 * The standard normal loss function `G(z) = E[max(Z − z, 0)] = φ(z) − z·(1 − Φ(z))`: the expected shortfall
 * per unit of standard deviation when the safety factor is `z`. It falls from `+∞` to 0 as `z` grows, and
 * `G(−z) = G(z) + z`.
 *
 * @since 0.1.0
 */
export const loss = (z: number): number => {
  if (Number.isNaN(z)) return Number.NaN
  if (z < 0) return loss(-z) - z
  if (z === Infinity) return 0
  return pdf(z) - z * survival(z)
}

/**
 * The `z` with `G(z) = g` for `g > 0` (`NaN` otherwise), by Newton's method, which converges from the left
 * because `G` is convex and decreasing.
 *
 * @since 0.1.0
 */
export const lossInverse = (g: number): number => {
  if (!(g > 0) || g === Infinity) return Number.NaN
  // G(−g) = G(g) + g > g, so −g lies left of the root.
  let z = -g
  for (let i = 0; i < 200; i++) {
    const slope = survival(z)
    if (slope === 0) break
    const step = (loss(z) - g) / slope
    z += step
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(z))) break
  }
  return z
}

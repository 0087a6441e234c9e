// Timing and printing for the benchmarks. They print, and never assert timings.
//
// Shared by both storage packages' benchmarks (PostgreSQL and PGlite), so both measure the same work.
import { Effect } from "effect"
import { randomUUID } from "node:crypto"

/** Runs an effect and returns how long it took, in milliseconds, with its result. */
export const timed = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<readonly [millis: number, result: A], E, R> =>
  Effect.suspend(() => {
    const start = performance.now()
    return Effect.map(effect, (a) => [performance.now() - start, a] as const)
  })

/** Prints a line. */
export const print = (line: string): void => console.log(line)

/** A tenant id for one benchmark run: `bench-<kind>-<random>`. */
export const benchTenant = (kind: string): string => `bench-${kind}-${randomUUID().slice(0, 8)}`

/** A count with thousands separators. */
export const count = (n: number): string => Math.round(n).toLocaleString("en-US")

/** A ratio, with a third decimal when it is small enough to need one. */
export const times = (ratio: number): string => `${ratio.toFixed(ratio < 0.1 ? 3 : 2)}×`

/** A throughput line: `n` units in `millis`, and its ratio to a baseline's throughput when one is given. */
export const row = (label: string, n: number, unit: string, millis: number, baselineMillis?: number): string => {
  const perSecond = `${count((n * 1000) / millis).padStart(9)} ${unit}/s  ${(millis / 1000).toFixed(2).padStart(7)} s`
  return `  ${label.padEnd(58)}${perSecond}${baselineMillis === undefined ? "" : `  ${times(baselineMillis / millis)} baseline`}`
}

/** A goal line: whether a ratio meets its goal. Informational only. */
export const goal = (what: string, ratio: number, target: number): string =>
  `  goal ${what} ≥ ${target}× the raw baseline: ${times(ratio)}, ${ratio >= target ? "met" : "not met"}`

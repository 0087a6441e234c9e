// The few Node facilities the benchmarks use. The core package type-checks without Node's types, so that
// nothing in `src/` can lean on Node by accident; benchmarks reach the host through `globalThis` instead.

interface Host {
  readonly console: { log(...args: ReadonlyArray<unknown>): void }
  readonly performance: { now(): number }
  readonly process: {
    exitCode?: number | undefined
    memoryUsage(): { readonly heapUsed: number; readonly rss: number }
    getBuiltinModule?(id: string): unknown
  }
}

const host = globalThis as unknown as Host

/** Milliseconds from a monotonic clock. */
export const now = (): number => host.performance.now()

/** Prints a line. */
export const print = (line: string): void => host.console.log(line)

/** Marks the run as failed without throwing, so the remaining output still prints. */
export const fail = (): void => {
  host.process.exitCode = 1
}

const collector = ((): (() => void) | undefined => {
  const v8 = host.process.getBuiltinModule?.("node:v8") as { setFlagsFromString(flags: string): void } | undefined
  const vm = host.process.getBuiltinModule?.("node:vm") as { runInNewContext(code: string): unknown } | undefined
  if (v8 === undefined || vm === undefined) return undefined
  // The usual way to reach the collector without `--expose-gc` on the command line.
  v8.setFlagsFromString("--expose-gc")
  const gc = vm.runInNewContext("gc")
  return typeof gc === "function" ? (gc as () => void) : undefined
})()

/** Heap in use, in bytes, after a full collection when one can be forced. */
export const heapUsed = (): { readonly bytes: number; readonly collected: boolean } => {
  collector?.()
  return { bytes: host.process.memoryUsage().heapUsed, collected: collector !== undefined }
}

/** Formats a count with thousands separators. */
export const count = (n: number): string => Math.round(n).toLocaleString("en-US")

/** A small deterministic generator (xorshift32) of numbers in [0, 1), so every run sees the same data. */
export const generator = (seed: number): (() => number) => {
  let s = seed >>> 0 || 1
  return (): number => {
    s ^= s << 13
    s >>>= 0
    s ^= s >>> 17
    s ^= s << 5
    s >>>= 0
    return s / 4_294_967_296
  }
}

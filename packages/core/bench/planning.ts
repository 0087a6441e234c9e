// The planning benchmarks.
//
// 1. ABC over a million items: `Abc.classify` on 1,000,000 entries (consumption values spread over six orders
//    of magnitude, a fifth of them zero, many ties, ids scrambled: the worst case for ordering ties by id; then
//    the same entries in id order, the usual case), against a baseline that does the
//    least any ABC must: sort the values alone with the engine's native typed-array sort and take one pass
//    of cumulative sums, on the same values in the same run. Goal: under a second.
// 2. Holt-Winters for 10,000 series: `ExponentialSmoothing.holtWinters` fitting α, β and γ (additive, monthly
//    data with a yearly season, 48 months each) on every series, against a baseline of one pass of the same
//    recursions with fixed constants per series: the cost of a single evaluation of the fitted objective, so
//    the ratio is roughly the evaluations a fit takes.
//
// Both print numbers and ratios and never assert a timing. A result that disagrees with its baseline (a
// different top value, shares that do not sum to 1) marks the run failed, because then the time means nothing.
import { Abc, ExponentialSmoothing } from "@quartermaster/core"
import { Effect, Result } from "effect"
import { count, fail, generator, now, print } from "./host.ts"

const ITEMS = 1_000_000
const SERIES = 10_000
const MONTHS = 48
const SEASON = 12

const entries = (): Array<Abc.Entry> => {
  const random = generator(42)
  const out = new Array<Abc.Entry>(ITEMS)
  for (let i = 0; i < ITEMS; i++) {
    const r = random()
    // A fifth never moved; the rest are log-uniform from $1 to $1M, in cents, so equal values recur.
    const value = r < 0.2 ? 0 : Math.round(10 ** (random() * 6) * 100) / 100
    out[i] = { id: `SKU-${String((i * 7_919) % ITEMS).padStart(7, "0")}`, value }
  }
  return out
}

const time = <A>(f: () => A): { readonly millis: number; readonly value: A } => {
  const start = now()
  const value = f()
  return { millis: now() - start, value }
}

const ms = (millis: number) => `${millis.toFixed(0).padStart(6)} ms`

const abc = () => {
  const list = entries()
  print(`abc: ${count(ITEMS)} items, default cut-offs 80/95`)
  const baseline = () => {
    const values = new Float64Array(ITEMS)
    for (let i = 0; i < ITEMS; i++) values[i] = -list[i]!.value
    values.sort()
    let cumulative = 0
    for (let i = 0; i < ITEMS; i++) cumulative -= values[i]!
    return { top: -values[0]!, total: cumulative }
  }
  const classify = () => {
    const r = Abc.classify(list)
    if (Result.isFailure(r)) throw new Error(r.failure.message)
    return r.success
  }
  // One untimed run each to warm the JIT, then the best and the median of five.
  baseline()
  classify()
  const base: Array<number> = []
  const runs: Array<number> = []
  let report: Abc.Report | undefined
  let reference: { top: number; total: number } | undefined
  for (let k = 0; k < 5; k++) {
    const b = time(baseline)
    base.push(b.millis)
    reference = b.value
    const c = time(classify)
    runs.push(c.millis)
    report = c.value
  }
  base.sort((a, b) => a - b)
  runs.sort((a, b) => a - b)
  print(`  baseline: native sort of the values + cumulative sums  best ${ms(base[0]!)}  median ${ms(base[2]!)}`)
  print(`  Abc.classify (ranks, ties by id, shares, classes)      best ${ms(runs[0]!)}  median ${ms(runs[2]!)}  ×${(runs[2]! / base[2]!).toFixed(2)} of the baseline`)
  // The same entries in id order, as catalog listings come: ties need no sorting then.
  const byId = [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const inOrder: Array<number> = []
  for (let k = 0; k < 3; k++) inOrder.push(time(() => Abc.classify(byId)).millis)
  inOrder.sort((a, b) => a - b)
  print(`  Abc.classify, entries already in id order              best ${ms(inOrder[0]!)}  median ${ms(inOrder[1]!)}`)
  print(`  goal < 1 s: ${runs[2]! < 1000 ? "met" : "not met"}`)
  const shares = report!.rows.reduce((s, r) => s + r.share, 0)
  const classes = report!.classes.map((c) => `${c.class} ${count(c.count)} items (${(c.share * 100).toFixed(1)} % of value)`).join(", ")
  print(`  ${classes}`)
  if (report!.rows[0]!.value !== reference!.top || Math.abs(shares - 1) > 1e-9 || Math.abs(report!.total - reference!.total) > 1e-6 * reference!.total) {
    print(`  MISMATCH: top ${report!.rows[0]!.value} vs ${reference!.top}, shares sum ${shares}, total ${report!.total} vs ${reference!.total}`)
    fail()
  }
}

const seriesSet = (): Array<Array<number>> => {
  const random = generator(7)
  return Array.from({ length: SERIES }, () => {
    const level = 50 + random() * 500
    const trend = (random() - 0.3) * 2
    const amplitude = 0.1 + random() * 0.4
    const phase = Math.floor(random() * SEASON)
    return Array.from({ length: MONTHS }, (_, t) =>
      Math.max(0, (level + trend * t) * (1 + amplitude * Math.sin((2 * Math.PI * (t + phase)) / SEASON)) + (random() - 0.5) * level * 0.1))
  })
}

// One pass of the additive recursions with fixed constants: what one evaluation of the objective costs.
const onePass = (y: ReadonlyArray<number>): number => {
  const m = SEASON
  let first = 0
  let second = 0
  for (let i = 0; i < m; i++) {
    first += y[i]!
    second += y[m + i]!
  }
  let level = first / m
  let trend = (second - first) / m / m
  const season = y.slice(0, m).map((v) => v - level)
  let sse = 0
  for (let t = m; t < y.length; t++) {
    const s = season[t % m]!
    const base = level + trend
    const e = y[t]! - (base + s)
    sse += e * e
    const previous = level
    level = 0.3 * (y[t]! - s) + 0.7 * base
    trend = 0.1 * (level - previous) + 0.9 * trend
    season[t % m] = 0.1 * (y[t]! - base) + 0.9 * s
  }
  return sse
}

const holtWinters = () => {
  const all = seriesSet()
  print(`holt-winters: ${count(SERIES)} series of ${MONTHS} months, season ${SEASON}, α β γ fitted`)
  const base = time(() => all.reduce((s, y) => s + onePass(y), 0))
  let failures = 0
  const fit = (seasonality: "additive" | "multiplicative") =>
    time(() => {
      let sse = 0
      for (const y of all) {
        const r = ExponentialSmoothing.holtWinters(y, { seasonLength: SEASON, seasonality, horizon: SEASON })
        if (Result.isFailure(r)) failures++
        else sse += r.success.sse
      }
      return sse
    })
  const additive = fit("additive")
  const multiplicative = fit("multiplicative")
  const evaluations = additive.millis / base.millis
  print(`  baseline: one pass of the recursions per series         ${ms(base.millis)}`)
  print(`  holtWinters additive, fitted                            ${ms(additive.millis)}  ${count(SERIES / (additive.millis / 1000))} series/s  ×${evaluations.toFixed(0)} of the baseline`)
  print(`  holtWinters multiplicative, fitted                      ${ms(multiplicative.millis)}  ${count(SERIES / (multiplicative.millis / 1000))} series/s`)
  // The fitted constants can only do better than the baseline's fixed ones.
  if (failures > 0 || !(additive.value <= base.value * (1 + 1e-9))) {
    print(`  MISMATCH: ${failures} fits failed; fitted SSE ${additive.value} vs fixed-constant SSE ${base.value}`)
    fail()
  }
}

/** Runs the planning benchmarks and prints their results. */
export const run: Effect.Effect<void> = Effect.sync(() => {
  abc()
  holtWinters()
})

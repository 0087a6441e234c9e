import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import * as fc from "fast-check"
import * as Abc from "../src/Abc.ts"
import * as CountFrequency from "../src/CountFrequency.ts"
import * as Xyz from "../src/Xyz.ts"

const ok = <A, E>(r: Result.Result<A, E>): A => Result.getOrThrow(r)
const close = (actual: number, expected: number, tolerance = 1e-9) =>
  assert.isAtMost(Math.abs(actual - expected), tolerance, `${actual} vs ${expected}`)

// After Heizer & Render, Operations Management, the ABC analysis of Silicon Chips, Inc.: annual volume × unit
// cost for ten parts, total $232,057.
const chips: ReadonlyArray<Abc.Entry> = [
  { id: "#10286", value: 1000 * 90 },
  { id: "#11526", value: 500 * 154 },
  { id: "#12760", value: 1550 * 17 },
  { id: "#10867", value: 350 * 42.86 },
  { id: "#10500", value: 1000 * 12.5 },
  { id: "#12572", value: 600 * 14.17 },
  { id: "#14075", value: 2000 * 0.6 },
  { id: "#01036", value: 100 * 8.5 },
  { id: "#01307", value: 1200 * 0.42 },
  { id: "#10572", value: 250 * 0.6 }
]

describe("Abc.classify", () => {
  it("reproduces the textbook split with its cut-offs (Heizer & Render, Silicon Chips, Inc.)", () => {
    // The book's A items hold 72 % of value (2 items), B items the next 23 % (3), C the last 5 % (5): with
    // cut-offs of 70 % and 95 %, A is the smallest top set reaching 70 % (38.8 + 33.2 = 72.0 %), B the
    // smallest further set reaching 95 % (83.3, 89.8, 95.2 %).
    const report = ok(Abc.classify([...chips].reverse(), { a: 0.7, b: 0.95 }))
    close(report.total, 232_057, 1e-6)
    assert.deepStrictEqual(report.rows.map((r) => r.id), chips.map((c) => c.id))
    assert.deepStrictEqual(report.rows.map((r) => r.class).join(""), "AABBBCCCCC")
    close(report.rows[0]!.share, 90_000 / 232_057)
    close(report.rows[1]!.cumulativeShare, 167_000 / 232_057)
    close(report.rows[4]!.cumulativeShare, 220_851 / 232_057)
    assert.deepStrictEqual(report.rows.map((r) => r.rank), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    assert.deepStrictEqual(report.classes.map((c) => c.count), [2, 3, 5])
    close(report.classes[0]!.share, 167_000 / 232_057)
    close(report.classes[2]!.itemShare, 0.5)
  })

  it("with the default 80/95 cut-offs, the item that crosses 80 % is still A", () => {
    const report = ok(Abc.classify(chips))
    assert.deepStrictEqual(report.cutoffs, { a: 0.8, b: 0.95 })
    assert.deepStrictEqual(report.rows.map((r) => r.class).join(""), "AAABBCCCCC")
    // A single dominant item is A however large its share.
    assert.deepStrictEqual(ok(Abc.classify([{ id: "x", value: 90 }, { id: "y", value: 6 }, { id: "z", value: 4 }])).rows.map((r) => r.class), ["A", "B", "C"])
  })

  it("orders ties by id, whatever the input order", () => {
    const entries = [{ id: "b", value: 5 }, { id: "c", value: 5 }, { id: "a", value: 5 }, { id: "z", value: 9 }, { id: "y", value: 0 }, { id: "x", value: 0 }]
    assert.deepStrictEqual(ok(Abc.classify(entries)).rows.map((r) => r.id), ["z", "a", "b", "c", "x", "y"])
  })

  it("shares sum to 1, cumulative shares rise to 1, and the result does not depend on input order (property)", () => {
    const entries = fc.uniqueArray(fc.record({ id: fc.string({ maxLength: 6 }), value: fc.oneof(fc.constant(0), fc.constant(7), fc.double({ min: 0, max: 1e9, noNaN: true })) }), { selector: (e) => e.id, minLength: 1, maxLength: 200 })
    fc.assert(
      fc.property(entries, fc.integer(), (list, seed) => {
        const report = ok(Abc.classify(list))
        const total = report.rows.reduce((s, r) => s + r.value, 0)
        const shares = report.rows.reduce((s, r) => s + r.share, 0)
        if (total > 0 && Math.abs(shares - 1) > 1e-9) return false
        if (report.classes.reduce((s, c) => s + c.count, 0) !== list.length) return false
        for (let i = 1; i < report.rows.length; i++) {
          const [a, b] = [report.rows[i - 1]!, report.rows[i]!]
          if (a.value < b.value || (a.value === b.value && a.id > b.id)) return false
          if (b.cumulativeShare < a.cumulativeShare || a.class > b.class) return false
        }
        if (total > 0 && report.rows[report.rows.length - 1]!.cumulativeShare !== 1) return false
        // Shuffle deterministically and classify again: the same ranking.
        const shuffled = [...list].sort((x, y) => ((x.id.length * 31 + seed) % 7) - ((y.id.length * 31 + seed) % 7))
        return JSON.stringify(ok(Abc.classify(shuffled)).rows) === JSON.stringify(report.rows)
      }),
      { numRuns: 300, seed: 12 }
    )
  })

  it("ranks large inputs (the radix path) exactly as a comparison sort would", () => {
    // Values with many ties, zeros, negative zero, tiny and huge magnitudes, ids out of order.
    const pool = [0, -0, 1, 1, 2.5, 1e-300, 7, 7, 7, 1e12, 123.456, Number.MIN_VALUE, 3]
    const entries = Array.from({ length: 20_000 }, (_, i) => ({ id: `id-${(i * 7919) % 20_000}`, value: pool[(i * 31) % pool.length]! * ((i % 5) + 1) }))
    const expected = [...entries].sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((e) => e.id)
    const report = ok(Abc.classify(entries))
    assert.deepStrictEqual(report.rows.map((r) => r.id), expected)
    close(report.rows.reduce((s, r) => s + r.share, 0), 1)
    // Ids sharing a long prefix.
    const long = Array.from({ length: 5000 }, (_, i) => ({ id: `${"x".repeat(300)}${(i * 7919) % 5000}`, value: 1 }))
    assert.deepStrictEqual(ok(Abc.classify(long)).rows.map((r) => r.id), long.map((e) => e.id).sort())
    // Repeated ids (which callers should avoid) still rank deterministically: by id, then input position.
    const repeated = Array.from({ length: 6000 }, (_, i) => ({ id: `d${(i * 37) % 11}`, value: i % 2 }))
    const expectedRepeated = repeated.map((e, i) => ({ ...e, i })).sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.i - b.i))
    assert.deepStrictEqual(ok(Abc.classify(repeated)).rows.map((r) => r.id), expectedRepeated.map((e) => e.id))
  })

  it("every item is C when nothing has value, and an empty list is empty", () => {
    assert.deepStrictEqual(ok(Abc.classify([{ id: "a", value: 0 }, { id: "b", value: 0 }])).rows.map((r) => r.class), ["C", "C"])
    assert.deepStrictEqual(ok(Abc.classify([])).rows, [])
  })

  it("refuses negative values, non-numbers and bad cut-offs with typed errors", () => {
    const negative = Abc.classify([{ id: "a", value: 1 }, { id: "b", value: -2 }])
    assert.isTrue(Result.isFailure(negative))
    if (Result.isFailure(negative)) {
      assert.strictEqual(negative.failure._tag, "NegativeDemand")
      assert.include(negative.failure.message, "entries[1].value")
    }
    for (const bad of [[{ id: "a", value: Number.NaN }], [{ id: 1, value: 1 }], [null], "x"]) {
      const r = Abc.classify(bad as never)
      assert.strictEqual(Result.isFailure(r) && r.failure._tag, "InvalidPlanningInput")
    }
    for (const cutoffs of [{ a: 0.9, b: 0.8 }, { a: 0, b: 0.5 }, { a: 0.5, b: 1.2 }, { a: "0.8" }]) {
      const r = Abc.classify(chips, cutoffs as never)
      assert.strictEqual(Result.isFailure(r) && r.failure._tag, "InvalidPlanningInput")
    }
  })
})

describe("Xyz", () => {
  it("classifies by coefficient of variation (population standard deviation over the mean)", () => {
    // Steady: 10, 12, 8, 10 → mean 10, σ = √2 = 1.414, CV 0.14 (X). Fluctuating: 5, 15, 5, 15 → σ 5, CV 0.5
    // (X at the cut-off). Lumpy: 0, 0, 40, 0 → mean 10, σ = √300 = 17.3, CV 1.73 (Z). Nothing: Z, no CV.
    const rows = ok(Xyz.classify([
      { id: "steady", demand: [10, 12, 8, 10] },
      { id: "edge", demand: [5, 15, 5, 15] },
      { id: "wavy", demand: [2, 18, 4, 16] },
      { id: "lumpy", demand: [0, 0, 40, 0] },
      { id: "none", demand: [0, 0, 0] }
    ]))
    close(rows[0]!.cv!, Math.SQRT2 / 10)
    assert.deepStrictEqual(rows.map((r) => r.class), ["X", "X", "Y", "Z", "Z"])
    close(rows[2]!.cv!, Math.sqrt(50) / 10)
    close(rows[3]!.stdDev, Math.sqrt(300))
    assert.isNull(rows[4]!.cv)
  })

  it("builds the ABC-XYZ matrix", () => {
    const abc = ok(Abc.classify([{ id: "a", value: 80 }, { id: "b", value: 15 }, { id: "c", value: 5 }, { id: "d", value: 0 }]))
    const xyz = ok(Xyz.classify([{ id: "a", demand: [1, 1] }, { id: "b", demand: [0, 0, 9] }, { id: "c", demand: [2, 8] }, { id: "e", demand: [1] }]))
    const m = Xyz.matrix(abc.rows, xyz)
    assert.strictEqual(m.cells.length, 9)
    const cell = (k: string) => m.cells.find((c) => c.abc + c.xyz === k)!
    assert.strictEqual(cell("AX").count, 1)
    assert.strictEqual(cell("BZ").count, 1)
    assert.strictEqual(cell("CY").count, 1)
    close(cell("AX").share, 0.8)
    assert.strictEqual(m.unmatched, 2)
    assert.deepStrictEqual(m.items.map((i) => `${i.id}:${i.abc}${i.xyz}`), ["a:AX", "b:BZ", "c:CY"])
  })

  it("refuses negative demand and bad cut-offs", () => {
    const r = Xyz.classify([{ id: "a", demand: [1, -1] }])
    assert.strictEqual(Result.isFailure(r) && r.failure._tag, "NegativeDemand")
    const c = Xyz.classify([{ id: "a", demand: [1] }], { x: 1, y: 0.5 })
    assert.strictEqual(Result.isFailure(c) && c.failure._tag, "InvalidPlanningInput")
    const e = Xyz.classify([{ id: "a", demand: [] }])
    assert.strictEqual(Result.isFailure(e) && e.failure._tag, "InvalidPlanningInput")
  })
})

describe("CountFrequency", () => {
  it("suggests monthly, quarterly and yearly counts and sums the workload", () => {
    const report = ok(Abc.classify(chips))
    const plan = ok(CountFrequency.plan(report.rows))
    assert.deepStrictEqual(plan.classes.map((c) => [c.class, c.items, c.countsPerYear, c.totalCounts]), [["A", 3, 12, 36], ["B", 2, 4, 8], ["C", 5, 1, 5]])
    close(plan.classes[0]!.intervalDays!, 365 / 12)
    assert.strictEqual(plan.totalCountsPerYear, 49)
    close(plan.countsPerWorkingDay, 49 / 250)
    assert.deepStrictEqual(ok(CountFrequency.frequency("C", { A: 24, B: 6, C: 0 })), { countsPerYear: 0, intervalDays: null })
    const bad = CountFrequency.plan(report.rows, { A: -1, B: 4, C: 1 })
    assert.strictEqual(Result.isFailure(bad) && bad.failure._tag, "InvalidPlanningInput")
  })
})

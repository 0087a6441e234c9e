import { describe, expect, it } from "@effect/vitest"
import { EntryLog } from "../../src/internal/entryLog.ts"
import { appendRange, diffSpan, firstFrom, merged, spliced, totalsByPlace, truncate } from "../../src/internal/entrySpan.ts"
import type { Entry } from "../../src/ValuationState.ts"

const entry = (id: string, at: number, extra: Partial<Entry> = {}): Entry => ({
  itemId: "item", id, at, seq: at, step: id, kind: "receipt", movementId: id, site: "s1", lot: null,
  quantity: 1n, value: 100n, cogs: 0n, received: 100n, provisional: 0n, ...extra
})
const logOf = (entries: ReadonlyArray<Entry>, capacity = 4): EntryLog => {
  const log = new EntryLog("item", capacity)
  for (const e of entries) log.pushEntry(e)
  return log
}
const all = (log: EntryLog): Array<Entry> => Array.from({ length: log.length }, (_, i) => log.get(i))

describe("entry logs in columns", () => {
  it("a log made with no room grows, and every field comes back as written", () => {
    const wide = 2n ** 70n
    const entries = Array.from({ length: 40 }, (_, i) =>
      entry(`e${i}`, i, i === 7 ? { value: wide, received: wide, lot: "L1", site: "s2" } : i === 9 ? { id: "x9", movementId: null, provisional: -5n } : {}))
    expect(all(logOf(entries, 0))).toEqual(entries)
  })

  it("copies ranges between logs with different place tables, and cuts back", () => {
    const a = logOf([entry("a", 1, { site: "s2" }), entry("b", 2, { site: "s1", lot: "L" })])
    const b = logOf([entry("c", 3, { site: "s1", lot: "L" }), entry("d", 4, { site: "s3", value: 7n, cogs: 3n, received: 99n })])
    appendRange(a, b, 0, 2)
    expect(all(a).map((e) => [e.id, e.site, e.lot, e.received])).toEqual([["a", "s2", null, 100n], ["b", "s1", "L", 100n], ["c", "s1", "L", 100n], ["d", "s3", null, 99n]])
    truncate(a, 1)
    a.pushEntry(entry("z", 9))
    expect(all(a).map((e) => [e.id, e.site, e.received])).toEqual([["a", "s2", 100n], ["z", "s1", 100n]])
  })

  it("keeps step ids across chunks: long logs grow, copy across chunk edges, cut back and grow again", () => {
    // Step ids live in chunks of 8,192 entries: these lengths and offsets cross several chunk edges.
    const n = 20_000
    const long = logOf(Array.from({ length: n }, (_, i) => entry(`s${i}`, i)), 0)
    expect(long.length).toBe(n)
    for (const i of [0, 8191, 8192, 16383, 16384, n - 1]) expect(long.stepOf(i)).toBe(`s${i}`)
    const other = logOf([entry("head", -1)])
    appendRange(other, long, 8000, 17000)
    expect(other.length).toBe(9001)
    expect([other.stepOf(0), other.stepOf(1), other.stepOf(192), other.stepOf(193), other.stepOf(9000)]).toEqual(["head", "s8000", "s8191", "s8192", "s16999"])
    truncate(other, 8190)
    for (let i = 0; i < 10; i++) other.pushEntry(entry(`t${i}`, 20_000 + i))
    expect(other.length).toBe(8200)
    const ids = ["head", ...Array.from({ length: 8189 }, (_, i) => `s${8000 + i}`), ...Array.from({ length: 10 }, (_, i) => `t${i}`)]
    expect(all(other).map((e) => [e.id, e.step, e.movementId])).toEqual(ids.map((id) => [id, id, id]))
    expect(all(long).every((e, i) => e.step === `s${i}` && e.id === `s${i}`)).toBe(true)
  })

  it("merges entries in by key, replacing and removing", () => {
    const log = logOf([entry("a", 1), entry("b", 2), entry("c", 3)])
    const out = merged(log, [entry("a2", 1), entry("b", 2, { value: 5n, received: 5n }), entry("d", 4)], new Set(["c"]))
    expect(all(out).map((e) => [e.id, e.value])).toEqual([["a", 100n], ["a2", 100n], ["b", 5n], ["d", 100n]])
    expect(all(log).map((e) => e.id)).toEqual(["a", "b", "c"])
  })

  it("compares a span with a run's entries and says what changed; splicing keeps what lies around it", () => {
    const stored = logOf([
      entry("r1", 1),
      entry("i1", 2, { kind: "issue", quantity: -1n, value: -100n, cogs: 100n, received: 0n }),
      entry("i2", 3, { kind: "issue", quantity: -1n, value: -100n, cogs: 100n, received: 0n }),
      entry("r2", 4)
    ])
    const fresh = logOf([
      entry("i1", 2, { kind: "issue", quantity: -1n, value: -90n, cogs: 90n, received: 0n }),
      entry("n", 2.5)
    ])
    const from = firstFrom(stored, { at: 2, seq: 2, id: "i1" })
    const to = firstFrom(stored, { at: 3, seq: 3, id: "i2" }, true)
    const change = diffSpan(stored, from, to, fresh)
    expect([...change.written]).toEqual([0, 1])
    expect([change.removed, change.cogs, change.value, change.issues, change.earliest]).toEqual([1, -110n, 110n, 2, { at: 2, seq: 2, id: "i1" }])
    expect(all(spliced(stored, from, to, fresh)).map((e) => [e.id, e.value])).toEqual([["r1", 100n], ["i1", -90n], ["n", 100n], ["r2", 100n]])
  })

  it("sums per site and lot over a time span, with received as written", () => {
    const log = logOf([entry("a", 1), entry("b", 2, { kind: "transfer-out", site: "s2", value: -40n, received: 0n }), entry("c", 3, { received: 70n }), entry("d", 5)])
    expect(totalsByPlace(log, 2, 5)).toEqual([
      { site: "s2", lot: null, quantity: 1n, value: -40n, cogs: 0n, received: 0n },
      { site: "s1", lot: null, quantity: 1n, value: 100n, cogs: 0n, received: 70n }
    ])
  })
})

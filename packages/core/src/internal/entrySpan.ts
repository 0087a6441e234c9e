// Entry logs compared, copied and summed column by column, for a store that keeps an item's entries as an
// `EntryLog` (the in-memory store): revaluing then replaces a span of the stored log with the run's log without
// making an entry object, which is most of what a revaluation of a long history would otherwise cost.
import type { Entry, Position } from "../ValuationState.ts"
import { AMOUNTS, EntryLog, KIND_CODE, TRANSFER_IN, TRANSFER_OUT } from "./entryLog.ts"
import { Sum } from "./sum.ts"

type Key = { readonly at: number; readonly seq: number; readonly step: string; readonly id: string }

/** The first index in 0..`length` for which `before` is false (it holds for a prefix, then never again). */
const search = (length: number, before: (i: number) => boolean): number => {
  let lo = 0
  let hi = length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (before(mid)) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The first index whose step is positioned at or after `p` (`strict`: after it). */
export const firstFrom = (log: EntryLog, p: Position, strict = false): number => {
  const bound = strict ? 0 : -1
  return search(log.length, (i) => log.comparePosition(i, p) <= bound)
}

/** The first index whose entry sorts after `key` (with `bound` -1: at or after it), as `compareTo` orders. */
export const firstAfter = (log: EntryLog, key: Key, bound: 0 | -1 = 0): number => search(log.length, (i) => log.compareTo(i, key) <= bound)

/** Orders entry `i` of `a` against entry `j` of `b`: position, then entry id. */
export const compareAt = (a: EntryLog, i: number, b: EntryLog, j: number): number => {
  const at = a.times[i * 2]!
  const bt = b.times[j * 2]!
  if (at !== bt) return at - bt
  const seq = a.times[i * 2 + 1]!
  const bs = b.times[j * 2 + 1]!
  if (seq !== bs) return seq - bs
  const step = a.stepOf(i)
  const bstep = b.stepOf(j)
  if (step !== bstep) return step < bstep ? -1 : 1
  const id = a.idOf(i)
  const bid = b.idOf(j)
  return id === bid ? 0 : id < bid ? -1 : 1
}

/** Whether entry `i` of `a` equals entry `j` of `b` in every field. */
export const sameAt = (a: EntryLog, i: number, b: EntryLog, j: number): boolean => {
  if (a.stepOf(i) !== b.stepOf(j) || a.times[i * 2] !== b.times[j * 2] || a.times[i * 2 + 1] !== b.times[j * 2 + 1] || a.codes[i] !== b.codes[j]) return false
  const k = i * AMOUNTS
  const l = j * AMOUNTS
  if (a.wide === null && b.wide === null) {
    if (a.amounts[k] !== b.amounts[l] || a.amounts[k + 1] !== b.amounts[l + 1] || a.amounts[k + 2] !== b.amounts[l + 2]) return false
  } else if (a.amount(k) !== b.amount(l) || a.amount(k + 1) !== b.amount(l + 1) || a.amount(k + 2) !== b.amount(l + 2)) return false
  const p = a.placeList[a.places[i]!]!
  const q = b.placeList[b.places[j]!]!
  if (p !== q && (p.site !== q.site || p.lot !== q.lot)) return false
  if ((a.ids !== null || b.ids !== null) && a.idOf(i) !== b.idOf(j)) return false
  if ((a.movements !== null || b.movements !== null) && a.movementOf(i) !== b.movementOf(j)) return false
  if ((a.provisional !== null || b.provisional !== null) && (a.provisional?.get(i) ?? 0n) !== (b.provisional?.get(j) ?? 0n)) return false
  return (a.received === null && b.received === null) || a.received?.get(i) === b.received?.get(j)
}

/** Adds entry `i`'s value and cogs to the sums (`sign` 1) or subtracts them (-1). */
const addAmounts = (log: EntryLog, i: number, sign: 1 | -1, value: Sum, cogs: Sum): void => {
  const k = i * AMOUNTS
  if (log.wide === null) {
    value.add(sign * log.amounts[k + 1]!)
    cogs.add(sign * log.amounts[k + 2]!)
  } else if (sign === 1) {
    value.addBig(log.amount(k + 1))
    cogs.addBig(log.amount(k + 2))
  } else {
    value.subtractBig(log.amount(k + 1))
    cogs.subtractBig(log.amount(k + 2))
  }
}

/** Appends entries `from`..`to` (exclusive) of `source`, another log, to `log` as they are. */
export const appendRange = (log: EntryLog, source: EntryLog, from: number, to: number): void => {
  const n = to - from
  if (n <= 0) return
  const base = log.length
  while (log.codes.length < base + n) log.grow()
  log.amounts.set(source.amounts.subarray(from * AMOUNTS, to * AMOUNTS), base * AMOUNTS)
  log.times.set(source.times.subarray(from * 2, to * 2), base * 2)
  log.codes.set(source.codes.subarray(from, to), base)
  // Places by the source's index, mapped to this log's once each; a log that starts with the source's places
  // needs no mapping.
  if (source.placeList.every((p, i) => log.placeList[i] === p)) log.places.set(source.places.subarray(from, to), base)
  else {
    const list = source.placeList
    const map = new Int32Array(list.length).fill(-1)
    const places = log.places
    for (let i = from; i < to; i++) {
      const p = source.places[i]!
      let q = map[p]!
      if (q < 0) q = map[p] = log.place(list[p]!.site, list[p]!.lot)
      places[base + i - from] = q
    }
  }
  for (let i = from; i < to; i++) log.setStep(base + i - from, source.stepOf(i))
  const shift = base - from
  const copy = <V>(map: Map<number, V> | null, width: number, into: () => Map<number, V>) => {
    if (map === null) return
    for (const [k, v] of map) if (k >= from * width && k < to * width) into().set(k + shift * width, v)
  }
  copy(source.wide, AMOUNTS, () => (log.wide ??= new Map()))
  copy(source.ids, 1, () => (log.ids ??= new Map()))
  copy(source.movements, 1, () => (log.movements ??= new Map()))
  copy(source.provisional, 1, () => (log.provisional ??= new Map()))
  copy(source.received, 1, () => (log.received ??= new Map()))
  log.length = base + n
}

/** Drops every entry of `log` from index `length` on. */
export const truncate = (log: EntryLog, length: number): void => {
  if (length >= log.length) return
  log.forgetSteps(length, log.length)
  const drop = <V>(map: Map<number, V> | null, width: number) => {
    if (map !== null) for (const k of [...map.keys()]) if (k >= length * width) map.delete(k)
  }
  drop(log.wide, AMOUNTS)
  drop(log.ids, 1)
  drop(log.movements, 1)
  drop(log.provisional, 1)
  drop(log.received, 1)
  log.length = length
}

/** Sums per site and lot of the entries whose step time is in [`from`, `to`) (null: unbounded). */
export const totalsByPlace = (log: EntryLog, from: number | null, to: number | null) => {
  const sums = new Map<number, { readonly quantity: Sum; readonly value: Sum; readonly cogs: Sum; readonly received: Sum }>()
  const begin = from === null ? 0 : firstFrom(log, { at: from, seq: -Infinity, id: "" })
  for (let i = begin; i < log.length; i++) {
    if (to !== null && log.times[i * 2]! >= to) break
    const place = log.places[i]!
    let row = sums.get(place)
    if (row === undefined) sums.set(place, row = { quantity: new Sum(), value: new Sum(), cogs: new Sum(), received: new Sum() })
    const k = i * AMOUNTS
    const code = log.codes[i]!
    const override = log.received?.get(i)
    const quantity = log.amount(k)
    const value = log.amount(k + 1)
    const cogs = log.amount(k + 2)
    row.quantity.addBig(quantity)
    row.value.addBig(value)
    row.cogs.addBig(cogs)
    if (override !== undefined) row.received.addBig(override)
    else if (code !== TRANSFER_OUT && code !== TRANSFER_IN) {
      row.received.addBig(value)
      row.received.addBig(cogs)
    }
  }
  return [...sums].map(([place, row]) => ({
    site: log.placeList[place]!.site,
    lot: log.placeList[place]!.lot,
    quantity: row.quantity.total(),
    value: row.value.total(),
    cogs: row.cogs.total(),
    received: row.received.total()
  }))
}

/** Entries in entry order merged into a log: `put` replaces the entry with its key, `remove` drops by id. */
export const merged = (log: EntryLog, put: ReadonlyArray<Entry>, remove: ReadonlySet<string> | null): EntryLog => {
  const out = new EntryLog(log.itemId, log.length + put.length)
  let k = 0
  let kept = 0
  const keep = (to: number) => {
    appendRange(out, log, kept, to)
    kept = to
  }
  for (let i = 0; i < log.length; i++) {
    let c = 1
    while (k < put.length && (c = -log.compareTo(i, put[k]!)) < 0) {
      keep(i)
      out.pushEntry(put[k++]!)
    }
    if (c === 0 || (remove !== null && remove.has(log.idOf(i)))) {
      keep(i)
      kept = i + 1
      if (c === 0) out.pushEntry(put[k++]!)
    }
  }
  keep(log.length)
  while (k < put.length) out.pushEntry(put[k++]!)
  return out
}

const ISSUE = KIND_CODE["issue"]
const SUPPLIER_RETURN = KIND_CODE["supplier-return"]
const TRUE_UP = KIND_CODE["true-up"]

/** What replacing a span of stored entries with a run's entries changed. Indices are into the run's log. */
export interface SpanChange {
  /** The run's entries that were written: changed or new, in entry order. */
  readonly written: Int32Array
  /** The new true-up entries. */
  readonly trueUps: ReadonlyArray<number>
  /** Stored entries that the run no longer produced. */
  readonly removed: number
  /** Change in COGS and value over the entries that existed before (new entries are not revaluations). */
  readonly cogs: bigint
  readonly value: bigint
  /** The position of the earliest stored entry that changed or went. */
  readonly earliest: Position | null
  /** The issue movements (issues, returns to supplier, true-ups) whose entries changed or went. */
  readonly issues: number
}

/**
 * Compares the stored entries `from`..`to` (exclusive) of `stored` with the whole of `fresh` (both in entry
 * order), pairing them by key in one walk.
 */
export const diffSpan = (stored: EntryLog, from: number, to: number, fresh: EntryLog): SpanChange => {
  // Indices in a typed array: tens of thousands may change, and an array of numbers that grows costs more.
  const written = new Int32Array(fresh.length)
  let writes = 0
  const trueUps: Array<number> = []
  const cogs = new Sum()
  const value = new Sum()
  let removed = 0
  let earliest: Position | null = null
  // An issue's own entries share its position, so they are adjacent: counting changes of id counts them. Ids
  // that can come apart (a true-up names the issue it trues up) are counted through a set, from the stored
  // entries noted as they change.
  const noted = new Int32Array(to - from)
  let count = 0
  let issues = 0
  let last: string | null = null
  let scattered = false
  const changed = (i: number) => {
    addAmounts(stored, i, -1, value, cogs)
    if (earliest === null) earliest = stored.positionAt(i)
    const code = stored.codes[i]!
    if (code !== ISSUE && code !== SUPPLIER_RETURN && code !== TRUE_UP) return
    const movement = stored.movementOf(i)
    if (movement === null) return
    noted[count++] = i
    if (code === TRUE_UP || movement !== stored.stepOf(i)) scattered = true
    if (movement !== last) {
      issues++
      last = movement
    }
  }
  const n = fresh.length
  for (let i = from, j = 0; i < to || j < n;) {
    if (i < to && j < n && sameAt(stored, i, fresh, j)) {
      i++
      j++
      continue
    }
    const c = i >= to ? 1 : j >= n ? -1 : compareAt(stored, i, fresh, j)
    if (c === 0) {
      written[writes++] = j
      changed(i)
      addAmounts(fresh, j, 1, value, cogs)
      i++
      j++
    } else if (c < 0) {
      removed++
      changed(i)
      i++
    } else {
      written[writes++] = j
      if (fresh.codes[j] === TRUE_UP) trueUps.push(j)
      j++
    }
  }
  if (scattered) issues = new Set(Array.from(noted.subarray(0, count), (i) => stored.movementOf(i))).size
  return { written: written.subarray(0, writes), trueUps, removed, cogs: cogs.total(), value: value.total(), earliest, issues }
}

/** `stored` with its entries `from`..`to` (exclusive) replaced by the whole of `fresh`, as a new log. */
export const spliced = (stored: EntryLog, from: number, to: number, fresh: EntryLog): EntryLog => {
  const out = new EntryLog(stored.itemId, Math.max(256, stored.length - (to - from) + fresh.length), stored)
  appendRange(out, stored, 0, from)
  appendRange(out, fresh, 0, fresh.length)
  appendRange(out, stored, to, stored.length)
  return out
}

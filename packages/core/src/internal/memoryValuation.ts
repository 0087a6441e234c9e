// The in-memory valuation store. An item's entries are kept as one `EntryLog` (columns, in entry order), so
// revaluing a long history replaces a span of columns (`replaceEntries`) instead of making and merging an object
// per entry; reads build the entry objects they return.
import { Effect } from "effect"
import type { ItemId, TenantId } from "../Ids.ts"
import { type Adjustment, defaultSettings, type DirtyMark, type MethodChange, type Period, type Settings, type Totals } from "../ValuationRecord.ts"
import { type Checkpoint, compare, type Entry, type Position } from "../ValuationState.ts"
import type { ValuationStore } from "../ValuationStore.ts"
import { orderEntries } from "./entryOrder.ts"
import { EntryLog } from "./entryLog.ts"
import { appendRange, diffSpan, firstAfter, firstFrom, merged, spliced, totalsByPlace, truncate } from "./entrySpan.ts"
import { type MemoryJournal, setUndoable } from "./memory.ts"

interface ItemEntries {
  log: EntryLog
}

interface TenantValuation {
  settings: Settings
  periods: ReadonlyArray<Period>
  readonly methods: Map<ItemId, ReadonlyArray<MethodChange>>
  readonly adjustments: Map<string, Adjustment>
  readonly dirty: Map<ItemId, DirtyMark>
  readonly heads: Map<ItemId, Checkpoint>
  readonly checkpoints: Map<ItemId, ReadonlyArray<Checkpoint>>
  readonly entries: Map<ItemId, ItemEntries>
}

export const makeMemory = (journal: MemoryJournal["Service"]): ValuationStore["Service"] => {
  const tenants = new Map<TenantId, TenantValuation>()
  const of = (tenantId: TenantId): TenantValuation => {
    let t = tenants.get(tenantId)
    if (t === undefined) {
      tenants.set(tenantId, t = { settings: defaultSettings(tenantId), periods: [], methods: new Map(), adjustments: new Map(), dirty: new Map(), heads: new Map(), checkpoints: new Map(), entries: new Map() })
    }
    return t
  }
  const replace = <K, V>(map: Map<K, V>, key: K, value: V) => setUndoable(journal, map, key, value)
  const sync = <A>(f: () => A) => journal.run(Effect.sync(f))
  const wanted = (ids: ReadonlyArray<ItemId> | null | undefined) => (ids === null || ids === undefined ? undefined : new Set<string>(ids))
  const entriesOf = (t: TenantValuation, itemId: ItemId): ItemEntries => {
    let list = t.entries.get(itemId)
    if (list === undefined) replace(t.entries, itemId, list = { log: new EntryLog(itemId) })
    return list
  }
  // Appends in place (undone by cutting back); anything else builds a new log (undone by putting the old back).
  const append = (log: EntryLog, add: (log: EntryLog) => void) => {
    const length = log.length
    add(log)
    journal.undo(() => truncate(log, length))
  }
  const swap = (list: ItemEntries, next: EntryLog) => {
    const previous = list.log
    list.log = next
    journal.undo(() => (list.log = previous))
  }
  return {
    getSettings: (tenantId) => sync(() => of(tenantId).settings),
    putSettings: (settings) =>
      sync(() => {
        const t = of(settings.tenantId)
        const previous = t.settings
        t.settings = settings
        journal.undo(() => (t.settings = previous))
      }),
    periods: (tenantId) => sync(() => of(tenantId).periods.slice()),
    addPeriod: (period) =>
      sync(() => {
        const t = of(period.tenantId)
        const previous = t.periods
        t.periods = [...previous, period].sort((a, b) => a.end.epochMilliseconds - b.end.epochMilliseconds)
        journal.undo(() => (t.periods = previous))
      }),
    methodChanges: (tenantId, itemIds) =>
      sync(() => {
        const t = of(tenantId)
        const ids = itemIds === null ? [...t.methods.keys()].sort() : [...itemIds].sort()
        return ids.flatMap((id) => t.methods.get(id) ?? [])
      }),
    addMethodChanges: (tenantId, changes) =>
      sync(() => {
        const t = of(tenantId)
        for (const c of changes) {
          const list = [...(t.methods.get(c.itemId) ?? []).filter((o) => o.id !== c.id), c]
          list.sort((a, b) => a.effectiveAt.epochMilliseconds - b.effectiveAt.epochMilliseconds || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          replace(t.methods, c.itemId, list)
        }
      }),
    adjustments: (tenantId, filter) =>
      sync(() => {
        const items = wanted(filter.itemIds)
        const ids = filter.ids === undefined ? undefined : new Set(filter.ids)
        const out: Array<Adjustment> = []
        for (const a of of(tenantId).adjustments.values()) {
          if ((items === undefined || items.has(a.itemId)) && (ids === undefined || ids.has(a.id))) out.push(a)
        }
        return out.sort((a, b) =>
          a.recordedAt.epochMilliseconds - b.recordedAt.epochMilliseconds || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0)
        )
      }),
    addAdjustments: (tenantId, adjustments) =>
      sync(() => {
        const t = of(tenantId)
        for (const a of adjustments) replace(t.adjustments, `${a.itemId}\u0000${a.id}`, a)
      }),
    markDirty: (tenantId, marks) =>
      sync(() => {
        const t = of(tenantId)
        for (const m of marks) {
          const old = t.dirty.get(m.itemId)
          replace(t.dirty, m.itemId, old === undefined ? m : {
            itemId: m.itemId,
            from: compare(m.from, old.from) < 0 ? m.from : old.from,
            through: compare(m.through, old.through) > 0 ? m.through : old.through
          })
        }
      }),
    dirty: (tenantId, itemIds) =>
      sync(() => {
        const t = of(tenantId)
        if (itemIds === null) return [...t.dirty.values()]
        return itemIds.flatMap((id) => t.dirty.get(id) ?? [])
      }),
    clearDirty: (tenantId, itemIds) =>
      sync(() => {
        const t = of(tenantId)
        for (const id of itemIds) {
          const old = t.dirty.get(id)
          if (old === undefined) continue
          t.dirty.delete(id)
          journal.undo(() => t.dirty.set(id, old))
        }
      }),
    heads: (tenantId, itemIds) =>
      sync(() => {
        const t = of(tenantId)
        if (itemIds === null) return new Map(t.heads)
        const out = new Map<ItemId, Checkpoint>()
        for (const id of itemIds) {
          const head = t.heads.get(id)
          if (head !== undefined) out.set(id, head)
        }
        return out
      }),
    putHeads: (tenantId, heads) =>
      sync(() => {
        const t = of(tenantId)
        for (const h of heads) replace(t.heads, h.itemId as ItemId, h)
      }),
    checkpointsBefore: (tenantId, requests) =>
      sync(() => {
        const t = of(tenantId)
        const out = new Map<ItemId, Checkpoint>()
        for (const r of requests) {
          const list = t.checkpoints.get(r.itemId) ?? []
          const i = firstNotBefore(list, r.before) - 1
          if (i >= 0) out.set(r.itemId, list[i]!)
        }
        return out
      }),
    checkpoints: (tenantId, itemId, after) =>
      sync(() => {
        const list = of(tenantId).checkpoints.get(itemId) ?? []
        return after === null ? list.slice() : list.filter((c) => compare(c.position, after) > 0)
      }),
    replaceCheckpoints: (tenantId, itemId, range, checkpoints) =>
      sync(() => {
        const t = of(tenantId)
        const inside = (p: Position) => (range.after === null || compare(p, range.after) > 0) && (range.before === null || compare(p, range.before) < 0)
        const next = (t.checkpoints.get(itemId) ?? []).filter((c) => !inside(c.position)).concat(checkpoints)
        next.sort((a, b) => compare(a.position, b.position))
        replace(t.checkpoints, itemId, next)
      }),
    entries: (tenantId, filter, page) =>
      sync(() => {
        const t = of(tenantId)
        const one = filter.itemId === undefined ? undefined : t.entries.get(filter.itemId)
        const sources = filter.itemId === undefined ? [...t.entries.values()].map((e) => e.log) : one === undefined ? [] : [one.log]
        const movements = filter.movementIds === undefined ? undefined : new Set(filter.movementIds)
        const kinds = filter.kinds === undefined ? undefined : new Set<string>(filter.kinds)
        const out: Array<Entry> = []
        for (const log of sources) {
          let i = filter.from === undefined ? 0 : firstFrom(log, filter.from)
          if (page.after !== undefined) i = Math.max(i, firstAfter(log, page.after, log.itemId > page.after.itemId ? -1 : 0))
          for (; i < log.length; i++) {
            if (filter.to !== undefined && log.atOf(i) >= filter.to) break
            if (movements !== undefined) {
              const m = log.movementOf(i)
              if (m === null || !movements.has(m)) continue
            }
            if (kinds !== undefined && !kinds.has(log.kindOf(i))) continue
            out.push(log.get(i))
            if (sources.length === 1 && out.length >= page.limit) break
          }
        }
        if (sources.length > 1) out.sort(orderEntries)
        return out.length > page.limit ? out.slice(0, page.limit) : out
      }),
    writeEntries: (tenantId, put, remove) =>
      sync(() => {
        const t = of(tenantId)
        const byItem = new Map<ItemId, { put: Array<Entry>; remove: Set<string> | null }>()
        const group = (itemId: string) => {
          let g = byItem.get(itemId as ItemId)
          if (g === undefined) byItem.set(itemId as ItemId, g = { put: [], remove: null })
          return g
        }
        for (const e of put) group(e.itemId).put.push(e)
        for (const r of remove) (group(r.itemId).remove ??= new Set()).add(r.id)
        for (const [itemId, g] of byItem) {
          const list = entriesOf(t, itemId)
          const fresh = g.put
          for (let i = 1; i < fresh.length; i++) {
            if (orderEntries(fresh[i - 1]!, fresh[i]!) > 0) {
              fresh.sort(orderEntries)
              break
            }
          }
          const log = list.log
          // Every new entry after the last: none can replace another (an entry's id fixes its position).
          if (g.remove === null && (log.length === 0 || fresh.length === 0 || log.compareTo(log.length - 1, fresh[0]!) < 0)) {
            append(log, (l) => {
              for (const e of fresh) l.pushEntry(e)
            })
          } else swap(list, merged(log, fresh, g.remove))
        }
      }),
    replaceEntries: (tenantId, itemId, span, fresh) =>
      sync(() => {
        const list = entriesOf(of(tenantId), itemId)
        const log = list.log
        const from = firstFrom(log, span.from)
        const to = span.through === null ? log.length : firstFrom(log, span.through, true)
        const change = diffSpan(log, from, to, fresh)
        if (change.written.length === 0 && change.removed === 0) return change
        // The run replaced everything (a first valuation, a change before the first checkpoint): its log is the
        // item's log from now on.
        if (from === 0 && to === log.length) swap(list, fresh)
        else if (from === log.length) append(log, (l) => appendRange(l, fresh, 0, fresh.length))
        else swap(list, spliced(log, from, to, fresh))
        return change
      }),
    totals: (tenantId, filter) =>
      sync(() => {
        const t = of(tenantId)
        const items = wanted(filter.itemIds)
        const out: Array<Totals> = []
        for (const [itemId, list] of t.entries) {
          if (items !== undefined && !items.has(itemId)) continue
          for (const row of totalsByPlace(list.log, filter.from ?? null, filter.to ?? null)) out.push({ itemId, ...row })
        }
        return out
      })
  }
}

const firstNotBefore = (list: ReadonlyArray<Checkpoint>, p: Position): number => {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compare(list[mid]!.position, p) < 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

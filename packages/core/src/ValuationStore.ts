/**
 * The valuation's storage port, with an in-memory layer.
 *
 * It keeps each item's valuation: the head (state after the last valued step), checkpoints along the way, and
 * the entries (what every step did to quantity, value, cost of goods sold and cost received). Beside them: the
 * tenant's settings and lock date, closed periods, method schedules, cost adjustments, and dirty marks (the
 * ledger marks an item when a posting lands, with the span of positions it touched).
 *
 * Every method is a batch over one tenant and maps to a few set-based statements; every SQL key starts with
 * `tenant_id`. Positions order by `(at, seq, id)` and entries by `(at, seq, step, id, item_id)`, text compared
 * by code point (`COLLATE "C"`). All rules live in `Valuations`; a store persists, locks and looks up.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import type { ItemId, TenantId } from "./Ids.ts"
import { MemoryJournal, setUndoable } from "./internal/memory.ts"
import type { StoreError } from "./StoreError.ts"
import { type Adjustment, defaultSettings, type DirtyMark, type MethodChange, type Period, type Settings, type Totals } from "./ValuationRecord.ts"
import { type Checkpoint, compare, type Entry, type EntryKind, type Position } from "./ValuationState.ts"

/**
 * Which entries to read. `from` is inclusive (a step position), `to` exclusive (epoch milliseconds).
 *
 * @since 0.1.0
 */
export interface EntryFilter {
  readonly itemId?: ItemId
  readonly movementIds?: ReadonlyArray<string>
  readonly kinds?: ReadonlyArray<EntryKind>
  readonly from?: Position
  readonly to?: number
}

/**
 * Where an entry sits in entry order: its step's position, its id, its item.
 *
 * @since 0.1.0
 */
export type EntryKey = Pick<Entry, "at" | "seq" | "step" | "id" | "itemId">

/**
 * A page of entries: those after the cursor (the key of the previous page's last entry), at most `limit`.
 *
 * @since 0.1.0
 */
export interface EntryPage {
  readonly after?: EntryKey
  readonly limit: number
}

/** Orders entries: position, then entry id, then item. @since 0.1.0 */
export const compareEntries = (a: EntryKey, b: EntryKey): number =>
  a.at !== b.at ? a.at - b.at : a.seq !== b.seq ? a.seq - b.seq : a.step !== b.step ? (a.step < b.step ? -1 : 1) : a.id !== b.id ? (a.id < b.id ? -1 : 1) : a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0

/**
 * Persists valuation state, entries and records.
 *
 * @since 0.1.0
 */
export class ValuationStore extends Context.Service<ValuationStore, {
  /**
   * The tenant's settings (defaults when none are stored). `lock: "share"` holds them against a concurrent
   * period close until the unit of work ends (SQL: `FOR SHARE`); `"update"` holds them exclusively
   * (`FOR UPDATE`), so closes and refreshes of one tenant run one at a time.
   */
  readonly getSettings: (tenantId: TenantId, lock: "none" | "share" | "update") => Effect.Effect<Settings, StoreError>
  /** Inserts or replaces the tenant's settings. */
  readonly putSettings: (settings: Settings) => Effect.Effect<void, StoreError>
  /** Closed periods, oldest first. */
  readonly periods: (tenantId: TenantId) => Effect.Effect<ReadonlyArray<Period>, StoreError>
  readonly addPeriod: (period: Period) => Effect.Effect<void, StoreError>
  /** Method schedules of the items (all items when null), ordered by item, `effectiveAt`, id. */
  readonly methodChanges: (tenantId: TenantId, itemIds: ReadonlyArray<ItemId> | null) => Effect.Effect<ReadonlyArray<MethodChange>, StoreError>
  readonly addMethodChanges: (tenantId: TenantId, changes: ReadonlyArray<MethodChange>) => Effect.Effect<void, StoreError>
  /** Adjustments of the given items and/or with the given ids, ordered by `recordedAt`, id, item. */
  readonly adjustments: (
    tenantId: TenantId,
    filter: { readonly itemIds?: ReadonlyArray<ItemId>; readonly ids?: ReadonlyArray<string> }
  ) => Effect.Effect<ReadonlyArray<Adjustment>, StoreError>
  readonly addAdjustments: (tenantId: TenantId, adjustments: ReadonlyArray<Adjustment>) => Effect.Effect<void, StoreError>
  /** Widens each item's mark to cover `from`..`through` (least `from`, greatest `through`), creating it if needed. */
  readonly markDirty: (tenantId: TenantId, marks: ReadonlyArray<DirtyMark>) => Effect.Effect<void, StoreError>
  /** Marks of the items (all when null). */
  readonly dirty: (tenantId: TenantId, itemIds: ReadonlyArray<ItemId> | null) => Effect.Effect<ReadonlyArray<DirtyMark>, StoreError>
  readonly clearDirty: (tenantId: TenantId, itemIds: ReadonlyArray<ItemId>) => Effect.Effect<void, StoreError>
  /** The heads of the items (all valued items when null). */
  readonly heads: (tenantId: TenantId, itemIds: ReadonlyArray<ItemId> | null) => Effect.Effect<ReadonlyMap<ItemId, Checkpoint>, StoreError>
  /** Inserts or replaces heads, one per item. */
  readonly putHeads: (tenantId: TenantId, heads: ReadonlyArray<Checkpoint>) => Effect.Effect<void, StoreError>
  /** For each request, the item's latest checkpoint positioned strictly before `before`, if any. */
  readonly checkpointsBefore: (
    tenantId: TenantId,
    requests: ReadonlyArray<{ readonly itemId: ItemId; readonly before: Position }>
  ) => Effect.Effect<ReadonlyMap<ItemId, Checkpoint>, StoreError>
  /** An item's checkpoints positioned strictly after `after` (all when null), in position order. */
  readonly checkpoints: (tenantId: TenantId, itemId: ItemId, after: Position | null) => Effect.Effect<ReadonlyArray<Checkpoint>, StoreError>
  /** Deletes an item's checkpoints strictly between `after` and `before` (null: unbounded), then inserts `checkpoints`. */
  readonly replaceCheckpoints: (
    tenantId: TenantId,
    itemId: ItemId,
    range: { readonly after: Position | null; readonly before: Position | null },
    checkpoints: ReadonlyArray<Checkpoint>
  ) => Effect.Effect<void, StoreError>
  /** Entries matching the filter, in entry order, a page at a time. */
  readonly entries: (tenantId: TenantId, filter: EntryFilter, page: EntryPage) => Effect.Effect<ReadonlyArray<Entry>, StoreError>
  /** Inserts or replaces `put` (keyed by item and id) and deletes `remove`. */
  readonly writeEntries: (
    tenantId: TenantId,
    put: ReadonlyArray<Entry>,
    remove: ReadonlyArray<{ readonly itemId: string; readonly id: string }>
  ) => Effect.Effect<void, StoreError>
  /** Entry sums per item, site and lot, over entries effective in [`from`, `to`) (epoch milliseconds). */
  readonly totals: (
    tenantId: TenantId,
    filter: { readonly itemIds?: ReadonlyArray<ItemId>; readonly from?: number; readonly to?: number }
  ) => Effect.Effect<ReadonlyArray<Totals>, StoreError>
}>()("@quartermaster/core/ValuationStore") {
  /**
   * The in-memory valuation store. Needs the journal that `UnitOfWork.layerMemory` provides.
   *
   * @since 0.1.0
   */
  static readonly layerMemory: Layer.Layer<ValuationStore, never, MemoryJournal> = Layer.effect(
    ValuationStore,
    Effect.gen(function*() {
      const journal = yield* MemoryJournal
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
      return ValuationStore.of({
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
            const sources = filter.itemId === undefined ? [...t.entries.values()].map((e) => e.sorted) : [t.entries.get(filter.itemId)?.sorted ?? []]
            const movements = filter.movementIds === undefined ? undefined : new Set(filter.movementIds)
            const kinds = filter.kinds === undefined ? undefined : new Set<string>(filter.kinds)
            const out: Array<Entry> = []
            for (const list of sources) {
              let i = filter.from === undefined ? 0 : firstEntryNotBefore(list, filter.from)
              if (page.after !== undefined) i = Math.max(i, firstEntryAfter(list, page.after))
              for (; i < list.length; i++) {
                const e = list[i]!
                if (filter.to !== undefined && e.at >= filter.to) break
                if (movements !== undefined && (e.movementId === null || !movements.has(e.movementId))) continue
                if (kinds !== undefined && !kinds.has(e.kind)) continue
                out.push(e)
                if (sources.length === 1 && out.length >= page.limit) break
              }
            }
            if (sources.length > 1) out.sort(compareEntries)
            return out.length > page.limit ? out.slice(0, page.limit) : out
          }),
        writeEntries: (tenantId, put, remove) =>
          sync(() => {
            const t = of(tenantId)
            const byItem = new Map<string, { put: Array<Entry>; remove: Array<string> }>()
            const group = (itemId: string) => {
              let g = byItem.get(itemId)
              if (g === undefined) byItem.set(itemId, g = { put: [], remove: [] })
              return g
            }
            for (const e of put) group(e.itemId).put.push(e)
            for (const r of remove) group(r.itemId).remove.push(r.id)
            for (const [itemId, g] of byItem) {
              let list = t.entries.get(itemId as ItemId)
              if (list === undefined) replace(t.entries, itemId as ItemId, list = { sorted: [] })
              merge(journal, list, g.put, g.remove)
            }
          }),
        totals: (tenantId, filter) =>
          sync(() => {
            const t = of(tenantId)
            const items = wanted(filter.itemIds)
            const sums = new Map<string, { -readonly [K in keyof Totals]: Totals[K] }>()
            for (const [itemId, list] of t.entries) {
              if (items !== undefined && !items.has(itemId)) continue
              for (const e of list.sorted) {
                if (filter.from !== undefined && e.at < filter.from) continue
                if (filter.to !== undefined && e.at >= filter.to) break
                const key = `${itemId}\u0000${e.site}\u0000${e.lot ?? ""}`
                let row = sums.get(key)
                if (row === undefined) sums.set(key, row = { itemId, site: e.site, lot: e.lot, quantity: 0n, value: 0n, cogs: 0n, received: 0n })
                row.quantity += e.quantity
                row.value += e.value
                row.cogs += e.cogs
                row.received += e.received
              }
            }
            return [...sums.values()]
          })
      })
    })
  )
}

interface ItemEntries {
  sorted: Array<Entry>
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

// Appends (every new entry after the last, so none can replace another: an entry's id fixes its position) push
// in place; anything else merges the survivors with the sorted new entries into a new list in one walk, a new
// entry replacing the old one with its key. Either way the journal can undo it.
const merge = (journal: MemoryJournal["Service"], list: ItemEntries, put: ReadonlyArray<Entry>, remove: ReadonlyArray<string>): void => {
  let fresh = put
  for (let i = 1; i < put.length; i++) {
    if (compareEntries(put[i - 1]!, put[i]!) > 0) {
      fresh = put.slice().sort(compareEntries)
      break
    }
  }
  const sorted = list.sorted
  const last = sorted[sorted.length - 1]
  if (remove.length === 0 && (last === undefined || fresh.length === 0 || compareEntries(fresh[0]!, last) > 0)) {
    const length = sorted.length
    for (const e of fresh) sorted.push(e)
    journal.undo(() => {
      list.sorted.length = length
    })
    return
  }
  const gone = remove.length === 0 ? null : new Set<string>(remove)
  // What sorts before the first new entry stays, unless removed.
  const start = gone === null && fresh.length > 0 ? firstEntryAfter(sorted, fresh[0]!, -1) : 0
  const out = sorted.slice(0, start)
  let k = 0
  for (let i = start; i < sorted.length; i++) {
    const e = sorted[i]!
    let c = 1
    while (k < fresh.length && (c = compareEntries(fresh[k]!, e)) < 0) out.push(fresh[k++]!)
    if (c === 0) out.push(fresh[k++]!)
    else if (gone === null || !gone.has(e.id)) out.push(e)
  }
  while (k < fresh.length) out.push(fresh[k++]!)
  list.sorted = out
  journal.undo(() => {
    list.sorted = sorted
  })
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

const firstEntryNotBefore = (list: ReadonlyArray<Entry>, p: Position): number => {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const e = list[mid]!
    if (compare({ at: e.at, seq: e.seq, id: e.step }, p) < 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The first index whose entry sorts after `after` (with `bound` -1: at or after it). */
const firstEntryAfter = (list: ReadonlyArray<Entry>, after: EntryKey, bound: 0 | -1 = 0): number => {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compareEntries(list[mid]!, after) <= bound) lo = mid + 1
    else hi = mid
  }
  return lo
}

// Revalues dirty items against the stores: for each, start from its head (when everything new comes after it)
// or from the latest checkpoint before the earliest new step, read only the steps after that start, run the
// engine, and write back only the entries that changed, the checkpoints of the span it ran and the new head.
// It stops where it reproduces an earlier checkpoint past the last new step: nothing after it changed.
import { DateTime, Effect, Result } from "effect"
import { CatalogStore } from "../CatalogStore.ts"
import type { ItemId, TenantId } from "../Ids.ts"
import type { Item } from "../Item.ts"
import { LedgerStore } from "../LedgerStore.ts"
import type { StoreError } from "../StoreError.ts"
import * as Valuation from "../Valuation.ts"
import type { EngineError, InvalidValuation, MissingUnitCost } from "../ValuationError.ts"
import type { Adjustment, DirtyMark, MethodChange, Period, Settings } from "../ValuationRecord.ts"
import {
  type Checkpoint,
  compare,
  type Entry,
  initial,
  METHOD_SEQ,
  type Position,
  positionOf,
  sameEntry
} from "../ValuationState.ts"
import { compareEntries, ValuationStore } from "../ValuationStore.ts"
import type { EntryLog } from "./entryLog.ts"
import type { SpanChange } from "./entrySpan.ts"
import { Sum } from "./sum.ts"
import { stepsAfter } from "./itemSteps.ts"
import * as Engine from "./run.ts"

/** What revaluing one item changed. Deltas are over entries that existed before (new steps are not revaluations). */
export interface ItemChange {
  readonly item: Item
  readonly from: Position | null
  readonly issues: number
  readonly cogs: bigint
  readonly value: bigint
  /** True-up entries that are new. */
  readonly trueUps: ReadonlyArray<Entry>
  /** The entries written (new or changed): how many, and those of one step. */
  readonly written: { readonly length: number; readonly forStep: (step: string) => ReadonlyArray<Entry> }
}

export type RevalueError = EngineError | MissingUnitCost | InvalidValuation | StoreError

export type Env = ValuationStore | LedgerStore | CatalogStore

const PAGE = 50_000
const EPOCH = DateTime.makeUnsafe(0)

export const configOf = (item: Item, settings: Settings): Valuation.Config => ({
  itemId: item.id,
  decimals: item.baseUnit.decimals,
  currencyScale: settings.currencyScale,
  scope: settings.scope,
  checkpointEvery: 1000
})

/** The initial method change of an item: the method it is valued by from the start. */
export const initialChange = (item: Item, actorId: MethodChange["actorId"], at: DateTime.Utc): MethodChange => ({
  tenantId: item.tenantId,
  itemId: item.id,
  id: "initial",
  effectiveAt: EPOCH,
  method: item.valuationMethod,
  recordedAt: at,
  actorId
})

/**
 * Revalues the dirty items among `itemIds` (every dirty item when null). `periods` are the closed periods,
 * including one being closed.
 */
export const revalue = (
  tenantId: TenantId,
  settings: Settings,
  periods: ReadonlyArray<Period>,
  itemIds: ReadonlyArray<ItemId> | null,
  actorId: MethodChange["actorId"],
  now: DateTime.Utc
): Effect.Effect<Array<ItemChange>, RevalueError, Env> =>
  Effect.gen(function*() {
    const store = yield* ValuationStore
    const ledger = yield* LedgerStore
    const catalog = yield* CatalogStore
    const first = yield* store.dirty(tenantId, itemIds)
    if (first.length === 0) return []
    const ids = [...new Set(first.map((m) => m.itemId))].sort()
    // Posts lock their items too: once these locks are held, no mark of these items can change under us.
    yield* ledger.lockItems(tenantId, ids)
    const marks = new Map<ItemId, DirtyMark>((yield* store.dirty(tenantId, ids)).map((m) => [m.itemId, m]))
    const items = yield* catalog.getItems(tenantId, ids)
    const sites = Valuation.sites(yield* catalog.listLocations(tenantId))
    const schedules = new Map<ItemId, Array<MethodChange>>()
    for (const c of yield* store.methodChanges(tenantId, ids)) {
      const list = schedules.get(c.itemId)
      if (list === undefined) schedules.set(c.itemId, [c])
      else list.push(c)
    }
    const adjustments = new Map<ItemId, Array<Adjustment>>()
    for (const a of yield* store.adjustments(tenantId, { itemIds: ids })) {
      const list = adjustments.get(a.itemId)
      if (list === undefined) adjustments.set(a.itemId, [a])
      else list.push(a)
    }
    // The catalog's method is the truth for new items; a change made there directly takes effect when it was
    // made (or at the lock date, if that is later).
    const added: Array<MethodChange> = []
    for (const id of ids) {
      const item = items.get(id)
      if (item === undefined) continue
      let schedule = schedules.get(id)
      if (schedule === undefined) schedules.set(id, schedule = [])
      if (schedule.length === 0) {
        const change = initialChange(item, actorId, now)
        schedule.push(change)
        added.push(change)
      } else if (schedule[schedule.length - 1]!.method !== item.valuationMethod) {
        const lock = settings.lockDate === null ? 0 : settings.lockDate.epochMilliseconds
        const at = DateTime.makeUnsafe(Math.max(item.updatedAt.epochMilliseconds, lock))
        const change: MethodChange = { tenantId, itemId: id, id: `catalog-v${item.version}`, effectiveAt: at, method: item.valuationMethod, recordedAt: now, actorId }
        schedule.push(change)
        added.push(change)
        const p: Position = { at: at.epochMilliseconds, seq: METHOD_SEQ, id: change.id }
        const m = marks.get(id)!
        marks.set(id, { itemId: id, from: compare(p, m.from) < 0 ? p : m.from, through: compare(p, m.through) > 0 ? p : m.through })
      }
    }
    if (added.length > 0) yield* store.addMethodChanges(tenantId, added)

    const heads = yield* store.heads(tenantId, ids)
    const starts = new Map<ItemId, Checkpoint | null>()
    const backdated: Array<{ readonly itemId: ItemId; readonly before: Position }> = []
    for (const id of ids) {
      const head = heads.get(id)
      const mark = marks.get(id)!
      if (head !== undefined && compare(mark.from, head.position) > 0) starts.set(id, head)
      else backdated.push({ itemId: id, before: mark.from })
    }
    const found = backdated.length === 0 ? new Map<ItemId, Checkpoint>() : yield* store.checkpointsBefore(tenantId, backdated)
    for (const b of backdated) starts.set(b.itemId, found.get(b.itemId) ?? null)

    const out: Array<ItemChange> = []
    for (const id of ids) {
      const item = items.get(id)
      if (item === undefined) continue
      const change = yield* revalueItem(tenantId, item, settings, periods, marks.get(id)!, starts.get(id) ?? null, schedules.get(id)!, adjustments.get(id) ?? [], sites)
      out.push(change)
    }
    yield* store.clearDirty(tenantId, ids)
    return out
  })

const revalueItem = (
  tenantId: TenantId,
  item: Item,
  settings: Settings,
  periods: ReadonlyArray<Period>,
  mark: DirtyMark,
  start: Checkpoint | null,
  schedule: ReadonlyArray<MethodChange>,
  adjustments: ReadonlyArray<Adjustment>,
  sites: ReadonlyMap<string, Valuation.Site>
): Effect.Effect<ItemChange, RevalueError, Env> =>
  Effect.gen(function*() {
    const store = yield* ValuationStore
    const config = configOf(item, settings)
    const after = start?.position ?? null
    const steps = yield* stepsAfter(tenantId, item, config, periods, schedule, adjustments, sites, after, null)

    const previous = yield* store.checkpoints(tenantId, item.id, after)
    const state = start?.state ?? initial(schedule[0]!.method)
    const run = Engine.run(config, state, steps, { previous, through: mark.through })
    if (Result.isFailure(run)) return yield* run.failure
    const { converged, from } = run.success

    const log = run.success.entries
    // A store that keeps entries in columns compares and replaces the span itself; others get the entries this
    // run replaces and write back what changed.
    const replaced = store.replaceEntries !== undefined && from !== null && log.ordered()
      ? spanChange(log, yield* store.replaceEntries(tenantId, item.id, { from, through: converged }, log))
      : yield* rewrite(tenantId, item.id, from, converged, log)
    yield* store.replaceCheckpoints(tenantId, item.id, { after, before: converged }, run.success.checkpoints)
    const head = run.success.state
    if (converged === null && head.position !== null) yield* store.putHeads(tenantId, [{ itemId: item.id, position: head.position, state: head }])
    return { item, ...replaced }
  })

type Replaced = Omit<ItemChange, "item">

const spanChange = (log: EntryLog, change: SpanChange): Replaced => ({
  from: change.earliest,
  issues: change.issues,
  cogs: change.cogs,
  value: change.value,
  trueUps: change.trueUps.map((j) => log.get(j)),
  written: {
    length: change.written.length,
    forStep: (step) => {
      const out: Array<Entry> = []
      for (const j of change.written) if (log.stepOf(j) === step) out.push(log.get(j))
      return out
    }
  }
})

// The entries a run replaces: from where it began producing them up to where it converged. Both lists are in
// entry order, so one walk pairs them; only what differs is written.
const rewrite = (
  tenantId: TenantId,
  itemId: ItemId,
  from: Position | null,
  converged: Position | null,
  log: EntryLog
): Effect.Effect<Replaced, StoreError, ValuationStore> =>
  Effect.gen(function*() {
    const store = yield* ValuationStore
    const old: Array<Entry> = []
    if (from !== null) {
      for (let cursor: Entry | undefined; ;) {
        const page = yield* store.entries(tenantId, { itemId, from }, { limit: PAGE, ...(cursor === undefined ? {} : { after: cursor }) })
        let done = page.length < PAGE
        for (const e of page) {
          if (converged !== null && compare(positionOf(e), converged) > 0) {
            done = true
            break
          }
          old.push(e)
        }
        if (done) break
        cursor = page[page.length - 1]
      }
    }
    const fresh = log.ordered() ? null : log.toArray().sort(compareEntries)
    const freshLength = log.length
    const put: Array<Entry> = []
    const remove: Array<{ readonly itemId: string; readonly id: string }> = []
    const trueUps: Array<Entry> = []
    // Tens of thousands of entries may change: sum in numbers while exact, and skip repeats of the last issue.
    const cogs = new Sum()
    const value = new Sum()
    let earliest: Position | null = null
    const changedIssues = new Set<string>()
    let lastIssue: string | null = null
    const changed = (o: Entry, e: Entry | undefined) => {
      if (e !== undefined) {
        cogs.addBig(e.cogs)
        value.addBig(e.value)
      }
      cogs.subtractBig(o.cogs)
      value.subtractBig(o.value)
      if (earliest === null) earliest = positionOf(o)
      if ((o.kind === "issue" || o.kind === "supplier-return" || o.kind === "true-up") && o.movementId !== null && o.movementId !== lastIssue) {
        changedIssues.add(o.movementId)
        lastIssue = o.movementId
      }
    }
    for (let i = 0, j = 0; i < old.length || j < freshLength;) {
      const o = old[i]
      // Most entries are unchanged: an equal entry needs no ordering.
      if (fresh === null && o !== undefined && j < freshLength && log.equals(j, o)) {
        i++
        j++
        continue
      }
      const c = o === undefined ? 1 : j >= freshLength ? -1 : fresh === null ? -log.compareTo(j, o) : compareEntries(o, fresh[j]!)
      if (c === 0) {
        if (fresh === null || !sameEntry(o!, fresh[j]!)) {
          const e = fresh === null ? log.get(j) : fresh[j]!
          put.push(e)
          changed(o!, e)
        }
        i++
        j++
      } else if (c < 0) {
        remove.push({ itemId: o!.itemId, id: o!.id })
        changed(o!, undefined)
        i++
      } else {
        const e = fresh === null ? log.get(j) : fresh[j]!
        put.push(e)
        if (e.kind === "true-up") trueUps.push(e)
        j++
      }
    }
    if (put.length > 0 || remove.length > 0) yield* store.writeEntries(tenantId, put, remove)
    return {
      from: earliest,
      issues: changedIssues.size,
      cogs: cogs.total(),
      value: value.total(),
      trueUps,
      written: { length: put.length, forStep: (step) => put.filter((e) => e.step === step) }
    }
  })

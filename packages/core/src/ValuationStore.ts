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
import { orderEntries } from "./internal/entryOrder.ts"
import type { EntryLog } from "./internal/entryLog.ts"
import type { SpanChange } from "./internal/entrySpan.ts"
import { MemoryJournal } from "./internal/memory.ts"
import { makeMemory } from "./internal/memoryValuation.ts"
import type { StoreError } from "./StoreError.ts"
import { type Adjustment, type DirtyMark, type MethodChange, type Period, type Settings, type Totals } from "./ValuationRecord.ts"
import { type Checkpoint, type Entry, type EntryKind, type Position } from "./ValuationState.ts"

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
export const compareEntries: (a: EntryKey, b: EntryKey) => number = orderEntries

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
  /**
   * Optional, for a store that keeps an item's entries in the engine's column form (the in-memory store):
   * replaces the item's entries positioned in `span` (`from` inclusive; through `through` inclusive, or to the
   * end when null) with `fresh`, a run's entries in entry order, writing only what differs, and says what changed.
   * A store without it gets `entries` and `writeEntries`, to the same effect. Not part of the documented port:
   * adapters need not implement it.
   *
   * @internal
   */
  readonly replaceEntries?: (
    tenantId: TenantId,
    itemId: ItemId,
    span: { readonly from: Position; readonly through: Position | null },
    fresh: EntryLog
  ) => Effect.Effect<SpanChange, StoreError>
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
    Effect.map(Effect.service(MemoryJournal), (journal) => ValuationStore.of(makeMemory(journal)))
  )
}

/**
 * The stock ledger's storage port, with an in-memory layer.
 *
 * Movements are append-only. Balances per (item, location, lot) are maintained in the same unit of work as
 * the movements, so reading one is O(1). Serial positions and lots are kept beside them. All rules live in
 * {@link StockLedger}; a store persists, locks and looks up.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer } from "effect"
import type { ItemId, LocationId, MovementId, TenantId } from "./Ids.ts"
import { MemoryJournal } from "./internal/memory.ts"
import { cellOf, record, type TenantLedger, toBigInt } from "./internal/memoryLedger.ts"
import type { Lot } from "./Lot.ts"
import type { Movement } from "./Movement.ts"
import type { StoreError } from "./StoreError.ts"

/**
 * A balance row: the quantity of an item (and lot) at a location, in smallest base units.
 *
 * @since 0.1.0
 */
export interface Balance {
  readonly itemId: ItemId
  readonly locationId: LocationId
  readonly lot: string | null
  readonly quantity: bigint
}

/** The key of a balance row. @since 0.1.0 */
export type BalanceKey = Omit<Balance, "quantity">

/** A balance key as one string, for maps. @since 0.1.0 */
export const keyOf = (k: BalanceKey): string => `${k.itemId}\u0000${k.locationId}\u0000${k.lot ?? ""}`

/** Where a serial is: a stock-holding location, or nowhere once it left stock. @since 0.1.0 */
export interface SerialPosition {
  readonly itemId: ItemId
  readonly serial: string
  readonly locationId: LocationId | null
}

/**
 * Everything one posting writes.
 *
 * @since 0.1.0
 */
export interface Posting {
  readonly movements: ReadonlyArray<Movement>
  readonly deltas: ReadonlyArray<BalanceKey & { readonly delta: bigint }>
  readonly serials: ReadonlyArray<SerialPosition>
  readonly lots: ReadonlyArray<Lot>
}

/**
 * Filters for movement history. `locationIds` matches either side of a movement.
 *
 * @since 0.1.0
 */
export interface MovementFilter {
  readonly itemId?: ItemId
  readonly locationIds?: ReadonlyArray<LocationId>
  readonly lot?: string
  readonly reference?: string
  readonly effectiveFrom?: DateTime.Utc
  readonly effectiveTo?: DateTime.Utc
}

/**
 * What {@link LedgerStore} `level` reads: an item, optionally within a location's subtree and for one lot,
 * with reservations counted as of `now`.
 *
 * @since 0.1.0
 */
export interface LevelQuery {
  readonly itemId: ItemId
  readonly locationId?: LocationId
  readonly lot?: string
  readonly now: DateTime.Utc
}

/**
 * The result of a level read, in base units, by `StockQuery.level`'s rules: `onHand` sums the item's balances at
 * `internal` locations in the scope; `reserved` sums `quantity - fulfilled` of its open reservations unexpired at
 * `now` (those placed within the subtree when a location is given; none for a lot); `nextExpiry` is the earliest
 * expiry among those reservations. `decimals` is `null` for an unknown item, and `locationFound` is false when
 * the location is unknown.
 *
 * @since 0.1.0
 */
export interface LevelRead {
  readonly decimals: number | null
  readonly locationFound: boolean
  readonly onHand: bigint
  readonly reserved: bigint
  readonly nextExpiry: DateTime.Utc | null
}

/**
 * Filters for balances. `locationIds` restricts to those locations (a subtree, for roll-ups).
 *
 * @since 0.1.0
 */
export interface BalanceFilter {
  readonly itemId?: ItemId
  readonly locationIds?: ReadonlyArray<LocationId>
  readonly lot?: string
}

/**
 * Persists movements, balances, serial positions and lots.
 *
 * @since 0.1.0
 */
export class LedgerStore extends Context.Service<LedgerStore, {
  /** Locks items for the rest of the unit of work, in the given (sorted) order, so posts never deadlock. */
  readonly lockItems: (tenantId: TenantId, itemIds: ReadonlyArray<ItemId>) => Effect.Effect<void, StoreError>
  readonly getMovements: (
    tenantId: TenantId,
    ids: ReadonlyArray<MovementId>
  ) => Effect.Effect<ReadonlyMap<MovementId, Movement>, StoreError>
  /** Current quantities for the keys (missing keys are zero), keyed by {@link keyOf}. */
  readonly getBalances: (
    tenantId: TenantId,
    keys: ReadonlyArray<BalanceKey>
  ) => Effect.Effect<ReadonlyMap<string, bigint>, StoreError>
  /**
   * Optional: the same quantities as `getBalances`, in the order of the keys, without a string key per row.
   * Posting uses it when present.
   */
  readonly quantities?: (
    tenantId: TenantId,
    keys: ReadonlyArray<BalanceKey>
  ) => Effect.Effect<ReadonlyArray<bigint>, StoreError>
  readonly getSerials: (
    tenantId: TenantId,
    itemId: ItemId,
    serials: ReadonlyArray<string>
  ) => Effect.Effect<ReadonlyMap<string, LocationId>, StoreError>
  readonly getLots: (
    tenantId: TenantId,
    itemId: ItemId,
    codes: ReadonlyArray<string>
  ) => Effect.Effect<ReadonlyMap<string, Lot>, StoreError>
  /** Appends the movements (assigning `seq`), applies the balance deltas, serial positions and new lots. */
  readonly record: (tenantId: TenantId, posting: Posting) => Effect.Effect<ReadonlyArray<Movement>, StoreError>
  /** Non-zero balance rows matching the filter. */
  readonly balances: (tenantId: TenantId, filter: BalanceFilter) => Effect.Effect<ReadonlyArray<Balance>, StoreError>
  /**
   * Optional: an item's stock level in one read, across the item, balance, location and reservation rows of a
   * store that holds them all (see {@link LevelQuery}). `StockQuery.level` uses it when present and otherwise
   * reads the item, the balances, their locations and the reservations through their ports.
   */
  readonly level?: (tenantId: TenantId, query: LevelQuery) => Effect.Effect<LevelRead, StoreError>
  /** Non-zero balances of one item as of an effective time, from the movements. */
  readonly balancesAsOf: (
    tenantId: TenantId,
    filter: BalanceFilter & { readonly itemId: ItemId; readonly at: DateTime.Utc }
  ) => Effect.Effect<ReadonlyArray<Balance>, StoreError>
  /** Movements in recording order with `seq > afterSeq`. */
  readonly movements: (
    tenantId: TenantId,
    filter: MovementFilter,
    page: { readonly afterSeq?: number; readonly limit: number }
  ) => Effect.Effect<ReadonlyArray<Movement>, StoreError>
  /** Serials in stock, optionally of one item or with one serial number. */
  readonly serials: (
    tenantId: TenantId,
    filter: { readonly itemId?: ItemId; readonly serial?: string }
  ) => Effect.Effect<ReadonlyArray<SerialPosition>, StoreError>
  readonly lots: (tenantId: TenantId, filter: { readonly itemId?: ItemId; readonly code?: string }) => Effect.Effect<ReadonlyArray<Lot>, StoreError>
}>()("@quartermaster/core/LedgerStore") {
  /**
   * The in-memory ledger store. Needs the journal that `UnitOfWork.layerMemory` provides.
   *
   * @since 0.1.0
   */
  static readonly layerMemory: Layer.Layer<LedgerStore, never, MemoryJournal> = Layer.effect(
    LedgerStore,
    Effect.gen(function*() {
      const journal = yield* MemoryJournal
      const tenants = new Map<TenantId, TenantLedger>()
      const of = (tenantId: TenantId): TenantLedger => {
        let t = tenants.get(tenantId)
        if (t === undefined) {
          tenants.set(tenantId, t = { movements: [], byId: new Map(), items: new Map(), rows: [], serials: new Map(), lots: new Map() })
        }
        return t
      }
      const inFilter = (m: Movement, f: MovementFilter, locations: ReadonlySet<LocationId> | undefined) =>
        (f.itemId === undefined || m.itemId === f.itemId) &&
        (locations === undefined || locations.has(m.fromLocationId) || locations.has(m.toLocationId)) &&
        (f.lot === undefined || m.lot === f.lot) &&
        (f.reference === undefined || m.reference === f.reference) &&
        (f.effectiveFrom === undefined || !DateTime.isLessThan(m.effectiveAt, f.effectiveFrom)) &&
        (f.effectiveTo === undefined || !DateTime.isGreaterThan(m.effectiveAt, f.effectiveTo))
      const quantityOf = (t: TenantLedger, k: BalanceKey): bigint => {
        const row = t.items.get(k.itemId)?.balances.get(cellOf(k))
        return row === undefined ? 0n : toBigInt(row.units)
      }
      return LedgerStore.of({
        lockItems: () => Effect.void,
        getMovements: (tenantId, ids) =>
          journal.run(Effect.sync(() => {
            const t = of(tenantId)
            const out = new Map<MovementId, Movement>()
            for (const id of ids) {
              const m = t.byId.get(id)
              if (m !== undefined) out.set(id, m)
            }
            return out
          })),
        getBalances: (tenantId, keys) =>
          journal.run(Effect.sync(() => {
            const t = of(tenantId)
            const out = new Map<string, bigint>()
            for (const k of keys) out.set(keyOf(k), quantityOf(t, k))
            return out
          })),
        quantities: (tenantId, keys) =>
          journal.run(Effect.sync(() => {
            const t = of(tenantId)
            const out = new Array<bigint>(keys.length)
            for (let i = 0; i < keys.length; i++) out[i] = quantityOf(t, keys[i]!)
            return out
          })),
        getSerials: (tenantId, itemId, serials) =>
          journal.run(Effect.sync(() => {
            const t = of(tenantId)
            const out = new Map<string, LocationId>()
            for (const serial of serials) {
              const at = t.serials.get(`${itemId}\u0000${serial}`)
              if (at !== undefined) out.set(serial, at.locationId!)
            }
            return out
          })),
        getLots: (tenantId, itemId, codes) =>
          journal.run(Effect.sync(() => {
            const t = of(tenantId)
            const out = new Map<string, Lot>()
            for (const code of codes) {
              const lot = t.lots.get(`${itemId}\u0000${code}`)
              if (lot !== undefined) out.set(code, lot)
            }
            return out
          })),
        record: (tenantId, posting) => journal.run(Effect.sync(() => record(journal, of(tenantId), posting))),
        balances: (tenantId, filter) =>
          journal.run(Effect.sync(() => {
            const t = of(tenantId)
            const rows = filter.itemId === undefined ? t.rows : (t.items.get(filter.itemId)?.balances.values() ?? [])
            const locations = filter.locationIds === undefined ? undefined : new Set(filter.locationIds)
            const out: Array<Balance> = []
            for (const row of rows) {
              if (row.units === 0) continue
              if (locations !== undefined && !locations.has(row.locationId)) continue
              if (filter.lot !== undefined && row.lot !== filter.lot) continue
              // Rows change in place as postings land: callers get a snapshot.
              out.push({ itemId: row.itemId, locationId: row.locationId, lot: row.lot, quantity: toBigInt(row.units) })
            }
            return out
          })),
        balancesAsOf: (tenantId, filter) =>
          journal.run(Effect.sync(() => {
            const t = of(tenantId)
            const locations = filter.locationIds === undefined ? undefined : new Set(filter.locationIds)
            const sums = new Map<string, Balance>()
            const add = (locationId: LocationId, lot: string | null, delta: bigint) => {
              if (locations !== undefined && !locations.has(locationId)) return
              const key = keyOf({ itemId: filter.itemId, locationId, lot })
              const before = sums.get(key)
              sums.set(key, { itemId: filter.itemId, locationId, lot, quantity: (before?.quantity ?? 0n) + delta })
            }
            for (const m of t.items.get(filter.itemId)?.movements ?? []) {
              if (DateTime.isGreaterThan(m.effectiveAt, filter.at)) continue
              if (filter.lot !== undefined && m.lot !== filter.lot) continue
              add(m.fromLocationId, m.lot, -m.quantity)
              add(m.toLocationId, m.lot, m.quantity)
            }
            return [...sums.values()].filter((b) => b.quantity !== 0n)
          })),
        movements: (tenantId, filter, page) =>
          journal.run(Effect.sync(() => {
            const t = of(tenantId)
            const source = filter.itemId === undefined ? t.movements : (t.items.get(filter.itemId)?.movements ?? [])
            const locations = filter.locationIds === undefined ? undefined : new Set(filter.locationIds)
            const after = page.afterSeq ?? 0
            // Both lists are in seq order: skip to the first row after the cursor by binary search.
            let lo = 0
            let hi = source.length
            while (lo < hi) {
              const mid = (lo + hi) >>> 1
              if (source[mid]!.seq <= after) lo = mid + 1
              else hi = mid
            }
            // An item's movements with no other condition: a slice of its list.
            if (filter.itemId !== undefined && locations === undefined && filter.lot === undefined && filter.reference === undefined && filter.effectiveFrom === undefined && filter.effectiveTo === undefined) {
              return source.slice(lo, lo + page.limit)
            }
            const out: Array<Movement> = []
            for (let i = lo; i < source.length && out.length < page.limit; i++) {
              const m = source[i]!
              if (inFilter(m, filter, locations)) out.push(m)
            }
            return out
          })),
        serials: (tenantId, filter) =>
          journal.run(Effect.sync(() => {
            const out: Array<SerialPosition> = []
            for (const s of of(tenantId).serials.values()) {
              if (s === undefined) continue
              if (filter.itemId !== undefined && s.itemId !== filter.itemId) continue
              if (filter.serial !== undefined && s.serial !== filter.serial) continue
              out.push(s)
            }
            return out
          })),
        lots: (tenantId, filter) =>
          journal.run(Effect.sync(() =>
            [...of(tenantId).lots.values()].filter((l): l is Lot =>
              l !== undefined && (filter.itemId === undefined || l.itemId === filter.itemId) &&
              (filter.code === undefined || l.code === filter.code)
            )
          ))
      })
    })
  )
}

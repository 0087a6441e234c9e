/**
 * The catalog's storage port: items and locations, with an in-memory layer.
 *
 * Stores only persist and look up; every rule lives in the commands ({@link Catalog}, {@link Locations}).
 * Uniqueness of SKUs, GTINs and location codes is enforced by the store too, so two concurrent commands
 * cannot both win.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Option } from "effect"
import { ConcurrentModification, type StoreError } from "./StoreError.ts"
import { DuplicateGtin, DuplicateLocationCode, DuplicateSku } from "./CatalogError.ts"
import type { ItemId, LocationId, TenantId } from "./Ids.ts"
import { MemoryJournal, setUndoable } from "./internal/memory.ts"
import type { Item } from "./Item.ts"
import type { Location } from "./Location.ts"

/**
 * Filters for listing items, ordered by SKU.
 *
 * @since 0.1.0
 */
export interface ItemFilter {
  readonly afterSku?: string
  readonly limit: number
  readonly status?: Item["status"]
  readonly categoryPrefix?: ReadonlyArray<string>
}

/**
 * Persists items and locations.
 *
 * @since 0.1.0
 */
export class CatalogStore extends Context.Service<CatalogStore, {
  readonly getItems: (tenantId: TenantId, ids: ReadonlyArray<ItemId>) => Effect.Effect<ReadonlyMap<ItemId, Item>, StoreError>
  readonly findItemBySku: (tenantId: TenantId, sku: string) => Effect.Effect<Option.Option<Item>, StoreError>
  readonly findItemByGtin: (tenantId: TenantId, gtin: string) => Effect.Effect<Option.Option<Item>, StoreError>
  readonly listItems: (tenantId: TenantId, filter: ItemFilter) => Effect.Effect<ReadonlyArray<Item>, StoreError>
  readonly insertItem: (item: Item) => Effect.Effect<void, StoreError | DuplicateSku | DuplicateGtin>
  /** Replaces an item whose stored version is `item.version - 1`. */
  readonly updateItem: (item: Item) => Effect.Effect<void, StoreError | ConcurrentModification | DuplicateGtin>
  readonly getLocations: (
    tenantId: TenantId,
    ids: ReadonlyArray<LocationId>
  ) => Effect.Effect<ReadonlyMap<LocationId, Location>, StoreError>
  /**
   * Holds locations against being archived or changed until the unit of work ends (a shared lock, taken in
   * the given sorted order). Postings take it on the locations they use, after their item locks.
   */
  readonly lockLocations: (tenantId: TenantId, ids: ReadonlyArray<LocationId>) => Effect.Effect<void, StoreError>
  readonly findLocationByCode: (tenantId: TenantId, code: string) => Effect.Effect<Option.Option<Location>, StoreError>
  readonly listLocations: (tenantId: TenantId) => Effect.Effect<ReadonlyArray<Location>, StoreError>
  readonly insertLocation: (location: Location) => Effect.Effect<void, StoreError | DuplicateLocationCode>
  /** Replaces locations whose stored versions are each `version - 1`. */
  readonly updateLocations: (
    locations: ReadonlyArray<Location>
  ) => Effect.Effect<void, StoreError | ConcurrentModification>
  /** The ids of a location and all its descendants. */
  readonly subtree: (tenantId: TenantId, id: LocationId) => Effect.Effect<ReadonlyArray<LocationId>, StoreError>
}>()("@quartermaster/core/CatalogStore") {
  /**
   * The in-memory catalog store. Needs the journal that `UnitOfWork.layerMemory` provides.
   *
   * @since 0.1.0
   */
  static readonly layerMemory: Layer.Layer<CatalogStore, never, MemoryJournal> = Layer.effect(
    CatalogStore,
    Effect.gen(function*() {
      const journal = yield* MemoryJournal
      const tenants = new Map<TenantId, TenantCatalog>()
      const of = (tenantId: TenantId): TenantCatalog => {
        let t = tenants.get(tenantId)
        if (t === undefined) {
          t = {
            items: new Map(),
            skus: new Map(),
            gtins: new Map(),
            locations: new Map(),
            codes: new Map(),
            children: new Map()
          }
          tenants.set(tenantId, t)
        }
        return t
      }
      const claimGtins = (t: TenantCatalog, item: Item): Effect.Effect<void, DuplicateGtin> => {
        for (const gtin of item.gtins) {
          const owner = t.gtins.get(gtin)
          if (owner !== undefined && owner !== item.id) return Effect.fail(new DuplicateGtin({ gtin, itemId: owner }))
        }
        return Effect.void
      }
      const indexGtins = (t: TenantCatalog, before: Item | undefined, after: Item) => {
        for (const gtin of before?.gtins ?? []) if (!after.gtins.includes(gtin)) setUndoable(journal, t.gtins, gtin, undefined)
        for (const gtin of after.gtins) setUndoable(journal, t.gtins, gtin, after.id)
      }
      const link = (t: TenantCatalog, parent: LocationId | null, child: LocationId, add: boolean) => {
        if (parent === null) return
        const set = new Set(t.children.get(parent) ?? [])
        if (add) set.add(child)
        else set.delete(child)
        setUndoable(journal, t.children, parent, set)
      }
      return CatalogStore.of({
        getItems: (tenantId, ids) =>
          journal.run(Effect.sync(() => {
            const t = of(tenantId)
            const out = new Map<ItemId, Item>()
            for (const id of ids) {
              const item = t.items.get(id)
              if (item !== undefined) out.set(id, item)
            }
            return out
          })),
        findItemBySku: (tenantId, sku) =>
          journal.run(Effect.sync(() => {
            const t = of(tenantId)
            const id = t.skus.get(sku)
            return Option.fromUndefinedOr(id === undefined ? undefined : t.items.get(id))
          })),
        findItemByGtin: (tenantId, gtin) =>
          journal.run(Effect.sync(() => {
            const t = of(tenantId)
            const id = t.gtins.get(gtin)
            return Option.fromUndefinedOr(id === undefined ? undefined : t.items.get(id))
          })),
        listItems: (tenantId, filter) =>
          journal.run(Effect.sync(() => {
            const prefix = filter.categoryPrefix ?? []
            return [...of(tenantId).items.values()]
              .filter((i) =>
                (filter.afterSku === undefined || i.sku > filter.afterSku) &&
                (filter.status === undefined || i.status === filter.status) &&
                prefix.every((p, n) => i.category[n] === p)
              )
              .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
              .slice(0, filter.limit)
          })),
        insertItem: (item) =>
          journal.run(Effect.suspend((): Effect.Effect<void, DuplicateSku | DuplicateGtin> => {
            const t = of(item.tenantId)
            if (t.skus.has(item.sku)) return Effect.fail(new DuplicateSku({ sku: item.sku }))
            return Effect.map(claimGtins(t, item), () => {
              setUndoable(journal, t.items, item.id, item)
              setUndoable(journal, t.skus, item.sku, item.id)
              indexGtins(t, undefined, item)
            })
          })),
        updateItem: (item) =>
          journal.run(Effect.suspend((): Effect.Effect<void, ConcurrentModification | DuplicateGtin> => {
            const t = of(item.tenantId)
            const before = t.items.get(item.id)
            if (before === undefined || before.version !== item.version - 1) {
              return Effect.fail(new ConcurrentModification({ entity: "item", id: item.id }))
            }
            return Effect.map(claimGtins(t, item), () => {
              setUndoable(journal, t.items, item.id, item)
              indexGtins(t, before, item)
            })
          })),
        getLocations: (tenantId, ids) =>
          journal.run(Effect.sync(() => {
            const t = of(tenantId)
            const out = new Map<LocationId, Location>()
            for (const id of ids) {
              const location = t.locations.get(id)
              if (location !== undefined) out.set(id, location)
            }
            return out
          })),
        // Every in-memory unit of work is serialized, so there is nothing left to lock.
        lockLocations: () => Effect.void,
        findLocationByCode: (tenantId, code) =>
          journal.run(Effect.sync(() => {
            const t = of(tenantId)
            const id = t.codes.get(code)
            return Option.fromUndefinedOr(id === undefined ? undefined : t.locations.get(id))
          })),
        listLocations: (tenantId) =>
          journal.run(Effect.sync(() => [...of(tenantId).locations.values()])),
        insertLocation: (location) =>
          journal.run(Effect.suspend(() => {
            const t = of(location.tenantId)
            if (t.codes.has(location.code)) return Effect.fail(new DuplicateLocationCode({ code: location.code }))
            setUndoable(journal, t.locations, location.id, location)
            setUndoable(journal, t.codes, location.code, location.id)
            link(t, location.parentId, location.id, true)
            return Effect.void
          })),
        updateLocations: (locations) =>
          journal.run(Effect.suspend(() => {
            for (const location of locations) {
              const before = of(location.tenantId).locations.get(location.id)
              if (before === undefined || before.version !== location.version - 1) {
                return Effect.fail(new ConcurrentModification({ entity: "location", id: location.id }))
              }
            }
            for (const location of locations) {
              const t = of(location.tenantId)
              const before = t.locations.get(location.id)!
              if (before.parentId !== location.parentId) {
                link(t, before.parentId, location.id, false)
                link(t, location.parentId, location.id, true)
              }
              setUndoable(journal, t.locations, location.id, location)
            }
            return Effect.void
          })),
        subtree: (tenantId, id) =>
          journal.run(Effect.sync(() => {
            const t = of(tenantId)
            if (!t.locations.has(id)) return []
            const out: Array<LocationId> = []
            const queue = [id]
            while (queue.length > 0) {
              const next = queue.pop()!
              out.push(next)
              for (const child of t.children.get(next) ?? []) queue.push(child)
            }
            return out
          }))
      })
    })
  )
}

interface TenantCatalog {
  readonly items: Map<ItemId, Item>
  readonly skus: Map<string, ItemId>
  readonly gtins: Map<string, ItemId | undefined>
  readonly locations: Map<LocationId, Location>
  readonly codes: Map<string, LocationId>
  readonly children: Map<LocationId, ReadonlySet<LocationId>>
}

/**
 * Demo data: seeds an empty tenant with three sites, 200+ items and six months of history ending now, plus IT
 * assets with check-outs, licences and certificates, through the core's own use cases (the catalog, the
 * location tree, the stock ledger, reservations, valuation, assets, check-outs, licences and credentials), so
 * every dashboard panel and report has something real to show. The data is deterministic for a seed.
 *
 * @since 0.1.0
 */
import {
  type Assets,
  Catalog,
  type CatalogError,
  type CatalogStore,
  type CheckOuts,
  type Credentials,
  CurrentActor,
  type IdGenerator,
  type Licences,
  Locations,
  Reservations,
  StockLedger,
  StockQuery,
  type StoreError,
  type Stores,
  Valuations
} from "@quartermaster/core"
import { BigDecimal, Clock, Effect } from "effect"
import * as SeedAssets from "./SeedAssets.ts"
import * as SeedCatalog from "./SeedCatalog.ts"
import * as SeedPlan from "./SeedPlan.ts"

/**
 * What {@link demo} did. `seeded` is false when the tenant already had data (then every count is 0).
 *
 * @since 0.1.0
 */
export interface SeedSummary {
  readonly tenantId: string
  readonly seeded: boolean
  readonly locations: number
  readonly items: number
  readonly movements: number
  readonly batches: number
  readonly reservations: number
  /** Assets, check-outs (overdue among them), licences and certificates. */
  readonly assets: SeedAssets.AssetsSummary
  /** The span of the history, as ISO times. */
  readonly from: string
  readonly to: string
}

/**
 * Options of {@link demo}: the seed of the generator (42 by default) and the number of days of history (183).
 *
 * @since 0.1.0
 */
export interface Options {
  readonly seed?: number
  readonly days?: number
}

/** The services seeding needs (every store, and an id generator for event ids). @since 0.1.0 */
export type Env = Stores.Stores | IdGenerator.IdGenerator

/**
 * Every way seeding can fail: the core commands' own errors. None is expected on an empty tenant.
 *
 * @since 0.1.0
 */
export type SeedError =
  | Catalog.CreateItemError
  | CatalogError.UnknownLocation
  | CatalogError.InvalidHierarchy
  | CatalogError.LocationArchived
  | CatalogError.DuplicateLocationCode
  | StockLedger.PostError
  | Valuations.Error
  | Reservations.ReserveError
  | Assets.RegisterError
  | Assets.TransitionError
  | CheckOuts.CheckOutError
  | Licences.Error
  | Credentials.Error

/** The actor recorded on every seeded change. @since 0.1.0 */
export const actorId = "demo-seed"

const asTenant = (tenantId: string) => Effect.provideService(CurrentActor.CurrentActor, { tenantId: tenantId as never, actorId: actorId as never, roles: ["admin"] })

/**
 * Whether the tenant has neither items nor locations.
 *
 * @since 0.1.0
 */
export const isEmpty = (tenantId: string): Effect.Effect<boolean, StoreError.StoreError, CatalogStore.CatalogStore> =>
  Effect.gen(function*() {
    const items = yield* Catalog.listItems({ limit: 1 })
    if (items.length > 0) return false
    const locations = yield* Locations.list
    return locations.length === 0
  }).pipe(asTenant(tenantId))

/**
 * Seeds an empty tenant with demo data, and does nothing if it has items or locations already.
 *
 * @since 0.1.0
 */
export const demo = (tenantId: string, options: Options = {}): Effect.Effect<SeedSummary, SeedError, Env> =>
  Effect.gen(function*() {
    const now = yield* Clock.currentTimeMillis
    if (!(yield* isEmpty(tenantId))) {
      const at = new Date(now).toISOString()
      const assets = { assets: 0, checkOuts: 0, overdue: 0, licences: 0, certificates: 0 }
      return { tenantId, seeded: false, locations: 0, items: 0, movements: 0, batches: 0, reservations: 0, assets, from: at, to: at } satisfies SeedSummary
    }
    const seed = options.seed ?? 42
    const random = new SeedCatalog.Random(seed)
    const { all, sites } = SeedCatalog.locations()
    const items = SeedCatalog.items(random)

    yield* Effect.forEach(all, (location) => Locations.create(location), { discard: true })
    yield* Effect.forEach(items, (item) => Catalog.createItem(item.input), { discard: true })

    const plan = SeedPlan.simulate({ items, sites, now, days: options.days ?? 183, seed: seed + 1 })
    yield* Effect.forEach(plan.batches, (batch) => StockLedger.post(batch), { discard: true })
    yield* Valuations.refresh()

    // Open orders waiting to ship: a share of what the first bin holds, for a few busy items.
    const reservations = yield* reserve(items, sites, now)
    const assets = yield* SeedAssets.seed(now, sites.map((site) => site.id), seed + 2)
    return {
      tenantId,
      seeded: true,
      locations: all.length,
      items: items.length,
      movements: plan.movements,
      batches: plan.batches.length,
      reservations,
      assets,
      from: new Date(plan.from).toISOString(),
      to: new Date(plan.to).toISOString()
    } satisfies SeedSummary
  }).pipe(asTenant(tenantId))

const reserve = (items: ReadonlyArray<SeedCatalog.SeedItem>, sites: ReadonlyArray<SeedCatalog.SeedSite>, now: number) =>
  Effect.gen(function*() {
    const busy = items.filter((i) => i.tracking === "none" && i.decimals === 0 && (i.demand === "fast" || i.demand === "steady")).slice(0, 12)
    let placed = 0
    for (const [n, item] of busy.entries()) {
      const index = items.indexOf(item)
      const site = sites[item.sites[0]!]!
      const bin = site.bins[index % site.bins.length]!
      const level = yield* StockQuery.level({ itemId: item.input.id, locationId: bin })
      const quantity = Math.floor(Number(BigDecimal.format(level.available)) / 4)
      if (quantity <= 0) continue
      yield* Reservations.reserve([{
        id: `seed-res-${String(n + 1).padStart(3, "0")}`,
        itemId: item.input.id,
        locationId: bin,
        quantity: String(quantity),
        expiresAt: new Date(now + 7 * 86_400_000).toISOString(),
        reference: `SO-OPEN-${String(n + 1).padStart(3, "0")}`
      }])
      placed++
    }
    return placed
  })

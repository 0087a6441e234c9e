/**
 * Valuation reports: cost of goods sold per issue movement, and valuation at a date by item, location or
 * category (open layers and aging are in {@link ValuationLayers}). Each first brings the items it reads up to
 * date ({@link Valuations.refresh}), so it never shows stale figures.
 *
 * A cost pool's value is exact per item and site. Split further over locations, each pool's value goes to the
 * locations holding its quantity, in proportion, by largest remainder, so the parts add up to the pool; value
 * no location holds (goods issued short, awaiting their receipt) shows with no location.
 *
 * @since 0.1.0
 */
import { type BigDecimal, DateTime, Effect, Schema } from "effect"
import { CatalogStore } from "./CatalogStore.ts"
import type { UnknownItem, UnknownLocation } from "./CatalogError.ts"
import * as Catalog from "./Catalog.ts"
import { CurrentActor } from "./CurrentActor.ts"
import type { ItemId, LocationId, TenantId } from "./Ids.ts"
import { decode, InvalidInput } from "./InputError.ts"
import type { Item } from "./Item.ts"
import { type Balance, LedgerStore } from "./LedgerStore.ts"
import { holdsStock } from "./Location.ts"
import * as Locations from "./Locations.ts"
import * as Money from "./Money.ts"
import { TimeInput } from "./Movement.ts"
import * as Quantity from "./Quantity.ts"
import type { StoreError } from "./StoreError.ts"
import * as Valuation from "./Valuation.ts"
import type { EngineError, InvalidValuation, MissingUnitCost } from "./ValuationError.ts"
import * as Valuations from "./Valuations.ts"
import { type EntryKey, ValuationStore } from "./ValuationStore.ts"

/** The services reports need. @since 0.1.0 */
export type Env = Valuations.Env

/** Every way a report can fail. @since 0.1.0 */
export type Error = Valuations.Error | UnknownItem | UnknownLocation | MissingUnitCost | InvalidValuation | EngineError

const itemsIn = (tenantId: TenantId, ids: ReadonlyArray<ItemId>) => Effect.flatMap(Effect.service(CatalogStore), (c) => c.getItems(tenantId, ids))

/**
 * One issue movement's cost. Amounts are decimals in the currency; `provisional` is the part still out at the
 * last known cost, waiting for a receipt to true it up.
 *
 * @since 0.1.0
 */
export interface CogsRow {
  readonly movementId: string
  readonly itemId: string
  readonly at: DateTime.Utc
  readonly kind: "issue" | "supplier-return"
  readonly quantity: BigDecimal.BigDecimal
  readonly cost: BigDecimal.BigDecimal
  readonly trueUp: BigDecimal.BigDecimal
  readonly total: BigDecimal.BigDecimal
  readonly provisional: BigDecimal.BigDecimal
}

/** Filters for {@link cogs}: an item, an effective time span [`from`, `to`), a page. @since 0.1.0 */
export const CogsQuery = Schema.Struct({
  itemId: Schema.optionalKey(Schema.String),
  from: Schema.optionalKey(TimeInput),
  to: Schema.optionalKey(TimeInput),
  cursor: Schema.optionalKey(Schema.String),
  limit: Schema.optionalKey(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 10_000 }))))
})

const Cursor = Schema.fromJsonString(Schema.Struct({ at: Schema.Number, seq: Schema.Number, step: Schema.String, id: Schema.String, itemId: Schema.String }))

/**
 * Cost of goods sold per issue movement (and per return to a supplier), in effective order, with true-ups.
 *
 * @since 0.1.0
 */
export const cogs = (
  query: typeof CogsQuery.Encoded = {}
): Effect.Effect<{ readonly rows: ReadonlyArray<CogsRow>; readonly nextCursor: string | null }, Error, Env> =>
  Effect.gen(function*() {
    const q = yield* decode("cogs", CogsQuery)(query)
    const after = q.cursor === undefined ? undefined : yield* decode("cogs", Cursor)(q.cursor).pipe(
      Effect.mapError(() => new InvalidInput({ operation: "cogs", field: "cursor", reason: "is not a cursor returned by cogs" }))
    )
    if (q.itemId !== undefined) yield* Catalog.getItem(q.itemId)
    yield* Valuations.refresh(q.itemId === undefined ? undefined : [q.itemId])
    const { tenantId } = yield* CurrentActor
    const store = yield* ValuationStore
    const settings = yield* store.getSettings(tenantId, "none")
    const limit = q.limit ?? 100
    const entries = yield* store.entries(tenantId, {
      ...(q.itemId === undefined ? {} : { itemId: q.itemId as ItemId }),
      kinds: ["issue", "supplier-return"],
      ...(q.from === undefined ? {} : { from: { at: q.from.epochMilliseconds, seq: Number.MIN_SAFE_INTEGER, id: "" } }),
      ...(q.to === undefined ? {} : { to: q.to.epochMilliseconds })
    }, { limit: limit + 1, ...(after === undefined ? {} : { after: after as EntryKey }) })
    const more = entries.length > limit
    let page = more ? entries.slice(0, limit) : entries
    // An issue of several serials has an entry per serial: a page ends between movements, not inside one.
    if (more) {
      const next = entries[limit]!.movementId!
      let end = page.length
      while (end > 0 && page[end - 1]!.movementId === next) end--
      if (end > 0) page = page.slice(0, end)
      else page = yield* store.entries(tenantId, { itemId: page[0]!.itemId as ItemId, movementIds: [next], kinds: ["issue", "supplier-return"] }, { limit: 1_000_000 })
    }
    const trueUps = page.length === 0 ? [] : yield* store.entries(tenantId, { movementIds: [...new Set(page.map((e) => e.movementId!))], kinds: ["true-up"] }, { limit: 1_000_000 })
    const costs = Valuation.issueCosts([...page, ...trueUps])
    const items = yield* itemsIn(tenantId, [...new Set(page.map((e) => e.itemId as ItemId))])
    const owner = new Map(page.map((e) => [e.movementId!, e.itemId]))
    const scale = settings.currencyScale
    const rows = costs.map((c): CogsRow => {
      const itemId = owner.get(c.movementId)!
      return {
        movementId: c.movementId,
        itemId,
        at: DateTime.makeUnsafe(c.at),
        kind: c.kind,
        quantity: Quantity.fromUnits(c.quantity, items.get(itemId as ItemId)?.baseUnit.decimals ?? 0),
        cost: Money.toDecimal(c.cost, scale),
        trueUp: Money.toDecimal(c.trueUp, scale),
        total: Money.toDecimal(c.total, scale),
        provisional: Money.toDecimal(c.provisional, scale)
      }
    })
    const last = page[page.length - 1]
    const nextCursor = more && last !== undefined ? JSON.stringify({ at: last.at, seq: last.seq, step: last.step, id: last.id, itemId: last.itemId }) : null
    return { rows, nextCursor }
  })

/**
 * One row of a valuation: an item, a location (null for value no location holds), or a category path.
 * `quantity` is in the item's base unit; it is null for categories, which mix units.
 *
 * @since 0.1.0
 */
export interface ValuationRow {
  readonly itemId: ItemId | null
  readonly locationId: LocationId | null
  readonly category: string | null
  readonly quantity: BigDecimal.BigDecimal | null
  readonly value: BigDecimal.BigDecimal
}

/** What {@link valuation} reports, and its total. @since 0.1.0 */
export interface ValuationReport {
  readonly at: DateTime.Utc
  readonly by: "item" | "location" | "category"
  readonly rows: ReadonlyArray<ValuationRow>
  readonly total: BigDecimal.BigDecimal
}

/**
 * Options of {@link valuation}: the time (now by default), the grouping, an item, a location subtree, and how
 * many levels of the category path to group by (all by default).
 *
 * @since 0.1.0
 */
export const ValuationQuery = Schema.Struct({
  at: Schema.optionalKey(TimeInput),
  by: Schema.optionalKey(Schema.Literals(["item", "location", "category"])),
  itemId: Schema.optionalKey(Schema.String),
  locationId: Schema.optionalKey(Schema.String),
  categoryDepth: Schema.optionalKey(Schema.Int.pipe(Schema.check(Schema.isGreaterThan(0))))
})

/**
 * The value of stock at a date (movements effective up to and including it), by item, by location (one row
 * per location and item) or by category.
 *
 * @since 0.1.0
 */
export const valuation = (query: typeof ValuationQuery.Encoded = {}): Effect.Effect<ValuationReport, Error, Env> =>
  Effect.gen(function*() {
    const q = yield* decode("valuation", ValuationQuery)(query)
    if (q.itemId !== undefined) yield* Catalog.getItem(q.itemId)
    yield* Valuations.refresh(q.itemId === undefined ? undefined : [q.itemId])
    const { tenantId } = yield* CurrentActor
    const store = yield* ValuationStore
    const catalog = yield* CatalogStore
    const settings = yield* store.getSettings(tenantId, "none")
    const at = q.at ?? (yield* DateTime.now)
    const by = q.by ?? "item"
    const totals = yield* store.totals(tenantId, { ...(q.itemId === undefined ? {} : { itemIds: [q.itemId as ItemId] }), to: at.epochMilliseconds + 1 })
    const items = yield* catalog.getItems(tenantId, [...new Set(totals.map((t) => t.itemId))])
    const scale = settings.currencyScale
    const inScope = q.locationId === undefined ? undefined : new Set<string>(yield* Locations.subtree(q.locationId))
    const located = by === "location" || inScope !== undefined ? yield* splitByLocation(tenantId, totals, items, at, q.at === undefined) : []
    const rows: Array<ValuationRow> = []
    let total = 0n
    if (by === "location") {
      for (const r of located) {
        if (inScope !== undefined && (r.locationId === null || !inScope.has(r.locationId))) continue
        total += r.value
        rows.push({ itemId: r.itemId, locationId: r.locationId, category: null, quantity: Quantity.fromUnits(r.quantity, items.get(r.itemId)!.baseUnit.decimals), value: Money.toDecimal(r.value, scale) })
      }
    } else {
      const perItem = new Map<ItemId, { quantity: bigint; value: bigint }>()
      const add = (itemId: ItemId, quantity: bigint, value: bigint) => {
        const row = perItem.get(itemId) ?? { quantity: 0n, value: 0n }
        row.quantity += quantity
        row.value += value
        perItem.set(itemId, row)
      }
      if (inScope === undefined) for (const t of totals) add(t.itemId, t.quantity, t.value)
      else for (const r of located) if (r.locationId !== null && inScope.has(r.locationId)) add(r.itemId, r.quantity, r.value)
      const categories = new Map<string, bigint>()
      for (const [itemId, r] of [...perItem].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (r.quantity === 0n && r.value === 0n) continue
        total += r.value
        const item = items.get(itemId)!
        if (by === "item") rows.push({ itemId, locationId: null, category: null, quantity: Quantity.fromUnits(r.quantity, item.baseUnit.decimals), value: Money.toDecimal(r.value, scale) })
        else {
          const path = item.category.slice(0, q.categoryDepth ?? item.category.length).join("/")
          categories.set(path, (categories.get(path) ?? 0n) + r.value)
        }
      }
      for (const [category, value] of [...categories].sort(([a], [b]) => (a < b ? -1 : 1))) {
        rows.push({ itemId: null, locationId: null, category, quantity: null, value: Money.toDecimal(value, scale) })
      }
    }
    return { at, by, rows, total: Money.toDecimal(total, scale) }
  })

interface Located {
  readonly itemId: ItemId
  readonly locationId: LocationId | null
  readonly quantity: bigint
  readonly value: bigint
}

const splitByLocation = (
  tenantId: TenantId,
  totals: ReadonlyArray<{ readonly itemId: ItemId; readonly site: string; readonly lot: string | null; readonly quantity: bigint; readonly value: bigint }>,
  items: ReadonlyMap<ItemId, Item>,
  at: DateTime.Utc,
  current: boolean
): Effect.Effect<Array<Located>, StoreError, LedgerStore | CatalogStore> =>
  Effect.gen(function*() {
    const ledger = yield* LedgerStore
    const sites = Valuation.sites(yield* (yield* CatalogStore).listLocations(tenantId))
    const out: Array<Located> = []
    for (const itemId of [...new Set(totals.map((t) => t.itemId))].sort()) {
      if (!items.has(itemId)) continue
      const balances: ReadonlyArray<Balance> = current ? yield* ledger.balances(tenantId, { itemId }) : yield* ledger.balancesAsOf(tenantId, { itemId, at })
      const pools = totals.filter((t) => t.itemId === itemId)
      const siteScoped = pools.some((p) => p.site !== "")
      const byLot = pools.some((p) => p.lot !== null)
      for (const pool of pools) {
        const holders = balances.filter((b) => {
          const place = sites.get(b.locationId)
          return place !== undefined && holdsStock(place.usage) && (!siteScoped || place.site === pool.site) && (!byLot || b.lot === pool.lot)
        })
        const weight = holders.reduce((n, b) => n + b.quantity, 0n)
        if (weight === 0n) {
          if (pool.value !== 0n || pool.quantity !== 0n) out.push({ itemId, locationId: null, quantity: pool.quantity, value: pool.value })
          continue
        }
        const shares = Money.allocate(pool.value, holders.map((b) => b.quantity))
        holders.forEach((b, i) => out.push({ itemId, locationId: b.locationId, quantity: b.quantity, value: shares[i]! }))
        if (weight !== pool.quantity) out.push({ itemId, locationId: null, quantity: pool.quantity - weight, value: 0n })
      }
    }
    // One row per item and location (lots and pools summed).
    const merged = new Map<string, { -readonly [K in keyof Located]: Located[K] }>()
    for (const r of out) {
      const key = `${r.itemId}\u0000${r.locationId ?? ""}`
      const row = merged.get(key)
      if (row === undefined) merged.set(key, { ...r })
      else {
        row.quantity += r.quantity
        row.value += r.value
      }
    }
    return [...merged.values()].filter((r) => r.quantity !== 0n || r.value !== 0n)
  })

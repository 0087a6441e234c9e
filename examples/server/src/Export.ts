/**
 * CSV export of items, locations, stock and the asset register, in exactly the columns {@link Import} reads, so an export
 * imports back into another tenant unchanged.
 *
 * Stock is on hand per item, stock-holding location and lot, in the item's base unit, with the lot's expiry
 * and the serials held there. Its unit cost is the item's average cost on hand (value over quantity, at most
 * six decimals), from the valuation; when the valuation cannot be computed the cell is left empty.
 *
 * @since 0.1.0
 */
import {
  Catalog,
  type CatalogStore,
  CurrentActor,
  type IdGenerator,
  type Item,
  LedgerStore,
  Location,
  Locations,
  type StoreError,
  type Stores,
  ValuationReports
} from "@quartermaster/core"
import { BigDecimal, DateTime, Effect, Option, Schema } from "effect"
import * as Csv from "./Csv.ts"
import { assetRows } from "./internal/exportAssets.ts"
import { itemColumns, locationColumns, stockColumns } from "./internal/importRows.ts"

/** What can be exported. @since 0.1.0 */
export const Kind = Schema.Literals(["items", "locations", "stock", "assets"])
/** @since 0.1.0 */
export type Kind = typeof Kind.Type

/** The services an export needs. @since 0.1.0 */
export type Env = Stores.Stores | CurrentActor.CurrentActor | IdGenerator.IdGenerator

/** A table to write: column names and records by column. @since 0.1.0 */
export interface Rows {
  readonly columns: ReadonlyArray<string>
  readonly records: ReadonlyArray<Readonly<Record<string, string>>>
}

const fmt = (d: BigDecimal.BigDecimal): string => BigDecimal.format(BigDecimal.normalize(d))
const opt = (d: BigDecimal.BigDecimal | undefined): string => (d === undefined ? "" : fmt(d))

/** Every item of the tenant, by SKU. @since 0.1.0 */
export const allItems: Effect.Effect<Array<Item.Item>, StoreError.StoreError, CatalogStore.CatalogStore | CurrentActor.CurrentActor> = Effect.gen(function*() {
  const out: Array<Item.Item> = []
  for (;;) {
    const last = out.at(-1)
    const page = yield* Catalog.listItems({ limit: 1000, ...(last === undefined ? {} : { afterSku: last.sku }) })
    out.push(...page)
    if (page.length < 1000) return out
  }
})

const itemRows = Effect.map(allItems, (items): Rows => ({
  columns: [...itemColumns.required, ...itemColumns.optional],
  records: items.map((i) => ({
    sku: i.sku,
    name: i.name,
    unit: i.baseUnit.code,
    description: i.description,
    decimals: String(i.baseUnit.decimals),
    conversions: i.conversions.map((c) => `${c.code}=${fmt(c.factor)}`).join(";"),
    tracking: i.tracking,
    shelf_life_days: i.shelfLifeDays === null ? "" : String(i.shelfLifeDays),
    valuation_method: i.valuationMethod,
    category: i.category.join("/"),
    gtins: i.gtins.join(";"),
    status: i.status,
    allow_negative_stock: String(i.allowNegativeStock),
    reorder_kind: i.reorder.kind,
    reorder_point: opt(i.reorder.reorderPoint),
    order_quantity: opt(i.reorder.orderQuantity),
    min: opt(i.reorder.min),
    max: opt(i.reorder.max),
    lead_time_days: i.reorder.leadTimeDays === undefined ? "" : String(i.reorder.leadTimeDays),
    review_period_days: i.reorder.reviewPeriodDays === undefined ? "" : String(i.reorder.reviewPeriodDays),
    pack_size: opt(i.reorder.packSize),
    minimum_order_quantity: opt(i.reorder.minimumOrderQuantity),
    attributes: Object.keys(i.attributes).length === 0 ? "" : JSON.stringify(i.attributes)
  }))
}))

// Archived locations accept nothing, so they are left out: an import could not put stock in them.
const locationRows = Effect.map(Locations.list, (all): Rows => {
  const live = all.filter((l) => !l.archived)
  const codeOf = new Map(live.map((l) => [l.id, l.code] as const))
  const sorted = [...live].sort((a, b) => a.path.length - b.path.length || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  return {
    columns: [...locationColumns.required, ...locationColumns.optional],
    records: sorted.map((l) => ({
      code: l.code,
      kind: l.kind,
      name: l.name,
      usage: l.usage,
      parent_code: l.parentId === null ? "" : codeOf.get(l.parentId) ?? "",
      allow_negative_stock: String(l.allowNegativeStock)
    }))
  }
})

const averageCosts = Effect.gen(function*() {
  const report = yield* ValuationReports.valuation({ by: "item" })
  const out = new Map<string, string>()
  for (const row of report.rows) {
    if (row.itemId === null || row.quantity === null || !BigDecimal.isPositive(row.quantity)) continue
    const cost = BigDecimal.divide(row.value, row.quantity).pipe(Option.map((c) => fmt(BigDecimal.round(c, { scale: 6, mode: "half-even" }))))
    if (Option.isSome(cost)) out.set(row.itemId, cost.value)
  }
  return out
}).pipe(Effect.orElseSucceed(() => new Map<string, string>()))

const stockRows = Effect.gen(function*() {
  const { tenantId } = yield* CurrentActor.CurrentActor
  const ledger = yield* LedgerStore.LedgerStore
  const items = new Map((yield* allItems).map((i) => [i.id as string, i] as const))
  const locations = new Map((yield* Locations.list).map((l) => [l.id as string, l] as const))
  const costs = yield* averageCosts
  const balances = (yield* ledger.balances(tenantId, {})).filter((b) => {
    const location = locations.get(b.locationId)
    return location !== undefined && Location.holdsStock(location.usage) && b.quantity > 0n && items.has(b.itemId)
  })
  const serials = new Map<string, Array<string>>()
  for (const s of yield* ledger.serials(tenantId, {})) {
    if (s.locationId === null) continue
    const key = `${s.itemId}\u0000${s.locationId}`
    serials.set(key, [...(serials.get(key) ?? []), s.serial])
  }
  const expiries = new Map<string, string>()
  for (const lot of yield* ledger.lots(tenantId, {})) {
    if (lot.expiresAt !== null) expiries.set(`${lot.itemId}\u0000${lot.code}`, DateTime.formatIso(lot.expiresAt))
  }
  const records = balances.map((b) => {
    const item = items.get(b.itemId)!
    return {
      sku: item.sku,
      location_code: locations.get(b.locationId)!.code,
      quantity: BigDecimal.format(BigDecimal.normalize(BigDecimal.make(b.quantity, item.baseUnit.decimals))),
      unit: item.baseUnit.code,
      unit_cost: costs.get(b.itemId) ?? "",
      lot: b.lot ?? "",
      expiry: b.lot === null ? "" : expiries.get(`${b.itemId}\u0000${b.lot}`) ?? "",
      serials: item.tracking === "serial" ? [...(serials.get(`${b.itemId}\u0000${b.locationId}`) ?? [])].sort().join(";") : ""
    }
  })
  records.sort((a, b) => compare(a.sku, b.sku) || compare(a.location_code, b.location_code) || compare(a.lot, b.lot))
  return { columns: [...stockColumns.required, ...stockColumns.optional.filter((c) => c !== "effective_at")], records } satisfies Rows
})

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The rows of an export, for callers that render them another way.
 *
 * @since 0.1.0
 */
export const rows = (kind: Kind): Effect.Effect<Rows, StoreError.StoreError, Env> =>
  kind === "items" ? itemRows : kind === "locations" ? locationRows : kind === "assets" ? Effect.flatMap(allItems, assetRows) : stockRows

/**
 * An export as CSV text (RFC 4180, CRLF line ends).
 *
 * @since 0.1.0
 */
export const run = (kind: Kind): Effect.Effect<string, StoreError.StoreError, Env> =>
  Effect.map(rows(kind), (r) => Csv.writeTable(r.columns, r.records))

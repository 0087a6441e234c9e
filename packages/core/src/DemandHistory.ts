/**
 * Demand history from the ledger: issues per item and calendar period, the input of forecasting and XYZ
 * classification.
 *
 * An issue is a movement out of a stock-holding location (internal, transit, consignment) into a location
 * whose usage counts as demand: customer, production and loss by default (choose with `usages`, for example
 * customer only to leave scrap out). A movement the other way (a customer return) is reported per period as
 * `returned`, and is not netted off: demand is what left, which is what the next period must supply.
 *
 * Periods are UTC calendar days, ISO weeks (starting Monday), months or years, by effective time. Only whole
 * periods inside [`from`, `to`) are reported, so a period still running does not look like a slump; `to`
 * defaults to now. Given a `locationId`, only issues out of its subtree count.
 *
 * @since 0.1.0
 */
import { type BigDecimal, DateTime, Effect, Schema } from "effect"
import { CatalogStore } from "./CatalogStore.ts"
import { UnknownItem, UnknownLocation } from "./CatalogError.ts"
import { CurrentActor } from "./CurrentActor.ts"
import type { ItemId, LocationId } from "./Ids.ts"
import { decode, InvalidInput } from "./InputError.ts"
import type { Item } from "./Item.ts"
import { LedgerStore } from "./LedgerStore.ts"
import { holdsStock, type Location, LocationUsage } from "./Location.ts"
import { TimeInput } from "./Movement.ts"
import * as Quantity from "./Quantity.ts"
import type { StoreError } from "./StoreError.ts"

/** A calendar period of demand history. @since 0.1.0 */
export const Bucket = Schema.Literals(["day", "week", "month", "year"])
/** @since 0.1.0 */
export type Bucket = typeof Bucket.Type

const DAY = 86_400_000

/**
 * The start (epoch milliseconds, UTC) of the period that contains `ms`. Weeks start on Monday.
 *
 * @since 0.1.0
 */
export const periodStart = (ms: number, per: Bucket): number => {
  if (per === "day") return Math.floor(ms / DAY) * DAY
  // 1970-01-05 was a Monday: count whole weeks from it.
  if (per === "week") return Math.floor((ms - 4 * DAY) / (7 * DAY)) * 7 * DAY + 4 * DAY
  const d = new Date(ms)
  return per === "month" ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) : Date.UTC(d.getUTCFullYear(), 0, 1)
}

/**
 * The start of the period after the one starting at `start`.
 *
 * @since 0.1.0
 */
export const nextPeriod = (start: number, per: Bucket): number => {
  if (per === "day") return start + DAY
  if (per === "week") return start + 7 * DAY
  const d = new Date(start)
  return per === "month" ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) : Date.UTC(d.getUTCFullYear() + 1, 0, 1)
}

/**
 * The starts of the whole periods inside [`from`, `to`), plus the end of the last one: `n + 1` boundaries
 * for `n` periods.
 *
 * @since 0.1.0
 */
export const boundaries = (from: number, to: number, per: Bucket): Array<number> => {
  let start = periodStart(from, per)
  if (start < from) start = nextPeriod(start, per)
  const out = [start]
  for (let next = nextPeriod(start, per); next <= to; next = nextPeriod(next, per)) out.push(next)
  return out
}

/**
 * What to read. `from` is required; `to` defaults to now. `usages` are the destination usages that count as
 * demand.
 *
 * @since 0.1.0
 */
export const Query = Schema.Struct({
  from: TimeInput,
  to: Schema.optionalKey(TimeInput),
  per: Bucket,
  itemIds: Schema.optionalKey(Schema.Array(Schema.String)),
  locationId: Schema.optionalKey(Schema.String),
  usages: Schema.optionalKey(Schema.Array(LocationUsage))
})
/** @since 0.1.0 */
export type Query = typeof Query.Encoded

/**
 * One item's history: exact quantities per period in its base unit, and the issued quantities as plain
 * numbers (`demand`), ready for {@link Forecast} and {@link Xyz}.
 *
 * @since 0.1.0
 */
export interface Series {
  readonly itemId: ItemId
  readonly unit: string
  readonly issued: ReadonlyArray<BigDecimal.BigDecimal>
  readonly returned: ReadonlyArray<BigDecimal.BigDecimal>
  readonly demand: ReadonlyArray<number>
}

/**
 * Demand history: the period boundaries (`periods.length + 1` of them) and a series per item. Without
 * `itemIds`, the items with any issue or return in the span are listed, by id.
 *
 * @since 0.1.0
 */
export interface History {
  readonly per: Bucket
  readonly periods: ReadonlyArray<{ readonly start: DateTime.Utc; readonly end: DateTime.Utc }>
  readonly series: ReadonlyArray<Series>
}

/** Errors of {@link history}. @since 0.1.0 */
export type HistoryError = InvalidInput | UnknownItem | UnknownLocation | StoreError

const decodeQuery = decode("demandHistory", Query)

const PAGE = 10_000

/**
 * Reads demand history from the ledger.
 *
 * @since 0.1.0
 */
export const history = (query: Query): Effect.Effect<History, HistoryError, LedgerStore | CatalogStore | CurrentActor> =>
  Effect.gen(function*() {
    const q = yield* decodeQuery(query)
    const { tenantId } = yield* CurrentActor
    const catalog = yield* CatalogStore
    const ledger = yield* LedgerStore
    const from = q.from.epochMilliseconds
    const to = q.to === undefined ? (yield* DateTime.now).epochMilliseconds : q.to.epochMilliseconds
    if (!(to > from)) return yield* new InvalidInput({ operation: "demandHistory", field: "to", reason: "must be later than from" })
    const bounds = boundaries(from, to, q.per)
    const periods = bounds.length - 1
    if (periods > 100_000) return yield* new InvalidInput({ operation: "demandHistory", field: "per", reason: "gives more than 100,000 periods" })
    const usages = new Set(q.usages ?? ["customer", "production", "loss"])
    const scope = q.locationId === undefined ? undefined : new Set(yield* catalog.subtree(tenantId, q.locationId as LocationId))
    if (scope !== undefined && scope.size === 0) return yield* new UnknownLocation({ locationId: q.locationId! })

    const items = new Map<ItemId, Item>()
    if (q.itemIds !== undefined) {
      const ids = [...new Set(q.itemIds)] as Array<ItemId>
      const found = yield* catalog.getItems(tenantId, ids)
      for (const id of ids) {
        const item = found.get(id)
        if (item === undefined) return yield* new UnknownItem({ itemId: id })
        items.set(id, item)
      }
    }
    const sums = new Map<ItemId, { issued: Array<bigint>; returned: Array<bigint> }>()
    const sumsOf = (itemId: ItemId) => {
      let s = sums.get(itemId)
      if (s === undefined) sums.set(itemId, s = { issued: new Array<bigint>(periods).fill(0n), returned: new Array<bigint>(periods).fill(0n) })
      return s
    }
    for (const id of items.keys()) sumsOf(id)

    const locations = new Map<LocationId, Location>()
    const indexOf = (ms: number): number => {
      let lo = 0
      let hi = periods
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (bounds[mid + 1]! <= ms) lo = mid + 1
        else hi = mid
      }
      return lo
    }
    const read = (itemId: ItemId | undefined) =>
      Effect.gen(function*() {
        if (periods <= 0) return
        let afterSeq = 0
        for (;;) {
          const page = yield* ledger.movements(tenantId, {
            ...(itemId === undefined ? {} : { itemId }),
            effectiveFrom: DateTime.makeUnsafe(bounds[0]!),
            effectiveTo: DateTime.makeUnsafe(bounds[periods]!)
          }, { afterSeq, limit: PAGE })
          const unknown = new Set<LocationId>()
          for (const m of page) {
            if (!locations.has(m.fromLocationId)) unknown.add(m.fromLocationId)
            if (!locations.has(m.toLocationId)) unknown.add(m.toLocationId)
          }
          if (unknown.size > 0) for (const [id, l] of yield* catalog.getLocations(tenantId, [...unknown])) locations.set(id, l)
          for (const m of page) {
            const at = m.effectiveAt.epochMilliseconds
            if (at < bounds[0]! || at >= bounds[periods]!) continue
            if (q.itemIds !== undefined && !items.has(m.itemId)) continue
            const source = locations.get(m.fromLocationId)
            const target = locations.get(m.toLocationId)
            if (source === undefined || target === undefined) continue
            if (holdsStock(source.usage) && usages.has(target.usage) && (scope === undefined || scope.has(source.id))) {
              sumsOf(m.itemId).issued[indexOf(at)]! += m.quantity
            } else if (usages.has(source.usage) && holdsStock(target.usage) && (scope === undefined || scope.has(target.id))) {
              sumsOf(m.itemId).returned[indexOf(at)]! += m.quantity
            }
          }
          if (page.length < PAGE) return
          afterSeq = page[page.length - 1]!.seq
        }
      })
    // A few items are read item by item; otherwise one pass over the span's movements.
    if (q.itemIds !== undefined && items.size <= 16) for (const id of items.keys()) yield* read(id)
    else yield* read(undefined)

    const missing = [...sums.keys()].filter((id) => !items.has(id))
    if (missing.length > 0) for (const [id, item] of yield* catalog.getItems(tenantId, missing)) items.set(id, item)
    const ids = q.itemIds !== undefined ? [...items.keys()] : [...sums.keys()].sort()
    const series: Array<Series> = []
    for (const id of ids) {
      const item = items.get(id)
      const s = sums.get(id)
      if (item === undefined || s === undefined) continue
      const decimals = item.baseUnit.decimals
      const scale = 10 ** decimals
      series.push({
        itemId: id,
        unit: item.baseUnit.code,
        issued: s.issued.map((u) => Quantity.fromUnits(u, decimals)),
        returned: s.returned.map((u) => Quantity.fromUnits(u, decimals)),
        demand: s.issued.map((u) => Number(u) / scale)
      })
    }
    return {
      per: q.per,
      periods: Array.from({ length: Math.max(0, periods) }, (_, i) => ({ start: DateTime.makeUnsafe(bounds[i]!), end: DateTime.makeUnsafe(bounds[i + 1]!) })),
      series
    }
  })

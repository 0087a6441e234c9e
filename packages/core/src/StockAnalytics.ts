/**
 * Stock KPIs per item from the ledger, over a span [`from`, `to`) of effective time (`to` defaults to now):
 * on hand, time-weighted average on hand, issues and receipts, turnover, days of supply, the share of time
 * out of stock, when it last moved, FIFO aging of what is on hand, and whether it is dead, slow or excess
 * stock ({@link InventoryKpi.movementStatus}; excess also when on hand exceeds what the item's reorder policy
 * should ever hold).
 *
 * All figures are quantities in the item's base unit, so they need no costs; value-based KPIs (turnover on
 * cost of goods sold, GMROI, carrying cost) are the pure functions of {@link InventoryKpi}, fed from the
 * valuation reports.
 *
 * - On hand is what internal locations hold (within `locationId`'s subtree, when given), replayed in
 *   effective-time order, so backdated movements land where they belong.
 * - Issues are movements out of a stock-holding location in scope into a demand usage (customer, production
 *   and loss by default), as in {@link DemandHistory}. Receipts are movements from a supplier or production
 *   location into on hand.
 * - Turnover is issues over the average on hand for the span; `annualTurnover` scales it to 365 days. Days of
 *   supply is on hand over the average daily issues of the span.
 * - Aging assumes first in, first out: what is on hand is what arrived last (any arrival into on-hand stock in
 *   scope, including transfers in and positive adjustments).
 *
 * Reads every movement effective up to `to` once; memory grows with the ledger's size.
 *
 * @since 0.1.0
 */
import { type BigDecimal, DateTime, Effect, Result, Schema } from "effect"
import { CatalogStore } from "./CatalogStore.ts"
import { UnknownItem, UnknownLocation } from "./CatalogError.ts"
import { CurrentActor } from "./CurrentActor.ts"
import type { ItemId, LocationId } from "./Ids.ts"
import { decode, InvalidInput } from "./InputError.ts"
import * as InventoryKpi from "./InventoryKpi.ts"
import type { Item } from "./Item.ts"
import { LedgerStore } from "./LedgerStore.ts"
import { holdsStock, isOnHand, type Location, LocationUsage } from "./Location.ts"
import { TimeInput } from "./Movement.ts"
import * as Quantity from "./Quantity.ts"
import type { StoreError } from "./StoreError.ts"

/**
 * What to analyse. Thresholds are in days (see {@link InventoryKpi.movementStatus}); aging edges in days
 * (30, 60, 90, 180, 365 by default).
 *
 * @since 0.1.0
 */
export const Query = Schema.Struct({
  from: TimeInput,
  to: Schema.optionalKey(TimeInput),
  itemIds: Schema.optionalKey(Schema.Array(Schema.String)),
  locationId: Schema.optionalKey(Schema.String),
  usages: Schema.optionalKey(Schema.Array(LocationUsage)),
  slowAfterDays: Schema.optionalKey(Schema.Finite),
  deadAfterDays: Schema.optionalKey(Schema.Finite),
  excessDays: Schema.optionalKey(Schema.Finite),
  agingEdges: Schema.optionalKey(Schema.Array(Schema.Finite))
})
/** @since 0.1.0 */
export type Query = typeof Query.Encoded

/**
 * One item's figures. Quantities are in its base unit (`unit`).
 *
 * @since 0.1.0
 */
export interface ItemFigures {
  readonly itemId: ItemId
  readonly sku: string
  readonly unit: string
  /** On hand at `to`. */
  readonly onHand: BigDecimal.BigDecimal
  /** Time-weighted average on hand over the span. */
  readonly averageOnHand: number
  readonly issued: BigDecimal.BigDecimal
  readonly received: BigDecimal.BigDecimal
  /** Issues over average on hand, for the span; null with nothing on hand on average. */
  readonly turnover: number | null
  readonly annualTurnover: number | null
  /** On hand over average daily issues; null without issues. */
  readonly daysOfSupply: number | null
  /** The share of the span with nothing on hand. */
  readonly stockOutShare: number
  readonly lastIssueAt: DateTime.Utc | null
  readonly lastReceiptAt: DateTime.Utc | null
  /** Age in days of the oldest unit on hand (FIFO); null with nothing on hand. */
  readonly stockAgeDays: number | null
  readonly aging: ReadonlyArray<InventoryKpi.AgingBucket>
  readonly status: InventoryKpi.MovementStatus
}

/**
 * The analysis: the span, one row per item (by SKU), and a summary: how many items, the share out of stock
 * at `to`, the mean share of time out of stock, and the count per movement status.
 *
 * @since 0.1.0
 */
export interface Report {
  readonly from: DateTime.Utc
  readonly to: DateTime.Utc
  readonly items: ReadonlyArray<ItemFigures>
  readonly summary: {
    readonly items: number
    readonly stockOutRate: number | null
    readonly timeWeightedStockOutRate: number | null
    readonly byStatus: Readonly<Record<InventoryKpi.MovementStatus, number>>
  }
}

/** Errors of {@link analyze}. @since 0.1.0 */
export type AnalyzeError = InvalidInput | UnknownItem | UnknownLocation | StoreError

const decodeQuery = decode("stockAnalytics", Query)
const DAY = 86_400_000
const PAGE = 10_000

// What a movement means for one item's on-hand stock in scope.
interface Event {
  readonly at: number
  readonly seq: number
  readonly delta: bigint
  readonly issue: bigint
  readonly receipt: bigint
  readonly arrival: bigint
}

const figuresOf = (item: Item, events: Array<Event>, from: number, to: number, q: typeof Query.Type): Result.Result<ItemFigures, InvalidInput> => {
  events.sort((a, b) => a.at - b.at || a.seq - b.seq)
  const scale = 10 ** item.baseUnit.decimals
  let onHand = 0n
  let cursor = from
  let area = 0
  let outTime = 0
  let issued = 0n
  let received = 0n
  let lastIssue: number | null = null
  let lastReceipt: number | null = null
  const advance = (until: number) => {
    if (until <= cursor) return
    area += (Number(onHand) / scale) * (until - cursor)
    if (onHand <= 0n) outTime += until - cursor
    cursor = until
  }
  for (const e of events) {
    if (e.at >= from) advance(e.at)
    onHand += e.delta
    if (e.issue > 0n) {
      lastIssue = e.at
      if (e.at >= from) issued += e.issue
    }
    if (e.receipt > 0n) {
      lastReceipt = e.at
      if (e.at >= from) received += e.receipt
    }
  }
  advance(to)
  // FIFO aging: walk arrivals from the newest back until they cover what is on hand.
  const ages: Array<{ amount: number; ageDays: number }> = []
  let left = onHand
  let oldest: number | null = null
  for (let i = events.length - 1; i >= 0 && left > 0n; i--) {
    const e = events[i]!
    if (e.arrival <= 0n) continue
    const take = e.arrival < left ? e.arrival : left
    left -= take
    oldest = (to - e.at) / DAY
    ages.push({ amount: Number(take) / scale, ageDays: oldest })
  }
  if (left > 0n) {
    oldest = Infinity
    ages.push({ amount: Number(left) / scale, ageDays: Infinity })
  }
  const aging = InventoryKpi.aging(ages, q.agingEdges ?? InventoryKpi.defaultAgingEdges)
  if (Result.isFailure(aging)) return Result.fail(new InvalidInput({ operation: "stockAnalytics", field: "agingEdges", reason: aging.failure.message }))
  const days = (to - from) / DAY
  const span = to - from
  const average = area / span
  const issuedNumber = Number(issued) / scale
  const onHandNumber = Number(onHand) / scale
  const turnover = average > 0 ? issuedNumber / average : null
  const daysOfSupply = issued > 0n ? onHandNumber / (issuedNumber / days) : null
  const stockAgeDays = onHand > 0n && oldest !== null && Number.isFinite(oldest) ? oldest : null
  return Result.succeed({
    itemId: item.id,
    sku: item.sku,
    unit: item.baseUnit.code,
    onHand: Quantity.fromUnits(onHand, item.baseUnit.decimals),
    averageOnHand: average,
    issued: Quantity.fromUnits(issued, item.baseUnit.decimals),
    received: Quantity.fromUnits(received, item.baseUnit.decimals),
    turnover,
    annualTurnover: turnover === null ? null : (turnover * 365) / days,
    daysOfSupply,
    stockOutShare: outTime / span,
    lastIssueAt: lastIssue === null ? null : DateTime.makeUnsafe(lastIssue),
    lastReceiptAt: lastReceipt === null ? null : DateTime.makeUnsafe(lastReceipt),
    stockAgeDays,
    aging: aging.success,
    status: InventoryKpi.movementStatus(
      {
        onHand: onHandNumber,
        daysSinceLastIssue: lastIssue === null ? null : (to - lastIssue) / DAY,
        stockAgeDays,
        daysOfSupply,
        maxLevel: InventoryKpi.maxLevel(item.reorder)
      },
      {
        ...(q.slowAfterDays === undefined ? {} : { slowAfterDays: q.slowAfterDays }),
        ...(q.deadAfterDays === undefined ? {} : { deadAfterDays: q.deadAfterDays }),
        ...(q.excessDays === undefined ? {} : { excessDays: q.excessDays })
      }
    )
  })
}

/**
 * Analyses stock movement per item from the ledger. Without `itemIds`, every item with a movement up to `to`
 * is analysed.
 *
 * @since 0.1.0
 */
export const analyze = (query: Query): Effect.Effect<Report, AnalyzeError, LedgerStore | CatalogStore | CurrentActor> =>
  Effect.gen(function*() {
    const q = yield* decodeQuery(query)
    const { tenantId } = yield* CurrentActor
    const catalog = yield* CatalogStore
    const ledger = yield* LedgerStore
    const from = q.from.epochMilliseconds
    const to = q.to === undefined ? (yield* DateTime.now).epochMilliseconds : q.to.epochMilliseconds
    if (!(to > from)) return yield* new InvalidInput({ operation: "stockAnalytics", field: "to", reason: "must be later than from" })
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
    const events = new Map<ItemId, Array<Event>>()
    for (const id of items.keys()) events.set(id, [])
    const locations = new Map<LocationId, Location>()
    const inScope = (l: Location) => scope === undefined || scope.has(l.id)
    const read = (itemId: ItemId | undefined) =>
      Effect.gen(function*() {
        let afterSeq = 0
        for (;;) {
          const page = yield* ledger.movements(tenantId, { ...(itemId === undefined ? {} : { itemId }), effectiveTo: DateTime.makeUnsafe(to) }, { afterSeq, limit: PAGE })
          const unknown = new Set<LocationId>()
          for (const m of page) {
            if (!locations.has(m.fromLocationId)) unknown.add(m.fromLocationId)
            if (!locations.has(m.toLocationId)) unknown.add(m.toLocationId)
          }
          if (unknown.size > 0) for (const [id, l] of yield* catalog.getLocations(tenantId, [...unknown])) locations.set(id, l)
          for (const m of page) {
            const at = m.effectiveAt.epochMilliseconds
            if (at >= to || (q.itemIds !== undefined && !items.has(m.itemId))) continue
            const source = locations.get(m.fromLocationId)
            const target = locations.get(m.toLocationId)
            if (source === undefined || target === undefined) continue
            const out = isOnHand(source.usage) && inScope(source)
            const into = isOnHand(target.usage) && inScope(target)
            const issue = holdsStock(source.usage) && inScope(source) && usages.has(target.usage) ? m.quantity : 0n
            const receipt = into && (source.usage === "supplier" || source.usage === "production") ? m.quantity : 0n
            if (!out && !into && issue === 0n) continue
            let list = events.get(m.itemId)
            if (list === undefined) events.set(m.itemId, list = [])
            list.push({ at, seq: m.seq, delta: (into ? m.quantity : 0n) - (out ? m.quantity : 0n), issue, receipt, arrival: into && !out ? m.quantity : 0n })
          }
          if (page.length < PAGE) return
          afterSeq = page[page.length - 1]!.seq
        }
      })
    if (q.itemIds !== undefined && items.size <= 16) for (const id of items.keys()) yield* read(id)
    else yield* read(undefined)
    const missing = [...events.keys()].filter((id) => !items.has(id))
    if (missing.length > 0) for (const [id, item] of yield* catalog.getItems(tenantId, missing)) items.set(id, item)

    const rows: Array<ItemFigures> = []
    for (const [id, list] of events) {
      const item = items.get(id)
      if (item === undefined) continue
      const r = figuresOf(item, list, from, to, q)
      if (Result.isFailure(r)) return yield* r.failure
      rows.push(r.success)
    }
    rows.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
    const byStatus: Record<InventoryKpi.MovementStatus, number> = { none: 0, dead: 0, slow: 0, excess: 0, active: 0 }
    let out = 0
    let share = 0
    for (const r of rows) {
      byStatus[r.status]++
      if (r.status === "none") out++
      share += r.stockOutShare
    }
    return {
      from: DateTime.makeUnsafe(from),
      to: DateTime.makeUnsafe(to),
      items: rows,
      summary: {
        items: rows.length,
        stockOutRate: rows.length === 0 ? null : out / rows.length,
        timeWeightedStockOutRate: rows.length === 0 ? null : share / rows.length,
        byStatus
      }
    }
  })

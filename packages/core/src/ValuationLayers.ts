/**
 * Cost layer reports: an item's open layers at a date, and inventory aging by receipt date. Each first brings
 * the items it reads up to date ({@link Valuations.refresh}); a past date is computed from the nearest
 * checkpoint before it.
 *
 * @since 0.1.0
 */
import { BigDecimal, DateTime, Effect, Result, Schema } from "effect"
import * as Catalog from "./Catalog.ts"
import { CatalogStore } from "./CatalogStore.ts"
import { CurrentActor } from "./CurrentActor.ts"
import type { ItemId, TenantId } from "./Ids.ts"
import { decode } from "./InputError.ts"
import * as Engine from "./internal/run.ts"
import * as ItemSteps from "./internal/itemSteps.ts"
import * as Revalue from "./internal/revalue.ts"
import type { Item } from "./Item.ts"
import * as Money from "./Money.ts"
import { TimeInput } from "./Movement.ts"
import * as Quantity from "./Quantity.ts"
import * as Valuation from "./Valuation.ts"
import type { Env, Error } from "./ValuationReports.ts"
import * as Valuations from "./Valuations.ts"
import { initial, type State } from "./ValuationState.ts"
import { ValuationStore } from "./ValuationStore.ts"

const DAY = 86_400_000

/**
 * Each item's valuation state at `at` (after every step effective up to and including it), or now; an open
 * periodic period computed as if it ended then. Items never valued are left out.
 */
const statesAt = (
  tenantId: TenantId,
  items: ReadonlyArray<Item>,
  at: DateTime.Utc | undefined
): Effect.Effect<Map<ItemId, State>, Error, Env> =>
  Effect.gen(function*() {
    const store = yield* ValuationStore
    const settings = yield* store.getSettings(tenantId, "none")
    const ids = items.map((i) => i.id)
    const out = new Map<ItemId, State>()
    const schedules = yield* store.methodChanges(tenantId, ids)
    const bound = at === undefined ? null : { at: at.epochMilliseconds, seq: Number.MAX_SAFE_INTEGER, id: "\uffff" }
    const starts = bound === null ? yield* store.heads(tenantId, ids) : yield* store.checkpointsBefore(tenantId, ids.map((itemId) => ({ itemId, before: bound })))
    const needsSteps = bound !== null
    const periods = needsSteps ? yield* store.periods(tenantId) : []
    const adjustments = needsSteps ? yield* store.adjustments(tenantId, { itemIds: ids }) : []
    const sites = needsSteps ? Valuation.sites(yield* (yield* CatalogStore).listLocations(tenantId)) : new Map()
    for (const item of items) {
      const schedule = schedules.filter((c) => c.itemId === item.id)
      if (schedule.length === 0) continue
      const start = starts.get(item.id)
      const config = Revalue.configOf(item, settings)
      const steps = bound === null
        ? []
        : yield* ItemSteps.stepsAfter(tenantId, item, config, periods, schedule, adjustments.filter((a) => a.itemId === item.id), sites, start?.position ?? null, bound.at)
      const run = Engine.run(config, start?.state ?? initial(schedule[0]!.method), steps)
      if (Result.isFailure(run)) return yield* run.failure
      out.set(item.id, run.success.view)
    }
    return out
  })

/**
 * An open layer: what is left of one receipt (under site scope, at one site), with its value and unit cost.
 *
 * @since 0.1.0
 */
export interface LayerRow {
  readonly itemId: ItemId
  readonly receiptId: string
  readonly receivedAt: DateTime.Utc
  readonly site: string
  readonly lot: string | null
  readonly serial: string | null
  readonly quantity: BigDecimal.BigDecimal
  readonly value: BigDecimal.BigDecimal
  readonly unitCost: BigDecimal.BigDecimal
}

/**
 * Issued quantity no stock covered yet, out at a provisional cost.
 *
 * @since 0.1.0
 */
export interface ShortfallRow {
  readonly itemId: ItemId
  readonly issueId: string
  readonly issuedAt: DateTime.Utc
  readonly site: string
  readonly quantity: BigDecimal.BigDecimal
  readonly provisional: BigDecimal.BigDecimal
}

/** Options of {@link layers}: the item and the time (now by default). @since 0.1.0 */
export const LayersQuery = Schema.Struct({ itemId: Schema.String, at: Schema.optionalKey(TimeInput) })

/**
 * An item's open layers at a time, oldest receipt first, and its shortfalls. Under an average method the
 * pool's value is spread over the layers by quantity.
 *
 * @since 0.1.0
 */
export const layers = (
  query: typeof LayersQuery.Encoded
): Effect.Effect<{ readonly layers: ReadonlyArray<LayerRow>; readonly shortfalls: ReadonlyArray<ShortfallRow> }, Error, Env> =>
  Effect.gen(function*() {
    const q = yield* decode("layers", LayersQuery)(query)
    const item = yield* Catalog.getItem(q.itemId)
    yield* Valuations.refresh([item.id])
    const { tenantId } = yield* CurrentActor
    const settings = yield* (yield* ValuationStore).getSettings(tenantId, "none")
    const state = (yield* statesAt(tenantId, [item], q.at)).get(item.id)
    if (state === undefined) return { layers: [], shortfalls: [] }
    const decimals = item.baseUnit.decimals
    const scale = settings.currencyScale
    return {
      layers: Valuation.layersOf(state).map((l) => ({
        itemId: item.id,
        receiptId: l.receiptId,
        receivedAt: DateTime.makeUnsafe(l.receivedAt),
        site: l.site,
        lot: l.lot,
        serial: l.serial,
        quantity: Quantity.fromUnits(l.quantity, decimals),
        value: Money.toDecimal(l.value, scale),
        unitCost: BigDecimal.normalize(BigDecimal.fromStringUnsafe(Money.unitCost(l, decimals, scale)))
      })),
      shortfalls: state.pools.flatMap((p) => p.shortfalls.map((s) => ({
        itemId: item.id,
        issueId: s.issueId,
        issuedAt: DateTime.makeUnsafe(s.at),
        site: p.site,
        quantity: Quantity.fromUnits(s.quantity, decimals),
        provisional: Money.toDecimal(s.value, scale)
      })))
    }
  })

/**
 * One aging bucket: stock received between `fromDays` (inclusive) and `toDays` (exclusive; null for no bound)
 * days before the report's time.
 *
 * @since 0.1.0
 */
export interface AgingBucket {
  readonly fromDays: number
  readonly toDays: number | null
  readonly quantity: BigDecimal.BigDecimal
  readonly value: BigDecimal.BigDecimal
}

/** One item's aging. @since 0.1.0 */
export interface AgingRow {
  readonly itemId: ItemId
  readonly buckets: ReadonlyArray<AgingBucket>
  readonly quantity: BigDecimal.BigDecimal
  readonly value: BigDecimal.BigDecimal
}

/**
 * Options of {@link aging}: the time (now by default), an item (every valued item by default), and the bucket
 * bounds in days (30, 60, 90, 180 and 365 by default).
 *
 * @since 0.1.0
 */
export const AgingQuery = Schema.Struct({
  at: Schema.optionalKey(TimeInput),
  itemId: Schema.optionalKey(Schema.String),
  buckets: Schema.optionalKey(Schema.Array(Schema.Int.pipe(Schema.check(Schema.isGreaterThan(0)))))
})

/**
 * Inventory aging by receipt date: each item's open layers (under average methods, its quantity aged oldest
 * receipt first) in age buckets, with quantity and value.
 *
 * @since 0.1.0
 */
export const aging = (query: typeof AgingQuery.Encoded = {}): Effect.Effect<{ readonly at: DateTime.Utc; readonly rows: ReadonlyArray<AgingRow> }, Error, Env> =>
  Effect.gen(function*() {
    const q = yield* decode("aging", AgingQuery)(query)
    const bounds = [...new Set(q.buckets ?? [30, 60, 90, 180, 365])].sort((a, b) => a - b)
    if (q.itemId !== undefined) yield* Catalog.getItem(q.itemId)
    yield* Valuations.refresh(q.itemId === undefined ? undefined : [q.itemId])
    const { tenantId } = yield* CurrentActor
    const store = yield* ValuationStore
    const settings = yield* store.getSettings(tenantId, "none")
    const at = q.at ?? (yield* DateTime.now)
    const ids = q.itemId !== undefined ? [q.itemId as ItemId] : [...new Set((yield* store.methodChanges(tenantId, null)).map((c) => c.itemId))]
    const items = yield* (yield* CatalogStore).getItems(tenantId, ids)
    const states = yield* statesAt(tenantId, [...items.values()], at)
    const rows: Array<AgingRow> = []
    for (const [itemId, state] of [...states].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const decimals = items.get(itemId)!.baseUnit.decimals
      const sums = bounds.map(() => ({ quantity: 0n, value: 0n }))
      sums.push({ quantity: 0n, value: 0n })
      let quantity = 0n
      let value = 0n
      for (const l of Valuation.layersOf(state)) {
        const days = Math.floor((at.epochMilliseconds - l.receivedAt) / DAY)
        let i = 0
        while (i < bounds.length && days >= bounds[i]!) i++
        sums[i]!.quantity += l.quantity
        sums[i]!.value += l.value
        quantity += l.quantity
        value += l.value
      }
      if (quantity === 0n && value === 0n) continue
      rows.push({
        itemId,
        buckets: sums.map((b, i) => ({
          fromDays: i === 0 ? 0 : bounds[i - 1]!,
          toDays: bounds[i] ?? null,
          quantity: Quantity.fromUnits(b.quantity, decimals),
          value: Money.toDecimal(b.value, settings.currencyScale)
        })),
        quantity: Quantity.fromUnits(quantity, decimals),
        value: Money.toDecimal(value, settings.currencyScale)
      })
    }
    return { at, rows }
  })

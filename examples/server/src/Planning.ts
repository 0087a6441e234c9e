/**
 * Planning figures per item, from the ledger and the valuation: the server's glue between the core's pure
 * planning functions (`Abc`, `Xyz`, `Eoq`, `SafetyStock`, `Forecast`) and the data they need.
 *
 * - Demand is what `DemandHistory` reads: issues to demand usages per period, over a span (by default the
 *   26 weeks up to and including the current period).
 * - ABC ranks items by consumption value, the cost of goods sold over the span (`ValuationReports.cogs`);
 *   XYZ by the variability of their demand per period.
 * - EOQ takes the annual demand from the span, the ordering cost and carrying rate from the caller, and the
 *   unit cost from the item's current average value (or the caller).
 * - Safety stock uses the demand mean and standard deviation per period and the lead time (from the caller
 *   or the item's reorder policy) for a cycle service level.
 *
 * @since 0.1.0
 */
import {
  Abc,
  Catalog,
  Croston,
  DemandHistory,
  Eoq,
  ExponentialSmoothing,
  Forecast,
  type PlanningError,
  SafetyStock,
  ValuationReports,
  Xyz
} from "@quartermaster/core"
import { BigDecimal, DateTime, Effect, type Result } from "effect"

const WEEKS = 26
const DAY = 86_400_000

/**
 * The span of demand history to read.
 *
 * @since 0.1.0
 */
export interface Span {
  readonly from?: string | undefined
  readonly to?: string | undefined
  readonly per?: "day" | "week" | "month" | undefined
}

// DemandHistory counts whole periods only, so the default span ends with the current period: today's issues
// count, at the price of a partial last period.
const spanOf = (span: Span) =>
  Effect.map(DateTime.now, (now) => {
    const per = span.per ?? "week"
    const ms = DateTime.toEpochMillis(now)
    const to = span.to ?? new Date(DemandHistory.nextPeriod(DemandHistory.periodStart(ms, per), per)).toISOString()
    const from = span.from ?? new Date(DemandHistory.periodStart(ms - WEEKS * 7 * DAY, per)).toISOString()
    return { from, to, per }
  })

const fromResult = <A>(result: Result.Result<A, PlanningError.PlanningError>) => Effect.fromResult(result)

const seriesOf = (itemId: string, span: Span) =>
  Effect.gen(function*() {
    const item = yield* Catalog.getItem(itemId)
    const s = yield* spanOf(span)
    const history = yield* DemandHistory.history({ from: s.from, to: s.to, per: s.per, itemIds: [item.id] })
    const demand = history.series[0]?.demand ?? []
    return { item, span: s, demand, periods: history.periods.length }
  })

/**
 * ABC by consumption value (COGS over the span) and XYZ by demand variability, with the matrix.
 *
 * @since 0.1.0
 */
export const abcXyz = (span: Span) =>
  Effect.gen(function*() {
    const s = yield* spanOf(span)
    const values = new Map<string, number>()
    let cursor: string | null = null
    do {
      const page: { readonly rows: ReadonlyArray<ValuationReports.CogsRow>; readonly nextCursor: string | null } =
        yield* ValuationReports.cogs({ from: s.from, to: s.to, limit: 10_000, ...(cursor === null ? {} : { cursor }) })
      for (const row of page.rows) {
        values.set(row.itemId, (values.get(row.itemId) ?? 0) + BigDecimal.toNumberUnsafe(row.total))
      }
      cursor = page.nextCursor
    } while (cursor !== null)
    const abc = yield* fromResult(Abc.classify([...values].map(([id, value]) => ({ id, value: Math.max(0, value) }))))
    const history = yield* DemandHistory.history({ from: s.from, to: s.to, per: s.per })
    const xyz = yield* fromResult(Xyz.classify(history.series.map((series) => ({ id: series.itemId, demand: series.demand }))))
    const known = new Set(xyz.map((row) => row.id))
    const matrix = Xyz.matrix(abc.rows.filter((row) => known.has(row.id)), xyz.filter((row) => values.has(row.id)))
    return { from: s.from, to: s.to, per: s.per, abc, xyz, matrix }
  })

/**
 * The economic order quantity of an item.
 *
 * @since 0.1.0
 */
export const eoq = (
  itemId: string,
  input: Span & { readonly orderingCost: number; readonly carryingRate: number; readonly unitCost?: number | undefined }
) =>
  Effect.gen(function*() {
    const { demand, item, span } = yield* seriesOf(itemId, { ...input, per: "day" })
    const days = Math.max(1, (Date.parse(span.to) - Date.parse(span.from)) / DAY)
    const annualDemand = (demand.reduce((a, b) => a + b, 0) / days) * 365
    let unitCost = input.unitCost
    if (unitCost === undefined) {
      const report = yield* ValuationReports.valuation({ by: "item", itemId: item.id })
      const row = report.rows[0]
      const quantity = row?.quantity === null || row?.quantity === undefined ? 0 : BigDecimal.toNumberUnsafe(row.quantity)
      unitCost = quantity > 0 ? BigDecimal.toNumberUnsafe(row!.value) / quantity : 0
    }
    const plan = yield* fromResult(Eoq.classic({
      demand: { value: annualDemand, per: "year" },
      orderingCost: input.orderingCost,
      holdingCost: Eoq.holdingCost(unitCost, { value: input.carryingRate, per: "year" })
    }))
    return { itemId: item.id, sku: item.sku, unit: item.baseUnit.code, annualDemand, unitCost, plan }
  })

/**
 * Safety stock and reorder point of an item for a cycle service level.
 *
 * @since 0.1.0
 */
export const safetyStock = (
  itemId: string,
  input: Span & {
    readonly serviceLevel?: number | undefined
    readonly leadTimeDays?: number | undefined
    readonly leadTimeStdDevDays?: number | undefined
  }
) =>
  Effect.gen(function*() {
    const { demand, item, span } = yield* seriesOf(itemId, input)
    const stats = Xyz.variation(demand)
    const leadTimeDays = input.leadTimeDays ?? item.reorder.leadTimeDays ?? 7
    const plan = yield* fromResult(SafetyStock.reorderPoint({
      demand: { mean: stats.mean, stdDev: stats.stdDev, per: span.per },
      leadTime: { mean: leadTimeDays, ...(input.leadTimeStdDevDays === undefined ? {} : { stdDev: input.leadTimeStdDevDays }), unit: "day" },
      service: { cycleServiceLevel: input.serviceLevel ?? 0.95 }
    }))
    return { itemId: item.id, sku: item.sku, unit: item.baseUnit.code, per: span.per, demand: stats, leadTimeDays, plan }
  })

/**
 * A demand forecast for an item.
 *
 * @since 0.1.0
 */
export const forecast = (
  itemId: string,
  input: Span & {
    readonly method?: "moving-average" | "exponential-smoothing" | "holt" | "croston" | "sba" | undefined
    readonly horizon?: number | undefined
  }
) =>
  Effect.gen(function*() {
    const { demand, item, span } = yield* seriesOf(itemId, input)
    const options = { horizon: input.horizon ?? 4 }
    const method = input.method ?? "exponential-smoothing"
    const result = yield* fromResult(
      method === "moving-average"
        ? Forecast.movingAverage(demand, options)
        : method === "holt"
        ? ExponentialSmoothing.holt(demand, options)
        : method === "croston"
        ? Croston.croston(demand, options)
        : method === "sba"
        ? Croston.sba(demand, options)
        : ExponentialSmoothing.simple(demand, options)
    )
    return { itemId: item.id, sku: item.sku, unit: item.baseUnit.code, per: span.per, history: demand, pattern: Croston.pattern(demand), forecast: result }
  })

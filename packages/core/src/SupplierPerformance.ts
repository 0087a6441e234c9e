/**
 * Supplier performance over a period: promised vs actual lead time, on-time rate and fill rate.
 *
 * The lines evaluated are those of orders that were sent and not cancelled, promised (`expectedAt`) within
 * `[from, to)`, and due: promised no later than `asOf`, or no longer open. Per supplier:
 *
 * - **promised lead time**: the mean of promised date − sent date, in days;
 * - **actual lead time**: the mean of first receipt − sent date, in days, over the lines that received
 *   anything (null when none did);
 * - **on time**: the share of lines whose first receipt arrived on or before the promised date (a line with
 *   no receipt is late), in percent;
 * - **fill**: the mean over lines of min(received, ordered) / ordered, in percent.
 *
 * These are ratios for reports, so they are plain numbers; quantities behind them are exact. {@link evaluate}
 * is pure; {@link report} reads the orders.
 *
 * @since 0.1.0
 */
import { DateTime, Effect, Schema } from "effect"
import { CurrentActor } from "./CurrentActor.ts"
import type { LocationId } from "./Ids.ts"
import { decode, type InvalidInput } from "./InputError.ts"
import { TimeInput } from "./Movement.ts"
import { ProcurementStore } from "./ProcurementStore.ts"
import type { PurchaseOrder } from "./PurchaseOrder.ts"
import * as PurchaseOrders from "./PurchaseOrders.ts"
import type { StoreError } from "./StoreError.ts"

/**
 * One supplier's figures.
 *
 * @since 0.1.0
 */
export interface Performance {
  readonly supplierId: LocationId
  readonly supplierName: string
  /** Lines evaluated. */
  readonly lines: number
  /** Lines that received anything. */
  readonly delivered: number
  readonly promisedLeadTimeDays: number
  readonly actualLeadTimeDays: number | null
  readonly onTimePercent: number
  readonly fillPercent: number
}

/**
 * The period and the time lines are judged at.
 *
 * @since 0.1.0
 */
export interface Period {
  readonly from: DateTime.Utc
  readonly to: DateTime.Utc
  readonly asOf: DateTime.Utc
}

const DAY = 86_400_000

/**
 * Computes the figures per supplier, ordered by supplier id.
 *
 * @since 0.1.0
 */
export const evaluate = (orders: ReadonlyArray<PurchaseOrder>, period: Period): Array<Performance> => {
  const from = DateTime.toEpochMillis(period.from)
  const to = DateTime.toEpochMillis(period.to)
  const asOf = DateTime.toEpochMillis(period.asOf)
  const acc = new Map<LocationId, { name: string; lines: number; delivered: number; promised: number; actual: number; onTime: number; fill: number }>()
  for (const order of orders) {
    if (order.sentAt === null || order.status === "cancelled" || order.status === "draft") continue
    const sent = DateTime.toEpochMillis(order.sentAt)
    for (const line of order.lines) {
      const expected = DateTime.toEpochMillis(line.expectedAt)
      if (expected < from || expected >= to || (expected > asOf && line.status === "open")) continue
      let first: number | null = null
      for (const receipt of order.receipts) {
        if (!receipt.lines.some((l) => l.lineNo === line.lineNo)) continue
        const at = DateTime.toEpochMillis(receipt.receivedAt)
        if (first === null || at < first) first = at
      }
      let a = acc.get(order.supplierId)
      if (a === undefined) acc.set(order.supplierId, a = { name: order.supplierName, lines: 0, delivered: 0, promised: 0, actual: 0, onTime: 0, fill: 0 })
      a.lines++
      a.promised += (expected - sent) / DAY
      if (first !== null) {
        a.delivered++
        a.actual += (first - sent) / DAY
        if (first <= expected) a.onTime++
      }
      const filled = line.received < line.quantity ? line.received : line.quantity
      // Exact to 1e-6 of a percent before the conversion to a number.
      a.fill += Number((filled * 100_000_000n) / line.quantity) / 1_000_000
    }
  }
  return [...acc]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([supplierId, a]) => ({
      supplierId,
      supplierName: a.name,
      lines: a.lines,
      delivered: a.delivered,
      promisedLeadTimeDays: a.promised / a.lines,
      actualLeadTimeDays: a.delivered === 0 ? null : a.actual / a.delivered,
      onTimePercent: (a.onTime * 100) / a.lines,
      fillPercent: a.fill / a.lines
    }))
}

/**
 * The period to report on, and optionally one supplier. `asOf` defaults to now.
 *
 * @since 0.1.0
 */
export const Query = Schema.Struct({
  from: TimeInput,
  to: TimeInput,
  asOf: Schema.optionalKey(TimeInput),
  supplierId: Schema.optionalKey(Schema.String)
})
/** @since 0.1.0 */
export type Query = typeof Query.Encoded

const decodeQuery = decode("supplierPerformance", Query)

/**
 * Supplier performance from the stored orders.
 *
 * @since 0.1.0
 */
export const report = (query: Query): Effect.Effect<Array<Performance>, InvalidInput | StoreError, ProcurementStore | CurrentActor> =>
  Effect.gen(function*() {
    const q = yield* decodeQuery(query)
    const actor = yield* CurrentActor
    const asOf = q.asOf ?? (yield* DateTime.now)
    const orders = yield* PurchaseOrders.all(yield* ProcurementStore, actor.tenantId, {
      status: ["open", "partiallyReceived", "received", "closed"],
      ...(q.supplierId === undefined ? {} : { supplierId: q.supplierId as LocationId })
    })
    return evaluate(orders, { from: q.from, to: q.to, asOf })
  })

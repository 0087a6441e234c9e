/**
 * The dashboard's figures for the current tenant, computed from the core's own reports: the stock overview
 * with reorder alerts ({@link ReorderSuggestions}), the valuation by site and by category
 * ({@link ValuationReports}), the ABC classification of the last year's cost of goods sold ({@link Abc}), lots,
 * licences, certificates and warranties that expire soon, assets by status with overdue check-outs (see
 * `DashboardAssets.ts`), and the latest events of the audit trail ({@link EventLog}).
 *
 * Money and quantities are decimal strings; shares are fractions for the charts.
 *
 * @since 0.1.0
 */
import {
  Abc,
  CatalogStore,
  CurrentActor,
  type DomainEvent,
  EventLog,
  type IdGenerator,
  type Item,
  LedgerStore,
  Location,
  Money,
  type PlanningError,
  Quantity,
  ReorderSuggestions,
  type StoreError,
  type Stores,
  ValuationReports,
  Valuations,
  ValuationStore
} from "@quartermaster/core"
import { BigDecimal, DateTime, Effect, Schema } from "effect"
import { TimeText } from "./http/schemas/Fields.ts"

const DAY = 86_400_000

/** Something that expires soon. @since 0.1.0 */
export const Expiring = Schema.Struct({
  kind: Schema.Literals(["lot", "licence", "certificate", "warranty"]),
  name: Schema.String,
  detail: Schema.String,
  expiresAt: TimeText,
  daysLeft: Schema.Number
})
/** @since 0.1.0 */
export type Expiring = typeof Expiring.Type

/** Assets by status and overdue check-outs; null where the server has no asset register. @since 0.1.0 */
export const AssetsPanel = Schema.NullOr(Schema.Struct({
  total: Schema.Number,
  byStatus: Schema.Array(Schema.Struct({ status: Schema.String, count: Schema.Number })),
  overdue: Schema.Array(Schema.Struct({ tag: Schema.String, name: Schema.String, assignee: Schema.String, dueAt: TimeText, daysOverdue: Schema.Number }))
}))

/**
 * The dashboard summary.
 *
 * @since 0.1.0
 */
export const Summary = Schema.Struct({
  tenantId: Schema.String,
  at: Schema.String,
  lastEventSeq: Schema.Number,
  currency: Schema.Struct({ scale: Schema.Number }),
  stock: Schema.Struct({
    items: Schema.Number,
    itemsInStock: Schema.Number,
    outOfStock: Schema.Number,
    lowStock: Schema.Number,
    bins: Schema.Number,
    onHandValue: Schema.String
  }),
  reorder: Schema.Array(Schema.Struct({
    itemId: Schema.String,
    sku: Schema.String,
    name: Schema.String,
    unit: Schema.String,
    onHand: Schema.String,
    reorderPoint: Schema.String,
    quantity: Schema.String,
    reason: Schema.String
  })),
  valuation: Schema.Struct({
    total: Schema.String,
    bySite: Schema.Array(Schema.Struct({ siteId: Schema.NullOr(Schema.String), name: Schema.String, value: Schema.String })),
    byCategory: Schema.Array(Schema.Struct({ category: Schema.String, value: Schema.String }))
  }),
  abc: Schema.Struct({
    from: Schema.String,
    total: Schema.String,
    classes: Schema.Array(Schema.Struct({ class: Schema.String, count: Schema.Number, value: Schema.String, share: Schema.Number, itemShare: Schema.Number })),
    pareto: Schema.Array(Schema.Struct({ sku: Schema.String, value: Schema.String, share: Schema.Number, cumulativeShare: Schema.Number, class: Schema.String }))
  }),
  expiring: Schema.Array(Expiring),
  assets: AssetsPanel,
  recent: Schema.Array(Schema.Struct({ seq: Schema.Number, at: Schema.String, type: Schema.String, actor: Schema.String, text: Schema.String }))
})
/** @since 0.1.0 */
export type Summary = typeof Summary.Type

/** The services the summary reads. @since 0.1.0 */
export type Env = Stores.Stores | CurrentActor.CurrentActor | IdGenerator.IdGenerator

/** Every way the summary can fail. @since 0.1.0 */
export type Error = ReorderSuggestions.SuggestError | ValuationReports.Error | PlanningError.InvalidPlanningInput | PlanningError.NegativeDemand

/**
 * Optional panels that depend on modules beyond the stock ledger (the asset register). Each returns its part
 * of the summary for the current tenant.
 *
 * @since 0.1.0
 */
export interface Extras<E, R> {
  readonly assets: Effect.Effect<typeof AssetsPanel.Type, E, R>
  readonly expiring: (now: number, horizonDays: number) => Effect.Effect<ReadonlyArray<Expiring>, E, R>
}

/** No asset register: the assets panel is null and only lots can expire. @since 0.1.0 */
export const noExtras: Extras<never, never> = { assets: Effect.succeed(null), expiring: () => Effect.succeed([]) }

const listAll = <A, E, R>(page: (after: string | undefined) => Effect.Effect<ReadonlyArray<A>, E, R>, key: (a: A) => string): Effect.Effect<Array<A>, E, R> =>
  Effect.gen(function*() {
    const out: Array<A> = []
    for (let after: string | undefined; ;) {
      const rows = yield* page(after)
      out.push(...rows)
      if (rows.length < 1000) return out
      after = key(rows[rows.length - 1]!)
    }
  })

/**
 * The highest event sequence number of the tenant (0 for an empty log): the log's sequence numbers have no
 * gaps, so a doubling then halving search finds it in a few reads.
 *
 * @since 0.1.0
 */
export const lastEventSeq: Effect.Effect<number, StoreError.StoreError, EventLog.EventLog | CurrentActor.CurrentActor> = Effect.gen(function*() {
  const { tenantId } = yield* CurrentActor.CurrentActor
  const log = yield* EventLog.EventLog
  const exists = (seq: number) => Effect.map(log.list(tenantId, { afterSeq: seq - 1, limit: 1 }), (rows) => rows.length > 0)
  if (!(yield* exists(1))) return 0
  let low = 1
  let high = 2
  while (yield* exists(high)) {
    low = high
    high *= 2
  }
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2)
    if (yield* exists(mid)) low = mid
    else high = mid
  }
  return low
})

const describe = (event: DomainEvent.DomainEvent, skus: ReadonlyMap<string, Item.Item>): string => {
  const sku = (id: string) => skus.get(id)?.sku ?? id
  switch (event._tag) {
    case "MovementsPosted": {
      const ms = event.movements
      if (ms.length === 1) {
        const m = ms[0]!
        const item = skus.get(m.itemId)
        const qty = item === undefined ? String(m.quantity) : `${Quantity.formatUnits(m.quantity, item.baseUnit.decimals)} ${item.baseUnit.code}`
        return `${m.reasonCode ?? "movement"}: ${qty} of ${sku(m.itemId)}${m.reference === null ? "" : ` (${m.reference})`}`
      }
      const reasons = new Map<string, number>()
      for (const m of ms) reasons.set(m.reasonCode ?? "other", (reasons.get(m.reasonCode ?? "other") ?? 0) + 1)
      return `${ms.length} movements posted: ${[...reasons].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([r, n]) => `${n} ${r}`).join(", ")}`
    }
    case "ItemCreated":
      return `item ${event.item.sku} created: ${event.item.name}`
    case "ItemUpdated":
      return `item ${event.item.sku} changed (${event.changed.join(", ")})`
    case "LocationCreated":
      return `location ${event.location.code} created`
    case "ReservationPlaced":
    case "ReservationReleased":
    case "ReservationExtended":
    case "ReservationFulfilled":
      return `reservation ${event.reservation.id} of ${sku(event.reservation.itemId)}: ${event._tag.replace("Reservation", "").toLowerCase()}`
    case "InventoryRevalued":
      return `${sku(event.itemId)} revalued (${event.cause}): value ${BigDecimal.format(event.value)}, COGS ${BigDecimal.format(event.cogs)}`
    default: {
      // Asset, licence and credential events name their subject in a field of their own.
      const fields = event as unknown as Record<string, { readonly [k: string]: unknown } | undefined>
      const subject = fields["asset"]?.["tag"] ?? fields["licence"]?.["product"] ?? fields["credential"]?.["name"] ?? fields["checkOut"]?.["assetId"]
      const what = event._tag.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()
      return typeof subject === "string" ? `${what}: ${subject}` : what
    }
  }
}

const recent = (items: ReadonlyMap<string, Item.Item>, last: number, count: number) =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor.CurrentActor
    const rows = yield* (yield* EventLog.EventLog).list(tenantId, { afterSeq: Math.max(0, last - count), limit: count })
    return [...rows].reverse().map((e) => ({ seq: e.seq, at: DateTime.formatIso(e.at), type: e.event._tag, actor: e.actorId, text: describe(e.event, items) }))
  })

/**
 * Computes the summary for the current tenant, with the given extra panels.
 *
 * @since 0.1.0
 */
export const make = <E, R>(extras: Extras<E, R>): Effect.Effect<Summary, E | Error, R | Env> =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor.CurrentActor
    const catalog = yield* CatalogStore.CatalogStore
    const ledger = yield* LedgerStore.LedgerStore
    const now = yield* DateTime.now
    const nowMs = now.epochMilliseconds
    const items = yield* listAll((afterSku) => catalog.listItems(tenantId, { limit: 1000, ...(afterSku === undefined ? {} : { afterSku }) }), (i) => i.sku)
    const byId = new Map<string, Item.Item>(items.map((i) => [i.id, i]))
    const locations = yield* catalog.listLocations(tenantId)
    const locationById = new Map(locations.map((l) => [l.id as string, l]))
    const balances = yield* ledger.balances(tenantId, {})
    const onHand = new Map<string, bigint>()
    for (const b of balances) {
      const l = locationById.get(b.locationId)
      if (l !== undefined && Location.isOnHand(l.usage)) onHand.set(b.itemId, (onHand.get(b.itemId) ?? 0n) + b.quantity)
    }

    const suggestions = yield* ReorderSuggestions.suggest()
    yield* Valuations.refresh()
    const scale = (yield* Valuations.settings).currencyScale
    const byLocation = yield* ValuationReports.valuation({ by: "location" })
    const byCategory = yield* ValuationReports.valuation({ by: "category", categoryDepth: 1 })
    const siteOf = (id: string | null): string | null => {
      if (id === null) return null
      const l = locationById.get(id)
      if (l === undefined) return null
      if (l.kind === "site") return l.id
      return [...l.path].reverse().find((p) => locationById.get(p)?.kind === "site") ?? l.path[0] ?? l.id
    }
    const sites = new Map<string | null, BigDecimal.BigDecimal>()
    for (const row of byLocation.rows) {
      const site = siteOf(row.locationId)
      sites.set(site, BigDecimal.sum(sites.get(site) ?? BigDecimal.fromBigInt(0n), row.value))
    }

    // ABC on the cost of goods sold over the last year.
    const from = nowMs - 365 * DAY
    const cogs = new Map<string, bigint>()
    for (const t of yield* (yield* ValuationStore.ValuationStore).totals(tenantId, { from, to: nowMs + 1 })) {
      cogs.set(t.itemId, (cogs.get(t.itemId) ?? 0n) + t.cogs)
    }
    const abc = yield* Effect.fromResult(Abc.classify(items.map((i) => ({ id: i.id, value: Number(cogs.get(i.id) ?? 0n) / 10 ** scale }))))
    const totalCogs = [...cogs.values()].reduce((a, b) => a + b, 0n)
    const valueOf = (ids: ReadonlyArray<string>) => Money.format(ids.reduce((n, id) => n + (cogs.get(id) ?? 0n), 0n), scale)

    const lots = yield* expiringLots(balances, locationById, byId, nowMs, 30)
    const extra = yield* extras.expiring(nowMs, 30)
    const last = yield* lastEventSeq
    const summary: Summary = {
      tenantId,
      at: DateTime.formatIso(now),
      lastEventSeq: last,
      currency: { scale },
      stock: {
        items: items.length,
        itemsInStock: [...onHand.values()].filter((q) => q > 0n).length,
        outOfStock: items.filter((i) => i.status === "active" && (onHand.get(i.id) ?? 0n) <= 0n).length,
        lowStock: new Set(suggestions.suggestions.map((s) => s.itemId)).size,
        bins: locations.filter((l) => l.kind === "bin" && Location.isOnHand(l.usage)).length,
        onHandValue: BigDecimal.format(byLocation.total)
      },
      reorder: suggestions.suggestions.map((s) => ({
        itemId: s.itemId,
        sku: s.sku,
        name: byId.get(s.itemId)?.name ?? s.sku,
        unit: s.unit,
        onHand: BigDecimal.format(s.onHand),
        reorderPoint: BigDecimal.format(s.level),
        quantity: BigDecimal.format(s.quantity),
        reason: s.reason
      })),
      valuation: {
        total: BigDecimal.format(byLocation.total),
        bySite: [...sites].map(([siteId, value]) => ({
          siteId,
          name: siteId === null ? "Not located" : locationById.get(siteId)?.name ?? siteId,
          value: BigDecimal.format(value)
        })).sort((a, b) => a.name.localeCompare(b.name)),
        byCategory: byCategory.rows.map((r) => ({ category: r.category ?? "", value: BigDecimal.format(r.value) }))
      },
      abc: {
        from: new Date(from).toISOString(),
        total: Money.format(totalCogs, scale),
        classes: abc.classes.map((c) => ({
          class: c.class,
          count: c.count,
          value: valueOf(abc.rows.filter((r) => r.class === c.class).map((r) => r.id)),
          share: c.share,
          itemShare: c.itemShare
        })),
        pareto: abc.rows.slice(0, 60).map((r) => ({
          sku: byId.get(r.id)?.sku ?? r.id,
          value: Money.format(cogs.get(r.id) ?? 0n, scale),
          share: r.share,
          cumulativeShare: r.cumulativeShare,
          class: r.class
        }))
      },
      expiring: [...lots, ...extra].sort((a, b) => a.daysLeft - b.daysLeft).slice(0, 40),
      assets: yield* extras.assets,
      recent: yield* recent(byId, last, 15)
    }
    return summary
  })

const expiringLots = (
  balances: ReadonlyArray<LedgerStore.Balance>,
  locations: ReadonlyMap<string, Location.Location>,
  items: ReadonlyMap<string, Item.Item>,
  now: number,
  horizonDays: number
) =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor.CurrentActor
    const ledger = yield* LedgerStore.LedgerStore
    const held = new Map<string, Map<string, bigint>>()
    for (const b of balances) {
      const l = locations.get(b.locationId)
      if (b.lot === null || b.quantity <= 0n || l === undefined || !Location.isOnHand(l.usage)) continue
      const lots = held.get(b.itemId) ?? new Map<string, bigint>()
      lots.set(b.lot, (lots.get(b.lot) ?? 0n) + b.quantity)
      held.set(b.itemId, lots)
    }
    const out: Array<Expiring> = []
    for (const [itemId, lots] of held) {
      const item = items.get(itemId)
      if (item === undefined) continue
      const found = yield* ledger.getLots(tenantId, item.id, [...lots.keys()])
      for (const [code, lot] of found) {
        if (lot.expiresAt === null) continue
        const daysLeft = Math.floor((lot.expiresAt.epochMilliseconds - now) / DAY)
        if (daysLeft > horizonDays) continue
        out.push({
          kind: "lot",
          name: `${item.sku} ${item.name}`,
          detail: `lot ${code}: ${Quantity.formatUnits(lots.get(code) ?? 0n, item.baseUnit.decimals)} ${item.baseUnit.code} on hand`,
          expiresAt: DateTime.formatIso(lot.expiresAt),
          daysLeft
        })
      }
    }
    return out
  })

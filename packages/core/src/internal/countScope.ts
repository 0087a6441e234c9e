// Resolving a count session's scope at the freeze: which locations and items it covers, the cells with stock,
// and each item's unit value. Also the exact ABC split and the seeded sample the scopes use.
import { BigDecimal, DateTime, Effect } from "effect"
import * as Abc from "../Abc.ts"
import { CatalogStore } from "../CatalogStore.ts"
import { UnknownItem, UnknownLocation } from "../CatalogError.ts"
import type { CountItem, Scope } from "../CountSession.ts"
import type { ItemId, LocationId, TenantId } from "../Ids.ts"
import { InvalidInput } from "../InputError.ts"
import type { Item } from "../Item.ts"
import { type Balance, LedgerStore } from "../LedgerStore.ts"
import { isOnHand, type Location } from "../Location.ts"
import * as Money from "../Money.ts"
import type { StoreError } from "../StoreError.ts"
import { ValuationStore } from "../ValuationStore.ts"
import { pow10 } from "./decimal.ts"

export interface Resolved {
  readonly itemIds: ReadonlyArray<ItemId> | null
  readonly locationIds: ReadonlyArray<LocationId> | null
}

type Env = LedgerStore | CatalogStore | ValuationStore

const PAGE = 1000

/** Every movement matching the filter, page by page. */
const eachMovement = (
  tenantId: TenantId,
  filter: Parameters<LedgerStore["Service"]["movements"]>[1],
  visit: (m: { readonly itemId: ItemId; readonly fromLocationId: LocationId; readonly toLocationId: LocationId; readonly quantity: bigint; readonly unitCost: BigDecimal.BigDecimal | null }) => void
): Effect.Effect<void, StoreError, LedgerStore> =>
  Effect.gen(function*() {
    const ledger = yield* LedgerStore
    let afterSeq = 0
    while (true) {
      const page = yield* ledger.movements(tenantId, filter, { afterSeq, limit: PAGE })
      for (const m of page) visit(m)
      if (page.length < PAGE) return
      afterSeq = page[page.length - 1]!.seq
    }
  })

/** Internal locations of the scope's subtree (null: every internal location). */
const scopeLocations = (tenantId: TenantId, locationId: string | undefined): Effect.Effect<ReadonlyArray<LocationId> | null, UnknownLocation | StoreError, CatalogStore> =>
  Effect.gen(function*() {
    if (locationId === undefined) return null
    const catalog = yield* CatalogStore
    const ids = yield* catalog.subtree(tenantId, locationId as LocationId)
    if (ids.length === 0) return yield* new UnknownLocation({ locationId })
    const locations = yield* catalog.getLocations(tenantId, ids)
    return ids.filter((id) => locations.get(id)?.usage === "internal").sort()
  })

/** Non-zero balances at internal locations of the scope. */
export const balancesIn = (
  tenantId: TenantId,
  resolved: Resolved
): Effect.Effect<{ readonly balances: ReadonlyArray<Balance>; readonly items: ReadonlyMap<ItemId, Item> }, StoreError, LedgerStore | CatalogStore> =>
  Effect.gen(function*() {
    const ledger = yield* LedgerStore
    const catalog = yield* CatalogStore
    const all: Array<Balance> = []
    const where = resolved.locationIds === null ? {} : { locationIds: resolved.locationIds }
    if (resolved.itemIds === null) all.push(...(yield* ledger.balances(tenantId, where)))
    else for (const itemId of resolved.itemIds) all.push(...(yield* ledger.balances(tenantId, { ...where, itemId })))
    const locations = yield* catalog.getLocations(tenantId, [...new Set(all.map((b) => b.locationId))])
    const items = yield* catalog.getItems(tenantId, [...new Set(all.map((b) => b.itemId))])
    const balances = all.filter((b) => {
      const l: Location | undefined = locations.get(b.locationId)
      const item = items.get(b.itemId)
      return l !== undefined && isOnHand(l.usage) && item !== undefined
    })
    return { balances, items }
  })

/** Resolves a scope to its locations and items. */
export const resolve = (
  tenantId: TenantId,
  scope: Scope,
  now: DateTime.Utc
): Effect.Effect<Resolved, InvalidInput | UnknownItem | UnknownLocation | StoreError, Env> =>
  Effect.gen(function*() {
    const locationIds = yield* scopeLocations(tenantId, scope.locationId)
    const stocked = () => Effect.map(balancesIn(tenantId, { itemIds: null, locationIds }), ({ balances }) => [...new Set(balances.map((b) => b.itemId))].sort())
    switch (scope._tag) {
      case "Locations":
        return { itemIds: null, locationIds }
      case "Items": {
        const items = yield* (yield* CatalogStore).getItems(tenantId, scope.itemIds)
        for (let i = 0; i < scope.itemIds.length; i++) {
          const item = items.get(scope.itemIds[i]!)
          if (item === undefined) return yield* new UnknownItem({ itemId: scope.itemIds[i]! })
        }
        return { itemIds: [...new Set(scope.itemIds)].sort(), locationIds }
      }
      case "Sample":
        return { itemIds: sample(yield* stocked(), scope.size, scope.seed), locationIds }
      case "MovedSince": {
        const catalog = yield* CatalogStore
        const usage = new Map((yield* catalog.listLocations(tenantId)).map((l) => [l.id, l.usage]))
        const inScope = locationIds === null ? undefined : new Set<string>(locationIds)
        const moved = new Set<ItemId>()
        const touches = (id: LocationId) => usage.get(id) === "internal" && (inScope === undefined || inScope.has(id))
        yield* eachMovement(tenantId, { effectiveFrom: scope.since, ...(locationIds === null ? {} : { locationIds }) }, (m) => {
          if (touches(m.fromLocationId) || touches(m.toLocationId)) moved.add(m.itemId)
        })
        return { itemIds: [...moved].sort(), locationIds }
      }
      case "AbcClass": {
        if (scope.classification !== undefined) {
          return { itemIds: [...new Set(scope.classification.filter((c) => c.class === scope.class).map((c) => c.itemId))].sort(), locationIds }
        }
        const cutoffs = yield* exactCutoffs(scope.cutoffs)
        const to = scope.usageTo ?? now
        const from = scope.usageFrom ?? DateTime.subtract(to, { days: 365 })
        const usage = yield* consumption(tenantId, from, to)
        const candidates = new Set<ItemId>([...usage.keys(), ...(yield* stocked())])
        const items = yield* (yield* CatalogStore).getItems(tenantId, [...candidates])
        const countable = [...candidates].filter((id) => items.get(id) !== undefined)
        const classes = classify(countable.map((id) => ({ id, value: usage.get(id) ?? 0n })), cutoffs)
        return { itemIds: countable.filter((id) => classes.get(id) === scope.class).sort(), locationIds }
      }
    }
  })

const exactCutoffs = (cutoffs: { readonly a: BigDecimal.BigDecimal; readonly b: BigDecimal.BigDecimal } | undefined) =>
  Effect.gen(function*() {
    const a = cutoffs?.a ?? BigDecimal.fromStringUnsafe(String(Abc.defaultCutoffs.a))
    const b = cutoffs?.b ?? BigDecimal.fromStringUnsafe(String(Abc.defaultCutoffs.b))
    const zero = BigDecimal.make(0n, 0)
    const one = BigDecimal.make(1n, 0)
    if (!(BigDecimal.isGreaterThan(a, zero) && BigDecimal.isLessThan(a, b) && BigDecimal.isLessThanOrEqualTo(b, one))) {
      return yield* new InvalidInput({ operation: "freeze", field: "scope.cutoffs", reason: "must satisfy 0 < a < b ≤ 1" })
    }
    return { a, b }
  })

/** Consumption value per item (minor units): stock issued from internal locations to customers or production. */
const consumption = (tenantId: TenantId, from: DateTime.Utc, to: DateTime.Utc): Effect.Effect<Map<ItemId, bigint>, StoreError, Env> =>
  Effect.gen(function*() {
    const usage = new Map((yield* (yield* CatalogStore).listLocations(tenantId)).map((l) => [l.id, l.usage]))
    const issued = new Map<ItemId, bigint>()
    yield* eachMovement(tenantId, { effectiveFrom: from, effectiveTo: to }, (m) => {
      const target = usage.get(m.toLocationId)
      if (usage.get(m.fromLocationId) === "internal" && (target === "customer" || target === "production")) {
        issued.set(m.itemId, (issued.get(m.itemId) ?? 0n) + m.quantity)
      }
    })
    const items = yield* (yield* CatalogStore).getItems(tenantId, [...issued.keys()])
    const rates = yield* ratesOf(tenantId, [...items.values()])
    const out = new Map<ItemId, bigint>()
    for (const [itemId, quantity] of issued) out.set(itemId, Money.atRate(rates.get(itemId)?.rate ?? null, quantity))
    return out
  })

/**
 * Exact ABC classes with `Abc.classify`'s rule: ranked by value (highest first, then id), an item is A while
 * the value ranked before it is below the A cut-off of the total, B while below the B cut-off, else C.
 */
export const classify = (
  entries: ReadonlyArray<{ readonly id: ItemId; readonly value: bigint }>,
  cutoffs: { readonly a: BigDecimal.BigDecimal; readonly b: BigDecimal.BigDecimal }
): Map<ItemId, Abc.AbcClass> => {
  const ranked = [...entries].sort((x, y) => (x.value !== y.value ? (x.value > y.value ? -1 : 1) : x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
  const total = ranked.reduce((n, e) => n + e.value, 0n)
  const out = new Map<ItemId, Abc.AbcClass>()
  const below = (before: bigint, cut: BigDecimal.BigDecimal) => {
    const c = BigDecimal.normalize(cut)
    return c.scale >= 0 ? before * pow10(c.scale) < c.value * total : before < c.value * pow10(-c.scale) * total
  }
  let before = 0n
  for (const e of ranked) {
    out.set(e.id, total === 0n ? "C" : below(before, cutoffs.a) ? "A" : below(before, cutoffs.b) ? "B" : "C")
    before += e.value
  }
  return out
}

// sfc32 seeded by a cyrb128 hash of the seed: the same seed draws the same sample on every platform.
const generator = (seed: string): (() => number) => {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  let a = Math.imul(h3 ^ (h1 >>> 18), 597399067) >>> 0
  let b = Math.imul(h4 ^ (h2 >>> 22), 2869860233) >>> 0
  let c = Math.imul(h1 ^ (h3 >>> 17), 951274213) >>> 0
  let d = Math.imul(h2 ^ (h4 >>> 19), 2716044179) >>> 0
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    return t
  }
}

/** `size` of the (sorted) candidates, drawn by a partial Fisher–Yates shuffle from the seed, sorted. */
export const sample = <A extends string>(candidates: ReadonlyArray<A>, size: number, seed: string): Array<A> => {
  const pool = [...candidates].sort()
  const next = generator(seed)
  const n = Math.min(size, pool.length)
  for (let i = 0; i < n; i++) {
    const j = i + (next() % (pool.length - i))
    const t = pool[i]!
    pool[i] = pool[j]!
    pool[j] = t
  }
  return pool.slice(0, n).sort()
}

/**
 * Each item's unit value: the valuation's value on hand over its quantity, else the unit cost of its last
 * movement that carried one, else none.
 */
export const ratesOf = (
  tenantId: TenantId,
  items: ReadonlyArray<Item>
): Effect.Effect<Map<ItemId, CountItem>, StoreError, LedgerStore | ValuationStore> =>
  Effect.gen(function*() {
    const store = yield* ValuationStore
    const scale = (yield* store.getSettings(tenantId, "none")).currencyScale
    const totals = items.length === 0 ? [] : yield* store.totals(tenantId, { itemIds: items.map((i) => i.id) })
    const pooled = new Map<ItemId, { value: bigint; quantity: bigint }>()
    for (const t of totals) {
      const p = pooled.get(t.itemId) ?? { value: 0n, quantity: 0n }
      pooled.set(t.itemId, { value: p.value + t.value, quantity: p.quantity + t.quantity })
    }
    const out = new Map<ItemId, CountItem>()
    for (const item of items) {
      const decimals = item.baseUnit.decimals
      const p = pooled.get(item.id)
      if (p !== undefined && p.quantity > 0n) {
        out.set(item.id, { itemId: item.id, decimals, rate: p, rateSource: "valuation" })
        continue
      }
      let last: BigDecimal.BigDecimal | null = null
      yield* eachMovement(tenantId, { itemId: item.id }, (m) => {
        if (m.unitCost !== null) last = m.unitCost
      })
      const cost = last as BigDecimal.BigDecimal | null
      if (cost === null) {
        out.set(item.id, { itemId: item.id, decimals, rate: null, rateSource: "none" })
        continue
      }
      // unit cost u per base unit = u.value / 10^u.scale: minor units per smallest unit, as an exact ratio.
      const u = BigDecimal.normalize(cost)
      const rate = u.scale >= 0
        ? { value: u.value * pow10(scale), quantity: pow10(u.scale + decimals) }
        : { value: u.value * pow10(scale - u.scale), quantity: pow10(decimals) }
      out.set(item.id, { itemId: item.id, decimals, rate, rateSource: "last-cost" })
    }
    return out
  })




/**
 * The invariant checker: `verify` re-derives what the ledger must hold from the movements and compares it with
 * what the stores hold, for one tenant, over any store.
 *
 * It checks that balances equal the ledger sums per (item, location, lot); that each item sums to zero over
 * all locations; that no serial is in two places and serial positions match the movements; that no
 * stock-holding balance is negative where negative stock is refused; and that reservations do not exceed
 * stock there. It reports every violation it finds, not just the first.
 *
 * @since 0.1.0
 */
import { DateTime, Effect } from "effect"
import { CatalogStore } from "./CatalogStore.ts"
import { CurrentActor } from "./CurrentActor.ts"
import type { ItemId, LocationId, ReservationId } from "./Ids.ts"
import type { Item } from "./Item.ts"
import { type Balance, keyOf, LedgerStore } from "./LedgerStore.ts"
import { holdsStock, isOnHand } from "./Location.ts"
import { outstanding, type Reservation } from "./Reservation.ts"
import { ReservationStore } from "./ReservationStore.ts"
import type { StoreError } from "./StoreError.ts"

/**
 * One broken invariant.
 *
 * @since 0.1.0
 */
export interface Violation {
  readonly kind:
    | "balance-mismatch"
    | "item-not-balanced"
    | "serial-duplicated"
    | "serial-mismatch"
    | "serial-count-mismatch"
    | "negative-stock"
    | "over-reserved"
  readonly itemId: string
  readonly locationId: string | null
  readonly detail: string
}

/**
 * The checker's findings.
 *
 * @since 0.1.0
 */
export interface Report {
  readonly ok: boolean
  readonly violations: ReadonlyArray<Violation>
  readonly checked: { readonly movements: number; readonly balances: number; readonly serials: number; readonly reservations: number }
}

const PAGE = 10_000

/**
 * Checks every invariant for the current tenant.
 *
 * @since 0.1.0
 */
export const verify: Effect.Effect<Report, StoreError, LedgerStore | CatalogStore | ReservationStore | CurrentActor> = Effect.gen(function*() {
  const { tenantId } = yield* CurrentActor
  const ledger = yield* LedgerStore
  const catalog = yield* CatalogStore
  const violations: Array<Violation> = []

  const expected = new Map<string, Balance>()
  const serialsFromLedger = new Map<string, { itemId: ItemId; serial: string; locationId: LocationId | null }>()
  const locations = new Map((yield* catalog.listLocations(tenantId)).map((l) => [l.id, l]))
  let movements = 0
  for (let after = 0; ;) {
    const page = yield* ledger.movements(tenantId, {}, { afterSeq: after, limit: PAGE })
    for (const m of page) {
      movements++
      for (const [locationId, delta] of [[m.fromLocationId, -m.quantity], [m.toLocationId, m.quantity]] as const) {
        const key = keyOf({ itemId: m.itemId, locationId, lot: m.lot })
        const row = expected.get(key)
        expected.set(key, { itemId: m.itemId, locationId, lot: m.lot, quantity: (row?.quantity ?? 0n) + delta })
      }
      const to = locations.get(m.toLocationId)
      for (const serial of m.serials) {
        serialsFromLedger.set(`${m.itemId}\u0000${serial}`, { itemId: m.itemId, serial, locationId: to !== undefined && holdsStock(to.usage) ? to.id : null })
      }
    }
    if (page.length < PAGE) break
    after = page[page.length - 1]!.seq
  }

  const stored = yield* ledger.balances(tenantId, {})
  const storedByKey = new Map(stored.map((b) => [keyOf(b), b]))
  for (const [key, row] of expected) {
    const actual = storedByKey.get(key)?.quantity ?? 0n
    if (actual !== row.quantity) {
      violations.push({ kind: "balance-mismatch", itemId: row.itemId, locationId: row.locationId, detail: `lot ${row.lot ?? "-"}: balance ${actual}, ledger sum ${row.quantity}` })
    }
  }
  for (const [key, row] of storedByKey) {
    if (!expected.has(key)) {
      violations.push({ kind: "balance-mismatch", itemId: row.itemId, locationId: row.locationId, detail: `lot ${row.lot ?? "-"}: balance ${row.quantity}, ledger sum 0` })
    }
  }

  const totals = new Map<ItemId, bigint>()
  for (const b of stored) totals.set(b.itemId, (totals.get(b.itemId) ?? 0n) + b.quantity)
  for (const [itemId, total] of totals) {
    if (total !== 0n) violations.push({ kind: "item-not-balanced", itemId, locationId: null, detail: `sums to ${total} over all locations, not 0` })
  }

  const items = new Map<ItemId, Item>()
  for (let afterSku: string | undefined; ;) {
    const page = yield* catalog.listItems(tenantId, { limit: PAGE, ...(afterSku === undefined ? {} : { afterSku }) })
    for (const item of page) items.set(item.id, item)
    if (page.length < PAGE) break
    afterSku = page[page.length - 1]!.sku
  }

  const serials = yield* ledger.serials(tenantId, {})
  const seen = new Map<string, LocationId | null>()
  const serialCounts = new Map<string, bigint>()
  for (const s of serials) {
    const key = `${s.itemId}\u0000${s.serial}`
    if (seen.has(key)) {
      violations.push({ kind: "serial-duplicated", itemId: s.itemId, locationId: s.locationId, detail: `serial ${s.serial} is also at ${seen.get(key)}` })
    }
    seen.set(key, s.locationId)
    if (s.locationId !== null) {
      const k = keyOf({ itemId: s.itemId, locationId: s.locationId, lot: null })
      serialCounts.set(k, (serialCounts.get(k) ?? 0n) + 1n)
    }
  }
  for (const [key, s] of serialsFromLedger) {
    if ((seen.get(key) ?? null) !== s.locationId) {
      violations.push({ kind: "serial-mismatch", itemId: s.itemId, locationId: seen.get(key) ?? null, detail: `serial ${s.serial} should be at ${s.locationId ?? "no stock location"}` })
    }
  }
  for (const [key] of seen) {
    if (!serialsFromLedger.has(key)) {
      const [itemId, serial] = key.split("\u0000") as [string, string]
      violations.push({ kind: "serial-mismatch", itemId, locationId: seen.get(key) ?? null, detail: `serial ${serial} has no movement` })
    }
  }

  const onHandByItem = new Map<ItemId, bigint>()
  for (const b of stored) {
    const location = locations.get(b.locationId)
    const item = items.get(b.itemId)
    if (location === undefined || item === undefined || !holdsStock(location.usage)) continue
    if (b.quantity < 0n && !item.allowNegativeStock && !location.allowNegativeStock) {
      violations.push({ kind: "negative-stock", itemId: b.itemId, locationId: b.locationId, detail: `lot ${b.lot ?? "-"} holds ${b.quantity}` })
    }
    if (item.tracking === "serial") {
      const units = 10n ** BigInt(item.baseUnit.decimals)
      const counted = (serialCounts.get(keyOf({ itemId: b.itemId, locationId: b.locationId, lot: null })) ?? 0n) * units
      if (counted !== b.quantity) {
        violations.push({ kind: "serial-count-mismatch", itemId: b.itemId, locationId: b.locationId, detail: `balance ${b.quantity}, serials ${counted}` })
      }
    }
    if (isOnHand(location.usage)) onHandByItem.set(b.itemId, (onHandByItem.get(b.itemId) ?? 0n) + b.quantity)
  }

  const now = yield* DateTime.now
  const reservations: Array<Reservation> = []
  for (let afterId: ReservationId | undefined; ;) {
    const page = yield* (yield* ReservationStore).list(tenantId, { status: "open", limit: PAGE, ...(afterId === undefined ? {} : { afterId }) })
    reservations.push(...page)
    if (page.length < PAGE) break
    afterId = page[page.length - 1]!.id
  }
  const reserved = new Map<ItemId, bigint>()
  for (const r of reservations) reserved.set(r.itemId, (reserved.get(r.itemId) ?? 0n) + outstanding(r, now))
  for (const [itemId, total] of reserved) {
    const item = items.get(itemId)
    const onHand = onHandByItem.get(itemId) ?? 0n
    if (item !== undefined && !item.allowNegativeStock && total > onHand) {
      violations.push({ kind: "over-reserved", itemId, locationId: null, detail: `${total} reserved, ${onHand} on hand` })
    }
  }

  return {
    ok: violations.length === 0,
    violations,
    checked: { movements, balances: stored.length, serials: serials.length, reservations: reservations.length }
  }
})

/**
 * Pick suggestions: where to take stock from, expiry-first (FEFO) or first-in-first-out (FIFO) over lots.
 *
 * Only internal locations count. Expired lots are skipped unless asked for. Items without lots are picked
 * from the locations holding the most first, so a pick touches as few bins as possible.
 *
 * @since 0.1.0
 */
import { type BigDecimal, DateTime, Effect, Result } from "effect"
import * as Catalog from "./Catalog.ts"
import { CatalogStore } from "./CatalogStore.ts"
import type { UnknownItem, UnknownLocation } from "./CatalogError.ts"
import { CurrentActor } from "./CurrentActor.ts"
import type { LocationId } from "./Ids.ts"
import * as ItemModel from "./Item.ts"
import { InvalidMovement } from "./LedgerError.ts"
import { LedgerStore } from "./LedgerStore.ts"
import * as Locations from "./Locations.ts"
import { isOnHand } from "./Location.ts"
import * as Quantity from "./Quantity.ts"
import type { StoreError } from "./StoreError.ts"
import * as UnitOfMeasure from "./UnitOfMeasure.ts"

/** The picking order. @since 0.1.0 */
export type Strategy = "fefo" | "fifo"

/**
 * A pick request. `quantity` is in `unit` (the base unit by default).
 *
 * @since 0.1.0
 */
export interface Request {
  readonly itemId: string
  readonly quantity: Quantity.Input
  readonly unit?: string
  readonly locationId?: string
  readonly strategy: Strategy
  readonly includeExpired?: boolean
}

/**
 * One suggested pick, in the item's base unit.
 *
 * @since 0.1.0
 */
export interface Pick {
  readonly locationId: LocationId
  readonly lot: string | null
  readonly expiresAt: DateTime.Utc | null
  readonly quantity: BigDecimal.BigDecimal
}

/**
 * The suggestion: picks in order, and what could not be covered.
 *
 * @since 0.1.0
 */
export interface Suggestion {
  readonly picks: ReadonlyArray<Pick>
  readonly shortfall: BigDecimal.BigDecimal
}

/**
 * Suggests picks for a quantity of an item.
 *
 * @since 0.1.0
 */
export const suggest = (
  request: Request
): Effect.Effect<
  Suggestion,
  UnknownItem | UnknownLocation | InvalidMovement | Quantity.InvalidQuantity | UnitOfMeasure.UnknownUnit | StoreError,
  LedgerStore | CatalogStore | CurrentActor
> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const item = yield* Catalog.getItem(request.itemId)
    const converted = UnitOfMeasure.toBaseUnits(ItemModel.scheme(item), request.quantity, request.unit ?? item.baseUnit.code)
    if (Result.isFailure(converted)) return yield* converted.failure
    if (converted.success <= 0n) return yield* new InvalidMovement({ field: "quantity", reason: "must be positive" })
    const ids = request.locationId === undefined ? undefined : yield* Locations.subtree(request.locationId)
    const ledger = yield* LedgerStore
    const balances = (yield* ledger.balances(actor.tenantId, { itemId: item.id, ...(ids === undefined ? {} : { locationIds: ids }) }))
      .filter((b) => b.quantity > 0n)
    const locations = yield* (yield* CatalogStore).getLocations(actor.tenantId, [...new Set(balances.map((b) => b.locationId))])
    const lots = new Map((yield* ledger.lots(actor.tenantId, { itemId: item.id })).map((l) => [l.code, l]))
    const now = yield* DateTime.now
    const candidates = balances
      .filter((b) => {
        const location = locations.get(b.locationId)
        if (location === undefined || !isOnHand(location.usage)) return false
        const expiresAt = b.lot === null ? null : (lots.get(b.lot)?.expiresAt ?? null)
        return request.includeExpired === true || expiresAt === null || DateTime.isGreaterThan(expiresAt, now)
      })
      .map((b) => {
        const lot = b.lot === null ? undefined : lots.get(b.lot)
        return { balance: b, code: locations.get(b.locationId)!.code, expiresAt: lot?.expiresAt ?? null, receivedAt: lot?.receivedAt ?? null }
      })
    const millis = (t: DateTime.Utc | null) => (t === null ? Number.POSITIVE_INFINITY : DateTime.toEpochMillis(t))
    candidates.sort((a, b) =>
      (request.strategy === "fefo" ? millis(a.expiresAt) - millis(b.expiresAt) : 0) ||
      millis(a.receivedAt) - millis(b.receivedAt) ||
      (a.balance.quantity === b.balance.quantity ? 0 : a.balance.quantity > b.balance.quantity ? -1 : 1) ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
    )
    let remaining = converted.success
    const picks: Array<Pick> = []
    for (const c of candidates) {
      if (remaining === 0n) break
      const take = c.balance.quantity < remaining ? c.balance.quantity : remaining
      remaining -= take
      picks.push({ locationId: c.balance.locationId, lot: c.balance.lot, expiresAt: c.expiresAt, quantity: Quantity.fromUnits(take, item.baseUnit.decimals) })
    }
    return { picks, shortfall: Quantity.fromUnits(remaining, item.baseUnit.decimals) }
  })

// A posting's balance deltas: summed per balance row, so that lines on the same row are checked together
// against their summed demand. Rows are found by location, then item (and lot): movements carry the catalog's
// own id strings, which maps compare by identity, where a composite key would be a new string to hash for
// every line. What a location implies for the checks is worked out once per location, not per row.
import { Effect } from "effect"
import type { ItemId, LocationId, TenantId } from "../Ids.ts"
import { type BalanceKey, keyOf, type LedgerStore } from "../LedgerStore.ts"
import { holdsStock, isOnHand, type Location } from "../Location.ts"
import type { Movement } from "../Movement.ts"
import type { StoreError } from "../StoreError.ts"

export type Delta = BalanceKey & { delta: bigint }

/** A location as the balance checks see it, with the batch's rows there by item (and lot). */
export interface Place {
  readonly rows: Map<string, Delta>
  /** Holds stock and refuses to go negative. */
  readonly guarded: boolean
  readonly onHand: boolean
}

export interface Grouped {
  /** The rows in the order first touched. */
  readonly deltas: Array<Delta>
  /** Each row's location. */
  readonly placeOf: Array<Place>
  /** Items with a row at an on-hand location, in the order first touched. */
  readonly onHandItems: Set<ItemId>
}

export const group = (movements: ReadonlyArray<Movement>, locations: ReadonlyMap<LocationId, Location>): Grouped => {
  const deltas: Array<Delta> = []
  const placeOf: Array<Place> = []
  const places = new Map<LocationId, Place>()
  const onHandItems = new Set<ItemId>()
  const add = (itemId: ItemId, locationId: LocationId, lot: string | null, delta: bigint) => {
    let place = places.get(locationId)
    if (place === undefined) {
      const location = locations.get(locationId)!
      places.set(locationId, place = { rows: new Map(), guarded: holdsStock(location.usage) && !location.allowNegativeStock, onHand: isOnHand(location.usage) })
    }
    const cell = lot === null ? itemId : `${itemId}\u0000${lot}`
    const row = place.rows.get(cell)
    if (row !== undefined) row.delta += delta
    else {
      const next = { itemId, locationId, lot, delta }
      place.rows.set(cell, next)
      deltas.push(next)
      placeOf.push(place)
      if (place.onHand) onHandItems.add(itemId)
    }
  }
  for (const m of movements) {
    add(m.itemId, m.fromLocationId, m.lot, -m.quantity)
    add(m.itemId, m.toLocationId, m.lot, m.quantity)
  }
  return { deltas, placeOf, onHandItems }
}

/**
 * On-hand deltas per item and location (lots summed). Only needed for items with reservations to check them
 * against, so built on demand.
 */
export const onHand = (deltas: ReadonlyArray<Delta>, placeOf: ReadonlyArray<Place>): Map<ItemId, Map<LocationId, bigint>> => {
  const grouped = new Map<ItemId, Map<LocationId, bigint>>()
  for (let i = 0; i < deltas.length; i++) {
    if (!placeOf[i]!.onHand) continue
    const d = deltas[i]!
    let perItem = grouped.get(d.itemId)
    if (perItem === undefined) grouped.set(d.itemId, perItem = new Map())
    perItem.set(d.locationId, (perItem.get(d.locationId) ?? 0n) + d.delta)
  }
  return grouped
}

/** Current quantities in key order: through the store's keyless read when it has one. */
export const quantities = (
  ledger: LedgerStore["Service"],
  tenantId: TenantId,
  keys: ReadonlyArray<BalanceKey>
): Effect.Effect<ReadonlyArray<bigint>, StoreError> =>
  ledger.quantities !== undefined
    ? ledger.quantities(tenantId, keys)
    : Effect.map(ledger.getBalances(tenantId, keys), (balances) => keys.map((k) => balances.get(keyOf(k)) ?? 0n))

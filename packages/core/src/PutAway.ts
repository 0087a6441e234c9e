/**
 * Put-away suggestions: which bin a receipt should go to, by one simple rule.
 *
 * 1. **Consolidate**: a bin under the receiving location that already holds the item (the same lot, for a
 *    lot) and has room for the quantity. Room is checked only when a capacity is known (the item's
 *    `binCapacity` attribute, in base units per bin); without one, every bin has room. Among several, the
 *    bin holding the most wins, then the lowest id.
 * 2. **Preferred**: the item's preferred bin (its `putAwayBin` attribute, a location id), when it lies under
 *    the receiving location and has room.
 * 3. **Receiving**: otherwise the stock stays where it was received.
 *
 * {@link suggest} is pure; {@link Receiving.receive} feeds it from the catalog and the ledger.
 *
 * @since 0.1.0
 */
import type { LocationId } from "./Ids.ts"
import type { Item } from "./Item.ts"
import * as Quantity from "./Quantity.ts"
import { Result } from "effect"

/**
 * One bin under the receiving location and what it holds of the item, in smallest base units: `item` for all
 * lots together, `lot` for the lot being received (equal to `item` for untracked items).
 *
 * @since 0.1.0
 */
export interface BinStock {
  readonly locationId: LocationId
  readonly item: bigint
  readonly lot: bigint
}

/**
 * What the rule looks at.
 *
 * @since 0.1.0
 */
export interface Input {
  readonly receivingLocationId: LocationId
  /** The quantity received, in smallest base units. */
  readonly quantity: bigint
  /** Every bin under the receiving location, holding stock or not. */
  readonly bins: ReadonlyArray<BinStock>
  /** How much of the item one bin may hold, in smallest base units; null when unknown. */
  readonly capacity: bigint | null
  /** The item's preferred bin, if it has one. */
  readonly preferredBinId: LocationId | null
}

/** Which step of the rule chose the bin. @since 0.1.0 */
export type Rule = "consolidate" | "preferred" | "receiving"

/**
 * A suggested bin and why.
 *
 * @since 0.1.0
 */
export interface Suggestion {
  readonly locationId: LocationId
  readonly rule: Rule
}

const hasRoom = (input: Input, bin: BinStock): boolean => input.capacity === null || bin.item + input.quantity <= input.capacity

/**
 * Applies the rule.
 *
 * @since 0.1.0
 */
export const suggest = (input: Input): Suggestion => {
  let best: BinStock | undefined
  for (const bin of input.bins) {
    if (bin.lot <= 0n || !hasRoom(input, bin)) continue
    if (best === undefined || bin.lot > best.lot || (bin.lot === best.lot && bin.locationId < best.locationId)) best = bin
  }
  if (best !== undefined) return { locationId: best.locationId, rule: "consolidate" }
  if (input.preferredBinId !== null) {
    const preferred = input.bins.find((b) => b.locationId === input.preferredBinId)
    if (preferred !== undefined && hasRoom(input, preferred)) return { locationId: preferred.locationId, rule: "preferred" }
  }
  return { locationId: input.receivingLocationId, rule: "receiving" }
}

/**
 * The item's bin capacity (its `binCapacity` attribute, a number or decimal string in the base unit) in
 * smallest base units, or null when it has none or it is not an exact non-negative quantity.
 *
 * @since 0.1.0
 */
export const capacityOf = (item: Item): bigint | null => {
  const raw = item.attributes["binCapacity"]
  if (typeof raw !== "number" && typeof raw !== "string") return null
  const units = Quantity.parseUnits(raw, item.baseUnit.decimals, "binCapacity")
  return Result.isSuccess(units) && units.success >= 0n ? units.success : null
}

/**
 * The item's preferred bin (its `putAwayBin` attribute), or null.
 *
 * @since 0.1.0
 */
export const preferredBinOf = (item: Item): LocationId | null => {
  const raw = item.attributes["putAwayBin"]
  return typeof raw === "string" && raw.length > 0 ? (raw as LocationId) : null
}

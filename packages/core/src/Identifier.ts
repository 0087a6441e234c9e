/**
 * Identifiers read by devices (GTINs, SKUs, serials, lot codes, location codes, asset tags), and the catalog
 * entries they name.
 *
 * A scanned code says nothing about its kind: `"A-12"` may be a SKU, a bin or a lot. The
 * {@link IdentifierResolver} looks it up and answers with a {@link Match}. The codes here are plain, already
 * decoded strings; GS1 application identifiers and EPC binary are decoded by connectors before they get here.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { ItemId, LocationId } from "./Ids.ts"
import { Tracking } from "./Item.ts"

/** The kinds of identifier a device can read. Asset tags name assets, which the core does not hold yet. @since 0.1.0 */
export const IdentifierKind = Schema.Literals(["gtin", "sku", "serial", "lot", "location", "assetTag"])
/** @since 0.1.0 */
export type IdentifierKind = typeof IdentifierKind.Type

/** A code whose kind is known, for example from a GS1 application identifier. @since 0.1.0 */
export const Identifier = Schema.Struct({ kind: IdentifierKind, code: Schema.String })
/** @since 0.1.0 */
export type Identifier = typeof Identifier.Type

/**
 * The code names an item, by one of its GTINs or by its SKU. `tracking` tells a workflow whether a lot or
 * serial must still be scanned.
 *
 * @since 0.1.0
 */
export const ItemMatch = Schema.TaggedStruct("Item", {
  itemId: ItemId,
  via: Schema.Literals(["gtin", "sku"]),
  tracking: Tracking
})
/** @since 0.1.0 */
export type ItemMatch = typeof ItemMatch.Type

/** The code is a serial in stock; `locationId` is where the serial is. @since 0.1.0 */
export const SerialMatch = Schema.TaggedStruct("Serial", { itemId: ItemId, serial: Schema.String, locationId: LocationId })
/** @since 0.1.0 */
export type SerialMatch = typeof SerialMatch.Type

/** The code is a registered lot of an item. @since 0.1.0 */
export const LotMatch = Schema.TaggedStruct("Lot", { itemId: ItemId, lot: Schema.String })
/** @since 0.1.0 */
export type LotMatch = typeof LotMatch.Type

/** The code is a location's code. @since 0.1.0 */
export const LocationMatch = Schema.TaggedStruct("Location", { locationId: LocationId })
/** @since 0.1.0 */
export type LocationMatch = typeof LocationMatch.Type

/** What a code names. @since 0.1.0 */
export const Match = Schema.Union([ItemMatch, SerialMatch, LotMatch, LocationMatch])
/** @since 0.1.0 */
export type Match = typeof Match.Type

/**
 * Whether two matches name the same thing. An item found by its GTIN and by its SKU is one item, so `via`
 * does not count.
 *
 * @since 0.1.0
 */
export const sameTarget = (a: Match, b: Match): boolean => {
  switch (a._tag) {
    case "Item":
      return b._tag === "Item" && a.itemId === b.itemId
    case "Serial":
      return b._tag === "Serial" && a.itemId === b.itemId && a.serial === b.serial
    case "Lot":
      return b._tag === "Lot" && a.itemId === b.itemId && a.lot === b.lot
    case "Location":
      return b._tag === "Location" && a.locationId === b.locationId
  }
}

/**
 * The matches without repeats of the same target, first one kept, in order.
 *
 * @since 0.1.0
 */
export const distinct = (matches: ReadonlyArray<Match>): Array<Match> => {
  const out: Array<Match> = []
  for (const m of matches) if (!out.some((o) => sameTarget(o, m))) out.push(m)
  return out
}

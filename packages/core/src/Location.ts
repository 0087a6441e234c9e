/**
 * Locations: a tree of places that hold or exchange stock.
 *
 * The kind says what a place is (region > site > building > floor > room, warehouse > zone > bin); the usage
 * says how the ledger treats it. Internal, transit and consignment locations hold stock and are checked
 * against negative stock; supplier, customer, loss/adjustment and production locations are the virtual
 * counterparts that make every movement balance.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { LocationId, TenantId } from "./Ids.ts"
import { isToken } from "./internal/text.ts"
import { UtcTime } from "./internal/utcTime.ts"

/** What a location physically is. @since 0.1.0 */
export const LocationKind = Schema.Literals(["region", "site", "building", "floor", "room", "warehouse", "zone", "bin"])
/** @since 0.1.0 */
export type LocationKind = typeof LocationKind.Type

/** How the ledger treats a location. @since 0.1.0 */
export const LocationUsage = Schema.Literals([
  "internal",
  "supplier",
  "customer",
  "transit",
  "loss",
  "production",
  "consignment"
])
/** @since 0.1.0 */
export type LocationUsage = typeof LocationUsage.Type

/**
 * Nesting ranks: a child's kind must rank strictly below its parent's.
 *
 * @since 0.1.0
 */
export const kindRank: Readonly<Record<LocationKind, number>> = {
  region: 0,
  site: 1,
  building: 2,
  warehouse: 3,
  floor: 3,
  room: 4,
  zone: 5,
  bin: 6
}

/** Whether locations of this usage hold stock (and so are checked against negative stock). @since 0.1.0 */
export const holdsStock = (usage: LocationUsage): boolean =>
  usage === "internal" || usage === "transit" || usage === "consignment"

/** Whether stock at locations of this usage counts as on hand. @since 0.1.0 */
export const isOnHand = (usage: LocationUsage): boolean => usage === "internal"

/** A location code: 1–64 characters without whitespace or control characters. @since 0.1.0 */
export const LocationCode = Schema.String.pipe(
  Schema.check(Schema.makeFilter((s: string) => (s.length >= 1 && s.length <= 64 && isToken(s)) || "a code of 1 to 64 characters without spaces"))
)

/**
 * A location as stored. `path` lists its ancestors from the root down to its parent.
 *
 * @since 0.1.0
 */
export const Location = Schema.Struct({
  id: LocationId,
  tenantId: TenantId,
  code: LocationCode,
  name: Schema.String,
  kind: LocationKind,
  usage: LocationUsage,
  parentId: Schema.NullOr(LocationId),
  path: Schema.Array(LocationId),
  allowNegativeStock: Schema.Boolean,
  archived: Schema.Boolean,
  version: Schema.Int,
  createdAt: UtcTime,
  updatedAt: UtcTime
})
/** @since 0.1.0 */
export type Location = typeof Location.Type

/**
 * Input to create a location.
 *
 * @since 0.1.0
 */
export const NewLocation = Schema.Struct({
  id: Schema.optionalKey(LocationId),
  code: LocationCode,
  name: Schema.optionalKey(Schema.String),
  kind: LocationKind,
  usage: Schema.optionalKey(LocationUsage),
  parentId: Schema.optionalKey(Schema.NullOr(LocationId)),
  allowNegativeStock: Schema.optionalKey(Schema.Boolean)
})
/** @since 0.1.0 */
export type NewLocation = typeof NewLocation.Encoded

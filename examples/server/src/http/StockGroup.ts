/**
 * The stock routes: on hand, reserved and available for an item (in a location subtree, for a lot), on hand
 * as of a past date, and the breakdown per location and lot.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "effect/http-api"
import * as Auth from "../Auth.ts"
import * as Problem from "../Problem.ts"

/**
 * Stock of an item in a scope; quantities are decimal strings in the item's base unit.
 *
 * @since 0.1.0
 */
export const StockLevel = Schema.Struct({
  itemId: Schema.String,
  locationId: Schema.NullOr(Schema.String),
  lot: Schema.NullOr(Schema.String),
  onHand: Schema.String,
  reserved: Schema.String,
  available: Schema.String
})

/**
 * The stock group.
 *
 * @since 0.1.0
 */
export class StockGroup extends HttpApiGroup.make("stock")
  .add(
    HttpApiEndpoint.get("level", "/stock/:itemId", {
      params: { itemId: Schema.String },
      query: { locationId: Schema.optional(Schema.String), lot: Schema.optional(Schema.String) },
      success: StockLevel,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("asOf", "/stock/:itemId/as-of", {
      params: { itemId: Schema.String },
      query: { at: Schema.String, locationId: Schema.optional(Schema.String), lot: Schema.optional(Schema.String) },
      success: Schema.Struct({ itemId: Schema.String, at: Schema.String, onHand: Schema.String }),
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("breakdown", "/stock", {
      query: { itemId: Schema.optional(Schema.String), locationId: Schema.optional(Schema.String) },
      success: Schema.Array(Schema.Struct({
        itemId: Schema.String,
        locationId: Schema.String,
        usage: Schema.String,
        lot: Schema.NullOr(Schema.String),
        quantity: Schema.String
      })),
      error: Problem.domain
    }).pipe(Auth.requires("read"))
  )
  .middleware(Auth.Authorization)
  .prefix("/api/v1")
  .annotateMerge(OpenApi.annotations({ title: "Stock", description: "On hand, reserved and available" }))
{}

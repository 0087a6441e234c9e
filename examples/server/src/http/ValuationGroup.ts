/**
 * The valuation routes: cost of goods sold, the value of stock at a date, an item's cost layers, inventory
 * aging, and a refresh of the valuation (manager).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "effect/http-api"
import * as Auth from "../Auth.ts"
import * as Problem from "../Problem.ts"
import * as S from "./schemas/Valuation.ts"

/**
 * The valuation group.
 *
 * @since 0.1.0
 */
export class ValuationGroup extends HttpApiGroup.make("valuation")
  .add(
    HttpApiEndpoint.get("cogs", "/valuation/cogs", {
      query: {
        itemId: Schema.optional(Schema.String),
        from: Schema.optional(Schema.String),
        to: Schema.optional(Schema.String),
        cursor: Schema.optional(Schema.String),
        limit: Schema.optional(Schema.Int)
      },
      success: S.Cogs,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("valuation", "/valuation", {
      query: {
        at: Schema.optional(Schema.String),
        by: Schema.optional(Schema.Literals(["item", "location", "category"])),
        itemId: Schema.optional(Schema.String),
        locationId: Schema.optional(Schema.String),
        categoryDepth: Schema.optional(Schema.Int)
      },
      success: S.StockValue,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("layers", "/valuation/layers/:itemId", {
      params: { itemId: Schema.String },
      query: { at: Schema.optional(Schema.String) },
      success: S.Layers,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("aging", "/valuation/aging", {
      query: {
        at: Schema.optional(Schema.String),
        itemId: Schema.optional(Schema.String),
        buckets: Schema.optional(Schema.String).annotate({ description: "Bucket bounds in days, comma-separated (e.g. 30,60,90)" })
      },
      success: S.Aging,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.post("refresh", "/valuation/refresh", {
      payload: Schema.Struct({ itemIds: Schema.optional(Schema.Array(Schema.String)) }),
      success: S.Refresh,
      error: Problem.domain
    }).pipe(Auth.requires("valuation:write"))
  )
  .middleware(Auth.Authorization)
  .prefix("/api/v1")
  .annotateMerge(OpenApi.annotations({ title: "Valuation", description: "COGS, stock value, cost layers and aging" }))
{}

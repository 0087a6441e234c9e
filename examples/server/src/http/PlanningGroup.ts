/**
 * The planning routes: reorder suggestions, stock analytics, ABC/XYZ classification, and per item the EOQ,
 * the safety stock and reorder point, and a demand forecast.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "effect/http-api"
import * as Auth from "../Auth.ts"
import * as Problem from "../Problem.ts"
import * as S from "./schemas/Planning.ts"

const Span = {
  from: Schema.optional(Schema.String).annotate({ description: "Start of the demand history (default: 26 weeks ago)" }),
  to: Schema.optional(Schema.String).annotate({ description: "End of the demand history (default: now)" })
}

const Per = Schema.optional(Schema.Literals(["day", "week", "month"]))

/**
 * The planning group.
 *
 * @since 0.1.0
 */
export class PlanningGroup extends HttpApiGroup.make("planning")
  .add(
    HttpApiEndpoint.get("reorder", "/planning/reorder", {
      query: {
        itemIds: Schema.optional(Schema.String).annotate({ description: "Comma-separated item ids" }),
        locationIds: Schema.optional(Schema.String).annotate({ description: "Comma-separated planning locations" })
      },
      success: S.Reorder,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("analytics", "/planning/analytics", {
      query: { ...Span, itemIds: Schema.optional(Schema.String), locationId: Schema.optional(Schema.String) },
      success: S.Analytics,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("abcXyz", "/planning/abc-xyz", {
      query: { ...Span, per: Per },
      success: S.AbcXyz,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("eoq", "/planning/items/:itemId/eoq", {
      params: { itemId: Schema.String },
      query: {
        ...Span,
        orderingCost: Schema.Finite.annotate({ description: "Cost per order, in the currency" }),
        carryingRate: Schema.Finite.annotate({ description: "Holding cost per year as a share of unit cost, e.g. 0.25" }),
        unitCost: Schema.optional(Schema.Finite).annotate({ description: "Default: the item's average cost from valuation" })
      },
      success: S.Eoq,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("safetyStock", "/planning/items/:itemId/safety-stock", {
      params: { itemId: Schema.String },
      query: {
        ...Span,
        per: Per,
        serviceLevel: Schema.optional(Schema.Finite).annotate({ description: "Cycle service level, default 0.95" }),
        leadTimeDays: Schema.optional(Schema.Finite).annotate({ description: "Default: the item's reorder policy lead time" }),
        leadTimeStdDevDays: Schema.optional(Schema.Finite)
      },
      success: S.SafetyStock,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("forecast", "/planning/items/:itemId/forecast", {
      params: { itemId: Schema.String },
      query: {
        ...Span,
        per: Per,
        method: Schema.optional(Schema.Literals(["moving-average", "exponential-smoothing", "holt", "croston", "sba"])),
        horizon: Schema.optional(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 104 }))))
      },
      success: S.ItemForecast,
      error: Problem.domain
    }).pipe(Auth.requires("read"))
  )
  .middleware(Auth.Authorization)
  .prefix("/api/v1")
  .annotateMerge(OpenApi.annotations({ title: "Planning", description: "Reorder suggestions, analytics, ABC/XYZ, EOQ, safety stock, forecasts" }))
{}

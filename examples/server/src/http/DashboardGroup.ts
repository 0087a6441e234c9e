/**
 * The dashboard routes: `GET /api/v1/dashboard` (the summary behind every panel of the page at `/`) and
 * `GET /api/v1/dashboard/options` (items with on hand, bins and supplier locations for the receipt form).
 * Both need the `read` permission, so every role, viewers included, sees the dashboard.
 *
 * @since 0.1.0
 */
import { Layer } from "effect"
import { HttpApiBuilder, HttpApiEndpoint, HttpApiGroup, OpenApi } from "effect/http-api"
import { Api } from "../Api.ts"
import * as Auth from "../Auth.ts"
import * as DashboardAssets from "../DashboardAssets.ts"
import * as DashboardOptions from "../DashboardOptions.ts"
import * as DashboardSummary from "../DashboardSummary.ts"
import * as Problem from "../Problem.ts"

/**
 * The dashboard group.
 *
 * @since 0.1.0
 */
export class DashboardGroup extends HttpApiGroup.make("dashboard")
  .add(
    HttpApiEndpoint.get("summary", "/dashboard", {
      success: DashboardSummary.Summary,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("options", "/dashboard/options", {
      success: DashboardOptions.Options,
      error: Problem.domain
    }).pipe(Auth.requires("read"))
  )
  .middleware(Auth.Authorization)
  .annotateMerge(OpenApi.annotations({
    title: "Dashboard",
    description: "Stock, valuation, ABC, expiring items, assets and recent activity at a glance"
  }))
{}

/**
 * The dashboard handlers. Built lazily: `Api` includes this group, so the module graph is circular and `Api`
 * is only read once the layer is built.
 *
 * @since 0.1.0
 */
export const DashboardLive = Layer.suspend(() =>
  HttpApiBuilder.group(Api, "dashboard", (handlers) =>
    handlers.handleAll({
      summary: () => DashboardSummary.make(DashboardAssets.extras).pipe(Problem.mapErrors),
      options: () => DashboardOptions.options.pipe(Problem.mapErrors)
    }))
)

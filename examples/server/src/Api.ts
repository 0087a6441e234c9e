/**
 * The HTTP API of the example server: every group under `/api/v1`, problem+json errors for request decoding
 * failures, and the OpenAPI 3.1 metadata.
 *
 * Groups declare their routes in `src/http/*Group.ts`; their handlers live beside them in `src/http/*Live.ts`
 * and are wired in `Server.ts`. The API's id is {@link apiId}: a handler layer built from another module
 * (`HttpApiBuilder.group(api, ...)`) must use an api with this id for `HttpApiBuilder.layer(Api)` to find it.
 *
 * @since 0.1.0
 */
import { HttpApi, HttpApiMiddleware, OpenApi } from "effect/http-api"
import { AssetsGroup } from "./http/AssetsGroup.ts"
import { AuditGroup } from "./http/AuditGroup.ts"
import { CatalogGroup } from "./http/CatalogGroup.ts"
import { CountsGroup } from "./http/CountsGroup.ts"
import { CsvGroup } from "./http/CsvGroup.ts"
import { DashboardGroup } from "./http/DashboardGroup.ts"
import { EventsGroup } from "./http/EventsGroup.ts"
import { KeysGroup } from "./http/KeysGroup.ts"
import { MovementsGroup } from "./http/MovementsGroup.ts"
import { PlanningGroup } from "./http/PlanningGroup.ts"
import { ProcurementGroup } from "./http/ProcurementGroup.ts"
import { ReservationsGroup } from "./http/ReservationsGroup.ts"
import { ScansGroup } from "./http/ScansGroup.ts"
import { ServicesGroup } from "./http/ServicesGroup.ts"
import { StockGroup } from "./http/StockGroup.ts"
import { TransfersGroup } from "./http/TransfersGroup.ts"
import { ValuationGroup } from "./http/ValuationGroup.ts"

/**
 * The id of the API.
 *
 * @since 0.1.0
 */
export const apiId = "quartermaster"

/**
 * The API definition.
 *
 * @since 0.1.0
 */
export class Api extends HttpApi.make(apiId)
  .add(CatalogGroup)
  .add(MovementsGroup)
  .add(StockGroup)
  .add(ReservationsGroup)
  .add(CountsGroup)
  .add(TransfersGroup)
  .add(ProcurementGroup)
  .add(ValuationGroup)
  .add(PlanningGroup)
  .add(AssetsGroup)
  .add(ServicesGroup)
  .add(AuditGroup)
  .add(ScansGroup)
  .add(CsvGroup)
  .add(KeysGroup)
  .add(EventsGroup)
  .add(DashboardGroup.prefix("/api/v1"))
  .middleware(HttpApiMiddleware.ProblemDetails)
  .annotateMerge(OpenApi.annotations({
    title: "Quartermaster API",
    version: "0.1.0",
    description: "Inventory, valuation and planning over HTTP. Authenticate with `Authorization: Bearer <API key>`. " +
      "Every failure is application/problem+json."
  }))
{}

/**
 * Handlers of the planning group.
 *
 * @since 0.1.0
 */
import { ReorderSuggestions, StockAnalytics } from "@quartermaster/core"
import { DateTime, Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "../Api.ts"
import * as Planning from "../Planning.ts"
import * as Problem from "../Problem.ts"

const list = (csv: string | undefined): ReadonlyArray<string> | undefined =>
  csv === undefined ? undefined : csv.split(",").map((s) => s.trim()).filter((s) => s !== "")

/**
 * The planning handlers.
 *
 * @since 0.1.0
 */
export const PlanningLive = HttpApiBuilder.group(Api, "planning", (handlers) =>
  handlers.handleAll({
    reorder: ({ query }) => {
      const itemIds = list(query.itemIds)
      const locationIds = list(query.locationIds)
      return ReorderSuggestions.suggest({
        ...(itemIds === undefined ? {} : { itemIds }),
        ...(locationIds === undefined ? {} : { locationIds })
      }).pipe(Problem.mapErrors)
    },
    analytics: ({ query }) =>
      Effect.gen(function*() {
        const itemIds = list(query.itemIds)
        const from = query.from ?? DateTime.formatIso(DateTime.subtract(yield* DateTime.now, { weeks: 26 }))
        return yield* StockAnalytics.analyze({
          from,
          ...(query.to === undefined ? {} : { to: query.to }),
          ...(itemIds === undefined ? {} : { itemIds }),
          ...(query.locationId === undefined ? {} : { locationId: query.locationId })
        })
      }).pipe(Problem.mapErrors),
    abcXyz: ({ query }) => Planning.abcXyz(query).pipe(Problem.mapErrors),
    eoq: ({ params, query }) => Planning.eoq(params.itemId, query).pipe(Problem.mapErrors),
    safetyStock: ({ params, query }) => Planning.safetyStock(params.itemId, query).pipe(Problem.mapErrors),
    forecast: ({ params, query }) => Planning.forecast(params.itemId, query).pipe(Problem.mapErrors)
  }))

/**
 * Handlers of the movements group.
 *
 * @since 0.1.0
 */
import { StockLedger, StockQuery } from "@quartermaster/core"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "../Api.ts"
import * as Problem from "../Problem.ts"

/**
 * The movements handlers.
 *
 * @since 0.1.0
 */
export const MovementsLive = HttpApiBuilder.group(Api, "movements", (handlers) =>
  handlers.handleAll({
    post: ({ payload }) => StockLedger.post(payload.lines).pipe(Problem.mapErrors),
    history: ({ query }) =>
      StockQuery.history({
        ...(query.itemId === undefined ? {} : { itemId: query.itemId }),
        ...(query.locationId === undefined ? {} : { locationId: query.locationId }),
        ...(query.lot === undefined ? {} : { lot: query.lot }),
        ...(query.reference === undefined ? {} : { reference: query.reference }),
        ...(query.from === undefined ? {} : { effectiveFrom: query.from }),
        ...(query.to === undefined ? {} : { effectiveTo: query.to }),
        ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
        ...(query.limit === undefined ? {} : { limit: query.limit })
      }).pipe(Problem.mapErrors)
  }))

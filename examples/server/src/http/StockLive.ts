/**
 * Handlers of the stock group.
 *
 * @since 0.1.0
 */
import { StockQuery } from "@quartermaster/core"
import { BigDecimal, DateTime, Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "../Api.ts"
import * as Problem from "../Problem.ts"
import * as StockLevel from "../StockLevel.ts"

const scope = (itemId: string, query: { readonly locationId?: string | undefined; readonly lot?: string | undefined }) => ({
  itemId,
  ...(query.locationId === undefined ? {} : { locationId: query.locationId }),
  ...(query.lot === undefined ? {} : { lot: query.lot })
})

/**
 * The stock handlers.
 *
 * @since 0.1.0
 */
export const StockLive = HttpApiBuilder.group(Api, "stock", (handlers) =>
  handlers.handleAll({
    // The hottest read: from the invalidated cache, else one database call instead of core's four store calls
    // (see StockLevel.ts and StockCache.ts).
    level: ({ params, query }) => Problem.mapErrors(StockLevel.cached({ itemId: params.itemId, locationId: query.locationId, lot: query.lot })),
    asOf: ({ params, query }) =>
      Effect.gen(function*() {
        const at = DateTime.make(/^\d+$/.test(query.at) ? Number(query.at) : query.at)
        const onHand = yield* StockQuery.onHandAsOf({ ...scope(params.itemId, query), at: at._tag === "Some" ? at.value : query.at })
        return {
          itemId: params.itemId,
          at: at._tag === "Some" ? DateTime.formatIso(at.value) : query.at,
          onHand: BigDecimal.format(onHand)
        }
      }).pipe(Problem.mapErrors),
    breakdown: ({ query }) =>
      StockQuery.breakdown({
        ...(query.itemId === undefined ? {} : { itemId: query.itemId }),
        ...(query.locationId === undefined ? {} : { locationId: query.locationId })
      }).pipe(
        Effect.map((rows) => rows.map((row) => ({ ...row, quantity: BigDecimal.format(row.quantity) }))),
        Problem.mapErrors
      )
  }))

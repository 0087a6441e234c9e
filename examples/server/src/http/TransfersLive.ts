/**
 * Handlers of the transfers group.
 *
 * @since 0.1.0
 */
import { Transfers } from "@quartermaster/core"
import { Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "../Api.ts"
import * as Problem from "../Problem.ts"

/**
 * The transfers handlers.
 *
 * @since 0.1.0
 */
export const TransfersLive = HttpApiBuilder.group(Api, "transfers", (handlers) =>
  handlers.handleAll({
    create: ({ payload }) => Transfers.create(payload).pipe(Problem.mapErrors),
    direct: ({ payload }) => Transfers.direct(payload).pipe(Problem.mapErrors),
    ship: ({ params }) => Transfers.ship(params.transferId).pipe(Problem.mapErrors),
    receive: ({ params, payload }) => Transfers.receive(params.transferId, payload).pipe(Problem.mapErrors),
    close: ({ params, payload }) =>
      Transfers.close(params.transferId, payload.lossLocationId === undefined ? {} : { lossLocationId: payload.lossLocationId }).pipe(
        Problem.mapErrors
      ),
    cancel: ({ params }) => Transfers.cancel(params.transferId).pipe(Problem.mapErrors),
    inTransit: ({ query }) =>
      Transfers.inTransit(query.itemId === undefined ? {} : { itemId: query.itemId }).pipe(Problem.mapErrors),
    get: ({ params }) => Transfers.get(params.transferId).pipe(Problem.mapErrors),
    list: ({ query }) =>
      Effect.gen(function*() {
        const limit = query.limit ?? 100
        const rows = yield* Transfers.list({
          limit: limit + 1,
          ...(query.status === undefined ? {} : { status: [query.status] }),
          ...(query.itemId === undefined ? {} : { itemId: query.itemId }),
          ...(query.cursor === undefined ? {} : { afterId: query.cursor })
        })
        const page = rows.slice(0, limit)
        return { transfers: page, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null }
      }).pipe(Problem.mapErrors)
  }))

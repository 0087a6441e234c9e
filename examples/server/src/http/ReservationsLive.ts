/**
 * Handlers of the reservations group.
 *
 * @since 0.1.0
 */
import { Reservations } from "@quartermaster/core"
import { Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "../Api.ts"
import * as Problem from "../Problem.ts"

/**
 * The reservations handlers.
 *
 * @since 0.1.0
 */
export const ReservationsLive = HttpApiBuilder.group(Api, "reservations", (handlers) =>
  handlers.handleAll({
    reserve: ({ payload }) => Reservations.reserve(payload.reservations).pipe(Problem.mapErrors),
    release: ({ params }) => Reservations.release(params.reservationId).pipe(Problem.mapErrors),
    get: ({ params }) => Reservations.get(params.reservationId).pipe(Problem.mapErrors),
    list: ({ query }) =>
      Effect.gen(function*() {
        const limit = query.limit ?? 100
        const rows = yield* Reservations.list({
          limit: limit + 1,
          ...(query.itemId === undefined ? {} : { itemId: query.itemId }),
          ...(query.status === undefined ? {} : { status: query.status }),
          ...(query.reference === undefined ? {} : { reference: query.reference }),
          ...(query.cursor === undefined ? {} : { afterId: query.cursor })
        })
        const page = rows.slice(0, limit)
        return { reservations: page, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null }
      }).pipe(Problem.mapErrors)
  }))

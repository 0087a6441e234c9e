/**
 * Handlers of the counts group.
 *
 * @since 0.1.0
 */
import { CountReview, CycleCounts } from "@quartermaster/core"
import { Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "../Api.ts"
import * as Problem from "../Problem.ts"

/**
 * The counts handlers.
 *
 * @since 0.1.0
 */
export const CountsLive = HttpApiBuilder.group(Api, "counts", (handlers) =>
  handlers.handleAll({
    create: ({ payload }) => CycleCounts.create(payload).pipe(Problem.mapErrors),
    freeze: ({ params }) => CycleCounts.freeze(params.sessionId).pipe(Problem.mapErrors),
    record: ({ params, payload }) => CycleCounts.record(params.sessionId, payload.lines).pipe(Problem.mapErrors),
    cancel: ({ params }) => CycleCounts.cancel(params.sessionId).pipe(Problem.mapErrors),
    approve: ({ params }) => CountReview.approve(params.sessionId).pipe(Problem.mapErrors),
    get: ({ params }) => CycleCounts.get(params.sessionId).pipe(Problem.mapErrors),
    sheet: ({ params }) => CycleCounts.sheet(params.sessionId).pipe(Problem.mapErrors),
    variances: ({ params }) => CountReview.variances(params.sessionId).pipe(Problem.mapErrors),
    list: ({ query }) =>
      Effect.gen(function*() {
        const limit = query.limit ?? 100
        const rows = yield* CycleCounts.list({
          limit: limit + 1,
          ...(query.status === undefined ? {} : { status: query.status }),
          ...(query.cursor === undefined ? {} : { afterId: query.cursor })
        })
        const page = rows.slice(0, limit)
        return { sessions: page, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null }
      }).pipe(Problem.mapErrors)
  }))

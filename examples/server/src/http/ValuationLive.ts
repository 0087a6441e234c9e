/**
 * Handlers of the valuation group.
 *
 * @since 0.1.0
 */
import { ValuationLayers, ValuationReports, Valuations } from "@quartermaster/core"
import { Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "../Api.ts"
import * as Problem from "../Problem.ts"

const defined = <A extends Record<string, unknown>>(record: A): { [K in keyof A]?: Exclude<A[K], undefined> } => {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(record)) if (v !== undefined) out[k] = v
  return out as { [K in keyof A]?: Exclude<A[K], undefined> }
}

/**
 * The valuation handlers.
 *
 * @since 0.1.0
 */
export const ValuationLive = HttpApiBuilder.group(Api, "valuation", (handlers) =>
  handlers.handleAll({
    cogs: ({ query }) => ValuationReports.cogs(defined(query)).pipe(Problem.mapErrors),
    valuation: ({ query }) => ValuationReports.valuation(defined(query)).pipe(Problem.mapErrors),
    layers: ({ params, query }) =>
      ValuationLayers.layers({ itemId: params.itemId, ...(query.at === undefined ? {} : { at: query.at }) }).pipe(Problem.mapErrors),
    aging: ({ query }) =>
      Effect.gen(function*() {
        const buckets = query.buckets === undefined ? undefined : query.buckets.split(",").map((s) => Number(s.trim()))
        if (buckets !== undefined && buckets.some((n) => !Number.isInteger(n) || n <= 0)) {
          return yield* new Problem.BadRequest({ detail: "buckets must be positive whole days, comma-separated" })
        }
        return yield* ValuationLayers.aging(defined({ at: query.at, itemId: query.itemId, buckets })).pipe(Problem.mapErrors)
      }),
    refresh: ({ payload }) => Valuations.refresh(payload.itemIds).pipe(Problem.mapErrors)
  }))

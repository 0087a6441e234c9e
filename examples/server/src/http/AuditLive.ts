/**
 * Handlers of the audit group.
 *
 * @since 0.1.0
 */
import { CurrentActor, EventLog } from "@quartermaster/core"
import { Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { SqlClient } from "effect/sql"
import { Api } from "../Api.ts"
import * as Problem from "../Problem.ts"

/**
 * The audit handlers.
 *
 * @since 0.1.0
 */
export const AuditLive = HttpApiBuilder.group(Api, "audit", (handlers) =>
  handlers.handleAll({
    entity: ({ params, query }) =>
      Effect.gen(function*() {
        const actor = yield* CurrentActor.CurrentActor
        const limit = query.limit ?? 100
        const afterSeq = query.cursor === undefined ? 0 : Number(query.cursor)
        if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) {
          return yield* new Problem.BadRequest({ detail: "cursor is not a cursor returned by this route" })
        }
        const events = yield* (yield* EventLog.EventLog).byEntity(
          actor.tenantId,
          { type: params.entityType, id: params.entityId },
          { afterSeq, limit: limit + 1 }
        ).pipe(Problem.mapErrors)
        const page = events.slice(0, limit)
        return { events: page, nextCursor: events.length > limit ? String(page[page.length - 1]!.seq) : null }
      }),
    recent: ({ query }) =>
      Effect.gen(function*() {
        const actor = yield* CurrentActor.CurrentActor
        const limit = query.limit ?? 50
        const sql = yield* SqlClient.SqlClient
        // The per-tenant counter holds the last sequence number, so the newest page needs no scan.
        const rows = yield* sql<{ last_seq: unknown }>`SELECT last_seq FROM qm_event_counters WHERE tenant_id = ${actor.tenantId}`.pipe(
          Effect.orDie
        )
        const last = rows.length === 0 ? 0 : Number(rows[0]!.last_seq)
        const events = yield* (yield* EventLog.EventLog).list(actor.tenantId, { afterSeq: Math.max(0, last - limit), limit }).pipe(
          Problem.mapErrors
        )
        return { events: [...events].reverse() }
      })
  }))

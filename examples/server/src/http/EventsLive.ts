/**
 * Handler of the events group: the SSE response.
 *
 * @since 0.1.0
 */
import { CurrentActor, EventLog } from "@quartermaster/core"
import { Effect } from "effect"
import { HttpServerRequest, HttpServerResponse } from "effect/http"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "../Api.ts"
import * as Events from "../Events.ts"
import * as Problem from "../Problem.ts"

/**
 * The events handler.
 *
 * @since 0.1.0
 */
export const EventsLive = HttpApiBuilder.group(Api, "events", (handlers) =>
  handlers.handleRaw("stream", () =>
    Effect.gen(function*() {
      const actor = yield* CurrentActor.CurrentActor
      const log = yield* EventLog.EventLog
      const request = yield* HttpServerRequest.HttpServerRequest
      const url = new URL(request.url, "http://localhost")
      const raw = request.headers["last-event-id"] ?? url.searchParams.get("after") ?? "0"
      const after = Number(raw)
      if (!Number.isSafeInteger(after) || after < 0) {
        return yield* new Problem.BadRequest({ detail: "Last-Event-ID (or ?after=) must be a non-negative integer" })
      }
      return HttpServerResponse.stream(Events.stream(log, actor.tenantId, after), {
        contentType: "text/event-stream",
        headers: { "cache-control": "no-cache", "x-accel-buffering": "no" }
      })
    })))

/**
 * The live event stream: `GET /api/v1/events` answers `text/event-stream` and sends the tenant's domain events
 * as they are appended (`id:` is the event's sequence number, `event:` its type, `data:` the JSON envelope).
 * Reconnecting clients resume after `Last-Event-ID` (or `?after=`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "effect/http-api"
import * as Auth from "../Auth.ts"
import * as Problem from "../Problem.ts"

/**
 * The events group.
 *
 * @since 0.1.0
 */
export class EventsGroup extends HttpApiGroup.make("events")
  .add(
    HttpApiEndpoint.get("stream", "/events", {
      query: { after: Schema.optional(Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))) },
      success: Schema.String.pipe(HttpApiSchema.asText({ contentType: "text/event-stream" })),
      error: Problem.domain
    }).pipe(Auth.requires("read"))
  )
  .middleware(Auth.Authorization)
  .prefix("/api/v1")
  .annotateMerge(OpenApi.annotations({ title: "Events", description: "Server-sent events of the tenant's event log" }))
{}

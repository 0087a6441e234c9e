/**
 * The audit routes: the domain events that touched one entity, and the tenant's recent events.
 *
 * @since 0.1.0
 */
import { DomainEvent } from "@quartermaster/core"
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "effect/http-api"
import * as Auth from "../Auth.ts"
import * as Problem from "../Problem.ts"

const Page = Schema.Struct({ events: Schema.Array(DomainEvent.Envelope), nextCursor: Schema.NullOr(Schema.String) })

/**
 * The audit group.
 *
 * @since 0.1.0
 */
export class AuditGroup extends HttpApiGroup.make("audit")
  .add(
    HttpApiEndpoint.get("entity", "/audit/:entityType/:entityId", {
      params: { entityType: Schema.String, entityId: Schema.String },
      query: {
        cursor: Schema.optional(Schema.String),
        limit: Schema.optional(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 1000 }))))
      },
      success: Page,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("recent", "/audit", {
      query: {
        limit: Schema.optional(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 1000 }))))
      },
      success: Schema.Struct({ events: Schema.Array(DomainEvent.Envelope) }),
      error: Problem.domain
    }).pipe(Auth.requires("read"))
  )
  .middleware(Auth.Authorization)
  .prefix("/api/v1")
  .annotateMerge(OpenApi.annotations({ title: "Audit", description: "The event log per entity and recent events" }))
{}

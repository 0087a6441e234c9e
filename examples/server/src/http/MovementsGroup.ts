/**
 * The movement routes: post a batch atomically, and page through the history with filters.
 *
 * @since 0.1.0
 */
import { Movement } from "@quartermaster/core"
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "effect/http-api"
import * as Auth from "../Auth.ts"
import * as Problem from "../Problem.ts"

/**
 * The movements group.
 *
 * @since 0.1.0
 */
export class MovementsGroup extends HttpApiGroup.make("movements")
  .add(
    HttpApiEndpoint.post("post", "/movements", {
      payload: Schema.Struct({ lines: Schema.Array(Schema.toEncoded(Movement.MovementInput)) }),
      success: Schema.Struct({ movements: Schema.Array(Movement.Movement), replayed: Schema.Boolean }),
      error: Problem.domain
    }).pipe(Auth.requires("movements:post")),
    HttpApiEndpoint.get("history", "/movements", {
      query: {
        itemId: Schema.optional(Schema.String),
        locationId: Schema.optional(Schema.String),
        lot: Schema.optional(Schema.String),
        reference: Schema.optional(Schema.String),
        from: Schema.optional(Schema.DateTimeUtcFromString),
        to: Schema.optional(Schema.DateTimeUtcFromString),
        cursor: Schema.optional(Schema.String),
        limit: Schema.optional(Schema.Int)
      },
      success: Schema.Struct({ movements: Schema.Array(Movement.Movement), nextCursor: Schema.NullOr(Schema.String) }),
      error: Problem.domain
    }).pipe(Auth.requires("read"))
  )
  .middleware(Auth.Authorization)
  .prefix("/api/v1")
  .annotateMerge(OpenApi.annotations({ title: "Movements", description: "Post stock movements and read the ledger" }))
{}

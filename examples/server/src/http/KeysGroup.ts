/**
 * The API key routes (admin only): create a key (its secret is in the response, once), list the tenant's
 * keys without secrets, revoke a key.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "effect/http-api"
import * as ApiKeys from "../ApiKeys.ts"
import * as Auth from "../Auth.ts"
import * as Problem from "../Problem.ts"

/**
 * The keys group.
 *
 * @since 0.1.0
 */
export class KeysGroup extends HttpApiGroup.make("keys")
  .add(
    HttpApiEndpoint.get("list", "/keys", {
      success: Schema.Array(ApiKeys.KeyInfo),
      error: Problem.domain
    }).pipe(Auth.requires("keys:manage")),
    HttpApiEndpoint.post("create", "/keys", {
      payload: Schema.Struct({
        name: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(100))),
        role: ApiKeys.Role
      }),
      success: Schema.Struct({
        id: Schema.String,
        key: Schema.String.annotate({ description: "The secret: shown in this response only, store it now" }),
        name: Schema.String,
        role: ApiKeys.Role
      }).pipe(HttpApiSchema.status(201)),
      error: Problem.domain
    }).pipe(Auth.requires("keys:manage")),
    HttpApiEndpoint.delete("revoke", "/keys/:keyId", {
      params: { keyId: Schema.String },
      error: Problem.domain
    }).pipe(Auth.requires("keys:manage"))
  )
  .middleware(Auth.Authorization)
  .prefix("/api/v1")
  .annotateMerge(OpenApi.annotations({ title: "API keys", description: "Create, list and revoke API keys (admin)" }))
{}

/**
 * The cycle count routes: create a session (draft), freeze it (snapshot the expected quantities), record
 * counted lines, review variances, approve (manager: posts the adjustments) or cancel.
 *
 * @since 0.1.0
 */
import { CountSession } from "@quartermaster/core"
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "effect/http-api"
import * as Auth from "../Auth.ts"
import * as Problem from "../Problem.ts"
import * as S from "./schemas/Operations.ts"

const id = { sessionId: Schema.String }

/**
 * The counts group.
 *
 * @since 0.1.0
 */
export class CountsGroup extends HttpApiGroup.make("counts")
  .add(
    HttpApiEndpoint.post("create", "/counts", {
      payload: Schema.toEncoded(CountSession.NewCountSession),
      success: CountSession.CountSession,
      error: Problem.domain
    }).pipe(Auth.requires("counts:write")),
    HttpApiEndpoint.post("freeze", "/counts/:sessionId/freeze", {
      params: id,
      success: CountSession.CountSession,
      error: Problem.domain
    }).pipe(Auth.requires("counts:write")),
    HttpApiEndpoint.post("record", "/counts/:sessionId/lines", {
      params: id,
      payload: Schema.Struct({ lines: Schema.Array(Schema.toEncoded(CountSession.CountLineInput)) }),
      success: Schema.Array(CountSession.CountCell),
      error: Problem.domain
    }).pipe(Auth.requires("counts:write")),
    HttpApiEndpoint.post("cancel", "/counts/:sessionId/cancel", {
      params: id,
      success: CountSession.CountSession,
      error: Problem.domain
    }).pipe(Auth.requires("counts:write")),
    HttpApiEndpoint.post("approve", "/counts/:sessionId/approve", {
      params: id,
      success: CountSession.CountSession,
      error: Problem.domain
    }).pipe(Auth.requires("approve")),
    HttpApiEndpoint.get("get", "/counts/:sessionId", {
      params: id,
      success: CountSession.CountSession,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("sheet", "/counts/:sessionId/sheet", {
      params: id,
      success: S.CountSheet,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("variances", "/counts/:sessionId/variances", {
      params: id,
      success: S.VarianceReport,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("list", "/counts", {
      query: {
        status: Schema.optional(CountSession.CountStatus),
        cursor: Schema.optional(Schema.String),
        limit: Schema.optional(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 1000 }))))
      },
      success: Schema.Struct({ sessions: Schema.Array(CountSession.CountSession), nextCursor: Schema.NullOr(Schema.String) }),
      error: Problem.domain
    }).pipe(Auth.requires("read"))
  )
  .middleware(Auth.Authorization)
  .prefix("/api/v1")
  .annotateMerge(OpenApi.annotations({ title: "Counts", description: "Cycle counts: sessions, counting, variances, approval" }))
{}

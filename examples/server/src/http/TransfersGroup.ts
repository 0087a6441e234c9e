/**
 * The transfer routes: create (draft), ship into transit, receive (with damaged and short quantities),
 * close, cancel, a direct transfer in one step, and what is in transit. Transfers move stock, so their writes
 * need the `movements:post` permission.
 *
 * @since 0.1.0
 */
import { Transfer } from "@quartermaster/core"
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "effect/http-api"
import * as Auth from "../Auth.ts"
import * as Problem from "../Problem.ts"
import * as S from "./schemas/Operations.ts"

const id = { transferId: Schema.String }

/**
 * The transfers group.
 *
 * @since 0.1.0
 */
export class TransfersGroup extends HttpApiGroup.make("transfers")
  .add(
    HttpApiEndpoint.post("create", "/transfers", {
      payload: Schema.toEncoded(Transfer.NewTransfer),
      success: Transfer.Transfer,
      error: Problem.domain
    }).pipe(Auth.requires("movements:post")),
    HttpApiEndpoint.post("direct", "/transfers/direct", {
      payload: Schema.toEncoded(Transfer.NewTransfer),
      success: Transfer.Transfer,
      error: Problem.domain
    }).pipe(Auth.requires("movements:post")),
    HttpApiEndpoint.post("ship", "/transfers/:transferId/ship", {
      params: id,
      success: Transfer.Transfer,
      error: Problem.domain
    }).pipe(Auth.requires("movements:post")),
    HttpApiEndpoint.post("receive", "/transfers/:transferId/receive", {
      params: id,
      payload: Schema.toEncoded(Transfer.ReceiveInput),
      success: Transfer.Transfer,
      error: Problem.domain
    }).pipe(Auth.requires("movements:post")),
    HttpApiEndpoint.post("close", "/transfers/:transferId/close", {
      params: id,
      payload: Schema.Struct({ lossLocationId: Schema.optional(Schema.String) }),
      success: Transfer.Transfer,
      error: Problem.domain
    }).pipe(Auth.requires("movements:post")),
    HttpApiEndpoint.post("cancel", "/transfers/:transferId/cancel", {
      params: id,
      success: Transfer.Transfer,
      error: Problem.domain
    }).pipe(Auth.requires("movements:post")),
    HttpApiEndpoint.get("inTransit", "/transfers/in-transit", {
      query: { itemId: Schema.optional(Schema.String) },
      success: S.InTransit,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("get", "/transfers/:transferId", {
      params: id,
      success: Transfer.Transfer,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("list", "/transfers", {
      query: {
        status: Schema.optional(Transfer.TransferStatus),
        itemId: Schema.optional(Schema.String),
        cursor: Schema.optional(Schema.String),
        limit: Schema.optional(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 1000 }))))
      },
      success: Schema.Struct({ transfers: Schema.Array(Transfer.Transfer), nextCursor: Schema.NullOr(Schema.String) }),
      error: Problem.domain
    }).pipe(Auth.requires("read"))
  )
  .middleware(Auth.Authorization)
  .prefix("/api/v1")
  .annotateMerge(OpenApi.annotations({ title: "Transfers", description: "Stock transfers between locations, direct or through transit" }))
{}

/**
 * The reservation routes: reserve (a batch, atomically), release, read and list.
 *
 * @since 0.1.0
 */
import { Reservation } from "@quartermaster/core"
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "effect/http-api"
import * as Auth from "../Auth.ts"
import * as Problem from "../Problem.ts"

/**
 * The reservations group.
 *
 * @since 0.1.0
 */
export class ReservationsGroup extends HttpApiGroup.make("reservations")
  .add(
    HttpApiEndpoint.post("reserve", "/reservations", {
      payload: Schema.Struct({ reservations: Schema.Array(Schema.toEncoded(Reservation.ReservationInput)) }),
      success: Schema.Array(Reservation.Reservation),
      error: Problem.domain
    }).pipe(Auth.requires("reservations:write")),
    HttpApiEndpoint.post("release", "/reservations/:reservationId/release", {
      params: { reservationId: Schema.String },
      success: Reservation.Reservation,
      error: Problem.domain
    }).pipe(Auth.requires("reservations:write")),
    HttpApiEndpoint.get("get", "/reservations/:reservationId", {
      params: { reservationId: Schema.String },
      success: Reservation.Reservation,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("list", "/reservations", {
      query: {
        itemId: Schema.optional(Schema.String),
        status: Schema.optional(Reservation.ReservationStatus),
        reference: Schema.optional(Schema.String),
        cursor: Schema.optional(Schema.String),
        limit: Schema.optional(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 1000 }))))
      },
      success: Schema.Struct({ reservations: Schema.Array(Reservation.Reservation), nextCursor: Schema.NullOr(Schema.String) }),
      error: Problem.domain
    }).pipe(Auth.requires("read"))
  )
  .middleware(Auth.Authorization)
  .prefix("/api/v1")
  .annotateMerge(OpenApi.annotations({ title: "Reservations", description: "Hold stock for orders" }))
{}

/**
 * Scan ingest: a batch of barcode or RFID events run through the scan workflow in one mode (receive, putAway,
 * move or count), or received against one purchase order (receiveOrder, see `ReceivingScan`). The response lists
 * the outcome of every scan; rejected scans change nothing.
 *
 * @since 0.1.0
 */
import { ReceivingScan, ScanOutcome } from "@quartermaster/core"
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "effect/http-api"
import * as Auth from "../Auth.ts"
import * as Problem from "../Problem.ts"

/**
 * The body of a scan batch.
 *
 * @since 0.1.0
 */
export const ScanBatch = Schema.Struct({
  mode: Schema.Literals(["receive", "putAway", "move", "count", "receiveOrder"]),
  purchaseOrderId: Schema.optional(Schema.String).annotate({ description: "The purchase order receiveOrder receives against" }),
  from: Schema.optional(Schema.String).annotate({ description: "Source location (receive: supplier; putAway: receiving)" }),
  to: Schema.optional(Schema.String).annotate({ description: "Default destination when receiving (receiveOrder: else the order's ship-to)" }),
  reference: Schema.optional(Schema.String.pipe(Schema.check(Schema.isMaxLength(256)))),
  duplicateWindowMillis: Schema.optional(Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))),
  events: Schema.Array(Schema.Unknown).pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(10_000))).annotate({
    description: "Device events: { _tag: \"BarcodeScanned\", deviceId, data, symbology, at } or { _tag: \"RfidRead\", readerId, epc, antenna, rssi, at }"
  })
})

/**
 * The scans group.
 *
 * @since 0.1.0
 */
export class ScansGroup extends HttpApiGroup.make("scans")
  .add(
    HttpApiEndpoint.post("ingest", "/scans", {
      payload: ScanBatch,
      success: Schema.Struct({ outcomes: Schema.Array(Schema.Union([ScanOutcome.ScanOutcome, ReceivingScan.Outcome])) }),
      error: Problem.domain
    }).pipe(Auth.requires("scans:post"))
  )
  .middleware(Auth.Authorization)
  .prefix("/api/v1")
  .annotateMerge(OpenApi.annotations({ title: "Scans", description: "Barcode and RFID scan ingest" }))
{}

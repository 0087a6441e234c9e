/**
 * Handlers of the scans group: decode the device events, run the scan workflow over them in the requested
 * mode (or `ReceivingScan` for receiveOrder), and return every outcome.
 *
 * @since 0.1.0
 */
import { DeviceEvent, ReceivingScan, ScanWorkflow } from "@quartermaster/core"
import { Effect, Stream } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "../Api.ts"
import * as Problem from "../Problem.ts"
import type { ScanBatch } from "./ScansGroup.ts"

const configOf = (batch: typeof ScanBatch.Type): Effect.Effect<ScanWorkflow.Config, Problem.BadRequest> => {
  const options = {
    ...(batch.reference === undefined ? {} : { reference: batch.reference }),
    ...(batch.duplicateWindowMillis === undefined ? {} : { duplicateWindow: batch.duplicateWindowMillis })
  }
  switch (batch.mode) {
    case "receive":
      return batch.from === undefined
        ? Effect.fail(new Problem.BadRequest({ detail: "receive needs `from`, the supplier or receiving location" }))
        : Effect.succeed({ ...options, mode: "receive", from: batch.from, ...(batch.to === undefined ? {} : { to: batch.to }) })
    case "putAway":
      return batch.from === undefined
        ? Effect.fail(new Problem.BadRequest({ detail: "putAway needs `from`, the receiving location" }))
        : Effect.succeed({ ...options, mode: "putAway", from: batch.from })
    case "move":
      return Effect.succeed({ ...options, mode: "move" })
    case "count":
      return Effect.succeed({ ...options, mode: "count" })
    case "receiveOrder":
      return Effect.fail(new Problem.BadRequest({ detail: "receiveOrder runs against a purchase order, not the scan workflow" }))
  }
}

/**
 * The scans handlers.
 *
 * @since 0.1.0
 */
export const ScansLive = HttpApiBuilder.group(Api, "scans", (handlers) =>
  handlers.handleAll({
    ingest: ({ payload }) =>
      Effect.gen(function*() {
        const events = yield* Effect.forEach(payload.events, (event, index) =>
          DeviceEvent.decode(event).pipe(
            Effect.mapError((error) => new Problem.BadRequest({ detail: `events[${index}]: ${error.message}` }))
          ))
        if (payload.mode === "receiveOrder") {
          if (payload.purchaseOrderId === undefined) {
            return yield* new Problem.BadRequest({ detail: "receiveOrder needs `purchaseOrderId`, the order to receive against" })
          }
          const received = yield* ReceivingScan.runOn(Stream.fromIterable(events), {
            purchaseOrderId: payload.purchaseOrderId,
            ...(payload.to === undefined ? {} : { to: payload.to }),
            ...(payload.duplicateWindowMillis === undefined ? {} : { duplicateWindow: payload.duplicateWindowMillis })
          }).pipe(Stream.runCollect, Problem.mapErrors)
          return { outcomes: Array.from(received) }
        }
        const config = yield* configOf(payload)
        const outcomes = yield* ScanWorkflow.runOn(Stream.fromIterable(events), config).pipe(
          Stream.runCollect,
          Problem.mapErrors
        )
        return { outcomes: Array.from(outcomes) }
      })
  }))

/**
 * Receive-against-PO scan mode: scans of goods post receipts against the open lines of one purchase order.
 *
 * - A **location** scan sets where that device receives into (otherwise `to`, else the order's ship-to).
 * - An **untracked item** (GTIN or SKU) receives one base unit on the item's line.
 * - A **known lot** receives one base unit of that lot.
 * - A **lot- or serial-tracked item** is scanned first, then its lot code or serial: the next scan of that
 *   device is taken as the lot or serial of one unit, even when the code is not known yet (it is new stock).
 * - A serial already in stock is refused.
 *
 * The line is the item's first open line with something still to come, else its first line not short-closed
 * (so an over-receipt is checked against the tolerance). Each scan is one {@link Receiving.receive} at the scan's time,
 * atomic. Reads of the same code from one device within `duplicateWindow` are dropped
 * ({@link ScanWorkflow.admit}). An unknown or ambiguous code, an item not on the order, or a receipt the
 * order refuses yields a {@link Rejected} outcome and changes nothing; only storage and device failures end
 * the stream.
 *
 * @since 0.1.0
 */
import { type DateTime, Duration, Effect, Result, Schema, Stream } from "effect"
import { CurrentActor } from "./CurrentActor.ts"
import { codeOf, type DeviceEvent, deviceOf } from "./DeviceEvent.ts"
import { DeviceEvents } from "./DeviceEvents.ts"
import { IdentifierResolver } from "./IdentifierResolver.ts"
import { scanRecordId } from "./internal/scanIds.ts"
import type { ItemId, LocationId } from "./Ids.ts"
import { InvalidDocument, InvalidStatus, ItemNotOnOrder, OverReceipt, UnknownPurchaseOrder, UnknownPurchaseOrderLine } from "./ProcurementError.ts"
import type { ProcurementStore } from "./ProcurementStore.ts"
import { type PurchaseOrder, Receipt, remaining } from "./PurchaseOrder.ts"
import * as PurchaseOrders from "./PurchaseOrders.ts"
import * as Receiving from "./Receiving.ts"
import { ItemScanned, LocationScanned, Rejection } from "./ScanOutcome.ts"
import { type DeviceFailure, UnexpectedScan } from "./ScanError.ts"
import * as ScanWorkflow from "./ScanWorkflow.ts"
import type { StoreError } from "./StoreError.ts"
import { Movement } from "./Movement.ts"
import { UtcTime } from "./internal/utcTime.ts"

/**
 * The run's settings: the order to receive against, an optional default destination, and the duplicate window
 * (one second by default; zero turns suppression off).
 *
 * @since 0.1.0
 */
export interface Config {
  readonly purchaseOrderId: string
  readonly to?: string
  readonly duplicateWindow?: Duration.Input
}

/**
 * Why a scan changed nothing: the scan rejections, and the order's refusals.
 *
 * @since 0.1.0
 */
export const ReceivingRejection = Schema.Union([
  ...Rejection.members,
  ItemNotOnOrder,
  OverReceipt,
  InvalidStatus,
  InvalidDocument,
  UnknownPurchaseOrder,
  UnknownPurchaseOrderLine
])
/** @since 0.1.0 */
export type ReceivingRejection = typeof ReceivingRejection.Type

const scan = { deviceId: Schema.String, code: Schema.String, at: UtcTime }

/** One unit was received on a line; `receipt` and `movements` are as recorded. @since 0.1.0 */
export const Received = Schema.TaggedStruct("Received", { ...scan, lineNo: Schema.Int, receipt: Receipt, movements: Schema.Array(Movement) })
/** @since 0.1.0 */
export type Received = typeof Received.Type

/** The scan changed nothing, for the reason in `error`. @since 0.1.0 */
export const Rejected = Schema.TaggedStruct("Rejected", { ...scan, error: ReceivingRejection })
/** @since 0.1.0 */
export type Rejected = typeof Rejected.Type

/** Every outcome of a receiving scan. @since 0.1.0 */
export const Outcome = Schema.Union([LocationScanned, ItemScanned, Received, Rejected])
/** @since 0.1.0 */
export type Outcome = typeof Outcome.Type

/** The services a run needs. @since 0.1.0 */
export type Env = IdentifierResolver | Receiving.Env | ProcurementStore

/**
 * One device's state: where it receives into, and the tracked item waiting for its lot or serial scan.
 *
 * @since 0.1.0
 */
export interface Device {
  readonly location: LocationId | null
  readonly pending: { readonly itemId: ItemId; readonly tracking: "lot" | "serial" } | null
}

/**
 * The state of a run: the duplicate filter's session and each device's destination and pending tracked item.
 *
 * @since 0.1.0
 */
export interface State {
  readonly scans: ScanWorkflow.Session
  readonly devices: ReadonlyMap<string, Device>
}

/** A run before its first scan. @since 0.1.0 */
export const empty: State = { scans: ScanWorkflow.empty, devices: new Map() }

/**
 * The line a unit of an item is received on: the first open line with something still to come, else the first
 * line not short-closed, else the first line (which the receipt then refuses); null when the item is not on the
 * order.
 *
 * @since 0.1.0
 */
export const lineFor = (order: PurchaseOrder, itemId: ItemId): number | null => {
  const lines = order.lines.filter((l) => l.itemId === itemId)
  const line = lines.find((l) => remaining(l) > 0n) ?? lines.find((l) => l.status !== "shortClosed") ?? lines[0]
  return line === undefined ? null : line.lineNo
}

const isStoreError = (e: { readonly _tag: string }): e is StoreError => e._tag === "StoreError"

const settle = <A, E extends { readonly _tag: string }, R>(
  effect: Effect.Effect<A, E, R>
): Effect.Effect<Result.Result<A, Exclude<E, StoreError>>, StoreError, R> =>
  Effect.flatMap(Effect.result(effect), (r) =>
    Result.isFailure(r) && isStoreError(r.failure) ? Effect.fail(r.failure) : Effect.succeed(r as Result.Result<A, Exclude<E, StoreError>>))

const receiveOne = (
  config: Config,
  device: Device,
  itemId: ItemId,
  code: { readonly lot?: string; readonly serial?: string },
  scan: { readonly deviceId: string; readonly code: string; readonly at: DateTime.Utc }
): Effect.Effect<{ readonly lineNo: number; readonly result: Receiving.ReceiveResult }, Exclude<ReceivingRejection, never> | StoreError, Env> =>
  Effect.gen(function*() {
    const order = yield* PurchaseOrders.get(config.purchaseOrderId)
    const lineNo = lineFor(order, itemId)
    if (lineNo === null) return yield* new ItemNotOnOrder({ purchaseOrderId: order.id, itemId })
    const to = device.location ?? config.to
    const result = yield* Receiving.receive({
      id: scanRecordId("rcpt", scan, 0),
      purchaseOrderId: order.id,
      receivedAt: scan.at,
      lines: [{
        lineNo,
        quantity: 1,
        ...(to === undefined ? {} : { locationId: to }),
        ...(code.lot === undefined ? {} : { lot: code.lot }),
        ...(code.serial === undefined ? {} : { serials: [code.serial] })
      }]
    })
    return { lineNo, result }
  })

const idle: Device = { location: null, pending: null }

const handle = (config: Config, windowMillis: number) =>
(state: State, event: DeviceEvent): Effect.Effect<readonly [State, ReadonlyArray<Outcome>], StoreError, Env> =>
  Effect.gen(function*() {
    const [scans, fresh] = ScanWorkflow.admit(state.scans, event, windowMillis)
    const deviceId = deviceOf(event)
    const code = codeOf(event)
    const meta = { deviceId, code, at: event.at }
    const device = state.devices.get(deviceId) ?? idle
    const next = (d: Device, outcomes: ReadonlyArray<Outcome>) =>
      [{ scans, devices: new Map(state.devices).set(deviceId, d) }, outcomes] as const
    if (!fresh) return [{ ...state, scans }, []] as const
    const reject = (d: Device, error: ReceivingRejection) => next(d, [{ _tag: "Rejected", ...meta, error }])
    const receive = (itemId: ItemId, codes: { readonly lot?: string; readonly serial?: string }) =>
      Effect.map(settle(receiveOne(config, device, itemId, codes, meta)), (r) => {
        const d = { ...device, pending: null }
        return Result.isFailure(r)
          ? reject(d, r.failure)
          : next(d, [{ _tag: "Received" as const, ...meta, lineNo: r.success.lineNo, receipt: r.success.result.receipt, movements: r.success.result.movements }])
      })

    const actor = yield* CurrentActor
    const resolved = yield* settle((yield* IdentifierResolver).identify(actor.tenantId, code))
    const pending = device.pending
    if (pending !== null) {
      // The scan after a tracked item is its lot or serial, new or known.
      const newCode = Result.isFailure(resolved) && resolved.failure._tag === "UnknownIdentifier"
      const sameLot = Result.isSuccess(resolved) && resolved.success._tag === "Lot" && resolved.success.itemId === pending.itemId
      if (newCode || (sameLot && pending.tracking === "lot")) {
        return yield* receive(pending.itemId, pending.tracking === "lot" ? { lot: code } : { serial: code })
      }
    }
    if (Result.isFailure(resolved)) return reject({ ...device, pending: null }, resolved.failure)
    const match = resolved.success
    switch (match._tag) {
      case "Location":
        return next({ location: match.locationId, pending: null }, [{ _tag: "LocationScanned", ...meta, locationId: match.locationId, role: "destination" }])
      case "Serial":
        return reject({ ...device, pending: null }, new UnexpectedScan({ code, reason: `serial ${JSON.stringify(match.serial)} is already in stock at ${JSON.stringify(match.locationId)}` }))
      case "Lot":
        return yield* receive(match.itemId, { lot: match.lot })
      case "Item":
        if (match.tracking === "none") return yield* receive(match.itemId, {})
        return next({ ...device, pending: { itemId: match.itemId, tracking: match.tracking } }, [{ _tag: "ItemScanned", ...meta, match }])
    }
  })

const DEFAULT_WINDOW: Duration.Input = "1 second"

/**
 * Runs the mode over a stream of device events.
 *
 * @since 0.1.0
 */
export const runOn = <E, R>(events: Stream.Stream<DeviceEvent, E, R>, config: Config): Stream.Stream<Outcome, E | StoreError, R | Env> =>
  Stream.mapAccumEffect(events, () => empty, handle(config, Duration.toMillis(config.duplicateWindow ?? DEFAULT_WINDOW)))

/**
 * Runs the mode over the events of {@link DeviceEvents}.
 *
 * @since 0.1.0
 */
export const run = (config: Config): Stream.Stream<Outcome, DeviceFailure | StoreError, DeviceEvents | Env> =>
  Stream.unwrap(Effect.map(Effect.service(DeviceEvents), (devices) => runOn(devices.events, config)))

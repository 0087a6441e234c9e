/**
 * Asset scanning: check-out, check-in and audit driven by device events (barcode scans, RFID reads).
 *
 * - **checkOut**: a scanned location code makes that location the device's assignee; each asset tag is then
 *   checked out to it (or to the configured assignee when no location was scanned).
 * - **checkIn**: each asset tag is checked in.
 * - **audit**: each asset tag is recorded in the audit session.
 *
 * Repeated reads of the same code from the same device within `duplicateWindow` are dropped with
 * {@link ScanWorkflow.admit}. A code that names no asset, or names an asset and a location at once, or a
 * command the register refuses (a disposed asset, one already checked out, a finished audit) yields a
 * {@link Rejected} outcome and changes nothing. Only storage and device failures end the stream.
 *
 * @since 0.1.0
 */
import { type DateTime, Duration, Effect, Result, Stream } from "effect"
import type { Assignee } from "./Asset.ts"
import * as AssetAudits from "./AssetAudits.ts"
import { AmbiguousAssetCode } from "./AssetError.ts"
import { AssetStore } from "./AssetStore.ts"
import type { CheckOut } from "./CheckOut.ts"
import * as CheckOuts from "./CheckOuts.ts"
import { CurrentActor } from "./CurrentActor.ts"
import { codeOf, type DeviceEvent, deviceOf } from "./DeviceEvent.ts"
import { DeviceEvents } from "./DeviceEvents.ts"
import type { AssetId, LocationId } from "./Ids.ts"
import { IdentifierResolver } from "./IdentifierResolver.ts"
import { type DeviceFailure, UnexpectedScan, UnknownIdentifier } from "./ScanError.ts"
import * as ScanWorkflow from "./ScanWorkflow.ts"
import type { StoreError } from "./StoreError.ts"

/**
 * What a run does with asset scans. `duplicateWindow` defaults to one second (zero turns suppression off).
 *
 * @since 0.1.0
 */
export type Config = { readonly duplicateWindow?: Duration.Input } & (
  | {
    readonly mode: "checkOut"
    readonly assignee?: Assignee
    readonly expectedReturnAt?: DateTime.Utc | string | number
    readonly condition?: string
  }
  | { readonly mode: "checkIn"; readonly condition?: string }
  | { readonly mode: "audit"; readonly auditId: string }
)

interface Meta {
  readonly deviceId: string
  readonly code: string
  readonly at: DateTime.Utc
}

/** Why a scan changed nothing. @since 0.1.0 */
export type Rejection =
  | UnknownIdentifier
  | AmbiguousAssetCode
  | UnexpectedScan
  | Exclude<CheckOuts.CheckOutError | CheckOuts.CheckInError | AssetAudits.ScanError, StoreError>

/** A location scan set the device's assignee. @since 0.1.0 */
export interface AssigneeScanned extends Meta {
  readonly _tag: "AssigneeScanned"
  readonly assignee: Assignee
}
/** An asset was checked out. @since 0.1.0 */
export interface CheckedOut extends Meta {
  readonly _tag: "CheckedOut"
  readonly checkOut: CheckOut
}
/** An asset was checked in. @since 0.1.0 */
export interface CheckedIn extends Meta {
  readonly _tag: "CheckedIn"
  readonly checkOut: CheckOut
}
/** A tag was recorded in an audit; `assetId` is the asset it names. @since 0.1.0 */
export interface Audited extends Meta {
  readonly _tag: "Audited"
  readonly auditId: string
  readonly assetId: AssetId
}
/** A scan changed nothing, and why. @since 0.1.0 */
export interface Rejected extends Meta {
  readonly _tag: "Rejected"
  readonly error: Rejection
}

/** What one admitted scan did. @since 0.1.0 */
export type Outcome = AssigneeScanned | CheckedOut | CheckedIn | Audited | Rejected

/** The state of a run: duplicate suppression and each device's scanned assignee. @since 0.1.0 */
export interface State {
  readonly scans: ScanWorkflow.Session
  readonly assignees: ReadonlyMap<string, Assignee>
}

/** A run before its first scan. @since 0.1.0 */
export const empty: State = { scans: ScanWorkflow.empty, assignees: new Map() }

/** The services a run needs. @since 0.1.0 */
export type Env = IdentifierResolver | CheckOuts.Env | AssetAudits.Env

type Target =
  | { readonly _tag: "Asset"; readonly assetId: AssetId; readonly tag: string }
  | { readonly _tag: "Location"; readonly locationId: LocationId }

/** What a code names: an asset by tag, or (when checking out) a location. */
const resolve = (
  code: string,
  locations: boolean
): Effect.Effect<Result.Result<Target, UnknownIdentifier | AmbiguousAssetCode>, StoreError, AssetStore | IdentifierResolver | CurrentActor> =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor
    const asset = (yield* (yield* AssetStore).byTag(tenantId, [code])).get(code)
    let location: LocationId | undefined
    if (locations) {
      const found = yield* Effect.result((yield* IdentifierResolver).resolve(tenantId, { kind: "location", code }))
      if (Result.isSuccess(found) && found.success._tag === "Location") location = found.success.locationId
      else if (Result.isFailure(found) && found.failure._tag === "StoreError") return yield* Effect.fail(found.failure)
    }
    if (asset !== undefined && location !== undefined) {
      return Result.fail(new AmbiguousAssetCode({ code, candidates: [`asset ${JSON.stringify(asset.id)}`, `location ${JSON.stringify(location)}`] }))
    }
    if (asset !== undefined) return Result.succeed<Target>({ _tag: "Asset", assetId: asset.id, tag: asset.tag })
    if (location !== undefined) return Result.succeed<Target>({ _tag: "Location", locationId: location })
    return Result.fail(new UnknownIdentifier({ code, kind: "assetTag", reason: locations ? "no asset has this tag and no location this code" : "no asset has this tag" }))
  })

// Domain failures become rejections; storage failures end the stream, because rescanning cannot fix them.
const settle = <A, E extends { readonly _tag: string }, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(Effect.result(effect), (r) =>
    Result.isFailure(r) && r.failure._tag === "StoreError"
      ? Effect.fail(r.failure as Extract<E, StoreError>)
      : Effect.succeed(r as Result.Result<A, Exclude<E, StoreError>>))

const handle = (config: Config, windowMillis: number) =>
(state: State, event: DeviceEvent): Effect.Effect<readonly [State, ReadonlyArray<Outcome>], StoreError, Env> =>
  Effect.gen(function*() {
    const [scans, fresh] = ScanWorkflow.admit(state.scans, event, windowMillis)
    const admitted: State = { ...state, scans }
    if (!fresh) return [admitted, []] as const
    const meta: Meta = { deviceId: deviceOf(event), code: codeOf(event), at: event.at }
    const reject = (error: Rejection) => [admitted, [{ _tag: "Rejected", ...meta, error } as const]] as const
    const resolved = yield* resolve(meta.code, config.mode === "checkOut")
    if (Result.isFailure(resolved)) return reject(resolved.failure)
    const target = resolved.success
    if (target._tag === "Location") {
      const assignee: Assignee = { _tag: "location", locationId: target.locationId }
      const assignees = new Map(state.assignees).set(meta.deviceId, assignee)
      return [{ ...admitted, assignees }, [{ _tag: "AssigneeScanned", ...meta, assignee } as const]] as const
    }
    switch (config.mode) {
      case "checkOut": {
        const assignee = state.assignees.get(meta.deviceId) ?? config.assignee
        if (assignee === undefined) return reject(new UnexpectedScan({ code: meta.code, reason: "scan the location to check out to first" }))
        const done = yield* settle(CheckOuts.checkOut({
          asset: target.assetId,
          assignee,
          ...(config.expectedReturnAt === undefined ? {} : { expectedReturnAt: config.expectedReturnAt }),
          ...(config.condition === undefined ? {} : { condition: config.condition })
        }))
        return Result.isFailure(done) ? reject(done.failure) : [admitted, [{ _tag: "CheckedOut", ...meta, checkOut: done.success } as const]] as const
      }
      case "checkIn": {
        const done = yield* settle(CheckOuts.checkIn(target.assetId, config.condition === undefined ? {} : { condition: config.condition }))
        return Result.isFailure(done) ? reject(done.failure) : [admitted, [{ _tag: "CheckedIn", ...meta, checkOut: done.success } as const]] as const
      }
      case "audit": {
        const done = yield* settle(AssetAudits.scan(config.auditId, [target.tag]))
        return Result.isFailure(done)
          ? reject(done.failure)
          : [admitted, [{ _tag: "Audited", ...meta, auditId: config.auditId, assetId: target.assetId } as const]] as const
      }
    }
  })

/**
 * Runs asset scanning over a stream of device events, one outcome stream for all devices.
 *
 * @since 0.1.0
 */
export const runOn = <E, R>(events: Stream.Stream<DeviceEvent, E, R>, config: Config): Stream.Stream<Outcome, E | StoreError, R | Env> =>
  Stream.mapAccumEffect(events, () => empty, handle(config, Duration.toMillis(config.duplicateWindow ?? "1 second")))

/**
 * Runs asset scanning over the events of {@link DeviceEvents}.
 *
 * @since 0.1.0
 */
export const run = (config: Config): Stream.Stream<Outcome, DeviceFailure | StoreError, DeviceEvents | Env> =>
  Stream.unwrap(Effect.map(Effect.service(DeviceEvents), (devices) => runOn(devices.events, config)))

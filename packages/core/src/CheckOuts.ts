/**
 * Check-out and check-in commands, the overdue query and bulk check-out from a scanned list.
 *
 * Checking out moves an asset from `inStock` to `deployed` and opens a {@link CheckOut} to a person, a
 * location or another asset, with an optional expected return and a condition note; checking in closes it
 * and returns the asset to `inStock`. The asset's stock location does not change: the assignee says who
 * holds it, the location where the stock ledger keeps it. A bulk check-out is all or nothing, and its error
 * names every tag that stopped it.
 *
 * @since 0.1.0
 */
import { DateTime, Effect, Result, Schema } from "effect"
import { type Asset, Assignee, formatAssignee } from "./Asset.ts"
import {
  AlreadyCheckedOut,
  type AssetDisposed,
  BulkCheckOutRejected,
  type InvalidTransition,
  NotCheckedOut,
  type Rejection,
  type UnknownAsset
} from "./AssetError.ts"
import { AssetStore } from "./AssetStore.ts"
import { CatalogStore } from "./CatalogStore.ts"
import { UnknownLocation } from "./CatalogError.ts"
import type { CheckOut } from "./CheckOut.ts"
import { CurrentActor } from "./CurrentActor.ts"
import { emit, type EventLog } from "./EventLog.ts"
import { IdGenerator } from "./IdGenerator.ts"
import type { LocationId } from "./Ids.ts"
import { decode, InvalidInput } from "./InputError.ts"
import { applyAction, live, load, ref, save } from "./internal/assets.ts"
import { TimeInput } from "./Movement.ts"
import type { ConcurrentModification, StoreError } from "./StoreError.ts"
import { transaction, type UnitOfWork } from "./UnitOfWork.ts"

/** The services check-out commands need. @since 0.1.0 */
export type Env = AssetStore | CatalogStore | EventLog | UnitOfWork | CurrentActor | IdGenerator

const Note = Schema.String.pipe(Schema.check(Schema.makeFilter((s: string) => s.length <= 2000 || "at most 2000 characters")))

/**
 * Input of {@link checkOut}: the asset by id or tag, who gets it, when it should come back and its condition.
 *
 * @since 0.1.0
 */
export const CheckOutInput = Schema.Struct({
  asset: Schema.String,
  assignee: Assignee,
  expectedReturnAt: Schema.optionalKey(TimeInput),
  condition: Schema.optionalKey(Note),
  id: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isMinLength(1))))
})
/** @since 0.1.0 */
export type CheckOutInput = typeof CheckOutInput.Encoded

/**
 * Input of {@link bulkCheckOut}: the scanned tags, all going to the same assignee.
 *
 * @since 0.1.0
 */
export const BulkCheckOutInput = Schema.Struct({
  tags: Schema.Array(Schema.String).pipe(Schema.check(Schema.isMinLength(1))),
  assignee: Assignee,
  expectedReturnAt: Schema.optionalKey(TimeInput),
  condition: Schema.optionalKey(Note)
})
/** @since 0.1.0 */
export type BulkCheckOutInput = typeof BulkCheckOutInput.Encoded

/** Errors of {@link checkOut}. @since 0.1.0 */
export type CheckOutError =
  | InvalidInput
  | UnknownAsset
  | UnknownLocation
  | AssetDisposed
  | AlreadyCheckedOut
  | InvalidTransition
  | ConcurrentModification
  | StoreError

/** Errors of {@link checkIn}. @since 0.1.0 */
export type CheckInError = InvalidInput | UnknownAsset | AssetDisposed | NotCheckedOut | InvalidTransition | ConcurrentModification | StoreError

const decodeCheckOut = decode("checkOut", CheckOutInput)
const decodeBulk = decode("bulkCheckOut", BulkCheckOutInput)
const decodeCheckIn = decode("checkIn", Schema.Struct({ condition: Schema.optionalKey(Note) }))

const checkAssignee = (asset: Asset, assignee: Assignee) =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor
    if (assignee._tag === "location") {
      const found = yield* (yield* CatalogStore).getLocations(tenantId, [assignee.locationId as LocationId])
      if (!found.has(assignee.locationId as LocationId)) return yield* new UnknownLocation({ locationId: assignee.locationId })
    } else if (assignee._tag === "asset") {
      if (assignee.assetId === asset.id) return yield* new InvalidInput({ operation: "checkOut", field: "assignee.assetId", reason: "is the asset itself" })
      yield* live(yield* load(assignee.assetId), "check out to")
    }
  })

const open = (
  asset: Asset,
  assignee: Assignee,
  expectedReturnAt: DateTime.Utc | null,
  condition: string | null,
  id: string | undefined
): Effect.Effect<CheckOut, CheckOutError, Env> =>
  Effect.gen(function*() {
    yield* live(asset, "check out")
    const actor = yield* CurrentActor
    const store = yield* AssetStore
    const current = (yield* store.openCheckOuts(actor.tenantId, [asset.id])).get(asset.id)
    if (current !== undefined) return yield* new AlreadyCheckedOut({ assetId: asset.id, checkOutId: current.id })
    yield* checkAssignee(asset, assignee)
    const now = yield* DateTime.now
    if (expectedReturnAt !== null && !DateTime.isGreaterThan(expectedReturnAt, now)) {
      return yield* new InvalidInput({ operation: "checkOut", field: "expectedReturnAt", reason: "lies in the past" })
    }
    const applied = yield* applyAction(asset, "checkOut", condition, { assignee })
    const checkOut: CheckOut = {
      id: id ?? (yield* (yield* IdGenerator).next),
      tenantId: actor.tenantId,
      assetId: asset.id,
      assignee,
      checkedOutAt: now,
      expectedReturnAt,
      conditionOut: condition,
      returnedAt: null,
      conditionIn: null,
      actorId: actor.actorId,
      version: 1
    }
    yield* save(applied)
    yield* store.putCheckOuts([checkOut])
    const entities = [ref(asset.id), ...(assignee._tag === "asset" ? [ref(assignee.assetId)] : [])]
    yield* emit([...applied.events, { event: { _tag: "AssetCheckedOut", checkOut }, entities }])
    return checkOut
  })

/**
 * Checks an asset out. It must be `inStock` and not checked out; a disposed asset is refused with
 * `AssetDisposed`. The expected return, if given, must lie in the future.
 *
 * @since 0.1.0
 */
export const checkOut = (input: CheckOutInput): Effect.Effect<CheckOut, CheckOutError, Env> =>
  Effect.gen(function*() {
    const i = yield* decodeCheckOut(input)
    return yield* transaction(Effect.gen(function*() {
      const asset = yield* load(i.asset)
      return yield* open(asset, i.assignee, i.expectedReturnAt ?? null, i.condition ?? null, i.id)
    }))
  })

/**
 * Checks an asset in with a condition note: closes its open check-out and returns it to `inStock`.
 *
 * @since 0.1.0
 */
export const checkIn = (key: string, options: { readonly condition?: string } = {}): Effect.Effect<CheckOut, CheckInError, Env> =>
  Effect.gen(function*() {
    const o = yield* decodeCheckIn(options)
    return yield* transaction(Effect.gen(function*() {
      const asset = yield* live(yield* load(key), "check in")
      const { tenantId } = yield* CurrentActor
      const store = yield* AssetStore
      const current = (yield* store.openCheckOuts(tenantId, [asset.id])).get(asset.id)
      if (current === undefined) return yield* new NotCheckedOut({ assetId: asset.id })
      const condition = o.condition ?? null
      const applied = yield* applyAction(asset, "checkIn", condition)
      const closed: CheckOut = { ...current, returnedAt: yield* DateTime.now, conditionIn: condition, version: current.version + 1 }
      yield* save(applied)
      yield* store.putCheckOuts([closed])
      yield* emit([...applied.events, { event: { _tag: "AssetCheckedIn", checkOut: closed, action: "checkIn" }, entities: [ref(asset.id)] }])
      return closed
    }))
  })

/**
 * Checks out every scanned tag to one assignee, or none: if any tag is unknown, repeated, disposed, already
 * checked out or not in stock, the whole list is refused with a {@link BulkCheckOutRejected} naming every bad
 * tag, and nothing changes.
 *
 * @since 0.1.0
 */
export const bulkCheckOut = (
  input: BulkCheckOutInput
): Effect.Effect<ReadonlyArray<CheckOut>, InvalidInput | BulkCheckOutRejected | ConcurrentModification | StoreError, Env> =>
  Effect.gen(function*() {
    const i = yield* decodeBulk(input)
    return yield* transaction(Effect.gen(function*() {
      const rejections: Array<Rejection> = []
      const done: Array<CheckOut> = []
      const seen = new Set<string>()
      for (const tag of i.tags) {
        if (seen.has(tag)) {
          rejections.push({ tag, reason: "is listed more than once" })
          continue
        }
        seen.add(tag)
        const result = yield* Effect.result(Effect.flatMap(load(tag), (asset) => open(asset, i.assignee, i.expectedReturnAt ?? null, i.condition ?? null, undefined)))
        if (Result.isSuccess(result)) done.push(result.success)
        else {
          const error = result.failure
          if (error._tag === "StoreError" || error._tag === "ConcurrentModification") return yield* Effect.fail(error)
          rejections.push({ tag, reason: error.message })
        }
      }
      // Failing rolls back the check-outs already written in this transaction.
      if (rejections.length > 0) return yield* new BulkCheckOutRejected({ rejections })
      return done
    }))
  })

/**
 * Open check-outs whose expected return lies before `at` (now by default), ordered by id.
 *
 * @since 0.1.0
 */
export const overdue = (
  at?: DateTime.Utc | string | number,
  options: { readonly limit?: number; readonly afterId?: string } = {}
): Effect.Effect<ReadonlyArray<CheckOut>, InvalidInput | StoreError, AssetStore | CurrentActor> =>
  Effect.gen(function*() {
    const when = at === undefined ? yield* DateTime.now : yield* decode("overdue", TimeInput)(at)
    const { tenantId } = yield* CurrentActor
    return yield* (yield* AssetStore).checkOuts(tenantId, {
      overdueAt: when,
      limit: options.limit ?? 1000,
      ...(options.afterId === undefined ? {} : { afterId: options.afterId })
    })
  })

/**
 * An asset's check-outs, open and closed, ordered by id.
 *
 * @since 0.1.0
 */
export const of = (key: string): Effect.Effect<ReadonlyArray<CheckOut>, UnknownAsset | StoreError, AssetStore | CurrentActor> =>
  Effect.gen(function*() {
    const asset = yield* load(key)
    return yield* (yield* AssetStore).checkOuts(asset.tenantId, { assetId: asset.id, limit: 10_000 })
  })

/** The assignee of a check-out as a string, for reports. @since 0.1.0 */
export const describe = (checkOut: CheckOut): string => formatAssignee(checkOut.assignee)

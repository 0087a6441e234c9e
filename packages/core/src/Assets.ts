/**
 * Asset register commands: register, update, lifecycle transitions, components, and each asset's history.
 *
 * Every command runs in one unit of work and appends its events to the {@link EventLog} in it, so an asset's
 * history is the event log filtered by the asset. A command that fails changes nothing. Check-outs live in
 * {@link CheckOuts}, the shared stock ledger (capitalise, transfer, dispose, return to stock) in
 * {@link AssetLedger}, physical audits in {@link AssetAudits}.
 *
 * @since 0.1.0
 */
import { DateTime, Effect } from "effect"
import { type Asset, AssetChanges, NewAsset } from "./Asset.ts"
import { CycleInComponents, type DuplicateTag, InvalidAssetCommand, type AssetDisposed, type InvalidTransition, type UnknownAsset } from "./AssetError.ts"
import * as AssetLifecycle from "./AssetLifecycle.ts"
import { type AssetFilter, AssetStore } from "./AssetStore.ts"
import { type CatalogStore } from "./CatalogStore.ts"
import { type UnknownItem, type UnknownLocation } from "./CatalogError.ts"
import { CurrentActor } from "./CurrentActor.ts"
import type { DepreciationError } from "./DepreciationError.ts"
import type { Envelope } from "./DomainEvent.ts"
import { emit, EventLog } from "./EventLog.ts"
import { type IdGenerator } from "./IdGenerator.ts"
import type { AssetId } from "./Ids.ts"
import { decode, InvalidInput } from "./InputError.ts"
import { checkBooks, checkRefs, checkTagFree, insert, purchaseOf } from "./internal/assetRegister.ts"
import { applyAction, inSchemaOrder, live, load, ref, replace, save } from "./internal/assets.ts"
import { categoryPath } from "./Item.ts"
import type * as Quantity from "./Quantity.ts"
import type { ConcurrentModification, StoreError } from "./StoreError.ts"
import { transaction, type UnitOfWork } from "./UnitOfWork.ts"
import { type ValuationStore } from "./ValuationStore.ts"

/** The services asset commands need. @since 0.1.0 */
export type Env = AssetStore | CatalogStore | ValuationStore | EventLog | UnitOfWork | CurrentActor | IdGenerator

/** Errors of {@link register} and {@link update}. @since 0.1.0 */
export type RegisterError =
  | InvalidInput
  | Quantity.InvalidQuantity
  | DepreciationError
  | DuplicateTag
  | UnknownItem
  | UnknownLocation
  | UnknownAsset
  | AssetDisposed
  | InvalidAssetCommand
  | ConcurrentModification
  | StoreError

const decodeNew = decode("registerAsset", NewAsset)

const decodeChanges = decode("updateAsset", AssetChanges)

/**
 * Registers an asset. It starts `inStock` (or `onOrder`), unassigned, outside the stock ledger.
 *
 * @since 0.1.0
 */
export const register = (input: NewAsset): Effect.Effect<Asset, RegisterError, Env> =>
  Effect.flatMap(decodeNew(input), (a) => transaction(insert(a, { inLedger: false, cost: undefined })))

/**
 * Changes an asset's descriptive data. The serial and model of an asset in the stock ledger are fixed.
 *
 * @since 0.1.0
 */
export const update = (key: string, changes: AssetChanges): Effect.Effect<Asset, RegisterError, Env> =>
  Effect.gen(function*() {
    const c = yield* decodeChanges(changes)
    const books = c.books === undefined ? undefined : yield* checkBooks("updateAsset", c.books)
    return yield* transaction(Effect.gen(function*() {
      const before = yield* live(yield* load(key), "update")
      if (before.inLedger && ((c.serial !== undefined && c.serial !== before.serial) || (c.modelId !== undefined && c.modelId !== before.modelId))) {
        return yield* new InvalidAssetCommand({ assetId: before.id, reason: "its serial and model are fixed while the stock ledger holds it" })
      }
      if (c.tag !== undefined) yield* checkTagFree(c.tag, before.id)
      if (c.modelId !== undefined) yield* checkRefs(c.modelId, null)
      const purchase = yield* purchaseOf("updateAsset", c.purchase, before.purchase)
      const actor = yield* CurrentActor
      // `null` clears the in-service date: depreciation then starts at the purchase date.
      const { inServiceDate: previousInService, ...kept } = before
      const inService = c.inServiceDate === undefined ? previousInService : c.inServiceDate ?? undefined
      const next: Asset = inSchemaOrder({
        ...kept,
        ...(c.tag === undefined ? {} : { tag: c.tag }),
        ...(c.name === undefined ? {} : { name: c.name }),
        ...(c.serial === undefined ? {} : { serial: c.serial }),
        ...(c.modelId === undefined ? {} : { modelId: c.modelId }),
        ...(c.category === undefined ? {} : { category: categoryPath(c.category) }),
        ...(c.warranty === undefined ? {} : { warranty: c.warranty === null ? null : { endsAt: c.warranty.endsAt, provider: c.warranty.provider ?? null } }),
        ...(c.fields === undefined ? {} : { fields: c.fields }),
        ...(books === undefined ? {} : { books }),
        ...(inService === undefined ? {} : { inServiceDate: inService }),
        purchase,
        actorId: actor.actorId,
        version: before.version + 1,
        updatedAt: yield* DateTime.now
      })
      const changed = Object.keys(c).sort()
      yield* (yield* AssetStore).put([next])
      yield* emit([{ event: { _tag: "AssetUpdated", asset: next, changed }, entities: [ref(next.id)] }])
      return next
    }))
  })

/** Errors of {@link transition}. @since 0.1.0 */
export type TransitionError = InvalidInput | UnknownAsset | InvalidTransition | ConcurrentModification | StoreError

/** Actions that need their own command, because they carry data or touch other records. */
const dedicated: Partial<Record<AssetLifecycle.Action, string>> = {
  checkOut: "CheckOuts.checkOut",
  checkIn: "CheckOuts.checkIn",
  dispose: "AssetLedger.dispose",
  writeOff: "AssetLedger.dispose"
}

const decodeAction = decode("transitionAsset", AssetLifecycle.Action)

/**
 * Applies a lifecycle action to an asset and records it as an `AssetTransitioned` event. Leaving `deployed`
 * this way (repair, loss, theft) closes the open check-out. Check-out, check-in and disposal have their own
 * commands.
 *
 * @since 0.1.0
 */
export const transition = (key: string, action: AssetLifecycle.Action, note?: string): Effect.Effect<Asset, TransitionError, Env> =>
  Effect.gen(function*() {
    const a = yield* decodeAction(action)
    const own = dedicated[a]
    if (own !== undefined) return yield* new InvalidInput({ operation: "transitionAsset", field: "action", reason: `${a} goes through ${own}` })
    return yield* transaction(Effect.gen(function*() {
      const applied = yield* applyAction(yield* load(key), a, note ?? null)
      yield* save(applied)
      yield* emit(applied.events)
      return applied.asset
    }))
  })

/** Errors of {@link attach} and {@link detach}. @since 0.1.0 */
export type ComponentError = UnknownAsset | AssetDisposed | CycleInComponents | InvalidAssetCommand | ConcurrentModification | StoreError

/**
 * Makes an asset a component of another (the RAM in a server). Refuses a parent that is the asset itself or
 * one of its components, at any depth.
 *
 * @since 0.1.0
 */
export const attach = (key: string, parentKey: string): Effect.Effect<Asset, ComponentError, Env> =>
  transaction(Effect.gen(function*() {
    const asset = yield* live(yield* load(key), "attach")
    const parent = yield* live(yield* load(parentKey), "attach a component to")
    if (asset.parentId === parent.id) return asset
    const { tenantId, actorId } = yield* CurrentActor
    const store = yield* AssetStore
    // Walk up from the parent: meeting the asset means the parent sits inside it.
    const seen = new Set<AssetId>()
    for (let at: Asset | undefined = parent; at !== undefined; ) {
      if (at.id === asset.id) return yield* new CycleInComponents({ assetId: asset.id, parentId: parent.id })
      if (at.parentId === null || seen.has(at.id)) break
      seen.add(at.id)
      at = (yield* store.get(tenantId, [at.parentId])).get(at.parentId)
    }
    const next: Asset = { ...asset, parentId: parent.id, actorId, version: asset.version + 1, updatedAt: yield* DateTime.now }
    yield* replace([next])
    const events: Array<Parameters<typeof emit>[0][number]> = []
    if (asset.parentId !== null) {
      events.push({ event: { _tag: "AssetComponentDetached", assetId: asset.id, parentId: asset.parentId }, entities: [ref(asset.id), ref(asset.parentId)] })
    }
    events.push({ event: { _tag: "AssetComponentAttached", assetId: asset.id, parentId: parent.id }, entities: [ref(asset.id), ref(parent.id)] })
    yield* emit(events)
    return next
  }))

/**
 * Detaches a component from its parent.
 *
 * @since 0.1.0
 */
export const detach = (key: string): Effect.Effect<Asset, ComponentError, Env> =>
  transaction(Effect.gen(function*() {
    const asset = yield* live(yield* load(key), "detach")
    if (asset.parentId === null) return yield* new InvalidAssetCommand({ assetId: asset.id, reason: "is not a component of another asset" })
    const { actorId } = yield* CurrentActor
    const next: Asset = { ...asset, parentId: null, actorId, version: asset.version + 1, updatedAt: yield* DateTime.now }
    yield* replace([next])
    yield* emit([{ event: { _tag: "AssetComponentDetached", assetId: asset.id, parentId: asset.parentId }, entities: [ref(asset.id), ref(asset.parentId)] }])
    return next
  }))

/**
 * An asset by id or tag.
 *
 * @since 0.1.0
 */
export const get = (key: string): Effect.Effect<Asset, UnknownAsset | StoreError, AssetStore | CurrentActor> => load(key)

/**
 * Assets ordered by id, a page at a time (pass the last id as `afterId`).
 *
 * @since 0.1.0
 */
export const list = (
  filter: Partial<Omit<AssetFilter, "afterId" | "parentId" | "modelId" | "locationIds">> & {
    readonly afterId?: string
    readonly parentId?: string
    readonly modelId?: string
    readonly locationIds?: ReadonlyArray<string>
  } = {}
): Effect.Effect<ReadonlyArray<Asset>, StoreError, AssetStore | CurrentActor> =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor
    return yield* (yield* AssetStore).list(tenantId, { ...filter, limit: filter.limit ?? 100 } as AssetFilter)
  })

/**
 * The components attached directly to an asset.
 *
 * @since 0.1.0
 */
export const components = (key: string): Effect.Effect<ReadonlyArray<Asset>, UnknownAsset | StoreError, AssetStore | CurrentActor> =>
  Effect.gen(function*() {
    const asset = yield* load(key)
    return yield* (yield* AssetStore).list(asset.tenantId, { parentId: asset.id, limit: 10_000 })
  })

/**
 * An asset's audit trail: every event that touched it, oldest first, a page at a time (pass the last `seq`
 * as `afterSeq`).
 *
 * @since 0.1.0
 */
export const history = (
  key: string,
  page: { readonly afterSeq?: number; readonly limit?: number } = {}
): Effect.Effect<ReadonlyArray<Envelope>, UnknownAsset | StoreError, AssetStore | EventLog | CurrentActor> =>
  Effect.gen(function*() {
    const asset = yield* load(key)
    return yield* (yield* EventLog).byEntity(asset.tenantId, ref(asset.id), {
      ...(page.afterSeq === undefined ? {} : { afterSeq: page.afterSeq }),
      limit: page.limit ?? 1000
    })
  })

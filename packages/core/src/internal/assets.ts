// Shared steps of the asset commands: loading an asset inside a transaction, applying a lifecycle action
// (closing the open check-out when the asset leaves `deployed`), and emitting the events.
import { DateTime, Effect, Result } from "effect"
import { Asset as AssetSchema, type Asset } from "../Asset.ts"
import { AssetDisposed, InvalidTransition, UnknownAsset } from "../AssetError.ts"
import * as AssetLifecycle from "../AssetLifecycle.ts"
import { AssetStore } from "../AssetStore.ts"
import type { CheckOut } from "../CheckOut.ts"
import { CurrentActor } from "../CurrentActor.ts"
import type { DomainEvent, EntityRef } from "../DomainEvent.ts"
import type { AssetId } from "../Ids.ts"
import type { ConcurrentModification, StoreError } from "../StoreError.ts"

export const ref = (id: string): EntityRef => ({ type: "asset", id })

export type Emitted = { readonly event: DomainEvent; readonly entities: ReadonlyArray<EntityRef> }

const fieldOrder = Object.keys(AssetSchema.fields) as ReadonlyArray<keyof Asset>

/** The asset with its keys in the schema's order, as a store reads it back (an optional field added last moves). */
export const inSchemaOrder = (asset: Asset): Asset =>
  Object.fromEntries(fieldOrder.filter((k) => k in asset).map((k) => [k, asset[k]])) as unknown as Asset

/** The asset by id or, failing that, by tag. */
export const load = (key: string): Effect.Effect<Asset, UnknownAsset | StoreError, AssetStore | CurrentActor> =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor
    const store = yield* AssetStore
    const byId = (yield* store.get(tenantId, [key as AssetId])).get(key as AssetId)
    if (byId !== undefined) return byId
    const byTag = (yield* store.byTag(tenantId, [key])).get(key)
    if (byTag !== undefined) return byTag
    return yield* new UnknownAsset({ asset: key })
  })

/** Fails with {@link AssetDisposed} for a disposed asset. */
export const live = (asset: Asset, operation: string): Effect.Effect<Asset, AssetDisposed> =>
  asset.status === "disposed" ? Effect.fail(new AssetDisposed({ assetId: asset.id, operation })) : Effect.succeed(asset)

/**
 * The asset after `action`, the events that record it, and the check-out it closes (when it leaves
 * `deployed` other than by check-in, which closes its own). Writes nothing.
 */
export const applyAction = (
  asset: Asset,
  action: AssetLifecycle.Action,
  note: string | null,
  patch: Partial<Asset> = {}
): Effect.Effect<
  { readonly asset: Asset; readonly events: Array<Emitted>; readonly closed: CheckOut | null },
  InvalidTransition | StoreError,
  AssetStore | CurrentActor
> =>
  Effect.gen(function*() {
    const to = AssetLifecycle.transition(asset.status, action)
    if (Result.isFailure(to)) {
      return yield* new InvalidTransition({ from: to.failure.from, to: to.failure.to, action: to.failure.action, assetId: asset.id })
    }
    const actor = yield* CurrentActor
    const now = yield* DateTime.now
    const next: Asset = {
      ...asset,
      ...patch,
      status: to.success,
      assignee: to.success === "deployed" ? (patch.assignee ?? asset.assignee) : null,
      actorId: actor.actorId,
      version: asset.version + 1,
      updatedAt: now
    }
    const events: Array<Emitted> = [{
      event: { _tag: "AssetTransitioned", asset: next, action, from: asset.status, to: to.success, note },
      entities: [ref(asset.id)]
    }]
    let closed: CheckOut | null = null
    if (asset.status === "deployed" && action !== "checkIn") {
      const open = (yield* (yield* AssetStore).openCheckOuts(actor.tenantId, [asset.id])).get(asset.id)
      if (open !== undefined) {
        closed = { ...open, returnedAt: now, conditionIn: note, version: open.version + 1 }
        events.push({ event: { _tag: "AssetCheckedIn", checkOut: closed, action }, entities: [ref(asset.id)] })
      }
    }
    return { asset: next, events, closed }
  })

/**
 * Replaces assets whose tags do not change. The store's tag check cannot fail for them, so a `DuplicateTag`
 * here means a corrupt store: a defect, not a domain error.
 */
export const replace = (assets: ReadonlyArray<Asset>): Effect.Effect<void, StoreError | ConcurrentModification, AssetStore> =>
  Effect.flatMap(Effect.service(AssetStore), (store) => store.put(assets).pipe(Effect.catchTag("DuplicateTag", (e) => Effect.die(e))))

/** Writes the result of {@link applyAction}. */
export const save = (
  result: { readonly asset: Asset; readonly closed: CheckOut | null }
) =>
  Effect.gen(function*() {
    const store = yield* AssetStore
    yield* replace([result.asset])
    if (result.closed !== null) yield* store.putCheckOuts([result.closed])
  })

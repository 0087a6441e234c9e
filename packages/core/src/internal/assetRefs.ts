// Checks references to assets from licences and credentials. The asset register is optional for them: with an
// `AssetStore` provided (every storage adapter provides one) a referenced asset must exist and not be disposed
// of; without one the reference is taken as given.
import { Effect, Option } from "effect"
import { AssetDisposed, UnknownAsset } from "../AssetError.ts"
import { AssetStore } from "../AssetStore.ts"
import type { AssetId, TenantId } from "../Ids.ts"
import type { StoreError } from "../StoreError.ts"

export const checkAssets = (
  tenantId: TenantId,
  ids: ReadonlyArray<string>,
  operation: string
): Effect.Effect<void, UnknownAsset | AssetDisposed | StoreError> =>
  Effect.gen(function*() {
    if (ids.length === 0) return
    const store = yield* Effect.serviceOption(AssetStore)
    if (Option.isNone(store)) return
    const found = yield* store.value.get(tenantId, ids as ReadonlyArray<AssetId>)
    for (const id of ids) {
      const asset = found.get(id as AssetId)
      if (asset === undefined) return yield* new UnknownAsset({ asset: id })
      if (asset.status === "disposed") return yield* new AssetDisposed({ assetId: id, operation })
    }
  })

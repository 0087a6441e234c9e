// The steps of registering an asset, shared by `Assets.register` and `AssetLedger.capitalise`.
import { type BigDecimal, DateTime, Effect, Result } from "effect"
import type { Asset, NewAsset, Purchase } from "../Asset.ts"
import { DuplicateTag, InvalidAssetCommand } from "../AssetError.ts"
import { AssetStore } from "../AssetStore.ts"
import { CatalogStore } from "../CatalogStore.ts"
import { UnknownItem, UnknownLocation } from "../CatalogError.ts"
import { CurrentActor } from "../CurrentActor.ts"
import * as DepreciationProfile from "../DepreciationProfile.ts"
import { emit } from "../EventLog.ts"
import { IdGenerator } from "../IdGenerator.ts"
import type { AssetId, ItemId, LocationId } from "../Ids.ts"
import { InvalidInput } from "../InputError.ts"
import { categoryPath } from "../Item.ts"
import * as Money from "../Money.ts"
import type * as Quantity from "../Quantity.ts"
import type { StoreError } from "../StoreError.ts"
import { ValuationStore } from "../ValuationStore.ts"
import { live, load, ref } from "./assets.ts"

/** Validates depreciation books: each valid, no book named twice. */
export const checkBooks = (operation: string, books: ReadonlyArray<DepreciationProfile.Profile>) =>
  Effect.gen(function*() {
    const names = new Set<string>()
    for (const [i, book] of books.entries()) {
      if (names.has(book.book)) return yield* new InvalidInput({ operation, field: `books[${i}].book`, reason: `repeats book ${JSON.stringify(book.book)}` })
      names.add(book.book)
      const valid = DepreciationProfile.validate(book, operation)
      if (Result.isFailure(valid)) return yield* valid.failure
    }
    return books
  })
/** Purchase data from its input, the cost exact at the tenant's currency scale and not negative. */
export const purchaseOf = (
  operation: string,
  input: typeof NewAsset.Type["purchase"],
  before: Purchase | null
): Effect.Effect<Purchase, InvalidInput | Quantity.InvalidQuantity | StoreError, ValuationStore | CurrentActor> =>
  Effect.gen(function*() {
    const base: Purchase = before ?? { cost: null, date: null, supplier: null, purchaseOrder: null, invoice: null }
    if (input === undefined) return base
    let cost = base.cost
    if (input.cost !== undefined) {
      const { tenantId } = yield* CurrentActor
      const scale = (yield* (yield* ValuationStore).getSettings(tenantId, "none")).currencyScale
      const units = Money.parse(input.cost, scale, "purchase.cost")
      if (Result.isFailure(units)) return yield* units.failure
      if (units.success < 0n) return yield* new InvalidInput({ operation, field: "purchase.cost", reason: "must not be negative" })
      cost = Money.toDecimal(units.success, scale)
    }
    return {
      cost,
      date: input.date ?? base.date,
      supplier: input.supplier ?? base.supplier,
      purchaseOrder: input.purchaseOrder ?? base.purchaseOrder,
      invoice: input.invoice ?? base.invoice
    }
  })

export const checkRefs = (modelId: string | null, locationId: string | null) =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor
    const catalog = yield* CatalogStore
    if (modelId !== null && !(yield* catalog.getItems(tenantId, [modelId as ItemId])).has(modelId as ItemId)) {
      return yield* new UnknownItem({ itemId: modelId })
    }
    if (locationId !== null && !(yield* catalog.getLocations(tenantId, [locationId as LocationId])).has(locationId as LocationId)) {
      return yield* new UnknownLocation({ locationId })
    }
  })

export const checkTagFree = (tag: string, self: AssetId | null) =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor
    const holder = (yield* (yield* AssetStore).byTag(tenantId, [tag])).get(tag)
    if (holder !== undefined && holder.id !== self) return yield* new DuplicateTag({ tag })
  })

/**
 * Inserts a new asset and emits `AssetRegistered`. `cost`, when given, replaces the purchase cost (a
 * capitalised serial's value from the valuation).
 */
export const insert = (
  a: typeof NewAsset.Type,
  options: { readonly inLedger: boolean; readonly cost: BigDecimal.BigDecimal | null | undefined }
) =>
  Effect.gen(function*() {
    const books = yield* checkBooks(options.inLedger ? "capitalise" : "registerAsset", a.books ?? [])
    const actor = yield* CurrentActor
    const purchase = yield* purchaseOf(options.inLedger ? "capitalise" : "registerAsset", a.purchase, null)
    const id = (a.id ?? (yield* (yield* IdGenerator).next)) as AssetId
    const store = yield* AssetStore
    if ((yield* store.get(actor.tenantId, [id])).has(id)) {
      return yield* new InvalidAssetCommand({ assetId: id, reason: "an asset with this id already exists" })
    }
    yield* checkTagFree(a.tag, null)
    yield* checkRefs(a.modelId ?? null, a.locationId ?? null)
    if (a.parentId !== undefined) yield* live(yield* load(a.parentId), "attach a component to")
    const at = yield* DateTime.now
    const asset: Asset = {
      id,
      tenantId: actor.tenantId,
      tag: a.tag,
      name: a.name ?? "",
      serial: a.serial ?? null,
      modelId: a.modelId ?? null,
      category: a.category === undefined ? [] : categoryPath(a.category),
      status: a.status ?? "inStock",
      assignee: null,
      locationId: a.locationId ?? null,
      purchase: options.cost === undefined || options.cost === null ? purchase : { ...purchase, cost: options.cost },
      warranty: a.warranty === undefined ? null : { endsAt: a.warranty.endsAt, provider: a.warranty.provider ?? null },
      fields: a.fields ?? {},
      parentId: a.parentId ?? null,
      books,
      ...(a.inServiceDate === undefined ? {} : { inServiceDate: a.inServiceDate }),
      inLedger: options.inLedger,
      disposal: null,
      actorId: actor.actorId,
      version: 1,
      createdAt: at,
      updatedAt: at
    }
    yield* store.put([asset])
    const entities = [ref(id), ...(asset.parentId === null ? [] : [ref(asset.parentId)]), ...(asset.modelId === null || !options.inLedger ? [] : [{ type: "item", id: asset.modelId }])]
    yield* emit([{ event: { _tag: "AssetRegistered", asset, capitalised: options.inLedger }, entities }])
    return asset
  })


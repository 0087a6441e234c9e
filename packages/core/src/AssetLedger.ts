/**
 * One ledger for stock and assets.
 *
 * A serial received into stock becomes an asset by {@link capitalise}: the asset sits where the stock ledger
 * holds the serial, at the cost the valuation gives it. From then on the asset is `inLedger`, and every move
 * goes through {@link StockLedger.post}: {@link transfer} posts the serial between internal locations,
 * {@link dispose} posts it out of stock (to a customer, scrap or loss location), and {@link returnToStock} ends
 * a retired asset so that its serial is ordinary stock again. {@link reconcile} checks the promise: each
 * asset's location equals its serial's position in the ledger.
 *
 * @since 0.1.0
 */
import { DateTime, Effect, Result, Schema } from "effect"
import { type Asset, DisposalMethod, NewAsset } from "./Asset.ts"
import {
  type AssetDisposed,
  type DuplicateTag,
  InvalidAssetCommand,
  type InvalidTransition,
  NotCapitalisable,
  type UnknownAsset
} from "./AssetError.ts"
import type * as Assets from "./Assets.ts"
import { AssetStore } from "./AssetStore.ts"
import { CatalogStore } from "./CatalogStore.ts"
import { UnknownItem, UnknownLocation } from "./CatalogError.ts"
import { CurrentActor } from "./CurrentActor.ts"
import type { DepreciationError } from "./DepreciationError.ts"
import { emit } from "./EventLog.ts"
import { IdGenerator } from "./IdGenerator.ts"
import type { AssetId, ItemId, LocationId } from "./Ids.ts"
import { decode, InvalidInput } from "./InputError.ts"
import { insert } from "./internal/assetRegister.ts"
import { applyAction, live, load, ref, replace as replaceAll, save } from "./internal/assets.ts"
import { serialCost } from "./internal/serialCost.ts"
import { holdsStock, isOnHand } from "./Location.ts"
import { LedgerStore } from "./LedgerStore.ts"
import * as Money from "./Money.ts"
import { type MovementInput, TimeInput } from "./Movement.ts"
import * as Quantity from "./Quantity.ts"
import * as StockLedger from "./StockLedger.ts"
import type { ConcurrentModification, StoreError } from "./StoreError.ts"
import { transaction } from "./UnitOfWork.ts"
import * as Valuations from "./Valuations.ts"
import { ValuationStore } from "./ValuationStore.ts"

/** The services of the one-ledger commands. @since 0.1.0 */
export type Env = Assets.Env | StockLedger.Env | Valuations.Env

/**
 * Input of {@link capitalise}: the serial and the asset's register data. `purchase.cost` is used only when the
 * valuation has no cost for the serial.
 *
 * @since 0.1.0
 */
export const CapitaliseInput = Schema.Struct({
  itemId: Schema.String,
  serial: Schema.String,
  tag: NewAsset.fields.tag,
  id: NewAsset.fields.id,
  name: NewAsset.fields.name,
  category: NewAsset.fields.category,
  purchase: NewAsset.fields.purchase,
  warranty: NewAsset.fields.warranty,
  fields: NewAsset.fields.fields,
  books: NewAsset.fields.books
})
/** @since 0.1.0 */
export type CapitaliseInput = typeof CapitaliseInput.Encoded

/** Errors of {@link capitalise}. @since 0.1.0 */
export type CapitaliseError =
  | InvalidInput
  | Quantity.InvalidQuantity
  | DepreciationError
  | UnknownItem
  | UnknownLocation
  | UnknownAsset
  | AssetDisposed
  | NotCapitalisable
  | DuplicateTag
  | InvalidAssetCommand
  | ConcurrentModification
  | StoreError

const decodeCapitalise = decode("capitalise", CapitaliseInput)

/**
 * Turns a serial that the stock ledger holds in an internal location into an asset: `inStock`, at the serial's
 * location, costed from the valuation (else from `purchase.cost`). The serial stays in the ledger, now as
 * the asset.
 *
 * @since 0.1.0
 */
export const capitalise = (input: CapitaliseInput): Effect.Effect<Asset, CapitaliseError, Env> =>
  Effect.gen(function*() {
    const i = yield* decodeCapitalise(input)
    const actor = yield* CurrentActor
    // Bring the valuation up to date first, in its own unit of work: a valuation that cannot be computed (a
    // receipt without cost) only means the cost comes from elsewhere.
    yield* Valuations.refresh([i.itemId]).pipe(
      Effect.catch((e) => (e._tag === "StoreError" ? Effect.fail(e) : Effect.void))
    )
    return yield* transaction(Effect.gen(function*() {
      const itemId = i.itemId as ItemId
      const catalog = yield* CatalogStore
      const ledger = yield* LedgerStore
      yield* ledger.lockItems(actor.tenantId, [itemId])
      const item = (yield* catalog.getItems(actor.tenantId, [itemId])).get(itemId)
      if (item === undefined) return yield* new UnknownItem({ itemId })
      const refuse = (reason: string) => new NotCapitalisable({ itemId, serial: i.serial, reason })
      if (item.tracking !== "serial") return yield* refuse("the item is not serial-tracked")
      const at = (yield* ledger.getSerials(actor.tenantId, itemId, [i.serial])).get(i.serial)
      if (at === undefined) return yield* refuse("it is not in stock")
      const location = (yield* catalog.getLocations(actor.tenantId, [at])).get(at)
      if (location === undefined || !isOnHand(location.usage)) return yield* refuse(`it is at ${JSON.stringify(at)}, which is not an internal location`)
      const store = yield* AssetStore
      const existing = (yield* store.list(actor.tenantId, { modelId: itemId, serial: i.serial, limit: 100 })).find((a) => a.status !== "disposed")
      if (existing !== undefined) return yield* refuse(`it is already asset ${JSON.stringify(existing.tag)}`)
      const scale = (yield* (yield* ValuationStore).getSettings(actor.tenantId, "none")).currencyScale
      const valued = yield* serialCost(item, i.serial, scale)
      return yield* insert({
        ...i,
        name: i.name ?? item.name,
        modelId: itemId,
        category: i.category ?? item.category,
        locationId: at
      }, { inLedger: true, cost: valued === null ? undefined : Money.toDecimal(valued, scale) })
    }))
  })

/** Errors of {@link transfer}, {@link dispose} and {@link returnToStock}. @since 0.1.0 */
export type LedgerCommandError =
  | InvalidInput
  | Quantity.InvalidQuantity
  | UnknownAsset
  | UnknownLocation
  | AssetDisposed
  | InvalidTransition
  | InvalidAssetCommand
  | StockLedger.PostError

/** The input of {@link transfer}. @since 0.1.0 */
export const TransferInput = Schema.Struct({
  asset: Schema.String,
  to: Schema.String,
  movementId: Schema.optionalKey(Schema.String),
  effectiveAt: Schema.optionalKey(TimeInput),
  reference: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isMaxLength(256))))
})
/** @since 0.1.0 */
export type TransferInput = typeof TransferInput.Encoded

const decodeTransfer = decode("transferAsset", TransferInput)

const movable: ReadonlyArray<Asset["status"]> = ["inStock", "deployed", "inRepair", "inMaintenance", "retired"]

const locationOf = (id: string) =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor
    const location = (yield* (yield* CatalogStore).getLocations(tenantId, [id as LocationId])).get(id as LocationId)
    if (location === undefined) return yield* new UnknownLocation({ locationId: id })
    return location
  })

/** Posts the serials of ledger assets from one location to another as one movement per model item. */
const postSerials = (
  assets: ReadonlyArray<Asset>,
  from: LocationId,
  to: LocationId,
  options: { readonly movementId?: string; readonly effectiveAt?: DateTime.Utc; readonly reference?: string; readonly reasonCode?: string }
) =>
  Effect.gen(function*() {
    const ids = yield* IdGenerator
    const byItem = new Map<ItemId, Array<string>>()
    for (const a of assets) {
      if (!a.inLedger || a.modelId === null || a.serial === null) continue
      byItem.set(a.modelId, [...(byItem.get(a.modelId) ?? []), a.serial])
    }
    if (byItem.size === 0) return null
    const lines: Array<MovementInput> = []
    let n = 0
    for (const [itemId, serials] of byItem) {
      const given = options.movementId === undefined ? undefined : n === 0 ? options.movementId : `${options.movementId}-${n}`
      n++
      lines.push({
        id: given ?? (yield* ids.next),
        itemId,
        from,
        to,
        quantity: String(serials.length),
        serials,
        ...(options.effectiveAt === undefined ? {} : { effectiveAt: options.effectiveAt }),
        ...(options.reference === undefined ? {} : { reference: options.reference }),
        ...(options.reasonCode === undefined ? {} : { reasonCode: options.reasonCode })
      })
    }
    const posted = yield* StockLedger.post(lines)
    return posted.movements[0]?.id ?? null
  })

/** The components of an asset at any depth that stand at the same location and are not disposed. */
const travelling = (asset: Asset) =>
  Effect.gen(function*() {
    const store = yield* AssetStore
    const out: Array<Asset> = []
    const queue = [asset.id]
    while (queue.length > 0) {
      const parentId = queue.shift()!
      for (const child of yield* store.list(asset.tenantId, { parentId, limit: 10_000 })) {
        if (child.status === "disposed" || child.locationId !== asset.locationId) continue
        out.push(child)
        queue.push(child.id)
      }
    }
    return out
  })

/**
 * Moves an asset (and its components standing with it) to another location. For assets in the stock ledger
 * the move is a {@link StockLedger.post} of their serials, between internal locations, in the same unit of
 * work, so the register and the ledger never disagree.
 *
 * @since 0.1.0
 */
export const transfer = (input: TransferInput): Effect.Effect<Asset, LedgerCommandError, Env> =>
  Effect.gen(function*() {
    const i = yield* decodeTransfer(input)
    return yield* transaction(Effect.gen(function*() {
      const asset = yield* live(yield* load(i.asset), "transfer")
      if (!movable.includes(asset.status)) return yield* new InvalidAssetCommand({ assetId: asset.id, reason: `cannot be transferred while ${asset.status}` })
      const to = yield* locationOf(i.to)
      if (asset.locationId === to.id) return yield* new InvalidAssetCommand({ assetId: asset.id, reason: `is already at ${JSON.stringify(to.id)}` })
      const group = [asset, ...(yield* travelling(asset))]
      if (group.some((a) => a.inLedger) && !isOnHand(to.usage)) {
        return yield* new InvalidAssetCommand({ assetId: asset.id, reason: `${JSON.stringify(to.id)} is not an internal location; dispose of the asset to take it out of stock` })
      }
      const movementId = asset.locationId === null ? null : yield* postSerials(group, asset.locationId, to.id, {
        ...(i.movementId === undefined ? {} : { movementId: i.movementId }),
        ...(i.effectiveAt === undefined ? {} : { effectiveAt: i.effectiveAt }),
        ...(i.reference === undefined ? {} : { reference: i.reference })
      })
      const { actorId } = yield* CurrentActor
      const now = yield* DateTime.now
      const moved = group.map((a) => ({ ...a, locationId: to.id, actorId, version: a.version + 1, updatedAt: now }))
      yield* replaceAll(moved)
      yield* emit(group.map((a) => ({
        event: { _tag: "AssetTransferred" as const, assetId: a.id, fromLocationId: a.locationId, toLocationId: to.id, movementId },
        entities: [ref(a.id), { type: "location", id: to.id }]
      })))
      return moved[0]!
    }))
  })

/** The input of {@link dispose}. @since 0.1.0 */
export const DisposeInput = Schema.Struct({
  asset: Schema.String,
  method: Schema.optionalKey(DisposalMethod.pipe(Schema.check(Schema.makeFilter((m: string) => m !== "returnedToStock" || "use returnToStock")))),
  proceeds: Schema.optionalKey(Quantity.InputSchema),
  at: Schema.optionalKey(TimeInput),
  note: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isMaxLength(2000)))),
  to: Schema.optionalKey(Schema.String),
  movementId: Schema.optionalKey(Schema.String)
})
/** @since 0.1.0 */
export type DisposeInput = typeof DisposeInput.Encoded

const decodeDispose = decode("disposeAsset", DisposeInput)

/**
 * Disposes of an asset: a retired one by sale, scrap or donation (action `dispose`), a lost, missing or stolen
 * one by write-off (action `writeOff`). An asset in the stock ledger needs `to`, a location that holds no
 * stock (a customer, scrap or loss location): its serial is posted there.
 *
 * @since 0.1.0
 */
export const dispose = (input: DisposeInput): Effect.Effect<Asset, LedgerCommandError, Env> =>
  Effect.gen(function*() {
    const i = yield* decodeDispose(input)
    return yield* transaction(Effect.gen(function*() {
      const asset = yield* live(yield* load(i.asset), "dispose of")
      const lost = asset.status === "lost" || asset.status === "missing" || asset.status === "stolen"
      const method = i.method ?? (lost ? "writeOff" : "sale")
      const { tenantId } = yield* CurrentActor
      const scale = (yield* (yield* ValuationStore).getSettings(tenantId, "none")).currencyScale
      const proceeds = i.proceeds === undefined ? Result.succeed(0n) : Money.parse(i.proceeds, scale, "proceeds")
      if (Result.isFailure(proceeds)) return yield* proceeds.failure
      if (proceeds.success < 0n) return yield* new InvalidInput({ operation: "disposeAsset", field: "proceeds", reason: "must not be negative" })
      const now = yield* DateTime.now
      const applied = yield* applyAction(asset, lost ? "writeOff" : "dispose", i.note ?? null, {
        disposal: { at: i.at ?? now, method, proceeds: Money.toDecimal(proceeds.success, scale), note: i.note ?? null }
      })
      if (asset.inLedger && asset.locationId !== null) {
        if (i.to === undefined) return yield* new InvalidInput({ operation: "disposeAsset", field: "to", reason: "is required: the asset's serial leaves the stock ledger" })
        const to = yield* locationOf(i.to)
        if (holdsStock(to.usage)) return yield* new InvalidInput({ operation: "disposeAsset", field: "to", reason: `${JSON.stringify(to.id)} holds stock; give a customer, scrap or loss location` })
        yield* postSerials([asset], asset.locationId, to.id, {
          ...(i.movementId === undefined ? {} : { movementId: i.movementId }),
          reasonCode: method === "writeOff" ? "asset-write-off" : "asset-disposal",
          reference: asset.tag
        })
      }
      yield* save(applied)
      yield* emit(applied.events)
      return applied.asset
    }))
  })

/**
 * Ends a retired asset whose serial the stock ledger holds, so that the serial is ordinary stock again: the
 * asset is disposed of with method `returnedToStock` and no proceeds, and nothing moves in the ledger.
 *
 * @since 0.1.0
 */
export const returnToStock = (key: string, note?: string): Effect.Effect<Asset, LedgerCommandError, Env> =>
  transaction(Effect.gen(function*() {
    const asset = yield* live(yield* load(key), "return to stock")
    if (!asset.inLedger || asset.modelId === null || asset.serial === null || asset.locationId === null) {
      return yield* new InvalidAssetCommand({ assetId: asset.id, reason: "is not held in the stock ledger; only a capitalised serial can return to stock" })
    }
    const now = yield* DateTime.now
    const applied = yield* applyAction(asset, "dispose", note ?? null, {
      disposal: { at: now, method: "returnedToStock", proceeds: Money.toDecimal(0n, 0), note: note ?? null }
    })
    yield* save(applied)
    yield* emit([...applied.events, {
      event: { _tag: "AssetReturnedToStock", assetId: asset.id, itemId: asset.modelId, serial: asset.serial, locationId: asset.locationId },
      entities: [ref(asset.id), { type: "item", id: asset.modelId }]
    }])
    return applied.asset
  }))

/**
 * A disagreement between the register and the stock ledger: where the asset says it is, and where the ledger
 * holds its serial (`null` when out of stock).
 *
 * @since 0.1.0
 */
export interface Mismatch {
  readonly assetId: AssetId
  readonly tag: string
  readonly status: Asset["status"]
  readonly assetLocationId: LocationId | null
  readonly ledgerLocationId: LocationId | null
}

/**
 * Checks that every asset in the stock ledger stands where the ledger holds its serial, and that a disposed
 * one (other than returned to stock) is out of stock. Returns the disagreements; none means the one-ledger
 * invariant holds.
 *
 * @since 0.1.0
 */
export const reconcile: Effect.Effect<ReadonlyArray<Mismatch>, StoreError, AssetStore | LedgerStore | CurrentActor> = Effect.gen(function*() {
  const { tenantId } = yield* CurrentActor
  const store = yield* AssetStore
  const ledger = yield* LedgerStore
  const out: Array<Mismatch> = []
  let afterId: AssetId | undefined
  for (;;) {
    const page = yield* store.list(tenantId, { inLedger: true, limit: 500, ...(afterId === undefined ? {} : { afterId }) })
    if (page.length === 0) break
    afterId = page[page.length - 1]!.id
    const byItem = new Map<ItemId, Array<Asset>>()
    for (const a of page) if (a.modelId !== null && a.serial !== null) byItem.set(a.modelId, [...(byItem.get(a.modelId) ?? []), a])
    for (const [itemId, assets] of byItem) {
      const positions = yield* ledger.getSerials(tenantId, itemId, assets.map((a) => a.serial!))
      for (const a of assets) {
        if (a.disposal?.method === "returnedToStock") continue
        const held = positions.get(a.serial!) ?? null
        const expected = a.status === "disposed" ? null : a.locationId
        if (held !== expected) out.push({ assetId: a.id, tag: a.tag, status: a.status, assetLocationId: a.locationId, ledgerLocationId: held })
      }
    }
  }
  return out
})

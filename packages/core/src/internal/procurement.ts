// Shared steps of the procurement commands: loading documents, reading input quantities and prices, and
// checking the locations a purchase order names.
import { BigDecimal, Effect } from "effect"
import { CatalogStore } from "../CatalogStore.ts"
import { UnknownItem, UnknownLocation } from "../CatalogError.ts"
import type { ItemId, LocationId, TenantId } from "../Ids.ts"
import * as ItemModel from "../Item.ts"
import type { Item } from "../Item.ts"
import { ItemDiscontinued } from "../LedgerError.ts"
import { isOnHand } from "../Location.ts"
import { InvalidDocument, UnknownPurchaseOrder, UnknownRequisition } from "../ProcurementError.ts"
import { ProcurementStore } from "../ProcurementStore.ts"
import type { PurchaseOrder, PurchaseOrderId } from "../PurchaseOrder.ts"
import * as Quantity from "../Quantity.ts"
import type { Requisition, RequisitionId } from "../Requisition.ts"
import type { StoreError } from "../StoreError.ts"
import * as UnitOfMeasure from "../UnitOfMeasure.ts"

export const loadRequisition = (tenantId: TenantId, id: string): Effect.Effect<Requisition, UnknownRequisition | StoreError, ProcurementStore> =>
  Effect.gen(function*() {
    const found = (yield* (yield* ProcurementStore).getRequisitions(tenantId, [id as RequisitionId])).get(id as RequisitionId)
    if (found === undefined) return yield* new UnknownRequisition({ requisitionId: id })
    return found
  })

export const loadOrder = (
  tenantId: TenantId,
  id: string,
  forUpdate = false
): Effect.Effect<PurchaseOrder, UnknownPurchaseOrder | StoreError, ProcurementStore> =>
  Effect.gen(function*() {
    const found = (yield* (yield* ProcurementStore).getPurchaseOrders(tenantId, [id as PurchaseOrderId], { forUpdate })).get(id as PurchaseOrderId)
    if (found === undefined) return yield* new UnknownPurchaseOrder({ purchaseOrderId: id })
    return found
  })

export const loadItems = (tenantId: TenantId, ids: ReadonlyArray<string>): Effect.Effect<ReadonlyMap<ItemId, Item>, UnknownItem | StoreError, CatalogStore> =>
  Effect.gen(function*() {
    const unique = [...new Set(ids)] as Array<ItemId>
    const items = yield* (yield* CatalogStore).getItems(tenantId, unique)
    for (const id of unique) if (!items.has(id)) return yield* new UnknownItem({ itemId: id })
    return items
  })

/** Items to buy: known, and not discontinued (a discontinued item can never be received). */
export const loadBuyableItems = (
  tenantId: TenantId,
  ids: ReadonlyArray<string>
): Effect.Effect<ReadonlyMap<ItemId, Item>, UnknownItem | ItemDiscontinued | StoreError, CatalogStore> =>
  Effect.gen(function*() {
    const items = yield* loadItems(tenantId, ids)
    for (let i = 0; i < ids.length; i++) {
      if (items.get(ids[i] as ItemId)!.status === "discontinued") return yield* new ItemDiscontinued({ itemId: ids[i]!, field: `lines[${i}].itemId` })
    }
    return items
  })

/** A positive quantity in `unit`, exactly in base units. */
export const baseQuantity = (
  item: Item,
  quantity: Quantity.Input,
  unit: string | undefined,
  field: string
): Effect.Effect<bigint, Quantity.InvalidQuantity | UnitOfMeasure.UnknownUnit | InvalidDocument> =>
  Effect.flatMap(Effect.fromResult(UnitOfMeasure.toBaseUnits(ItemModel.scheme(item), quantity, unit ?? item.baseUnit.code, field)), (units) =>
    units > 0n ? Effect.succeed(units) : Effect.fail(new InvalidDocument({ field, reason: "must be positive" })))

/** A non-negative exact decimal (a price or a percentage). */
export const nonNegative = (input: Quantity.Input, field: string): Effect.Effect<BigDecimal.BigDecimal, Quantity.InvalidQuantity | InvalidDocument> =>
  Effect.flatMap(Effect.fromResult(Quantity.parse(input, field)), (value) =>
    BigDecimal.isNegative(value)
      ? Effect.fail(new InvalidDocument({ field, reason: "must not be negative" }))
      : Effect.succeed(BigDecimal.normalize(value)))

/** Checks that the supplier is a supplier location and the ship-to location holds stock on hand. */
export const checkParties = (
  tenantId: TenantId,
  supplierId: string,
  shipToId: string
): Effect.Effect<void, UnknownLocation | InvalidDocument | StoreError, CatalogStore> =>
  Effect.gen(function*() {
    const locations = yield* (yield* CatalogStore).getLocations(tenantId, [supplierId as LocationId, shipToId as LocationId])
    const supplier = locations.get(supplierId as LocationId)
    if (supplier === undefined) return yield* new UnknownLocation({ locationId: supplierId })
    if (supplier.usage !== "supplier") return yield* new InvalidDocument({ field: "supplierId", reason: `location ${JSON.stringify(supplierId)} is not a supplier (its usage is ${supplier.usage})` })
    const shipTo = locations.get(shipToId as LocationId)
    if (shipTo === undefined) return yield* new UnknownLocation({ locationId: shipToId })
    if (!isOnHand(shipTo.usage) || shipTo.archived) {
      return yield* new InvalidDocument({ field: "shipToId", reason: `location ${JSON.stringify(shipToId)} is not an internal location that can receive` })
    }
  })

export const sameDecimal = (a: BigDecimal.BigDecimal | null, b: BigDecimal.BigDecimal | null): boolean =>
  a === null ? b === null : b !== null && BigDecimal.equals(a, b)

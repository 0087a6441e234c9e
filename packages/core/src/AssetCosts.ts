/**
 * Total cost of ownership of an asset: what it cost to buy, plus what its maintenance and the parts consumed
 * on it cost, minus what its disposal brought in. Every figure is exact.
 *
 * Work orders count whatever labour, vendor and parts cost they recorded, cancelled ones included: parts taken
 * from stock stay consumed and work paid for stays paid for. An asset with no purchase cost counts it as zero
 * and says so (`purchaseCostKnown: false`).
 *
 * @since 0.1.0
 */
import { BigDecimal, Effect } from "effect"
import type { Asset } from "./Asset.ts"
import { type UnknownAsset } from "./AssetError.ts"
import type { AssetStore } from "./AssetStore.ts"
import type { CurrentActor } from "./CurrentActor.ts"
import type { WorkOrderId } from "./Ids.ts"
import { sum, zero } from "./internal/amount.ts"
import { assetExists } from "./internal/maintenance.ts"
import { MaintenanceStore } from "./MaintenanceStore.ts"
import type { StoreError } from "./StoreError.ts"
import { partsCost, serviceCost, type WorkOrder } from "./WorkOrder.ts"

/**
 * An asset's total cost of ownership and its parts. `total = purchase + maintenance + parts − disposalProceeds`.
 *
 * @since 0.1.0
 */
export interface TotalCost {
  readonly assetId: string
  readonly purchase: BigDecimal.BigDecimal
  readonly purchaseCostKnown: boolean
  readonly maintenance: BigDecimal.BigDecimal
  readonly parts: BigDecimal.BigDecimal
  readonly disposalProceeds: BigDecimal.BigDecimal
  readonly total: BigDecimal.BigDecimal
  readonly workOrders: number
}

/**
 * The total cost of ownership from an asset and its work orders (pure).
 *
 * @since 0.1.0
 */
export const totalCost = (asset: Asset, orders: ReadonlyArray<WorkOrder>): TotalCost => {
  const purchase = asset.purchase.cost ?? zero
  const maintenance = sum(orders.map(serviceCost))
  const parts = sum(orders.map(partsCost))
  const disposalProceeds = asset.disposal?.proceeds ?? zero
  return {
    assetId: asset.id,
    purchase: BigDecimal.normalize(purchase),
    purchaseCostKnown: asset.purchase.cost !== null,
    maintenance,
    parts,
    disposalProceeds: BigDecimal.normalize(disposalProceeds),
    total: BigDecimal.normalize(BigDecimal.subtract(sum([purchase, maintenance, parts]), disposalProceeds)),
    workOrders: orders.length
  }
}

/**
 * The total cost of ownership of an asset, from the register and every work order on it.
 *
 * @since 0.1.0
 */
export const tco = (assetId: string): Effect.Effect<TotalCost, UnknownAsset | StoreError, AssetStore | MaintenanceStore | CurrentActor> =>
  Effect.gen(function*() {
    const asset = yield* assetExists(assetId)
    const store = yield* MaintenanceStore
    const orders: Array<WorkOrder> = []
    let afterId: WorkOrderId | undefined
    for (;;) {
      const page = yield* store.listWorkOrders(asset.tenantId, { assetId: asset.id, limit: 500, ...(afterId === undefined ? {} : { afterId }) })
      orders.push(...page)
      if (page.length < 500) break
      afterId = page[page.length - 1]!.id
    }
    return totalCost(asset, orders)
  })

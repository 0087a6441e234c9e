// Helpers shared by the maintenance and work-order commands: loading what they refer to.
import { type BigDecimal, Effect, Schema } from "effect"
import { AssetStore } from "../AssetStore.ts"
import { AssetDisposed, UnknownAsset } from "../AssetError.ts"
import { CurrentActor } from "../CurrentActor.ts"
import type { AssetId, MaintenancePlanId, WorkOrderId } from "../Ids.ts"
import type { MaintenancePlan, MeterReading } from "../MaintenancePlan.ts"
import { UnknownMaintenancePlan, UnknownWorkOrder } from "../MaintenanceError.ts"
import { MaintenanceStore } from "../MaintenanceStore.ts"
import type { WorkOrder } from "../WorkOrder.ts"

export const Text = (max: number) => Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(max)))

export const assetExists = (assetId: string) =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor
    const asset = (yield* (yield* AssetStore).get(tenantId, [assetId as AssetId])).get(assetId as AssetId)
    if (asset === undefined) return yield* new UnknownAsset({ asset: assetId })
    return asset
  })

/** The asset, which must not be disposed of, for an operation named in the error. */
export const liveAsset = (assetId: string, operation: string) =>
  Effect.flatMap(assetExists(assetId), (asset) =>
    asset.status === "disposed" ? Effect.fail(new AssetDisposed({ assetId, operation })) : Effect.succeed(asset))

export const loadPlan = (id: string) =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor
    const plan = (yield* (yield* MaintenanceStore).getPlans(tenantId, [id as MaintenancePlanId])).get(id as MaintenancePlanId)
    if (plan === undefined) return yield* new UnknownMaintenancePlan({ planId: id })
    return plan
  })

export const loadOrder = (id: string) =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor
    const order = (yield* (yield* MaintenanceStore).getWorkOrders(tenantId, [id as WorkOrderId])).get(id as WorkOrderId)
    if (order === undefined) return yield* new UnknownWorkOrder({ workOrderId: id })
    return order
  })

export const planEntities = (p: MaintenancePlan) => [{ type: "maintenancePlan", id: p.id }, { type: "asset", id: p.assetId }]
export const orderEntities = (o: WorkOrder) => [{ type: "workOrder", id: o.id }, { type: "asset", id: o.assetId }]

/** The latest reading of the meter a meter plan follows, or null. */
export const meterOf = (readings: ReadonlyArray<MeterReading>, plan: MaintenancePlan): BigDecimal.BigDecimal | null => {
  const s = plan.schedule
  if (s._tag !== "meter") return null
  return readings.find((r) => r.assetId === plan.assetId && r.meter === s.meter)?.reading ?? null
}

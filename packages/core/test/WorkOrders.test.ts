import { assert, describe, it } from "@effect/vitest"
import { BigDecimal, Duration, Effect } from "effect"
import { TestClock } from "effect/testing"
import * as AssetCosts from "../src/AssetCosts.ts"
import * as Assets from "../src/Assets.ts"
import { AssetStore } from "../src/AssetStore.ts"
import { CurrentActor } from "../src/CurrentActor.ts"
import { EventLog } from "../src/EventLog.ts"
import * as Maintenance from "../src/Maintenance.ts"
import type * as MaintenancePlan from "../src/MaintenancePlan.ts"
import * as StockLedger from "../src/StockLedger.ts"
import * as StockQuery from "../src/StockQuery.ts"
import { Fixtures } from "../src/testing.ts"
import * as WorkOrder from "../src/WorkOrder.ts"
import * as WorkOrders from "../src/WorkOrders.ts"
import { layer } from "./assetServicesLayer.ts"

const fmt = BigDecimal.format
const DAY = 86_400_000

const onHand = (itemId: string, locationId: string) => Effect.map(StockQuery.level({ itemId, locationId }), (l) => fmt(l.onHand))

const eventTags = Effect.gen(function*() {
  const { tenantId } = yield* CurrentActor
  return (yield* (yield* EventLog).list(tenantId, { limit: 10_000 })).map((e) => e.event._tag)
})

// A pump bought for 1,200.10, and stock of `plain` at bin-a: 10 received at 2.50 and 10 at 3.10 (FIFO).
const setup = Effect.gen(function*() {
  yield* TestClock.setTime(Date.UTC(2026, 0, 1))
  yield* Fixtures.world
  yield* StockLedger.post([
    { id: "in-1", itemId: "plain", from: "sup", to: "bin-a", quantity: 10, unitCost: "2.50" },
    { id: "in-2", itemId: "plain", from: "sup", to: "bin-a", quantity: 10, unitCost: "3.10" }
  ])
  yield* Assets.register({ id: "pump", tag: "PUMP-1", name: "Pump", purchase: { cost: "1200.10" } })
})

describe("Work orders", () => {
  it.effect("consume parts: stock decreases, the cost comes from the valuation or the given unit cost", () =>
    Effect.gen(function*() {
      yield* setup
      yield* WorkOrders.openWorkOrder({ id: "wo-1", assetId: "pump", title: "Replace seals", downtimeStart: Date.UTC(2026, 0, 1) })
      yield* WorkOrders.start("wo-1")
      const order = yield* WorkOrders.consumeParts("wo-1", [
        { id: "part-1", itemId: "plain", from: "bin-a", to: "loss", quantity: 12 },
        { id: "part-2", itemId: "bulk", from: "sup", to: "loss", quantity: "0.25", unitCost: "4.01" }
      ])
      assert.strictEqual(yield* onHand("plain", "bin-a"), "8")
      // FIFO: 10 × 2.50 + 2 × 3.10 = 31.20; given: 0.25 kg × 4.01 = 1.0025, kept exact.
      assert.deepStrictEqual(order.parts.map((p) => [p.movementId, fmt(p.quantity), fmt(p.cost), p.costSource]), [
        ["part-1", "12", "31.2", "valuation"],
        ["part-2", "0.25", "1.0025", "given"]
      ])
      assert.strictEqual(fmt(WorkOrder.partsCost(order)), "32.2025")
      yield* TestClock.adjust("90 minutes")
      const done = yield* WorkOrders.complete("wo-1", { labourCost: "150.00", vendorCost: "49.99" })
      assert.strictEqual(done.status, "done")
      assert.strictEqual(Duration.toMillis(WorkOrder.downtime(done, done.updatedAt)), 90 * 60_000)
      const tags = yield* eventTags
      assert.includeMembers(tags, ["WorkOrderOpened", "WorkOrderStatusChanged", "WorkOrderPartsConsumed", "MovementsPosted"])
      // 1,200.10 + 150.00 + 49.99 + 32.2025
      const tco = yield* AssetCosts.tco("pump")
      assert.deepStrictEqual([fmt(tco.purchase), fmt(tco.maintenance), fmt(tco.parts), fmt(tco.disposalProceeds), fmt(tco.total)], [
        "1200.1", "199.99", "32.2025", "0", "1432.2925"
      ])
    }).pipe(Effect.provide(layer)))

  it.effect("insufficient stock fails the whole command and writes nothing", () =>
    Effect.gen(function*() {
      yield* setup
      yield* WorkOrders.openWorkOrder({ id: "wo-1", assetId: "pump", title: "Overhaul" })
      const before = yield* eventTags
      const error = yield* Effect.flip(WorkOrders.consumeParts("wo-1", [
        { id: "ok", itemId: "plain", from: "bin-a", to: "loss", quantity: 5 },
        { id: "too-many", itemId: "plain", from: "bin-a", to: "loss", quantity: 16 }
      ]))
      assert.strictEqual(error._tag, "InsufficientStock")
      assert.strictEqual(yield* onHand("plain", "bin-a"), "20")
      assert.strictEqual((yield* WorkOrders.get("wo-1")).parts.length, 0)
      assert.deepStrictEqual(yield* eventTags, before)
      // Parts go to consumption locations only, and only on open orders.
      const wrong = yield* Effect.flip(WorkOrders.consumeParts("wo-1", [{ id: "x", itemId: "plain", from: "bin-a", to: "cust", quantity: 1 }]))
      assert.strictEqual(wrong._tag, "NotAConsumptionLocation")
      yield* WorkOrders.cancel("wo-1")
      const closed = yield* Effect.flip(WorkOrders.consumeParts("wo-1", [{ id: "y", itemId: "plain", from: "bin-a", to: "loss", quantity: 1 }]))
      assert.strictEqual(closed._tag, "InvalidWorkOrderTransition")
      assert.strictEqual(yield* onHand("plain", "bin-a"), "20")
      assert.deepStrictEqual(yield* eventTags, [...before, "WorkOrderStatusChanged"])
    }).pipe(Effect.provide(layer)))

  it.effect("without a unit cost, parts the valuation cannot cost are refused and nothing is written", () =>
    Effect.gen(function*() {
      yield* setup
      yield* StockLedger.post([{ id: "uncosted", itemId: "bulk", from: "sup", to: "bin-b", quantity: 2 }])
      yield* WorkOrders.openWorkOrder({ id: "wo", assetId: "pump", title: "Grease" })
      const before = yield* eventTags
      const error = yield* Effect.flip(WorkOrders.consumeParts("wo", [{ id: "g", itemId: "bulk", from: "bin-b", to: "loss", quantity: "0.5" }]))
      assert.strictEqual(error._tag, "MissingUnitCost")
      assert.strictEqual(yield* onHand("bulk", "bin-b"), "2")
      assert.deepStrictEqual(yield* eventTags, before)
      const order = yield* WorkOrders.consumeParts("wo", [{ id: "g", itemId: "bulk", from: "bin-b", to: "loss", quantity: "0.5", unitCost: "3" }])
      assert.deepStrictEqual(order.parts.map((p) => [fmt(p.cost), p.costSource]), [["1.5", "given"]])
      assert.strictEqual(yield* onHand("bulk", "bin-b"), "1.5")
    }).pipe(Effect.provide(layer)))

  it.effect("refuses invalid transitions, unknown assets and bad costs without writing", () =>
    Effect.gen(function*() {
      yield* setup
      assert.strictEqual((yield* Effect.flip(WorkOrders.openWorkOrder({ id: "w", assetId: "ghost", title: "x" })))._tag, "UnknownAsset")
      assert.strictEqual((yield* Effect.flip(WorkOrders.openWorkOrder({ id: "w", assetId: "pump", title: "x", labourCost: "-5" })))._tag, "InvalidInput")
      yield* WorkOrders.openWorkOrder({ id: "w", assetId: "pump", title: "x" })
      assert.strictEqual((yield* Effect.flip(WorkOrders.openWorkOrder({ id: "w", assetId: "pump", title: "x" })))._tag, "DuplicateMaintenanceRecord")
      yield* WorkOrders.complete("w")
      const error = yield* Effect.flip(WorkOrders.start("w"))
      assert.strictEqual(error._tag, "InvalidWorkOrderTransition")
      assert.strictEqual(error.message, `work order "w" is done and cannot start`)
      assert.strictEqual((yield* Effect.flip(WorkOrders.cancel("w")))._tag, "InvalidWorkOrderTransition")
      assert.strictEqual((yield* WorkOrders.get("w")).version, 2)
      assert.strictEqual((yield* WorkOrders.list({ assetId: "pump" })).length, 1)
    }).pipe(Effect.provide(layer)))

  it.effect("total cost of ownership subtracts disposal proceeds and counts cancelled work", () =>
    Effect.gen(function*() {
      yield* setup
      yield* WorkOrders.openWorkOrder({ id: "a", assetId: "pump", title: "a", labourCost: "0.10" })
      yield* WorkOrders.complete("a", { vendorCost: "0.20" })
      yield* WorkOrders.openWorkOrder({ id: "b", assetId: "pump", title: "b", labourCost: "0.30" })
      yield* WorkOrders.cancel("b")
      const store = yield* AssetStore
      const { tenantId } = yield* CurrentActor
      const pump = (yield* store.get(tenantId, ["pump" as never])).get("pump" as never)!
      yield* store.put([{ ...pump, status: "disposed", disposal: { at: pump.createdAt, method: "sale", proceeds: BigDecimal.fromStringUnsafe("300.05"), note: null }, version: pump.version + 1 }])
      const tco = yield* AssetCosts.tco("pump")
      // 1,200.10 + (0.10 + 0.20 + 0.30) − 300.05; 0.1 + 0.2 in floating point is not 0.3.
      assert.deepStrictEqual([fmt(tco.maintenance), fmt(tco.total), tco.workOrders], ["0.6", "900.65", 2])
      assert.strictEqual((yield* Effect.flip(AssetCosts.tco("ghost")))._tag, "UnknownAsset")
      const late = yield* Effect.flip(WorkOrders.openWorkOrder({ id: "c", assetId: "pump", title: "too late" }))
      assert.strictEqual(late._tag, "AssetDisposed")
    }).pipe(Effect.provide(layer)))
})

describe("Maintenance plans", () => {
  it.effect("lists due and overdue plans as of the clock; completing a plan's order restarts it", () =>
    Effect.gen(function*() {
      yield* setup
      yield* Maintenance.createPlan({ id: "monthly", assetId: "pump", name: "Inspect", schedule: { _tag: "calendar", every: 1, unit: "months", lastDoneOn: "2025-12-31" } })
      yield* Maintenance.createPlan({ id: "hours", assetId: "pump", name: "Oil", schedule: { _tag: "meter", meter: "hours", every: 500, lastDoneAt: "1000", lead: 10 } })
      yield* Maintenance.createPlan({ id: "yearly", assetId: "pump", name: "Certify", schedule: { _tag: "calendar", every: 12, unit: "months", lastDoneOn: "2025-06-30" } })
      const ids = (list: ReadonlyArray<Maintenance.DuePlan>) => list.map((p): ReadonlyArray<string> => [p.plan.id, p.due.status])
      assert.deepStrictEqual(ids(yield* Maintenance.dueList()), [])
      yield* Maintenance.recordReading({ assetId: "pump", meter: "hours", reading: "1495" })
      yield* TestClock.setTime(Date.UTC(2026, 0, 31))
      assert.deepStrictEqual(ids(yield* Maintenance.dueList()), [["hours", "due"], ["monthly", "due"]])
      yield* TestClock.adjust(DAY)
      yield* Maintenance.recordReading({ assetId: "pump", meter: "hours", reading: "1500.5" })
      assert.deepStrictEqual(ids(yield* Maintenance.dueList()), [["hours", "overdue"], ["monthly", "overdue"]])
      assert.deepStrictEqual(ids(yield* Maintenance.dueList({ asOf: "2026-06-30" })).map((r) => r[0]), ["hours", "monthly", "yearly"])
      const backwards = yield* Effect.flip(Maintenance.recordReading({ assetId: "pump", meter: "hours", reading: "1400" }))
      assert.strictEqual(backwards._tag, "MeterWentBackwards")
      yield* WorkOrders.openWorkOrder({ id: "oil", assetId: "pump", planId: "hours", title: "Oil change" })
      yield* WorkOrders.complete("oil")
      yield* WorkOrders.openWorkOrder({ id: "insp", assetId: "pump", planId: "monthly", title: "Inspection" })
      yield* WorkOrders.complete("insp")
      assert.deepStrictEqual(ids(yield* Maintenance.dueList()), [])
      const monthly = yield* Maintenance.getPlan("monthly")
      assert.deepStrictEqual(monthly.schedule._tag === "calendar" ? monthly.schedule.lastDoneOn : "", "2026-02-01")
      const hours = yield* Maintenance.getPlan("hours")
      assert.strictEqual(hours.schedule._tag === "meter" ? fmt(hours.schedule.lastDoneAt) : "", "1500.5")
      // The oil plan now falls due at 2,000.5 hours; the meter still reads 1,500.5.
      assert.deepStrictEqual(ids(yield* Maintenance.dueList({ asOf: "2026-06-30" })).map((r) => r[0]), ["monthly", "yearly"])
      yield* Maintenance.setPlanActive("yearly", false)
      assert.deepStrictEqual(ids(yield* Maintenance.dueList({ asOf: "2026-06-30" })).map((r) => r[0]), ["monthly"])
    }).pipe(Effect.provide(layer)))

  it.effect("bad plans and readings are refused and change nothing", () =>
    Effect.gen(function*() {
      yield* setup
      const before = yield* eventTags
      const bad: ReadonlyArray<unknown> = [
        { id: "p", assetId: "pump", name: "x", schedule: { _tag: "calendar", every: 0, unit: "days", lastDoneOn: "2026-01-01" } },
        { id: "p", assetId: "pump", name: "x", schedule: { _tag: "calendar", every: 1, unit: "weeks", lastDoneOn: "2026-01-01" } },
        { id: "p", assetId: "pump", name: "x", schedule: { _tag: "calendar", every: 1, unit: "days", lastDoneOn: "2026-13-01" } },
        { id: "p", assetId: "pump", name: "x", schedule: { _tag: "meter", meter: "h", every: 0, lastDoneAt: 0 } },
        { id: "p", assetId: "pump", name: "x", schedule: { _tag: "meter", meter: "h", every: "-5", lastDoneAt: 0 } }
      ]
      for (const input of bad) assert.strictEqual((yield* Effect.flip(Maintenance.createPlan(input as MaintenancePlan.PlanInput)))._tag, "InvalidInput", JSON.stringify(input))
      const ghost = yield* Effect.flip(Maintenance.createPlan({ id: "p", assetId: "ghost", name: "x", schedule: { _tag: "calendar", every: 1, unit: "days", lastDoneOn: "2026-01-01" } }))
      assert.strictEqual(ghost._tag, "UnknownAsset")
      assert.strictEqual((yield* Effect.flip(Maintenance.recordReading({ assetId: "pump", meter: "h", reading: "x" })))._tag, "InvalidInput")
      assert.deepStrictEqual(yield* eventTags, before)
      assert.deepStrictEqual(yield* Maintenance.dueList({ includeNotDue: true }), [])
    }).pipe(Effect.provide(layer)))
})

/**
 * Contract cases for maintenance: plans, meter readings and work orders round-trip exactly and are written
 * over the version they replace; parts consumed leave the ledger in the same transaction as the work order,
 * or not at all; total cost of ownership; warranties in the expiring-soon list.
 *
 * @since 0.1.0
 */
import { AssetCosts, Assets, CurrentActor, Expiring, type Ids, Maintenance, MaintenanceStore, StockLedger, StockQuery, WorkOrders } from "@quartermaster/core"
import { BigDecimal, Effect } from "effect"
import * as Assert from "./Assert.ts"
import { suite, type Case } from "./Case.ts"
import { world } from "./Fixtures.ts"
import { snapshot } from "./LedgerContract.ts"

const test = suite("maintenance")

const onHand = (itemId: string, locationId: string) => Effect.map(StockQuery.level({ itemId, locationId }), (l) => BigDecimal.format(l.onHand))

/**
 * The maintenance cases.
 *
 * @since 0.1.0
 */
export const cases: ReadonlyArray<Case> = [
  test("plans and readings round-trip exactly; plans page, filter and refuse stale versions", (clock) =>
    Effect.gen(function*() {
      yield* Assets.register({ id: "pump", tag: "PUMP-1" })
      yield* Assets.register({ id: "fan", tag: "FAN-1" })
      const meter = yield* Maintenance.createPlan({
        id: "m",
        assetId: "pump",
        name: "Oil",
        schedule: { _tag: "meter", meter: "hours", every: "250.125", lastDoneAt: "1000.000001", lead: "0.5" }
      })
      yield* Maintenance.createPlan({ id: "c", assetId: "pump", name: "Inspect", schedule: { _tag: "calendar", every: 1, unit: "months", lastDoneOn: "2025-12-31" } })
      yield* Maintenance.createPlan({ id: "f", assetId: "fan", name: "Clean", schedule: { _tag: "calendar", every: 7, unit: "days", lastDoneOn: "2025-12-30" } })
      yield* Assert.equal(yield* Maintenance.getPlan("m"), meter, "read back")
      const { tenantId } = yield* CurrentActor.CurrentActor
      const store = yield* MaintenanceStore.MaintenanceStore
      yield* Assert.failsWith(store.putPlans([meter]), "ConcurrentModification", "stale plan")
      yield* Assert.equal((yield* store.listPlans(tenantId, { assetId: "pump" as Ids.AssetId, limit: 10 })).map((p) => p.id), ["c", "m"], "by asset")
      yield* Assert.equal((yield* store.listPlans(tenantId, { afterId: "c" as Ids.MaintenancePlanId, limit: 1 })).map((p) => p.id), ["f"], "page")
      yield* Maintenance.setPlanActive("f", false)
      yield* Assert.equal((yield* store.listPlans(tenantId, { active: true, limit: 10 })).map((p) => p.id), ["c", "m"], "active")
      yield* Maintenance.recordReading({ assetId: "pump", meter: "hours", reading: "1250" })
      yield* Maintenance.recordReading({ assetId: "pump", meter: "hours", reading: "1250.125001" })
      yield* Maintenance.recordReading({ assetId: "pump", meter: "starts", reading: 3 })
      const readings = yield* store.latestReadings(tenantId, ["pump" as Ids.AssetId, "fan" as Ids.AssetId])
      yield* Assert.equal(readings.map((r) => `${r.meter}=${BigDecimal.format(r.reading)}`).sort(), ["hours=1250.125001", "starts=3"], "latest per meter")
      yield* Assert.failsWith(Maintenance.recordReading({ assetId: "pump", meter: "hours", reading: "1250.125" }), "MeterWentBackwards", "backwards")
      yield* clock.advance("31 days")
      const due = yield* Maintenance.dueList()
      yield* Assert.equal(due.map((d) => [d.plan.id, d.due.status]), [["c", "overdue"], ["m", "due"]], "on 2026-02-01: Dec 31 + 1 month is Jan 31; 1000.000001 + 250.125 is exactly the reading")
    })),

  test("parts leave the ledger with the work order, or nothing is written", () =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([
        { id: "in-1", itemId: "plain", from: "sup", to: "bin-a", quantity: 4, unitCost: "1.10" },
        { id: "in-2", itemId: "plain", from: "sup", to: "bin-a", quantity: 4, unitCost: "1.30" }
      ])
      yield* Assets.register({ id: "pump", tag: "PUMP-1", purchase: { cost: "999.99" } })
      yield* WorkOrders.openWorkOrder({ id: "wo", assetId: "pump", title: "Seals", labourCost: "10.01" })
      const before = yield* snapshot
      yield* Assert.failsWith(
        WorkOrders.consumeParts("wo", [
          { id: "p1", itemId: "plain", from: "bin-a", to: "loss", quantity: 3 },
          { id: "p2", itemId: "plain", from: "bin-a", to: "loss", quantity: 6 }
        ]),
        "InsufficientStock",
        "9 of 8"
      )
      yield* Assert.equal(yield* snapshot, before, "ledger unchanged")
      yield* Assert.equal((yield* WorkOrders.get("wo")).version, 1, "work order unchanged")
      const order = yield* WorkOrders.consumeParts("wo", [{ id: "p1", itemId: "plain", from: "bin-a", to: "loss", quantity: 5 }])
      yield* Assert.equal(yield* onHand("plain", "bin-a"), "3", "stock decreased")
      // FIFO: 4 × 1.10 + 1 × 1.30.
      yield* Assert.equal(order.parts.map((p) => [p.movementId, BigDecimal.format(p.cost), p.costSource]), [["p1", "5.7", "valuation"]], "parts")
      yield* WorkOrders.complete("wo", { vendorCost: "0.02" })
      const done = yield* WorkOrders.get("wo")
      yield* Assert.equal([done.status, done.version, BigDecimal.format(done.vendorCost)], ["done", 3, "0.02"], "completed")
      const tco = yield* AssetCosts.tco("pump")
      yield* Assert.decimal(tco.total, "1015.72", "999.99 + 10.01 + 0.02 + 5.70")
      yield* Assert.equal((yield* WorkOrders.list({ assetId: "pump", status: "done" })).map((o) => o.id), ["wo"], "list by asset and status")
    })),

  test("warranties from the register join the expiring-soon list", () =>
    Effect.gen(function*() {
      yield* Assets.register({ id: "a", tag: "A", name: "Laptop", warranty: { endsAt: "2026-01-15T00:00:00Z" } })
      yield* Assets.register({ id: "b", tag: "B", name: "Phone", warranty: { endsAt: "2026-03-15T00:00:00Z" } })
      const soon = yield* Expiring.within({ days: 30 })
      yield* Assert.equal(soon.map((e) => [e.kind, e.id, e.date, e.daysLeft]), [["warranty", "a", "2026-01-15", 14]], "within 30 days")
    }))
]

import { assert, describe, it } from "@effect/vitest"
import { BigDecimal, DateTime, Duration } from "effect"
import * as fc from "fast-check"
import type { AssetId, MaintenancePlanId, TenantId, WorkOrderId } from "../src/Ids.ts"
import * as MaintenancePlan from "../src/MaintenancePlan.ts"
import * as WorkOrder from "../src/WorkOrder.ts"

const at = DateTime.makeUnsafe("2026-01-01T00:00:00Z")
const d = BigDecimal.fromStringUnsafe

const calendar = (every: number, unit: "days" | "months", lastDoneOn: string, leadDays = 0): MaintenancePlan.MaintenancePlan => ({
  id: "p" as MaintenancePlanId,
  tenantId: "t" as TenantId,
  assetId: "a" as AssetId,
  name: "service",
  schedule: { _tag: "calendar", every, unit, lastDoneOn, leadDays },
  active: true,
  version: 1,
  createdAt: at,
  updatedAt: at
})

const meter = (every: string, lastDoneAt: string, lead = "0"): MaintenancePlan.MaintenancePlan => ({
  ...calendar(1, "days", "2026-01-01"),
  schedule: { _tag: "meter", meter: "hours", every: d(every), lastDoneAt: d(lastDoneAt), lead: d(lead) }
})

const next = (p: MaintenancePlan.MaintenancePlan, asOf: string) => {
  const r = MaintenancePlan.due(p, asOf, null)
  return r.kind === "calendar" ? [r.status, r.nextDueOn, r.daysLeft] : []
}

describe("MaintenancePlan.due by calendar", () => {
  it("monthly from a month end lands on the next month's last day, leap years included", () => {
    assert.deepStrictEqual(next(calendar(1, "months", "2024-01-31"), "2024-02-01"), ["notDue", "2024-02-29", 28])
    assert.deepStrictEqual(next(calendar(1, "months", "2023-01-31"), "2023-02-01"), ["notDue", "2023-02-28", 27])
    assert.deepStrictEqual(next(calendar(1, "months", "2026-03-31"), "2026-04-30"), ["due", "2026-04-30", 0])
    assert.deepStrictEqual(next(calendar(12, "months", "2024-02-29"), "2025-03-01"), ["overdue", "2025-02-28", -1])
    assert.deepStrictEqual(next(calendar(48, "months", "2024-02-29"), "2028-02-29"), ["due", "2028-02-29", 0])
    assert.deepStrictEqual(next(calendar(3, "months", "2025-11-30"), "2026-01-01"), ["notDue", "2026-02-28", 58])
  })

  it("daily intervals count the leap day and century rules", () => {
    assert.deepStrictEqual(next(calendar(1, "days", "2024-02-28"), "2024-02-28"), ["notDue", "2024-02-29", 1])
    assert.deepStrictEqual(next(calendar(2, "days", "2024-02-28"), "2024-02-28"), ["notDue", "2024-03-01", 2])
    assert.deepStrictEqual(next(calendar(1, "days", "2100-02-28"), "2100-02-28"), ["notDue", "2100-03-01", 1])
    assert.deepStrictEqual(next(calendar(1, "days", "2000-02-28"), "2000-02-28"), ["notDue", "2000-02-29", 1])
    assert.deepStrictEqual(next(calendar(366, "days", "2024-01-01"), "2025-01-01"), ["due", "2025-01-01", 0])
    assert.deepStrictEqual(next(calendar(365, "days", "2024-01-01"), "2025-01-01"), ["overdue", "2024-12-31", -1])
  })

  it("the lead window makes a plan due before its date", () => {
    const p = calendar(30, "days", "2026-01-01", 7)
    assert.deepStrictEqual(next(p, "2026-01-23"), ["notDue", "2026-01-31", 8])
    assert.deepStrictEqual(next(p, "2026-01-24"), ["due", "2026-01-31", 7])
    assert.deepStrictEqual(next(p, "2026-02-01"), ["overdue", "2026-01-31", -1])
  })

  it("agrees with day counting through the civil calendar for every day of four years", () => {
    // Independent oracle: JavaScript's Date in UTC.
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10)
      const r = MaintenancePlan.due(calendar(1, "days", iso), iso, null)
      assert.strictEqual(r.kind === "calendar" ? r.nextDueOn : "", new Date(t + 86_400_000).toISOString().slice(0, 10))
      const month = new Date(t)
      const target = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 2, 0))
      const expected = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, Math.min(month.getUTCDate(), target.getUTCDate())))
      const m = MaintenancePlan.due(calendar(1, "months", iso), iso, null)
      assert.strictEqual(m.kind === "calendar" ? m.nextDueOn : "", expected.toISOString().slice(0, 10), iso)
    }
  })
})

describe("MaintenancePlan.due by calendar, properties", () => {
  // Any date from 1600 to 2400, as days since 1970-01-01.
  const day = fc.integer({ min: -135_140, max: 157_054 }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10))

  it("a daily plan falls due exactly `every` days on; a monthly one on the same day or its month's last", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 5000 }), (last, every) => {
        const daily = MaintenancePlan.due(calendar(every, "days", last), last, null)
        assert.strictEqual(daily.kind === "calendar" ? daily.daysLeft : NaN, every)
        const monthly = MaintenancePlan.due(calendar(every, "months", last), last, null)
        const nextOn = monthly.kind === "calendar" ? monthly.nextDueOn : ""
        const [y, m, d] = last.split("-").map(Number) as [number, number, number]
        const index = y * 12 + (m - 1) + every
        const lastDay = new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0)).getUTCDate()
        assert.strictEqual(nextOn.slice(0, 7), `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`)
        assert.strictEqual(Number(nextOn.slice(8)), Math.min(d, lastDay))
      })
    )
  })
})

describe("MaintenancePlan.due by meter", () => {
  const status = (p: MaintenancePlan.MaintenancePlan, reading: string | null) => {
    const r = MaintenancePlan.due(p, "2026-01-01", reading === null ? null : d(reading))
    return r.kind === "meter" ? [r.status, BigDecimal.format(r.nextDueAt), r.remaining === null ? null : BigDecimal.format(r.remaining)] : []
  }

  it("is due at the interval, overdue past it, and due early within the lead", () => {
    const p = meter("250", "1000.5")
    assert.deepStrictEqual(status(p, "1250.4"), ["notDue", "1250.5", "0.1"])
    assert.deepStrictEqual(status(p, "1250.5"), ["due", "1250.5", "0"])
    assert.deepStrictEqual(status(p, "1250.6"), ["overdue", "1250.5", "-0.1"])
    assert.deepStrictEqual(status(meter("250", "1000", "25"), "1225"), ["due", "1250", "25"])
    assert.deepStrictEqual(status(meter("250", "1000", "25"), "1224.9"), ["notDue", "1250", "25.1"])
    assert.deepStrictEqual(status(p, null), ["notDue", "1250.5", null])
  })

  it("restarts from the completion date or reading, never backwards", () => {
    const c = MaintenancePlan.restart(calendar(1, "months", "2026-01-31").schedule, "2026-02-10", null)
    assert.strictEqual(c._tag === "calendar" ? c.lastDoneOn : "", "2026-02-10")
    const back = MaintenancePlan.restart(calendar(1, "months", "2026-01-31").schedule, "2026-01-10", null)
    assert.strictEqual(back._tag === "calendar" ? back.lastDoneOn : "", "2026-01-31")
    const m = MaintenancePlan.restart(meter("250", "1000").schedule, "2026-01-01", d("1260"))
    assert.strictEqual(m._tag === "meter" ? BigDecimal.format(m.lastDoneAt) : "", "1260")
  })
})

describe("WorkOrder", () => {
  it("walks every status and action of the state machine", () => {
    const table: ReadonlyArray<readonly [WorkOrder.Status, WorkOrder.Action, WorkOrder.Status | undefined]> = [
      ["open", "start", "inProgress"],
      ["open", "complete", "done"],
      ["open", "cancel", "cancelled"],
      ["inProgress", "start", undefined],
      ["inProgress", "complete", "done"],
      ["inProgress", "cancel", "cancelled"],
      ["done", "start", undefined],
      ["done", "complete", undefined],
      ["done", "cancel", undefined],
      ["cancelled", "start", undefined],
      ["cancelled", "complete", undefined],
      ["cancelled", "cancel", undefined]
    ]
    for (const [from, action, to] of table) assert.strictEqual(WorkOrder.transition(from, action), to, `${from} ${action}`)
  })

  it("measures downtime to its end, or to now while it lasts", () => {
    const order: WorkOrder.WorkOrder = {
      id: "w" as WorkOrderId,
      tenantId: "t" as TenantId,
      assetId: "a" as AssetId,
      planId: null,
      title: "fix",
      status: "open",
      labourCost: d("0"),
      vendorCost: d("0"),
      parts: [],
      downtimeStart: DateTime.makeUnsafe("2026-01-01T08:00:00Z"),
      downtimeEnd: null,
      note: null,
      openedAt: at,
      closedAt: null,
      version: 1,
      updatedAt: at
    }
    assert.strictEqual(Duration.toMillis(WorkOrder.downtime(order, DateTime.makeUnsafe("2026-01-01T09:30:00Z"))), 90 * 60_000)
    const ended = { ...order, downtimeEnd: DateTime.makeUnsafe("2026-01-02T08:00:00Z") }
    assert.strictEqual(Duration.toMillis(WorkOrder.downtime(ended, DateTime.makeUnsafe("2026-02-01T00:00:00Z"))), 86_400_000)
    assert.strictEqual(Duration.toMillis(WorkOrder.downtime({ ...order, downtimeStart: null }, at)), 0)
  })
})

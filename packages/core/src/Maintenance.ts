/**
 * Maintenance plans and meter readings, and what is due or overdue. Work orders are in `WorkOrders`.
 *
 * Every command runs in one unit of work with its domain event. `dueList` computes, for each active plan,
 * whether it is due on a date (today from `Clock` by default) from its schedule and the asset's latest meter
 * reading (see `MaintenancePlan.due`).
 *
 * @since 0.1.0
 */
import { BigDecimal, DateTime, Effect, Schema } from "effect"
import type { AssetDisposed, UnknownAsset } from "./AssetError.ts"
import { CurrentActor } from "./CurrentActor.ts"
import { emit, type EventLog } from "./EventLog.ts"
import type { IdGenerator } from "./IdGenerator.ts"
import type { AssetId, MaintenancePlanId } from "./Ids.ts"
import { decode, InvalidInput } from "./InputError.ts"
import { amount, optionalAmount, zero } from "./internal/amount.ts"
import { dateOf, LocalDate } from "./internal/calendar.ts"
import { assetExists, liveAsset, loadPlan, meterOf, planEntities, Text } from "./internal/maintenance.ts"
import { type Due, due, type MaintenancePlan, type MeterReading, PlanInput } from "./MaintenancePlan.ts"
import { DuplicateMaintenanceRecord, MeterWentBackwards, type UnknownMaintenancePlan } from "./MaintenanceError.ts"
import { MaintenanceStore } from "./MaintenanceStore.ts"
import { TimeInput } from "./Movement.ts"
import * as Quantity from "./Quantity.ts"
import type { AssetStore } from "./AssetStore.ts"
import type { ConcurrentModification, StoreError } from "./StoreError.ts"
import { transaction, type UnitOfWork } from "./UnitOfWork.ts"

/** The services maintenance needs. @since 0.1.0 */
export type Env = MaintenanceStore | AssetStore | EventLog | UnitOfWork | CurrentActor | IdGenerator

/** Every way a plan or reading command can fail. None of them changes anything. @since 0.1.0 */
export type Error =
  | InvalidInput
  | UnknownAsset
  | AssetDisposed
  | UnknownMaintenancePlan
  | DuplicateMaintenanceRecord
  | MeterWentBackwards
  | ConcurrentModification
  | StoreError

/**
 * Creates a maintenance plan for an asset.
 *
 * @since 0.1.0
 */
export const createPlan = (input: PlanInput): Effect.Effect<MaintenancePlan, Error, Env> =>
  Effect.gen(function*() {
    const i = yield* decode("createPlan", PlanInput)(input)
    const s = i.schedule
    const schedule: MaintenancePlan["schedule"] = s._tag === "calendar"
      ? { _tag: "calendar", every: s.every, unit: s.unit, lastDoneOn: s.lastDoneOn, leadDays: s.leadDays ?? 0 }
      : {
        _tag: "meter",
        meter: s.meter,
        every: yield* amount("createPlan", "schedule.every", s.every),
        lastDoneAt: yield* amount("createPlan", "schedule.lastDoneAt", s.lastDoneAt),
        lead: (yield* optionalAmount("createPlan", "schedule.lead", s.lead)) ?? zero
      }
    if (schedule._tag === "meter" && BigDecimal.isZero(schedule.every)) {
      return yield* new InvalidInput({ operation: "createPlan", field: "schedule.every", reason: "must be positive" })
    }
    const actor = yield* CurrentActor
    const now = yield* DateTime.now
    return yield* transaction(Effect.gen(function*() {
      yield* liveAsset(i.assetId, "plan maintenance of")
      const store = yield* MaintenanceStore
      if ((yield* store.getPlans(actor.tenantId, [i.id])).size > 0) return yield* new DuplicateMaintenanceRecord({ entity: "maintenance plan", id: i.id })
      const plan: MaintenancePlan = { id: i.id, tenantId: actor.tenantId, assetId: i.assetId, name: i.name, schedule, active: true, version: 1, createdAt: now, updatedAt: now }
      yield* store.putPlans([plan])
      yield* emit([{ event: { _tag: "MaintenancePlanCreated", plan }, entities: planEntities(plan) }])
      return plan
    }))
  })

/**
 * Turns a plan off (it is no longer listed as due) or on again.
 *
 * @since 0.1.0
 */
export const setPlanActive = (id: string, active: boolean): Effect.Effect<MaintenancePlan, Error, Env> =>
  Effect.gen(function*() {
    const now = yield* DateTime.now
    return yield* transaction(Effect.gen(function*() {
      const before = yield* loadPlan(id)
      if (before.active === active) return before
      const plan = { ...before, active, version: before.version + 1, updatedAt: now }
      yield* (yield* MaintenanceStore).putPlans([plan])
      yield* emit([{ event: { _tag: "MaintenancePlanUpdated", plan, workOrderId: null }, entities: planEntities(plan) }])
      return plan
    }))
  })

/**
 * Input for a meter reading: the asset, the meter's name, the reading (exact) and optionally when it was taken.
 *
 * @since 0.1.0
 */
export const ReadingInput = Schema.Struct({ assetId: Text(128), meter: Text(64), reading: Quantity.InputSchema, at: Schema.optionalKey(TimeInput) })

/**
 * Records a reading of an asset's meter. A reading below the last one is refused.
 *
 * @since 0.1.0
 */
export const recordReading = (input: typeof ReadingInput.Encoded): Effect.Effect<MeterReading, Error, Env> =>
  Effect.gen(function*() {
    const i = yield* decode("recordReading", ReadingInput)(input)
    const value = yield* amount("recordReading", "reading", i.reading)
    const actor = yield* CurrentActor
    const now = yield* DateTime.now
    return yield* transaction(Effect.gen(function*() {
      yield* assetExists(i.assetId)
      const store = yield* MaintenanceStore
      const last = (yield* store.latestReadings(actor.tenantId, [i.assetId as AssetId])).find((r) => r.meter === i.meter)
      if (last !== undefined && BigDecimal.isLessThan(value, last.reading)) {
        return yield* new MeterWentBackwards({ assetId: i.assetId, meter: i.meter, last: BigDecimal.format(last.reading), reading: BigDecimal.format(value) })
      }
      const reading: MeterReading = { tenantId: actor.tenantId, assetId: i.assetId as AssetId, meter: i.meter, reading: value, at: i.at ?? now, actorId: actor.actorId }
      yield* store.putReading(reading)
      yield* emit([{ event: { _tag: "MeterReadingRecorded", reading }, entities: [{ type: "asset", id: reading.assetId }] }])
      return reading
    }))
  })

/** A plan with where it stands. @since 0.1.0 */
export interface DuePlan {
  readonly plan: MaintenancePlan
  readonly due: Due
}

/**
 * The active plans that are due or overdue on a date (today from `Clock` by default), optionally of one
 * asset, overdue first and then by id.
 *
 * @since 0.1.0
 */
export const dueList = (
  options: { readonly asOf?: string; readonly assetId?: string; readonly includeNotDue?: boolean } = {}
): Effect.Effect<ReadonlyArray<DuePlan>, InvalidInput | StoreError, MaintenanceStore | CurrentActor> =>
  Effect.gen(function*() {
    const asOf = options.asOf === undefined ? dateOf(yield* DateTime.now) : yield* decode("dueList", LocalDate)(options.asOf)
    const { tenantId } = yield* CurrentActor
    const store = yield* MaintenanceStore
    const out: Array<DuePlan> = []
    let afterId: MaintenancePlanId | undefined
    for (;;) {
      const page = yield* store.listPlans(tenantId, {
        active: true,
        limit: 500,
        ...(options.assetId === undefined ? {} : { assetId: options.assetId as AssetId }),
        ...(afterId === undefined ? {} : { afterId })
      })
      if (page.length === 0) break
      const readings = yield* store.latestReadings(tenantId, [...new Set(page.map((p) => p.assetId))])
      for (const plan of page) {
        const d = due(plan, asOf, meterOf(readings, plan))
        if (options.includeNotDue === true || d.status !== "notDue") out.push({ plan, due: d })
      }
      afterId = page[page.length - 1]!.id
    }
    const rank = { overdue: 0, due: 1, notDue: 2 }
    return out.sort((a, b) => rank[a.due.status] - rank[b.due.status] || (a.plan.id < b.plan.id ? -1 : 1))
  })

/**
 * A plan by id.
 *
 * @since 0.1.0
 */
export const getPlan = (id: string): Effect.Effect<MaintenancePlan, UnknownMaintenancePlan | StoreError, MaintenanceStore | CurrentActor> => loadPlan(id)


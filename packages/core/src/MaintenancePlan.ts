/**
 * Maintenance plans: recurring work on an asset, due by the calendar (every N days or months since it was
 * last done) or by a meter (every N hours, kilometres, pages… since the reading when it was last done).
 *
 * {@link due} is pure: given the plan, today's date and the asset's current meter reading it says whether
 * the work is not due, due (inside the lead window, or exactly at the interval) or overdue, and when or at
 * which reading it falls due next. Months add by the calendar: a plan last done on January 31 and repeated
 * monthly falls due on the last day of February (29th in a leap year).
 *
 * @since 0.1.0
 */
import { BigDecimal, Schema } from "effect"
import { ActorId, AssetId, MaintenancePlanId, TenantId } from "./Ids.ts"
import { addDays, addMonths, daysBetween, LocalDate } from "./internal/calendar.ts"
import * as Quantity from "./Quantity.ts"
import { UtcTime } from "./internal/utcTime.ts"

const Text = (max: number) => Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(max)))
const Positive = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 100_000 })))

/**
 * A calendar schedule: every `every` days or months after `lastDoneOn`; due from `leadDays` before.
 *
 * @since 0.1.0
 */
export const CalendarSchedule = Schema.TaggedStruct("calendar", {
  every: Schema.Int,
  unit: Schema.Literals(["days", "months"]),
  lastDoneOn: LocalDate,
  leadDays: Schema.Int
})

/**
 * A meter schedule: every `every` units of the asset's meter after `lastDoneAt`; due from `lead` before.
 *
 * @since 0.1.0
 */
export const MeterSchedule = Schema.TaggedStruct("meter", {
  meter: Schema.String,
  every: Schema.BigDecimalFromString,
  lastDoneAt: Schema.BigDecimalFromString,
  lead: Schema.BigDecimalFromString
})

/** A plan's schedule. @since 0.1.0 */
export const Schedule = Schema.Union([CalendarSchedule, MeterSchedule])
/** @since 0.1.0 */
export type Schedule = typeof Schedule.Type

/**
 * A maintenance plan as stored.
 *
 * @since 0.1.0
 */
export const MaintenancePlan = Schema.Struct({
  id: MaintenancePlanId,
  tenantId: TenantId,
  assetId: AssetId,
  name: Schema.String,
  schedule: Schedule,
  active: Schema.Boolean,
  version: Schema.Int,
  createdAt: UtcTime,
  updatedAt: UtcTime
})
/** @since 0.1.0 */
export type MaintenancePlan = typeof MaintenancePlan.Type

/**
 * Input for a plan. A calendar schedule gives `every`, `unit` and `lastDoneOn`; a meter schedule gives the
 * `meter` name, `every` and `lastDoneAt` as exact decimals.
 *
 * @since 0.1.0
 */
export const PlanInput = Schema.Struct({
  id: MaintenancePlanId,
  assetId: AssetId,
  name: Text(256),
  schedule: Schema.Union([
    Schema.TaggedStruct("calendar", {
      every: Positive,
      unit: Schema.Literals(["days", "months"]),
      lastDoneOn: LocalDate,
      leadDays: Schema.optionalKey(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 3660 }))))
    }),
    Schema.TaggedStruct("meter", {
      meter: Text(64),
      every: Quantity.InputSchema,
      lastDoneAt: Quantity.InputSchema,
      lead: Schema.optionalKey(Quantity.InputSchema)
    })
  ])
})
/** @since 0.1.0 */
export type PlanInput = typeof PlanInput.Encoded

/**
 * A reading of one of an asset's meters (running hours, odometer, page count), as recorded.
 *
 * @since 0.1.0
 */
export const MeterReading = Schema.Struct({
  tenantId: TenantId,
  assetId: AssetId,
  meter: Schema.String,
  reading: Schema.BigDecimalFromString,
  at: UtcTime,
  actorId: ActorId
})
/** @since 0.1.0 */
export type MeterReading = typeof MeterReading.Type

/** Whether a plan's work is due. @since 0.1.0 */
export type DueStatus = "notDue" | "due" | "overdue"

/**
 * Where a plan stands. For a calendar plan `nextDueOn` is the date and `daysLeft` the days until it
 * (negative when overdue); for a meter plan `nextDueAt` is the reading and `remaining` the units until it.
 *
 * @since 0.1.0
 */
export type Due =
  | { readonly kind: "calendar"; readonly status: DueStatus; readonly nextDueOn: string; readonly daysLeft: number }
  | {
    readonly kind: "meter"
    readonly status: DueStatus
    readonly nextDueAt: BigDecimal.BigDecimal
    readonly remaining: BigDecimal.BigDecimal | null
  }

/**
 * The next due date of a calendar schedule.
 *
 * @since 0.1.0
 */
export const nextDueOn = (schedule: typeof CalendarSchedule.Type): string =>
  schedule.unit === "days" ? addDays(schedule.lastDoneOn, schedule.every) : addMonths(schedule.lastDoneOn, schedule.every)

/**
 * Whether a plan is due on `asOf` (a `YYYY-MM-DD` date) with the asset's meter at `currentMeter` (null when
 * no reading is known; a meter plan is then not due). The interval's end itself is due, past it is overdue.
 *
 * @since 0.1.0
 */
export const due = (plan: MaintenancePlan, asOf: string, currentMeter: BigDecimal.BigDecimal | null): Due => {
  const s = plan.schedule
  if (s._tag === "calendar") {
    const next = nextDueOn(s)
    const daysLeft = daysBetween(asOf, next)
    return { kind: "calendar", status: daysLeft < 0 ? "overdue" : daysLeft <= s.leadDays ? "due" : "notDue", nextDueOn: next, daysLeft }
  }
  const next = BigDecimal.normalize(BigDecimal.sum(s.lastDoneAt, s.every))
  if (currentMeter === null) return { kind: "meter", status: "notDue", nextDueAt: next, remaining: null }
  const remaining = BigDecimal.normalize(BigDecimal.subtract(next, currentMeter))
  const status = BigDecimal.isNegative(remaining) ? "overdue" : BigDecimal.isLessThanOrEqualTo(remaining, s.lead) ? "due" : "notDue"
  return { kind: "meter", status, nextDueAt: next, remaining }
}

/**
 * The schedule restarted by work done on `doneOn` with the meter at `reading` (null keeps the last reading).
 *
 * @since 0.1.0
 */
export const restart = (schedule: Schedule, doneOn: string, reading: BigDecimal.BigDecimal | null): Schedule =>
  schedule._tag === "calendar"
    ? { ...schedule, lastDoneOn: doneOn > schedule.lastDoneOn ? doneOn : schedule.lastDoneOn }
    : reading === null || BigDecimal.isLessThan(reading, schedule.lastDoneAt)
    ? schedule
    : { ...schedule, lastDoneAt: reading }

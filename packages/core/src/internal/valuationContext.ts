// What every valuation command starts from: the tenant, actor and time, the settings (held shared, or
// exclusively for a close), the closed periods; and the checks and revaluation they all use.
import { DateTime, Duration, Effect } from "effect"
import { CurrentActor } from "../CurrentActor.ts"
import { emit } from "../EventLog.ts"
import type { ItemId, TenantId } from "../Ids.ts"
import type { StoreError } from "../StoreError.ts"
import { InvalidValuation, PeriodClosed } from "../ValuationError.ts"
import type { MethodChange, Period, Settings } from "../ValuationRecord.ts"
import { ValuationStore } from "../ValuationStore.ts"
import * as Revalue from "./revalue.ts"
import * as Events from "./valuationEvents.ts"

/** How far in the future an effective time may lie, as for postings. */
const FUTURE_SKEW = Duration.minutes(5)

export interface Context {
  readonly tenantId: TenantId
  readonly actorId: MethodChange["actorId"]
  readonly now: DateTime.Utc
  readonly settings: Settings
  readonly periods: ReadonlyArray<Period>
}

export const context = (lock: "share" | "update"): Effect.Effect<Context, StoreError, ValuationStore | CurrentActor> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const store = yield* ValuationStore
    const settings = yield* store.getSettings(actor.tenantId, lock)
    const periods = yield* store.periods(actor.tenantId)
    return { tenantId: actor.tenantId, actorId: actor.actorId, now: yield* DateTime.now, settings, periods }
  })

/** Refuses a time before the lock date or in the future. */
export const openTime = (ctx: Context, field: string, at: DateTime.Utc): Effect.Effect<void, PeriodClosed | InvalidValuation> => {
  const lock = ctx.settings.lockDate
  if (lock !== null && at.epochMilliseconds < lock.epochMilliseconds) {
    return Effect.fail(new PeriodClosed({ field, effectiveAt: DateTime.formatIso(at), lockDate: DateTime.formatIso(lock) }))
  }
  if (at.epochMilliseconds > DateTime.addDuration(ctx.now, FUTURE_SKEW).epochMilliseconds) {
    return Effect.fail(new InvalidValuation({ field, reason: "lies in the future" }))
  }
  return Effect.void
}

export const revalue = (ctx: Context, itemIds: ReadonlyArray<ItemId> | null, periods: ReadonlyArray<Period> = ctx.periods) =>
  Revalue.revalue(ctx.tenantId, ctx.settings, periods, itemIds, ctx.actorId, ctx.now)

/** Revalues and appends the revaluation and true-up events. */
export const revalueAndReport = (ctx: Context, itemIds: ReadonlyArray<ItemId> | null, cause: Events.Cause | null, periods?: ReadonlyArray<Period>) =>
  Effect.gen(function*() {
    const changes = yield* revalue(ctx, itemIds, periods)
    yield* emit(Events.changes(changes, ctx.settings.currencyScale, cause))
    return changes
  })

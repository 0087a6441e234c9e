/**
 * Valuation commands over the stores: bring valuation up to date, configure it, close periods, and change an
 * item's method from a date (cost corrections and landed costs are in {@link CostAdjustments}).
 *
 * The ledger marks every item a posting touches. {@link refresh} values what was marked, from the nearest
 * checkpoint before the earliest new movement, never from the start of history. Each command runs in one unit
 * of work and appends its domain events there: a revaluation, a true-up, a landed cost, a period close or a
 * method change. A failing command changes nothing.
 *
 * @since 0.1.0
 */
import { DateTime, Effect, Schema } from "effect"
import * as Catalog from "./Catalog.ts"
import type { CatalogStore } from "./CatalogStore.ts"
import type { UnknownItem } from "./CatalogError.ts"
import { CurrentActor } from "./CurrentActor.ts"
import { emit, type EventLog } from "./EventLog.ts"
import { IdGenerator } from "./IdGenerator.ts"
import type { ItemId } from "./Ids.ts"
import { decode, type InvalidInput } from "./InputError.ts"
import { isPeriodic } from "./internal/methods.ts"
import * as Revalue from "./internal/revalue.ts"
import { context, openTime, revalue, revalueAndReport } from "./internal/valuationContext.ts"
import * as Events from "./internal/valuationEvents.ts"
import { ValuationMethod } from "./Item.ts"
import type { IdempotencyConflict } from "./LedgerError.ts"
import type { LedgerStore } from "./LedgerStore.ts"
import * as Money from "./Money.ts"
import { TimeInput } from "./Movement.ts"
import type * as Quantity from "./Quantity.ts"
import type { ConcurrentModification, StoreError } from "./StoreError.ts"
import { transaction, type UnitOfWork } from "./UnitOfWork.ts"
import type { EngineError } from "./ValuationError.ts"
import { InvalidValuation, type PeriodClosed, SettingsLocked } from "./ValuationError.ts"
import { type MethodChange, type Period, Scope, type Settings } from "./ValuationRecord.ts"
import { METHOD_SEQ, PERIOD_END_SEQ, type Position } from "./ValuationState.ts"
import { ValuationStore } from "./ValuationStore.ts"

/** The services valuation commands need. @since 0.1.0 */
export type Env = ValuationStore | LedgerStore | CatalogStore | EventLog | UnitOfWork | CurrentActor | IdGenerator

/** Every way a valuation command can fail. None of them changes anything. @since 0.1.0 */
export type Error =
  | InvalidInput
  | Quantity.InvalidQuantity
  | EngineError
  | PeriodClosed
  | SettingsLocked
  | UnknownItem
  | IdempotencyConflict
  | ConcurrentModification
  | StoreError

/**
 * What a refresh did: the items it revalued and how many entries it wrote.
 *
 * @since 0.1.0
 */
export interface RefreshResult {
  readonly items: ReadonlyArray<ItemId>
  readonly entries: number
}

/**
 * Values everything the ledger has marked since (all items, or only `itemIds`), in one unit of work.
 *
 * @since 0.1.0
 */
export const refresh = (itemIds?: ReadonlyArray<string>): Effect.Effect<RefreshResult, Error, Env> =>
  transaction(Effect.gen(function*() {
    const ctx = yield* context("share")
    const changes = yield* revalue(ctx, itemIds === undefined ? null : (itemIds as ReadonlyArray<ItemId>))
    yield* emit(Events.changes(changes, ctx.settings.currencyScale, (item) => (isPeriodic(item.valuationMethod) ? "open-period" : "backdated-movement")))
    return { items: changes.map((c) => c.item.id), entries: changes.reduce((n, c) => n + c.written.length, 0) }
  }))

/**
 * The tenant's valuation settings.
 *
 * @since 0.1.0
 */
export const settings: Effect.Effect<Settings, StoreError, ValuationStore | CurrentActor> = Effect.gen(function*() {
  const actor = yield* CurrentActor
  return yield* (yield* ValuationStore).getSettings(actor.tenantId, "none")
})

/** Input to {@link configure}. @since 0.1.0 */
export const ConfigureInput = Schema.Struct({ currencyScale: Schema.optionalKey(Money.Scale), scope: Schema.optionalKey(Scope) })

// The widest span a mark needs, within what SQL timestamps hold: years 1 to 9999.
const DAWN: Position = { at: -62_135_596_800_000, seq: 0, id: "" }
const FOREVER: Position = { at: 253_402_300_799_999, seq: 0, id: "" }

/**
 * Sets the currency scale and the scope. Allowed while no period is closed: every item is then revalued under
 * the new settings.
 *
 * @since 0.1.0
 */
export const configure = (input: typeof ConfigureInput.Encoded): Effect.Effect<Settings, Error, Env> =>
  Effect.gen(function*() {
    const fields = yield* decode("configure", ConfigureInput)(input)
    return yield* transaction(Effect.gen(function*() {
      const ctx = yield* context("update")
      const next: Settings = { ...ctx.settings, ...fields, version: ctx.settings.version + 1 }
      if (next.currencyScale === ctx.settings.currencyScale && next.scope === ctx.settings.scope) return ctx.settings
      if (ctx.settings.lockDate !== null) {
        return yield* new SettingsLocked({ field: fields.scope !== undefined && fields.scope !== ctx.settings.scope ? "scope" : "currencyScale", reason: "a period is closed, and closed periods are never revalued" })
      }
      const store = yield* ValuationStore
      yield* store.putSettings(next)
      const valued = [...new Set((yield* store.methodChanges(ctx.tenantId, null)).map((c) => c.itemId))]
      yield* store.markDirty(ctx.tenantId, valued.map((itemId) => ({ itemId, from: DAWN, through: FOREVER })))
      yield* revalueAndReport({ ...ctx, settings: next }, valued, "settings-change")
      return next
    }))
  })

/** Input to {@link closePeriod}: the lock date, and optionally the period's id. @since 0.1.0 */
export const ClosePeriodInput = Schema.Struct({ end: TimeInput, id: Schema.optionalKey(Schema.String) })

/**
 * Closes the period ending at `end`: values everything up to date, computes periodic methods' period, records
 * the period with its figures, and sets the lock date, so that movements effective before `end` are refused.
 *
 * @since 0.1.0
 */
export const closePeriod = (input: typeof ClosePeriodInput.Encoded): Effect.Effect<Period, Error, Env> =>
  Effect.gen(function*() {
    const fields = yield* decode("closePeriod", ClosePeriodInput)(input)
    return yield* transaction(Effect.gen(function*() {
      const ctx = yield* context("update")
      const store = yield* ValuationStore
      const end = fields.end
      yield* openTime(ctx, "end", end)
      if (ctx.settings.lockDate !== null && end.epochMilliseconds === ctx.settings.lockDate.epochMilliseconds) {
        return yield* new InvalidValuation({ field: "end", reason: "is the current lock date: that period is closed already" })
      }
      yield* revalueAndReport(ctx, null, (item) => (isPeriodic(item.valuationMethod) ? "open-period" : "backdated-movement"))
      const id = fields.id ?? `period-${DateTime.formatIso(end)}`
      const at = end.epochMilliseconds
      // Items valued by a periodic method during the period get its end as a step: that values the period.
      const schedules = yield* store.methodChanges(ctx.tenantId, null)
      const methods = new Map<ItemId, ValuationMethod>()
      for (const c of schedules) if (c.effectiveAt.epochMilliseconds < at || c.id === "initial") methods.set(c.itemId, c.method)
      const periodic = [...methods].filter(([, m]) => isPeriodic(m)).map(([itemId]) => itemId)
      const position: Position = { at, seq: PERIOD_END_SEQ, id }
      yield* store.markDirty(ctx.tenantId, periodic.map((itemId) => ({ itemId, from: position, through: position })))
      const draft: Period = { tenantId: ctx.tenantId, id, start: ctx.settings.lockDate, end, closedAt: ctx.now, actorId: ctx.actorId, value: 0n, received: 0n, cogs: 0n }
      yield* revalueAndReport(ctx, periodic, "period-close", [...ctx.periods, draft])
      let value = 0n
      for (const t of yield* store.totals(ctx.tenantId, { to: at })) value += t.value
      let received = 0n
      let cogs = 0n
      const start = ctx.settings.lockDate?.epochMilliseconds
      for (const t of yield* store.totals(ctx.tenantId, { ...(start === undefined ? {} : { from: start }), to: at })) {
        received += t.received
        cogs += t.cogs
      }
      const period: Period = { ...draft, value, received, cogs }
      yield* store.addPeriod(period)
      yield* store.putSettings({ ...ctx.settings, lockDate: end, version: ctx.settings.version + 1 })
      const scale = ctx.settings.currencyScale
      yield* emit([{
        event: { _tag: "PeriodClosed", periodId: id, start: period.start, end, value: Money.toDecimal(value, scale), received: Money.toDecimal(received, scale), cogs: Money.toDecimal(cogs, scale) },
        entities: [{ type: "period", id }]
      }])
      return period
    }))
  })

/** Input to {@link changeMethod}. `effectiveAt` is now by default. @since 0.1.0 */
export const ChangeMethodInput = Schema.Struct({
  itemId: Schema.String,
  method: ValuationMethod,
  effectiveAt: Schema.optionalKey(TimeInput),
  id: Schema.optionalKey(Schema.String)
})

/**
 * Changes an item's valuation method from `effectiveAt` on (not before the lock date). The item is revalued
 * from then, and a `ValuationMethodChanged` event carries the revaluation: the change in cost of goods sold
 * since then and in value on hand. The catalog item takes the method in force last.
 *
 * @since 0.1.0
 */
export const changeMethod = (input: typeof ChangeMethodInput.Encoded): Effect.Effect<MethodChange | null, Error, Env> =>
  Effect.gen(function*() {
    const fields = yield* decode("changeMethod", ChangeMethodInput)(input)
    return yield* transaction(Effect.gen(function*() {
      const ctx = yield* context("share")
      const store = yield* ValuationStore
      const item = yield* Catalog.getItem(fields.itemId)
      const effectiveAt = fields.effectiveAt ?? ctx.now
      yield* openTime(ctx, "effectiveAt", effectiveAt)
      yield* revalueAndReport(ctx, [item.id], "backdated-movement")
      let schedule = yield* store.methodChanges(ctx.tenantId, [item.id])
      if (schedule.length === 0) {
        const initial = Revalue.initialChange(item, ctx.actorId, ctx.now)
        yield* store.addMethodChanges(ctx.tenantId, [initial])
        schedule = [initial]
      }
      const at = effectiveAt.epochMilliseconds
      const from = schedule.filter((c) => c.effectiveAt.epochMilliseconds <= at).at(-1)!.method
      if (from === fields.method) return null
      const change: MethodChange = {
        tenantId: ctx.tenantId,
        itemId: item.id,
        id: fields.id ?? `method-${yield* (yield* IdGenerator).next}`,
        effectiveAt,
        method: fields.method,
        recordedAt: ctx.now,
        actorId: ctx.actorId
      }
      yield* store.addMethodChanges(ctx.tenantId, [change])
      const latest = [...schedule, change].sort((a, b) => a.effectiveAt.epochMilliseconds - b.effectiveAt.epochMilliseconds).at(-1)!.method
      if (latest !== item.valuationMethod) {
        // Only the method changes: the catalog's other refusals cannot happen here.
        yield* Catalog.updateItem(item.id, { valuationMethod: latest }).pipe(
          Effect.catchTags({ DuplicateGtin: Effect.die, InvalidGtin: Effect.die, InvalidItem: Effect.die })
        )
      }
      const position: Position = { at, seq: METHOD_SEQ, id: change.id }
      yield* store.markDirty(ctx.tenantId, [{ itemId: item.id, from: position, through: position }])
      const changes = yield* revalue(ctx, [item.id])
      const scale = ctx.settings.currencyScale
      const own = changes.find((c) => c.item.id === item.id)
      yield* emit([
        {
          event: { _tag: "ValuationMethodChanged", itemId: item.id, from, to: fields.method, effectiveAt, cogs: Money.toDecimal(own?.cogs ?? 0n, scale), value: Money.toDecimal(own?.value ?? 0n, scale) },
          entities: [{ type: "item", id: item.id }]
        },
        ...Events.changes(changes, scale, null)
      ])
      return change
    }))
  })

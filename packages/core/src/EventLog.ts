/**
 * The append-only event log: audit trail and outbox.
 *
 * Commands append their events in the same unit of work as their change. Readers page through the log per
 * tenant or per entity. Connectors consume it as an outbox: `claim` leases a batch of events to a named
 * consumer, `acknowledge` marks them done, and an event whose lease runs out before it is acknowledged is
 * delivered again (at least once).
 *
 * @since 0.1.0
 */
import { Clock, Context, DateTime, Effect, Layer } from "effect"
import { CurrentActor } from "./CurrentActor.ts"
import type { DomainEvent, EntityRef, Envelope } from "./DomainEvent.ts"
import { IdGenerator } from "./IdGenerator.ts"
import type { EventId, TenantId } from "./Ids.ts"
import { MemoryJournal, pushUndoable, setUndoable } from "./internal/memory.ts"
import type { StoreError } from "./StoreError.ts"

/**
 * One delivery of an event to a consumer; `attempt` counts from 1.
 *
 * @since 0.1.0
 */
export interface Delivery {
  readonly envelope: Envelope
  readonly attempt: number
}

/**
 * Paging through the log: events with `seq > afterSeq`, at most `limit`.
 *
 * @since 0.1.0
 */
export interface Page {
  readonly afterSeq?: number
  readonly limit: number
}

/**
 * Persists and serves domain events.
 *
 * @since 0.1.0
 */
export class EventLog extends Context.Service<EventLog, {
  /** Appends events in order, assigning each tenant's next `seq`. */
  readonly append: (events: ReadonlyArray<Envelope>) => Effect.Effect<ReadonlyArray<Envelope>, StoreError>
  readonly list: (tenantId: TenantId, page: Page) => Effect.Effect<ReadonlyArray<Envelope>, StoreError>
  readonly byEntity: (tenantId: TenantId, entity: EntityRef, page: Page) => Effect.Effect<ReadonlyArray<Envelope>, StoreError>
  /** Leases up to `limit` unacknowledged events whose lease is free, oldest first. */
  readonly claim: (
    tenantId: TenantId,
    consumer: string,
    options: { readonly limit: number; readonly leaseMillis: number; readonly nowMillis: number }
  ) => Effect.Effect<ReadonlyArray<Delivery>, StoreError>
  readonly acknowledge: (
    tenantId: TenantId,
    consumer: string,
    ids: ReadonlyArray<EventId>
  ) => Effect.Effect<void, StoreError>
}>()("@quartermaster/core/EventLog") {
  /**
   * The in-memory event log. Needs the journal that `UnitOfWork.layerMemory` provides.
   *
   * @since 0.1.0
   */
  static readonly layerMemory: Layer.Layer<EventLog, never, MemoryJournal> = Layer.effect(
    EventLog,
    Effect.gen(function*() {
      const journal = yield* MemoryJournal
      const logs = new Map<TenantId, Array<Envelope>>()
      const positions = new Map<EventId, number>()
      // consumer key -> event id -> delivery state
      const deliveries = new Map<string, Map<EventId, DeliveryState>>()
      // consumer key -> index below which every event is acknowledged
      const floors = new Map<string, number>()
      const logOf = (tenantId: TenantId) => {
        let log = logs.get(tenantId)
        if (log === undefined) logs.set(tenantId, log = [])
        return log
      }
      return EventLog.of({
        append: (events) =>
          journal.run(Effect.sync(() => {
            const out: Array<Envelope> = []
            for (const envelope of events) {
              const log = logOf(envelope.tenantId)
              const stored = { ...envelope, seq: log.length + 1 }
              pushUndoable(journal, log, stored)
              setUndoable(journal, positions, stored.id, log.length - 1)
              out.push(stored)
            }
            return out
          })),
        list: (tenantId, page) =>
          journal.run(Effect.sync(() => logOf(tenantId).slice(page.afterSeq ?? 0, (page.afterSeq ?? 0) + page.limit))),
        byEntity: (tenantId, entity, page) =>
          journal.run(Effect.sync(() => {
            const out: Array<Envelope> = []
            for (const envelope of logOf(tenantId).slice(page.afterSeq ?? 0)) {
              if (envelope.entities.some((e) => e.type === entity.type && e.id === entity.id)) out.push(envelope)
              if (out.length >= page.limit) break
            }
            return out
          })),
        claim: (tenantId, consumer, { leaseMillis, limit, nowMillis }) =>
          journal.run(Effect.sync(() => {
            const key = `${tenantId}\u0000${consumer}`
            let states = deliveries.get(key)
            if (states === undefined) deliveries.set(key, states = new Map())
            const log = logOf(tenantId)
            let floor = floors.get(key) ?? 0
            while (floor < log.length && states.get(log[floor]!.id)?.acknowledged === true) floor++
            floors.set(key, floor)
            const out: Array<Delivery> = []
            for (let i = floor; i < log.length && out.length < limit; i++) {
              const envelope = log[i]!
              const state = states.get(envelope.id)
              if (state?.acknowledged === true || (state !== undefined && state.leaseUntil > nowMillis)) continue
              const next = { acknowledged: false, attempts: (state?.attempts ?? 0) + 1, leaseUntil: nowMillis + leaseMillis }
              setUndoable(journal, states, envelope.id, next)
              out.push({ envelope, attempt: next.attempts })
            }
            return out
          })),
        acknowledge: (tenantId, consumer, ids) =>
          journal.run(Effect.sync(() => {
            const key = `${tenantId}\u0000${consumer}`
            let states = deliveries.get(key)
            if (states === undefined) deliveries.set(key, states = new Map())
            for (const id of ids) {
              if (!positions.has(id)) continue
              const state = states.get(id)
              setUndoable(journal, states, id, { acknowledged: true, attempts: state?.attempts ?? 0, leaseUntil: 0 })
            }
          }))
      })
    })
  )
}

interface DeliveryState {
  readonly acknowledged: boolean
  readonly attempts: number
  readonly leaseUntil: number
}

/**
 * Builds an envelope for the current tenant and actor, stamped with `Clock` time and an id from
 * {@link IdGenerator}. Append it with {@link EventLog}'s `append` inside the command's unit of work.
 *
 * @since 0.1.0
 */
export const envelope = (
  event: DomainEvent,
  entities: ReadonlyArray<EntityRef>
): Effect.Effect<Envelope, never, CurrentActor | IdGenerator> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const ids = yield* IdGenerator
    const id = yield* ids.next
    const millis = yield* Clock.currentTimeMillis
    return {
      id: id as EventId,
      tenantId: actor.tenantId,
      seq: 0,
      actorId: actor.actorId,
      at: DateTime.makeUnsafe(millis),
      entities,
      event
    }
  })

/**
 * Appends events for the current tenant and actor.
 *
 * @since 0.1.0
 */
export const emit = (
  events: ReadonlyArray<{ readonly event: DomainEvent; readonly entities: ReadonlyArray<EntityRef> }>
): Effect.Effect<ReadonlyArray<Envelope>, StoreError, CurrentActor | IdGenerator | EventLog> =>
  Effect.gen(function*() {
    const log = yield* EventLog
    const envelopes: Array<Envelope> = []
    for (const e of events) envelopes.push(yield* envelope(e.event, e.entities))
    return yield* log.append(envelopes)
  })

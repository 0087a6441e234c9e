/**
 * The event log in SQL: the audit trail and the outbox.
 *
 * Each tenant's events get a gap-free `seq` from a per-tenant counter row. Appending is the last write of
 * every command, so the counter's row lock is held only until commit, and events become visible in `seq`
 * order. An entity index serves the audit trail. Outbox deliveries are leased per consumer; claims of one
 * consumer are serialized on its row, and acknowledged prefixes are folded into the consumer's floor.
 *
 * @since 0.1.0
 */
import { DomainEvent, EventLog, type Ids } from "@quartermaster/core"
import { DateTime, Effect, Layer } from "effect"
import { SqlClient } from "effect/sql"
import { decodeDoc, sqlFailure } from "./internal/errors.ts"
import { encodeEvent } from "./internal/eventJson.ts"
import { type Options, scope } from "./TenantSession.ts"

const decodeEvent = decodeDoc(DomainEvent.DomainEvent, "events")

interface EventRow {
  readonly seq: bigint | number | string
  readonly id: string
  readonly actor_id: string
  readonly at: Date
  readonly entities: ReadonlyArray<DomainEvent.EntityRef>
  readonly event: unknown
}

/**
 * The SQL event log on the ambient `SqlClient`.
 *
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<EventLog.EventLog, never, SqlClient.SqlClient> =>
  Layer.effect(
    EventLog.EventLog,
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const scoped = scope(sql, options)
      const envelopes = (tenantId: Ids.TenantId) => (rows: ReadonlyArray<EventRow>) =>
        Effect.forEach(rows, (r) =>
          Effect.map(decodeEvent(r.event), (event): DomainEvent.Envelope => ({
            id: r.id as Ids.EventId,
            tenantId,
            seq: Number(r.seq),
            actorId: r.actor_id as Ids.ActorId,
            at: DateTime.makeUnsafe(r.at),
            entities: r.entities,
            event
          })))
      const EVENT_COLUMNS = sql.literal("e.seq, e.id, e.actor_id, e.at, e.entities, e.event")

      return EventLog.EventLog.of({
        append: (events) =>
          events.length === 0 ? Effect.succeed([]) : scoped(events[0]!.tenantId, Effect.gen(function*() {
            const byTenant = new Map<Ids.TenantId, Array<DomainEvent.Envelope>>()
            for (const e of events) byTenant.set(e.tenantId, [...(byTenant.get(e.tenantId) ?? []), e])
            const out: Array<DomainEvent.Envelope> = []
            for (const [tenantId, list] of byTenant) {
              // One statement per tenant: the counter's increment, the events and their entity rows. The events'
              // seqs are computed in the statement from the counter, so no round trip waits for it.
              const n = list.length
              const refs: Array<readonly [type: string, id: string, index: string]> = []
              for (let i = 0; i < n; i++) {
                for (const r of list[i]!.entities) refs.push([r.type, r.id, String(i + 1)])
              }
              const [counter] = yield* sql<{ last_seq: bigint | number | string }>`
                WITH c AS (
                  INSERT INTO qm_event_counters (tenant_id, last_seq) VALUES (${tenantId}, ${n})
                  ON CONFLICT (tenant_id) DO UPDATE SET last_seq = qm_event_counters.last_seq + ${n}
                  RETURNING last_seq - ${n} AS base
                ), e AS (
                  INSERT INTO qm_events (tenant_id, seq, id, actor_id, at, entities, event)
                  SELECT ${tenantId}, c.base + v.n, v.id, v.actor_id, v.at::timestamptz, v.entities::json, v.event::json
                  FROM c, unnest(${list.map((e) => e.id)}::text[], ${list.map((e) => e.actorId)}::text[],
                                 ${list.map((e) => DateTime.formatIso(e.at))}::text[], ${list.map((e) => JSON.stringify(e.entities))}::text[],
                                 ${list.map((e) => encodeEvent(e.event))}::text[]) WITH ORDINALITY AS v(id, actor_id, at, entities, event, n)
                )${refs.length === 0 ? sql.literal("") : sql`, x AS (
                  INSERT INTO qm_event_entities (tenant_id, entity_type, entity_id, seq)
                  SELECT DISTINCT ${tenantId}, r.t, r.i, c.base + r.k::bigint
                  FROM c, unnest(${refs.map((r) => r[0])}::text[], ${refs.map((r) => r[1])}::text[], ${refs.map((r) => r[2])}::text[]) AS r(t, i, k)
                )`}
                SELECT base + ${n} AS last_seq FROM c`
              const first = Number(counter!.last_seq) - n + 1
              const stored = list.map((e, i) => ({ ...e, seq: first + i }))
              out.push(...stored)
            }
            return out
          })).pipe(Effect.catchTag("SqlError", sqlFailure("events.append"))),

        list: (tenantId, page) =>
          scoped(
            tenantId,
            sql<EventRow>`
              SELECT ${EVENT_COLUMNS} FROM qm_events e
              WHERE e.tenant_id = ${tenantId} AND e.seq > ${page.afterSeq ?? 0} ORDER BY e.seq LIMIT ${page.limit}`
          ).pipe(Effect.catchTag("SqlError", sqlFailure("events.list")), Effect.flatMap(envelopes(tenantId))),

        byEntity: (tenantId, entity, page) =>
          scoped(
            tenantId,
            sql<EventRow>`
              SELECT ${EVENT_COLUMNS} FROM qm_event_entities x
              JOIN qm_events e ON e.tenant_id = x.tenant_id AND e.seq = x.seq
              WHERE x.tenant_id = ${tenantId} AND x.entity_type = ${entity.type} AND x.entity_id = ${entity.id}
                AND x.seq > ${page.afterSeq ?? 0}
              ORDER BY x.seq LIMIT ${page.limit}`
          ).pipe(Effect.catchTag("SqlError", sqlFailure("events.byEntity")), Effect.flatMap(envelopes(tenantId))),

        claim: (tenantId, consumer, { leaseMillis, limit, nowMillis }) =>
          scoped(tenantId, sql.withTransaction(Effect.gen(function*() {
            // One claimer per consumer at a time: the consumer's row is the lock.
            yield* sql`
              INSERT INTO qm_outbox_consumers (tenant_id, consumer, floor) VALUES (${tenantId}, ${consumer}, 0)
              ON CONFLICT (tenant_id, consumer) DO NOTHING`
            const [row] = yield* sql<{ floor: bigint | number | string }>`
              SELECT floor FROM qm_outbox_consumers WHERE tenant_id = ${tenantId} AND consumer = ${consumer} FOR UPDATE`
            let floor = Number(row!.floor)
            // Fold the acknowledged prefix into the floor, and forget its deliveries.
            const [pending] = yield* sql<{ next: bigint | number | string | null; last: bigint | number | string | null }>`
              SELECT (SELECT min(e.seq) FROM qm_events e
                      LEFT JOIN qm_outbox_deliveries d ON d.tenant_id = e.tenant_id AND d.consumer = ${consumer} AND d.seq = e.seq
                      WHERE e.tenant_id = ${tenantId} AND e.seq > ${floor} AND (d.seq IS NULL OR NOT d.acknowledged)) AS next,
                     (SELECT max(seq) FROM qm_events WHERE tenant_id = ${tenantId}) AS last`
            const newFloor = pending!.next !== null ? Number(pending!.next) - 1 : pending!.last !== null ? Number(pending!.last) : floor
            if (newFloor > floor) {
              floor = newFloor
              yield* sql`UPDATE qm_outbox_consumers SET floor = ${floor} WHERE tenant_id = ${tenantId} AND consumer = ${consumer}`
              yield* sql`DELETE FROM qm_outbox_deliveries WHERE tenant_id = ${tenantId} AND consumer = ${consumer} AND seq <= ${floor}`
            }
            const due = yield* sql<EventRow & { attempts: number | null }>`
              SELECT ${EVENT_COLUMNS}, d.attempts FROM qm_events e
              LEFT JOIN qm_outbox_deliveries d ON d.tenant_id = e.tenant_id AND d.consumer = ${consumer} AND d.seq = e.seq
              WHERE e.tenant_id = ${tenantId} AND e.seq > ${floor}
                AND (d.seq IS NULL OR (NOT d.acknowledged AND d.lease_until <= ${nowMillis}))
              ORDER BY e.seq LIMIT ${limit}`
            if (due.length === 0) return []
            yield* sql`
              INSERT INTO qm_outbox_deliveries (tenant_id, consumer, seq, attempts, lease_until, acknowledged)
              SELECT ${tenantId}, ${consumer}, d.seq::bigint, d.attempts::int, ${nowMillis + leaseMillis}, false
              FROM unnest(${due.map((r) => String(r.seq))}::text[], ${due.map((r) => String((r.attempts ?? 0) + 1))}::text[]) AS d(seq, attempts)
              ON CONFLICT (tenant_id, consumer, seq)
              DO UPDATE SET attempts = EXCLUDED.attempts, lease_until = EXCLUDED.lease_until`
            const list = yield* envelopes(tenantId)(due)
            return list.map((envelope, i) => ({ envelope, attempt: (due[i]!.attempts ?? 0) + 1 }))
          }))).pipe(Effect.catchTag("SqlError", sqlFailure("events.claim"))),

        acknowledge: (tenantId, consumer, ids) =>
          ids.length === 0 ? Effect.void : scoped(
            tenantId,
            sql`
              INSERT INTO qm_outbox_deliveries (tenant_id, consumer, seq, attempts, lease_until, acknowledged)
              SELECT e.tenant_id, ${consumer}, e.seq, 0, 0, true FROM qm_events e
              WHERE e.tenant_id = ${tenantId} AND e.id = ANY(${ids}::text[])
                AND e.seq > coalesce((SELECT floor FROM qm_outbox_consumers WHERE tenant_id = ${tenantId} AND consumer = ${consumer}), 0)
              ON CONFLICT (tenant_id, consumer, seq) DO UPDATE SET acknowledged = true`
          ).pipe(Effect.asVoid, Effect.catchTag("SqlError", sqlFailure("events.acknowledge")))
      })
    })
  )

/**
 * Contract cases for the event log: events in the same unit of work, audit trails, the outbox, and tenant
 * isolation.
 *
 * @since 0.1.0
 */
import { Catalog, CurrentActor, EventLog, type Ids, LedgerStore, Reservations, StockLedger, StockQuery } from "@quartermaster/core"
import { Effect, Layer } from "effect"
import * as Assert from "./Assert.ts"
import { suite, type Case } from "./Case.ts"
import { freshTenantId, world } from "./Fixtures.ts"

const test = suite("events")

/**
 * The event log cases.
 *
 * @since 0.1.0
 */
export const cases: ReadonlyArray<Case> = [
  test("every command records typed events with tenant, actor and time", (_clock, tenantId) =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([{ id: "in", itemId: "plain", from: "sup", to: "bin-a", quantity: 4 }])
      yield* Reservations.reserve([{ id: "r", itemId: "plain", quantity: 1 }])
      yield* Reservations.release("r")
      const log = yield* (yield* EventLog.EventLog).list(tenantId as never, { limit: 1000 })
      const tags = log.map((e) => e.event._tag)
      yield* Assert.equal(tags.filter((t) => t === "LocationCreated").length, 14, "locations")
      yield* Assert.equal(tags.filter((t) => t === "ItemCreated").length, 4, "items")
      yield* Assert.equal(tags.slice(-3), ["MovementsPosted", "ReservationPlaced", "ReservationReleased"], "latest")
      yield* Assert.equal(log.map((e) => e.seq), log.map((_, i) => i + 1), "gap-free sequence")
      yield* Assert.that(log.every((e) => e.tenantId === tenantId && e.actorId === "contract"), "tenant and actor")
      const posted = log.find((e) => e.event._tag === "MovementsPosted")!
      yield* Assert.that(posted.event._tag === "MovementsPosted" && posted.event.movements[0]!.quantity === 4n, "movement in the event")
      yield* Assert.equal(posted.entities.filter((e) => e.type === "movement").map((e) => e.id), ["in"], "entities")
    })),

  test("the audit trail per entity lists its events in order and pages", () =>
    Effect.gen(function*() {
      yield* world
      yield* Catalog.updateItem("bulk", { name: "Flour" })
      yield* StockLedger.post([{ id: "m1", itemId: "bulk", from: "sup", to: "bin-a", quantity: 1 }])
      yield* Catalog.updateItem("bulk", { status: "discontinued" })
      const { tenantId } = yield* CurrentActor.CurrentActor
      const log = yield* EventLog.EventLog
      const trail = yield* log.byEntity(tenantId, { type: "item", id: "bulk" }, { limit: 10 })
      yield* Assert.equal(trail.map((e) => e.event._tag), ["ItemCreated", "ItemUpdated", "MovementsPosted", "ItemUpdated"], "item trail")
      const page = yield* log.byEntity(tenantId, { type: "item", id: "bulk" }, { limit: 2, afterSeq: trail[1]!.seq })
      yield* Assert.equal(page.map((e) => e.seq), [trail[2]!.seq, trail[3]!.seq], "second page")
      const movementTrail = yield* log.byEntity(tenantId, { type: "movement", id: "m1" }, { limit: 10 })
      yield* Assert.equal(movementTrail.length, 1, "movement trail")
    })),

  test("the outbox delivers at least once: claim, acknowledge, redeliver after the lease", () =>
    Effect.gen(function*() {
      yield* world
      const { tenantId } = yield* CurrentActor.CurrentActor
      const log = yield* EventLog.EventLog
      const total = (yield* log.list(tenantId, { limit: 1000 })).length
      const first = yield* log.claim(tenantId, "sap", { limit: 5, leaseMillis: 1000, nowMillis: 10_000 })
      yield* Assert.equal(first.length, 5, "first claim")
      yield* Assert.that(first.every((d) => d.attempt === 1), "first attempt")
      const second = yield* log.claim(tenantId, "sap", { limit: 5, leaseMillis: 1000, nowMillis: 10_500 })
      yield* Assert.that(second.every((d) => !first.some((f) => f.envelope.id === d.envelope.id)), "leased events are not handed out twice")
      yield* log.acknowledge(tenantId, "sap", first.slice(0, 3).map((d) => d.envelope.id))
      const later = yield* log.claim(tenantId, "sap", { limit: 100, leaseMillis: 1000, nowMillis: 20_000 })
      const redelivered = later.filter((d) => d.attempt > 1).map((d) => d.envelope.id)
      const expected = [...first.slice(3), ...second].map((d) => d.envelope.id)
      yield* Assert.equal([...redelivered].sort(), [...expected].sort(), "unacknowledged events come back")
      yield* Assert.equal(later.length, total - 3, "everything not acknowledged")
      yield* log.acknowledge(tenantId, "sap", later.map((d) => d.envelope.id))
      yield* Assert.equal((yield* log.claim(tenantId, "sap", { limit: 100, leaseMillis: 1000, nowMillis: 99_000 })).length, 0, "drained")
      const other = yield* log.claim(tenantId, "jira", { limit: 1000, leaseMillis: 1000, nowMillis: 99_000 })
      yield* Assert.equal(other.length, total, "consumers are independent")
      yield* log.acknowledge(tenantId, "jira", ["no-such-event" as Ids.EventId])
    })),

  test("a refused command records no event", () =>
    Effect.gen(function*() {
      yield* world
      const { tenantId } = yield* CurrentActor.CurrentActor
      const log = yield* EventLog.EventLog
      const before = (yield* log.list(tenantId, { limit: 1000 })).length
      yield* Effect.flip(StockLedger.post([{ id: "x", itemId: "plain", from: "bin-a", to: "cust", quantity: 1 }]))
      yield* Effect.flip(Reservations.reserve([{ id: "y", itemId: "plain", quantity: 1 }]))
      yield* Effect.flip(Catalog.createItem({ sku: "PLAIN-1", name: "dup", baseUnit: { code: "each" } }))
      yield* Assert.equal((yield* log.list(tenantId, { limit: 1000 })).length, before, "event count")
    })),

  test("tenants are isolated", () =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([{ id: "in", itemId: "plain", from: "sup", to: "bin-a", quantity: 9 }])
      const other = Layer.succeed(CurrentActor.CurrentActor, { tenantId: freshTenantId("other") as never, actorId: "intruder" as never })
      yield* Effect.gen(function*() {
        yield* Assert.failsWith(Catalog.getItem("plain"), "UnknownItem", "another tenant's item")
        yield* Assert.failsWith(StockQuery.level({ itemId: "plain" }), "UnknownItem", "another tenant's stock")
        const { tenantId } = yield* CurrentActor.CurrentActor
        yield* Assert.equal((yield* (yield* LedgerStore.LedgerStore).balances(tenantId, {})).length, 0, "no balances")
        yield* Assert.equal((yield* (yield* EventLog.EventLog).list(tenantId, { limit: 10 })).length, 0, "no events")
        yield* world
        yield* StockLedger.post([{ id: "in", itemId: "plain", from: "sup", to: "bin-a", quantity: 1 }])
      }).pipe(Effect.provide(other))
      yield* Assert.decimal((yield* StockQuery.level({ itemId: "plain" })).onHand, "9", "own stock unchanged")
    }))
]

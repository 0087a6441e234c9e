// The server's stock read (core's `StockQuery.level`, which on SQL storage is one call of `LedgerStore.level`)
// against the level read port by port (`StockQuery.levelByPorts`) on data made through the API: every scope
// (item, location subtree, lot, both), non-internal locations, decimals, reservations in and out of scope,
// expired, partly fulfilled and released, unknown ids and another tenant's item. Both must give the same figures
// and errors. Runs on PGlite, and on PostgreSQL when DATABASE_URL is set (required under CI).
import { assert, describe, layer } from "@effect/vitest"
import { BigDecimal, DateTime, Effect, Exit, Option, Redacted } from "effect"
import { CurrentActor, type Ids, ReservationStore, StockQuery } from "@quartermaster/core"
import * as Server from "../src/Server.ts"
import * as StockLevel from "../src/StockLevel.ts"
import { config, request, setup } from "./harness.ts"

const post = (key: string, path: string, body: unknown) =>
  Effect.map(request("POST", path, { key, body }), (reply) => {
    assert.isBelow(reply.status, 300, reply.text)
    return reply.json
  })

const viaCore = (scope: StockLevel.Scope) =>
  StockQuery.levelByPorts({
    itemId: scope.itemId,
    ...(scope.locationId === undefined ? {} : { locationId: scope.locationId }),
    ...(scope.lot === undefined ? {} : { lot: scope.lot })
  }).pipe(Effect.map((level) => ({
    itemId: level.itemId as string,
    locationId: level.locationId as string | null,
    lot: level.lot,
    onHand: BigDecimal.format(level.onHand),
    reserved: BigDecimal.format(level.reserved),
    available: BigDecimal.format(level.available)
  })))

const outcome = <A>(exit: Exit.Exit<A, { readonly _tag: string; readonly message: string }>) =>
  Exit.isSuccess(exit) ? { ok: exit.value } : { error: Exit.findErrorOption(exit).pipe((e) => e._tag === "Some" ? [e.value._tag, e.value.message] : "defect") }

const databaseUrl = process.env["DATABASE_URL"]
if (databaseUrl === undefined && process.env["CI"] === "true") {
  throw new Error("DATABASE_URL must be set under CI: the PostgreSQL tests cannot be skipped there")
}
// A PostgreSQL database persists between runs, so every run works in tenants of its own.
const run = Date.now().toString(36)

const databases = [
  { name: "PGlite", config: config() },
  ...(databaseUrl === undefined ? [] : [{ name: "PostgreSQL", config: config({ databaseUrl: Option.some(Redacted.make(databaseUrl)) }) }])
]

describe.each(databases)("StockLevel on $name", ({ config }) => {
  layer(Server.layerTest(config), { timeout: 180_000, excludeTestServices: true })("server", (it) => {
    it.effect("gives the same level and errors as the level read port by port, for every scope", () =>
      Effect.gen(function*() {
        const tenant = `t-level-${run}`
        const { admin, bin, item, supplier, warehouse } = yield* setup(tenant)
        const other = yield* setup(`t-level-other-${run}`)
        const bin2 = yield* post(admin, "/api/v1/locations", { code: "WH-A2", kind: "bin", parentId: warehouse.id })
        const consignment = yield* post(admin, "/api/v1/locations", { code: "CONS", kind: "site", usage: "consignment" })
        const kg = yield* post(admin, "/api/v1/items", { sku: "WIRE", name: "Wire", baseUnit: { code: "kg", decimals: 3 }, tracking: "lot" })
        yield* post(admin, "/api/v1/movements", {
          lines: [
            { id: "l1", itemId: kg.id, from: supplier.id, to: bin.id, quantity: "12.5", lot: "A" },
            { id: "l2", itemId: kg.id, from: supplier.id, to: bin2.id, quantity: "3.125", lot: "B" },
            { id: "l3", itemId: kg.id, from: supplier.id, to: consignment.id, quantity: "7", lot: "A" },
            { id: "l4", itemId: item.id, from: supplier.id, to: consignment.id, quantity: 5 }
          ]
        })
        yield* post(admin, "/api/v1/reservations", {
          reservations: [
            { id: "r-bin", itemId: kg.id, locationId: bin.id, quantity: "1.5" },
            { id: "r-any", itemId: kg.id, quantity: "0.25" },
            { id: "r-gone", itemId: kg.id, locationId: bin2.id, quantity: "1" },
            { id: "r-item", itemId: item.id, locationId: warehouse.id, quantity: 4 }
          ]
        })
        yield* post(admin, "/api/v1/reservations/r-gone/release", {})
        // States the API does not produce on demand: an expired open reservation and a partly fulfilled one.
        const now = yield* DateTime.now
        const base = {
          tenantId: tenant as Ids.TenantId,
          itemId: kg.id as Ids.ItemId,
          status: "open" as const,
          reference: null,
          actorId: "test" as Ids.ActorId,
          version: 1,
          createdAt: now,
          updatedAt: now
        }
        yield* (yield* ReservationStore.ReservationStore).put([
          { ...base, id: "r-expired" as Ids.ReservationId, locationId: bin.id, quantity: 2000n, fulfilled: 0n, expiresAt: DateTime.subtract(now, { minutes: 1 }) },
          { ...base, id: "r-part" as Ids.ReservationId, locationId: bin2.id, quantity: 1000n, fulfilled: 400n, expiresAt: DateTime.add(now, { hours: 1 }) }
        ])

        const scopes: ReadonlyArray<StockLevel.Scope> = [
          { itemId: kg.id },
          { itemId: kg.id, locationId: warehouse.id },
          { itemId: kg.id, locationId: bin.id },
          { itemId: kg.id, locationId: bin2.id },
          { itemId: kg.id, locationId: consignment.id },
          { itemId: kg.id, locationId: supplier.id },
          { itemId: kg.id, lot: "A" },
          { itemId: kg.id, lot: "missing" },
          { itemId: kg.id, locationId: warehouse.id, lot: "B" },
          { itemId: item.id },
          { itemId: item.id, locationId: warehouse.id },
          { itemId: item.id, locationId: consignment.id },
          { itemId: "no-such-item" },
          { itemId: "no-such-item", locationId: "no-such-location" },
          { itemId: kg.id, locationId: "no-such-location" },
          { itemId: other.item.id },
          { itemId: kg.id, locationId: other.warehouse.id }
        ]
        const actor = { tenantId: tenant as Ids.TenantId, actorId: "test" as Ids.ActorId, roles: ["viewer" as const] }
        for (const scope of scopes) {
          const fast = yield* Effect.exit(StockLevel.level(scope)).pipe(Effect.provideService(CurrentActor.CurrentActor, actor))
          const core = yield* Effect.exit(viaCore(scope)).pipe(Effect.provideService(CurrentActor.CurrentActor, actor))
          assert.deepStrictEqual(outcome(fast), outcome(core), JSON.stringify(scope))
        }
        // Spot checks, so a shared mistake in both paths would still show.
        const whole = yield* StockLevel.level({ itemId: kg.id }).pipe(Effect.provideService(CurrentActor.CurrentActor, actor))
        assert.deepStrictEqual(whole, { itemId: kg.id, locationId: null, lot: null, onHand: "15.625", reserved: "2.35", available: "13.275" })
        // The time the level stops being true by itself (StockCache serves it no longer): the earliest expiry
        // among the reservations it counts, not the expired one; none for a lot or without expiring reservations.
        const untilOf = (scope: StockLevel.Scope) =>
          Effect.map(StockLevel.read(scope), (r) => r.untilMillis).pipe(Effect.provideService(CurrentActor.CurrentActor, actor))
        const inAnHour = DateTime.toEpochMillis(DateTime.add(now, { hours: 1 }))
        assert.strictEqual(yield* untilOf({ itemId: kg.id }), inAnHour)
        assert.strictEqual(yield* untilOf({ itemId: kg.id, locationId: bin2.id }), inAnHour)
        assert.strictEqual(yield* untilOf({ itemId: kg.id, locationId: bin.id }), undefined)
        assert.strictEqual(yield* untilOf({ itemId: kg.id, lot: "A" }), undefined)
        assert.strictEqual(yield* untilOf({ itemId: kg.id, locationId: warehouse.id, lot: "B" }), undefined)
        assert.strictEqual(yield* untilOf({ itemId: item.id }), undefined)
        const route = yield* request("GET", `/api/v1/stock/${kg.id}?locationId=${warehouse.id}`, { key: admin })
        assert.deepStrictEqual(route.json, { itemId: kg.id, locationId: warehouse.id, lot: null, onHand: "15.625", reserved: "2.1", available: "13.525" })
      }))
  })
})

// The stock-level cache: its rules on their own (generations, the read/write race, expiry, age, size, sync),
// then through the server: every kind of write a client can make is visible to the next read, and on
// PostgreSQL a second server process sees the first one's writes through the change notifications.
import { assert, describe, it, layer } from "@effect/vitest"
import { CurrentActor, type Ids } from "@quartermaster/core"
import { type Context, Duration, Effect, Layer, Option, Redacted } from "effect"
import { TestClock } from "effect/testing"
import * as ApiKeys from "../src/ApiKeys.ts"
import * as Server from "../src/Server.ts"
import * as StockCache from "../src/StockCache.ts"
import { config, request, setup, stockOf } from "./harness.ts"

const options: StockCache.Options = { enabled: true, maxEntries: 3, maxAgeMillis: 1_000 }

describe("StockCache.make", () => {
  it("serves a stored read until its tenant changes, and only that tenant's", () => {
    const cache = StockCache.make<string>(options)
    const a = cache.begin("A", ["item"])!
    cache.put(a, "a1", 0, undefined)
    const b = cache.begin("B", ["item"])!
    cache.put(b, "b1", 0, undefined)
    assert.strictEqual(cache.get("A", ["item"], 10), "a1")
    cache.invalidate("A")
    assert.strictEqual(cache.get("A", ["item"], 10), undefined)
    assert.strictEqual(cache.get("B", ["item"], 10), "b1")
    cache.invalidateAll()
    assert.strictEqual(cache.get("B", ["item"], 10), undefined)
  })

  it("never serves a read that a write overtook", () => {
    const cache = StockCache.make<string>(options)
    const ticket = cache.begin("A", ["item"])!
    // The write commits (and bumps) while the read is still in flight with the old figures.
    cache.invalidate("A")
    cache.put(ticket, "stale", 0, undefined)
    assert.strictEqual(cache.get("A", ["item"], 1), undefined)
    const fresh = cache.begin("A", ["item"])!
    cache.put(fresh, "fresh", 0, undefined)
    assert.strictEqual(cache.get("A", ["item"], 1), "fresh")
  })

  it("stops serving at the earliest counted expiry and at the maximum age", () => {
    const cache = StockCache.make<string>(options)
    cache.put(cache.begin("A", ["x"])!, "expiring", 100, 400)
    assert.strictEqual(cache.get("A", ["x"], 399), "expiring")
    assert.strictEqual(cache.get("A", ["x"], 400), undefined)
    cache.put(cache.begin("A", ["y"])!, "aging", 100, undefined)
    assert.strictEqual(cache.get("A", ["y"], 1_099), "aging")
    assert.strictEqual(cache.get("A", ["y"], 1_100), undefined)
  })

  it("keeps at most maxEntries, dropping the oldest", () => {
    const cache = StockCache.make<number>(options)
    for (let i = 0; i < 5; i++) cache.put(cache.begin("A", [`i${i}`])!, i, 0, undefined)
    assert.strictEqual(cache.stats().entries, 3)
    assert.strictEqual(cache.get("A", ["i0"], 1), undefined)
    assert.strictEqual(cache.get("A", ["i1"], 1), undefined)
    assert.strictEqual(cache.get("A", ["i4"], 1), 4)
  })

  it("keys scopes without ambiguity", () => {
    const cache = StockCache.make<string>(options)
    cache.put(cache.begin("A", ["a\u0000b", undefined, undefined])!, "one", 0, undefined)
    assert.strictEqual(cache.get("A", ["a", "b", undefined], 1), undefined)
    assert.strictEqual(cache.get("A", ["a\u0000b", undefined, ""], 1), undefined)
    assert.strictEqual(cache.get("A\u0000", ["b", undefined, undefined], 1), undefined)
    assert.strictEqual(cache.get("A", ["a\u0000b", undefined, undefined], 1), "one")
  })

  it("serves nothing while unsynced or disabled, and starts empty when synced again", () => {
    const cache = StockCache.make<string>(options)
    cache.put(cache.begin("A", ["x"])!, "v", 0, undefined)
    const inFlight = cache.begin("A", ["x"])!
    cache.setSynced(false)
    assert.strictEqual(cache.get("A", ["x"], 1), undefined)
    assert.strictEqual(cache.begin("A", ["x"]), undefined)
    cache.setSynced(true)
    assert.strictEqual(cache.get("A", ["x"], 1), undefined)
    cache.put(inFlight, "from before the gap", 0, undefined)
    assert.strictEqual(cache.get("A", ["x"], 1), undefined)
    const off = StockCache.make<string>({ ...options, enabled: false })
    assert.strictEqual(off.begin("A", ["x"]), undefined)
    assert.strictEqual(off.get("A", ["x"], 1), undefined)
  })

  it.effect("through: reads once, then serves until the Clock passes the read's expiry", () =>
    Effect.gen(function*() {
      let reads = 0
      const read = Effect.sync(() => ({ value: ++reads, untilMillis: 5_000 }))
      const cache = StockCache.make<unknown>({ ...options, maxAgeMillis: 60_000 })
      const run = StockCache.through(["item"], read).pipe(
        Effect.provideService(StockCache.StockCache, cache),
        Effect.provideService(CurrentActor.CurrentActor, { tenantId: "T" as Ids.TenantId, actorId: "a" as Ids.ActorId, roles: ["viewer"] })
      )
      assert.strictEqual(yield* run, 1)
      assert.strictEqual(yield* run, 1)
      yield* TestClock.adjust(Duration.millis(4_999))
      assert.strictEqual(yield* run, 1)
      yield* TestClock.adjust(Duration.millis(1))
      assert.strictEqual(yield* run, 2)
      assert.strictEqual(reads, 2)
    }))
})

const post = (key: string, path: string, body: unknown) =>
  Effect.map(request("POST", path, { key, body }), (reply) => {
    assert.isBelow(reply.status, 300, `${path}: ${reply.text}`)
    return reply.json
  })

const cacheStats = Effect.map(StockCache.StockCache, (cache) => cache.stats())

describe("the stock route through the cache", () => {
  layer(Server.layerTest(config()), { timeout: 180_000, excludeTestServices: true })("server on PGlite", (it) => {
    it.effect("every write is visible to the next read", () =>
      Effect.gen(function*() {
        const { admin, bin, item, supplier, warehouse } = yield* setup("t-cache")
        const level = (scope = "") => Effect.map(request("GET", `/api/v1/stock/${item.id}${scope}`, { key: admin }), (r) => r.json)
        assert.strictEqual((yield* level()).onHand, "40")
        const before = yield* cacheStats
        assert.strictEqual((yield* level()).onHand, "40")
        assert.strictEqual((yield* cacheStats).hits, before.hits + 1, "the second read is served from the cache")

        yield* post(admin, "/api/v1/movements", { lines: [{ id: "c-m2", itemId: item.id, from: supplier.id, to: bin.id, quantity: 2 }] })
        assert.strictEqual((yield* level()).onHand, "42")

        yield* post(admin, "/api/v1/reservations", { reservations: [{ id: "c-r1", itemId: item.id, quantity: 5 }] })
        assert.deepInclude(yield* level(), { onHand: "42", reserved: "5", available: "37" })
        yield* post(admin, "/api/v1/reservations/c-r1/release", {})
        assert.deepInclude(yield* level(), { reserved: "0", available: "42" })

        // A refused posting changes nothing, and the next read still agrees with the database.
        const refused = yield* request("POST", "/api/v1/movements", {
          key: admin,
          body: { lines: [{ id: "c-m3", itemId: item.id, from: bin.id, to: supplier.id, quantity: 1000 }] }
        })
        assert.strictEqual(refused.status, 422, refused.text)
        assert.strictEqual((yield* level()).onHand, "42")

        // A subtree read changes when a location moves out of the subtree.
        const site = yield* post(admin, "/api/v1/locations", { code: "SITE2", kind: "site" })
        assert.strictEqual((yield* level(`?locationId=${warehouse.id}`)).onHand, "42")
        assert.strictEqual((yield* level(`?locationId=${warehouse.id}`)).onHand, "42")
        yield* post(admin, `/api/v1/locations/${bin.id}/move`, { parentId: site.id })
        assert.strictEqual((yield* level(`?locationId=${warehouse.id}`)).onHand, "0")
        assert.strictEqual((yield* level(`?locationId=${site.id}`)).onHand, "42")
      }))

    it.effect("tenants are cached apart", () =>
      Effect.gen(function*() {
        const a = yield* setup("t-cache-a")
        const b = yield* setup("t-cache-b")
        assert.strictEqual((yield* stockOf(a.admin, a.item.id)).onHand, "40")
        assert.strictEqual((yield* stockOf(b.admin, b.item.id)).onHand, "40")
        // B's item id read with A's key is unknown in A, cached or not.
        assert.strictEqual((yield* request("GET", `/api/v1/stock/${b.item.id}`, { key: a.admin })).status, 404)
        yield* post(a.admin, "/api/v1/movements", { lines: [{ id: "ca-2", itemId: a.item.id, from: a.supplier.id, to: a.bin.id, quantity: 1 }] })
        assert.strictEqual((yield* stockOf(a.admin, a.item.id)).onHand, "41")
        assert.strictEqual((yield* stockOf(b.admin, b.item.id)).onHand, "40")
      }))
  })

  layer(Server.layerTest(config({ stockCache: false })), { timeout: 180_000, excludeTestServices: true })("with STOCK_CACHE=false", (it) => {
    it.effect("reads the database every time", () =>
      Effect.gen(function*() {
        const { admin, item } = yield* setup("t-nocache")
        assert.strictEqual((yield* stockOf(admin, item.id)).onHand, "40")
        assert.strictEqual((yield* stockOf(admin, item.id)).onHand, "40")
        assert.deepInclude(yield* cacheStats, { hits: 0, entries: 0 })
      }))
  })
})

const databaseUrl = process.env["DATABASE_URL"]
if (databaseUrl === undefined && process.env["CI"] === "true") {
  throw new Error("DATABASE_URL must be set under CI: the PostgreSQL tests cannot be skipped there")
}
const run = Date.now().toString(36)

// Waits (bounded) until a condition on a server's cache holds: the listener connecting, a notification arriving.
const until = (context: Context.Context<StockCache.StockCache>, what: string, holds: (stats: StockCache.Stats) => boolean) =>
  Effect.gen(function*() {
    for (let i = 0; i < 500; i++) {
      if (holds(yield* Effect.provideContext(cacheStats, context))) return
      yield* Effect.sleep(Duration.millis(20))
    }
    assert.fail(`timed out waiting for ${what}`)
  })

describe.skipIf(databaseUrl === undefined)("the stock cache across processes on PostgreSQL", () => {
  it.live("a second server sees the first one's writes", () =>
    Effect.scoped(Effect.gen(function*() {
      const pg = config({ databaseUrl: Option.some(Redacted.make(databaseUrl ?? "")) })
      const first = yield* Layer.build(Server.layerTest(pg))
      const second = yield* Layer.build(Server.layerTest(pg))
      const on = <A, E>(context: Context.Context<Server.Services | Server.BaseUrl>, effect: Effect.Effect<A, E, Server.Services | Server.BaseUrl>) =>
        Effect.provideContext(effect, context)
      yield* until(second, "the second server's listener", (s) => s.synced)
      const { admin, bin, item, supplier } = yield* on(first, setup(`pg-cache-${run}`))
      // Keys are shared through the database; the second server reads the level, and serves it from its cache
      // once the notifications of the setup's own writes have arrived.
      const hits = (yield* Effect.provideContext(cacheStats, second)).hits
      for (let i = 0; i < 500 && (yield* Effect.provideContext(cacheStats, second)).hits === hits; i++) {
        assert.strictEqual((yield* on(second, stockOf(admin, item.id))).onHand, "40")
        yield* Effect.sleep(Duration.millis(10))
      }
      assert.isAbove((yield* Effect.provideContext(cacheStats, second)).hits, hits, "the second server caches the level")

      const invalidations = (yield* Effect.provideContext(cacheStats, second)).invalidations
      yield* on(first, post(admin, "/api/v1/movements", { lines: [{ id: `pg-cache-${run}-2`, itemId: item.id, from: supplier.id, to: bin.id, quantity: 3 }] }))
      yield* until(second, "the change notification", (s) => s.invalidations > invalidations)
      assert.strictEqual((yield* on(second, stockOf(admin, item.id))).onHand, "43")
      // A key made through the second server works on the first: nothing here is per process but the cache.
      const viewer = yield* on(second, Effect.map(ApiKeys.create({ tenantId: `pg-cache-${run}`, role: "viewer", name: "v" }), (c) => c.key))
      assert.strictEqual((yield* on(first, stockOf(viewer, item.id))).onHand, "43")
    })), { timeout: 120_000 })
})

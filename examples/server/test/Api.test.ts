// Route tests through a real socket on in-memory PGlite: the happy path of each group, tenant isolation, bad
// input (each a 4xx problem that writes nothing, checked by reading back), and the live event stream.
import { assert, describe, layer } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import * as Server from "../src/Server.ts"
import { config, keyFor, readStream, type Reply, request, setup, stockOf } from "./harness.ts"

const MAX_BODY = 64 * 1024

describe("Api", () => {
  layer(Server.layerTest(config({ maxBodyBytes: MAX_BODY })), { timeout: 180_000, excludeTestServices: true })("server", (it) => {
    it.effect("catalog, movements, stock, reservations and audit work end to end", () =>
      Effect.gen(function*() {
        const { admin, bin, item, warehouse } = yield* setup("t-flow")
        const level = yield* stockOf(admin, item.id)
        assert.deepStrictEqual(level, { itemId: item.id, locationId: null, lot: null, onHand: "40", reserved: "0", available: "40" })
        const reserved = yield* request("POST", "/api/v1/reservations", {
          key: admin,
          body: { reservations: [{ id: "r1", itemId: item.id, locationId: warehouse.id, quantity: 15 }] }
        })
        assert.strictEqual(reserved.status, 200, reserved.text)
        const inWarehouse = (yield* request("GET", `/api/v1/stock/${item.id}?locationId=${warehouse.id}`, { key: admin })).json
        assert.strictEqual(inWarehouse.onHand, "40")
        assert.strictEqual(inWarehouse.available, "25")
        const released = yield* request("POST", "/api/v1/reservations/r1/release", { key: admin })
        assert.strictEqual(released.json.status, "released")
        assert.strictEqual((yield* stockOf(admin, item.id)).available, "40")

        const history = yield* request("GET", `/api/v1/movements?itemId=${item.id}&limit=10`, { key: admin })
        assert.strictEqual(history.json.movements.length, 1)
        assert.strictEqual(history.json.movements[0].toLocationId, bin.id)
        const asOf = yield* request("GET", `/api/v1/stock/${item.id}/as-of?at=2000-01-01T00:00:00Z`, { key: admin })
        assert.strictEqual(asOf.json.onHand, "0")
        const breakdown = yield* request("GET", `/api/v1/stock?locationId=${warehouse.id}`, { key: admin })
        assert.deepStrictEqual(breakdown.json.map((r: { locationId: string; quantity: string }) => [r.locationId, r.quantity]), [[bin.id, "40"]])

        const tree = (yield* request("GET", "/api/v1/locations/tree", { key: admin })).json
        const wh = tree.find((n: { location: { code: string } }) => n.location.code === "WH")
        assert.deepStrictEqual(wh.children.map((n: { location: { code: string } }) => n.location.code), ["WH-A1"])

        const patched = yield* request("PATCH", `/api/v1/items/${item.id}`, { key: admin, body: { name: "Bolt M10 zinc" } })
        assert.strictEqual(patched.json.name, "Bolt M10 zinc")
        const audit = yield* request("GET", `/api/v1/audit/item/${item.id}`, { key: admin })
        const tags: Array<string> = audit.json.events.map((e: { event: { _tag: string } }) => e.event._tag)
        assert.deepStrictEqual(tags.filter((t) => t.startsWith("Item") || t === "MovementsPosted"), ["ItemCreated", "MovementsPosted", "ItemUpdated"])
        assert.isTrue(audit.json.events.every((e: { entities: ReadonlyArray<{ id: string }> }) => e.entities.some((x) => x.id === item.id)))
        const archived = yield* request("POST", `/api/v1/items/${item.id}/archive`, { key: admin })
        assert.strictEqual(archived.json.status, "discontinued")
        const recent = yield* request("GET", "/api/v1/audit?limit=2", { key: admin })
        assert.deepStrictEqual(recent.json.events.map((e: { event: { _tag: string } }) => e.event._tag), ["ItemUpdated", "ItemUpdated"])
      }))

    it.effect("scans: receive mode posts one unit per scan; a bad event is a 400 that posts nothing", () =>
      Effect.gen(function*() {
        const { admin, bin, item, supplier } = yield* setup("t-scan")
        const at = new Date().toISOString()
        const scan = (data: string, i: number) => ({ _tag: "BarcodeScanned", deviceId: "gun-1", data, symbology: null, at: new Date(Date.parse(at) + i * 5000).toISOString() })
        const reply = yield* request("POST", "/api/v1/scans", {
          key: admin,
          body: { mode: "receive", from: supplier.id, to: bin.id, events: [scan("BOLT-10", 0), scan("BOLT-10", 1)] }
        })
        assert.strictEqual(reply.status, 200, reply.text)
        assert.deepStrictEqual(reply.json.outcomes.map((o: { _tag: string }) => o._tag), ["Posted", "Posted"])
        assert.strictEqual((yield* stockOf(admin, item.id)).onHand, "42")
        const bad = yield* request("POST", "/api/v1/scans", {
          key: admin,
          body: { mode: "receive", from: supplier.id, to: bin.id, events: [scan("BOLT-10", 2), { _tag: "BarcodeScanned" }] }
        })
        assert.strictEqual(bad.status, 400)
        assert.include(bad.json.detail, "events[1]")
        assert.strictEqual((yield* stockOf(admin, item.id)).onHand, "42")
      }))

    it.effect("valuation and planning reports are computed from the ledger", () =>
      Effect.gen(function*() {
        const { admin, bin, item, warehouse } = yield* setup("t-value")
        const customer = (yield* request("POST", "/api/v1/locations", { key: admin, body: { code: "CUST", kind: "site", usage: "customer" } })).json
        const issued = yield* request("POST", "/api/v1/movements", {
          key: admin,
          body: { lines: [{ id: "issue-1", itemId: item.id, from: bin.id, to: customer.id, quantity: 10 }] }
        })
        assert.strictEqual(issued.status, 200, issued.text)
        const valuation = yield* request("GET", `/api/v1/valuation?by=item&itemId=${item.id}`, { key: admin })
        assert.strictEqual(valuation.status, 200, valuation.text)
        assert.strictEqual(valuation.json.total, "37.5")
        const cogs = yield* request("GET", `/api/v1/valuation/cogs?itemId=${item.id}`, { key: admin })
        assert.deepStrictEqual(cogs.json.rows.map((r: { total: string }) => r.total), ["12.5"])
        const layers = yield* request("GET", `/api/v1/valuation/layers/${item.id}`, { key: admin })
        assert.strictEqual(layers.status, 200, layers.text)
        const aging = yield* request("GET", `/api/v1/valuation/aging?itemId=${item.id}&buckets=30,90`, { key: admin })
        assert.strictEqual(aging.status, 200, aging.text)
        assert.strictEqual(aging.json.rows.length, 1)
        assert.strictEqual((yield* request("GET", "/api/v1/valuation/aging?buckets=0,x", { key: admin })).status, 400)

        const reorder = yield* request("GET", `/api/v1/planning/reorder?locationIds=${warehouse.id}`, { key: admin })
        assert.strictEqual(reorder.status, 200, reorder.text)
        const analytics = yield* request("GET", `/api/v1/planning/analytics?itemIds=${item.id}`, { key: admin })
        assert.strictEqual(analytics.json.items[0].issued, "10")
        const abc = yield* request("GET", "/api/v1/planning/abc-xyz?per=day", { key: admin })
        assert.strictEqual(abc.status, 200, abc.text)
        assert.deepStrictEqual(abc.json.abc.rows.map((r: { id: string; value: number }) => [r.id, r.value]), [[item.id, 12.5]])
        const eoq = yield* request("GET", `/api/v1/planning/items/${item.id}/eoq?orderingCost=50&carryingRate=0.25`, { key: admin })
        assert.strictEqual(eoq.status, 200, eoq.text)
        assert.strictEqual(eoq.json.unitCost, 1.25)
        // EOQ = sqrt(2 D S / H) with D the annual demand, S = 50, H = 1.25 * 0.25.
        const expected = Math.sqrt((2 * eoq.json.annualDemand * 50) / (1.25 * 0.25))
        assert.closeTo(eoq.json.plan.quantity, expected, 1e-6)
        const safety = yield* request("GET", `/api/v1/planning/items/${item.id}/safety-stock?per=day&leadTimeDays=5`, { key: admin })
        assert.strictEqual(safety.status, 200, safety.text)
        assert.isAtLeast(safety.json.plan.safetyStock, 0)
        const forecast = yield* request("GET", `/api/v1/planning/items/${item.id}/forecast?per=day&method=moving-average&horizon=3`, { key: admin })
        assert.strictEqual(forecast.status, 200, forecast.text)
        assert.strictEqual(forecast.json.forecast.forecast.length, 3)
        assert.strictEqual((yield* request("GET", "/api/v1/planning/items/missing/eoq?orderingCost=1&carryingRate=0.2", { key: admin })).status, 404)
        assert.strictEqual((yield* request("GET", `/api/v1/planning/items/${item.id}/eoq?orderingCost=-1&carryingRate=0.2`, { key: admin })).status, 422)
      }))

    it.effect("cycle count: create, freeze, record, variances, approve posts the adjustment", () =>
      Effect.gen(function*() {
        const { admin, item, warehouse } = yield* setup("t-count")
        const operator = yield* keyFor("t-count", "operator")
        const loss = (yield* request("POST", "/api/v1/locations", { key: admin, body: { code: "LOSS", kind: "site", usage: "loss" } })).json
        const created = yield* request("POST", "/api/v1/counts", {
          key: operator,
          body: {
            id: "count-1",
            scope: { _tag: "Locations", locationId: warehouse.id },
            policy: { limits: [{ role: "manager", maxValue: null }] },
            adjustmentLocationId: loss.id
          }
        })
        assert.strictEqual(created.status, 200, created.text)
        assert.strictEqual(created.json.status, "draft")
        const frozen = yield* request("POST", "/api/v1/counts/count-1/freeze", { key: operator })
        assert.strictEqual(frozen.json.status, "counting", frozen.text)
        const sheet = (yield* request("GET", "/api/v1/counts/count-1/sheet", { key: operator })).json
        assert.strictEqual(sheet.length, 1)
        const recorded = yield* request("POST", "/api/v1/counts/count-1/lines", {
          key: operator,
          body: { lines: [{ itemId: item.id, locationId: sheet[0].locationId, quantity: 38 }] }
        })
        assert.strictEqual(recorded.status, 200, recorded.text)
        const variances = (yield* request("GET", "/api/v1/counts/count-1/variances", { key: operator })).json
        assert.strictEqual(variances.rows.length, 1)
        // The operator may count but not approve.
        assert.strictEqual((yield* request("POST", "/api/v1/counts/count-1/approve", { key: operator })).status, 403)
        assert.strictEqual((yield* stockOf(admin, item.id)).onHand, "40")
        // The session's policy lets managers approve; an admin outside it is refused by the policy.
        const denied = yield* request("POST", "/api/v1/counts/count-1/approve", { key: admin })
        assert.strictEqual(denied.status, 403, denied.text)
        const manager = yield* keyFor("t-count", "manager")
        const approved = yield* request("POST", "/api/v1/counts/count-1/approve", { key: manager })
        assert.strictEqual(approved.status, 200, approved.text)
        assert.strictEqual(approved.json.status, "approved")
        assert.strictEqual((yield* stockOf(admin, item.id)).onHand, "38")
        const listed = (yield* request("GET", "/api/v1/counts?status=approved", { key: operator })).json
        assert.deepStrictEqual(listed.sessions.map((s: { id: string }) => s.id), ["count-1"])
        assert.strictEqual((yield* request("POST", "/api/v1/counts/missing/freeze", { key: operator })).status, 404)
      }))

    it.effect("transfers: ship into transit, receive, and the stock follows", () =>
      Effect.gen(function*() {
        const { admin, bin, item } = yield* setup("t-transfer")
        const store = (yield* request("POST", "/api/v1/locations", { key: admin, body: { code: "STORE", kind: "warehouse" } })).json
        const transit = (yield* request("POST", "/api/v1/locations", { key: admin, body: { code: "TRUCK", kind: "site", usage: "transit" } })).json
        const created = yield* request("POST", "/api/v1/transfers", {
          key: admin,
          body: { id: "tr-1", from: bin.id, to: store.id, transitLocationId: transit.id, lines: [{ itemId: item.id, quantity: 10 }] }
        })
        assert.strictEqual(created.status, 200, created.text)
        const shipped = yield* request("POST", "/api/v1/transfers/tr-1/ship", { key: admin })
        assert.strictEqual(shipped.json.status, "shipped", shipped.text)
        const inTransit = (yield* request("GET", `/api/v1/transfers/in-transit?itemId=${item.id}`, { key: admin })).json
        assert.deepStrictEqual(inTransit.map((r: { inTransit: string }) => r.inTransit), ["10"])
        const received = yield* request("POST", "/api/v1/transfers/tr-1/receive", { key: admin, body: { lines: [{ lineNo: shipped.json.lines[0].lineNo, quantity: 10 }] } })
        assert.strictEqual(received.json.status, "received", received.text)
        assert.strictEqual((yield* request("GET", `/api/v1/stock/${item.id}?locationId=${store.id}`, { key: admin })).json.onHand, "10")
        assert.strictEqual((yield* stockOf(admin, item.id)).onHand, "40")
        assert.deepStrictEqual((yield* request("GET", "/api/v1/transfers", { key: admin })).json.transfers.map((t: { id: string }) => t.id), ["tr-1"])
        assert.strictEqual((yield* request("POST", "/api/v1/transfers/missing/ship", { key: admin })).status, 404)
      }))

    it.effect("tenant B can neither see nor touch tenant A's data", () =>
      Effect.gen(function*() {
        const a = yield* setup("t-a")
        const b = yield* keyFor("t-b", "admin")
        const notFound = (reply: { status: number; contentType: string }) => {
          assert.strictEqual(reply.status, 404)
          assert.include(reply.contentType, "application/problem+json")
        }
        notFound(yield* request("GET", `/api/v1/items/${a.item.id}`, { key: b }))
        notFound(yield* request("GET", `/api/v1/locations/${a.bin.id}`, { key: b }))
        notFound(yield* request("GET", `/api/v1/stock/${a.item.id}`, { key: b }))
        notFound(yield* request("PATCH", `/api/v1/items/${a.item.id}`, { key: b, body: { name: "stolen" } }))
        notFound(yield* request("POST", `/api/v1/locations/${a.bin.id}/archive`, { key: b }))
        const post = yield* request("POST", "/api/v1/movements", {
          key: b,
          body: { lines: [{ id: "steal-1", itemId: a.item.id, from: a.bin.id, to: a.supplier.id, quantity: 40 }] }
        })
        assert.include([404, 422], post.status, post.text)
        assert.deepStrictEqual((yield* request("GET", "/api/v1/items", { key: b })).json.items, [])
        assert.deepStrictEqual((yield* request("GET", "/api/v1/locations", { key: b })).json, [])
        assert.deepStrictEqual((yield* request("GET", "/api/v1/movements", { key: b })).json.movements, [])
        assert.deepStrictEqual((yield* request("GET", `/api/v1/audit/item/${a.item.id}`, { key: b })).json.events, [])
        const aKeys = (yield* request("GET", "/api/v1/keys", { key: a.admin })).json
        notFound(yield* request("DELETE", `/api/v1/keys/${aKeys[0].id}`, { key: b }))
        // Tenant A is untouched.
        assert.strictEqual((yield* request("GET", `/api/v1/items/${a.item.id}`, { key: a.admin })).json.name, "Bolt M10")
        assert.strictEqual((yield* stockOf(a.admin, a.item.id)).onHand, "40")
        assert.strictEqual((yield* request("GET", "/api/v1/items", { key: a.admin })).status, 200)
        assert.isFalse((yield* request("GET", "/api/v1/keys", { key: b })).json.some((k: { id: string }) => k.id === aKeys[0].id))
      }))

    it.effect("bad input is a 4xx problem and writes nothing", () =>
      Effect.gen(function*() {
        const { admin, bin, item, supplier } = yield* setup("t-bad")
        const before = (yield* request("GET", "/api/v1/audit?limit=100", { key: admin })).json.events.length
        const line = { id: "bad-1", itemId: item.id, from: supplier.id, to: bin.id, quantity: 5 }
        const cases: Array<readonly [string, Effect.Effect<Reply, never, Server.BaseUrl>, number]> = [
          ["malformed JSON", request("POST", "/api/v1/movements", { key: admin, raw: "{\"lines\": [" }), 400],
          ["wrong type", request("POST", "/api/v1/movements", { key: admin, body: { lines: [{ ...line, quantity: { n: 5 } }] } }), 400],
          ["missing field", request("POST", "/api/v1/items", { key: admin, body: { name: "no sku" } }), 400],
          ["invalid quantity", request("POST", "/api/v1/movements", { key: admin, body: { lines: [{ ...line, quantity: "-5" }] } }), 422],
          ["oversized body", request("POST", "/api/v1/movements", { key: admin, body: { lines: [{ ...line, reference: "x".repeat(MAX_BODY) }] } }), 413],
          ["unknown item", request("POST", "/api/v1/movements", { key: admin, body: { lines: [{ ...line, itemId: "missing" }] } }), 404],
          ["unknown location", request("POST", "/api/v1/movements", { key: admin, body: { lines: [{ ...line, to: "missing" }] } }), 404],
          ["unknown reservation", request("POST", "/api/v1/reservations/missing/release", { key: admin }), 404],
          ["insufficient stock", request("POST", "/api/v1/movements", { key: admin, body: { lines: [{ ...line, from: bin.id, to: supplier.id, quantity: 1000 }] } }), 422],
          ["duplicate SKU", request("POST", "/api/v1/items", { key: admin, body: { sku: "BOLT-10", name: "again", baseUnit: { code: "ea" } } }), 409],
          ["bad limit", request("GET", "/api/v1/items?limit=abc", { key: admin }), 400],
          ["unknown route", request("GET", "/api/v1/nothing", { key: admin }), 404],
          ["unsupported media type", request("POST", "/api/v1/items", { key: admin, raw: "sku=x", headers: { "content-type": "text/plain" } }), 415]
        ]
        for (const [label, effect, status] of cases) {
          const reply = yield* effect
          assert.strictEqual(reply.status, status, `${label}: ${reply.text}`)
          assert.include(reply.contentType, "application/problem+json", label)
          assert.strictEqual(reply.json.status, status, label)
          assert.isString(reply.json.title, label)
          assert.isString(reply.json.type, label)
          assert.notMatch(reply.text, /\n\s+at /, `${label} leaks a stack trace`)
        }
        assert.strictEqual((yield* stockOf(admin, item.id)).onHand, "40")
        assert.strictEqual((yield* request("GET", "/api/v1/items", { key: admin })).json.items.length, 1)
        assert.strictEqual((yield* request("GET", "/api/v1/audit?limit=100", { key: admin })).json.events.length, before)
      }))

    it.effect("the event stream delivers a posting to its tenant", () =>
      Effect.gen(function*() {
        const { admin, bin, item, supplier } = yield* setup("t-sse")
        const other = yield* keyFor("t-sse-other", "viewer")
        const last = (yield* request("GET", "/api/v1/audit?limit=1", { key: admin })).json.events[0].seq
        const frames = yield* Effect.forkChild(readStream(`/api/v1/events?after=${last}`, admin, (f) => f.includes("event: MovementsPosted")))
        const foreign = yield* Effect.forkChild(readStream("/api/v1/events", other, (f) => f.includes("event: MovementsPosted"), 4_000))
        yield* Effect.sleep("1 second")
        const posted = yield* request("POST", "/api/v1/movements", {
          key: admin,
          body: { lines: [{ id: "sse-1", itemId: item.id, from: supplier.id, to: bin.id, quantity: 3 }] }
        })
        assert.strictEqual(posted.status, 200)
        const received = yield* Fiber.join(frames)
        const event = received.find((f) => f.includes("event: MovementsPosted"))
        assert.isDefined(event)
        assert.include(event!, `id: ${last + 1}`)
        const data = JSON.parse(event!.split("\n").find((l) => l.startsWith("data: "))!.slice(6))
        assert.strictEqual(data.tenantId, "t-sse")
        assert.strictEqual(data.event.movements[0].id, "sse-1")
        const leaked = yield* Fiber.join(foreign)
        assert.isFalse(leaked.some((f) => f.includes("MovementsPosted")))
      }))

    it.effect("OpenAPI 3.1 at /openapi.json and a self-contained docs page at /docs", () =>
      Effect.gen(function*() {
        const spec = yield* request("GET", "/openapi.json")
        assert.strictEqual(spec.status, 200)
        assert.match(spec.json.openapi, /^3\.1/)
        assert.property(spec.json.paths, "/api/v1/items")
        assert.property(spec.json.paths, "/api/v1/scans")
        const docs = yield* request("GET", "/docs")
        assert.strictEqual(docs.status, 200)
        assert.include(docs.contentType, "text/html")
        assert.notMatch(docs.text, /<script[^>]+src="https?:/)
      }))
  })
})

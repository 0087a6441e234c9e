// The server on PostgreSQL (DATABASE_URL): migrations on start, a posting read back through the API, tenant
// isolation and the event stream. Skipped without DATABASE_URL, except under CI, where that is an error.
import { assert, describe, layer } from "@effect/vitest"
import { Effect, Fiber, Option, Redacted } from "effect"
import * as Server from "../src/Server.ts"
import { config, keyFor, readStream, request, setup, stockOf } from "./harness.ts"

const databaseUrl = process.env["DATABASE_URL"]
if (databaseUrl === undefined && process.env["CI"] === "true") {
  throw new Error("DATABASE_URL must be set under CI: the PostgreSQL tests cannot be skipped there")
}

// The database persists between runs, so every run works in tenants of its own.
const run = Date.now().toString(36)

describe.skipIf(databaseUrl === undefined)("Api on PostgreSQL", () => {
  layer(
    Server.layerTest(config({ databaseUrl: Option.some(Redacted.make(databaseUrl ?? "")) })),
    { timeout: 180_000, excludeTestServices: true }
  )("server", (it) => {
    it.effect("posts, reads stock and streams the event", () =>
      Effect.gen(function*() {
        const { admin, bin, item, supplier } = yield* setup(`pg-flow-${run}`)
        assert.strictEqual((yield* stockOf(admin, item.id)).onHand, "40")
        const last = (yield* request("GET", "/api/v1/audit?limit=1", { key: admin })).json.events[0].seq
        const frames = yield* Effect.forkChild(readStream(`/api/v1/events?after=${last}`, admin, (f) => f.includes("event: MovementsPosted")))
        yield* Effect.sleep("1 second")
        const posted = yield* request("POST", "/api/v1/movements", {
          key: admin,
          body: { lines: [{ id: `pg-${run}-2`, itemId: item.id, from: supplier.id, to: bin.id, quantity: 2 }] }
        })
        assert.strictEqual(posted.status, 200, posted.text)
        assert.strictEqual((yield* stockOf(admin, item.id)).onHand, "42")
        const received = yield* Fiber.join(frames)
        assert.isTrue(received.some((f) => f.includes(`pg-${run}-2`)))
      }))

    it.effect("isolates tenants and rejects bad input without writing", () =>
      Effect.gen(function*() {
        const a = yield* setup(`pg-a-${run}`)
        const b = yield* keyFor(`pg-b-${run}`, "admin")
        assert.strictEqual((yield* request("GET", `/api/v1/items/${a.item.id}`, { key: b })).status, 404)
        assert.strictEqual((yield* request("PATCH", `/api/v1/items/${a.item.id}`, { key: b, body: { name: "x" } })).status, 404)
        assert.strictEqual((yield* request("POST", "/api/v1/movements", { key: a.admin, raw: "{" })).status, 400)
        const over = yield* request("POST", "/api/v1/movements", {
          key: a.admin,
          body: { lines: [{ id: `pg-${run}-x`, itemId: a.item.id, from: a.bin.id, to: a.supplier.id, quantity: 41 }] }
        })
        assert.strictEqual(over.status, 422, over.text)
        assert.include(over.contentType, "application/problem+json")
        assert.strictEqual((yield* stockOf(a.admin, a.item.id)).onHand, "40")
        assert.strictEqual((yield* request("GET", `/api/v1/items/${a.item.id}`, { key: a.admin })).json.name, "Bolt M10")
      }))
  })
})

// The auth matrix: every route of the Api against every role, generated from the Api definition and the
// permission table, so a new route is covered (and must carry a permission) the moment it is added. Also:
// missing, malformed, unknown and revoked keys, the x-api-key header, and the per-key rate limit.
import { assert, describe, layer } from "@effect/vitest"
import { Effect, Option } from "effect"
import { readFileSync } from "node:fs"
import * as ApiKeys from "../src/ApiKeys.ts"
import * as Auth from "../src/Auth.ts"
import * as Server from "../src/Server.ts"
import { concrete, config, keyFor, probeStream, request, routes } from "./harness.ts"

const BURST = 60
const ROLES: ReadonlyArray<ApiKeys.Role> = ["viewer", "operator", "manager", "admin"]

describe("permission table", () => {
  layer(Server.layerTest(config({ rateBurst: BURST, ratePerSecond: 0.01 })), { timeout: 180_000, excludeTestServices: true })("server", (it) => {
    it.effect("every route carries a permission", () =>
      Effect.sync(() => {
        assert.isAbove(routes.length, 20)
        const missing = routes.filter((r) => r.permission === undefined).map((r) => `${r.method} ${r.path}`)
        assert.deepStrictEqual(missing, [])
      }))

    it.effect("roles are cumulative and only admin manages keys", () =>
      Effect.sync(() => {
        for (const permission of Auth.permissions) {
          const holders = ROLES.filter((role) => Auth.allows(role, permission))
          // Whoever holds a permission, every higher role holds it too.
          assert.deepStrictEqual(holders, ROLES.slice(ROLES.length - holders.length), permission)
        }
        assert.deepStrictEqual(ROLES.filter((role) => Auth.allows(role, "keys:manage")), ["admin"])
        assert.deepStrictEqual(ROLES.filter((role) => Auth.allows(role, "read")), ROLES)
      }))

    it.effect("docs/server.md documents exactly this permission table", () =>
      Effect.sync(() => {
        const doc = readFileSync(new URL("../../../docs/server.md", import.meta.url), "utf8")
        const rows = doc.split("\n").filter((line) => /^\| `[a-z:]+` \|/.test(line))
        const documented = rows.map((line) => {
          const cells = line.split("|").slice(1, -1).map((c) => c.trim())
          return [cells[0]!.replaceAll("`", ""), ROLES.filter((_, i) => cells[i + 1] === "✓")] as const
        })
        assert.deepStrictEqual(
          documented,
          Auth.permissions.map((p) => [p, ROLES.filter((role) => Auth.allows(role, p))] as const)
        )
      }))

    for (const role of ROLES) {
      it.effect(`every route x ${role}: allowed routes pass auth, the others are 403 problems`, () =>
        Effect.gen(function*() {
          // A fresh key per group keeps each key well under the rate limit's burst.
          const results: Array<string> = []
          for (const group of new Set(routes.map((r) => r.group))) {
            const key = yield* keyFor("matrix", role)
            for (const route of routes.filter((r) => r.group === group)) {
              const path = concrete(route.path)
              const allowed = Auth.allows(role, route.permission!)
              const reply = route.group === "events"
                ? yield* probeStream(path, key)
                : yield* request(route.method, path, { key, ...(route.method === "GET" || route.method === "DELETE" ? {} : { body: {} }) })
              const label = `${route.method} ${route.path} as ${role}`
              if (allowed) {
                assert.notInclude([401, 403, 429], reply.status, `${label}: ${reply.text}`)
              } else {
                assert.strictEqual(reply.status, 403, `${label}: ${reply.text}`)
              }
              if (reply.status >= 400) assert.include(reply.contentType, "application/problem+json", label)
              results.push(`${label}: ${reply.status}`)
            }
          }
          assert.strictEqual(results.length, routes.length)
        }), 180_000)
    }

    it.effect("no key, a malformed key, an unknown key: 401 problem on every route", () =>
      Effect.gen(function*() {
        const unknown = `qm_0123456789abcdef_${"A".repeat(43)}`
        // An unknown key costs a full scrypt hash (so unknown and wrong keys take the same time); the hashes run on
        // libuv's thread pool, so the requests go a few at a time.
        const cases = routes.flatMap((route) => [undefined, "not-a-key", unknown].map((key) => ({ route, key })))
        yield* Effect.forEach(cases, ({ key, route }) =>
          Effect.gen(function*() {
            const reply = yield* request(route.method, concrete(route.path), key === undefined ? {} : { key })
            assert.strictEqual(reply.status, 401, `${route.method} ${route.path} with ${key}`)
            assert.include(reply.contentType, "application/problem+json")
            assert.strictEqual(reply.json.status, 401)
            assert.strictEqual(reply.json.title, "Unauthorized")
            assert.isString(reply.json.detail)
          }), { concurrency: 4, discard: true })
      }), 180_000)

    it.effect("a key with a valid id but the wrong secret is refused", () =>
      Effect.gen(function*() {
        const key = yield* keyFor("t-wrong", "admin")
        assert.strictEqual((yield* request("GET", "/api/v1/items", { key })).status, 200)
        const forged = key.slice(0, -4) + (key.endsWith("AAAA") ? "BBBB" : "AAAA")
        assert.strictEqual((yield* request("GET", "/api/v1/items", { key: forged })).status, 401)
        // The genuine key still works after the forgery missed the cache.
        assert.strictEqual((yield* request("GET", "/api/v1/items", { key })).status, 200)
      }))

    it.effect("x-api-key works like a bearer token", () =>
      Effect.gen(function*() {
        const key = yield* keyFor("t-header", "viewer")
        const reply = yield* request("GET", "/api/v1/items", { headers: { "x-api-key": key } })
        assert.strictEqual(reply.status, 200)
      }))

    it.effect("an admin creates, lists and revokes keys; a revoked key is refused at once", () =>
      Effect.gen(function*() {
        const admin = yield* keyFor("t-keys", "admin")
        const created = yield* request("POST", "/api/v1/keys", { key: admin, body: { name: "scanner", role: "operator" } })
        assert.strictEqual(created.status, 201)
        assert.strictEqual(created.json.role, "operator")
        const operator: string = created.json.key
        assert.strictEqual((yield* request("GET", "/api/v1/items", { key: operator })).status, 200)
        const listed = yield* request("GET", "/api/v1/keys", { key: admin })
        const entry = listed.json.find((k: { id: string }) => k.id === created.json.id)
        assert.strictEqual(entry.name, "scanner")
        assert.isNull(entry.revokedAt)
        assert.notInclude(listed.text, operator)
        assert.strictEqual((yield* request("DELETE", `/api/v1/keys/${created.json.id}`, { key: admin })).status, 204)
        assert.strictEqual((yield* request("GET", "/api/v1/items", { key: operator })).status, 401)
        const after = yield* request("GET", "/api/v1/keys", { key: admin })
        assert.isString(after.json.find((k: { id: string }) => k.id === created.json.id).revokedAt)
        assert.strictEqual((yield* request("DELETE", "/api/v1/keys/0000000000000000", { key: admin })).status, 404)
      }))

    it.effect("the bootstrap key from QUARTERMASTER_ADMIN_KEY is an admin of tenant demo", () =>
      Effect.gen(function*() {
        const reply = yield* request("GET", "/api/v1/keys", { key: "test-bootstrap-admin-key-0123456789" })
        assert.strictEqual(reply.status, 200)
        assert.isTrue(reply.json.some((k: { name: string; role: string }) => k.name === "bootstrap" && k.role === "admin"))
        // Running bootstrap again adds nothing.
        assert.isTrue(Option.isNone(yield* ApiKeys.bootstrap(config())))
        const again = yield* request("GET", "/api/v1/keys", { key: "test-bootstrap-admin-key-0123456789" })
        assert.strictEqual(again.json.length, reply.json.length)
      }))

    it.effect("each key is rate-limited: 429 problem with Retry-After once its burst is spent", () =>
      Effect.gen(function*() {
        const key = yield* keyFor("t-rate", "viewer")
        const other = yield* keyFor("t-rate", "viewer")
        const statuses: Array<number> = []
        for (let i = 0; i < BURST + 1; i++) statuses.push((yield* request("GET", "/api/v1/locations", { key })).status)
        assert.deepStrictEqual(statuses.slice(0, BURST), Array(BURST).fill(200))
        const limited = yield* request("GET", "/api/v1/locations", { key })
        assert.strictEqual(limited.status, 429)
        assert.include(limited.contentType, "application/problem+json")
        assert.strictEqual(limited.json.status, 429)
        assert.isAtLeast(Number(limited.headers.get("retry-after")), 1)
        // Another key of the same tenant has its own bucket.
        assert.strictEqual((yield* request("GET", "/api/v1/locations", { key: other })).status, 200)
      }))
  })
})

describe("failed authentications", () => {
  layer(Server.layerTest(config({ authFailuresPerMinute: 1, authFailureBurst: 3 })), { timeout: 180_000, excludeTestServices: true })("server", (it) => {
    it.effect("are limited per client address before any hash runs; keys verified before keep working", () =>
      Effect.gen(function*() {
        const known = yield* keyFor("t-throttle", "viewer")
        const fresh = yield* keyFor("t-throttle", "viewer")
        assert.strictEqual((yield* request("GET", "/api/v1/items", { key: known })).status, 200)
        const wrong = (i: number) => `qm_0123456789abcde${i}_${"B".repeat(43)}`
        const statuses: Array<number> = []
        for (let i = 0; i < 3; i++) statuses.push((yield* request("GET", "/api/v1/items", { key: wrong(i) })).status)
        assert.deepStrictEqual(statuses, [401, 401, 401])
        const throttled = yield* request("GET", "/api/v1/items", { key: wrong(4) })
        assert.strictEqual(throttled.status, 429, throttled.text)
        assert.include(throttled.contentType, "application/problem+json")
        assert.match(throttled.json.detail, /too many failed authentications/)
        assert.isAtLeast(Number(throttled.headers.get("retry-after")), 1)
        // A key verified before is answered from the cache; one never verified waits like any other.
        assert.strictEqual((yield* request("GET", "/api/v1/items", { key: known })).status, 200)
        assert.strictEqual((yield* request("GET", "/api/v1/items", { key: fresh })).status, 429)
        // Without trusted proxies a client cannot pick its own address.
        const spoofed = yield* request("GET", "/api/v1/items", { key: wrong(5), headers: { "x-forwarded-for": "198.51.100.9" } })
        assert.strictEqual(spoofed.status, 429, spoofed.text)
      }))
  })

  layer(Server.layerTest(config({ authFailuresPerMinute: 1, authFailureBurst: 2, trustProxyHops: 1 })), { timeout: 180_000, excludeTestServices: true })(
    "behind one reverse proxy",
    (it) => {
      it.effect("count per forwarded client address, the proxy's own entry being the rightmost", () =>
        Effect.gen(function*() {
          const wrong = (i: number) => `qm_0123456789abcdf${i}_${"C".repeat(43)}`
          const from = (address: string, i: number) =>
            Effect.map(request("GET", "/api/v1/items", { key: wrong(i), headers: { "x-forwarded-for": address } }), (r) => r.status)
          assert.deepStrictEqual([yield* from("203.0.113.1", 0), yield* from("203.0.113.1", 1), yield* from("203.0.113.1", 2)], [401, 401, 429])
          // Another client behind the same proxy has its own budget.
          assert.strictEqual(yield* from("203.0.113.2", 3), 401)
          // Entries a client prepends itself do not change the address the proxy appended.
          assert.strictEqual(yield* from("203.0.113.2, 203.0.113.1", 4), 429)
          assert.strictEqual(yield* from("203.0.113.1, 203.0.113.3", 5), 401)
        }))
    }
  )
})

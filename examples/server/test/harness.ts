// Test harness for the HTTP tests: a server on an ephemeral port (in-memory PGlite, or PostgreSQL), keys per
// tenant and role, a small fetch client, and the route table read from the Api definition.
import { assert } from "@effect/vitest"
import { Effect, Option, Redacted } from "effect"
import { Api } from "../src/Api.ts"
import * as ApiKeys from "../src/ApiKeys.ts"
import * as Auth from "../src/Auth.ts"
import type { ServerConfig } from "../src/Config.ts"
import * as Server from "../src/Server.ts"

export const config = (overrides: Partial<ServerConfig> = {}): ServerConfig => ({
  port: 0,
  host: "127.0.0.1",
  databaseUrl: Option.none(),
  dataDir: "memory://",
  logLevel: "Warn",
  bootstrapKey: Option.some(Redacted.make("test-bootstrap-admin-key-0123456789")),
  maxBodyBytes: 64 * 1024,
  ratePerSecond: 1000,
  rateBurst: 1000,
  authFailuresPerMinute: 60_000,
  authFailureBurst: 10_000,
  trustProxyHops: 0,
  stockCache: true,
  stockCacheEntries: 10_000,
  stockCacheMaxAgeMillis: 10_000,
  ...overrides
})

export interface Reply {
  readonly status: number
  readonly contentType: string
  readonly headers: Headers
  readonly text: string
  // Response bodies are read field by field in assertions; typing every body would repeat the Api's schemas.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly json: any
}

/** One HTTP request against the test server. */
export const request = (
  method: string,
  path: string,
  options: { readonly key?: string; readonly body?: unknown; readonly raw?: string; readonly headers?: Record<string, string> } = {}
): Effect.Effect<Reply, never, Server.BaseUrl> =>
  Effect.flatMap(Server.BaseUrl, (url) =>
    Effect.promise(async () => {
      const headers: Record<string, string> = { ...options.headers }
      if (options.key !== undefined) headers["authorization"] = `Bearer ${options.key}`
      let body: string | undefined
      if (options.raw !== undefined) body = options.raw
      else if (options.body !== undefined) body = JSON.stringify(options.body)
      if (body !== undefined) headers["content-type"] ??= "application/json"
      const response = await fetch(url + path, { method, headers, ...(body === undefined ? {} : { body }) })
      const text = await response.text()
      const contentType = response.headers.get("content-type") ?? ""
      let json: unknown = undefined
      if (contentType.includes("json") && text !== "") json = JSON.parse(text)
      return { status: response.status, contentType, headers: response.headers, text, json }
    }))

/** A fresh key of a role in a tenant. */
export const keyFor = (tenantId: string, role: ApiKeys.Role) =>
  Effect.map(ApiKeys.create({ tenantId, role, name: `${role}-test` }), (created) => created.key)

export interface Route {
  readonly group: string
  readonly name: string
  readonly method: string
  readonly path: string
  readonly permission: Auth.Permission | undefined
}

/** Every route of the Api, with the permission it is annotated with. */
export const routes: ReadonlyArray<Route> = Object.values(Api.groups).flatMap((group) =>
  Object.values(group.endpoints).map((endpoint) => ({
    group: group.identifier,
    name: endpoint.identifier,
    method: endpoint.method,
    path: endpoint.path,
    permission: Option.getOrUndefined(Auth.permissionOf(endpoint as never))
  }))
)

/** A concrete path for a route: every `:param` becomes `missing`. */
export const concrete = (path: string): string => path.replace(/:[A-Za-z]+/g, "missing")

/** Opens an SSE stream and resolves with the status and content type, then aborts. */
export const probeStream = (path: string, key: string) =>
  Effect.flatMap(Server.BaseUrl, (url) =>
    Effect.promise(async () => {
      const controller = new AbortController()
      const response = await fetch(url + path, { headers: { authorization: `Bearer ${key}` }, signal: controller.signal })
      const status = response.status
      const contentType = response.headers.get("content-type") ?? ""
      const text = status === 200 ? "" : await response.text()
      controller.abort()
      return { status, contentType, text }
    }))

/** Collects SSE frames until `until` matches one, or `timeoutMillis` passes. */
export const readStream = (path: string, key: string, until: (frame: string) => boolean, timeoutMillis = 20_000) =>
  Effect.flatMap(Server.BaseUrl, (url) =>
    Effect.promise(async () => {
      const controller = new AbortController()
      const timer = setTimeout(() => controller.abort(), timeoutMillis)
      const frames: Array<string> = []
      try {
        const response = await fetch(url + path, { headers: { authorization: `Bearer ${key}` }, signal: controller.signal })
        const reader = response.body!.getReader()
        const decoder = new TextDecoder()
        let buffer = ""
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          buffer += decoder.decode(value, { stream: true })
          let at: number
          while ((at = buffer.indexOf("\n\n")) >= 0) {
            const frame = buffer.slice(0, at)
            buffer = buffer.slice(at + 2)
            frames.push(frame)
            if (until(frame)) {
              controller.abort()
              return frames
            }
          }
        }
      } catch {
        // aborted: by the timeout, or after the awaited frame
      } finally {
        clearTimeout(timer)
      }
      return frames
    }))

/** A tenant with an admin key, a supplier, a warehouse with a bin, an item, and 40 received at 1.25. */
export const setup = (tenant: string) =>
  Effect.gen(function*() {
    const admin = yield* keyFor(tenant, "admin")
    const supplier = (yield* request("POST", "/api/v1/locations", { key: admin, body: { code: "SUP", kind: "site", usage: "supplier" } })).json
    const warehouse = (yield* request("POST", "/api/v1/locations", { key: admin, body: { code: "WH", kind: "warehouse" } })).json
    const bin = (yield* request("POST", "/api/v1/locations", { key: admin, body: { code: "WH-A1", kind: "bin", parentId: warehouse.id } })).json
    const item = (yield* request("POST", "/api/v1/items", { key: admin, body: { sku: "BOLT-10", name: "Bolt M10", baseUnit: { code: "ea" } } })).json
    const received = yield* request("POST", "/api/v1/movements", {
      key: admin,
      body: { lines: [{ id: `${tenant}-m1`, itemId: item.id, from: supplier.id, to: bin.id, quantity: 40, unitCost: "1.25" }] }
    })
    assert.strictEqual(received.status, 200, received.text)
    return { admin, supplier, warehouse, bin, item }
  })

/** The stock level of an item. */
export const stockOf = (key: string, itemId: string) => Effect.map(request("GET", `/api/v1/stock/${itemId}`, { key }), (r) => r.json)


// The OpenAPI document describes every JSON success body: no 2xx response of an /api/v1 operation may be an
// unconstrained schema (`{}`), at the top or anywhere inside, so generated clients get real types. The SSE
// stream and the CSV routes send text and are left out.
import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import * as Server from "../src/Server.ts"
import { config, request, setup } from "./harness.ts"

type JsonSchema = { readonly [key: string]: unknown }

const TEXT = new Set(["text/event-stream", "text/csv"])
const COMBINATORS = ["anyOf", "oneOf", "allOf"] as const

/** The places under `schema` (a JSON pointer-like path each) whose schema says nothing about the value. */
const unconstrained = (schema: unknown, components: Record<string, JsonSchema>, at: string, seen: Set<string>): Array<string> => {
  if (typeof schema !== "object" || schema === null) return [at]
  const s = schema as JsonSchema
  if (typeof s.$ref === "string") {
    const name = s.$ref.replace("#/components/schemas/", "")
    if (seen.has(name)) return []
    const target = components[name]
    return target === undefined ? [`${at} ($ref ${s.$ref} missing)`] : unconstrained(target, components, `${at}->${name}`, new Set([...seen, name]))
  }
  for (const key of COMBINATORS) {
    const members = s[key]
    if (Array.isArray(members)) {
      return members.length === 0 ? [at] : members.flatMap((m, i) => unconstrained(m, components, `${at}/${key}/${i}`, seen))
    }
  }
  if (Array.isArray(s.enum) || "const" in s) return []
  switch (s.type) {
    case "string":
    case "number":
    case "integer":
    case "boolean":
    case "null":
      return []
    case "array":
      return s.items === undefined ? [`${at} (array without items)`] : unconstrained(s.items, components, `${at}/items`, seen)
    case "object": {
      const properties = (s.properties ?? {}) as Record<string, unknown>
      const extra = s.additionalProperties
      const inner = Object.entries(properties).flatMap(([k, v]) => unconstrained(v, components, `${at}/${k}`, seen))
      if (typeof extra === "object" && extra !== null) inner.push(...unconstrained(extra, components, `${at}/*`, seen))
      else if (Object.keys(properties).length === 0) inner.push(`${at} (object without properties)`)
      return inner
    }
    default:
      return [at]
  }
}

// `…At` properties that are not times: meter readings of a meter maintenance schedule, the location a put-away
// line was received into, and the effective time echoed as given by a `PeriodClosed` error.
const NOT_TIMES = [/\/lastDoneAt$/, /\/nextDueAt$/, /putAway\/items\/receivedAt$/, /PeriodClosedEncoded\/effectiveAt$/]

/** Properties named `…At` (times) whose string schema does not declare `format: date-time`. */
const untypedTimes = (schema: unknown, components: Record<string, JsonSchema>, at: string, seen: Set<string>): Array<string> => {
  if (typeof schema !== "object" || schema === null) return []
  const s = schema as JsonSchema
  if (typeof s.$ref === "string") {
    const name = s.$ref.replace("#/components/schemas/", "")
    return seen.has(name) ? [] : untypedTimes(components[name], components, `${at}->${name}`, new Set([...seen, name]))
  }
  const out: Array<string> = []
  const variants = (v: unknown): Array<JsonSchema> => {
    if (typeof v !== "object" || v === null) return []
    const x = v as JsonSchema
    if (typeof x.$ref === "string") return variants(components[x.$ref.replace("#/components/schemas/", "")])
    const members = COMBINATORS.flatMap((key) => Array.isArray(x[key]) ? (x[key] as Array<unknown>) : [])
    return members.length > 0 ? members.flatMap(variants) : [x]
  }
  for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, unknown>)) {
    const place = `${at}/${k}`
    if (/At$/.test(k) && !NOT_TIMES.some((re) => re.test(place)) && variants(v).some((x) => x.type === "string" && x.format !== "date-time")) {
      out.push(place)
    }
    out.push(...untypedTimes(v, components, place, seen))
  }
  for (const key of [...COMBINATORS, "items", "additionalProperties"]) {
    const inner = s[key]
    if (Array.isArray(inner)) inner.forEach((m, i) => out.push(...untypedTimes(m, components, `${at}/${key}/${i}`, seen)))
    else out.push(...untypedTimes(inner, components, `${at}/${key}`, seen))
  }
  return out
}

describe("OpenApi", () => {
  layer(Server.layerTest(config()), { timeout: 180_000, excludeTestServices: true })("server", (it) => {
    it.effect("every JSON success body of /api/v1 has a schema that constrains it", () =>
      Effect.gen(function*() {
        const spec = yield* request("GET", "/openapi.json")
        assert.strictEqual(spec.status, 200)
        const components = (spec.json.components?.schemas ?? {}) as Record<string, JsonSchema>
        const problems: Array<string> = []
        let bodies = 0
        for (const [path, item] of Object.entries<Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>(spec.json.paths)) {
          if (!path.startsWith("/api/v1/")) continue
          for (const [method, operation] of Object.entries(item)) {
            for (const [status, response] of Object.entries(operation.responses ?? {})) {
              if (!status.startsWith("2") || status === "204") continue
              const content = Object.entries(response.content ?? {})
              if (content.length === 0) problems.push(`${method} ${path} ${status}: no content`)
              for (const [type, media] of content) {
                if (TEXT.has(type)) continue
                bodies++
                problems.push(...unconstrained(media.schema, components, `${method} ${path} ${status} ${type}`, new Set()))
              }
            }
          }
        }
        assert.deepStrictEqual(problems, [])
        assert.isAbove(bodies, 120)
      }))

    it.effect("times in success bodies are declared as date-time strings", () =>
      Effect.gen(function*() {
        const spec = yield* request("GET", "/openapi.json")
        const components = (spec.json.components?.schemas ?? {}) as Record<string, JsonSchema>
        const problems = new Set<string>()
        let times = 0
        for (const [path, item] of Object.entries<Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>(spec.json.paths)) {
          for (const [method, operation] of Object.entries(item)) {
            for (const [status, response] of Object.entries(operation.responses ?? {})) {
              if (!status.startsWith("2")) continue
              for (const media of Object.values(response.content ?? {})) {
                for (const place of untypedTimes(media.schema, components, `${method} ${path}`, new Set())) problems.add(place)
                times += (JSON.stringify(media.schema).match(/"format":"date-time"/g) ?? []).length
              }
            }
          }
        }
        assert.deepStrictEqual([...problems], [])
        assert.isAbove(times, 100)
      }))

    // These routes have no other test; their typed responses must encode what they return.
    it.effect("refresh, reconcile, attach, detach and renew answer in their documented shape", () =>
      Effect.gen(function*() {
        const { admin, item } = yield* setup("t-openapi")
        const refreshed = yield* request("POST", "/api/v1/valuation/refresh", { key: admin, body: {} })
        assert.strictEqual(refreshed.status, 200, refreshed.text)
        assert.include(refreshed.json.items, item.id)
        assert.isAtLeast(refreshed.json.entries, 0)
        const reconciled = yield* request("GET", "/api/v1/assets/reconcile", { key: admin })
        assert.deepStrictEqual([reconciled.status, reconciled.json], [200, { mismatches: [] }])

        for (const tag of ["DOCK-1", "LT-1"]) {
          assert.strictEqual((yield* request("POST", "/api/v1/assets", { key: admin, body: { tag, name: tag } })).status, 200)
        }
        const attached = yield* request("POST", "/api/v1/assets/LT-1/attach", { key: admin, body: { parentId: "DOCK-1" } })
        assert.strictEqual(attached.status, 200, attached.text)
        const dock = (yield* request("GET", "/api/v1/assets/DOCK-1", { key: admin })).json
        assert.strictEqual(attached.json.parentId, dock.id)
        assert.match(attached.json.updatedAt, /^\d{4}-\d{2}-\d{2}T/)
        const detached = yield* request("POST", "/api/v1/assets/LT-1/detach", { key: admin })
        assert.deepStrictEqual([detached.status, detached.json.parentId], [200, null])

        const created = yield* request("POST", "/api/v1/licences", {
          key: admin,
          body: { id: "lic-r", product: "CAD", seats: 2, seatBasis: "user", costPerSeat: "10.50", expiresOn: "2030-01-31" }
        })
        assert.strictEqual(created.status, 200, created.text)
        const renewed = yield* request("POST", "/api/v1/licences/lic-r/renew", { key: admin, body: { expiresOn: "2031-01-31", costPerSeat: "12.25" } })
        assert.strictEqual(renewed.status, 200, renewed.text)
        assert.strictEqual(renewed.json.expiresOn, "2031-01-31")
        assert.strictEqual(renewed.json.costPerSeat, "12.25")
      }))
  })
})

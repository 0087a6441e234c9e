// The request guard and the rate limiter in isolation: defects become a generic 500 problem (logged with the
// cause, never sent), bodies over the limit a 413, bare error responses problem+json; token buckets refill.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Logger } from "effect"
import { HttpServerRequest, HttpServerResponse } from "effect/http"
import * as RateLimit from "../src/RateLimit.ts"
import * as Server from "../src/Server.ts"

const run = (app: Effect.Effect<HttpServerResponse.HttpServerResponse, unknown>, init: RequestInit = {}) =>
  Server.guard(1024)(app).pipe(
    Effect.provideService(HttpServerRequest.HttpServerRequest, HttpServerRequest.fromWeb(new Request("http://localhost/x", init)))
  )

const bodyOf = (response: HttpServerResponse.HttpServerResponse) => {
  const body = response.body as { readonly _tag: string; readonly body?: unknown; readonly contentType?: string }
  const text = typeof body.body === "string" ? body.body : body.body instanceof Uint8Array ? new TextDecoder().decode(body.body) : ""
  return { text, contentType: body.contentType ?? "" }
}

describe("Server.guard", () => {
  it.effect("a defect is a generic 500 problem; the cause is logged, not sent", () =>
    Effect.gen(function*() {
      const logged: Array<string> = []
      const capture = Logger.make((options) => {
        logged.push(`${options.logLevel} ${String(options.message)} ${String(options.cause)}`)
      })
      const response = yield* run(Effect.die(new Error("secret database password in a stack"))).pipe(
        Effect.provide(Logger.layer([capture]))
      )
      assert.strictEqual(response.status, 500)
      const { contentType, text } = bodyOf(response)
      assert.include(contentType, "application/problem+json")
      const problem = JSON.parse(text)
      assert.strictEqual(problem.status, 500)
      assert.strictEqual(problem.title, "Internal Server Error")
      assert.notInclude(text, "secret")
      assert.isTrue(logged.some((line) => line.startsWith("Error") && line.includes("secret database password")))
    }))

  it.effect("a declared body over the limit is refused with 413 before the app runs", () =>
    Effect.gen(function*() {
      let ran = false
      const response = yield* run(Effect.sync(() => {
        ran = true
        return HttpServerResponse.empty()
      }), { method: "POST", body: "x".repeat(2048), headers: { "content-length": "2048" } })
      assert.strictEqual(response.status, 413)
      assert.isFalse(ran)
      assert.include(bodyOf(response).contentType, "application/problem+json")
    }))

  it.effect("a bare error response becomes problem+json; successes pass untouched", () =>
    Effect.gen(function*() {
      const rewritten = yield* run(Effect.succeed(HttpServerResponse.text("nope", { status: 405 })))
      assert.strictEqual(rewritten.status, 405)
      assert.strictEqual(JSON.parse(bodyOf(rewritten).text).title, "Method Not Allowed")
      const ok = HttpServerResponse.text("fine")
      assert.strictEqual(yield* run(Effect.succeed(ok)), ok)
    }))
})

describe("RateLimit", () => {
  it("spends a burst, refuses with the wait, and refills over time", () => {
    const limiter = RateLimit.make({ perSecond: 2, burst: 3 })
    const t0 = 1_000_000
    assert.deepStrictEqual([1, 2, 3].map(() => limiter.take("k", t0).allowed), [true, true, true])
    assert.deepStrictEqual(limiter.take("k", t0), { allowed: false, retryAfterSeconds: 1 })
    // Another key has its own bucket.
    assert.isTrue(limiter.take("other", t0).allowed)
    // Half a second refills one token at 2 per second.
    assert.isTrue(limiter.take("k", t0 + 500).allowed)
    assert.isFalse(limiter.take("k", t0 + 500).allowed)
    // A long pause refills to the burst, not beyond.
    const later = t0 + 60_000
    assert.deepStrictEqual([1, 2, 3, 4].map(() => limiter.take("k", later).allowed), [true, true, true, false])
  })

  it("reports whole seconds to wait at slow rates", () => {
    const limiter = RateLimit.make({ perSecond: 0.1, burst: 1 })
    assert.isTrue(limiter.take("k", 0).allowed)
    assert.deepStrictEqual(limiter.take("k", 0), { allowed: false, retryAfterSeconds: 10 })
  })
})

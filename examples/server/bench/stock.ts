// Benchmark: GET /api/v1/stock/:itemId (on hand, reserved, available for one item) through the whole server
// (auth with the key cache, rate limiter, routing, the stock read, JSON encoding), on PGlite and, when
// DATABASE_URL is set, on PostgreSQL; each with the stock cache (the default: the level comes from memory
// until a write, expiry or age invalidates it) and without it (every request reads the database). A bare node:http server returning a constant JSON body is measured in
// the same run as the baseline, so the ratio stays comparable on a noisy machine. The load comes from autocannon in
// a worker thread: on the server's own thread its request building and response parsing would share the event
// loop with the server being measured.
//
// Run: pnpm --filter @quartermaster/example-server bench   (DURATION=10 CONNECTIONS=10 to change the load,
// BENCH_ONLY=cached|uncached for half the runs)
import autocannon from "autocannon"
import { Effect, Option, Redacted, References } from "effect"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import * as ApiKeys from "../src/ApiKeys.ts"
import type { ServerConfig } from "../src/Config.ts"
import * as Server from "../src/Server.ts"

const DURATION = Number(process.env["DURATION"] ?? 10)
const CONNECTIONS = Number(process.env["CONNECTIONS"] ?? 10)
// BENCH_ONLY=cached or BENCH_ONLY=uncached runs only the runs with or without the stock cache.
const ONLY = process.env["BENCH_ONLY"]

interface Measured {
  readonly name: string
  readonly rps: number
  readonly p50: number
  readonly p99: number
  readonly errors: number
}

const load = async (name: string, url: string, headers: Record<string, string> = {}): Promise<Measured> => {
  // A short warm-up fills the key cache and lets the JIT settle.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers, workers: 1 })
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers, workers: 1 })
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx
  }
}

const baseline = async (): Promise<Measured> => {
  const body = JSON.stringify({ itemId: "baseline", locationId: null, lot: null, onHand: "40", reserved: "0", available: "40" })
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" })
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  try {
    return await load("node:http constant JSON", `http://127.0.0.1:${port}/`)
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
}

const config = (databaseUrl: string | undefined, stockCache: boolean): ServerConfig => ({
  port: 0,
  host: "127.0.0.1",
  databaseUrl: databaseUrl === undefined ? Option.none() : Option.some(Redacted.make(databaseUrl)),
  dataDir: "memory://",
  logLevel: "Warn",
  bootstrapKey: Option.none(),
  maxBodyBytes: 1024 * 1024,
  // The benchmark measures throughput, not the limiter's refusals.
  ratePerSecond: 1e9,
  rateBurst: 1e9,
  authFailuresPerMinute: 1e9,
  authFailureBurst: 1e9,
  trustProxyHops: 0,
  stockCache,
  stockCacheEntries: 10_000,
  stockCacheMaxAgeMillis: 10_000
})

const server = (name: string, databaseUrl: string | undefined, stockCache: boolean) =>
  Effect.gen(function*() {
    const url = yield* Server.BaseUrl
    const tenantId = `bench-${Date.now()}`
    const { key } = yield* ApiKeys.create({ tenantId, role: "viewer", name: "bench" })
    const admin = (yield* ApiKeys.create({ tenantId, role: "admin", name: "bench-admin" })).key
    const post = (path: string, body: unknown) =>
      Effect.promise(() =>
        fetch(url + path, {
          method: "POST",
          headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
          body: JSON.stringify(body)
        }).then((r) => r.json() as Promise<{ id: string }>)
      )
    const supplier = yield* post("/api/v1/locations", { code: "SUP", kind: "site", usage: "supplier" })
    const warehouse = yield* post("/api/v1/locations", { code: "WH", kind: "warehouse" })
    const item = yield* post("/api/v1/items", { sku: "BENCH-1", name: "Bench item", baseUnit: { code: "ea" } })
    yield* post("/api/v1/movements", { lines: [{ id: `${tenantId}-r`, itemId: item.id, from: supplier.id, to: warehouse.id, quantity: 40 }] })
    return yield* Effect.promise(() => load(name, `${url}/api/v1/stock/${item.id}`, { authorization: `Bearer ${key}` }))
  }).pipe(
    Effect.provide(Server.layerTest(config(databaseUrl, stockCache))),
    Effect.provideService(References.MinimumLogLevel, "Warn")
  )

const main = Effect.gen(function*() {
  const runs: Array<Measured> = []
  const base = yield* Effect.promise(baseline)
  runs.push(base)
  const databaseUrl = process.env["DATABASE_URL"]
  for (const [name, url] of [["PGlite", undefined], ["PostgreSQL", databaseUrl]] as const) {
    if (name === "PostgreSQL" && url === undefined) continue
    if (ONLY !== "uncached") runs.push(yield* server(`GET stock on ${name} (stock cache)`, url, true))
    if (ONLY !== "cached") runs.push(yield* server(`GET stock on ${name}, STOCK_CACHE=false`, url, false))
  }
  console.log(`\n${CONNECTIONS} connections, ${DURATION} s each, ${new Date().toISOString()}\n`)
  console.log("| run | req/s | p50 ms | p99 ms | errors/non-2xx | req/s vs baseline |")
  console.log("|---|---:|---:|---:|---:|---:|")
  for (const r of runs) {
    console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${(r.rps / base.rps).toFixed(3)} |`)
  }
  console.log("\nGoal (issue 9): >= 5000 req/s and p99 < 10 ms for GET stock on this machine.")
})

Effect.runPromise(main).then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  }
)

import { assert, describe, layer } from "@effect/vitest"
import { Catalog, CurrentActor } from "@quartermaster/core"
import { Effect, Layer, Option, Redacted, References } from "effect"
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { chromium } from "playwright-core"
import * as ApiKeys from "../src/ApiKeys.ts"
import type { ServerConfig } from "../src/Config.ts"
import * as Seed from "../src/Seed.ts"
import * as Server from "../src/Server.ts"

// End to end in headless Chromium (Debian's `chromium`; CI installs it): the real server on in-memory PGlite
// with the demo data, the dashboard page, a receipt posted through its form, the stock change on the page.
const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium"
const present = existsSync(CHROMIUM)
const inCi = process.env["CI"] === "true"
const artifacts = fileURLToPath(new URL("../artifacts/", import.meta.url))

const config: ServerConfig = {
  port: 0,
  host: "127.0.0.1",
  databaseUrl: Option.none(),
  dataDir: "memory://",
  logLevel: "Warn",
  bootstrapKey: Option.some(Redacted.make("qm-e2e-bootstrap-admin-key-0000000000")),
  maxBodyBytes: 1024 * 1024,
  ratePerSecond: 1000,
  rateBurst: 2000,
  authFailuresPerMinute: 60_000,
  authFailureBurst: 10_000,
  trustProxyHops: 0,
  stockCache: true,
  stockCacheEntries: 10_000,
  stockCacheMaxAgeMillis: 10_000
}

const ITEM = "item-fas-001"
const HOSTILE = "<img src=x onerror=\"document.body.dataset.pwned='1'\">Hostile widget"

const run = (baseUrl: string, key: string) =>
  Effect.promise(async () => {
    mkdirSync(artifacts, { recursive: true })
    const profile = mkdtempSync(join(tmpdir(), "qm-e2e-chromium-"))
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync"
      ],
      viewport: { width: 1280, height: 900 }
    })
    try {
      const page = context.pages()[0] ?? await context.newPage()
      const errors: Array<string> = []
      page.on("pageerror", (error) => errors.push(error.message))
      const response = await page.goto(`${baseUrl}/`)
      assert.strictEqual(response?.status(), 200)
      assert.include(response?.headers()["content-type"] ?? "", "text/html")

      await page.fill("#api-key", key)
      await page.click("#save-key")
      await page.waitForSelector("#kpi-items .value")
      await page.waitForFunction("document.querySelector('#receipt-item').options.length > 0")
      assert.isAtLeast(Number((await page.textContent("#kpi-items .value"))!.replace(/,/g, "")), 200)
      assert.isAbove(await page.locator("#reorder tbody tr").count(), 0)
      assert.isAbove(await page.locator("#abc svg rect").count(), 20)
      assert.strictEqual(await page.locator("#valuation svg").count(), 2)
      assert.isAbove(await page.locator("#expiring tbody tr").count(), 0)
      assert.isAbove(await page.locator("#assets svg rect").count(), 3)
      assert.isAbove(await page.locator("#assets tbody tr").count(), 0)
      assert.isAbove(await page.locator("#activity li").count(), 0)
      // Data is text, never markup: the hostile item name shows as written and runs nothing.
      assert.include(await page.locator("#receipt-item").innerText(), HOSTILE)
      assert.strictEqual(await page.locator("img").count(), 0)
      assert.isNull(await page.evaluate("document.body.getAttribute('data-pwned')"))

      // The key stays in localStorage across a reload.
      await page.reload()
      await page.waitForSelector("#kpi-items .value")
      await page.waitForFunction("document.querySelector('#receipt-item').options.length > 0")

      const stockOf = async () => {
        const res = await fetch(`${baseUrl}/api/v1/stock/${ITEM}`, { headers: { authorization: `Bearer ${key}` } })
        assert.strictEqual(res.status, 200)
        return Number(((await res.json()) as { onHand: string }).onHand)
      }
      const before = await stockOf()
      await page.selectOption("#receipt-item", ITEM)
      assert.include(await page.textContent("#receipt-onhand") ?? "", `: ${before.toLocaleString("en-US")} each`)
      await page.selectOption("#receipt-bin", { index: 1 })
      await page.fill("#receipt-quantity", "36")
      await page.fill("#receipt-cost", "0.0525")
      await page.click("#receipt-submit")
      await page.waitForSelector("#receipt-result.ok")
      const after = await stockOf()
      assert.strictEqual(after, before + 36)
      assert.strictEqual(Number(await page.getAttribute("#receipt-result", "data-on-hand")), after)
      assert.include(await page.textContent("#receipt-onhand") ?? "", `: ${after.toLocaleString("en-US")} each`)
      // The refresh after the post shows the receipt in the recent activity.
      await page.waitForFunction("document.querySelector('#activity').textContent.includes('dashboard receipt')")
      assert.deepStrictEqual(errors, [])
      await page.screenshot({ path: join(artifacts, "dashboard-desktop.png"), fullPage: true })

      await page.setViewportSize({ width: 390, height: 844 })
      await page.waitForTimeout(200)
      const overflow = await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") as number
      assert.isAtMost(overflow, 0, "no horizontal scrolling at 390 px")
      await page.screenshot({ path: join(artifacts, "dashboard-phone.png"), fullPage: true })
    } finally {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  })

describe("dashboard end to end", () => {
  if (!present && !inCi) {
    describe.skip(`needs Chromium at ${CHROMIUM} (apt-get install chromium); skipped outside CI`, () => {})
    return
  }
  const server = Server.layerTest(config).pipe(Layer.provide(Layer.succeed(References.MinimumLogLevel, "Warn")))
  layer(server, { timeout: 300_000, excludeTestServices: true })("real server on PGlite", (it) => {
    it.effect("opens the dashboard with a key, posts a receipt through the form and shows the new stock", () =>
      Effect.gen(function*() {
        assert.isTrue(present, `Chromium is missing at ${CHROMIUM}: CI must install Debian's chromium (see .ci/run)`)
        const seeded = yield* Seed.demo("demo")
        assert.isTrue(seeded.seeded)
        yield* Catalog.createItem({ id: "item-hostile", sku: "ZZ-HOSTILE", name: HOSTILE, baseUnit: { code: "each" } }).pipe(
          Effect.provideService(CurrentActor.CurrentActor, { tenantId: "demo" as never, actorId: "e2e" as never })
        )
        const { key } = yield* ApiKeys.create({ tenantId: "demo", role: "operator", name: "e2e" })
        const baseUrl = yield* Server.BaseUrl
        yield* run(baseUrl, key)
      }), { timeout: 300_000 })
  })
})

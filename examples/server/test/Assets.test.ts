// Asset routes through a real socket on in-memory PGlite: the check-out cycle with overdue and an invalid
// transition (409, nothing written), role checks, licence seats under enforced compliance, credentials that carry
// secret material, expiring soon, depreciation, and tenant isolation.
import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import * as Server from "../src/Server.ts"
import { config, keyFor, request } from "./harness.ts"

const DAY = 86_400_000
const iso = (offsetMillis: number) => new Date(Date.now() + offsetMillis).toISOString()
const isoDate = (offsetMillis: number) => iso(offsetMillis).slice(0, 10)

const register = (key: string, tag: string, extra: Record<string, unknown> = {}) =>
  Effect.map(request("POST", "/api/v1/assets", { key, body: { tag, name: `Laptop ${tag}`, ...extra } }), (reply) => {
    assert.strictEqual(reply.status, 200, reply.text)
    return reply.json
  })

describe("Assets", () => {
  layer(Server.layerTest(config()), { timeout: 180_000, excludeTestServices: true })("server", (it) => {
    it.effect("register, check out, overdue, check in; an invalid transition is a 409 that writes nothing", () =>
      Effect.gen(function*() {
        const manager = yield* keyFor("t-assets", "manager")
        const operator = yield* keyFor("t-assets", "operator")
        const asset = yield* register(manager, "LT-001")
        assert.strictEqual(asset.status, "inStock")

        const out = yield* request("POST", "/api/v1/assets/LT-001/check-out", {
          key: operator,
          body: { assignee: { _tag: "person", personId: "ann" }, expectedReturnAt: iso(2 * DAY), condition: "good" }
        })
        assert.strictEqual(out.status, 200, out.text)
        assert.strictEqual(out.json.assetId, asset.id)
        assert.strictEqual((yield* request("GET", `/api/v1/assets/${asset.id}`, { key: operator })).json.status, "deployed")

        // Not overdue now; overdue three days from now.
        const now = yield* request("GET", "/api/v1/assets/overdue", { key: operator })
        assert.deepStrictEqual(now.json.checkOuts, [])
        const later = yield* request("GET", `/api/v1/assets/overdue?at=${encodeURIComponent(iso(3 * DAY))}`, { key: operator })
        assert.strictEqual(later.status, 200, later.text)
        assert.deepStrictEqual(later.json.checkOuts.map((c: { id: string }) => c.id), [out.json.id])

        // Checking out again conflicts.
        const again = yield* request("POST", "/api/v1/assets/LT-001/check-out", { key: operator, body: { assignee: { _tag: "person", personId: "bob" } } })
        assert.strictEqual(again.status, 409, again.text)

        // A deployed asset cannot be retired: 409 naming both states, and nothing changes.
        const before = (yield* request("GET", "/api/v1/assets/LT-001", { key: manager })).json
        const historyBefore = (yield* request("GET", "/api/v1/assets/LT-001/history", { key: manager })).json.events.length
        const invalid = yield* request("POST", "/api/v1/assets/LT-001/transition", { key: manager, body: { action: "retire" } })
        assert.strictEqual(invalid.status, 409, invalid.text)
        assert.include(invalid.contentType, "application/problem+json")
        assert.include(invalid.json.detail, "deployed")
        assert.include(invalid.json.detail, "retired")
        const after = (yield* request("GET", "/api/v1/assets/LT-001", { key: manager })).json
        assert.deepStrictEqual(after, before)
        assert.strictEqual((yield* request("GET", "/api/v1/assets/LT-001/history", { key: manager })).json.events.length, historyBefore)

        const back = yield* request("POST", "/api/v1/assets/LT-001/check-in", { key: operator, body: { condition: "scratched lid" } })
        assert.strictEqual(back.status, 200, back.text)
        assert.strictEqual(back.json.conditionIn, "scratched lid")
        assert.isString(back.json.returnedAt)
        assert.strictEqual((yield* request("GET", "/api/v1/assets/LT-001", { key: operator })).json.status, "inStock")
        const overdueAfter = yield* request("GET", `/api/v1/assets/overdue?at=${encodeURIComponent(iso(3 * DAY))}`, { key: operator })
        assert.deepStrictEqual(overdueAfter.json.checkOuts, [])
        const history = (yield* request("GET", "/api/v1/assets/LT-001/history", { key: operator })).json.events
        const tags: Array<string> = history.map((e: { event: { _tag: string } }) => e.event._tag)
        assert.includeMembers(tags, ["AssetRegistered", "AssetCheckedOut", "AssetCheckedIn"])
        // Checking in an asset that is not checked out conflicts.
        assert.strictEqual((yield* request("POST", "/api/v1/assets/LT-001/check-in", { key: operator, body: {} })).status, 409)
      }))

    it.effect("a viewer cannot check out or register; an operator cannot register; unknown assets are 404", () =>
      Effect.gen(function*() {
        const manager = yield* keyFor("t-roles", "manager")
        const viewer = yield* keyFor("t-roles", "viewer")
        const operator = yield* keyFor("t-roles", "operator")
        yield* register(manager, "LT-100")
        const denied = yield* request("POST", "/api/v1/assets/LT-100/check-out", { key: viewer, body: { assignee: { _tag: "person", personId: "ann" } } })
        assert.strictEqual(denied.status, 403)
        assert.include(denied.json.detail, "assets:operate")
        assert.strictEqual((yield* request("GET", "/api/v1/assets/LT-100", { key: viewer })).json.status, "inStock")
        assert.strictEqual((yield* request("POST", "/api/v1/assets", { key: operator, body: { tag: "LT-101" } })).status, 403)
        assert.strictEqual((yield* request("GET", "/api/v1/assets/LT-101", { key: manager })).status, 404)
        assert.strictEqual((yield* request("GET", "/api/v1/assets?limit=10", { key: viewer })).json.assets.length, 1)
      }))

    it.effect("bulk check-out is all or nothing", () =>
      Effect.gen(function*() {
        const manager = yield* keyFor("t-bulk", "manager")
        const operator = yield* keyFor("t-bulk", "operator")
        yield* register(manager, "B-1")
        yield* register(manager, "B-2")
        const bad = yield* request("POST", "/api/v1/assets/bulk-check-out", {
          key: operator,
          body: { tags: ["B-1", "B-2", "B-404"], assignee: { _tag: "person", personId: "ann" } }
        })
        assert.strictEqual(bad.status, 409, bad.text)
        assert.include(bad.json.detail, "B-404")
        assert.strictEqual((yield* request("GET", "/api/v1/assets?status=deployed", { key: operator })).json.assets.length, 0)
        const ok = yield* request("POST", "/api/v1/assets/bulk-check-out", {
          key: operator,
          body: { tags: ["B-1", "B-2"], assignee: { _tag: "person", personId: "ann" } }
        })
        assert.strictEqual(ok.status, 200, ok.text)
        assert.strictEqual(ok.json.length, 2)
        assert.strictEqual((yield* request("GET", "/api/v1/assets?status=deployed", { key: operator })).json.assets.length, 2)
      }))

    it.effect("asset scans and audits: audit mode records tags, finish marks the missing; checkOut mode checks out", () =>
      Effect.gen(function*() {
        const manager = yield* keyFor("t-scan", "manager")
        const operator = yield* keyFor("t-scan", "operator")
        const room = (yield* request("POST", "/api/v1/locations", { key: manager, body: { code: "ROOM-1", kind: "site" } })).json
        const s1 = yield* register(manager, "S-1", { locationId: room.id })
        const s2 = yield* register(manager, "S-2", { locationId: room.id })
        const started = yield* request("POST", "/api/v1/asset-audits", { key: operator, body: { locationId: room.id, id: "aud-1" } })
        assert.strictEqual(started.status, 200, started.text)
        assert.deepStrictEqual([...started.json.expected].sort(), [s1.id, s2.id].sort())
        const at = Date.now()
        const scan = (data: string, i: number) => ({ _tag: "BarcodeScanned", deviceId: "gun-1", data, symbology: null, at: new Date(at + i * 5000).toISOString() })
        const audited = yield* request("POST", "/api/v1/assets/scans", { key: operator, body: { mode: "audit", auditId: "aud-1", events: [scan("S-1", 0)] } })
        assert.strictEqual(audited.status, 200, audited.text)
        assert.deepStrictEqual(audited.json.outcomes.map((o: { _tag: string }) => o._tag), ["Audited"])
        const result = (yield* request("GET", "/api/v1/asset-audits/aud-1", { key: operator })).json
        assert.deepStrictEqual(result.found, [s1.id])
        assert.deepStrictEqual(result.missing, [s2.id])
        // Finishing is a manager's call; it marks S-2 missing.
        assert.strictEqual((yield* request("POST", "/api/v1/asset-audits/aud-1/finish", { key: operator })).status, 403)
        assert.strictEqual((yield* request("POST", "/api/v1/asset-audits/aud-1/finish", { key: manager })).status, 200)
        assert.strictEqual((yield* request("GET", "/api/v1/assets/S-2", { key: operator })).json.status, "missing")
        assert.strictEqual((yield* request("POST", "/api/v1/asset-audits/aud-1/scans", { key: operator, body: { tags: ["S-1"] } })).status, 409)

        const out = yield* request("POST", "/api/v1/assets/scans", {
          key: operator,
          body: { mode: "checkOut", assignee: { _tag: "person", personId: "ann" }, events: [scan("S-1", 2), scan("NOPE", 3)] }
        })
        assert.strictEqual(out.status, 200, out.text)
        assert.deepStrictEqual(out.json.outcomes.map((o: { _tag: string }) => o._tag), ["CheckedOut", "Rejected"])
        assert.isString(out.json.outcomes[1].error.message)
        assert.strictEqual((yield* request("GET", "/api/v1/assets/S-1", { key: operator })).json.status, "deployed")
        const bad = yield* request("POST", "/api/v1/assets/scans", { key: operator, body: { mode: "audit", events: [scan("S-1", 4)] } })
        assert.strictEqual(bad.status, 400)
      }))

    it.effect("maintenance: a meter plan falls due after a reading; a work order runs and adds to the TCO", () =>
      Effect.gen(function*() {
        const manager = yield* keyFor("t-maint", "manager")
        const operator = yield* keyFor("t-maint", "operator")
        const asset = yield* register(manager, "GEN-1", { purchase: { cost: "5000" } })
        const plan = yield* request("POST", "/api/v1/maintenance/plans", {
          key: manager,
          body: { id: "plan-1", assetId: asset.id, name: "Oil change", schedule: { _tag: "meter", meter: "hours", every: "250", lastDoneAt: "0" } }
        })
        assert.strictEqual(plan.status, 200, plan.text)
        // Plans are a manager's; readings an operator's.
        assert.strictEqual((yield* request("POST", "/api/v1/maintenance/plans", { key: operator, body: {} })).status, 403)
        const dueBefore = (yield* request("GET", `/api/v1/maintenance/due?assetId=${asset.id}`, { key: operator })).json.plans
        assert.deepStrictEqual(dueBefore, [])
        const reading = yield* request("POST", "/api/v1/maintenance/readings", { key: operator, body: { assetId: asset.id, meter: "hours", reading: "260" } })
        assert.strictEqual(reading.status, 200, reading.text)
        const due = (yield* request("GET", `/api/v1/maintenance/due?assetId=${asset.id}`, { key: operator })).json.plans
        assert.deepStrictEqual(due.map((d: { plan: { id: string } }) => d.plan.id), ["plan-1"])
        const backwards = yield* request("POST", "/api/v1/maintenance/readings", { key: operator, body: { assetId: asset.id, meter: "hours", reading: "100" } })
        assert.isAtLeast(backwards.status, 400)
        assert.isBelow(backwards.status, 500)

        const opened = yield* request("POST", "/api/v1/work-orders", {
          key: operator,
          body: { id: "wo-1", assetId: asset.id, planId: "plan-1", title: "Oil change", labourCost: "80" }
        })
        assert.strictEqual(opened.status, 200, opened.text)
        assert.strictEqual((yield* request("POST", "/api/v1/work-orders/wo-1/start", { key: operator })).status, 200)
        const done = yield* request("POST", "/api/v1/work-orders/wo-1/complete", { key: operator, body: { vendorCost: "20" } })
        assert.strictEqual(done.status, 200, done.text)
        assert.strictEqual(done.json.status, "done")
        // A done order cannot start again.
        assert.strictEqual((yield* request("POST", "/api/v1/work-orders/wo-1/start", { key: operator })).status, 409)
        const tco = (yield* request("GET", `/api/v1/assets/${asset.id}/tco`, { key: operator })).json
        assert.strictEqual(tco.purchase, "5000")
        assert.strictEqual(tco.maintenance, "100")
        assert.strictEqual(tco.total, "5100")
        assert.deepStrictEqual((yield* request("GET", `/api/v1/maintenance/due?assetId=${asset.id}`, { key: operator })).json.plans, [])
      }))

    it.effect("the stock-ledger side over HTTP: capitalise, transfer, return to stock, dispose, work-order parts", () =>
      Effect.gen(function*() {
        const manager = yield* keyFor("t-ledger-side", "manager")
        const post = (path: string, body: unknown) =>
          Effect.map(request("POST", path, { key: manager, body }), (reply) => {
            assert.strictEqual(reply.status, 200, `${path}: ${reply.text}`)
            return reply.json
          })
        const supplier = yield* post("/api/v1/locations", { code: "SUP", kind: "site", usage: "supplier" })
        const scrap = yield* post("/api/v1/locations", { code: "SCRAP", kind: "site", usage: "loss" })
        const wh = yield* post("/api/v1/locations", { code: "WH", kind: "warehouse" })
        const b1 = yield* post("/api/v1/locations", { code: "B1", kind: "bin", parentId: wh.id })
        const b2 = yield* post("/api/v1/locations", { code: "B2", kind: "bin", parentId: wh.id })
        const laptop = yield* post("/api/v1/items", { sku: "LT", name: "Laptop", baseUnit: { code: "ea" }, tracking: "serial" })
        const oil = yield* post("/api/v1/items", { sku: "OIL", name: "Oil", baseUnit: { code: "l" } })
        yield* post("/api/v1/movements", {
          lines: [
            { id: "rcv-lt", itemId: laptop.id, from: supplier.id, to: b1.id, quantity: 2, serials: ["SN-1", "SN-2"], unitCost: "1000" },
            { id: "rcv-oil", itemId: oil.id, from: supplier.id, to: b1.id, quantity: 10, unitCost: "4" }
          ]
        })
        const a1 = yield* post("/api/v1/assets/capitalise", { itemId: laptop.id, serial: "SN-1", tag: "CAP-1" })
        assert.deepStrictEqual([a1.tag, a1.serial, a1.inLedger, a1.locationId, a1.purchase.cost], ["CAP-1", "SN-1", true, b1.id, "1000"])
        const moved = yield* post("/api/v1/assets/CAP-1/transfer", { to: b2.id })
        assert.strictEqual(moved.locationId, b2.id)
        const a2 = yield* post("/api/v1/assets/capitalise", { itemId: laptop.id, serial: "SN-2", tag: "CAP-2" })
        // Only a retired asset leaves the register.
        yield* post(`/api/v1/assets/${a2.id}/transition`, { action: "retire" })
        const back = yield* post(`/api/v1/assets/${a2.id}/return-to-stock`, { note: "spare" })
        assert.deepStrictEqual([back.status, back.disposal.method], ["disposed", "returnedToStock"])
        yield* post("/api/v1/assets/CAP-1/transition", { action: "retire" })
        const sold = yield* post("/api/v1/assets/CAP-1/dispose", { method: "sale", proceeds: "250", to: scrap.id })
        assert.deepStrictEqual([sold.status, sold.disposal.method, sold.disposal.proceeds], ["disposed", "sale", "250"])
        const onHand = (yield* request("GET", `/api/v1/stock/${laptop.id}?locationId=${wh.id}`, { key: manager })).json.onHand
        assert.strictEqual(onHand, "1")

        const gen = yield* register(manager, "GEN-P")
        yield* post("/api/v1/work-orders", { id: "wo-parts", assetId: gen.id, title: "Oil change" })
        yield* post("/api/v1/work-orders/wo-parts/start", {})
        const parts = yield* post("/api/v1/work-orders/wo-parts/parts", { lines: [{ id: "part-1", itemId: oil.id, quantity: 3, from: b1.id, to: scrap.id }] })
        assert.strictEqual(parts.id, "wo-parts")
        assert.strictEqual((yield* request("GET", `/api/v1/stock/${oil.id}?locationId=${b1.id}`, { key: manager })).json.onHand, "7")
      }))

    it.effect("a licence over its seats with compliance enforced is a 409 and assigns nothing", () =>
      Effect.gen(function*() {
        const manager = yield* keyFor("t-lic", "manager")
        const created = yield* request("POST", "/api/v1/licences", {
          key: manager,
          body: { id: "lic-1", product: "CAD Pro", seats: 1, seatBasis: "user", costPerSeat: "100", complianceEnforced: true }
        })
        assert.strictEqual(created.status, 200, created.text)
        const first = yield* request("POST", "/api/v1/licences/lic-1/assign", { key: manager, body: { kind: "person", id: "ann" } })
        assert.strictEqual(first.status, 200, first.text)
        const over = yield* request("POST", "/api/v1/licences/lic-1/assign", { key: manager, body: { kind: "person", id: "bob" } })
        assert.strictEqual(over.status, 409, over.text)
        assert.include(over.contentType, "application/problem+json")
        const licence = (yield* request("GET", "/api/v1/licences/lic-1", { key: manager })).json
        assert.deepStrictEqual(licence.assignments.map((a: { assignee: { id: string } }) => a.assignee.id), ["ann"])
        const compliance = (yield* request("GET", "/api/v1/licences/compliance", { key: manager })).json
        assert.strictEqual(compliance.rows.length, 1)
        assert.strictEqual(compliance.rows[0].status, "compliant")
        // Operators cannot manage licences.
        const operator = yield* keyFor("t-lic", "operator")
        assert.strictEqual((yield* request("POST", "/api/v1/licences/lic-1/unassign", { key: operator, body: { kind: "person", id: "ann" } })).status, 403)
      }))

    it.effect("a credential carrying a PEM private key is refused without echoing it; a certificate expires soon", () =>
      Effect.gen(function*() {
        const manager = yield* keyFor("t-cred", "manager")
        const secret = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7" + "x".repeat(40)
        const pem = `-----BEGIN PRIVATE KEY-----\n${secret}\n-----END PRIVATE KEY-----`
        const base = {
          id: "cert-1",
          kind: "certificate",
          name: "api.example.com",
          subject: "CN=api.example.com",
          issuer: "CN=Example CA",
          fingerprint: "ab".repeat(32),
          notAfter: iso(10 * DAY)
        }
        const refused = yield* request("POST", "/api/v1/credentials", { key: manager, body: { ...base, owner: pem } })
        assert.isAtLeast(refused.status, 400)
        assert.isBelow(refused.status, 500)
        assert.include(refused.contentType, "application/problem+json")
        assert.notInclude(refused.text, secret)
        assert.notInclude(refused.text, "BEGIN PRIVATE KEY")
        assert.strictEqual((yield* request("GET", "/api/v1/credentials", { key: manager })).json.credentials.length, 0)
        // A secret in a field the schema does not know is refused the same way.
        const extra = yield* request("POST", "/api/v1/credentials", { key: manager, body: { ...base, privateKey: pem } })
        assert.isAtLeast(extra.status, 400)
        assert.notInclude(extra.text, secret)

        const created = yield* request("POST", "/api/v1/credentials", { key: manager, body: base })
        assert.strictEqual(created.status, 200, created.text)
        const soon = yield* request("GET", "/api/v1/expiring?days=30", { key: manager })
        assert.strictEqual(soon.status, 200, soon.text)
        assert.isTrue(soon.json.rows.some((r: { id: string }) => r.id === "cert-1"), soon.text)
        const tooSoon = yield* request("GET", "/api/v1/expiring?days=5", { key: manager })
        assert.isFalse(tooSoon.json.rows.some((r: { id: string }) => r.id === "cert-1"), tooSoon.text)
        const revoked = yield* request("POST", "/api/v1/credentials/cert-1/revoke", { key: manager })
        assert.strictEqual(revoked.status, 200, revoked.text)
      }))

    it.effect("depreciation: the schedule and the book value at a date agree", () =>
      Effect.gen(function*() {
        const manager = yield* keyFor("t-dep", "manager")
        yield* register(manager, "SRV-1", {
          purchase: { cost: "1200", date: "2025-01-01T00:00:00Z" },
          books: [{ book: "book", method: { _tag: "StraightLine" }, convention: "fullMonth", usefulLifeMonths: 12 }]
        })
        const schedule = yield* request("GET", "/api/v1/assets/SRV-1/depreciation?granularity=month", { key: manager })
        assert.strictEqual(schedule.status, 200, schedule.text)
        const rows: ReadonlyArray<{ periodEnd: string; bookValue: string; accumulated: string }> = schedule.json.books[0].rows
        assert.strictEqual(schedule.json.books[0].totalDepreciation, "120000")
        const mid = rows[5]!
        const value = yield* request("GET", `/api/v1/assets/SRV-1/book-value?at=${mid.periodEnd}`, { key: manager })
        assert.strictEqual(value.status, 200, value.text)
        assert.strictEqual(value.json.books[0].bookValue, mid.bookValue)
        assert.strictEqual(value.json.books[0].accumulated, mid.accumulated)
        // An impairment lowers the book value from its date on; the portfolio sums the books.
        const impaired = yield* request("POST", "/api/v1/assets/SRV-1/impairments", { key: manager, body: { date: mid.periodEnd, amount: "100", reason: "damage" } })
        assert.strictEqual(impaired.status, 200, impaired.text)
        const lowered = (yield* request("GET", `/api/v1/assets/SRV-1/book-value?at=${mid.periodEnd}`, { key: manager })).json.books[0]
        assert.strictEqual(BigInt(lowered.bookValue), BigInt(mid.bookValue) - 10000n)
        assert.strictEqual(lowered.impairment, "10000")
        const portfolio = yield* request("GET", `/api/v1/assets/depreciation?at=${mid.periodEnd}`, { key: manager })
        assert.strictEqual(portfolio.status, 200, portfolio.text)
        assert.include(portfolio.text, lowered.bookValue)
        // An asset without a cost has no schedule.
        yield* register(manager, "SRV-2")
        assert.strictEqual((yield* request("GET", "/api/v1/assets/SRV-2/depreciation", { key: manager })).status, 422)
        assert.strictEqual((yield* request("GET", `/api/v1/assets/SRV-1/book-value?at=${isoDate(0)}x`, { key: manager })).status, 422)
      }))

    it.effect("tenants are isolated: another tenant's asset answers 404 and cannot be checked out", () =>
      Effect.gen(function*() {
        const a = yield* keyFor("t-iso-a", "manager")
        const b = yield* keyFor("t-iso-b", "manager")
        const asset = yield* register(a, "ISO-1")
        assert.strictEqual((yield* request("GET", `/api/v1/assets/${asset.id}`, { key: b })).status, 404)
        assert.strictEqual((yield* request("GET", "/api/v1/assets/ISO-1", { key: b })).status, 404)
        const out = yield* request("POST", `/api/v1/assets/${asset.id}/check-out`, { key: b, body: { assignee: { _tag: "person", personId: "eve" } } })
        assert.strictEqual(out.status, 404, out.text)
        assert.strictEqual((yield* request("GET", "/api/v1/assets", { key: b })).json.assets.length, 0)
        assert.strictEqual((yield* request("GET", `/api/v1/assets/${asset.id}`, { key: a })).json.status, "inStock")
      }))
  })
})

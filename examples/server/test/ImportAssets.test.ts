import { assert, describe, layer } from "@effect/vitest"
import { Assets, AssetStore, CheckOuts, CurrentActor, IdGenerator } from "@quartermaster/core"
import { BigDecimal, DateTime, Effect, Layer } from "effect"
import * as Csv from "../src/Csv.ts"
import * as Export from "../src/Export.ts"
import * as Import from "../src/Import.ts"
import * as Server from "../src/Server.ts"
import { config, keyFor, request } from "./harness.ts"

const inTenant = (label: string) => {
  const tenantId = `${label}-${crypto.randomUUID()}`
  return Effect.provide(Layer.mergeAll(CurrentActor.CurrentActor.layer(tenantId, "import-test"), IdGenerator.IdGenerator.layerUuid))
}

const items = "sku,name,unit,tracking\nLAPTOP-14,Laptop 14,each,serial\nRAM-16,16 GB module,each,none\n"
const locations = "code,kind,name,parent_code\nHQ,site,Head office,\nHQ-IT,room,IT room,HQ\n"

// The year is far ahead so that the expected return stays in the future whenever the test runs.
const returnBy = "2099-06-30T00:00:00.000Z"
const books = JSON.stringify([{ book: "gaap", method: { _tag: "StraightLine" }, usefulLifeYears: 3, salvage: "100" }])

const assets = [
  "tag,name,serial,model_sku,category,status,location_code,assigned_to,expected_return,parent_tag,purchase_cost,purchase_date,supplier,warranty_ends,warranty_provider,in_service_date,books,fields",
  // A component before its parent: the import waits for the parent.
  `RAM-0001,RAM for LT-0001,,RAM-16,IT/Parts,inStock,,,,LT-0001,59.99,,,,,,,`,
  `LT-0001,Ann's laptop,SN-100,LAPTOP-14,IT/Laptops,deployed,,person:ann,${returnBy},,1299.5,2026-01-15T00:00:00.000Z,Acme,2029-01-15T00:00:00.000Z,Acme Care,2026-02-01,${Csv.writeTable(["b"], [{ b: books }]).split("\r\n")[1]},"{""colour"":""grey""}"`,
  "LT-0002,Spare laptop,SN-101,LAPTOP-14,IT/Laptops,,HQ-IT,,,,1299.50,,,,,,,",
  "LT-0003,Loaner,SN-102,LAPTOP-14,IT/Laptops,deployed,,location:HQ-IT,,,,,,,,,,",
  "LT-0004,Old laptop,SN-099,LAPTOP-14,IT/Laptops,retired,HQ-IT,,,,,,,,,,,",
  "LT-0005,Lost laptop,SN-098,,IT/Laptops,lost,,,,,,,,,,,,",
  "DOCK-01,Dock,,,IT/Docks,deployed,,asset:LT-0001,,,,,,,,,,",
  "LT-0006,On order,,LAPTOP-14,IT/Laptops,onOrder,,,,,,,,,,,,"
].join("\n")

const csv = (key: string, path: string, text: string) => request("POST", path, { key, raw: text, headers: { "content-type": "text/csv" } })

describe("Asset register CSV", () => {
  layer(Server.layerTest(config()), { timeout: 180_000, excludeTestServices: true })("on the server's PGlite", (it) => {
    it.effect("imports states, check-outs, components and books; export -> import -> export is unchanged", () =>
      Effect.gen(function*() {
        const source = yield* Effect.gen(function*() {
          yield* Import.run("items", items)
          yield* Import.run("locations", locations)
          const progress: Array<number> = []
          const summary = yield* Import.run("assets", assets, { onProgress: (done) => Effect.sync(() => progress.push(done)) })
          assert.strictEqual(summary.imported, 8)
          assert.deepStrictEqual(progress, [1, 2, 3, 4, 5, 6, 7, 8])
          const lt1 = yield* Assets.get("LT-0001")
          assert.strictEqual(lt1.status, "deployed")
          assert.deepStrictEqual(lt1.assignee, { _tag: "person", personId: "ann" })
          assert.strictEqual(BigDecimal.format(lt1.purchase.cost!), "1299.5")
          assert.strictEqual(lt1.books[0]?.book, "gaap")
          assert.deepStrictEqual(lt1.fields, { colour: "grey" })
          assert.strictEqual(lt1.inServiceDate, "2026-02-01")
          const open = yield* CheckOuts.of("LT-0001")
          assert.strictEqual(open.length, 1)
          assert.strictEqual(DateTime.formatIso(open[0]!.expectedReturnAt!), returnBy)
          assert.strictEqual((yield* Assets.get("RAM-0001")).parentId, lt1.id)
          assert.deepStrictEqual((yield* Assets.get("DOCK-01")).assignee, { _tag: "asset", assetId: lt1.id })
          assert.strictEqual((yield* Assets.get("LT-0002")).status, "inStock")
          assert.strictEqual((yield* Assets.get("LT-0003")).assignee?._tag, "location")
          assert.strictEqual((yield* Assets.get("LT-0004")).status, "retired")
          assert.strictEqual((yield* Assets.get("LT-0005")).status, "lost")
          assert.strictEqual((yield* Assets.get("LT-0006")).status, "onOrder")
          return { items: yield* Export.run("items"), locations: yield* Export.run("locations"), assets: yield* Export.run("assets") }
        }).pipe(inTenant("assets-source"))
        assert.include(source.assets, `LT-0001,Ann's laptop,SN-100,LAPTOP-14,IT/Laptops,deployed,,person:ann,${returnBy},,1299.5,2026-01-15T00:00:00.000Z,Acme,`)
        assert.include(source.assets, "DOCK-01,Dock,,,IT/Docks,deployed,,asset:LT-0001,")
        const copy = yield* Effect.gen(function*() {
          yield* Import.run("items", source.items)
          yield* Import.run("locations", source.locations)
          yield* Import.run("assets", source.assets)
          return yield* Export.run("assets")
        }).pipe(inTenant("assets-copy"))
        assert.strictEqual(copy, source.assets)
      }))

    it.effect("every bad record is reported at once and nothing is written", () =>
      Effect.gen(function*() {
        yield* Import.run("items", items)
        yield* Import.run("locations", locations)
        const bad = [
          "tag,model_sku,status,location_code,assigned_to,expected_return,parent_tag,purchase_cost,books,fields",
          "OK-1,LAPTOP-14,,,,,,,,",
          "A-1,NOPE,,,,,,,,",
          "A-2,,,NOWHERE,,,,,,",
          "A-3,,disposed,,,,,,,",
          "A-4,,deployed,,,,,,,",
          "A-5,,deployed,,ann,2020-01-01T00:00:00Z,,,,",
          "A-6,,,,,,,-5,,",
          "A-7,,,,,,,,{,",
          "A-8,,,,,,,,,[1]",
          "OK-1,,,,,,,,,",
          "C-1,,,,,,C-2,,,",
          "C-2,,,,,,C-1,,,",
          "A-9,,inStock,,person:bob,,,,,",
          "A-10,,sold,,,,,,,",
          "A-11,,,,,,GHOST,,,"
        ].join("\n")
        const error = yield* Effect.flip(Import.run("assets", bad))
        assert.strictEqual(error._tag, "ImportRejected")
        if (error._tag !== "ImportRejected") return
        assert.deepStrictEqual(error.errors.map((e) => [e.row, e.column]), [
          [2, "model_sku"],
          [3, "location_code"],
          [4, "status"],
          [5, "assigned_to"],
          [6, "expected_return"],
          [7, "purchase_cost"],
          [8, "books"],
          [9, "fields"],
          [10, "tag"],
          [11, "parent_tag"],
          [12, "parent_tag"],
          [13, "assigned_to"],
          [14, "status"],
          [15, "parent_tag"]
        ])
        assert.match(error.errors[2]!.message, /disposed asset has left the register/)
        assert.match(error.errors[4]!.message, /lies in the past/)
        assert.match(error.errors[10]!.message, /cycle/)
        assert.match(error.errors[13]!.message, /unknown asset tag "GHOST"/)
        const { tenantId } = yield* CurrentActor.CurrentActor
        assert.strictEqual((yield* (yield* AssetStore.AssetStore).list(tenantId, { limit: 100 })).length, 0)

        const partial = yield* Import.run("assets", bad, { partial: true })
        assert.strictEqual(partial.imported, 1)
        assert.strictEqual(partial.errors.length, 14)
        assert.deepStrictEqual((yield* (yield* AssetStore.AssetStore).list(tenantId, { limit: 100 })).map((a) => a.tag), ["OK-1"])
      }).pipe(inTenant("assets-bad")))
    it.effect("HTTP: import by role, 422 with every bad row and nothing written, partial, 400 for broken CSV, export per tenant", () =>
      Effect.gen(function*() {
        const manager = yield* keyFor("t-csv", "manager")
        const operator = yield* keyFor("t-csv", "operator")
        const viewer = yield* keyFor("t-csv", "viewer")
        const other = yield* keyFor("t-csv-other", "manager")

        const forbidden = yield* csv(operator, "/api/v1/import/items", items)
        assert.strictEqual(forbidden.status, 403, forbidden.text)
        assert.include(forbidden.contentType, "application/problem+json")
        const charset = yield* request("POST", "/api/v1/import/items", { key: manager, raw: "sku,name,unit\n", headers: { "content-type": "text/csv; charset=utf-8" } })
        assert.strictEqual(charset.status, 200, charset.text)
        const json = yield* request("POST", "/api/v1/import/items", { key: manager, body: { sku: "X" } })
        assert.strictEqual(json.status, 415, json.text)
        assert.include(json.contentType, "application/problem+json")
        const imported = yield* csv(manager, "/api/v1/import/items", items)
        assert.strictEqual(imported.status, 200, imported.text)
        assert.deepStrictEqual(imported.json, { kind: "items", total: 2, imported: 2, errors: [] })
        assert.strictEqual((yield* csv(manager, "/api/v1/import/locations", locations)).status, 200)

        const bad = "tag,model_sku,status\nOK-1,LAPTOP-14,\nB-1,NOPE,\nB-2,,disposed\n"
        const rejected = yield* csv(manager, "/api/v1/import/assets", bad)
        assert.strictEqual(rejected.status, 422, rejected.text)
        assert.include(rejected.contentType, "application/problem+json")
        assert.strictEqual(rejected.json.detail, "2 of 3 assets rows are invalid; nothing was imported")
        assert.deepStrictEqual(rejected.json.errors.map((e: { row: number; line: number; column: string }) => [e.row, e.line, e.column]), [[2, 3, "model_sku"], [3, 4, "status"]])
        assert.deepStrictEqual((yield* request("GET", "/api/v1/assets", { key: viewer })).json.assets, [])

        const broken = yield* csv(manager, "/api/v1/import/assets", "tag,name\n\"LT-1,x\n")
        assert.strictEqual(broken.status, 400, broken.text)
        assert.match(broken.json.detail, /not valid CSV/)

        const partial = yield* csv(manager, "/api/v1/import/assets?partial=true", bad)
        assert.strictEqual(partial.status, 200, partial.text)
        assert.strictEqual(partial.json.imported, 1)
        assert.strictEqual(partial.json.errors.length, 2)

        const exported = yield* request("GET", "/api/v1/export/assets", { key: viewer })
        assert.strictEqual(exported.status, 200, exported.text)
        assert.include(exported.contentType, "text/csv")
        assert.match(exported.text, /^tag,name,serial,model_sku,/)
        assert.include(exported.text, "\r\nOK-1,,,LAPTOP-14,,inStock,")
        const items_ = yield* request("GET", "/api/v1/export/items", { key: viewer })
        assert.include(items_.text, "\r\nLAPTOP-14,Laptop 14,each,")
        const elsewhere = yield* request("GET", "/api/v1/export/assets", { key: other })
        assert.strictEqual(elsewhere.status, 200)
        assert.notInclude(elsewhere.text, "OK-1")
        assert.strictEqual((yield* request("GET", "/api/v1/export/widgets", { key: viewer })).status, 400)
      }))
  })
})

import { assert, describe, layer } from "@effect/vitest"
import { Catalog, CurrentActor, IdGenerator, Locations, StockQuery } from "@quartermaster/core"
import { PgliteStores } from "@quartermaster/storage-pglite"
import { BigDecimal, Effect, Layer } from "effect"
import * as Csv from "../src/Csv.ts"
import * as Export from "../src/Export.ts"
import * as Import from "../src/Import.ts"

const inTenant = (label: string) => {
  const tenantId = `${label}-${crypto.randomUUID()}`
  return Effect.provide(Layer.mergeAll(CurrentActor.CurrentActor.layer(tenantId, "import-test"), IdGenerator.IdGenerator.layerUuid))
}

const items = [
  "sku,name,unit,decimals,conversions,tracking,shelf_life_days,category,gtins,reorder_kind,reorder_point,order_quantity,attributes",
  "BOLT-M8,M8 hex bolt,each,0,case=12,none,,Hardware/Fasteners,4006381333931,rop-q,50,200,\"{\"\"finish\"\":\"\"zinc\"\"}\"",
  "MILK,Milk 1l,l,3,,lot,10,Food/Dairy,,,,,",
  "LAPTOP,\"Laptop 14\"\"\",each,0,,serial,,IT/Computers,,min-max,,,",
  "NUT-M8,\"M8 nut, zinc\",each,0,box=100,none,,Hardware/Fasteners,,,,,"
].join("\n")

const locations = [
  "code,kind,name,parent_code,usage",
  "DC-1-A-01,bin,Aisle A bin 1,DC-1-A,",
  "DC-1-A,zone,Aisle A,DC-1,",
  "DC-1,warehouse,Distribution centre,,internal",
  "ACME,site,Acme Corp,,supplier"
].join("\r\n")

const stock = [
  "sku,location_code,quantity,unit,unit_cost,lot,expiry,serials",
  "BOLT-M8,DC-1-A-01,2,case,0.42,,,",
  "MILK,DC-1-A,12.5,l,0.9,L-1,2027-01-31T00:00:00.000Z,",
  "LAPTOP,DC-1-A-01,2,each,899.5,,,SN-2;SN-1",
  "NUT-M8,DC-1,300,each,0.05,,,"
].join("\n")

describe("Import and Export on PGlite", () => {
  layer(PgliteStores.layer(), { timeout: 120_000, excludeTestServices: true })("in memory", (it) => {
    it.effect("a file with 3 bad rows reports all 3 and writes nothing", () =>
      Effect.gen(function*() {
        const text = [
          "sku,name,unit,decimals,gtins",
          "GOOD-1,Good one,each,0,",
          "BAD-1,,each,0,",
          "GOOD-2,Good two,each,0,",
          "BAD-2,Bad decimals,each,two,",
          "BAD-3,Bad GTIN,each,0,4006381333932"
        ].join("\n")
        const progress: Array<number> = []
        const error = yield* Effect.flip(Import.run("items", text, { onProgress: (done) => Effect.sync(() => progress.push(done)) }))
        assert.strictEqual(error._tag, "ImportRejected")
        if (error._tag !== "ImportRejected") return
        assert.deepStrictEqual(error.errors.map((e) => [e.row, e.line, e.column]), [[2, 3, "name"], [4, 5, "decimals"], [5, 6, "gtins"]])
        assert.match(error.message, /3 of 5 items rows are invalid; nothing was imported/)
        assert.deepStrictEqual(progress, [1, 2, 3, 4, 5])
        assert.strictEqual((yield* Catalog.listItems()).length, 0)
      }).pipe(inTenant("reject")))

    it.effect("partial imports the good rows and reports the rest", () =>
      Effect.gen(function*() {
        const text = "sku,name,unit\nA,Alpha,each\nB,,each\nA,Alpha again,each\nC,Gamma,kg\n"
        const summary = yield* Import.run("items", text, { partial: true })
        assert.strictEqual(summary.imported, 2)
        assert.deepStrictEqual(summary.errors.map((e) => [e.row, e.column]), [[2, "name"], [3, "sku"]])
        assert.deepStrictEqual((yield* Catalog.listItems()).map((i) => i.sku), ["A", "C"])
      }).pipe(inTenant("partial")))

    it.effect("locations import parents first and report unknown parents and cycles", () =>
      Effect.gen(function*() {
        const summary = yield* Import.run("locations", locations)
        assert.strictEqual(summary.imported, 4)
        const bin = yield* Locations.byCode("DC-1-A-01")
        const zone = yield* Locations.byCode("DC-1-A")
        assert.strictEqual(bin.parentId, zone.id)
        assert.strictEqual(bin.usage, "internal")
        const bad = "code,kind,parent_code\nX,zone,Y\nY,zone,X\nZ,bin,NOPE\nW,bin,DC-1-A\nV,bin,W\n"
        const error = yield* Effect.flip(Import.run("locations", bad))
        assert.strictEqual(error._tag, "ImportRejected")
        if (error._tag !== "ImportRejected") return
        // W is fine, but a bin cannot hold a bin, so V fails; X and Y form a cycle; Z has no parent.
        assert.deepStrictEqual(error.errors.map((e) => [e.row, e.column]), [[1, "parent_code"], [2, "parent_code"], [3, "parent_code"], [5, ""]])
        assert.match(error.errors[2]!.message, /unknown parent location code "NOPE"/)
        assert.match(error.errors[0]!.message, /cycle/)
        assert.strictEqual((yield* Locations.list).length, 4)
      }).pipe(inTenant("locations")))

    it.effect("refuses unknown and missing columns and CSV garbage", () =>
      Effect.gen(function*() {
        const header = yield* Effect.flip(Import.run("items", "sku,nam,unit\nA,B,each\n"))
        assert.strictEqual(header._tag, "ImportRejected")
        if (header._tag === "ImportRejected") assert.deepStrictEqual(header.errors.map((e) => e.column), ["name", "nam"])
        const garbage = yield* Effect.flip(Import.run("items", "sku,name,unit\n\"A,B,each\n"))
        assert.strictEqual(garbage._tag, "CsvError")
      }).pipe(inTenant("columns")))

    it.effect("opening stock: lots, serials, units; bad rows name their columns", () =>
      Effect.gen(function*() {
        yield* Import.run("items", items)
        yield* Import.run("locations", locations)
        const bad = [
          "sku,location_code,quantity,unit,unit_cost,lot,expiry,serials",
          "NOPE,DC-1,1,,1,,,",
          "BOLT-M8,NOWHERE,1,,1,,,",
          "BOLT-M8,DC-1,1,crate,1,,,",
          "MILK,DC-1,1,,1,,,",
          "LAPTOP,DC-1,2,,1,,,SN-9",
          "BOLT-M8,DC-1,1,,,,,",
          "BOLT-M8,DC-1,1,,1,,,"
        ].join("\n")
        const error = yield* Effect.flip(Import.run("stock", bad))
        assert.strictEqual(error._tag, "ImportRejected")
        if (error._tag !== "ImportRejected") return
        assert.deepStrictEqual(error.errors.map((e) => e.row), [1, 2, 3, 4, 5, 6])
        assert.deepStrictEqual(error.errors.slice(0, 2).map((e) => e.column), ["sku", "location_code"])
        assert.strictEqual(error.errors[5]!.column, "unit_cost")
        assert.isTrue((yield* Locations.byCode(Import.openingStockCode).pipe(Effect.flip))._tag === "UnknownLocation")

        const summary = yield* Import.run("stock", stock)
        assert.strictEqual(summary.imported, 4)
        const bolt = yield* Catalog.findBySku("BOLT-M8")
        const level = yield* StockQuery.level({ itemId: bolt.id, locationId: (yield* Locations.byCode("DC-1")).id })
        assert.strictEqual(BigDecimal.format(level.onHand), "24")
      }).pipe(inTenant("stock")))

    it.effect("export -> import into a fresh tenant -> export gives the same CSV", () =>
      Effect.gen(function*() {
        const source = yield* Effect.gen(function*() {
          yield* Import.run("items", items)
          yield* Import.run("locations", locations)
          yield* Import.run("stock", stock)
          return { items: yield* Export.run("items"), locations: yield* Export.run("locations"), stock: yield* Export.run("stock") }
        }).pipe(inTenant("source"))
        const stockTable = Csv.parseTable(source.stock)
        assert.isTrue(stockTable._tag === "Success")
        if (stockTable._tag === "Success") {
          assert.deepStrictEqual(
            stockTable.success.records.map((r) => [r.values.sku, r.values.location_code, r.values.quantity, r.values.unit, r.values.unit_cost, r.values.lot, r.values.serials]),
            [
              ["BOLT-M8", "DC-1-A-01", "24", "each", "0.42", "", ""],
              ["LAPTOP", "DC-1-A-01", "2", "each", "899.5", "", "SN-1;SN-2"],
              ["MILK", "DC-1-A", "12.5", "l", "0.9", "L-1", ""],
              ["NUT-M8", "DC-1", "300", "each", "0.05", "", ""]
            ]
          )
        }
        const copy = yield* Effect.gen(function*() {
          yield* Import.run("items", source.items)
          yield* Import.run("locations", source.locations)
          yield* Import.run("stock", source.stock)
          return { items: yield* Export.run("items"), locations: yield* Export.run("locations"), stock: yield* Export.run("stock") }
        }).pipe(inTenant("copy"))
        assert.strictEqual(copy.items, source.items)
        assert.strictEqual(copy.locations, source.locations)
        assert.strictEqual(copy.stock, source.stock)
        assert.include(source.items, "BOLT-M8,M8 hex bolt,each,,0,case=12,none,,fifo,Hardware/Fasteners,04006381333931,active,false,rop-q,50,200,")
        assert.include(source.items, "\"{\"\"finish\"\":\"\"zinc\"\"}\"\r\n")
        assert.include(source.locations, "DC-1-A-01,bin,Aisle A bin 1,internal,DC-1-A,false\r\n")
      }))
  })
})

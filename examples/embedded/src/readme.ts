// The README's "Use the SDK in your own app" example (test/readme.test.ts keeps the two identical).
import { Catalog, CurrentActor, IdGenerator, Locations, StockLedger, StockQuery, Stores, ValuationReports } from "@quartermaster/core"
import { BigDecimal, Console, Effect, Layer } from "effect"

export const program: Effect.Effect<string, { readonly message: string }> = Effect.gen(function*() {
  const supplier = yield* Locations.create({ code: "ACME", kind: "site", usage: "supplier" })
  const shelf = yield* Locations.create({ code: "SHELF-1", kind: "bin" })
  const bolt = yield* Catalog.createItem({ sku: "BOLT-M8", name: "M8 hex bolt", baseUnit: { code: "each" }, conversions: [{ code: "box", factor: 100 }] })
  yield* StockLedger.post([{ id: "po-1-line-1", itemId: bolt.id, from: supplier.id, to: shelf.id, quantity: 3, unit: "box", unitCost: "0.05" }])
  const level = yield* StockQuery.level({ itemId: bolt.id })
  const { total } = yield* ValuationReports.valuation()
  const line = `${bolt.sku}: ${BigDecimal.format(level.onHand)} on hand, worth ${BigDecimal.format(total)}`
  yield* Console.log(line)
  return line
}).pipe(
  // In-memory stores; use PgliteStores.layer({ dataDir }) or PgStores.layer({ url }) to keep the data.
  Effect.provide(Layer.mergeAll(Stores.layerMemory, CurrentActor.CurrentActor.layer("my-tenant", "me"), IdGenerator.IdGenerator.layerUuid))
)

if (import.meta.url === `file://${process.argv[1]}`) {
  Effect.runPromise(program).catch((error: unknown) => {
    console.error(String(error))
    process.exitCode = 1
  })
}

/**
 * The smallest useful embedding of @quartermaster/core: a warehouse on the in-memory stores that receives
 * stock by the case, reserves it for an order, ships against the reservation, and prints stock, the audit
 * trail and the invariant check.
 */
import { Catalog, CurrentActor, EventLog, IdGenerator, Invariants, Locations, Reservations, StockLedger, StockQuery, Stores } from "@quartermaster/core"
import { BigDecimal, Console, Effect, Layer } from "effect"

/** Every failure of the core is a tagged error with a human message. */
export interface Failure {
  readonly _tag: string
  readonly message: string
}

export const program: Effect.Effect<ReadonlyArray<string>, Failure> = Effect.gen(function*() {
  yield* Locations.create({ id: "acme", code: "ACME", kind: "site", usage: "supplier" })
  yield* Locations.create({ id: "customers", code: "CUSTOMERS", kind: "site", usage: "customer" })
  yield* Locations.create({ id: "dc", code: "DC-1", kind: "warehouse" })
  yield* Locations.create({ id: "a-01", code: "DC-1-A-01", kind: "bin", parentId: "dc" })
  yield* Catalog.createItem({
    id: "bolt",
    sku: "BOLT-M8",
    name: "M8 hex bolt",
    baseUnit: { code: "each" },
    conversions: [{ code: "case", factor: 12 }],
    gtins: ["4006381333931"]
  })

  yield* StockLedger.post([{ id: "rcv-1", itemId: "bolt", from: "acme", to: "a-01", quantity: 3, unit: "case", unitCost: "0.42", reference: "PO-1001" }])
  yield* Reservations.reserve([{ id: "so-77", itemId: "bolt", quantity: 30, reference: "SO-77" }])
  // Selling 10 more would eat into the reserved 30: refused with a typed error, and nothing changes.
  const refused = yield* StockLedger.post([{ id: "walk-in", itemId: "bolt", from: "a-01", to: "customers", quantity: 10 }]).pipe(
    Effect.match({ onFailure: (error) => error.message, onSuccess: () => "accepted" })
  )
  yield* StockLedger.post([{ id: "ship-1", itemId: "bolt", from: "a-01", to: "customers", quantity: 30, reservationId: "so-77", reference: "SO-77" }])

  const level = yield* StockQuery.level({ itemId: "bolt", locationId: "dc" })
  const { tenantId } = yield* CurrentActor.CurrentActor
  const trail = yield* (yield* EventLog.EventLog).byEntity(tenantId, { type: "item", id: "bolt" }, { limit: 100 })
  const report = yield* Invariants.verify
  const lines = [
    `BOLT-M8 at DC-1: on hand ${BigDecimal.format(level.onHand)}, reserved ${BigDecimal.format(level.reserved)}, available ${BigDecimal.format(level.available)}`,
    `walk-in sale of 10: ${refused}`,
    `audit trail: ${trail.map((e) => e.event._tag).join(" > ")}`,
    `invariants: ${report.ok ? "ok" : "VIOLATED"} (${report.checked.movements} movements checked)`
  ]
  for (const line of lines) yield* Console.log(line)
  return lines
}).pipe(
  Effect.provide(Layer.mergeAll(Stores.layerMemory, CurrentActor.CurrentActor.layer("demo", "embedded-example"), IdGenerator.IdGenerator.layerUuid))
)

if (import.meta.url === `file://${process.argv[1]}`) {
  Effect.runPromise(program).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error))
    process.exitCode = 1
  })
}

import { assert, describe, it } from "@effect/vitest"
import { BigDecimal, Cause, Effect, Exit, Layer } from "effect"
import * as fc from "fast-check"
import { CurrentActor } from "../src/CurrentActor.ts"
import { IdGenerator } from "../src/IdGenerator.ts"
import * as Invariants from "../src/Invariants.ts"
import * as StockLedger from "../src/StockLedger.ts"
import * as Reservations from "../src/Reservations.ts"
import * as Stores from "../src/Stores.ts"
import { Fixtures } from "../src/testing.ts"

const layer = Layer.mergeAll(Stores.layerMemory, CurrentActor.layer("t1", "alice"), IdGenerator.layerSequential("x"))

const line = fc.record(
  {
    id: fc.oneof(fc.string(), fc.constantFrom("m1", "m2")),
    itemId: fc.oneof(fc.string(), fc.constantFrom("plain", "bulk", "lotted", "serial")),
    from: fc.oneof(fc.string(), fc.constantFrom("sup", "bin-a", "cust")),
    to: fc.oneof(fc.string(), fc.constantFrom("sup", "bin-a", "bin-b")),
    quantity: fc.oneof(fc.double(), fc.string(), fc.integer({ min: -5, max: 50 }), fc.constant(null)),
    unit: fc.oneof(fc.string(), fc.constantFrom("case", "g")),
    lot: fc.string(),
    serials: fc.array(fc.string(), { maxLength: 3 }),
    unitCost: fc.oneof(fc.double(), fc.string()),
    effectiveAt: fc.oneof(fc.string(), fc.integer(), fc.constant({})),
    reservationId: fc.string()
  },
  { requiredKeys: [] }
)

describe("StockLedger.post on garbage", () => {
  it.effect("never throws or dies, fails with a typed error, and changes nothing when it fails", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* StockLedger.post([{ id: "seed", itemId: "plain", from: "sup", to: "bin-a", quantity: 5 }])
      const samples = fc.sample(fc.oneof(fc.array(line, { maxLength: 4 }), fc.anything()), { numRuns: 400, seed: 42 })
      let refused = 0
      for (const sample of samples) {
        const exit = yield* Effect.exit(StockLedger.post(sample as never))
        if (Exit.isFailure(exit)) {
          assert.isFalse(Cause.hasDies(exit.cause), `died on ${JSON.stringify(sample)}`)
          const error = Cause.squash(exit.cause) as { _tag?: string; message?: string }
          assert.isString(error._tag)
          assert.isString(error.message)
          refused++
        }
      }
      assert.isAbove(refused, 300)
      const report = yield* Invariants.verify
      assert.deepStrictEqual(report.violations, [])
    }).pipe(Effect.provide(layer)))

  it.effect("names the failing field of an invalid line", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      const error = yield* Effect.flip(StockLedger.post([
        { id: "ok", itemId: "plain", from: "sup", to: "bin-a", quantity: 1 },
        { id: "bad", itemId: "plain", from: "sup", to: "bin-a", quantity: "1.5" }
      ]))
      assert.strictEqual(error._tag, "InvalidQuantity")
      assert.include(error.message, "lines[1].quantity")
      const shape = yield* Effect.flip(StockLedger.post([{ id: "x", itemId: "plain", from: "sup", to: 7 } as never]))
      assert.strictEqual(shape._tag, "InvalidInput")
      assert.include(shape.message, "[0].to")
      const reserve = yield* Effect.flip(Reservations.reserve([{ id: "r", itemId: "plain", quantity: {} } as never]))
      assert.strictEqual(reserve._tag, "InvalidInput")
    }).pipe(Effect.provide(layer)))
})

describe("StockLedger.post conversions and costs", () => {
  it.effect("converts units and reads costs the same on every line of a batch, shared or not", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      const { movements } = yield* StockLedger.post([
        { id: "c1", itemId: "plain", from: "sup", to: "bin-a", quantity: 2, unit: "case", unitCost: "2.50" },
        { id: "c2", itemId: "plain", from: "sup", to: "bin-a", quantity: 2000, unit: "case", unitCost: "2.5" },
        { id: "c3", itemId: "plain", from: "sup", to: "bin-a", quantity: "1", unit: "case", unitCost: 2.5 },
        { id: "c4", itemId: "plain", from: "sup", to: "bin-a", quantity: 1023, unitCost: "2.50" },
        { id: "g1", itemId: "bulk", from: "sup", to: "bin-a", quantity: 1500, unit: "g", unitCost: "0.010" },
        { id: "g2", itemId: "bulk", from: "sup", to: "bin-a", quantity: 7, unit: "g", unitCost: "0.010" }
      ])
      assert.deepStrictEqual(movements.map((m) => m.quantity), [24n, 24000n, 12n, 1023n, 1500n, 7n])
      assert.deepStrictEqual(movements.map((m) => m.unitCost === null ? null : BigDecimal.format(m.unitCost)), ["2.5", "2.5", "2.5", "2.5", "0.01", "0.01"])
      // A conversion that does not come out whole fails exactly as a single line would.
      const partial = yield* Effect.flip(StockLedger.post([
        { id: "g3", itemId: "bulk", from: "sup", to: "bin-a", quantity: 1, unit: "g" },
        { id: "g4", itemId: "bulk", from: "sup", to: "bin-a", quantity: "0.5", unit: "g" }
      ]))
      assert.strictEqual(partial._tag, "InvalidQuantity")
      assert.include(partial.message, "lines[1].quantity")
      const unknown = yield* Effect.flip(StockLedger.post([{ id: "u1", itemId: "plain", from: "sup", to: "bin-a", quantity: 1, unit: "pallet" }]))
      assert.strictEqual(unknown._tag, "UnknownUnit")
      const negative = yield* Effect.flip(StockLedger.post([
        { id: "n1", itemId: "plain", from: "sup", to: "bin-a", quantity: 1, unitCost: "2.50" },
        { id: "n2", itemId: "plain", from: "sup", to: "bin-a", quantity: 1, unitCost: "-2.50" }
      ]))
      assert.strictEqual(negative._tag, "InvalidMovement")
      assert.include(negative.message, "lines[1].unitCost")
    }).pipe(Effect.provide(layer)))
})


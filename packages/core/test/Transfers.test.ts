import { assert, describe, it } from "@effect/vitest"
import { BigDecimal, Effect, Exit, Layer } from "effect"
import * as fc from "fast-check"
import { CurrentActor } from "../src/CurrentActor.ts"
import { IdGenerator } from "../src/IdGenerator.ts"
import * as Invariants from "../src/Invariants.ts"
import * as StockLedger from "../src/StockLedger.ts"
import * as StockQuery from "../src/StockQuery.ts"
import * as Stores from "../src/Stores.ts"
import { Fixtures } from "../src/testing.ts"
import * as Transfers from "../src/Transfers.ts"

const layer = Layer.mergeAll(Stores.layerMemory, CurrentActor.layer("t1", "clerk"), IdGenerator.layerSequential("x"))

const tagOf = (cause: { readonly reasons: ReadonlyArray<{ readonly _tag: string }> }): string | undefined => {
  const fail = cause.reasons.find((r) => r._tag === "Fail") as { readonly error: { readonly _tag: string } } | undefined
  return fail?.error._tag
}

const inTransitStock = (itemId: string) =>
  Effect.map(StockQuery.breakdown({ itemId, locationId: "transit" }), (rows) => rows.reduce((n, r) => n + Number(BigDecimal.format(r.quantity)), 0))

const openInTransit = (itemId: string) =>
  Effect.map(Transfers.inTransit({ itemId }), (rows) => rows.reduce((n, r) => n + Number(BigDecimal.format(r.inTransit)), 0))

describe("Transfers", () => {
  it.effect("concurrent receipts against one transfer never receive more than was shipped", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* StockLedger.post([{ id: "stock", itemId: "plain", from: "sup", to: "bin-a", quantity: 50 }])
      for (let round = 0; round < 5; round++) {
        const id = `tr-${round}`
        yield* Transfers.create({ id, from: "bin-a", to: "bin-c", transitLocationId: "transit", lines: [{ itemId: "plain", quantity: 6 }] })
        yield* Transfers.ship(id)
        const exits = yield* Effect.all(
          Array.from({ length: 4 }, (_, i) => Effect.exit(Transfers.receive(id, { id: `${id}-rc${i}`, lines: [{ lineNo: 1, quantity: 4 }] }))),
          { concurrency: "unbounded" }
        )
        assert.strictEqual(exits.filter(Exit.isSuccess).length, 1, "one receipt of 4 fits in 6")
        for (const e of exits) if (Exit.isFailure(e)) assert.strictEqual(tagOf(e.cause), "OverReceipt")
        const t = yield* Transfers.get(id)
        assert.deepStrictEqual([t.status, t.lines[0]!.received], ["partiallyReceived", 4n])
      }
      assert.deepStrictEqual([yield* inTransitStock("plain"), yield* openInTransit("plain")], [10, 10])
      assert.deepStrictEqual((yield* Invariants.verify).violations, [])
    }).pipe(Effect.provide(layer)))

  it.effect("a draft can be cancelled, and nothing else", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* StockLedger.post([{ id: "stock", itemId: "plain", from: "sup", to: "bin-a", quantity: 5 }])
      yield* Transfers.create({ id: "d", from: "bin-a", to: "bin-b", transitLocationId: "transit", lines: [{ itemId: "plain", quantity: 2 }] })
      assert.strictEqual((yield* Transfers.cancel("d")).status, "cancelled")
      assert.strictEqual((yield* Effect.flip(Transfers.ship("d")))._tag, "TransferState")
      assert.strictEqual((yield* Effect.flip(Transfers.cancel("d")))._tag, "TransferState")
      yield* Transfers.direct({ id: "m", from: "bin-a", to: "bin-b", lines: [{ itemId: "plain", quantity: 2 }] })
      assert.strictEqual((yield* Effect.flip(Transfers.cancel("m")))._tag, "TransferState")
      assert.strictEqual((yield* Effect.flip(Transfers.direct({ from: "bin-a", to: "bin-b", transitLocationId: "transit", lines: [{ itemId: "plain", quantity: 1 }] })))._tag, "InvalidTransfer")
    }).pipe(Effect.provide(layer)))

  it.effect("in-transit visibility matches the transit location's stock over any sequence of receipts (property)", () =>
    Effect.promise(() => {
      const step = fc.record({
        quantity: fc.integer({ min: 1, max: 9 }),
        receipts: fc.array(fc.record({ received: fc.nat(4), damaged: fc.nat(2), short: fc.nat(1) }), { maxLength: 4 }),
        close: fc.boolean()
      })
      return fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 4 }), (plan) =>
          Effect.runPromise(Effect.gen(function*() {
            yield* Fixtures.world
            yield* StockLedger.post([{ id: "stock", itemId: "plain", from: "sup", to: "bin-a", quantity: 100 }])
            let n = 0
            for (const t of plan) {
              const id = `p-${++n}`
              yield* Transfers.create({ id, from: "bin-a", to: "bin-b", transitLocationId: "transit", lines: [{ itemId: "plain", quantity: t.quantity }] })
              yield* Transfers.ship(id)
              for (const r of t.receipts) {
                // Receipts that declare nothing or more than is left fail and change nothing.
                yield* Effect.exit(Transfers.receive(id, { lines: [{ lineNo: 1, quantity: r.received, damaged: r.damaged, short: r.short }], lossLocationId: "loss" }))
              }
              if (t.close) yield* Transfers.close(id, { lossLocationId: "loss" })
              const line = (yield* Transfers.get(id)).lines[0]!
              if (line.received + line.damaged + line.short > line.shipped) return false
            }
            const stock = yield* inTransitStock("plain")
            const open = yield* openInTransit("plain")
            const atDestination = Number(BigDecimal.format((yield* StockQuery.level({ itemId: "plain", locationId: "bin-b" })).onHand))
            const received = (yield* Transfers.list()).reduce((sum, t) => sum + Number(t.lines[0]!.received), 0)
            return stock === open && atDestination === received && (yield* Invariants.verify).violations.length === 0
          }).pipe(Effect.provide(layer)))),
        { numRuns: 25 }
      )
    }))
})

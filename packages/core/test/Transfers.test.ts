import { assert, describe, it } from "@effect/vitest"
import { BigDecimal, Effect, Exit, Layer, Schema } from "effect"
import * as fc from "fast-check"
import { CurrentActor } from "../src/CurrentActor.ts"
import { IdGenerator } from "../src/IdGenerator.ts"
import * as Invariants from "../src/Invariants.ts"
import { LedgerStore } from "../src/LedgerStore.ts"
import * as StockLedger from "../src/StockLedger.ts"
import * as StockQuery from "../src/StockQuery.ts"
import * as Stores from "../src/Stores.ts"
import { Fixtures } from "../src/testing.ts"
import * as Transfers from "../src/Transfers.ts"
import * as Transfer from "../src/Transfer.ts"

const layer = Layer.mergeAll(Stores.layerMemory, CurrentActor.layer("t1", "clerk"), IdGenerator.layerSequential("x"))

const tagOf = (cause: { readonly reasons: ReadonlyArray<{ readonly _tag: string }> }): string | undefined => {
  const fail = cause.reasons.find((r) => r._tag === "Fail") as { readonly error: { readonly _tag: string } } | undefined
  return fail?.error._tag
}

const inTransitStock = (itemId: string) =>
  Effect.map(StockQuery.breakdown({ itemId, locationId: "transit" }), (rows) => rows.reduce((n, r) => n + Number(BigDecimal.format(r.quantity)), 0))

const serialsAt = (locationId: string) =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const positions = yield* (yield* LedgerStore).serials(actor.tenantId, { itemId: "serial" as never })
    return positions.filter((p) => p.locationId === locationId).map((p) => p.serial).sort()
  })

const SERIALS = ["S1", "S2", "S3", "S4", "S5", "S6"]

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

  it.effect("serial lines: refusals at create, ship and direct are typed and change nothing", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* StockLedger.post([{ id: "stock", itemId: "serial", from: "sup", to: "bin-a", quantity: 2, serials: ["S1", "S2"] }])
      assert.strictEqual((yield* Effect.flip(Transfers.create({ from: "bin-a", to: "bin-b", lines: [{ itemId: "serial", quantity: 2, serials: ["S1"] }] })))._tag, "InvalidTransfer")
      assert.strictEqual(
        (yield* Effect.flip(Transfers.create({ from: "bin-a", to: "bin-b", lines: [{ itemId: "serial", quantity: 1, serials: ["S1"] }, { itemId: "serial", quantity: 1, serials: ["S1"] }] })))._tag,
        "InvalidTransfer"
      )
      assert.strictEqual((yield* Effect.flip(Transfers.create({ from: "bin-a", to: "bin-b", lines: [{ itemId: "plain", quantity: 1, serials: ["S1"] }] })))._tag, "InvalidTransfer")
      yield* Transfers.create({ id: "far", from: "bin-a", to: "bin-b", transitLocationId: "transit", lines: [{ itemId: "serial", quantity: 1, serials: ["S9"] }] })
      assert.strictEqual((yield* Effect.flip(Transfers.ship("far")))._tag, "SerialConflict")
      assert.strictEqual((yield* Transfers.get("far")).status, "draft")
      assert.strictEqual((yield* Effect.flip(Transfers.direct({ from: "bin-b", to: "bin-c", lines: [{ itemId: "serial", quantity: 1, serials: ["S1"] }] })))._tag, "SerialConflict")
      assert.deepStrictEqual(yield* serialsAt("bin-a"), ["S1", "S2"])
      const moved = yield* Transfers.direct({ id: "dm", from: "bin-a", to: "bin-c", lines: [{ itemId: "serial", quantity: 1, serials: ["S2"] }] })
      assert.deepStrictEqual([moved.status, moved.lines[0]!.settledSerials], ["received", [{ serial: "S2", as: "received" }]])
      assert.deepStrictEqual([yield* serialsAt("bin-a"), yield* serialsAt("bin-c")], [["S1"], ["S2"]])
      assert.deepStrictEqual((yield* Invariants.verify).violations, [])
    }).pipe(Effect.provide(layer)))

  it.effect("a transfer without serials is stored exactly as before the serial fields existed", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* StockLedger.post([{ id: "stock", itemId: "plain", from: "sup", to: "bin-a", quantity: 5 }])
      yield* Transfers.create({ id: "old", from: "bin-a", to: "bin-b", transitLocationId: "transit", lines: [{ itemId: "plain", quantity: 3 }] })
      yield* Transfers.ship("old")
      const t = yield* Transfers.receive("old", { lines: [{ lineNo: 1, quantity: 1 }] })
      const doc = JSON.parse(JSON.stringify(Schema.encodeSync(Transfer.Transfer)(t))) as { lines: Array<Record<string, unknown>>; receipts: Array<{ lines: Array<Record<string, unknown>> }> }
      assert.deepStrictEqual(Object.keys(doc.lines[0]!).sort(), ["damaged", "decimals", "itemId", "lineNo", "lot", "quantity", "received", "shipped", "short"])
      assert.deepStrictEqual(Object.keys(doc.receipts[0]!.lines[0]!).sort(), ["damaged", "lineNo", "received", "short"])
      assert.deepStrictEqual(Schema.decodeUnknownSync(Transfer.Transfer)(doc), t)
      assert.deepStrictEqual((yield* Transfers.inTransit({ transferId: "old" }))[0]!.serials, [])
    }).pipe(Effect.provide(layer)))

  it.effect("concurrent receipts naming the same serial: exactly one receives it", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      yield* StockLedger.post([{ id: "stock", itemId: "serial", from: "sup", to: "bin-a", quantity: 3, serials: ["S1", "S2", "S3"] }])
      yield* Transfers.create({ id: "c", from: "bin-a", to: "bin-b", transitLocationId: "transit", lines: [{ itemId: "serial", quantity: 3, serials: ["S1", "S2", "S3"] }] })
      yield* Transfers.ship("c")
      const exits = yield* Effect.all(
        ["S1", "S1", "S2"].map((serial, i) => Effect.exit(Transfers.receive("c", { id: `rc-${i}`, lines: [{ lineNo: 1, serials: [serial] }] }))),
        { concurrency: "unbounded" }
      )
      assert.strictEqual(exits.filter(Exit.isSuccess).length, 2)
      for (const e of exits) if (Exit.isFailure(e)) assert.strictEqual(tagOf(e.cause), "InvalidTransfer")
      assert.deepStrictEqual([yield* serialsAt("bin-b"), yield* serialsAt("transit")], [["S1", "S2"], ["S3"]])
      assert.deepStrictEqual((yield* Transfers.inTransit({ transferId: "c" }))[0]!.serials, ["S3"])
      assert.deepStrictEqual((yield* Invariants.verify).violations, [])
    }).pipe(Effect.provide(layer)))

  it.effect("each serial's ledger position follows the transfer over any sequence of receipts (property)", () =>
    Effect.promise(() => {
      const outcome = fc.constantFrom("received" as const, "damaged" as const, "short" as const, "none" as const)
      const plan = fc.record({
        shipped: fc.subarray(SERIALS, { minLength: 1 }),
        receipts: fc.array(fc.array(fc.record({ serial: fc.constantFrom(...SERIALS), as: outcome }), { maxLength: 4 }), { maxLength: 4 }),
        close: fc.boolean()
      })
      return fc.assert(
        fc.asyncProperty(plan, (p) =>
          Effect.runPromise(Effect.gen(function*() {
            yield* Fixtures.world
            yield* StockLedger.post([{ id: "stock", itemId: "serial", from: "sup", to: "bin-a", quantity: SERIALS.length, serials: SERIALS }])
            yield* Transfers.create({ id: "p", from: "bin-a", to: "bin-b", transitLocationId: "transit", lines: [{ itemId: "serial", quantity: p.shipped.length, serials: p.shipped }] })
            yield* Transfers.ship("p")
            const expected = new Map<string, string>(SERIALS.map((s) => [s, p.shipped.includes(s) ? "transit" : "bin-a"]))
            for (const r of p.receipts) {
              const pick = (as: string) => r.filter((x) => x.as === as).map((x) => x.serial)
              const exit = yield* Effect.exit(Transfers.receive("p", { lines: [{ lineNo: 1, serials: pick("received"), damagedSerials: pick("damaged"), shortSerials: pick("short") }], lossLocationId: "loss" }))
              // A receipt succeeds exactly when it names at least one serial, each distinct and still in transit.
              const named = r.filter((x) => x.as !== "none").map((x) => x.serial)
              const valid = named.length > 0 && new Set(named).size === named.length && named.every((s) => expected.get(s) === "transit")
              if (Exit.isSuccess(exit) !== valid) return false
              if (valid) for (const x of r) if (x.as !== "none") expected.set(x.serial, x.as === "received" ? "bin-b" : "loss")
            }
            if (p.close) {
              yield* Transfers.close("p", { lossLocationId: "loss" })
              for (const [s, at] of expected) if (at === "transit") expected.set(s, "loss")
            }
            const want = (at: string) => [...expected].filter(([, l]) => l === at).map(([s]) => s).sort()
            const rows = yield* Transfers.inTransit({ transferId: "p" })
            const open = rows.flatMap((row) => row.serials)
            const t = yield* Transfers.get("p")
            const line = t.lines[0]!
            return JSON.stringify([yield* serialsAt("bin-a"), yield* serialsAt("transit"), yield* serialsAt("bin-b"), open]) ===
                JSON.stringify([want("bin-a"), want("transit"), want("bin-b"), want("transit")]) &&
              Number(line.received) === want("bin-b").length &&
              Number(line.damaged + line.short) === want("loss").length &&
              (yield* Invariants.verify).violations.length === 0
          }).pipe(Effect.provide(layer)))),
        { numRuns: 30 }
      )
    }))
})

import { assert, describe, layer } from "@effect/vitest"
import { Invariants, Locations, Reservations, StockLedger, StockQuery } from "@quartermaster/core"
import { Fixtures } from "@quartermaster/core/testing"
import { PgStores } from "@quartermaster/storage-postgres"
import { BigDecimal, Effect, Exit } from "effect"
import { url } from "./database.ts"

const CLIENTS = 64

const level = (itemId: string) =>
  Effect.map(StockQuery.level({ itemId }), (l) => ({
    onHand: Number(BigDecimal.format(l.onHand)),
    reserved: Number(BigDecimal.format(l.reserved)),
    available: Number(BigDecimal.format(l.available))
  }))

// Reservations hold smallest base units: grams for the kilogram item.
const liveReserved = (itemId: string) =>
  Effect.map(Reservations.list({ itemId, status: "open", limit: 1000 }), (list) =>
    list.reduce((sum, r) => sum + Number(r.quantity - r.fulfilled), 0) / (itemId === "bulk" ? 1000 : 1))

// Contention on the real server: 64 clients, each with its own connection from the pool, race to issue and
// reserve the same few items. Nothing may oversell, and every invariant must hold afterwards.
describe.runIf(url !== undefined)("PostgreSQL under contention", () => {
  layer(PgStores.layer({ url: url!, maxConnections: CLIENTS }), { timeout: 60_000, excludeTestServices: true })("64 clients", (it) => {
    it.effect("issues, batched issues and reservations against the same items never oversell", () =>
      Fixtures.asFreshTenant("contention", () =>
        Effect.gen(function*() {
          yield* Fixtures.world
          yield* StockLedger.post([
            { id: "stock-plain", itemId: "plain", from: "sup", to: "bin-a", quantity: 40 },
            { id: "stock-bulk", itemId: "bulk", from: "sup", to: "bin-b", quantity: "30.000" }
          ])
          const work = Array.from({ length: CLIENTS * 3 }, (_, i) => {
            const item = i % 2 === 0 ? "plain" : "bulk"
            const from = item === "plain" ? "bin-a" : "bin-b"
            switch (i % 3) {
              case 0:
                return Effect.as(StockLedger.post([{ id: `issue-${i}`, itemId: item, from, to: "cust", quantity: 1 }]), { item, issued: 1 })
              case 1:
                // medusajs/medusa #16502: one batch with two lines for the same item and location.
                return Effect.as(
                  StockLedger.post([
                    { id: `pair-a-${i}`, itemId: item, from, to: "cust", quantity: 1 },
                    { id: `pair-b-${i}`, itemId: item, from, to: "cust", quantity: 1 }
                  ]),
                  { item, issued: 2 }
                )
              default:
                return Effect.as(Reservations.reserve([{ id: `res-${i}`, itemId: item, quantity: 1 }]), { item, issued: 0 })
            }
          })
          const exits = yield* Effect.forEach(work, (w) => Effect.exit(w), { concurrency: CLIENTS })
          const failures = exits.filter(Exit.isFailure)
          for (const f of failures) {
            const reason = f.cause.reasons[0]
            const tag = reason?._tag === "Fail" ? (reason.error as { _tag: string })._tag : reason?._tag
            assert.oneOf(tag, ["InsufficientStock", "InsufficientAvailable"], `unexpected failure ${String(f.cause)}`)
          }
          const issued = { plain: 0, bulk: 0 }
          for (const e of exits) if (Exit.isSuccess(e)) issued[e.value.item as "plain" | "bulk"] += e.value.issued
          for (const [item, start] of [["plain", 40], ["bulk", 30]] as const) {
            const now = yield* level(item)
            assert.strictEqual(now.onHand, start - issued[item], `${item}: on hand equals start minus what succeeded`)
            assert.isAtLeast(now.onHand, 0, `${item}: no oversell`)
            assert.isAtLeast(now.available, 0, `${item}: available never negative`)
            assert.strictEqual(now.reserved, yield* liveReserved(item), `${item}: reserved equals the live reservations`)
          }
          assert.isAbove(failures.length, 0, "the race must actually exhaust the stock")
          const report = yield* Invariants.verify
          assert.deepStrictEqual(report.violations, [])
        })))

    it.effect("direct concurrent reservations of the last units (medusajs/medusa #16569)", () =>
      Fixtures.asFreshTenant("reserve-race", () =>
        Effect.gen(function*() {
          yield* Fixtures.world
          yield* StockLedger.post([{ id: "stock", itemId: "plain", from: "sup", to: "bin-a", quantity: 10 }])
          const exits = yield* Effect.forEach(
            Array.from({ length: CLIENTS }, (_, i) => i),
            (i) => Effect.exit(Reservations.reserve([{ id: `r-${i}`, itemId: "plain", quantity: 1 }])),
            { concurrency: CLIENTS }
          )
          assert.strictEqual(exits.filter(Exit.isSuccess).length, 10, "exactly the stock is reserved")
          const now = yield* level("plain")
          assert.deepStrictEqual(now, { onHand: 10, reserved: 10, available: 0 })
          assert.strictEqual(yield* liveReserved("plain"), 10)
          assert.deepStrictEqual((yield* Invariants.verify).violations, [])
        })))

    it.effect("archiving a location while clients post into it never leaves stock in an archived location", () =>
      Fixtures.asFreshTenant("archive-race", () =>
        Effect.gen(function*() {
          yield* Fixtures.world
          yield* StockLedger.post([{ id: "stock", itemId: "plain", from: "sup", to: "bin-a", quantity: 100 }])
          for (let round = 0; round < 10; round++) {
            const target = `race-${round}`
            yield* Locations.create({ id: target, code: `RACE-${round}`, kind: "bin", parentId: "z1" })
            yield* Effect.forEach(
              [
                Effect.exit(Locations.archive(target)) as Effect.Effect<unknown, never, StockLedger.Env>,
                ...Array.from({ length: 4 }, (_, i) =>
                  Effect.exit(StockLedger.post([{ id: `${target}-${i}`, itemId: "plain", from: "bin-a", to: target, quantity: 1 }])))
              ],
              (e) => e,
              { concurrency: "unbounded" }
            )
            const location = yield* Locations.get(target)
            const held = yield* StockQuery.level({ itemId: "plain", locationId: target })
            if (location.archived) assert.isTrue(BigDecimal.isZero(held.onHand), `${target} archived with stock`)
          }
          assert.deepStrictEqual((yield* Invariants.verify).violations, [])
        })))

    it.effect("the same batch posted by many clients at once lands exactly once", () =>
      Fixtures.asFreshTenant("replay-race", () =>
        Effect.gen(function*() {
          yield* Fixtures.world
          const batch = [
            { id: "once-1", itemId: "plain", from: "sup", to: "bin-a", quantity: 5 },
            { id: "once-2", itemId: "plain", from: "bin-a", to: "bin-b", quantity: 2 }
          ] as const
          const exits = yield* Effect.forEach(Array.from({ length: 16 }, () => batch), (b) => Effect.exit(StockLedger.post(b)), { concurrency: 16 })
          const outcomes = exits.map((e) => (Exit.isSuccess(e) ? (e.value.replayed ? "replayed" : "posted") : String(e.cause)))
          assert.strictEqual(outcomes.filter((o) => o === "posted").length, 1, `one post: ${outcomes.join(", ")}`)
          assert.strictEqual(outcomes.filter((o) => o === "replayed").length, 15)
          assert.deepStrictEqual(yield* level("plain"), { onHand: 5, reserved: 0, available: 5 })
          assert.deepStrictEqual((yield* Invariants.verify).violations, [])
        })))
  })
})

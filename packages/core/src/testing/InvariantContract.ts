/**
 * Contract cases for the invariant checker and for concurrency: many fibers issuing and reserving against
 * the same stock never oversell, and the checker passes afterwards.
 *
 * @since 0.1.0
 */
import { CurrentActor, type Ids, Invariants, LedgerStore, Reservations, StockLedger, StockQuery } from "@quartermaster/core"
import { BigDecimal, DateTime, Effect, Exit } from "effect"
import * as Assert from "./Assert.ts"
import { suite, type Case } from "./Case.ts"
import { world } from "./Fixtures.ts"

const test = suite("invariants")

/**
 * The invariant and concurrency cases.
 *
 * @since 0.1.0
 */
export const cases: ReadonlyArray<Case> = [
  test("verify reports every violation precisely, not just the first", () =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([{ id: "in", itemId: "plain", from: "sup", to: "bin-a", quantity: 5 }])
      yield* Assert.equal((yield* Invariants.verify).violations, [], "clean before corruption")
      const { tenantId } = yield* CurrentActor.CurrentActor
      const now = yield* DateTime.now
      // Write around the ledger's rules, through the store port, to corrupt it on purpose.
      yield* (yield* LedgerStore.LedgerStore).record(tenantId, {
        movements: [{
          id: "ghost" as Ids.MovementId,
          tenantId,
          seq: 0,
          batchId: "ghost" as Ids.MovementId,
          itemId: "bulk" as Ids.ItemId,
          fromLocationId: "sup" as Ids.LocationId,
          toLocationId: "bin-b" as Ids.LocationId,
          quantity: 1000n,
          lot: null,
          serials: [],
          unitCost: null,
          effectiveAt: now,
          recordedAt: now,
          reasonCode: null,
          reference: null,
          reservationId: null,
          actorId: "contract" as Ids.ActorId
        }],
        deltas: [{ itemId: "plain" as Ids.ItemId, locationId: "bin-b" as Ids.LocationId, lot: null, delta: -2n }],
        serials: [],
        lots: []
      })
      const report = yield* Invariants.verify
      const kinds = report.violations.map((v) => `${v.kind}:${v.itemId}@${v.locationId ?? "*"}`).sort()
      yield* Assert.equal(
        kinds,
        [
          "balance-mismatch:bulk@bin-b",
          "balance-mismatch:bulk@sup",
          "balance-mismatch:plain@bin-b",
          "item-not-balanced:plain@*",
          "negative-stock:plain@bin-b"
        ],
        "violations"
      )
      yield* Assert.that(!report.ok, "not ok")
    })),

  test("concurrent issues and reservations never oversell", () =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([{ id: "stock", itemId: "plain", from: "sup", to: "bin-a", quantity: 20 }])
      const attempts = Array.from({ length: 60 }, (_, i): Effect.Effect<unknown, unknown, StockLedger.Env> =>
        i % 3 === 0
          ? Reservations.reserve([{ id: `r${i}`, itemId: "plain", quantity: 1 }])
          : i % 3 === 1
          ? StockLedger.post([{ id: `m${i}`, itemId: "plain", from: "bin-a", to: "cust", quantity: 1 }])
          : StockLedger.post([
            { id: `a${i}`, itemId: "plain", from: "bin-a", to: "cust", quantity: 1 },
            { id: `b${i}`, itemId: "plain", from: "bin-a", to: "cust", quantity: 1 }
          ]))
      const exits = yield* Effect.forEach(attempts, (a) => Effect.exit(a), { concurrency: "unbounded" })
      const level = yield* StockQuery.level({ itemId: "plain" })
      yield* Assert.that(!BigDecimal.isNegative(level.onHand), `on hand never negative: ${Assert.show(level)}`)
      yield* Assert.that(!BigDecimal.isNegative(level.available), `available never negative: ${Assert.show(level)}`)
      const succeeded = exits.filter(Exit.isSuccess).length
      yield* Assert.that(succeeded > 0 && succeeded < 60, `some succeed and some are refused (${succeeded})`)
      yield* Assert.equal((yield* Invariants.verify).violations, [], "invariants after the race")
    })),

  test("concurrent direct reservations of the last units: exactly the stock is reserved", () =>
    Effect.gen(function*() {
      yield* world
      yield* StockLedger.post([{ id: "stock", itemId: "plain", from: "sup", to: "bin-a", quantity: 10 }])
      const exits = yield* Effect.forEach(
        Array.from({ length: 40 }, (_, i) => i),
        (i) => Effect.exit(Reservations.reserve([{ id: `r${i}`, itemId: "plain", quantity: 1 }])),
        { concurrency: "unbounded" }
      )
      yield* Assert.equal(exits.filter(Exit.isSuccess).length, 10, "reservations placed")
      const level = yield* StockQuery.level({ itemId: "plain" })
      yield* Assert.equal([level.reserved, level.available].map(BigDecimal.format), ["10", "0"], "reserved and available")
      yield* Assert.equal((yield* Invariants.verify).violations, [], "invariants")
    }))
]

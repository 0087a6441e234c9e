/**
 * Contract cases for reservations: availability, batches, expiry, release, extend and fulfilment.
 *
 * @since 0.1.0
 */
import { Catalog, Reservations, StockLedger, StockQuery } from "@quartermaster/core"
import { BigDecimal, Cause, DateTime, Effect, Exit } from "effect"
import * as Assert from "./Assert.ts"
import { suite, type Case } from "./Case.ts"
import { world } from "./Fixtures.ts"
import { snapshot } from "./LedgerContract.ts"

const test = suite("reservations")

const level = (itemId: string, locationId?: string) =>
  Effect.map(StockQuery.level({ itemId, ...(locationId === undefined ? {} : { locationId }) }), (l) => [
    BigDecimal.format(l.onHand),
    BigDecimal.format(l.reserved),
    BigDecimal.format(l.available)
  ])

const seed = StockLedger.post([
  { id: "seed-a", itemId: "plain", from: "sup", to: "bin-a", quantity: 6 },
  { id: "seed-c", itemId: "plain", from: "sup", to: "bin-c", quantity: 4 }
])

/**
 * The reservation cases.
 *
 * @since 0.1.0
 */
export const cases: ReadonlyArray<Case> = [
  test("reservations reduce available and never take it below zero", () =>
    Effect.gen(function*() {
      yield* world
      yield* seed
      yield* Reservations.reserve([{ id: "r1", itemId: "plain", quantity: 7, reference: "SO-1" }])
      yield* Assert.equal(yield* level("plain"), ["10", "7", "3"], "item level")
      const error = yield* Assert.failsWith(Reservations.reserve([{ id: "r2", itemId: "plain", quantity: 4 }]), "InsufficientAvailable", "over-reserve")
      yield* Assert.equal([error.available, error.requested], ["3", "4"], "reported figures")
      yield* Reservations.reserve([{ id: "r2", itemId: "plain", quantity: 3 }])
      yield* Assert.failsWith(StockLedger.post([{ id: "steal", itemId: "plain", from: "bin-a", to: "cust", quantity: 1 }]), "InsufficientAvailable", "issuing reserved stock")
      yield* StockLedger.post([{ id: "move", itemId: "plain", from: "bin-a", to: "bin-b", quantity: 6 }])
      yield* Assert.failsWith(StockLedger.post([{ id: "lose", itemId: "plain", from: "bin-b", to: "loss", quantity: 1 }]), "InsufficientAvailable", "loss of reserved stock")
    })),

  test("a batch of reservations is checked against its summed demand and is atomic", () =>
    Effect.gen(function*() {
      yield* world
      yield* seed
      const before = yield* snapshot
      yield* Assert.failsWith(
        Reservations.reserve([
          { id: "a", itemId: "plain", quantity: 6 },
          { id: "b", itemId: "plain", quantity: 5 }
        ]),
        "InsufficientAvailable",
        "6 + 5 against 10"
      )
      yield* Assert.equal(yield* snapshot, before, "nothing placed")
      yield* Assert.equal((yield* Reservations.list()).length, 0, "no reservations")
      yield* Reservations.reserve([{ id: "a", itemId: "plain", quantity: 6 }, { id: "b", itemId: "plain", quantity: 4 }])
      yield* Assert.equal(yield* level("plain"), ["10", "10", "0"], "fully reserved")
    })),

  test("location reservations hold stock in that subtree", () =>
    Effect.gen(function*() {
      yield* world
      yield* seed
      yield* Reservations.reserve([{ id: "at-s2", itemId: "plain", locationId: "s2", quantity: 4 }])
      yield* Assert.equal(yield* level("plain", "s2"), ["4", "4", "0"], "site 2")
      yield* Assert.failsWith(Reservations.reserve([{ id: "more", itemId: "plain", locationId: "wh2", quantity: 1 }]), "InsufficientAvailable", "inside the reserved subtree")
      yield* Assert.failsWith(StockLedger.post([{ id: "out", itemId: "plain", from: "bin-c", to: "bin-a", quantity: 1 }]), "InsufficientAvailable", "moving reserved stock out")
      yield* Reservations.reserve([{ id: "at-s1", itemId: "plain", locationId: "s1", quantity: 6 }])
      yield* Assert.failsWith(Reservations.reserve([{ id: "any", itemId: "plain", quantity: 1 }]), "InsufficientAvailable", "item as a whole")
    })),

  test("expired reservations stop counting; release and extend change what is held", (clock) =>
    Effect.gen(function*() {
      yield* world
      yield* seed
      yield* Reservations.reserve([{ id: "short", itemId: "plain", quantity: 8, ttlSeconds: 60 }])
      yield* Assert.equal(yield* level("plain"), ["10", "8", "2"], "while held")
      yield* clock.advance("61 seconds")
      yield* Assert.equal(yield* level("plain"), ["10", "0", "10"], "after expiry")
      yield* Assert.failsWith(Reservations.release("short"), "ReservationNotOpen", "release an expired one")
      yield* Reservations.reserve([{ id: "held", itemId: "plain", quantity: 5, ttlSeconds: 60 }])
      yield* Reservations.extend("held", null)
      yield* clock.advance("2 hours")
      yield* Assert.equal(yield* level("plain"), ["10", "5", "5"], "extended without expiry")
      yield* Assert.failsWith(Reservations.extend("held", "2020-01-01T00:00:00Z"), "InvalidMovement", "extend into the past")
      const released = yield* Reservations.release("held")
      yield* Assert.equal(released.status, "released", "status")
      yield* Assert.equal(yield* level("plain"), ["10", "0", "10"], "after release")
      yield* Assert.failsWith(Reservations.release("held"), "ReservationNotOpen", "release twice")
      yield* Assert.failsWith(Reservations.release("nope"), "UnknownReservation", "unknown")
    })),

  test("an issue naming a reservation fulfils it", () =>
    Effect.gen(function*() {
      yield* world
      yield* seed
      yield* Reservations.reserve([{ id: "so-1", itemId: "plain", quantity: 10, reference: "SO-1" }])
      yield* StockLedger.post([
        { id: "ship-1", itemId: "plain", from: "bin-a", to: "cust", quantity: 6, reservationId: "so-1" },
        { id: "ship-2", itemId: "plain", from: "bin-c", to: "cust", quantity: 3, reservationId: "so-1" }
      ])
      const partly = yield* Reservations.get("so-1")
      yield* Assert.equal([partly.status, partly.fulfilled], ["open", 9n], "partly fulfilled")
      yield* Assert.equal(yield* level("plain"), ["1", "1", "0"], "after shipping 9")
      yield* StockLedger.post([{ id: "ship-3", itemId: "plain", from: "bin-c", to: "cust", quantity: 1, reservationId: "so-1" }])
      yield* Assert.equal((yield* Reservations.get("so-1")).status, "fulfilled", "fulfilled")
      yield* StockLedger.post([{ id: "in", itemId: "plain", from: "sup", to: "bin-a", quantity: 1 }])
      yield* Assert.failsWith(StockLedger.post([{ id: "ship-4", itemId: "plain", from: "bin-a", to: "cust", quantity: 1, reservationId: "so-1" }]), "ReservationNotOpen", "fulfil twice")
      yield* Assert.failsWith(StockLedger.post([{ id: "ship-5", itemId: "plain", from: "bin-a", to: "cust", quantity: 1, reservationId: "nope" }]), "UnknownReservation", "unknown")
      yield* Reservations.reserve([{ id: "bulk-r", itemId: "bulk", quantity: 1, locationId: "s2" }]).pipe(Effect.flip)
      yield* Reservations.reserve([{ id: "other", itemId: "plain", quantity: 1, locationId: "s1" }])
      yield* Assert.failsWith(StockLedger.post([{ id: "ship-6", itemId: "bulk", from: "sup", to: "bin-a", quantity: 1, reservationId: "other" }]), "ReservationNotOpen", "other item")
    })),

  test("a store's one-read level agrees with the level read port by port, and tells when it changes next", (clock) =>
    Effect.gen(function*() {
      yield* world
      yield* seed
      yield* StockLedger.post([
        { id: "bulk-a", itemId: "bulk", from: "sup", to: "bin-a", quantity: "12.5" },
        { id: "bulk-b", itemId: "bulk", from: "sup", to: "bin-b", quantity: "3.125" },
        { id: "bulk-t", itemId: "bulk", from: "sup", to: "transit", quantity: "7" },
        { id: "lot-1", itemId: "lotted", from: "sup", to: "bin-a", quantity: 4, lot: "L1" },
        { id: "lot-2", itemId: "lotted", from: "sup", to: "bin-c", quantity: 2, lot: "L2" }
      ])
      yield* Reservations.reserve([{ id: "gone-by", itemId: "plain", quantity: 1, ttlSeconds: 30 }])
      yield* clock.advance("31 seconds")
      const now = yield* DateTime.now
      yield* Reservations.reserve([
        { id: "any", itemId: "plain", quantity: 1, ttlSeconds: 60 },
        { id: "at-a", itemId: "plain", locationId: "bin-a", quantity: 2, ttlSeconds: 120 },
        { id: "at-c", itemId: "plain", locationId: "bin-c", quantity: 1 },
        { id: "dropped", itemId: "plain", locationId: "bin-c", quantity: 1, ttlSeconds: 10 },
        { id: "kg", itemId: "bulk", locationId: "z1", quantity: "0.5", ttlSeconds: 300 },
        { id: "shipped", itemId: "bulk", quantity: "1.25" }
      ])
      yield* Reservations.release("dropped")
      yield* StockLedger.post([{ id: "ship", itemId: "bulk", from: "bin-a", to: "cust", quantity: "0.75", reservationId: "shipped" }])
      const scopes: ReadonlyArray<StockQuery.Scope> = [
        { itemId: "plain" },
        { itemId: "plain", locationId: "s1" },
        { itemId: "plain", locationId: "wh" },
        { itemId: "plain", locationId: "bin-a" },
        { itemId: "plain", locationId: "bin-c" },
        { itemId: "plain", locationId: "sup" },
        { itemId: "bulk" },
        { itemId: "bulk", locationId: "z1" },
        { itemId: "bulk", locationId: "transit" },
        { itemId: "lotted", lot: "L1" },
        { itemId: "lotted", locationId: "wh", lot: "L1" },
        { itemId: "lotted", locationId: "s2", lot: "L1" },
        { itemId: "lotted", lot: "missing" },
        { itemId: "nope" },
        { itemId: "nope", locationId: "nowhere" },
        { itemId: "plain", locationId: "nowhere" }
      ]
      const shown = (exit: Exit.Exit<StockQuery.StockLevel, { readonly _tag: string; readonly message: string }>) =>
        Exit.match(exit, {
          onSuccess: (l) => [l.onHand, l.reserved, l.available, l.nextExpiry === null ? null : DateTime.formatIso(l.nextExpiry)],
          onFailure: (cause) => Cause.findErrorOption(cause).pipe((e) => e._tag === "Some" ? [e.value._tag, e.value.message] : "defect")
        })
      for (const scope of scopes) {
        const inOneRead = yield* Effect.exit(StockQuery.level(scope))
        const byPorts = yield* Effect.exit(StockQuery.levelByPorts(scope))
        yield* Assert.equal(shown(inOneRead), shown(byPorts), `level of ${JSON.stringify(scope)}`)
      }
      const at = (seconds: number) => DateTime.formatIso(DateTime.add(now, { seconds }))
      yield* Assert.equal(shown(yield* Effect.exit(StockQuery.level({ itemId: "plain" }))), ["10", "4", "6", at(60)], "plain: the soonest expiry")
      yield* Assert.equal(shown(yield* Effect.exit(StockQuery.level({ itemId: "plain", locationId: "bin-a" }))), ["6", "2", "4", at(120)], "plain at bin-a")
      yield* Assert.equal(shown(yield* Effect.exit(StockQuery.level({ itemId: "plain", locationId: "bin-c" }))), ["4", "1", "3", null], "nothing there expires")
      yield* Assert.equal(shown(yield* Effect.exit(StockQuery.level({ itemId: "bulk" }))), ["14.875", "1", "13.875", at(300)], "kg, partly fulfilled")
      yield* clock.advance("61 seconds")
      yield* Assert.equal(shown(yield* Effect.exit(StockQuery.level({ itemId: "plain" }))), ["10", "3", "7", at(120)], "after the first expiry")
    })),

  test("reservations are idempotent by id", () =>
    Effect.gen(function*() {
      yield* world
      yield* seed
      const first = yield* Reservations.reserve([{ id: "r", itemId: "plain", quantity: 2, reference: "SO-9" }])
      const again = yield* Reservations.reserve([{ id: "r", itemId: "plain", quantity: 2, reference: "SO-9" }])
      yield* Assert.equal(again, first, "original returned")
      yield* Assert.failsWith(Reservations.reserve([{ id: "r", itemId: "plain", quantity: 3, reference: "SO-9" }]), "IdempotencyConflict", "different quantity")
      yield* Assert.equal(yield* level("plain"), ["10", "2", "8"], "held once")
      yield* Catalog.updateItem("plain", { allowNegativeStock: true })
      yield* Reservations.reserve([{ id: "over", itemId: "plain", quantity: 50 }])
      yield* Assert.equal(yield* level("plain"), ["10", "52", "-42"], "negative available where allowed")
    }))
]

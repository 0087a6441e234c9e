import { assert, describe, it } from "@effect/vitest"
import { BigDecimal, DateTime, Effect } from "effect"
import { TestClock } from "effect/testing"
import * as fc from "fast-check"
import * as Assets from "../src/Assets.ts"
import { CurrentActor } from "../src/CurrentActor.ts"
import { EventLog } from "../src/EventLog.ts"
import * as Licence from "../src/Licence.ts"
import * as Licences from "../src/Licences.ts"
import type { LicenceId, TenantId } from "../src/Ids.ts"
import { layer } from "./assetServicesLayer.ts"

const fmt = BigDecimal.format

const events = Effect.gen(function*() {
  const { tenantId } = yield* CurrentActor
  return (yield* (yield* EventLog).list(tenantId, { limit: 1000 })).map((e) => e.event._tag)
})

const base = {
  id: "office",
  product: "Office Suite",
  vendor: "Contoso",
  seats: 2,
  seatBasis: "user" as const,
  costPerSeat: "12.345",
  expiresOn: "2026-12-31",
  renewalOn: "2026-11-30"
}

describe("Licences", () => {
  it.effect("enforced compliance refuses a seat beyond the licence and changes nothing", () =>
    Effect.gen(function*() {
      yield* Licences.create({ ...base, complianceEnforced: true })
      yield* Licences.assign("office", { kind: "person", id: "ann" })
      yield* Licences.assign("office", { kind: "person", id: "bob" })
      const before = yield* events
      const error = yield* Effect.flip(Licences.assign("office", { kind: "person", id: "cy" }))
      assert.strictEqual(error._tag, "SeatsExceeded")
      assert.match(error.message, /2 seat\(s\) and this would assign 3/)
      assert.deepStrictEqual((yield* Licences.assignments("office")).map((a) => a.assignee.id), ["ann", "bob"])
      assert.deepStrictEqual(yield* events, before)
      // Lowering the seats below what is assigned is refused too.
      assert.strictEqual((yield* Effect.flip(Licences.update("office", { seats: 1 })))._tag, "SeatsExceeded")
      assert.strictEqual((yield* Effect.flip(Licences.renew("office", { expiresOn: "2027-12-31", seats: 1 })))._tag, "SeatsExceeded")
      assert.strictEqual((yield* Licences.get("office")).seats, 2)
      const report = yield* Licences.complianceReport
      assert.strictEqual(report.rows[0]!.status, "compliant")
    }).pipe(Effect.provide(layer)))

  it.effect("without enforcement the extra seat is allowed and reported over-allocated, exactly costed", () =>
    Effect.gen(function*() {
      yield* Licences.create(base)
      yield* Licences.create({ id: "cad", product: "CAD", seats: 5, seatBasis: "device", costPerSeat: "0.1" })
      for (const p of ["ann", "bob", "cy"]) yield* Licences.assign("office", { kind: "person", id: p })
      assert.strictEqual((yield* Effect.flip(Licences.assign("cad", { kind: "device", id: "LAPTOP-1" })))._tag, "UnknownAsset")
      yield* Assets.register({ id: "LAPTOP-1", tag: "LT-1" })
      yield* Licences.assign("cad", { kind: "device", id: "LAPTOP-1" })
      const report = yield* Licences.complianceReport
      const office = report.rows.find((r) => r.licenceId === "office")!
      const cad = report.rows.find((r) => r.licenceId === "cad")!
      assert.deepStrictEqual([office.status, office.assigned, office.shortfall, fmt(office.shortfallCost), fmt(office.totalCost)], [
        "over-allocated", 3, 1, "12.345", "24.69"
      ])
      assert.deepStrictEqual([cad.status, cad.unused, fmt(cad.unusedCost), fmt(cad.totalCost)], ["under-used", 4, "0.4", "0.5"])
      // 0.1 × 5 + 12.345 × 2 in binary floating point would not be exactly 25.19.
      assert.strictEqual(fmt(report.totalCost), "25.19")
      assert.strictEqual(fmt(report.unusedCost), "0.4")
      const tags = yield* events
      assert.strictEqual(tags.filter((t) => t === "LicenceSeatAssigned").length, 4)
    }).pipe(Effect.provide(layer)))

  it.effect("seats follow the basis; duplicates and unknown assignees are typed errors", () =>
    Effect.gen(function*() {
      yield* Licences.create(base)
      assert.strictEqual((yield* Effect.flip(Licences.assign("office", { kind: "device", id: "PC-1" })))._tag, "SeatBasisMismatch")
      yield* Licences.assign("office", { kind: "person", id: "ann" })
      assert.strictEqual((yield* Effect.flip(Licences.assign("office", { kind: "person", id: "ann" })))._tag, "AlreadyAssigned")
      assert.strictEqual((yield* Effect.flip(Licences.unassign("office", { kind: "person", id: "bob" })))._tag, "NotAssigned")
      yield* Licences.unassign("office", { kind: "person", id: "ann" })
      assert.strictEqual((yield* Licences.assignments("office")).length, 0)
      assert.strictEqual((yield* Effect.flip(Licences.assign("nope", { kind: "person", id: "ann" })))._tag, "UnknownLicence")
      assert.strictEqual((yield* Effect.flip(Licences.create(base)))._tag, "DuplicateLicence")
    }).pipe(Effect.provide(layer)))

  it.effect("bad input is refused with a typed error and stores nothing", () =>
    Effect.gen(function*() {
      const bad = [
        { ...base, seats: -1 },
        { ...base, costPerSeat: "-1" },
        { ...base, costPerSeat: "abc" },
        { ...base, expiresOn: "2026-02-29" },
        { ...base, seatBasis: "site" },
        { ...base, product: "" }
      ]
      for (const input of bad) {
        const error = yield* Effect.flip(Licences.create(input as Licence.LicenceInput))
        assert.strictEqual(error._tag, "InvalidInput", JSON.stringify(input))
      }
      assert.strictEqual((yield* Licences.list()).length, 0)
      assert.deepStrictEqual(yield* events, [])
    }).pipe(Effect.provide(layer)))

  it.effect("renewal moves the expiry forward, may change seats and price, and marks expiry by the clock", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.UTC(2027, 0, 5))
      yield* Licences.create(base)
      assert.isTrue((yield* Licences.complianceReport).rows[0]!.expired)
      assert.strictEqual((yield* Effect.flip(Licences.renew("office", { expiresOn: "2026-06-30" })))._tag, "InvalidInput")
      const renewed = yield* Licences.renew("office", { expiresOn: "2027-12-31", seats: 10, costPerSeat: 11, renewalOn: "2027-11-30" })
      assert.deepStrictEqual([renewed.expiresOn, renewed.seats, fmt(renewed.costPerSeat), renewed.renewalOn, renewed.version], ["2027-12-31", 10, "11", "2027-11-30", 2])
      assert.strictEqual(fmt(Licence.totalCost(renewed)), "110")
      assert.isFalse((yield* Licences.complianceReport).rows[0]!.expired)
      assert.deepStrictEqual(yield* events, ["LicenceCreated", "LicenceRenewed"])
    }).pipe(Effect.provide(layer)))
})

describe("Licence.compliance", () => {
  it("balances seats and costs exactly for any seats, assignments and price", () => {
    const at = BigDecimal.fromBigInt(0n)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }), (seats, assigned, units, scale) => {
        const price = BigDecimal.make(units, scale)
        const licence: Licence.Licence = {
          id: "l" as LicenceId,
          tenantId: "t" as TenantId,
          product: "p",
          vendor: null,
          seats,
          seatBasis: "user",
          costPerSeat: price,
          purchasedOn: null,
          renewalOn: null,
          expiresOn: null,
          complianceEnforced: false,
          version: 1,
          createdAt: DateTime.makeUnsafe(0),
          updatedAt: DateTime.makeUnsafe(0)
        }
        const c = Licence.compliance(licence, assigned, "2026-01-01")
        assert.strictEqual(c.seats - c.assigned, c.unused - c.shortfall)
        assert.isTrue(c.unused === 0 || c.shortfall === 0)
        assert.strictEqual(c.status, assigned > seats ? "over-allocated" : assigned < seats ? "under-used" : "compliant")
        const used = BigDecimal.multiply(price, BigDecimal.fromBigInt(BigInt(seats - c.unused)))
        assert.isTrue(BigDecimal.equals(BigDecimal.sum(c.unusedCost, used), c.totalCost))
        assert.isTrue(BigDecimal.equals(c.shortfallCost, BigDecimal.multiply(price, BigDecimal.fromBigInt(BigInt(c.shortfall)))))
        assert.isTrue(BigDecimal.isGreaterThanOrEqualTo(c.totalCost, at))
      })
    )
  })
})

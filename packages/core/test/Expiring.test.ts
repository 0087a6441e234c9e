import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { TestClock } from "effect/testing"
import * as Assets from "../src/Assets.ts"
import * as Credentials from "../src/Credentials.ts"
import * as Expiring from "../src/Expiring.ts"
import * as Licences from "../src/Licences.ts"
import { layer } from "./assetServicesLayer.ts"

const FP = "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3"

// Today is 2026-02-27 (2028 would be a leap year; 2026 is not: 30 days on is 2026-03-29).
const seed = Effect.gen(function*() {
  yield* TestClock.setTime(Date.UTC(2026, 1, 27, 12))
  const cert = (id: string, notAfter: string) =>
    Credentials.register({ id, kind: "certificate", name: id, subject: `CN=${id}`, issuer: "CN=CA", fingerprint: FP, notAfter })
  yield* cert("tls-soon", "2026-03-01T00:00:00Z")
  yield* cert("tls-later", "2026-06-01T00:00:00Z")
  yield* cert("tls-past", "2026-02-27T11:00:00Z")
  yield* cert("tls-revoked", "2026-03-02T00:00:00Z")
  yield* Credentials.revoke("tls-revoked")
  yield* Credentials.register({ id: "api", kind: "apiKey", name: "Billing API", notAfter: "2026-03-29T23:59:59Z" })
  yield* Credentials.register({ id: "tok", kind: "token", name: "CI token", notAfter: "2026-03-30T00:00:00Z" })
  yield* Credentials.register({ id: "forever", kind: "token", name: "No expiry" })
  yield* Licences.create({ id: "office", product: "Office", seats: 5, seatBasis: "user", costPerSeat: 10, expiresOn: "2026-03-15", renewalOn: "2026-02-28" })
  yield* Licences.create({ id: "cad", product: "CAD", seats: 1, seatBasis: "device", costPerSeat: 10, expiresOn: "2027-01-01" })
  yield* Assets.register({ id: "laptop", tag: "LT-1", name: "Laptop", warranty: { endsAt: "2026-03-10T00:00:00Z", provider: "Dell" } })
  yield* Assets.register({ id: "server", tag: "SRV-1", name: "Server", warranty: { endsAt: "2029-01-01T00:00:00Z" } })
})

const view = (rows: ReadonlyArray<Expiring.Expiry>) => rows.map((r) => `${r.date} ${r.kind} ${r.id} ${r.daysLeft}`)

describe("Expiring.within", () => {
  it.effect("lists certificates, keys, tokens, licences, contracts and warranties within N days, by date", () =>
    Effect.gen(function*() {
      yield* seed
      assert.deepStrictEqual(view(yield* Expiring.within({ days: 30 })), [
        "2026-02-28 contract office 1",
        "2026-03-01 certificate tls-soon 2",
        "2026-03-10 warranty laptop 11",
        "2026-03-15 licence office 16",
        "2026-03-29 apiKey api 30"
      ])
      assert.deepStrictEqual(view(yield* Expiring.within({ days: 0 })), [])
      assert.deepStrictEqual(view(yield* Expiring.within({ days: 1 })), ["2026-02-28 contract office 1"])
      assert.deepStrictEqual(view(yield* Expiring.within({ days: 31, kinds: ["token", "warranty"] })), [
        "2026-03-10 warranty laptop 11",
        "2026-03-30 token tok 31"
      ])
      const withPast = yield* Expiring.within({ days: 2, includeExpired: true })
      assert.deepStrictEqual(view(withPast), [
        "2026-02-27 certificate tls-past 0",
        "2026-02-28 contract office 1",
        "2026-03-01 certificate tls-soon 2"
      ])
      assert.isTrue(withPast[0]!.expired)
    }).pipe(Effect.provide(layer)))

  it.effect("moves with the clock and refuses a negative window", () =>
    Effect.gen(function*() {
      yield* seed
      yield* TestClock.setTime(Date.UTC(2026, 11, 20))
      assert.deepStrictEqual(view(yield* Expiring.within({ days: 15 })), ["2027-01-01 licence cad 12"])
      assert.strictEqual((yield* Effect.flip(Expiring.within({ days: -1 })))._tag, "InvalidInput")
    }).pipe(Effect.provide(layer)))
})

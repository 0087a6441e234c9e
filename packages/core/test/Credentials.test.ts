import { assert, describe, it } from "@effect/vitest"
import { DateTime, Effect, Result } from "effect"
import * as Assets from "../src/Assets.ts"
import * as Credential from "../src/Credential.ts"
import * as Credentials from "../src/Credentials.ts"
import { CurrentActor } from "../src/CurrentActor.ts"
import { EventLog } from "../src/EventLog.ts"
import { layer } from "./assetServicesLayer.ts"

const SHA256 = "9F:86:D0:81:88:4C:7D:65:9A:2F:EA:A0:C5:5A:D0:15:A3:BF:4F:1B:2B:0B:82:2C:D1:5D:6C:15:B0:F0:0A:08"
const SHA1 = "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3"

const cert = {
  id: "web-tls",
  kind: "certificate" as const,
  name: "www.example.com",
  subject: "CN=www.example.com",
  issuer: "CN=Example CA",
  fingerprint: SHA256,
  serialNumber: "04:00:00:00:00:01",
  notBefore: "2026-01-01T00:00:00Z",
  notAfter: "2026-04-01T00:00:00Z",
  owner: "platform-team",
  usedBy: [{ kind: "asset" as const, id: "LB-1" }, { kind: "system" as const, id: "cdn" }]
}

const eventCount = Effect.gen(function*() {
  const { tenantId } = yield* CurrentActor
  return (yield* (yield* EventLog).list(tenantId, { limit: 1000 })).length
})

describe("Credential fingerprints", () => {
  it("accepts SHA-1 and SHA-256 hex with or without colons, and normalizes them", () => {
    const a = Credential.parseFingerprint(SHA256)
    const b = Credential.parseFingerprint(SHA256.replace(/:/g, "").toLowerCase())
    assert.deepStrictEqual(a, b)
    assert.deepStrictEqual(Result.getOrThrow(a).algorithm, "sha256")
    assert.deepStrictEqual(Result.getOrThrow(Credential.parseFingerprint(SHA1)), { hex: SHA1, algorithm: "sha1" })
    assert.strictEqual(Credential.formatFingerprint(Result.getOrThrow(a).hex), SHA256)
  })

  it("refuses other lengths, stray characters and misplaced colons", () => {
    for (const bad of ["abc", SHA1.slice(2), `${SHA1}zz`, "9F:86:D0:8", "9F86:D0", SHA256.replace("9F", "9G"), `${SHA256}:00`]) {
      assert.isTrue(Result.isFailure(Credential.parseFingerprint(bad)), bad)
    }
  })
})

describe("Credentials", () => {
  it.effect("registers certificate metadata with a normalized fingerprint and emits an event", () =>
    Effect.gen(function*() {
      assert.strictEqual((yield* Effect.flip(Credentials.register(cert)))._tag, "UnknownAsset")
      yield* Assets.register({ id: "LB-1", tag: "LB-1" })
      const c = yield* Credentials.register(cert)
      assert.deepStrictEqual([c.fingerprint, c.fingerprintAlgorithm], [SHA256.replace(/:/g, "").toLowerCase(), "sha256"])
      assert.strictEqual(Credential.validity(c, DateTime.makeUnsafe("2026-03-31T23:59:59Z")), "valid")
      assert.strictEqual(Credential.validity(c, DateTime.makeUnsafe("2026-04-01T00:00:00Z")), "expired")
      assert.strictEqual(Credential.validity(c, DateTime.makeUnsafe("2025-12-31T00:00:00Z")), "notYetValid")
      const revoked = yield* Credentials.revoke("web-tls")
      assert.strictEqual(Credential.validity(revoked, DateTime.makeUnsafe("2026-02-01T00:00:00Z")), "revoked")
      // Registering the load balancer was one event too.
      assert.strictEqual(yield* eventCount, 3)
    }).pipe(Effect.provide(layer)))

  it.effect("secret material is refused with a typed error that never echoes it, and nothing is stored", () =>
    Effect.gen(function*() {
      const pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----"
      const attempts: ReadonlyArray<readonly [unknown, string]> = [
        [{ ...cert, privateKey: pem }, "privateKey"],
        [{ ...cert, subject: pem }, "subject"],
        [{ ...cert, name: "-----BEGIN RSA PRIVATE KEY-----" }, "name"],
        [{ ...cert, kind: "apiKey", secret: "hunter2" }, "secret"],
        [{ ...cert, kind: "token", owner: "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB" }, "owner"],
        [{ ...cert, kind: "token", name: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl" }, "name"],
        [{ ...cert, kind: "apiKey", usedBy: [{ kind: "system", id: "AKIAIOSFODNN7EXAMPLE" }] }, "usedBy[0].id"],
        [{ ...cert, kind: "apiKey", value: "anything" }, "value"]
      ]
      for (const [input, field] of attempts) {
        const error = yield* Effect.flip(Credentials.register(input as Credential.CredentialInput))
        assert.strictEqual(error._tag, "SecretMaterialRejected", field)
        if (error._tag === "SecretMaterialRejected") assert.strictEqual(error.field, field)
        assert.notInclude(error.message, "MIIEvQ")
        assert.notInclude(error.message, "hunter2")
      }
      yield* Assets.register({ id: "LB-1", tag: "LB-1" })
      yield* Credentials.register(cert)
      const update = yield* Effect.flip(Credentials.update("web-tls", { issuer: "-----BEGIN EC PRIVATE KEY-----" }))
      assert.strictEqual(update._tag, "SecretMaterialRejected")
      assert.strictEqual((yield* Credentials.get("web-tls")).issuer, "CN=Example CA")
      assert.strictEqual((yield* Credentials.list()).length, 1)
      assert.strictEqual(yield* eventCount, 2)
    }).pipe(Effect.provide(layer)))

  it.effect("inconsistent metadata is a typed error", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [Credential.CredentialInput, string, string]> = [
        [{ ...cert, fingerprint: "1234" }, "InvalidCredential", "fingerprint"],
        [{ ...cert, notBefore: "2026-05-01T00:00:00Z" }, "InvalidCredential", "notAfter"],
        [{ id: "c2", kind: "certificate", name: "no subject", fingerprint: SHA1, notAfter: "2027-01-01T00:00:00Z", issuer: "CA" }, "InvalidCredential", "subject"],
        [{ ...cert, usedBy: [{ kind: "asset", id: "A" }, { kind: "asset", id: "A" }] }, "InvalidCredential", "usedBy"],
        [{ ...cert, notAfter: "next tuesday" }, "InvalidInput", "notAfter"]
      ]
      for (const [input, tag, field] of cases) {
        const error = yield* Effect.flip(Credentials.register(input))
        assert.strictEqual(error._tag, tag, field)
        assert.include(error.message, field)
      }
      // An API key needs no certificate fields.
      const key = yield* Credentials.register({ id: "stripe", kind: "apiKey", name: "Stripe live key", notAfter: "2027-01-01T00:00:00Z", owner: "billing" })
      assert.strictEqual(key.fingerprint, null)
      const rotated = yield* Credentials.update("stripe", { fingerprint: SHA1, notAfter: "2028-01-01T00:00:00Z" })
      assert.deepStrictEqual([rotated.fingerprintAlgorithm, rotated.version], ["sha1", 2])
      assert.strictEqual((yield* Effect.flip(Credentials.get("nope")))._tag, "UnknownCredential")
    }).pipe(Effect.provide(layer)))
})

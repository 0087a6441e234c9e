/**
 * Contract cases for licences and credentials: round trips of exact amounts and dates, versioned writes,
 * seat assignments, rollback of a refused assignment, paging, and the expiry and renewal filters.
 *
 * @since 0.1.0
 */
import { Assets, Credentials, CredentialStore, CurrentActor, Expiring, type Ids, Licences, LicenceStore } from "@quartermaster/core"
import { DateTime, Effect } from "effect"
import * as Assert from "./Assert.ts"
import { suite, type Case } from "./Case.ts"

const test = suite("licences and credentials")

const FP = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

/**
 * The licence and credential cases.
 *
 * @since 0.1.0
 */
export const cases: ReadonlyArray<Case> = [
  test("a licence round-trips exactly and is written only over the version it replaces", () =>
    Effect.gen(function*() {
      const created = yield* Licences.create({
        id: "office",
        product: "Office",
        vendor: "Contoso",
        seats: 3,
        seatBasis: "user",
        costPerSeat: "12.3456789",
        purchasedOn: "2024-02-29",
        renewalOn: "2026-11-30",
        expiresOn: "2026-12-31",
        complianceEnforced: true
      })
      yield* Assert.equal(yield* Licences.get("office"), created, "read back")
      const { tenantId } = yield* CurrentActor.CurrentActor
      const store = yield* LicenceStore.LicenceStore
      yield* Assert.failsWith(store.put([{ ...created, seats: 9 }]), "ConcurrentModification", "stale version 1 again")
      yield* Assert.failsWith(store.put([{ ...created, version: 3 }]), "ConcurrentModification", "skipping a version")
      yield* Licences.update("office", { seats: 4 })
      yield* Assert.equal((yield* store.get(tenantId, ["office" as Ids.LicenceId])).get("office" as Ids.LicenceId)?.seats, 4, "updated")
    })),

  test("seats: assignments count, duplicates are refused, a refused assignment leaves no row", () =>
    Effect.gen(function*() {
      yield* Licences.create({ id: "cad", product: "CAD", seats: 2, seatBasis: "device", costPerSeat: 100, complianceEnforced: true })
      yield* Licences.create({ id: "free", product: "Viewer", seats: 1, seatBasis: "user", costPerSeat: 0 })
      for (const pc of ["PC-1", "PC-2", "PC-3"]) yield* Assets.register({ id: pc, tag: pc })
      yield* Assert.failsWith(Licences.assign("cad", { kind: "device", id: "PC-9" }), "UnknownAsset", "a device not in the register")
      yield* Licences.assign("cad", { kind: "device", id: "PC-2" })
      yield* Licences.assign("cad", { kind: "device", id: "PC-1" })
      yield* Assert.failsWith(Licences.assign("cad", { kind: "device", id: "PC-3" }), "SeatsExceeded", "third seat of two")
      yield* Assert.failsWith(Licences.assign("cad", { kind: "device", id: "PC-1" }), "AlreadyAssigned", "twice")
      yield* Assert.equal((yield* Licences.assignments("cad")).map((a) => a.assignee.id), ["PC-2", "PC-1"], "oldest first, nothing added")
      yield* Licences.assign("free", { kind: "person", id: "ann" })
      yield* Licences.assign("free", { kind: "person", id: "bob" })
      const { tenantId } = yield* CurrentActor.CurrentActor
      const counts = yield* (yield* LicenceStore.LicenceStore).countAssigned(tenantId, ["cad", "free", "none"] as Array<Ids.LicenceId>)
      yield* Assert.equal([...counts.entries()].sort(), [["cad", 2], ["free", 2]], "counts")
      const report = yield* Licences.complianceReport
      yield* Assert.equal(report.rows.map((r) => [r.licenceId, r.status]), [["cad", "compliant"], ["free", "over-allocated"]], "statuses")
      yield* Assert.decimal(report.totalCost, "200", "total cost")
      yield* Licences.unassign("free", { kind: "person", id: "ann" })
      yield* Assert.failsWith(Licences.unassign("free", { kind: "person", id: "ann" }), "NotAssigned", "unassign twice")
      yield* Assert.equal((yield* Licences.assignments("free")).map((a) => a.assignee.id), ["bob"], "after unassign")
    })),

  test("licences page by id and filter by expiry or renewal date", () =>
    Effect.gen(function*() {
      for (const [id, expiresOn, renewalOn] of [["b", "2026-03-01", null], ["a", "2027-01-01", "2026-02-15"], ["c", "2027-01-01", null], ["B", null, null]] as const) {
        yield* Licences.create({
          id,
          product: id,
          seats: 1,
          seatBasis: "user",
          costPerSeat: 1,
          ...(expiresOn === null ? {} : { expiresOn }),
          ...(renewalOn === null ? {} : { renewalOn })
        })
      }
      yield* Assert.equal((yield* Licences.list()).map((l) => l.id), ["B", "a", "b", "c"], "byte order")
      yield* Assert.equal((yield* Licences.list({ afterId: "a", limit: 1 })).map((l) => l.id), ["b"], "page")
      yield* Assert.equal((yield* Licences.list({ datedBy: "2026-03-01" })).map((l) => l.id), ["a", "b"], "dated by")
      yield* Assert.equal((yield* Licences.list({ datedBy: "2026-02-28" })).map((l) => l.id), ["a"], "dated by, a day earlier")
    })),

  test("credentials round-trip, filter by notAfter and leave revoked ones out of expiring", (clock) =>
    Effect.gen(function*() {
      const reg = (id: string, notAfter: string | undefined, kind: "certificate" | "apiKey" = "apiKey") =>
        Credentials.register({
          id,
          kind,
          name: id,
          ...(notAfter === undefined ? {} : { notAfter }),
          ...(kind === "certificate" ? { subject: `CN=${id}`, issuer: "CN=CA", fingerprint: FP } : {})
        })
      const cert = yield* reg("tls", "2026-01-10T12:00:00.123Z", "certificate")
      yield* reg("key-a", "2026-01-20T00:00:00Z")
      yield* reg("key-b", "2026-01-05T00:00:00Z")
      yield* reg("key-none", undefined)
      yield* Credentials.revoke("key-b")
      yield* Assert.equal(yield* Credentials.get("tls"), cert, "read back")
      const { tenantId } = yield* CurrentActor.CurrentActor
      const store = yield* CredentialStore.CredentialStore
      const by = (iso: string) => store.list(tenantId, { notAfterBy: DateTime.makeUnsafe(iso), limit: 10 })
      yield* Assert.equal((yield* by("2026-01-10T12:00:00.123Z")).map((c) => c.id), ["tls"], "inclusive bound")
      yield* Assert.equal((yield* by("2026-01-10T12:00:00.122Z")).map((c) => c.id), [], "a millisecond earlier")
      yield* Assert.equal((yield* by("2030-01-01T00:00:00Z")).map((c) => c.id), ["key-a", "tls"], "revoked and open-ended left out")
      yield* Assert.equal((yield* store.list(tenantId, { kind: "certificate", limit: 10 })).map((c) => c.id), ["tls"], "by kind")
      yield* Assert.failsWith(store.put([cert]), "ConcurrentModification", "stale version")
      yield* clock.advance("1 day")
      const soon = yield* Expiring.within({ days: 9, kinds: ["certificate", "apiKey", "token"] })
      yield* Assert.equal(soon.map((e) => [e.kind, e.id, e.date, e.daysLeft]), [["certificate", "tls", "2026-01-10", 8]], "expiring within 9 days")
      yield* Assert.failsWith(Credentials.register({ id: "leak", kind: "apiKey", name: "x", secret: "s3cr3t" } as never), "SecretMaterialRejected", "secret")
      yield* Assert.failsWith(Credentials.get("leak"), "UnknownCredential", "nothing stored")
    }))
]

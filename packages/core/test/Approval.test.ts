import { assert, describe, it } from "@effect/vitest"
import { BigDecimal, Effect, Exit, Result } from "effect"
import * as fc from "fast-check"
import * as Approval from "../src/Approval.ts"
import { CurrentActor } from "../src/CurrentActor.ts"

const d = (s: string) => BigDecimal.fromStringUnsafe(s)

const policy = Effect.runSync(Approval.decodePolicy({
  limits: [
    { role: "operator", maxValue: "100.00", maxPercentage: "5", maxOwnValue: "20" },
    { role: "manager", maxValue: "5000", maxPercentage: "25", maxOwnValue: "1000" },
    { role: "admin", maxValue: null }
  ]
}))

const denied = (r: Result.Result<Approval.Approved, Approval.ApprovalDenied>): Approval.ApprovalDenied => {
  assert.isTrue(Result.isFailure(r))
  return (r as Result.Failure<Approval.Approved, Approval.ApprovalDenied>).failure
}

describe("Approval.check", () => {
  it("allows an amount within the role's value limit, exactly at the limit too", () => {
    const r = Approval.check(policy, ["operator"], d("100"))
    assert.isTrue(Result.isSuccess(r))
    assert.strictEqual(Result.getOrThrow(r).role, "operator")
    // The absolute value counts: a loss of 100 is as big as a gain of 100.
    assert.isTrue(Result.isSuccess(Approval.check(policy, ["operator"], d("-100"))))
  })

  it("names the role and the exceeded value limit", () => {
    const e = denied(Approval.check(policy, ["operator"], d("100.01")))
    assert.strictEqual(e._tag, "ApprovalDenied")
    assert.deepStrictEqual([e.role, e.exceeded, e.limit, e.amount], ["operator", "value", "100", "100.01"])
    assert.match(e.message, /operator may approve up to 100, not 100.01/)
  })

  it("checks the percentage only when the document has one", () => {
    assert.isTrue(Result.isSuccess(Approval.check(policy, ["operator"], d("50"))))
    const e = denied(Approval.check(policy, ["operator"], d("50"), { percentage: d("5.5") }))
    assert.deepStrictEqual([e.role, e.exceeded, e.limit, e.amount], ["operator", "percentage", "5", "5.5"])
    assert.isTrue(Result.isSuccess(Approval.check(policy, ["operator"], d("50"), { percentage: d("-5") })))
  })

  it("applies the own-document limit when the approver created the document", () => {
    const mine = { approverId: "ann", createdBy: "ann" }
    const e = denied(Approval.check(policy, ["manager"], d("1500"), mine))
    assert.deepStrictEqual([e.role, e.exceeded, e.limit], ["manager", "own-document", "1000"])
    assert.isTrue(Result.isSuccess(Approval.check(policy, ["manager"], d("1500"), { approverId: "bob", createdBy: "ann" })))
    assert.isTrue(Result.isSuccess(Approval.check(policy, ["manager"], d("1000"), mine)))
  })

  it("uses the most privileged role that allows it, and refuses roles without a limit", () => {
    assert.strictEqual(Result.getOrThrow(Approval.check(policy, ["operator", "admin"], d("1e9"))).role, "admin")
    const viewer = denied(Approval.check(policy, [], d("0")))
    assert.deepStrictEqual([viewer.role, viewer.exceeded, viewer.limit], ["viewer", "no-limit", null])
    // Several roles, none enough: the error names the most privileged role with a limit.
    const e = denied(Approval.check(policy, ["viewer", "operator", "manager"], d("6000")))
    assert.deepStrictEqual([e.role, e.exceeded, e.limit], ["manager", "value", "5000"])
  })

  it("decides exactly at the minor unit (property)", () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10_000_000n }), (cents) => {
      const amount = BigDecimal.make(cents, 2)
      const allowed = Result.isSuccess(Approval.check(policy, ["operator"], amount))
      return allowed === (cents <= 10_000n)
    }))
  })

  it("refuses a malformed policy with a typed input error", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(Approval.decodePolicy({ limits: [{ role: "operator", maxValue: "-1" }] }))
      assert.isTrue(Exit.isFailure(exit))
      const negative = yield* Effect.flip(Approval.decodePolicy({ limits: [{ role: "operator", maxValue: "-1" }] }))
      assert.match(negative.message, /maxValue/)
      const bad = yield* Effect.flip(Approval.decodePolicy({ limits: [{ role: "boss", maxValue: "1" }] }))
      assert.strictEqual(bad._tag, "InvalidInput")
    }).pipe(Effect.runSync))
})

describe("Approval.authorize", () => {
  it.effect("checks the current actor's roles and id against the creator", () =>
    Effect.gen(function*() {
      const ok = yield* Approval.authorize(policy, d("900"), { createdBy: "mia" })
      assert.strictEqual(ok.role, "manager")
      const e = yield* Effect.flip(Approval.authorize(policy, d("1200"), { createdBy: "mia" }))
      assert.strictEqual(e.exceeded, "own-document")
      const other = yield* Approval.authorize(policy, d("1200"), { createdBy: "sam" })
      assert.strictEqual(other.limit.role, "manager")
    }).pipe(Effect.provide(CurrentActor.layer("t1", "mia", ["manager"]))))
})

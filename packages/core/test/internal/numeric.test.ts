import { describe, expect, it } from "@effect/vitest"
import { Result } from "effect"
import * as fc from "fast-check"
import { divide as bigDivide } from "../../src/Money.ts"
import { divide } from "../../src/internal/numericPool.ts"
import * as Run from "../../src/internal/run.ts"
import { makeStep } from "../../src/ValuationEvent.ts"
import { initial, type Step } from "../../src/ValuationState.ts"

// The numeric path must give exactly what the general engine gives: the same entries, checkpoints and state, for
// every history, including those it hands over (shortfalls, transfers, capitalized amounts, method changes, and
// amounts past 2^52, which it must never round).

const LIMIT = 2 ** 52

type Raw =
  | { readonly kind: "receipt"; readonly qty: bigint; readonly value: bigint | null; readonly site: number; readonly account: number }
  | { readonly kind: "issue"; readonly qty: bigint; readonly site: number; readonly returned: boolean }
  | { readonly kind: "transfer"; readonly qty: bigint; readonly site: number }
  | { readonly kind: "landed"; readonly amount: bigint; readonly pick: number }
  | { readonly kind: "method"; readonly method: number }

const quantity = fc.oneof(
  { weight: 8, arbitrary: fc.bigInt({ min: 1n, max: 30n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 2n ** 51n, max: 2n ** 53n }) }
)
const amount = fc.oneof(
  { weight: 8, arbitrary: fc.bigInt({ min: 0n, max: 100_000n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: -1000n, max: -1n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 2n ** 50n, max: 2n ** 54n }) },
  { weight: 1, arbitrary: fc.constantFrom(2n ** 52n, 2n ** 52n - 1n, 2n ** 52n + 1n, BigInt(Number.MAX_SAFE_INTEGER)) }
)

const raw: fc.Arbitrary<Raw> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant("receipt" as const), qty: quantity, value: fc.option(amount, { freq: 6 }), site: fc.integer({ min: 0, max: 1 }), account: fc.integer({ min: 0, max: 3 }) })
  },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("issue" as const), qty: quantity, site: fc.integer({ min: 0, max: 1 }), returned: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("transfer" as const), qty: quantity, site: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("landed" as const), amount, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("method" as const), method: fc.integer({ min: 0, max: 2 }) }) }
)

const METHODS = ["fifo", "lifo", "moving-average"] as const
const ACCOUNTS = ["purchase", "adjustment", "customer-return", "production"] as const

const stepsOf = (raws: ReadonlyArray<Raw>, scope: "company" | "site"): Array<Step> => {
  const receipts: Array<{ id: string; quantity: bigint }> = []
  const site = (n: number) => (scope === "company" ? "" : `s${n}`)
  const out: Array<Step> = []
  raws.forEach((r, i) => {
    const base = { id: `e${String(i).padStart(3, "0")}`, at: 1000 * Math.floor(i / 2), seq: i + 1 }
    switch (r.kind) {
      case "receipt": {
        // Purchases and production carry a cost; adjustments and customer returns may not.
        const account = ACCOUNTS[r.account]!
        const value = r.value === null && (account === "purchase" || account === "production") ? 0n : r.value
        receipts.push({ id: base.id, quantity: r.qty })
        out.push(makeStep({ ...base, kind: "receipt", quantity: r.qty, value, site: site(r.site), account }))
        break
      }
      case "issue":
        out.push(makeStep({ ...base, kind: "issue", quantity: r.qty, site: site(r.site), account: r.returned ? "supplier-return" : "cogs" }))
        break
      case "transfer":
        if (scope === "site") out.push(makeStep({ ...base, kind: "transfer", quantity: r.qty, site: site(r.site), toSite: site(1 - r.site), account: "transfer" }))
        break
      case "landed": {
        if (receipts.length === 0) break
        const receipt = receipts[r.pick % receipts.length]!
        out.push(makeStep({ ...base, seq: -1, kind: "capitalize", allocations: [{ receiptId: receipt.id, quantity: receipt.quantity, amount: r.amount }], cause: "landed-cost" }))
        break
      }
      case "method":
        out.push(makeStep({ ...base, seq: -2, kind: "method", method: METHODS[r.method]! }))
        break
    }
  })
  return out
}

const show = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `${v}n` : v))

const runBoth = (method: (typeof METHODS)[number], scope: "company" | "site", steps: ReadonlyArray<Step>, every: number) => {
  const config = { itemId: "item", decimals: 0, scope, checkpointEvery: every }
  const fast = Run.run(config, initial(method), steps)
  const slow = Run.run(config, initial(method), steps, { numeric: false })
  return { fast, slow }
}

describe("numeric path", () => {
  it("divides as Money.divide does, halves away from zero, across the safe range", () => {
    const numerator = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -LIMIT, max: LIMIT }), fc.constantFrom(LIMIT, -LIMIT, LIMIT - 1, 1 - LIMIT))
    const denominator = fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: LIMIT }), fc.constantFrom(LIMIT, LIMIT - 1, 3, 7))
    fc.assert(
      fc.property(numerator, denominator, (n, d) => {
        expect(BigInt(divide(n, d))).toBe(bigDivide(BigInt(n), BigInt(d)))
      }),
      { numRuns: 5000 }
    )
  })

  it("values every history exactly as the general engine does: entries, checkpoints and state", () => {
    let numericSteps = 0
    fc.assert(
      fc.property(
        fc.constantFrom(...METHODS),
        fc.constantFrom("company" as const, "site" as const),
        fc.array(raw, { maxLength: 60, size: "max" }),
        fc.integer({ min: 1, max: 5 }),
        (method, scope, raws, every) => {
          const steps = stepsOf(raws, scope)
          const { fast, slow } = runBoth(method, scope, steps, every)
          expect(Result.isSuccess(fast)).toBe(Result.isSuccess(slow))
          if (Result.isFailure(fast) || Result.isFailure(slow)) {
            if (Result.isFailure(fast) && Result.isFailure(slow)) expect(fast.failure._tag).toBe(slow.failure._tag)
            return
          }
          numericSteps += steps.length
          expect(show(fast.success.entries.toArray())).toBe(show(slow.success.entries.toArray()))
          expect(show(fast.success.entries.totals())).toBe(show(slow.success.entries.totals()))
          expect(show(fast.success.checkpoints)).toBe(show(slow.success.checkpoints))
          expect(show(fast.success.state)).toBe(show(slow.success.state))
          expect(show(fast.success.from)).toBe(show(slow.success.from))
        }
      ),
      { numRuns: 1500 }
    )
    expect(numericSteps).toBeGreaterThan(10_000)
  })

  it("converges at the same checkpoint as the general engine when revaluing", () => {
    fc.assert(
      fc.property(fc.constantFrom(...METHODS), fc.array(raw, { minLength: 1, maxLength: 40 }), fc.array(raw, { minLength: 1, maxLength: 3 }), (method, history, inserts) => {
        const old = stepsOf(history, "company")
        const previous = Run.run({ itemId: "item", decimals: 0, scope: "company", checkpointEvery: 2 }, initial(method), old, { numeric: false })
        if (Result.isFailure(previous)) return
        // The inserts land at the start, before every old step; the runs may stop where the state reappears.
        const fresh = stepsOf(inserts, "company").map((s, i) => ({ ...s, at: -1000 + i, id: `x${i}` }))
        if (fresh.length === 0) return
        const all = [...fresh, ...old]
        const through = { at: fresh[fresh.length - 1]!.at, seq: fresh[fresh.length - 1]!.seq, id: fresh[fresh.length - 1]!.id }
        const config = { itemId: "item", decimals: 0, scope: "company" as const, checkpointEvery: 2 }
        const fast = Run.run(config, initial(method), all, { previous: previous.success.checkpoints, through })
        const slow = Run.run(config, initial(method), all, { previous: previous.success.checkpoints, through, numeric: false })
        expect(Result.isSuccess(fast)).toBe(Result.isSuccess(slow))
        if (Result.isFailure(fast) || Result.isFailure(slow)) return
        expect(show(fast.success.converged)).toBe(show(slow.success.converged))
        expect(show(fast.success.entries.toArray())).toBe(show(slow.success.entries.toArray()))
        expect(show(fast.success.state)).toBe(show(slow.success.state))
      }),
      { numRuns: 1000 }
    )
  })
})

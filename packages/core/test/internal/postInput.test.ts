import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, DateTime, Effect, Result } from "effect"
import * as fc from "fast-check"
import { decode } from "../../src/InputError.ts"
import { decodeLines, FIELDS } from "../../src/internal/postInput.ts"
import { MovementInput, PostInput } from "../../src/Movement.ts"

const viaSchema = decode("post", PostInput)

const run = (effect: Effect.Effect<ReadonlyArray<unknown>, { readonly _tag: string }>) => Effect.runSync(Effect.result(effect))

// Decoded lines compared field by field: an absent field and an `undefined` one read the same to the posting.
const comparable = (line: unknown) => {
  const l = line as Record<string, unknown>
  return FIELDS.map((f) => {
    const v = l[f]
    if (DateTime.isDateTime(v)) return `${DateTime.isUtc(v) ? "utc" : "zoned"}:${DateTime.toEpochMillis(v)}`
    return v
  })
}

const ABSENT = Symbol("absent")

// Valid values, and values that break the schema in every way it can break.
const goodId = fc.constantFrom("m1", "item-1", "bin-a", "sup", "x", "é✓", "x".repeat(128))
const badId = fc.oneof(fc.constantFrom("", "a\u0001b", "x".repeat(129)), fc.integer(), fc.constant(null))
const goodQuantity = fc.oneof(
  fc.integer({ min: -5, max: 1_000 }),
  fc.double({ noDefaultInfinity: true, noNaN: true }),
  fc.constantFrom("2.50", " 3 ", "", "abc", "1e3"),
  fc.constant(BigDecimal.fromStringUnsafe("1.25"))
)
const badQuantity = fc.constantFrom(NaN, Infinity, null, true, 10n)
const goodTime = fc.oneof(
  fc.constantFrom("2026-01-01T00:00:00Z", "2026-01-01", 1_767_225_600_000),
  fc.constant(DateTime.makeUnsafe(1_767_225_600_000))
)
const badTime = fc.oneof(
  fc.constantFrom("not a time", "", NaN, null),
  fc.constant(DateTime.makeZonedUnsafe(1_767_225_600_000, { timeZone: "Europe/Berlin" })),
  fc.constant(new Date(1_767_225_600_000))
)
const goodText = (max: number) => fc.oneof(fc.string({ maxLength: max }), fc.constant("x".repeat(max)))
const badText = (max: number) => fc.oneof(fc.constant("x".repeat(max + 1)), fc.integer())
const goodSerials = fc.array(fc.constantFrom("S1", "S2", "x".repeat(128)), { maxLength: 3 })
const badSerials = fc.oneof(fc.constantFrom("S1", null, [1], [undefined], [""], ["a b"], ["ok\u0007"], ["x".repeat(129)]))
const goodLot = fc.constantFrom("L1", "x".repeat(64), "lot 7")
const badLot = fc.oneof(fc.constantFrom("", "x".repeat(65), "l\u0000t"), fc.integer())

// A field that is usually good: absent (if optional), good, or now and then bad or present as `undefined`.
const field = <A, B>(good: fc.Arbitrary<A>, bad: fc.Arbitrary<B>, optional: boolean) =>
  fc.oneof(
    { arbitrary: fc.constant(ABSENT), weight: optional ? 10 : 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: good, weight: 40 },
    { arbitrary: bad, weight: 2 }
  )

const line = fc
  .record({
    id: field(goodId, badId, false),
    itemId: field(goodId, badId, false),
    from: field(goodId, badId, false),
    to: field(goodId, badId, false),
    quantity: field(goodQuantity, badQuantity, false),
    unit: field(fc.constantFrom("each", "case"), fc.integer(), true),
    lot: field(goodLot, badLot, true),
    lotExpiresAt: field(goodTime, badTime, true),
    serials: field(goodSerials, badSerials, true),
    unitCost: field(goodQuantity, badQuantity, true),
    effectiveAt: field(goodTime, badTime, true),
    reasonCode: field(goodText(64), badText(64), true),
    reference: field(goodText(256), badText(256), true),
    reservationId: field(goodId, badId, true),
    extra: fc.constantFrom(ABSENT, "ignored")
  })
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== ABSENT)))

const input = fc.oneof(
  { arbitrary: fc.array(line, { minLength: 1, maxLength: 3 }), weight: 20 },
  { arbitrary: fc.array(fc.oneof(line, fc.constantFrom(null, "line", [], 1)), { maxLength: 3 }), weight: 1 },
  { arbitrary: fc.constantFrom(null, {}, "lines", 1), weight: 1 }
)

describe("posting input decoding", () => {
  it("checks every field of MovementInput, in order", () => {
    expect(Object.keys(MovementInput.fields)).toStrictEqual([...FIELDS])
  })

  it("decodes exactly as PostInput does, errors included (property)", () => {
    let succeeded = 0
    let fast = 0
    fc.assert(
      fc.property(input, (lines) => {
        const decoded = run(decodeLines(lines))
        const expected = run(viaSchema(lines))
        expect(Result.isSuccess(decoded)).toBe(Result.isSuccess(expected))
        if (Result.isSuccess(decoded) && Result.isSuccess(expected)) {
          succeeded++
          // Lines from the fast path carry every field; the schema's carry only those given.
          if (decoded.success.every((l) => Object.keys(l as object).length === FIELDS.length)) fast++
          expect(decoded.success.map(comparable)).toStrictEqual(expected.success.map(comparable))
        }
        if (Result.isFailure(decoded) && Result.isFailure(expected)) expect(decoded.failure).toStrictEqual(expected.failure)
      }),
      { numRuns: 3_000 }
    )
    // The property only means something if plenty of inputs are valid and took the fast path.
    expect(succeeded).toBeGreaterThan(300)
    expect(fast).toBeGreaterThan(succeeded / 2)
  })

  it("reads typical lines without the schema and keeps their values", () => {
    const at = DateTime.makeUnsafe(1_767_225_600_000)
    const result = run(decodeLines([
      { id: "m1", itemId: "i", from: "a", to: "b", quantity: 2, unit: "case", unitCost: "1.25", reference: "PO-1" },
      { id: "m2", itemId: "i", from: "b", to: "c", quantity: "1.5", effectiveAt: "2026-01-01T00:00:00Z", lot: "L1", lotExpiresAt: at, serials: ["S2", "S1"] }
    ]))
    expect(Result.isSuccess(result)).toBe(true)
    if (Result.isFailure(result)) return
    const [first, second] = result.success.map(comparable)
    expect(first).toStrictEqual(["m1", "i", "a", "b", 2, "case", undefined, undefined, undefined, "1.25", undefined, undefined, "PO-1", undefined])
    expect(second).toStrictEqual([
      "m2", "i", "b", "c", "1.5", undefined, "L1", "utc:1767225600000", ["S2", "S1"], undefined, "utc:1767225600000", undefined, undefined, undefined
    ])
  })
})

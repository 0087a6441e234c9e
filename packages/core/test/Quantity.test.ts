import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Result } from "effect"
import * as fc from "fast-check"
import * as Quantity from "../src/Quantity.ts"

describe("Quantity", () => {
  it("reads numbers, strings and BigDecimals exactly", () => {
    expect(Result.getOrThrow(Quantity.parseUnits(0.1, 3))).toBe(100n)
    expect(Result.getOrThrow(Quantity.parseUnits("12.5", 3))).toBe(12_500n)
    expect(Result.getOrThrow(Quantity.parseUnits(" 7 ", 0))).toBe(7n)
    expect(Result.getOrThrow(Quantity.parseUnits("1e3", 0))).toBe(1000n)
    expect(Result.getOrThrow(Quantity.parseUnits(BigDecimal.fromStringUnsafe("0.125"), 3))).toBe(125n)
    expect(Result.getOrThrow(Quantity.parseUnits("-2.50", 2))).toBe(-250n)
  })

  it("refuses values that would need rounding, with the field and the reason", () => {
    const result = Quantity.parseUnits("1.2345", 3, "lines[0].quantity")
    expect(Result.isFailure(result)).toBe(true)
    if (Result.isFailure(result)) {
      expect(result.failure._tag).toBe("InvalidQuantity")
      expect(result.failure.field).toBe("lines[0].quantity")
      expect(result.failure.message).toContain("more than 3 decimals")
    }
  })

  it("refuses garbage without throwing", () => {
    for (const bad of [Number.NaN, Infinity, "", "abc", "1,5", "0x10", "1e", null, undefined, {}, [], true, 10n]) {
      expect(Result.isFailure(Quantity.parse(bad))).toBe(true)
    }
  })

  it("round-trips units through formatting (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 9 }), (units, scale) => {
        const text = Quantity.formatUnits(units, scale)
        expect(Result.getOrThrow(Quantity.parseUnits(text, scale))).toBe(units)
      })
    )
  })

  it("never throws on arbitrary input (fuzz)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.anything()), fc.integer({ min: 0, max: 9 }), (input, scale) => {
        const result = Quantity.parseUnits(input, scale)
        expect(Result.isSuccess(result) || Result.isFailure(result)).toBe(true)
      }),
      { numRuns: 2000 }
    )
  })

  it("agrees with number arithmetic on exactly representable values (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (cents) => {
        expect(Result.getOrThrow(Quantity.parseUnits(cents / 100, 2))).toBe(BigInt(cents))
      })
    )
  })
})

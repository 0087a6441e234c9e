import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import * as fc from "fast-check"
import * as Gtin from "../src/Gtin.ts"

describe("Gtin", () => {
  it("accepts valid GTIN-8, -12, -13 and -14 and canonicalizes to 14 digits", () => {
    expect(Result.getOrThrow(Gtin.parse("96385074"))).toBe("00000096385074")
    expect(Result.getOrThrow(Gtin.parse("036000291452"))).toBe("00036000291452")
    expect(Result.getOrThrow(Gtin.parse("4006381333931"))).toBe("04006381333931")
    expect(Result.getOrThrow(Gtin.parse("10614141000415"))).toBe("10614141000415")
  })

  it("refuses a wrong check digit and says which digit was expected", () => {
    const result = Gtin.parse("4006381333932")
    expect(Result.isFailure(result)).toBe(true)
    if (Result.isFailure(result)) {
      expect(result.failure._tag).toBe("InvalidGtin")
      expect(result.failure.message).toContain("expected 1")
    }
  })

  it("refuses wrong lengths and non-digits", () => {
    for (const bad of ["", "123", "40063813339311", "4006381333931 ", "ABCDEFGHIJKLM", "400638133393"]) {
      expect(Gtin.isValid(bad)).toBe(false)
    }
  })

  it("detects every single-digit error (property)", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{12}$/),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        (body, position, delta) => {
          const valid = body + String(Gtin.checkDigit(body))
          expect(Gtin.isValid(valid)).toBe(true)
          const digit = (Number(valid[position]) + delta) % 10
          const corrupted = valid.slice(0, position) + String(digit) + valid.slice(position + 1)
          expect(Gtin.isValid(corrupted)).toBe(false)
        }
      )
    )
  })

  it("validates the canonical schema", () => {
    expect(Schema.is(Gtin.Gtin)("04006381333931")).toBe(true)
    expect(Schema.is(Gtin.Gtin)("4006381333931")).toBe(false)
  })

  it("never throws on arbitrary strings (fuzz)", () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (s) => void Gtin.parse(s)), { numRuns: 5000 })
  })
})

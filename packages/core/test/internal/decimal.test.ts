import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Option, Result } from "effect"
import * as fc from "fast-check"
import * as Quantity from "../../src/Quantity.ts"
import * as UnitOfMeasure from "../../src/UnitOfMeasure.ts"

// The general paths as they were before the fast paths: the fast paths must give exactly their results.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

const referenceParse = (input: unknown): BigDecimal.BigDecimal | undefined => {
  if (BigDecimal.isBigDecimal(input)) return input
  if (typeof input === "number") return Number.isFinite(input) ? BigDecimal.fromStringUnsafe(String(input)) : undefined
  if (typeof input !== "string") return undefined
  const trimmed = input.trim()
  if (trimmed.length === 0 || trimmed.length > 64 || !DECIMAL.test(trimmed)) return undefined
  return Option.getOrUndefined(BigDecimal.fromString(trimmed))
}

const referenceUnits = (value: BigDecimal.BigDecimal, scale: number): bigint | undefined => {
  const n = BigDecimal.normalize(value)
  return n.scale <= scale ? n.value * 10n ** BigInt(scale - n.scale) : undefined
}

const referenceBaseUnits = (scheme: UnitOfMeasure.Scheme, quantity: unknown, unit: string): bigint | string => {
  const value = referenceParse(quantity)
  if (value === undefined) return "InvalidQuantity"
  if (unit === scheme.base.code) return referenceUnits(value, scheme.base.decimals) ?? "InvalidQuantity"
  const conversion = scheme.conversions.find((c) => c.code === unit)
  if (conversion === undefined) return "UnknownUnit"
  return referenceUnits(BigDecimal.multiply(value, conversion.factor), scheme.base.decimals) ?? "InvalidQuantity"
}

const same = (a: BigDecimal.BigDecimal | undefined, b: BigDecimal.BigDecimal | undefined) => {
  expect(a === undefined).toBe(b === undefined)
  if (a !== undefined && b !== undefined) expect([a.value, a.scale]).toStrictEqual([b.value, b.scale])
}

const decimalText = fc
  .tuple(
    fc.constantFrom("", "", "-", "+", " "),
    fc.stringMatching(/^\d{0,22}$/),
    fc.constantFrom("", "", ".", "."),
    fc.stringMatching(/^\d{0,22}$/),
    fc.constantFrom("", "", "", "e3", "E-2", "e+40", "e-999999", " ", "x")
  )
  .map((parts) => parts.join(""))

const anyQuantity = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.maxSafeInteger(),
  fc.double(),
  decimalText,
  fc.string({ maxLength: 70 }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -0, 1e21, 1e-7, 0.1, "0".repeat(65), "1".repeat(64), null, undefined, {}, 10n)
)

describe("Quantity and UnitOfMeasure fast paths", () => {
  it("parse gives exactly the general path's decimal (property)", () => {
    fc.assert(
      fc.property(anyQuantity, (input) => {
        const result = Quantity.parse(input)
        same(Result.isSuccess(result) ? result.success : undefined, referenceParse(input))
      }),
      { numRuns: 5_000 }
    )
  })

  it("toUnits gives exactly the normalizing path's units (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }),
        fc.integer({ min: -60, max: 60 }),
        fc.integer({ min: 0, max: 9 }),
        (value, valueScale, scale) => {
          const result = Quantity.toUnits(BigDecimal.make(value, valueScale), scale)
          expect(Result.isSuccess(result) ? result.success : undefined).toBe(referenceUnits(BigDecimal.make(value, valueScale), scale))
        }
      ),
      { numRuns: 5_000 }
    )
  })

  it("toBaseUnits gives exactly the general path's units or error (property)", () => {
    fc.assert(
      fc.property(
        anyQuantity,
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom("each", "case", "g", "nope"),
        fc.constantFrom("12", "0.001", "2.5", "1000"),
        (quantity, decimals, unit, factor) => {
          const scheme: UnitOfMeasure.Scheme = {
            base: new UnitOfMeasure.BaseUnit({ code: "each", decimals }),
            conversions: [
              new UnitOfMeasure.Conversion({ code: "case", factor: BigDecimal.fromStringUnsafe(factor) }),
              new UnitOfMeasure.Conversion({ code: "g", factor: BigDecimal.fromStringUnsafe("0.001") })
            ]
          }
          const result = UnitOfMeasure.toBaseUnits(scheme, quantity as Quantity.Input, unit, "lines[0].quantity")
          expect(Result.isSuccess(result) ? result.success : result.failure._tag).toBe(referenceBaseUnits(scheme, quantity, unit))
        }
      ),
      { numRuns: 5_000 }
    )
  })

  it("keeps the general path's errors", () => {
    const result = UnitOfMeasure.toBaseUnits(
      { base: new UnitOfMeasure.BaseUnit({ code: "kg", decimals: 3 }), conversions: [] },
      "1.23456",
      "kg",
      "lines[4].quantity"
    )
    expect(Result.isFailure(result) && result.failure).toMatchObject({
      _tag: "InvalidQuantity",
      field: "lines[4].quantity",
      input: "1.23456",
      reason: "has more than 3 decimals"
    })
  })
})

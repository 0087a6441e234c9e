import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Result } from "effect"
import * as UnitOfMeasure from "../src/UnitOfMeasure.ts"

const each: UnitOfMeasure.Scheme = {
  base: new UnitOfMeasure.BaseUnit({ code: "each", decimals: 0 }),
  conversions: [new UnitOfMeasure.Conversion({ code: "case", factor: BigDecimal.fromBigInt(12n) })]
}
const kg: UnitOfMeasure.Scheme = {
  base: new UnitOfMeasure.BaseUnit({ code: "kg", decimals: 3 }),
  conversions: [new UnitOfMeasure.Conversion({ code: "g", factor: BigDecimal.fromStringUnsafe("0.001") })]
}

describe("UnitOfMeasure", () => {
  it("converts cases to each and grams to kilograms exactly", () => {
    expect(Result.getOrThrow(UnitOfMeasure.toBaseUnits(each, 3, "case"))).toBe(36n)
    expect(Result.getOrThrow(UnitOfMeasure.toBaseUnits(each, "0.5", "case"))).toBe(6n)
    expect(Result.getOrThrow(UnitOfMeasure.toBaseUnits(kg, 1250, "g"))).toBe(1250n)
    expect(UnitOfMeasure.formatBaseUnits(kg, 1250n)).toBe("1.25")
  })

  it("refuses conversions that do not land on the base unit's decimals", () => {
    const third = UnitOfMeasure.toBaseUnits(each, "0.1", "case")
    expect(Result.isFailure(third) && third.failure._tag).toBe("InvalidQuantity")
    const subGram = UnitOfMeasure.toBaseUnits(kg, "0.5", "g")
    expect(Result.isFailure(subGram) && subGram.failure._tag).toBe("InvalidQuantity")
  })

  it("refuses an unknown unit and lists the known ones", () => {
    const result = UnitOfMeasure.toBaseUnits(each, 1, "pallet")
    expect(Result.isFailure(result)).toBe(true)
    if (Result.isFailure(result)) expect(result.failure.message).toContain("each, case")
  })
})

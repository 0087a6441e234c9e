/**
 * The smallest embedding of @quartermaster/core: validate a scanned GTIN and convert a receipt in cases to
 * the item's base unit, exactly.
 */
import { Gtin, type Quantity, UnitOfMeasure } from "@quartermaster/core"
import { BigDecimal, Console, Effect } from "effect"

const scheme: UnitOfMeasure.Scheme = {
  base: new UnitOfMeasure.BaseUnit({ code: "each", decimals: 0 }),
  conversions: [new UnitOfMeasure.Conversion({ code: "case", factor: BigDecimal.fromBigInt(12n) })]
}

export const program: Effect.Effect<
  string,
  Gtin.InvalidGtin | Quantity.InvalidQuantity | UnitOfMeasure.UnknownUnit
> = Effect.gen(function*() {
  const gtin = yield* Effect.fromResult(Gtin.parse("4006381333931"))
  const units = yield* Effect.fromResult(UnitOfMeasure.toBaseUnits(scheme, "2.5", "case"))
  const line = `received ${UnitOfMeasure.formatBaseUnits(scheme, units)} each of GTIN ${gtin}`
  yield* Console.log(line)
  return line
})

if (import.meta.url === `file://${process.argv[1]}`) {
  Effect.runPromise(program).catch((error: unknown) => {
    console.error(String(error))
    process.exitCode = 1
  })
}

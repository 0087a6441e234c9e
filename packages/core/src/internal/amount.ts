// Exact money amounts for the asset services: inputs are `number | string | BigDecimal`, stored as BigDecimal,
// never negative. Sums and seat × price products stay exact; nothing here rounds.
import { BigDecimal, Effect, Result } from "effect"
import { InvalidInput } from "../InputError.ts"
import * as Quantity from "../Quantity.ts"

/** Reads a non-negative amount, failing with {@link InvalidInput} naming the field. */
export const amount = (operation: string, field: string, input: unknown): Effect.Effect<BigDecimal.BigDecimal, InvalidInput> => {
  const parsed = Quantity.parse(input, field)
  if (Result.isFailure(parsed)) return Effect.fail(new InvalidInput({ operation, field, reason: parsed.failure.reason }))
  if (BigDecimal.isNegative(parsed.success)) return Effect.fail(new InvalidInput({ operation, field, reason: "must not be negative" }))
  return Effect.succeed(BigDecimal.normalize(parsed.success))
}

/** Reads an optional amount; `undefined` stays `undefined`. */
export const optionalAmount = (operation: string, field: string, input: unknown): Effect.Effect<BigDecimal.BigDecimal | undefined, InvalidInput> =>
  input === undefined ? Effect.succeed(undefined) : amount(operation, field, input)

export const zero = BigDecimal.fromBigInt(0n)

export const sum = (values: Iterable<BigDecimal.BigDecimal>): BigDecimal.BigDecimal => {
  let total = zero
  for (const v of values) total = BigDecimal.sum(total, v)
  return BigDecimal.normalize(total)
}

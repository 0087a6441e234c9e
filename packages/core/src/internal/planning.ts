// Validation shared by the planning modules: schema decoding into `InvalidPlanningInput`, and the domain checks
// that have their own error tags (positive costs, non-negative demand, service levels in (0, 1)).
import { Result, Schema } from "effect"
import { InvalidPlanningInput, NegativeDemand, NonPositiveCost, ServiceLevelOutOfRange } from "../PlanningError.ts"

const pathOf = (error: Schema.SchemaError): string => {
  const match = /\n\s*at (\S.*)$/m.exec(error.message)
  return (match?.[1] ?? "").replace(/\["([^"]*)"\]/g, ".$1").replace(/^\./, "")
}

/** Decodes unknown input with a schema, synchronously, turning a failure into `InvalidPlanningInput`. */
export const decoder = <S extends Schema.Decoder<unknown>>(operation: string, schema: S) => {
  const run = Schema.decodeUnknownResult(schema)
  return (input: unknown): Result.Result<S["Type"], InvalidPlanningInput> => {
    const result = run(input)
    if (Result.isSuccess(result)) return Result.succeed(result.success)
    const error = result.failure
    const reason = error.message.split("\n")[0] ?? "is invalid"
    return Result.fail(new InvalidPlanningInput({ operation, field: pathOf(error), reason }))
  }
}

/** A cost that must be positive. */
export const positiveCost = (operation: string, field: string, value: number): Result.Result<number, NonPositiveCost> =>
  value > 0 ? Result.succeed(value) : Result.fail(new NonPositiveCost({ operation, field, value }))

/** A demand figure that must not be negative. */
export const demand = (operation: string, field: string, value: number): Result.Result<number, NegativeDemand> =>
  value >= 0 ? Result.succeed(value) : Result.fail(new NegativeDemand({ operation, field, value }))

/** A demand figure that must be positive: zero demand has no economic order quantity. */
export const positiveDemand = (operation: string, field: string, value: number): Result.Result<number, NegativeDemand | InvalidPlanningInput> =>
  value > 0
    ? Result.succeed(value)
    : value === 0
    ? Result.fail(new InvalidPlanningInput({ operation, field, reason: "must be positive: there is no order quantity for zero demand" }))
    : Result.fail(new NegativeDemand({ operation, field, value }))

/** A probability in the open interval (0, 1). */
export const level = (operation: string, field: string, value: number): Result.Result<number, ServiceLevelOutOfRange> =>
  value > 0 && value < 1 ? Result.succeed(value) : Result.fail(new ServiceLevelOutOfRange({ operation, field, value }))

/** A parameter in a range, as an `InvalidPlanningInput` otherwise. */
export const within = (
  operation: string,
  field: string,
  value: number,
  min: number,
  max: number
): Result.Result<number, InvalidPlanningInput> =>
  value >= min && value <= max
    ? Result.succeed(value)
    : Result.fail(new InvalidPlanningInput({ operation, field, reason: `must lie between ${min} and ${max} (got ${value})` }))

/** An `InvalidPlanningInput` failure. */
export const invalid = (operation: string, field: string, reason: string): Result.Result<never, InvalidPlanningInput> =>
  Result.fail(new InvalidPlanningInput({ operation, field, reason }))

// Schema decoding for the depreciation modules: a failure becomes `InvalidDepreciationInput` naming the path.
import { Result, Schema } from "effect"
import { InvalidDepreciationInput } from "../DepreciationError.ts"

const pathOf = (error: Schema.SchemaError): string => {
  const match = /\n\s*at (\S.*)$/m.exec(error.message)
  return (match?.[1] ?? "").replace(/\["([^"]*)"\]/g, ".$1").replace(/^\./, "")
}

/** Decodes unknown input with a schema, synchronously, turning a failure into `InvalidDepreciationInput`. */
export const decoder = <S extends Schema.Decoder<unknown>>(operation: string, schema: S) => {
  const run = Schema.decodeUnknownResult(schema)
  return (input: unknown): Result.Result<S["Type"], InvalidDepreciationInput> => {
    const result = run(input)
    if (Result.isSuccess(result)) return Result.succeed(result.success)
    const error = result.failure
    const reason = error.message.split("\n")[0] ?? "is invalid"
    return Result.fail(new InvalidDepreciationInput({ operation, field: pathOf(error), reason }))
  }
}

/** An `InvalidDepreciationInput` failure. */
export const invalid = (operation: string, field: string, reason: string): Result.Result<never, InvalidDepreciationInput> =>
  Result.fail(new InvalidDepreciationInput({ operation, field, reason }))

/**
 * The error for public input that does not match its schema.
 *
 * @since 0.1.0
 */
import { Effect, Result, Schema } from "effect"

/**
 * Input failed validation. `message` names the field (its path) and the reason.
 *
 * @since 0.1.0
 */
export class InvalidInput extends Schema.TaggedError<InvalidInput>()("InvalidInput", {
  operation: Schema.String,
  field: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.operation}: ${this.field === "" ? "input" : this.field} ${this.reason}`
  }
}

const pathOf = (error: Schema.SchemaError): string => {
  const match = /\n\s*at (\S.*)$/m.exec(error.message)
  // `["lines"][1]["quantity"]` reads better as `lines[1].quantity`.
  return (match?.[1] ?? "").replace(/\["([^"]*)"\]/g, ".$1").replace(/^\./, "")
}

/**
 * Decodes unknown input with a schema, turning a schema failure into {@link InvalidInput}.
 *
 * @since 0.1.0
 */
export const decode = <S extends Schema.Decoder<unknown>>(operation: string, schema: S) => {
  const run = Schema.decodeUnknownResult(schema)
  return (input: unknown): Effect.Effect<S["Type"], InvalidInput> => {
    const result = run(input)
    if (Result.isSuccess(result)) return Effect.succeed(result.success)
    const error = result.failure
    const reason = error.message.split("\n")[0] ?? "is invalid"
    return Effect.fail(new InvalidInput({ operation, field: pathOf(error), reason }))
  }
}

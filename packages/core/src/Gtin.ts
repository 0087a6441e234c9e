/**
 * GS1 Global Trade Item Numbers (GTIN-8, GTIN-12, GTIN-13 and GTIN-14).
 *
 * A GTIN is validated by its mod-10 check digit and stored in its canonical 14-digit form, so that the
 * same product scanned as UPC-A, EAN-13 or a GTIN-14 with a zero indicator resolves to one key.
 *
 * @since 0.1.0
 */
import { type Brand, Result, Schema } from "effect"

/**
 * A GTIN in canonical 14-digit form.
 *
 * @since 0.1.0
 */
export type Gtin = string & Brand.Brand<"Gtin">

/**
 * The input was not a GTIN.
 *
 * @since 0.1.0
 */
export class InvalidGtin extends Schema.TaggedError<InvalidGtin>()("InvalidGtin", {
  input: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `invalid GTIN ${JSON.stringify(this.input)}: ${this.reason}`
  }
}

const LENGTHS = new Set([8, 12, 13, 14])

/**
 * Computes the GS1 mod-10 check digit of a string of digits that does not include the check digit.
 *
 * @since 0.1.0
 */
export const checkDigit = (digitsWithoutCheck: string): number => {
  let sum = 0
  // Weights alternate 3, 1, 3, … starting from the rightmost digit.
  for (let i = digitsWithoutCheck.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
    sum += (digitsWithoutCheck.charCodeAt(i) - 48) * weight
  }
  return (10 - (sum % 10)) % 10
}

/**
 * Validates a GTIN of 8, 12, 13 or 14 digits and returns it in canonical 14-digit form.
 *
 * @since 0.1.0
 */
export const parse = (input: string): Result.Result<Gtin, InvalidGtin> => {
  const shown = input.length > 32 ? `${input.slice(0, 32)}…` : input
  const fail = (reason: string) => Result.fail(new InvalidGtin({ input: shown, reason }))
  if (!/^\d+$/.test(input)) return fail("must contain digits only")
  if (!LENGTHS.has(input.length)) return fail("must have 8, 12, 13 or 14 digits")
  const expected = checkDigit(input.slice(0, -1))
  const actual = input.charCodeAt(input.length - 1) - 48
  if (expected !== actual) return fail(`check digit is ${actual}, expected ${expected}`)
  return Result.succeed(input.padStart(14, "0") as Gtin)
}

/**
 * Whether a string is a valid GTIN.
 *
 * @since 0.1.0
 */
export const isValid = (input: string): boolean => Result.isSuccess(parse(input))

/**
 * Schema for a canonical 14-digit GTIN with a valid check digit. Use {@link parse} to accept the shorter forms.
 *
 * @since 0.1.0
 */
export const Gtin: Schema.brand<Schema.String, "Gtin"> = Schema.String.pipe(
  Schema.check(Schema.makeFilter((s: string) => (s.length === 14 && isValid(s)) || "a 14-digit GTIN with a valid check digit")),
  Schema.brand("Gtin")
)

/**
 * Field schemas shared by the response bodies: each decodes to the core's runtime type and encodes to the JSON
 * the server has always sent (decimals and bigints as strings, times as ISO 8601 strings, a non-finite number
 * as `null`), so a response schema both documents the body in OpenAPI and produces it.
 *
 * @since 0.1.0
 */
import { Schema, SchemaGetter } from "effect"

/**
 * An exact decimal, sent as a string such as `"12.5"`.
 *
 * @since 0.1.0
 */
export const Decimal = Schema.String.annotate({ format: "decimal", description: "An exact decimal as a string" }).pipe(
  Schema.decodeTo(Schema.BigDecimalFromString)
)

/**
 * A whole amount in minor units (a bigint), sent as a string of digits.
 *
 * @since 0.1.0
 */
export const Minor = Schema.BigIntFromString.annotate({ description: "A whole number of minor units as a string" })

/**
 * A UTC time, sent as an ISO 8601 string.
 *
 * @since 0.1.0
 */
export const Time = Schema.String.annotate({ format: "date-time", description: "An ISO 8601 UTC time" }).pipe(
  Schema.decodeTo(Schema.DateTimeUtcFromString)
)

/**
 * A UTC time already formatted as an ISO 8601 string by the handler (no decoding).
 *
 * @since 0.1.0
 */
export const TimeText = Schema.String.annotate({ format: "date-time", description: "An ISO 8601 UTC time" })

/**
 * A calendar date `YYYY-MM-DD`.
 *
 * @since 0.1.0
 */
export const Day = Schema.String.annotate({ format: "date", description: "A date YYYY-MM-DD" })

/**
 * A binary number such as a rate or a statistic; `null` when it is not finite (0/0 with no data), as JSON
 * has no NaN.
 *
 * @since 0.1.0
 */
export const Float = Schema.Number.pipe(
  Schema.encodeTo(Schema.NullOr(Schema.Finite), {
    decode: SchemaGetter.transform((n: number | null) => n ?? Number.NaN),
    encode: SchemaGetter.transform((n: number) => Number.isFinite(n) ? n : null)
  })
)

/**
 * A count.
 *
 * @since 0.1.0
 */
export const Count = Schema.Int

/**
 * A page of rows under `key`, with the cursor of the next page (`null` on the last page).
 *
 * @since 0.1.0
 */
export const Page = <const K extends string, S extends Schema.Top>(key: K, row: S) =>
  Schema.Struct({ [key]: Schema.Array(row), nextCursor: Schema.NullOr(Schema.String) } as { [P in K]: Schema.$Array<S> } & {
    nextCursor: Schema.NullOr<Schema.String>
  })

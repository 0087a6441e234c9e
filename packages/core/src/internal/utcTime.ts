/**
 * A UTC time on the wire: an ISO 8601 string, declared with `format: date-time` so that OpenAPI documents and
 * JSON Schemas generated from core's schemas say so. It decodes and encodes with the same transformation as
 * `Schema.DateTimeUtcFromString`.
 *
 * @since 0.1.0
 * @internal
 */
import { Schema, SchemaTransformation } from "effect"

/** @internal */
export const UtcTime = Schema.String.annotate({
  expected: "a string that will be decoded as a DateTime.Utc",
  format: "date-time"
}).pipe(Schema.decodeTo(Schema.DateTimeUtc, SchemaTransformation.dateTimeUtcFromString))

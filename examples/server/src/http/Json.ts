/**
 * Plain JSON for report results, whose core types are interfaces with exact decimals, bigints and times:
 * decimals and bigints become strings (never binary floats), times ISO strings, maps objects.
 *
 * @since 0.1.0
 */
import { BigDecimal, DateTime, Schema } from "effect"

/**
 * The schema of a JSON report body, documented as an object in OpenAPI.
 *
 * @since 0.1.0
 */
export const Report = Schema.Unknown.annotate({
  description: "A JSON report; decimals and money are strings, times ISO 8601 strings."
})

/**
 * Converts a core result to plain JSON values.
 *
 * @since 0.1.0
 */
export const toJson = (value: unknown): unknown => {
  if (value === null || value === undefined) return null
  switch (typeof value) {
    case "string":
    case "boolean":
      return value
    case "number":
      return Number.isFinite(value) ? value : null
    case "bigint":
      return value.toString()
    case "object":
      break
    default:
      return null
  }
  if (BigDecimal.isBigDecimal(value)) return BigDecimal.format(value)
  if (DateTime.isDateTime(value)) return DateTime.formatIso(value)
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(toJson)
  if (value instanceof Map) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of value) out[String(k)] = toJson(v)
    return out
  }
  if (value instanceof Set) return [...value].map(toJson)
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = toJson(v)
  return out
}

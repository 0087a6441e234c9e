// Decoding of posting lines, fast. Schema decoding costs microseconds per line, most of a large posting's time,
// so the common shapes are checked here by hand and turned into the same decoded lines. Anything not
// recognised, every invalid line included, goes through `PostInput` itself: results and errors are exactly
// the schema's. The checks may be stricter than the schema (that only costs speed), never looser.
import { BigDecimal, Effect, Result, Schema } from "effect"
import type { ItemId, LocationId, MovementId, ReservationId } from "../Ids.ts"
import { decode, type InvalidInput } from "../InputError.ts"
import { MovementInput, PostInput, TimeInput } from "../Movement.ts"
import type { Line } from "./posting.ts"
import { isPrintable, isToken } from "./text.ts"

/** The fields checked below, in the schema's order. */
export const FIELDS = [
  "id",
  "itemId",
  "from",
  "to",
  "quantity",
  "unit",
  "lot",
  "lotExpiresAt",
  "serials",
  "unitCost",
  "effectiveAt",
  "reasonCode",
  "reference",
  "reservationId"
] as const

// A field added to or removed from `MovementInput` is not described by these checks: then the schema decodes
// alone until they are updated.
const enabled = ((fields: ReadonlyArray<string>) =>
  fields.length === FIELDS.length && fields.every((f, i) => f === FIELDS[i]))(Object.keys(MovementInput.fields))

const viaSchema = decode("post", PostInput)
const decodeTime = Schema.decodeUnknownResult(TimeInput)

const MAX_LINES = 1_000_000

const isId = (u: unknown): u is string => typeof u === "string" && u.length >= 1 && u.length <= 128 && isPrintable(u)

const isQuantity = (u: unknown): boolean =>
  typeof u === "number" ? Number.isFinite(u) : typeof u === "string" || BigDecimal.isBigDecimal(u)

// Returned by a field check when the line must go through the schema.
const SLOW: unique symbol = Symbol()

// An optional key read as the schema reads it: present means `key in line`, and present with `undefined` is
// left to the schema (the keys are exact-optional).
const optional = (line: object, key: string, value: unknown): boolean => value !== undefined || !(key in line)

const time = (u: unknown): unknown => {
  if (u === undefined) return undefined
  const decoded = decodeTime(u)
  return Result.isSuccess(decoded) ? decoded.success : SLOW
}

const serialsOf = (u: unknown): ReadonlyArray<string> | typeof SLOW | undefined => {
  if (u === undefined) return undefined
  if (!Array.isArray(u)) return SLOW
  const out = new Array<string>(u.length)
  for (let i = 0; i < u.length; i++) {
    const s: unknown = u[i]
    if (typeof s !== "string" || s.length < 1 || s.length > 128 || !isToken(s)) return SLOW
    out[i] = s
  }
  return out
}

const lineOf = (u: unknown): Line | undefined => {
  if (typeof u !== "object" || u === null || Array.isArray(u)) return undefined
  const l = u as { readonly [K in (typeof FIELDS)[number]]?: unknown }
  const { id, itemId, from, to, quantity, unit, lot, lotExpiresAt, serials, unitCost, effectiveAt, reasonCode, reference, reservationId } = l
  if (!isId(id) || !isId(itemId) || !isId(from) || !isId(to) || !isQuantity(quantity)) return undefined
  if (unit === undefined ? "unit" in l : typeof unit !== "string") return undefined
  if (lot === undefined ? "lot" in l : typeof lot !== "string" || lot.length < 1 || lot.length > 64 || !isPrintable(lot)) return undefined
  if (unitCost === undefined ? "unitCost" in l : !isQuantity(unitCost)) return undefined
  if (reasonCode === undefined ? "reasonCode" in l : typeof reasonCode !== "string" || reasonCode.length > 64) return undefined
  if (reference === undefined ? "reference" in l : typeof reference !== "string" || reference.length > 256) return undefined
  if (reservationId === undefined ? "reservationId" in l : !isId(reservationId)) return undefined
  if (!optional(l, "lotExpiresAt", lotExpiresAt) || !optional(l, "serials", serials) || !optional(l, "effectiveAt", effectiveAt)) {
    return undefined
  }
  const expiry = time(lotExpiresAt)
  const effective = time(effectiveAt)
  const serialList = serialsOf(serials)
  if (expiry === SLOW || effective === SLOW || serialList === SLOW) return undefined
  // Every line gets the same shape, absent fields as `undefined`, so the posting reads them monomorphically.
  return {
    id: id as MovementId,
    itemId: itemId as ItemId,
    from: from as LocationId,
    to: to as LocationId,
    quantity: quantity as Line["quantity"],
    unit: unit as string | undefined,
    lot: lot as string | undefined,
    lotExpiresAt: expiry as Line["lotExpiresAt"],
    serials: serialList,
    unitCost: unitCost as Line["unitCost"],
    effectiveAt: effective as Line["effectiveAt"],
    reasonCode: reasonCode as string | undefined,
    reference: reference as string | undefined,
    reservationId: reservationId as ReservationId | undefined
  }
}

const fast = (input: unknown): Array<Line> | undefined => {
  if (!Array.isArray(input) || input.length < 1 || input.length > MAX_LINES) return undefined
  const out = new Array<Line>(input.length)
  for (let i = 0; i < input.length; i++) {
    const line = lineOf(input[i])
    if (line === undefined) return undefined
    out[i] = line
  }
  return out
}

/**
 * Decodes the lines of a posting: the same result as decoding with `PostInput`, and on failure exactly its
 * {@link InvalidInput}.
 */
export const decodeLines = (input: unknown): Effect.Effect<ReadonlyArray<Line>, InvalidInput> => {
  const lines = enabled ? fast(input) : undefined
  return lines === undefined ? viaSchema(input) : Effect.succeed(lines)
}

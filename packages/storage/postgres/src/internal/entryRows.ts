// Valuation entries to and from `qm_valuation_entries`.
//
// A refresh rewrites thousands of entries and reads back every entry of the span it revalues, so both directions
// skip the schema's generic walk: an entry is written as its schema's JSON by hand (field for field, amounts as
// strings), and read back from the table's own columns (plus `provisional`, which only the document holds)
// rather than by decoding the document with the schema. The test checks both against the schema.
import { type StoreError, ValuationState } from "@quartermaster/core"
import { Effect, Schema } from "effect"
import { undecodable } from "./errors.ts"

/** The entry as its schema's JSON. */
export const encodeEntry = (e: ValuationState.Entry): string =>
  JSON.stringify({
    itemId: e.itemId,
    id: e.id,
    at: e.at,
    seq: e.seq,
    step: e.step,
    kind: e.kind,
    movementId: e.movementId,
    site: e.site,
    lot: e.lot,
    quantity: e.quantity.toString(),
    value: e.value.toString(),
    cogs: e.cogs.toString(),
    received: e.received.toString(),
    provisional: e.provisional.toString()
  })

/**
 * The select list that {@link entryOf} reads: one JSON array per row, in the order of {@link EntryRow}. One field
 * rather than fourteen: PGlite's client parses each field of a result on its own, and twenty thousand rows of
 * fourteen fields read three times slower than the same rows as one text each (measured; PostgreSQL's client
 * does not mind either way).
 */
export const ENTRY_ROW = "json_build_array(item_id, id, at::text, seq, step, kind, movement_id, site, lot, quantity::text, " +
  "value::text, cogs::text, received::text, doc->>'provisional')::text AS r"

/** An entry as {@link ENTRY_ROW} lists it. */
export type EntryRow = readonly [
  itemId: string,
  id: string,
  at: string,
  seq: number,
  step: string,
  kind: string,
  movementId: string | null,
  site: string,
  lot: string | null,
  quantity: string,
  value: string,
  cogs: string,
  received: string,
  provisional: string | null
]

const isKind = Schema.is(ValuationState.EntryKind)
// Whole numbers only, as the amounts are written: `BigInt` alone would also take "0x1f" or " 12".
const WHOLE = /^-?\d+$/

const text = (row: EntryRow, i: number, name: string): string => {
  const v = row[i]
  if (typeof v !== "string") throw new Error(`${name} is ${JSON.stringify(v)}, not a string`)
  return v
}

const textOrNull = (row: EntryRow, i: number, name: string): string | null => (row[i] === null ? null : text(row, i, name))

const amount = (row: EntryRow, i: number, name: string): bigint => {
  const v = text(row, i, name)
  if (!WHOLE.test(v)) throw new Error(`${name} is ${JSON.stringify(v)}, not a whole number`)
  return BigInt(v)
}

/** The entry a row holds (the text of {@link ENTRY_ROW}); a row that is not one is a non-retryable StoreError. */
export const entryOf = (operation: string) => (r: string): Effect.Effect<ValuationState.Entry, StoreError.StoreError> => {
  try {
    const row = JSON.parse(r) as EntryRow
    if (!Array.isArray(row) || row.length !== 14) throw new Error("not a row of 14 columns")
    const kind = row[5]
    if (!isKind(kind)) throw new Error(`kind ${JSON.stringify(kind)} is not an entry kind`)
    const seq = row[3]
    if (typeof seq !== "number") throw new Error(`seq is ${JSON.stringify(seq)}, not a number`)
    return Effect.succeed({
      itemId: text(row, 0, "itemId"),
      id: text(row, 1, "id"),
      at: Number(amount(row, 2, "at")),
      seq,
      step: text(row, 4, "step"),
      kind,
      movementId: textOrNull(row, 6, "movementId"),
      site: text(row, 7, "site"),
      lot: textOrNull(row, 8, "lot"),
      quantity: amount(row, 9, "quantity"),
      value: amount(row, 10, "value"),
      cogs: amount(row, 11, "cogs"),
      received: amount(row, 12, "received"),
      provisional: amount(row, 13, "provisional")
    })
  } catch (e) {
    return Effect.fail(undecodable(operation, e instanceof Error ? e.message : String(e)))
  }
}

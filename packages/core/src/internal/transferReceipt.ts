/**
 * Receipt arithmetic of transfers: quantities declared per outcome and, for serial-tracked lines, the serials
 * named per outcome (each still in transit on the line, none twice, any quantity beside them matching).
 *
 * @since 0.1.0
 */
import { Effect, Result } from "effect"
import { InvalidTransfer } from "../CountError.ts"
import * as Quantity from "../Quantity.ts"
import { type ReceiveInput, type SerialOutcome, serialsInTransit, type TransferLine } from "../Transfer.ts"

/** A declared quantity in smallest base units: zero when absent, never negative. */
export const units = (input: Quantity.Input | undefined, decimals: number, field: string) =>
  Effect.gen(function*() {
    if (input === undefined) return 0n
    const r = Quantity.parseUnits(input, decimals, field)
    if (Result.isFailure(r)) return yield* r.failure
    if (r.success < 0n) return yield* new InvalidTransfer({ field, reason: "must not be negative" })
    return r.success
  })

/** Records serials with one outcome. */
export const settle = (serials: ReadonlyArray<string>, as: SerialOutcome) => serials.map((serial) => ({ serial, as }))

const SERIAL_FIELDS = [["received", "serials", "quantity"], ["damaged", "damagedSerials", "damaged"], ["short", "shortSerials", "short"]] as const

// A serial line's receipt: the serials named per outcome (each still in transit on the line, none twice) and their
// quantities; a quantity given beside them must match. Undefined for a line without serials.
export const namedSerials = (line: TransferLine, r: ReceiveInput["lines"][number], field: string) =>
  Effect.gen(function*() {
    if (line.serials === undefined) {
      for (const [, name] of SERIAL_FIELDS) {
        if (r[name] !== undefined) return yield* new InvalidTransfer({ field: `${field}.${name}`, reason: "are given for an item without serials" })
      }
      return undefined
    }
    const open = new Set(serialsInTransit(line))
    const used = new Set<string>()
    const serials = { received: [] as Array<string>, damaged: [] as Array<string>, short: [] as Array<string> }
    const counts = { received: 0n, damaged: 0n, short: 0n }
    const unit = 10n ** BigInt(line.decimals)
    for (const [outcome, name, quantityField] of SERIAL_FIELDS) {
      const list = [...(r[name] ?? [])].sort()
      for (const serial of list) {
        if (used.has(serial)) return yield* new InvalidTransfer({ field: `${field}.${name}`, reason: `repeats serial ${JSON.stringify(serial)}` })
        if (!open.has(serial)) return yield* new InvalidTransfer({ field: `${field}.${name}`, reason: `serial ${JSON.stringify(serial)} is not in transit on line ${line.lineNo}` })
        used.add(serial)
      }
      serials[outcome] = list
      counts[outcome] = BigInt(list.length) * unit
      const given = r[quantityField]
      if (given !== undefined && (yield* units(given, line.decimals, `${field}.${quantityField}`)) !== counts[outcome]) {
        return yield* new InvalidTransfer({ field: `${field}.${quantityField}`, reason: `must match the ${list.length} serials named in ${name}` })
      }
    }
    return { serials, counts }
  })

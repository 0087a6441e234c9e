// Counting serial-tracked items: the serials of a counted line, the serials the book holds in counted cells, and
// the movements an approval posts for serial cells.
import { Effect, Result } from "effect"
import type { CountItem, CountSession } from "../CountSession.ts"
import type * as CountVariance from "../CountVariance.ts"
import { IdGenerator } from "../IdGenerator.ts"
import type { ItemId, LocationId } from "../Ids.ts"
import { InvalidInput } from "../InputError.ts"
import { LedgerStore } from "../LedgerStore.ts"
import * as Money from "../Money.ts"
import type { MovementInput } from "../Movement.ts"
import * as Quantity from "../Quantity.ts"

/** A counted line's cell, and the serials found there for a serial-tracked item. */
export interface CountedCell {
  readonly itemId: ItemId
  readonly locationId: LocationId
  readonly serials?: ReadonlyArray<string>
}

// The serials of a counted line: required for a serial-tracked item (none given means none found when the
// quantity is zero), without repeats, as many as the quantity if one is given.
export const serialsFound = (
  serials: ReadonlyArray<string> | undefined,
  quantity: bigint | undefined,
  field: string
): Result.Result<ReadonlyArray<string>, InvalidInput> => {
  const invalid = (f: string, reason: string) => Result.fail(new InvalidInput({ operation: "recordCounts", field: f, reason }))
  if (serials === undefined) {
    return quantity === 0n ? Result.succeed([]) : invalid(`${field}.serials`, "are required for a serial-tracked item: list every serial found")
  }
  const sorted = [...serials].sort()
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) return invalid(`${field}.serials`, `lists ${JSON.stringify(sorted[i])} twice`)
  }
  if (quantity !== undefined && quantity !== BigInt(sorted.length)) {
    return invalid(`${field}.quantity`, `is ${quantity} but ${sorted.length} serials are listed`)
  }
  return Result.succeed(sorted)
}

// The serials the book holds in each counted serial cell, by item and location, sorted.
export const serialsAt = (tenantId: CountSession["tenantId"], counted: ReadonlyArray<CountedCell>) =>
  Effect.gen(function*() {
    const out = new Map<string, Array<string>>()
    const wanted = new Set(counted.filter((c) => c.serials !== undefined).map((c) => `${c.itemId}\u0000${c.locationId}`))
    const ledger = yield* LedgerStore
    for (const itemId of new Set(counted.filter((c) => c.serials !== undefined).map((c) => c.itemId))) {
      for (const p of yield* ledger.serials(tenantId, { itemId })) {
        const key = `${p.itemId}\u0000${p.locationId}`
        if (!wanted.has(key)) continue
        const list = out.get(key) ?? []
        list.push(p.serial)
        out.set(key, list)
      }
    }
    for (const list of out.values()) list.sort()
    return out
  })

// Cells whose last counts list the same serial: it cannot be in both, so they must be counted again.
export const foundTwice = <R extends { readonly raw: CountVariance.Row }>(rows: ReadonlyArray<R>): ReadonlyArray<R> => {
  const where = new Map<string, Array<R>>()
  for (const r of rows) {
    for (const s of r.raw.found) {
      const key = `${r.raw.itemId}\u0000${s}`
      where.set(key, [...(where.get(key) ?? []), r])
    }
  }
  return [...new Set([...where.values()].filter((cells) => cells.length > 1).flat())].filter((r) => !r.raw.recountRequired)
}

/** The reason code of a serial found where the book did not have it, moved to where it was found. */
export const relocateReason = "count-relocate"

// Serial cells move each serial to where it was found, as the book stands now (postings may have run since the
// count): a missing serial still in the cell goes to the adjustment location; a serial found here that the book
// has at another stock-holding location moves here from there; one the book has nowhere comes in as a gain.
export const serialLines = (session: CountSession, rows: ReadonlyArray<{ readonly item: CountItem; readonly raw: CountVariance.Row }>, at: number) =>
  Effect.gen(function*() {
    const ids = yield* IdGenerator
    const ledger = yield* LedgerStore
    const lines: Array<MovementInput> = []
    const line = (raw: CountVariance.Row, item: CountItem, from: string, to: string, serials: ReadonlyArray<string>, reasonCode: string, gain: boolean) =>
      Effect.map(ids.next, (id): MovementInput => ({
        id,
        itemId: raw.itemId,
        from,
        to,
        quantity: Quantity.fromUnits(BigInt(serials.length), item.decimals),
        serials,
        ...(gain && item.rate !== null ? { unitCost: Money.unitCost(item.rate, item.decimals, session.currencyScale) } : {}),
        effectiveAt: at,
        reasonCode,
        reference: session.id
      }))
    // A serial missing from one cell and found in another only moves.
    const foundElsewhere = new Set(rows.flatMap(({ raw }) => raw.unexpected.map((s) => `${raw.itemId}\u0000${s}`)))
    for (const { item, raw } of rows) {
      const now = yield* ledger.getSerials(session.tenantId, raw.itemId as ItemId, [...raw.missing, ...raw.unexpected])
      const gone = raw.missing.filter((s) => now.get(s) === raw.locationId && !foundElsewhere.has(`${raw.itemId}\u0000${s}`))
      if (gone.length > 0) lines.push(yield* line(raw, item, raw.locationId, session.adjustmentLocationId, gone, session.lossReason, false))
      const elsewhere = new Map<string, Array<string>>()
      const unknown: Array<string> = []
      for (const s of raw.unexpected) {
        const where = now.get(s)
        if (where === raw.locationId) continue
        if (where === undefined) unknown.push(s)
        else elsewhere.set(where, [...(elsewhere.get(where) ?? []), s])
      }
      for (const [from, serials] of [...elsewhere].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        lines.push(yield* line(raw, item, from, raw.locationId, serials, relocateReason, false))
      }
      if (unknown.length > 0) lines.push(yield* line(raw, item, session.adjustmentLocationId, raw.locationId, unknown, session.gainReason, true))
    }
    return lines
  })

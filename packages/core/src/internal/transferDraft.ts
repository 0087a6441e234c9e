// A new transfer, checked and made into a draft: the input decoded, the locations of the right usage, every line's
// item known, its quantity in base units and positive, lots and serials as the item's tracking asks.
import { DateTime, Effect, Result } from "effect"
import { CatalogStore } from "../CatalogStore.ts"
import { UnknownItem, UnknownLocation } from "../CatalogError.ts"
import { InvalidTransfer } from "../CountError.ts"
import { CurrentActor } from "../CurrentActor.ts"
import { IdGenerator } from "../IdGenerator.ts"
import type { ItemId, LocationId } from "../Ids.ts"
import { decode } from "../InputError.ts"
import * as ItemModel from "../Item.ts"
import type { Location } from "../Location.ts"
import * as Quantity from "../Quantity.ts"
import { NewTransfer, type Transfer, TransferId, type TransferLine } from "../Transfer.ts"
import type { Env, Error } from "../Transfers.ts"
import * as UnitOfMeasure from "../UnitOfMeasure.ts"

/** The location named by `id`, which must have one of `usages`. */
export const location = (id: string, field: string, usages: ReadonlyArray<Location["usage"]>) =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const found = (yield* (yield* CatalogStore).getLocations(actor.tenantId, [id as LocationId])).get(id as LocationId)
    if (found === undefined) return yield* new UnknownLocation({ locationId: id })
    if (!usages.includes(found.usage)) return yield* new InvalidTransfer({ field, reason: `is a ${found.usage} location, not ${usages.join(" or ")}` })
    return found
  })

/** A new transfer as a draft: its input decoded, its locations and items checked, its lines in base units. */
export const draft = (input: NewTransfer): Effect.Effect<Transfer, Error, Env> =>
  Effect.gen(function*() {
    const fields = yield* decode("createTransfer", NewTransfer)(input)
    const actor = yield* CurrentActor
    const id = yield* decode("createTransfer", TransferId)(fields.id ?? (yield* (yield* IdGenerator).next))
    const from = yield* location(fields.from, "from", ["internal", "consignment"])
    const to = yield* location(fields.to, "to", ["internal", "consignment"])
    if (from.id === to.id) return yield* new InvalidTransfer({ field: "to", reason: "is the source location" })
    const transit = fields.transitLocationId === undefined ? null : yield* location(fields.transitLocationId, "transitLocationId", ["transit"])
    const items = yield* (yield* CatalogStore).getItems(actor.tenantId, [...new Set(fields.lines.map((l) => l.itemId as ItemId))])
    const lines: Array<TransferLine> = []
    const seen = new Set<string>()
    for (let i = 0; i < fields.lines.length; i++) {
      const line = fields.lines[i]!
      const field = `lines[${i}]`
      const item = items.get(line.itemId as ItemId)
      if (item === undefined) return yield* new UnknownItem({ itemId: line.itemId })
      if ((item.tracking === "serial") !== (line.serials !== undefined)) {
        return yield* new InvalidTransfer({ field: `${field}.serials`, reason: line.serials === undefined ? "are required for a serial-tracked item" : "are given for an item without serials" })
      }
      if ((item.tracking === "lot") !== (line.lot !== undefined)) {
        return yield* new InvalidTransfer({ field: `${field}.lot`, reason: line.lot === undefined ? "is required for a lot-tracked item" : "is given for an item without lots" })
      }
      const units = UnitOfMeasure.toBaseUnits(ItemModel.scheme(item), line.quantity, line.unit ?? item.baseUnit.code, `${field}.quantity`)
      if (Result.isFailure(units)) return yield* units.failure
      if (units.success <= 0n) return yield* new InvalidTransfer({ field: `${field}.quantity`, reason: "must be positive" })
      const base = { lineNo: i + 1, itemId: item.id, lot: line.lot ?? null, decimals: item.baseUnit.decimals, quantity: units.success, shipped: 0n, received: 0n, damaged: 0n, short: 0n }
      if (line.serials === undefined) {
        lines.push(base)
        continue
      }
      const serials = [...line.serials].sort()
      if (BigInt(serials.length) * 10n ** BigInt(item.baseUnit.decimals) !== units.success) {
        return yield* new InvalidTransfer({ field: `${field}.serials`, reason: `must name one serial per unit: ${serials.length} serials for ${Quantity.formatUnits(units.success, item.baseUnit.decimals)} units` })
      }
      for (const serial of serials) {
        const key = `${item.id}\u0000${serial}`
        if (seen.has(key)) return yield* new InvalidTransfer({ field: `${field}.serials`, reason: `repeats serial ${JSON.stringify(serial)}` })
        seen.add(key)
      }
      lines.push({ ...base, serials })
    }
    const now = yield* DateTime.now
    return {
      id,
      tenantId: actor.tenantId,
      fromLocationId: from.id,
      toLocationId: to.id,
      transitLocationId: transit?.id ?? null,
      status: "draft",
      lines,
      receipts: [],
      reference: fields.reference ?? null,
      expectedAt: fields.expectedAt ?? null,
      shippedAt: null,
      closedAt: null,
      createdBy: actor.actorId,
      createdAt: now,
      updatedAt: now,
      version: 1
    } satisfies Transfer
  })

// Turns decoded posting lines into movements: pure and synchronous, so a batch of a million lines costs no
// effect per line. Returns the first error, naming the line and field.
import { BigDecimal, DateTime, Duration, Result } from "effect"
import { LocationArchived, UnknownItem, UnknownLocation } from "../CatalogError.ts"
import type { ActorId, ItemId, LocationId, MovementId, ReservationId, TenantId } from "../Ids.ts"
import * as ItemModel from "../Item.ts"
import { InvalidMovement, ItemDiscontinued } from "../LedgerError.ts"
import { holdsStock, type Location } from "../Location.ts"
import type { Movement, MovementInput } from "../Movement.ts"
import * as Quantity from "../Quantity.ts"
import * as UnitOfMeasure from "../UnitOfMeasure.ts"

/** A decoded posting line. */
export type Line = Omit<typeof MovementInput.Type, never>

export type BuildError =
  | InvalidMovement
  | Quantity.InvalidQuantity
  | UnitOfMeasure.UnknownUnit
  | UnknownItem
  | UnknownLocation
  | LocationArchived
  | ItemDiscontinued

/** How far in the future an effective time may lie, for clock skew between devices. */
const FUTURE_SKEW = Duration.minutes(5)

export interface Context {
  readonly tenantId: TenantId
  readonly actorId: ActorId
  readonly now: DateTime.Utc
  readonly items: ReadonlyMap<ItemId, ItemModel.Item>
  readonly locations: ReadonlyMap<LocationId, Location>
  /** Off when replaying an idempotent re-post: status rules may have changed since the original. */
  readonly policy: boolean
}

export const build = (ctx: Context, lines: ReadonlyArray<Line>): Result.Result<Array<Movement>, BuildError> => {
  const out = new Array<Movement>(lines.length)
  const latest = DateTime.addDuration(ctx.now, FUTURE_SKEW)
  const batchId = lines[0]!.id as MovementId
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const field = `lines[${i}]`
    const item = ctx.items.get(line.itemId)
    if (item === undefined) return Result.fail(new UnknownItem({ itemId: line.itemId }))
    const from = ctx.locations.get(line.from)
    if (from === undefined) return Result.fail(new UnknownLocation({ locationId: line.from }))
    const to = ctx.locations.get(line.to)
    if (to === undefined) return Result.fail(new UnknownLocation({ locationId: line.to }))
    if (from.id === to.id) return Result.fail(new InvalidMovement({ field: `${field}.to`, reason: "must differ from the source location" }))
    if (ctx.policy && to.archived) return Result.fail(new LocationArchived({ locationId: to.id }))
    const converted = UnitOfMeasure.toBaseUnits(ItemModel.scheme(item), line.quantity, line.unit ?? item.baseUnit.code, `${field}.quantity`)
    if (Result.isFailure(converted)) return Result.fail(converted.failure)
    const quantity = converted.success
    if (quantity <= 0n) return Result.fail(new InvalidMovement({ field: `${field}.quantity`, reason: "must be positive" }))
    if (ctx.policy && item.status === "discontinued" && !holdsStock(from.usage) && holdsStock(to.usage)) {
      return Result.fail(new ItemDiscontinued({ itemId: item.id, field }))
    }

    const lot = line.lot ?? null
    if (item.tracking === "lot" && lot === null) {
      return Result.fail(new InvalidMovement({ field: `${field}.lot`, reason: "is required: the item is lot-tracked" }))
    }
    if (item.tracking !== "lot" && lot !== null) {
      return Result.fail(new InvalidMovement({ field: `${field}.lot`, reason: "must be omitted: the item is not lot-tracked" }))
    }
    if (line.lotExpiresAt !== undefined && lot === null) {
      return Result.fail(new InvalidMovement({ field: `${field}.lotExpiresAt`, reason: "needs a lot" }))
    }

    let serials: Array<string> = []
    if (item.tracking === "serial") {
      const unit = 10n ** BigInt(item.baseUnit.decimals)
      if (quantity % unit !== 0n) {
        return Result.fail(new InvalidMovement({ field: `${field}.quantity`, reason: "must be whole units: the item is serial-tracked" }))
      }
      serials = [...(line.serials ?? [])].sort()
      if (BigInt(serials.length) !== quantity / unit) {
        return Result.fail(new InvalidMovement({
          field: `${field}.serials`,
          reason: `must name one serial per unit: ${serials.length} serials for ${Quantity.formatUnits(quantity, item.baseUnit.decimals)} units`
        }))
      }
      for (let s = 1; s < serials.length; s++) {
        if (serials[s] === serials[s - 1]) {
          return Result.fail(new InvalidMovement({ field: `${field}.serials`, reason: `repeats serial ${JSON.stringify(serials[s])}` }))
        }
      }
    } else if (line.serials !== undefined && line.serials.length > 0) {
      return Result.fail(new InvalidMovement({ field: `${field}.serials`, reason: "must be omitted: the item is not serial-tracked" }))
    }

    let unitCost: BigDecimal.BigDecimal | null = null
    if (line.unitCost !== undefined) {
      const cost = Quantity.parse(line.unitCost, `${field}.unitCost`)
      if (Result.isFailure(cost)) return Result.fail(cost.failure)
      if (BigDecimal.isNegative(cost.success)) {
        return Result.fail(new InvalidMovement({ field: `${field}.unitCost`, reason: "must not be negative" }))
      }
      unitCost = BigDecimal.normalize(cost.success)
    }

    const effectiveAt = line.effectiveAt ?? ctx.now
    if (DateTime.isGreaterThan(effectiveAt, latest)) {
      return Result.fail(new InvalidMovement({ field: `${field}.effectiveAt`, reason: "lies in the future" }))
    }

    out[i] = {
      id: line.id as MovementId,
      tenantId: ctx.tenantId,
      seq: 0,
      batchId,
      itemId: item.id,
      fromLocationId: from.id,
      toLocationId: to.id,
      quantity,
      lot,
      serials,
      unitCost,
      effectiveAt,
      recordedAt: ctx.now,
      reasonCode: line.reasonCode ?? null,
      reference: line.reference ?? null,
      reservationId: (line.reservationId ?? null) as ReservationId | null,
      actorId: ctx.actorId
    }
  }
  return Result.succeed(out)
}

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
import * as Decimal from "./decimal.ts"

type Decoded = typeof MovementInput.Type

/** A decoded posting line. An absent optional field may also be present as `undefined`. */
export type Line = {
  readonly [K in keyof Decoded]: Pick<Decoded, K> extends Required<Pick<Decoded, K>> ? Decoded[K] : Decoded[K] | undefined
}

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

// Lines without serials share one empty list: a movement's serials are read-only.
const NO_SERIALS: ReadonlyArray<string> = Object.freeze([])

// Only errors name the field, so a million good lines build no names.
const field = (i: number, name = ""): string => `lines[${i}]${name}`

// Small quantities as shared values: every movement keeps its quantity, and a million copies of `10n` would
// each be an allocation for the collector to move.
const SMALL_UNITS = 1024n
const SMALL: ReadonlyArray<bigint> = Array.from({ length: Number(SMALL_UNITS) }, (_, i) => BigInt(i))

// A whole number in another unit: what `UnitOfMeasure.toBaseUnits` returns when it succeeds, or `undefined`
// for the general path.
const convertedUnits = (item: ItemModel.Item, quantity: unknown, unit: string): bigint | undefined => {
  if (typeof quantity !== "number" || !Number.isSafeInteger(quantity)) return undefined
  for (const c of item.conversions) {
    if (c.code === unit) return Decimal.units(BigDecimal.make(BigInt(quantity) * c.factor.value, c.factor.scale), item.baseUnit.decimals)
  }
  return undefined
}

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
  const latest = DateTime.toEpochMillis(DateTime.addDuration(ctx.now, FUTURE_SKEW))
  const batchId = lines[0]!.id as MovementId
  const costs = new Map<string | number, BigDecimal.BigDecimal>()
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const item = ctx.items.get(line.itemId)
    if (item === undefined) return Result.fail(new UnknownItem({ itemId: line.itemId }))
    const from = ctx.locations.get(line.from)
    if (from === undefined) return Result.fail(new UnknownLocation({ locationId: line.from }))
    const to = ctx.locations.get(line.to)
    if (to === undefined) return Result.fail(new UnknownLocation({ locationId: line.to }))
    if (from.id === to.id) return Result.fail(new InvalidMovement({ field: field(i, ".to"), reason: "must differ from the source location" }))
    if (ctx.policy && to.archived) return Result.fail(new LocationArchived({ locationId: to.id }))
    const unit = line.unit ?? item.baseUnit.code
    let quantity = unit === item.baseUnit.code
      ? Decimal.integerUnits(line.quantity, item.baseUnit.decimals)
      : convertedUnits(item, line.quantity, unit)
    if (quantity === undefined) {
      const converted = UnitOfMeasure.toBaseUnits(ItemModel.scheme(item), line.quantity, unit, field(i, ".quantity"))
      if (Result.isFailure(converted)) return Result.fail(converted.failure)
      quantity = converted.success
    }
    if (quantity <= 0n) return Result.fail(new InvalidMovement({ field: field(i, ".quantity"), reason: "must be positive" }))
    if (quantity < SMALL_UNITS) quantity = SMALL[Number(quantity)]!
    if (ctx.policy && item.status === "discontinued" && !holdsStock(from.usage) && holdsStock(to.usage)) {
      return Result.fail(new ItemDiscontinued({ itemId: item.id, field: field(i) }))
    }

    const lot = line.lot ?? null
    if (item.tracking === "lot" && lot === null) {
      return Result.fail(new InvalidMovement({ field: field(i, ".lot"), reason: "is required: the item is lot-tracked" }))
    }
    if (item.tracking !== "lot" && lot !== null) {
      return Result.fail(new InvalidMovement({ field: field(i, ".lot"), reason: "must be omitted: the item is not lot-tracked" }))
    }
    if (line.lotExpiresAt !== undefined && lot === null) {
      return Result.fail(new InvalidMovement({ field: field(i, ".lotExpiresAt"), reason: "needs a lot" }))
    }

    let serials = NO_SERIALS
    if (item.tracking === "serial") {
      const unit = 10n ** BigInt(item.baseUnit.decimals)
      if (quantity % unit !== 0n) {
        return Result.fail(new InvalidMovement({ field: field(i, ".quantity"), reason: "must be whole units: the item is serial-tracked" }))
      }
      serials = [...(line.serials ?? [])].sort()
      if (BigInt(serials.length) !== quantity / unit) {
        return Result.fail(new InvalidMovement({
          field: field(i, ".serials"),
          reason: `must name one serial per unit: ${serials.length} serials for ${Quantity.formatUnits(quantity, item.baseUnit.decimals)} units`
        }))
      }
      for (let s = 1; s < serials.length; s++) {
        if (serials[s] === serials[s - 1]) {
          return Result.fail(new InvalidMovement({ field: field(i, ".serials"), reason: `repeats serial ${JSON.stringify(serials[s])}` }))
        }
      }
    } else if (line.serials !== undefined && line.serials.length > 0) {
      return Result.fail(new InvalidMovement({ field: field(i, ".serials"), reason: "must be omitted: the item is not serial-tracked" }))
    }

    let unitCost: BigDecimal.BigDecimal | null = null
    const costInput = line.unitCost
    // Lines mostly repeat a few costs: one normalized value per distinct input, shared (they are immutable).
    const known = typeof costInput === "string" || typeof costInput === "number" ? costs.get(costInput) : undefined
    if (known !== undefined) unitCost = known
    else if (costInput !== undefined) {
      let cost = Decimal.simple(costInput)
      if (cost === undefined) {
        const parsed = Quantity.parse(costInput, field(i, ".unitCost"))
        if (Result.isFailure(parsed)) return Result.fail(parsed.failure)
        cost = parsed.success
      }
      if (BigDecimal.isNegative(cost)) {
        return Result.fail(new InvalidMovement({ field: field(i, ".unitCost"), reason: "must not be negative" }))
      }
      unitCost = BigDecimal.normalize(cost)
      if (typeof costInput === "string" || typeof costInput === "number") costs.set(costInput, unitCost)
    }

    const effectiveAt = line.effectiveAt ?? ctx.now
    if (line.effectiveAt !== undefined && DateTime.toEpochMillis(effectiveAt) > latest) {
      return Result.fail(new InvalidMovement({ field: field(i, ".effectiveAt"), reason: "lies in the future" }))
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

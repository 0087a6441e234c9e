/**
 * Reservation commands: reserve (a batch, atomically), release, extend. Fulfilment happens when an issue
 * that names the reservation is posted through {@link StockLedger.post}.
 *
 * A reservation may never take available stock (on hand − reservations) below zero, in the item as a whole
 * or in the location subtree it names, unless the item or location allows negative stock. A batch is
 * checked against its summed demand. Re-sending a reservation with the same id and content returns the
 * original; other content under the same id is an {@link IdempotencyConflict}.
 *
 * @since 0.1.0
 */
import { DateTime, Effect, Result, Schema } from "effect"
import { CatalogStore } from "./CatalogStore.ts"
import { UnknownItem, UnknownLocation } from "./CatalogError.ts"
import { CurrentActor } from "./CurrentActor.ts"
import { emit, type EventLog } from "./EventLog.ts"
import type { IdGenerator } from "./IdGenerator.ts"
import type { ItemId, LocationId, ReservationId } from "./Ids.ts"
import { decode, type InvalidInput } from "./InputError.ts"
import * as Availability from "./internal/availability.ts"
import * as ItemModel from "./Item.ts"
import { IdempotencyConflict, type InsufficientAvailable, InvalidMovement, ReservationNotOpen, UnknownReservation } from "./LedgerError.ts"
import { LedgerStore } from "./LedgerStore.ts"
import { TimeInput } from "./Movement.ts"
import type * as Quantity from "./Quantity.ts"
import { outstanding, type Reservation, ReservationInput } from "./Reservation.ts"
import { type ReservationFilter, ReservationStore } from "./ReservationStore.ts"
import type { ConcurrentModification, StoreError } from "./StoreError.ts"
import * as UnitOfMeasure from "./UnitOfMeasure.ts"
import { transaction, type UnitOfWork } from "./UnitOfWork.ts"

/** The services reservation commands need. @since 0.1.0 */
export type Env = ReservationStore | LedgerStore | CatalogStore | EventLog | UnitOfWork | CurrentActor | IdGenerator

/** Errors of {@link reserve}. @since 0.1.0 */
export type ReserveError =
  | InvalidInput
  | InvalidMovement
  | Quantity.InvalidQuantity
  | UnitOfMeasure.UnknownUnit
  | UnknownItem
  | UnknownLocation
  | InsufficientAvailable
  | IdempotencyConflict
  | ConcurrentModification
  | StoreError

const decodeBatch = decode("reserve", Schema.Array(ReservationInput).pipe(Schema.check(Schema.isMinLength(1))))

const sameContent = (a: Reservation, b: Reservation) =>
  a.itemId === b.itemId && a.locationId === b.locationId && a.quantity === b.quantity && a.reference === b.reference &&
  (a.expiresAt === null ? b.expiresAt === null : b.expiresAt !== null && DateTime.Equivalence(a.expiresAt, b.expiresAt))

/**
 * Places a batch of reservations atomically. Returns them as stored (the originals when replayed).
 *
 * @since 0.1.0
 */
export const reserve = (inputs: ReadonlyArray<ReservationInput>): Effect.Effect<ReadonlyArray<Reservation>, ReserveError, Env> =>
  Effect.gen(function*() {
    const lines = yield* decodeBatch(inputs)
    const actor = yield* CurrentActor
    const now = yield* DateTime.now
    return yield* transaction(Effect.gen(function*() {
      const store = yield* ReservationStore
      const catalog = yield* CatalogStore
      const itemIds = [...new Set(lines.map((l) => l.itemId as ItemId))].sort()
      yield* (yield* LedgerStore).lockItems(actor.tenantId, itemIds)
      const items = yield* catalog.getItems(actor.tenantId, itemIds)
      const locationIds = [...new Set(lines.flatMap((l) => (l.locationId === undefined ? [] : [l.locationId as LocationId])))]
      const locations = yield* catalog.getLocations(actor.tenantId, locationIds)
      const wanted: Array<Reservation> = []
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!
        const field = `reservations[${i}]`
        if (lines.findIndex((l) => l.id === line.id) !== i) {
          return yield* new InvalidMovement({ field: `${field}.id`, reason: "repeats the id of another reservation" })
        }
        const item = items.get(line.itemId as ItemId)
        if (item === undefined) return yield* new UnknownItem({ itemId: line.itemId })
        if (line.locationId !== undefined && !locations.has(line.locationId as LocationId)) {
          return yield* new UnknownLocation({ locationId: line.locationId })
        }
        const converted = UnitOfMeasure.toBaseUnits(ItemModel.scheme(item), line.quantity, line.unit ?? item.baseUnit.code, `${field}.quantity`)
        if (Result.isFailure(converted)) return yield* converted.failure
        if (converted.success <= 0n) return yield* new InvalidMovement({ field: `${field}.quantity`, reason: "must be positive" })
        if (line.expiresAt !== undefined && line.ttlSeconds !== undefined) {
          return yield* new InvalidMovement({ field: `${field}.ttlSeconds`, reason: "give expiresAt or ttlSeconds, not both" })
        }
        const expiresAt = line.expiresAt ?? (line.ttlSeconds === undefined ? null : DateTime.add(now, { seconds: line.ttlSeconds }))
        if (expiresAt !== null && !DateTime.isGreaterThan(expiresAt, now)) {
          return yield* new InvalidMovement({ field: `${field}.expiresAt`, reason: "lies in the past" })
        }
        wanted.push({
          id: line.id as ReservationId,
          tenantId: actor.tenantId,
          itemId: item.id,
          locationId: (line.locationId ?? null) as LocationId | null,
          quantity: converted.success,
          fulfilled: 0n,
          status: "open",
          expiresAt,
          reference: line.reference ?? null,
          actorId: actor.actorId,
          version: 1,
          createdAt: now,
          updatedAt: now
        })
      }
      const existing = yield* store.get(actor.tenantId, wanted.map((r) => r.id))
      if (existing.size > 0) {
        for (const r of wanted) {
          const original = existing.get(r.id)
          if (original === undefined) {
            return yield* new IdempotencyConflict({ entity: "reservation", id: [...existing.keys()][0]!, reason: "in another batch; a batch is placed whole or not at all" })
          }
          if (!sameContent(original, r)) return yield* new IdempotencyConflict({ entity: "reservation", id: r.id, reason: "with different content" })
        }
        return wanted.map((r) => existing.get(r.id)!)
      }
      yield* Availability.check(actor.tenantId, items, { deltas: new Map(), reservations: wanted }, now)
      yield* store.put(wanted)
      yield* emit(wanted.map((reservation) => ({
        event: { _tag: "ReservationPlaced" as const, reservation },
        entities: [{ type: "reservation", id: reservation.id }, { type: "item", id: reservation.itemId }]
      })))
      return wanted
    }))
  })

const change = (
  id: string,
  operation: "release" | "extend",
  update: (r: Reservation, now: DateTime.Utc) => Effect.Effect<Reservation, InvalidMovement>
): Effect.Effect<Reservation, UnknownReservation | ReservationNotOpen | InvalidMovement | ConcurrentModification | StoreError, Env> =>
  transaction(Effect.gen(function*() {
    const actor = yield* CurrentActor
    const store = yield* ReservationStore
    const r = (yield* store.get(actor.tenantId, [id as ReservationId])).get(id as ReservationId)
    if (r === undefined) return yield* new UnknownReservation({ reservationId: id })
    const now = yield* DateTime.now
    if (outstanding(r, now) === 0n) {
      return yield* new ReservationNotOpen({ reservationId: id, reason: r.status === "open" ? "has expired" : `is ${r.status}` })
    }
    const next = { ...(yield* update(r, now)), version: r.version + 1, updatedAt: now }
    yield* store.put([next])
    yield* emit([{
      event: operation === "release" ? { _tag: "ReservationReleased", reservation: next } : { _tag: "ReservationExtended", reservation: next },
      entities: [{ type: "reservation", id: next.id }, { type: "item", id: next.itemId }]
    }])
    return next
  }))

/**
 * Releases what is left of an open reservation.
 *
 * @since 0.1.0
 */
export const release = (id: string) => change(id, "release", (r) => Effect.succeed({ ...r, status: "released" as const }))

const decodeTime = decode("extend", TimeInput)

/**
 * Moves the expiry of an open reservation to a later time, or removes it with `null`.
 *
 * @since 0.1.0
 */
export const extend = (id: string, expiresAt: DateTime.Utc | string | number | null) =>
  Effect.flatMap(
    expiresAt === null ? Effect.succeed(null) : decodeTime(expiresAt),
    (until) =>
      change(id, "extend", (r, now) =>
        until !== null && !DateTime.isGreaterThan(until, now)
          ? Effect.fail(new InvalidMovement({ field: "expiresAt", reason: "lies in the past" }))
          : Effect.succeed({ ...r, expiresAt: until }))
  )

/**
 * A reservation by id.
 *
 * @since 0.1.0
 */
export const get = (id: string): Effect.Effect<Reservation, UnknownReservation | StoreError, ReservationStore | CurrentActor> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const r = (yield* (yield* ReservationStore).get(actor.tenantId, [id as ReservationId])).get(id as ReservationId)
    if (r === undefined) return yield* new UnknownReservation({ reservationId: id })
    return r
  })

/**
 * Reservations ordered by id, a page at a time (pass the last id as `afterId`).
 *
 * @since 0.1.0
 */
export const list = (
  filter: Partial<Omit<ReservationFilter, "itemId" | "afterId">> & { readonly itemId?: string; readonly afterId?: string } = {}
): Effect.Effect<ReadonlyArray<Reservation>, StoreError, ReservationStore | CurrentActor> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const { afterId, itemId, ...rest } = filter
    return yield* (yield* ReservationStore).list(actor.tenantId, {
      ...rest,
      ...(itemId === undefined ? {} : { itemId: itemId as ItemId }),
      ...(afterId === undefined ? {} : { afterId: afterId as ReservationId }),
      limit: Math.min(Math.max(filter.limit ?? 100, 1), 1000)
    })
  })

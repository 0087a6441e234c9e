/**
 * The double-entry stock ledger: posting batches of movements.
 *
 * `post` is atomic: every line lands, with its balances, serial positions, lots, reservation fulfilments and
 * one `MovementsPosted` event, or nothing does. It converts quantities exactly to the base unit, requires lots
 * and serials where the item is tracked, keeps each serial in at most one stock-holding location, refuses
 * negative stock unless the item or the location allows it (checking lines on the same balance against
 * their summed demand), and keeps available stock (on hand − reservations) from going below zero.
 *
 * Re-posting a batch whose ids are all recorded with the same content returns the original movements;
 * the same ids with other content are an {@link IdempotencyConflict}.
 *
 * Movements effective before the valuation lock date are refused ({@link PeriodClosed}), and every posting
 * marks its items for revaluation from the earliest position it touched (see `Valuations.refresh`).
 *
 * @since 0.1.0
 */
import { DateTime, Effect, Result } from "effect"
import { CatalogStore } from "./CatalogStore.ts"
import type { LocationArchived, UnknownItem, UnknownLocation } from "./CatalogError.ts"
import { CurrentActor } from "./CurrentActor.ts"
import type { EntityRef } from "./DomainEvent.ts"
import { emit, type EventLog } from "./EventLog.ts"
import type { IdGenerator } from "./IdGenerator.ts"
import type { ItemId, LocationId, MovementId, ReservationId } from "./Ids.ts"
import type { InvalidInput } from "./InputError.ts"
import * as Availability from "./internal/availability.ts"
import * as Posting from "./internal/posting.ts"
import { decodeLines } from "./internal/postInput.ts"
import * as Deltas from "./internal/postingDeltas.ts"
import * as PostingValuation from "./internal/postingValuation.ts"
import {
  IdempotencyConflict,
  InsufficientStock,
  type InsufficientAvailable,
  InvalidMovement,
  type ItemDiscontinued,
  ReservationNotOpen,
  SerialConflict,
  UnknownReservation
} from "./LedgerError.ts"
import { LedgerStore, type SerialPosition } from "./LedgerStore.ts"
import { holdsStock } from "./Location.ts"
import type { Lot } from "./Lot.ts"
import { type Movement, type MovementInput, sameContent } from "./Movement.ts"
import * as Quantity from "./Quantity.ts"
import { outstanding, type Reservation } from "./Reservation.ts"
import { ReservationStore } from "./ReservationStore.ts"
import type { ConcurrentModification, StoreError } from "./StoreError.ts"
import type * as UnitOfMeasure from "./UnitOfMeasure.ts"
import { transaction, type UnitOfWork } from "./UnitOfWork.ts"
import type { PeriodClosed } from "./ValuationError.ts"
import type { ValuationStore } from "./ValuationStore.ts"

/**
 * What a posting returns: the movements as recorded, and whether this call replayed an earlier post.
 *
 * @since 0.1.0
 */
export interface PostResult {
  readonly movements: ReadonlyArray<Movement>
  readonly replayed: boolean
}

/**
 * Every way a posting can fail. None of them changes anything.
 *
 * @since 0.1.0
 */
export type PostError =
  | InvalidInput
  | InvalidMovement
  | Quantity.InvalidQuantity
  | UnitOfMeasure.UnknownUnit
  | UnknownItem
  | UnknownLocation
  | LocationArchived
  | ItemDiscontinued
  | InsufficientStock
  | InsufficientAvailable
  | IdempotencyConflict
  | SerialConflict
  | UnknownReservation
  | ReservationNotOpen
  | ConcurrentModification
  | StoreError
  | PeriodClosed

/**
 * The services a posting needs.
 *
 * @since 0.1.0
 */
export type Env = LedgerStore | CatalogStore | ReservationStore | EventLog | UnitOfWork | CurrentActor | IdGenerator | ValuationStore

/**
 * Posts a batch of movements atomically.
 *
 * @since 0.1.0
 */
export const post = (lines: ReadonlyArray<MovementInput>): Effect.Effect<PostResult, PostError, Env> =>
  Effect.gen(function*() {
    const decoded = yield* decodeLines(lines)
    const seen = new Set<string>()
    for (let i = 0; i < decoded.length; i++) {
      const id = decoded[i]!.id
      if (seen.has(id)) return yield* new InvalidMovement({ field: `lines[${i}].id`, reason: `repeats the id ${JSON.stringify(id)} of another line` })
      seen.add(id)
    }
    const actor = yield* CurrentActor
    const now = yield* DateTime.now
    return yield* transaction(postDecoded(decoded, actor, now))
  })

const postDecoded = (
  lines: ReadonlyArray<Posting.Line>,
  actor: CurrentActor["Service"],
  now: DateTime.Utc
): Effect.Effect<PostResult, PostError, Env> =>
  Effect.gen(function*() {
    const tenantId = actor.tenantId
    const ledger = yield* LedgerStore
    const catalog = yield* CatalogStore
    const distinct = new Set<ItemId>()
    for (const l of lines) distinct.add(l.itemId as ItemId)
    const itemIds = [...distinct].sort()
    yield* ledger.lockItems(tenantId, itemIds)
    const items = yield* catalog.getItems(tenantId, itemIds)
    const locationIds = new Set<LocationId>()
    for (const l of lines) {
      locationIds.add(l.from as LocationId)
      locationIds.add(l.to as LocationId)
    }
    // Shared locks keep the locations from being archived under this posting (after the item locks, in order).
    yield* catalog.lockLocations(tenantId, [...locationIds].sort())
    const locations = yield* catalog.getLocations(tenantId, [...locationIds])
    const ctx: Posting.Context = { tenantId, actorId: actor.actorId, now, items, locations, policy: true }

    const existing = yield* ledger.getMovements(tenantId, lines.map((l) => l.id as MovementId))
    if (existing.size > 0) {
      const replay = Posting.build({ ...ctx, policy: false }, lines)
      if (Result.isFailure(replay)) return yield* replay.failure
      return yield* replayOf(replay.success, existing)
    }

    const built = Posting.build(ctx, lines)
    if (Result.isFailure(built)) return yield* built.failure
    const movements = built.success
    yield* PostingValuation.refuseClosed(tenantId, movements)

    const { deltas, placeOf, onHandItems } = Deltas.group(movements, locations)
    // Serial positions first: for serial items they explain a refusal better than the balance does.
    const serials = yield* serialPositions(movements, ctx)
    const checked: Array<Deltas.Delta> = []
    for (let i = 0; i < deltas.length; i++) {
      const d = deltas[i]!
      if (d.delta < 0n && placeOf[i]!.guarded && !items.get(d.itemId)!.allowNegativeStock) checked.push(d)
    }
    if (checked.length > 0) {
      const balances = yield* Deltas.quantities(ledger, tenantId, checked)
      for (let i = 0; i < checked.length; i++) {
        const d = checked[i]!
        const onHand = balances[i]!
        if (onHand + d.delta < 0n) {
          const decimals = items.get(d.itemId)!.baseUnit.decimals
          return yield* new InsufficientStock({
            itemId: d.itemId,
            locationId: d.locationId,
            lot: d.lot,
            onHand: Quantity.formatUnits(onHand, decimals),
            requested: Quantity.formatUnits(-d.delta, decimals)
          })
        }
      }
    }

    const lots = yield* newLots(movements, lines, ctx)
    const fulfilled = yield* fulfilments(movements, ctx)

    const reservations = [...new Map(fulfilled.map((f) => [f.reservation.id, f.reservation])).values()]
    yield* Availability.checkLazy(tenantId, items, { itemIds: onHandItems, deltas: () => Deltas.onHand(deltas, placeOf), reservations }, now)

    const stored = yield* ledger.record(tenantId, {
      movements,
      deltas: deltas.filter((d) => d.delta !== 0n),
      serials,
      lots
    })
    yield* PostingValuation.markValuation(tenantId, stored)
    if (reservations.length > 0) yield* (yield* ReservationStore).put(reservations)
    const entities = new Array<EntityRef>(stored.length + itemIds.length + locationIds.size)
    let e = 0
    for (const m of stored) entities[e++] = { type: "movement", id: m.id }
    for (const id of itemIds) entities[e++] = { type: "item", id }
    for (const id of locationIds) entities[e++] = { type: "location", id }
    yield* emit([
      { event: { _tag: "MovementsPosted", movements: stored, lots }, entities },
      ...fulfilled.map((f) => ({
        event: { _tag: "ReservationFulfilled" as const, reservation: f.reservation, movementId: f.movementId, quantity: f.quantity },
        entities: [{ type: "reservation", id: f.reservation.id }, { type: "movement", id: f.movementId }, { type: "item", id: f.reservation.itemId }]
      }))
    ])
    return { movements: stored, replayed: false }
  })

const replayOf = (
  movements: ReadonlyArray<Movement>,
  existing: ReadonlyMap<MovementId, Movement>
): Effect.Effect<PostResult, IdempotencyConflict> => {
  if (existing.size < movements.length) {
    const id = movements.find((m) => existing.has(m.id))!.id
    return Effect.fail(new IdempotencyConflict({ entity: "movement", id, reason: "in another batch; a batch is posted whole or not at all" }))
  }
  const out: Array<Movement> = []
  for (const m of movements) {
    const original = existing.get(m.id)!
    if (!sameContent(original, m)) {
      return Effect.fail(new IdempotencyConflict({ entity: "movement", id: m.id, reason: "with different content" }))
    }
    out.push(original)
  }
  return Effect.succeed({ movements: out, replayed: true })
}

const serialPositions = (
  movements: ReadonlyArray<Movement>,
  ctx: Posting.Context
): Effect.Effect<Array<SerialPosition>, SerialConflict | StoreError, LedgerStore> =>
  Effect.gen(function*() {
    const byItem = new Map<ItemId, Array<string>>()
    for (const m of movements) {
      if (m.serials.length === 0) continue
      const list = byItem.get(m.itemId) ?? []
      list.push(...m.serials)
      byItem.set(m.itemId, list)
    }
    if (byItem.size === 0) return []
    const ledger = yield* LedgerStore
    const positions = new Map<string, LocationId | null>()
    for (const [itemId, serials] of byItem) {
      const stored = yield* ledger.getSerials(ctx.tenantId, itemId, [...new Set(serials)])
      for (const serial of serials) positions.set(`${itemId}\u0000${serial}`, stored.get(serial) ?? null)
    }
    for (let i = 0; i < movements.length; i++) {
      const m = movements[i]!
      const from = ctx.locations.get(m.fromLocationId)!
      const to = ctx.locations.get(m.toLocationId)!
      for (const serial of m.serials) {
        const key = `${m.itemId}\u0000${serial}`
        const at = positions.get(key) ?? null
        const field = `lines[${i}].serials`
        if (holdsStock(from.usage) && at !== from.id) {
          const reason = at === null ? `is not in stock at ${JSON.stringify(from.id)}` : `is at ${JSON.stringify(at)}, not at ${JSON.stringify(from.id)}`
          return yield* new SerialConflict({ itemId: m.itemId, serial, field, reason })
        }
        if (!holdsStock(from.usage) && at !== null) {
          return yield* new SerialConflict({ itemId: m.itemId, serial, field, reason: `is already in stock at ${JSON.stringify(at)}` })
        }
        positions.set(key, holdsStock(to.usage) ? to.id : null)
      }
    }
    return [...positions].map(([key, locationId]) => {
      const [itemId, serial] = key.split("\u0000") as [ItemId, string]
      return { itemId, serial, locationId }
    })
  })

const newLots = (
  movements: ReadonlyArray<Movement>,
  lines: ReadonlyArray<Posting.Line>,
  ctx: Posting.Context
): Effect.Effect<Array<Lot>, InvalidMovement | StoreError, LedgerStore> =>
  Effect.gen(function*() {
    const codes = new Map<ItemId, Set<string>>()
    for (const m of movements) if (m.lot !== null) codes.set(m.itemId, (codes.get(m.itemId) ?? new Set()).add(m.lot))
    if (codes.size === 0) return []
    const ledger = yield* LedgerStore
    const known = new Map<string, Lot>()
    for (const [itemId, set] of codes) {
      for (const [code, lot] of yield* ledger.getLots(ctx.tenantId, itemId, [...set])) known.set(`${itemId}\u0000${code}`, lot)
    }
    const created: Array<Lot> = []
    for (let i = 0; i < movements.length; i++) {
      const m = movements[i]!
      if (m.lot === null) continue
      const key = `${m.itemId}\u0000${m.lot}`
      const expiry = lines[i]!.lotExpiresAt
      const lot = known.get(key)
      if (lot !== undefined) {
        if (expiry !== undefined && (lot.expiresAt === null || !DateTime.Equivalence(lot.expiresAt, expiry))) {
          return yield* new InvalidMovement({
            field: `lines[${i}].lotExpiresAt`,
            reason: `differs from the expiry recorded for lot ${JSON.stringify(m.lot)}`
          })
        }
        continue
      }
      const shelfLife = ctx.items.get(m.itemId)!.shelfLifeDays
      const next: Lot = {
        tenantId: ctx.tenantId,
        itemId: m.itemId,
        code: m.lot,
        expiresAt: expiry ?? (shelfLife === null ? null : DateTime.add(m.effectiveAt, { days: shelfLife })),
        receivedAt: m.effectiveAt
      }
      known.set(key, next)
      created.push(next)
    }
    return created
  })

interface Fulfilment {
  readonly reservation: Reservation
  readonly movementId: MovementId
  readonly quantity: bigint
}

const fulfilments = (
  movements: ReadonlyArray<Movement>,
  ctx: Posting.Context
): Effect.Effect<Array<Fulfilment>, UnknownReservation | ReservationNotOpen | StoreError, ReservationStore> =>
  Effect.gen(function*() {
    const wanted = new Set<ReservationId>()
    for (const m of movements) if (m.reservationId !== null) wanted.add(m.reservationId)
    if (wanted.size === 0) return []
    const ids = [...wanted]
    const store = yield* ReservationStore
    const base = yield* store.get(ctx.tenantId, ids)
    const current = new Map<ReservationId, Reservation>(base)
    const out: Array<Fulfilment> = []
    for (const m of movements) {
      if (m.reservationId === null) continue
      const r = current.get(m.reservationId)
      if (r === undefined) return yield* new UnknownReservation({ reservationId: m.reservationId })
      if (r.itemId !== m.itemId) return yield* new ReservationNotOpen({ reservationId: r.id, reason: `is for item ${JSON.stringify(r.itemId)}` })
      const remaining = outstanding(r, ctx.now)
      if (remaining === 0n) return yield* new ReservationNotOpen({ reservationId: r.id, reason: r.status === "open" ? "has expired" : `is ${r.status}` })
      const from = ctx.locations.get(m.fromLocationId)!
      if (r.locationId !== null && from.id !== r.locationId && !from.path.includes(r.locationId)) {
        return yield* new ReservationNotOpen({ reservationId: r.id, reason: `holds stock under ${JSON.stringify(r.locationId)}, not at ${JSON.stringify(from.id)}` })
      }
      const quantity = m.quantity < remaining ? m.quantity : remaining
      const fulfilled = r.fulfilled + quantity
      const next: Reservation = { ...r, fulfilled, status: fulfilled === r.quantity ? "fulfilled" : "open", updatedAt: ctx.now }
      current.set(r.id, next)
      out.push({ reservation: next, movementId: m.id, quantity })
    }
    // Several lines may fulfil one reservation: each event carries the final state, stored once at the
    // next version.
    return out.map((f) => {
      const final = current.get(f.reservation.id)!
      return { ...f, reservation: { ...final, version: base.get(final.id)!.version + 1 } }
    })
  })

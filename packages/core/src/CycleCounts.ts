/**
 * Cycle-count commands: create a session over a scope, freeze its expected quantities, record blind counts by
 * hand or from scan tallies, and cancel. Review and approval are in {@link CountReview}.
 *
 * The freeze resolves the scope (a location subtree, items, an ABC class, a seeded random sample, or the items
 * that moved since a date), locks the items so no posting runs under it, and stores one cell per (item,
 * location, lot) with stock, with each item's unit value. A count records, with what was found, the book
 * quantity of the cell at that moment (read under the same item locks that postings take), so a receipt or
 * issue posted while the count runs lands in the book quantity, not in the variance, and is never counted
 * twice. A counter may count a cell the freeze did not list, if it lies in scope (stock found elsewhere).
 *
 * Serial-tracked items are counted by serial: a count lists the serials found, and its entry keeps the serials
 * the book held in the cell at that moment. The variance is the difference of the two sets: serials missing and
 * serials found that the book has elsewhere or nowhere. Approval moves each serial to where it was found.
 *
 * @since 0.1.0
 */
import { BigDecimal, DateTime, Effect, Result, Schema } from "effect"
import { CatalogStore } from "./CatalogStore.ts"
import { UnknownItem, UnknownLocation } from "./CatalogError.ts"
import { CellNotInScope, CountSessionState, UnknownCountSession } from "./CountError.ts"
import {
  type CountCell,
  type CountEntry,
  type CountItem,
  CountLineInput,
  type CountSession,
  CountSessionId,
  cellKey,
  NewCountSession,
  type Scope
} from "./CountSession.ts"
import { CountStore, type SessionFilter } from "./CountStore.ts"
import { CurrentActor } from "./CurrentActor.ts"
import { emit } from "./EventLog.ts"
import { IdGenerator } from "./IdGenerator.ts"
import type { ItemId, LocationId } from "./Ids.ts"
import { decode, InvalidInput } from "./InputError.ts"
import { balancesIn, ratesOf, resolve } from "./internal/countScope.ts"
import { serialsAt, serialsFound } from "./internal/countSerials.ts"
import { open } from "./internal/countSession.ts"
import * as ItemModel from "./Item.ts"
import { IdempotencyConflict } from "./LedgerError.ts"
import { keyOf, LedgerStore } from "./LedgerStore.ts"
import * as Quantity from "./Quantity.ts"
import type { CountTally } from "./ScanOutcome.ts"
import type * as StockLedger from "./StockLedger.ts"
import type { ConcurrentModification, StoreError } from "./StoreError.ts"
import * as UnitOfMeasure from "./UnitOfMeasure.ts"
import { transaction } from "./UnitOfWork.ts"
import { ValuationStore } from "./ValuationStore.ts"

/** The services count commands need. @since 0.1.0 */
export type Env = CountStore | StockLedger.Env

/** Failures every count command may meet. @since 0.1.0 */
export type CommonError = InvalidInput | UnknownCountSession | CountSessionState | ConcurrentModification | StoreError

const decimal = (input: Quantity.Input | undefined, field: string): Effect.Effect<BigDecimal.BigDecimal | undefined, Quantity.InvalidQuantity> => {
  if (input === undefined) return Effect.succeed(undefined)
  const r = Quantity.parse(input, field)
  if (Result.isFailure(r)) return Effect.fail(r.failure)
  if (BigDecimal.isNegative(r.success)) return Effect.fail(new Quantity.InvalidQuantity({ field, input: String(input), reason: "must not be negative" }))
  return Effect.succeed(r.success)
}

const defined = <A extends Record<string, unknown>>(a: A): { [K in keyof A]: Exclude<A[K], undefined> } =>
  Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as never

const toScope = (input: typeof NewCountSession.Type["scope"]): Effect.Effect<Scope, Quantity.InvalidQuantity, IdGenerator> =>
  Effect.gen(function*() {
    const within = input.locationId === undefined ? {} : { locationId: input.locationId as LocationId }
    switch (input._tag) {
      case "Locations":
        return { _tag: "Locations", locationId: input.locationId as LocationId }
      case "Items":
        return { _tag: "Items", itemIds: input.itemIds as ReadonlyArray<ItemId>, ...within }
      case "Sample":
        return { _tag: "Sample", size: input.size, seed: input.seed ?? (yield* (yield* IdGenerator).next), ...within }
      case "MovedSince":
        return { _tag: "MovedSince", since: input.since, ...within }
      case "AbcClass": {
        const cutoffs = input.cutoffs === undefined ? undefined : {
          a: (yield* decimal(input.cutoffs.a, "scope.cutoffs.a"))!,
          b: (yield* decimal(input.cutoffs.b, "scope.cutoffs.b"))!
        }
        return {
          _tag: "AbcClass",
          class: input.class,
          ...defined({ usageFrom: input.usageFrom, usageTo: input.usageTo, cutoffs }),
          ...(input.classification === undefined ? {} : { classification: input.classification.map((c) => ({ itemId: c.itemId as ItemId, class: c.class })) }),
          ...within
        }
      }
    }
  })

/**
 * Creates a draft session. Its id (given or generated) is the reference of its adjustments; the
 * adjustment location must be a loss/adjustment location.
 *
 * @since 0.1.0
 */
export const create = (
  input: NewCountSession
): Effect.Effect<CountSession, CommonError | Quantity.InvalidQuantity | UnknownLocation | IdempotencyConflict, Env> =>
  Effect.gen(function*() {
    const fields = yield* decode("createCountSession", NewCountSession)(input)
    const actor = yield* CurrentActor
    const id = yield* decode("createCountSession", CountSessionId)(fields.id ?? (yield* (yield* IdGenerator).next))
    const scope = yield* toScope(fields.scope)
    const recount = defined({
      quantity: yield* decimal(fields.recount?.quantity, "recount.quantity"),
      percentage: yield* decimal(fields.recount?.percentage, "recount.percentage"),
      value: yield* decimal(fields.recount?.value, "recount.value")
    })
    const tolerance = defined({
      percentage: yield* decimal(fields.tolerance?.percentage, "tolerance.percentage"),
      quantity: yield* decimal(fields.tolerance?.quantity, "tolerance.quantity")
    })
    return yield* transaction(Effect.gen(function*() {
      const store = yield* CountStore
      const catalog = yield* CatalogStore
      const loss = (yield* catalog.getLocations(actor.tenantId, [fields.adjustmentLocationId as LocationId])).get(fields.adjustmentLocationId as LocationId)
      if (loss === undefined) return yield* new UnknownLocation({ locationId: fields.adjustmentLocationId })
      if (loss.usage !== "loss") {
        return yield* new InvalidInput({ operation: "createCountSession", field: "adjustmentLocationId", reason: `is a ${loss.usage} location, not a loss/adjustment location` })
      }
      if (scope.locationId !== undefined && (yield* catalog.getLocations(actor.tenantId, [scope.locationId])).size === 0) {
        return yield* new UnknownLocation({ locationId: scope.locationId })
      }
      if ((yield* store.getSession(actor.tenantId, id)) !== undefined) {
        return yield* new IdempotencyConflict({ entity: "count session", id, reason: "as another session" })
      }
      const now = yield* DateTime.now
      const { currencyScale } = yield* (yield* ValuationStore).getSettings(actor.tenantId, "none")
      const session: CountSession = {
        id,
        tenantId: actor.tenantId,
        name: fields.name ?? id,
        scope,
        status: "draft",
        policy: fields.policy,
        recount,
        tolerance,
        adjustmentLocationId: loss.id,
        gainReason: fields.gainReason ?? "count-gain",
        lossReason: fields.lossReason ?? "count-loss",
        currencyScale,
        itemIds: null,
        locationIds: null,
        items: [],
        frozenAt: null,
        approvedAt: null,
        approvedBy: null,
        approvedRole: null,
        result: null,
        createdBy: actor.actorId,
        createdAt: now,
        updatedAt: now,
        version: 1
      }
      yield* store.putSession(session)
      yield* emit([{ event: { _tag: "CountSessionCreated", session }, entities: [{ type: "count-session", id }] }])
      return session
    }))
  })

/**
 * Freezes a draft session: resolves its scope, locks its items, snapshots the expected quantity of every cell
 * with stock in scope and each item's unit value, and opens it for counting.
 *
 * @since 0.1.0
 */
export const freeze = (
  sessionId: string
): Effect.Effect<CountSession, CommonError | UnknownItem | UnknownLocation, Env> =>
  transaction(Effect.gen(function*() {
    const actor = yield* CurrentActor
    const session = yield* open(sessionId, "draft", "freeze")
    const now = yield* DateTime.now
    const resolved = yield* resolve(actor.tenantId, session.scope, now)
    // A first read finds the items with stock in scope; with them locked, a second read is the snapshot.
    const first = yield* balancesIn(actor.tenantId, resolved)
    const itemIds = [...new Set([...(resolved.itemIds ?? []), ...first.balances.map((b) => b.itemId)])].sort()
    yield* (yield* LedgerStore).lockItems(actor.tenantId, itemIds)
    const { balances } = yield* balancesIn(actor.tenantId, resolved.itemIds === null ? { ...resolved, itemIds } : resolved)
    const items = yield* (yield* CatalogStore).getItems(actor.tenantId, itemIds)
    const rates = yield* ratesOf(actor.tenantId, [...items.values()])
    const cells: Array<CountCell> = balances.map((b) => ({ itemId: b.itemId, locationId: b.locationId, lot: b.lot, expected: b.quantity, counts: [], adjustment: null }))
    const next: CountSession = {
      ...session,
      status: "counting",
      itemIds: resolved.itemIds,
      locationIds: resolved.locationIds,
      items: [...rates.values()],
      frozenAt: now,
      updatedAt: now,
      version: session.version + 1
    }
    const store = yield* CountStore
    yield* store.putCells(actor.tenantId, session.id, cells)
    yield* store.putSession(next)
    yield* emit([{ event: { _tag: "CountSessionFrozen", session: next, cells: cells.length }, entities: [{ type: "count-session", id: session.id }] }])
    return next
  }))

/** Errors of recording counts. @since 0.1.0 */
export type RecordError = CommonError | CellNotInScope | UnknownItem | UnknownLocation | Quantity.InvalidQuantity | UnitOfMeasure.UnknownUnit

const decodeLines = decode("recordCounts", Schema.Array(CountLineInput).pipe(Schema.check(Schema.isMinLength(1))))

interface Counted {
  readonly itemId: ItemId
  readonly locationId: LocationId
  readonly lot: string | null
  readonly quantity: bigint
  /** The serials found, sorted, for a serial-tracked item. */
  readonly serials?: ReadonlyArray<string>
}

const recordLines = (
  sessionId: string,
  lines: ReadonlyArray<CountLineInput>,
  source: CountEntry["source"],
  deviceId: string | null
): Effect.Effect<ReadonlyArray<CountCell>, RecordError, Env> =>
  Effect.gen(function*() {
    const decoded = yield* decodeLines(lines)
    return yield* transaction(Effect.gen(function*() {
      const actor = yield* CurrentActor
      const session = yield* open(sessionId, "counting", "record counts")
      const store = yield* CountStore
      const catalog = yield* CatalogStore
      const known = new Map((yield* store.cells(actor.tenantId, session.id)).map((c) => [cellKey(c), c]))
      const items = yield* catalog.getItems(actor.tenantId, [...new Set(decoded.map((l) => l.itemId as ItemId))])
      const locations = yield* catalog.getLocations(actor.tenantId, [...new Set(decoded.map((l) => l.locationId as LocationId))])
      const inItems = session.itemIds === null ? undefined : new Set<string>(session.itemIds)
      const inLocations = session.locationIds === null ? undefined : new Set<string>(session.locationIds)
      const counted: Array<Counted> = []
      const seen = new Set<string>()
      for (let i = 0; i < decoded.length; i++) {
        const line = decoded[i]!
        const field = `lines[${i}]`
        const lot = line.lot ?? null
        const item = items.get(line.itemId as ItemId)
        if (item === undefined) return yield* new UnknownItem({ itemId: line.itemId })
        const location = locations.get(line.locationId as LocationId)
        if (location === undefined) return yield* new UnknownLocation({ locationId: line.locationId })
        const refuse = (reason: string) => new CellNotInScope({ sessionId: session.id, field, itemId: item.id, locationId: location.id, lot, reason })
        const key = cellKey({ itemId: item.id, locationId: location.id, lot })
        if (!known.has(key)) {
          if (location.usage !== "internal") return yield* refuse(`is at a ${location.usage} location, not an internal one`)
          if (inItems !== undefined && !inItems.has(item.id)) return yield* refuse("is not an item of the session's scope")
          if (inLocations !== undefined && !inLocations.has(location.id)) return yield* refuse("is outside the session's locations")
          if ((item.tracking === "lot") !== (lot !== null)) return yield* refuse(lot === null ? "needs a lot" : "is not lot-tracked")
        }
        if (seen.has(key)) return yield* new InvalidInput({ operation: "recordCounts", field, reason: "counts the same cell as another line" })
        seen.add(key)
        let quantity: bigint | undefined
        if (line.quantity !== undefined) {
          const units = UnitOfMeasure.toBaseUnits(ItemModel.scheme(item), line.quantity, line.unit ?? item.baseUnit.code, `${field}.quantity`)
          if (Result.isFailure(units)) return yield* units.failure
          if (units.success < 0n) return yield* new InvalidInput({ operation: "recordCounts", field: `${field}.quantity`, reason: "must not be negative" })
          quantity = units.success
        }
        if (item.tracking === "serial") {
          const found = serialsFound(line.serials, quantity, field)
          if (Result.isFailure(found)) return yield* found.failure
          counted.push({ itemId: item.id, locationId: location.id, lot, quantity: BigInt(found.success.length), serials: found.success })
        } else {
          if (line.serials !== undefined) return yield* new InvalidInput({ operation: "recordCounts", field: `${field}.serials`, reason: "are for serial-tracked items only" })
          if (quantity === undefined) return yield* new InvalidInput({ operation: "recordCounts", field: `${field}.quantity`, reason: "is required" })
          counted.push({ itemId: item.id, locationId: location.id, lot, quantity })
        }
      }
      // Under the item locks no posting is half done: the balances read now are the book at this count.
      yield* (yield* LedgerStore).lockItems(actor.tenantId, [...new Set(counted.map((c) => c.itemId))].sort())
      const books = yield* (yield* LedgerStore).getBalances(actor.tenantId, counted)
      const bookSerials = yield* serialsAt(actor.tenantId, counted)
      const now = yield* DateTime.now
      const updated = counted.map((c): CountCell => {
        const held = bookSerials.get(`${c.itemId}\u0000${c.locationId}`) ?? []
        const entry: CountEntry = {
          quantity: c.quantity,
          onHand: books.get(keyOf(c)) ?? 0n,
          countedBy: actor.actorId,
          countedAt: now,
          source,
          deviceId,
          ...(c.serials === undefined ? {} : { serials: c.serials, onHandSerials: held })
        }
        const cell = known.get(cellKey(c)) ?? { itemId: c.itemId, locationId: c.locationId, lot: c.lot, expected: 0n, counts: [], adjustment: null }
        return { ...cell, counts: [...cell.counts, entry] }
      })
      // Items first found now are valued now.
      const valued = new Set(session.items.map((i) => i.itemId))
      const fresh = [...items.values()].filter((i) => !valued.has(i.id))
      const added: ReadonlyArray<CountItem> = fresh.length === 0 ? [] : [...(yield* ratesOf(actor.tenantId, fresh)).values()]
      yield* store.putCells(actor.tenantId, session.id, updated)
      yield* store.putSession({ ...session, items: [...session.items, ...added], updatedAt: now, version: session.version + 1 })
      yield* emit([{
        event: { _tag: "CountRecorded", sessionId: session.id, source, deviceId, lines: counted },
        entities: [{ type: "count-session", id: session.id }, ...[...new Set(counted.map((c) => c.itemId))].map((id) => ({ type: "item", id }))]
      }])
      return updated
    }))
  })

/**
 * Records blind counts by hand: for each line, the quantity found in a cell (zero for an empty cell).
 * Counting a cell again records a recount; the last count is the one that stands.
 *
 * @since 0.1.0
 */
export const record = (sessionId: string, lines: ReadonlyArray<CountLineInput>): Effect.Effect<ReadonlyArray<CountCell>, RecordError, Env> =>
  recordLines(sessionId, lines, "manual", null)

/**
 * Records a scan tally (a `Counted` outcome of `ScanWorkflow` in count mode): the lines found at the
 * location, and zero for every other cell of the session at that location.
 *
 * @since 0.1.0
 */
export const recordTally = (sessionId: string, tally: CountTally): Effect.Effect<ReadonlyArray<CountCell>, RecordError, Env> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const cells = yield* (yield* CountStore).cells(actor.tenantId, sessionId as CountSessionId)
    const found = new Set(tally.lines.map((l) => cellKey({ itemId: l.itemId, locationId: tally.locationId, lot: l.lot })))
    const lines: Array<CountLineInput> = tally.lines.map((l) => ({
      itemId: l.itemId,
      locationId: tally.locationId,
      lot: l.lot,
      quantity: l.quantity,
      ...(l.serials.length === 0 ? {} : { serials: l.serials })
    }))
    for (const c of cells) {
      if (c.locationId === tally.locationId && !found.has(cellKey(c))) lines.push({ itemId: c.itemId, locationId: c.locationId, lot: c.lot, quantity: 0 })
    }
    if (lines.length === 0) {
      // An empty location with nothing expected: still check the session is open for counting.
      yield* transaction(open(sessionId, "counting", "record counts"))
      return []
    }
    return yield* recordLines(sessionId, lines, "scan", tally.deviceId)
  })

/**
 * Cancels a session that is not approved. Nothing was posted, so nothing is undone.
 *
 * @since 0.1.0
 */
export const cancel = (sessionId: string): Effect.Effect<CountSession, CommonError, Env> =>
  transaction(Effect.gen(function*() {
    const actor = yield* CurrentActor
    const session = yield* (yield* CountStore).getSession(actor.tenantId, sessionId as CountSessionId, { forUpdate: true })
    if (session === undefined) return yield* new UnknownCountSession({ sessionId })
    if (session.status === "approved" || session.status === "cancelled") return yield* new CountSessionState({ sessionId, status: session.status, operation: "cancel" })
    const next: CountSession = { ...session, status: "cancelled", updatedAt: yield* DateTime.now, version: session.version + 1 }
    yield* (yield* CountStore).putSession(next)
    yield* emit([{ event: { _tag: "CountSessionCancelled", session: next }, entities: [{ type: "count-session", id: session.id }] }])
    return next
  }))

/**
 * A session by id.
 *
 * @since 0.1.0
 */
export const get = (sessionId: string): Effect.Effect<CountSession, UnknownCountSession | StoreError, CountStore | CurrentActor> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const session = yield* (yield* CountStore).getSession(actor.tenantId, sessionId as CountSessionId)
    if (session === undefined) return yield* new UnknownCountSession({ sessionId })
    return session
  })

/**
 * A line of a blind count sheet: a cell to count, without its expected quantity. `counted` says whether a
 * count was recorded (not what it was).
 *
 * @since 0.1.0
 */
export interface SheetLine {
  readonly itemId: ItemId
  readonly locationId: LocationId
  readonly lot: string | null
  readonly counted: boolean
}

/**
 * The blind count sheet of a session: the cells to count, by location, without expected quantities.
 *
 * @since 0.1.0
 */
export const sheet = (sessionId: string): Effect.Effect<ReadonlyArray<SheetLine>, UnknownCountSession | StoreError, CountStore | CurrentActor> =>
  Effect.gen(function*() {
    const session = yield* get(sessionId)
    const cells = yield* (yield* CountStore).cells(session.tenantId, session.id)
    return cells
      .map((c) => ({ itemId: c.itemId, locationId: c.locationId, lot: c.lot, counted: c.counts.length > 0 }))
      .sort((a, b) => (a.locationId !== b.locationId ? (a.locationId < b.locationId ? -1 : 1) : a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0))
  })

/**
 * Sessions ordered by id, a page at a time (pass the last id as `afterId`).
 *
 * @since 0.1.0
 */
export const list = (
  filter: Partial<Omit<SessionFilter, "afterId">> & { readonly afterId?: string } = {}
): Effect.Effect<ReadonlyArray<CountSession>, StoreError, CountStore | CurrentActor> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const { afterId, ...rest } = filter
    return yield* (yield* CountStore).listSessions(actor.tenantId, {
      ...rest,
      ...(afterId === undefined ? {} : { afterId: afterId as CountSessionId }),
      limit: Math.min(Math.max(filter.limit ?? 100, 1), 1000)
    })
  })

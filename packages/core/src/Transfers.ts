/**
 * Transfer commands and queries: create, ship (or move directly), receive in parts with discrepancies, close,
 * cancel, and what is in transit.
 *
 * Every command is one unit of work: the movements post through {@link StockLedger.post} (so the ledger's
 * checks apply: stock at the source, no negative transit), the transfer's new state is stored (versioned and
 * locked, so concurrent receipts against one transfer run one after the other) and its event is emitted, or
 * nothing happens. Movements reference the transfer's id and carry the reasons `transfer-ship`,
 * `transfer-receipt`, `transfer-damaged` and `transfer-short`.
 *
 * Serial-tracked items move by name: a line lists its serials, shipping posts them into transit (the ledger
 * checks each is at the source), a receipt names the serials received, damaged or short (each must still be in
 * transit on that line), and closing writes off the serials still in transit.
 *
 * @since 0.1.0
 */
import { type BigDecimal, DateTime, Effect } from "effect"
import type { UnknownItem, UnknownLocation } from "./CatalogError.ts"
import { InvalidTransfer, OverReceipt, TransferState, UnknownTransfer } from "./CountError.ts"
import { CurrentActor } from "./CurrentActor.ts"
import { emit } from "./EventLog.ts"
import { IdGenerator } from "./IdGenerator.ts"
import type { ItemId, LocationId } from "./Ids.ts"
import { decode, type InvalidInput } from "./InputError.ts"
import type { MovementId } from "./Ids.ts"
import type { MovementInput } from "./Movement.ts"
import * as Quantity from "./Quantity.ts"
import * as StockLedger from "./StockLedger.ts"
import type { ConcurrentModification, StoreError } from "./StoreError.ts"
import {
  inTransit as lineInTransit,
  type NewTransfer,
  ReceiveInput,
  serialsInTransit,
  type Transfer,
  type TransferId,
  type TransferLine,
  type TransferReceipt,
  type TransferStatus
} from "./Transfer.ts"
import { draft, location } from "./internal/transferDraft.ts"
import { namedSerials, settle, units } from "./internal/transferReceipt.ts"
import { TransferStore } from "./TransferStore.ts"
import type * as UnitOfMeasure from "./UnitOfMeasure.ts"
import { transaction } from "./UnitOfWork.ts"

/** The services transfer commands need. @since 0.1.0 */
export type Env = TransferStore | StockLedger.Env

/** Every way a transfer command can fail. None of them changes anything. @since 0.1.0 */
export type Error =
  | InvalidInput
  | InvalidTransfer
  | UnknownTransfer
  | TransferState
  | OverReceipt
  | UnknownItem
  | UnknownLocation
  | Quantity.InvalidQuantity
  | UnitOfMeasure.UnknownUnit
  | ConcurrentModification
  | StoreError
  | StockLedger.PostError

const insert = (transfer: Transfer) =>
  Effect.gen(function*() {
    const store = yield* TransferStore
    if ((yield* store.get(transfer.tenantId, transfer.id)) !== undefined) {
      return yield* new InvalidTransfer({ field: "id", reason: `transfer ${JSON.stringify(transfer.id)} already exists` })
    }
    yield* store.put(transfer)
    yield* emit([{ event: { _tag: "TransferCreated", transfer }, entities: entities(transfer) }])
    return transfer
  })

const entities = (t: Transfer) => [{ type: "transfer", id: t.id }, ...[...new Set(t.lines.map((l) => l.itemId))].map((id) => ({ type: "item", id }))]

/**
 * Creates a draft transfer.
 *
 * @since 0.1.0
 */
export const create = (input: NewTransfer): Effect.Effect<Transfer, Error, Env> =>
  Effect.flatMap(draft(input), (t) => transaction(insert(t)))

const load = (id: string, operation: string, allowed: ReadonlyArray<TransferStatus>) =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const transfer = yield* (yield* TransferStore).get(actor.tenantId, id as TransferId, { forUpdate: true })
    if (transfer === undefined) return yield* new UnknownTransfer({ transferId: id })
    if (!allowed.includes(transfer.status)) return yield* new TransferState({ transferId: id, status: transfer.status, operation })
    return transfer
  })

const movement = (
  t: Transfer,
  line: TransferLine,
  from: LocationId,
  to: LocationId,
  quantity: bigint,
  reasonCode: string,
  at: DateTime.Utc,
  serials?: ReadonlyArray<string>
) =>
  Effect.map(Effect.flatMap(Effect.service(IdGenerator), (ids) => ids.next), (id): MovementInput => ({
    id,
    itemId: line.itemId,
    from,
    to,
    quantity: Quantity.fromUnits(quantity, line.decimals),
    ...(line.lot === null ? {} : { lot: line.lot }),
    ...(serials === undefined ? {} : { serials }),
    effectiveAt: DateTime.toEpochMillis(at),
    reasonCode,
    reference: t.id
  }))

const shipLoaded = (transfer: Transfer) =>
  Effect.gen(function*() {
    const now = yield* DateTime.now
    const direct = transfer.transitLocationId === null
    const to = transfer.transitLocationId ?? transfer.toLocationId
    const lines: Array<MovementInput> = []
    for (const l of transfer.lines) lines.push(yield* movement(transfer, l, transfer.fromLocationId, to, l.quantity, direct ? "transfer" : "transfer-ship", now, l.serials))
    yield* StockLedger.post(lines)
    const next: Transfer = {
      ...transfer,
      status: direct ? "received" : "shipped",
      lines: transfer.lines.map((l) => ({
        ...l,
        shipped: l.quantity,
        received: direct ? l.quantity : 0n,
        ...(direct && l.serials !== undefined ? { settledSerials: l.serials.map((serial) => ({ serial, as: "received" as const })) } : {})
      })),
      shippedAt: now,
      updatedAt: now,
      version: transfer.version + 1
    }
    yield* (yield* TransferStore).put(next)
    yield* emit([{ event: { _tag: "TransferShipped", transfer: next }, entities: entities(next) }])
    return next
  })

/**
 * Ships a draft transfer: into its transit location, or, for a direct transfer, straight to its destination
 * (it is then received).
 *
 * @since 0.1.0
 */
export const ship = (id: string): Effect.Effect<Transfer, Error, Env> =>
  transaction(Effect.flatMap(load(id, "ship", ["draft"]), shipLoaded))

/**
 * Creates a direct transfer and moves it in one posting, in one unit of work.
 *
 * @since 0.1.0
 */
export const direct = (input: NewTransfer): Effect.Effect<Transfer, Error, Env> =>
  Effect.gen(function*() {
    if (input.transitLocationId !== undefined) return yield* new InvalidTransfer({ field: "transitLocationId", reason: "a direct transfer has no transit location" })
    const built = yield* draft(input)
    return yield* transaction(Effect.flatMap(insert(built), shipLoaded))
  })

/**
 * Receives against a shipped transfer: good stock moves from transit to the destination, damaged and short
 * stock to the loss location; anything not declared stays in transit. Replaying a receipt id returns the
 * transfer unchanged.
 *
 * @since 0.1.0
 */
export const receive = (id: string, input: ReceiveInput): Effect.Effect<Transfer, Error, Env> =>
  Effect.gen(function*() {
    const fields = yield* decode("receiveTransfer", ReceiveInput)(input)
    const receiptId = fields.id ?? (yield* (yield* IdGenerator).next)
    return yield* transaction(Effect.gen(function*() {
      const actor = yield* CurrentActor
      const replay = yield* (yield* TransferStore).get(actor.tenantId, id as TransferId, { forUpdate: true })
      if (replay !== undefined && replay.receipts.some((r) => r.id === receiptId)) return replay
      const transfer = yield* load(id, "receive", ["shipped", "partiallyReceived"])
      const loss = fields.lossLocationId === undefined ? null : yield* location(fields.lossLocationId, "lossLocationId", ["loss"])
      const now = yield* DateTime.now
      const lines = [...transfer.lines]
      const movements: Array<MovementInput> = []
      const declared: Array<TransferReceipt["lines"][number]> = []
      for (let i = 0; i < fields.lines.length; i++) {
        const r = fields.lines[i]!
        const field = `lines[${i}]`
        const at = lines.findIndex((l) => l.lineNo === r.lineNo)
        if (at < 0) return yield* new InvalidTransfer({ field: `${field}.lineNo`, reason: `transfer ${JSON.stringify(transfer.id)} has no line ${r.lineNo}` })
        if (fields.lines.findIndex((o) => o.lineNo === r.lineNo) !== i) return yield* new InvalidTransfer({ field: `${field}.lineNo`, reason: "repeats another line" })
        const line = lines[at]!
        const named = yield* namedSerials(line, r, field)
        const received = named?.counts.received ?? (yield* units(r.quantity, line.decimals, `${field}.quantity`))
        const damaged = named?.counts.damaged ?? (yield* units(r.damaged, line.decimals, `${field}.damaged`))
        const short = named?.counts.short ?? (yield* units(r.short, line.decimals, `${field}.short`))
        const total = received + damaged + short
        if (total === 0n) return yield* new InvalidTransfer({ field, reason: "declares nothing" })
        if (total > lineInTransit(line)) {
          return yield* new OverReceipt({ transferId: transfer.id, lineNo: line.lineNo, inTransit: Quantity.formatUnits(lineInTransit(line), line.decimals), declared: Quantity.formatUnits(total, line.decimals) })
        }
        if (damaged + short > 0n && loss === null) return yield* new InvalidTransfer({ field: "lossLocationId", reason: "is required to write off damaged or short stock" })
        const transit = transfer.transitLocationId!
        if (received > 0n) movements.push(yield* movement(transfer, line, transit, transfer.toLocationId, received, "transfer-receipt", now, named?.serials.received))
        if (damaged > 0n) movements.push(yield* movement(transfer, line, transit, loss!.id, damaged, "transfer-damaged", now, named?.serials.damaged))
        if (short > 0n) movements.push(yield* movement(transfer, line, transit, loss!.id, short, "transfer-short", now, named?.serials.short))
        const updated: TransferLine = { ...line, received: line.received + received, damaged: line.damaged + damaged, short: line.short + short }
        if (named === undefined) {
          lines[at] = updated
          declared.push({ lineNo: line.lineNo, received, damaged, short })
        } else {
          lines[at] = { ...updated, settledSerials: [...(line.settledSerials ?? []), ...settle(named.serials.received, "received"), ...settle(named.serials.damaged, "damaged"), ...settle(named.serials.short, "short")] }
          declared.push({ lineNo: line.lineNo, received, damaged, short, serials: named.serials.received, damagedSerials: named.serials.damaged, shortSerials: named.serials.short })
        }
      }
      const posted = (yield* StockLedger.post(movements)).movements
      const receipt: TransferReceipt = { id: receiptId, at: now, actorId: actor.actorId, lines: declared, movementIds: posted.map((m) => m.id as MovementId) }
      const settled = lines.every((l) => lineInTransit(l) === 0n)
      const next: Transfer = {
        ...transfer,
        status: settled ? "received" : "partiallyReceived",
        lines,
        receipts: [...transfer.receipts, receipt],
        updatedAt: now,
        version: transfer.version + 1
      }
      yield* (yield* TransferStore).put(next)
      yield* emit([{ event: { _tag: "TransferReceived", transfer: next, receipt }, entities: [...entities(next), ...posted.map((m) => ({ type: "movement", id: m.id }))] }])
      return next
    }))
  })

/**
 * Closes a transfer. A received transfer simply closes; one with stock still in transit writes the rest off
 * as short to `lossLocationId`, which is then required.
 *
 * @since 0.1.0
 */
export const close = (id: string, options: { readonly lossLocationId?: string } = {}): Effect.Effect<Transfer, Error, Env> =>
  transaction(Effect.gen(function*() {
    const transfer = yield* load(id, "close", ["shipped", "partiallyReceived", "received"])
    const now = yield* DateTime.now
    const open = transfer.lines.filter((l) => lineInTransit(l) > 0n)
    if (open.length > 0) {
      if (options.lossLocationId === undefined) return yield* new InvalidTransfer({ field: "lossLocationId", reason: "is required to write off what is still in transit" })
      const loss = yield* location(options.lossLocationId, "lossLocationId", ["loss"])
      const movements: Array<MovementInput> = []
      for (const l of open) {
        movements.push(yield* movement(transfer, l, transfer.transitLocationId!, loss.id, lineInTransit(l), "transfer-short", now, l.serials === undefined ? undefined : serialsInTransit(l)))
      }
      yield* StockLedger.post(movements)
    }
    const next: Transfer = {
      ...transfer,
      status: "closed",
      lines: transfer.lines.map((l) => ({
        ...l,
        short: l.short + lineInTransit(l),
        ...(l.serials === undefined ? {} : { settledSerials: [...(l.settledSerials ?? []), ...settle(serialsInTransit(l), "short")] })
      })),
      closedAt: now,
      updatedAt: now,
      version: transfer.version + 1
    }
    yield* (yield* TransferStore).put(next)
    yield* emit([{ event: { _tag: "TransferClosed", transfer: next }, entities: entities(next) }])
    return next
  }))

/**
 * Cancels a draft transfer; nothing was posted.
 *
 * @since 0.1.0
 */
export const cancel = (id: string): Effect.Effect<Transfer, Error, Env> =>
  transaction(Effect.gen(function*() {
    const transfer = yield* load(id, "cancel", ["draft"])
    const next: Transfer = { ...transfer, status: "cancelled", updatedAt: yield* DateTime.now, version: transfer.version + 1 }
    yield* (yield* TransferStore).put(next)
    yield* emit([{ event: { _tag: "TransferCancelled", transfer: next }, entities: entities(next) }])
    return next
  }))

/**
 * A transfer by id.
 *
 * @since 0.1.0
 */
export const get = (id: string): Effect.Effect<Transfer, UnknownTransfer | StoreError, TransferStore | CurrentActor> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const transfer = yield* (yield* TransferStore).get(actor.tenantId, id as TransferId)
    if (transfer === undefined) return yield* new UnknownTransfer({ transferId: id })
    return transfer
  })

/**
 * One line's stock in transit: shipped, received, written off, and what is left, in the item's base unit.
 *
 * @since 0.1.0
 */
export interface InTransitRow {
  readonly transferId: TransferId
  readonly lineNo: number
  readonly itemId: ItemId
  readonly lot: string | null
  readonly transitLocationId: LocationId
  readonly toLocationId: LocationId
  readonly shipped: BigDecimal.BigDecimal
  readonly received: BigDecimal.BigDecimal
  readonly writtenOff: BigDecimal.BigDecimal
  readonly inTransit: BigDecimal.BigDecimal
  /** The serials still in transit, sorted; empty for an item without serials. */
  readonly serials: ReadonlyArray<string>
  readonly shippedAt: DateTime.Utc | null
  readonly expectedAt: DateTime.Utc | null
}

/**
 * What is in transit, per transfer line, optionally for one transfer or one item.
 *
 * @since 0.1.0
 */
export const inTransit = (
  filter: { readonly transferId?: string; readonly itemId?: string } = {}
): Effect.Effect<ReadonlyArray<InTransitRow>, StoreError, TransferStore | CurrentActor> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const store = yield* TransferStore
    const transfers: Array<Transfer> = []
    if (filter.transferId !== undefined) {
      const t = yield* store.get(actor.tenantId, filter.transferId as TransferId)
      if (t !== undefined) transfers.push(t)
    } else {
      let afterId: TransferId | undefined
      while (true) {
        const page = yield* store.list(actor.tenantId, {
          status: ["shipped", "partiallyReceived"],
          limit: 500,
          ...(filter.itemId === undefined ? {} : { itemId: filter.itemId as ItemId }),
          ...(afterId === undefined ? {} : { afterId })
        })
        transfers.push(...page)
        if (page.length < 500) break
        afterId = page[page.length - 1]!.id
      }
    }
    const rows: Array<InTransitRow> = []
    for (const t of transfers) {
      if (t.transitLocationId === null) continue
      for (const l of t.lines) {
        const left = lineInTransit(l)
        if (left === 0n || (filter.itemId !== undefined && l.itemId !== filter.itemId)) continue
        const q = (n: bigint) => Quantity.fromUnits(n, l.decimals)
        rows.push({
          transferId: t.id,
          lineNo: l.lineNo,
          itemId: l.itemId,
          lot: l.lot,
          transitLocationId: t.transitLocationId,
          toLocationId: t.toLocationId,
          shipped: q(l.shipped),
          received: q(l.received),
          writtenOff: q(l.damaged + l.short),
          inTransit: q(left),
          serials: serialsInTransit(l),
          shippedAt: t.shippedAt,
          expectedAt: t.expectedAt
        })
      }
    }
    return rows
  })

/**
 * Transfers ordered by id, a page at a time (pass the last id as `afterId`).
 *
 * @since 0.1.0
 */
export const list = (
  filter: { readonly status?: ReadonlyArray<TransferStatus>; readonly itemId?: string; readonly afterId?: string; readonly limit?: number } = {}
): Effect.Effect<ReadonlyArray<Transfer>, StoreError, TransferStore | CurrentActor> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    return yield* (yield* TransferStore).list(actor.tenantId, {
      ...(filter.status === undefined ? {} : { status: filter.status }),
      ...(filter.itemId === undefined ? {} : { itemId: filter.itemId as ItemId }),
      ...(filter.afterId === undefined ? {} : { afterId: filter.afterId as TransferId }),
      limit: Math.min(Math.max(filter.limit ?? 100, 1), 1000)
    })
  })

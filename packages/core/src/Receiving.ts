/**
 * Receiving against purchase orders.
 *
 * A receipt posts goods from the order's supplier location into the ship-to location (or another internal
 * location per line) through {@link StockLedger.post}, at the line's price as unit cost, with the order's id
 * as reference and lots, expiries and serials for tracked items. The movements, the order's updated lines
 * and status, the receipt and its `GoodsReceived` event are written in one unit of work, or nothing is.
 *
 * - A line may receive less than ordered (the rest stays backordered, or is cancelled with `closeLine`) or
 *   more, up to its tolerance; beyond it the whole receipt is an {@link OverReceipt}.
 * - Receiving against a draft, closed or cancelled order, or on a short-closed line, is an
 *   {@link InvalidStatus}; into a location that is not internal, an {@link InvalidDocument}.
 * - The receipt id is the idempotency key: the same receipt again returns the original; other content under
 *   the same id is an {@link IdempotencyConflict}. The order is locked while a receipt is checked and posted,
 *   so concurrent receipts on one line never pass its tolerance together.
 * - Each line comes with a put-away suggestion ({@link PutAway}), stored with the receipt.
 *
 * @since 0.1.0
 */
import { BigDecimal, DateTime, Effect } from "effect"
import { CatalogStore } from "./CatalogStore.ts"
import { CurrentActor } from "./CurrentActor.ts"
import { emit } from "./EventLog.ts"
import type { LocationId, MovementId, TenantId } from "./Ids.ts"
import { decode, type InvalidInput } from "./InputError.ts"
import { baseQuantity, loadItems, loadOrder } from "./internal/procurement.ts"
import type { Item } from "./Item.ts"
import { IdempotencyConflict } from "./LedgerError.ts"
import { LedgerStore } from "./LedgerStore.ts"
import { isOnHand } from "./Location.ts"
import type { Movement, MovementInput } from "./Movement.ts"
import { InvalidDocument, InvalidStatus, OverReceipt, type UnknownPurchaseOrder, UnknownPurchaseOrderLine } from "./ProcurementError.ts"
import { ProcurementStore } from "./ProcurementStore.ts"
import {
  maxReceivable,
  type PurchaseOrder,
  type PurchaseOrderLine,
  type Receipt,
  ReceiptInput,
  type ReceiptLine,
  receivable,
  statusFromLines,
  toleranceOf
} from "./PurchaseOrder.ts"
import * as PurchaseOrders from "./PurchaseOrders.ts"
import * as PutAway from "./PutAway.ts"
import * as Quantity from "./Quantity.ts"
import * as StockLedger from "./StockLedger.ts"
import type { StoreError } from "./StoreError.ts"
import { transaction } from "./UnitOfWork.ts"

/** The services a receipt needs. @since 0.1.0 */
export type Env = ProcurementStore | StockLedger.Env

/** Every way a receipt can fail. None of them changes anything. @since 0.1.0 */
export type ReceiveError =
  | StockLedger.PostError
  | InvalidInput
  | InvalidDocument
  | UnknownPurchaseOrder
  | UnknownPurchaseOrderLine
  | InvalidStatus
  | OverReceipt

/**
 * What a receipt returns: the order after it, the receipt as recorded (with put-away suggestions), its
 * movements, and whether this call replayed an earlier receipt.
 *
 * @since 0.1.0
 */
export interface ReceiveResult {
  readonly purchaseOrder: PurchaseOrder
  readonly receipt: Receipt
  readonly movements: ReadonlyArray<Movement>
  readonly replayed: boolean
}

const decodeReceipt = decode("receive", ReceiptInput)

// A replay without a time matches any time: it defaulted to "now" the first time too.
const sameReceipt = (a: Receipt, lines: ReadonlyArray<ReceiptLine>, receivedAt: DateTime.Utc | undefined): boolean =>
  (receivedAt === undefined || DateTime.Equivalence(a.receivedAt, receivedAt)) && a.lines.length === lines.length && a.lines.every((l, i) => {
    const o = lines[i]!
    return l.lineNo === o.lineNo && l.quantity === o.quantity && l.locationId === o.locationId && l.lot === o.lot &&
      l.closeLine === o.closeLine && l.serials.length === o.serials.length && l.serials.every((s, j) => s === o.serials[j])
  })

/**
 * Receives goods against a purchase order.
 *
 * @since 0.1.0
 */
export const receive = (input: ReceiptInput): Effect.Effect<ReceiveResult, ReceiveError, Env> =>
  Effect.gen(function*() {
    const r = yield* decodeReceipt(input)
    const actor = yield* CurrentActor
    const now = yield* DateTime.now
    const receivedAt = r.receivedAt ?? now
    return yield* transaction(Effect.gen(function*() {
      const tenantId = actor.tenantId
      const order = yield* loadOrder(tenantId, r.purchaseOrderId, true)
      const previous = order.receipts.find((x) => x.id === r.id)
      const items = yield* loadItems(tenantId, order.lines.map((l) => l.itemId))

      // The receipt as it would be recorded, checked line by line against the order.
      const lines: Array<ReceiptLine> = []
      const postings: Array<MovementInput> = []
      const added = new Map<number, bigint>()
      for (let i = 0; i < r.lines.length; i++) {
        const input = r.lines[i]!
        const field = `lines[${i}]`
        const line = order.lines.find((l) => l.lineNo === input.lineNo)
        if (line === undefined) return yield* new UnknownPurchaseOrderLine({ purchaseOrderId: order.id, lineNo: input.lineNo, reason: "no such line" })
        const item = items.get(line.itemId)!
        const quantity = yield* baseQuantity(item, input.quantity, input.unit, `${field}.quantity`)
        const movementId = `${r.id}/${i + 1}` as MovementId
        const locationId = input.locationId ?? order.shipToId
        lines.push({
          lineNo: line.lineNo,
          itemId: line.itemId,
          quantity,
          locationId,
          lot: input.lot ?? null,
          serials: input.serials ?? [],
          movementId,
          closeLine: input.closeLine ?? false,
          putAway: { locationId, rule: "receiving" }
        })
        if (previous !== undefined) continue
        if (line.status === "shortClosed") {
          return yield* new InvalidStatus({ entity: "purchaseOrderLine", id: `${order.id}#${line.lineNo}`, status: line.status, operation: "receive on" })
        }
        const total = (added.get(line.lineNo) ?? 0n) + quantity
        added.set(line.lineNo, total)
        const tolerance = toleranceOf(order, line)
        if (line.received + total > maxReceivable(line.quantity, tolerance)) {
          const decimals = item.baseUnit.decimals
          return yield* new OverReceipt({
            purchaseOrderId: order.id,
            lineNo: line.lineNo,
            ordered: Quantity.formatUnits(line.quantity, decimals),
            received: Quantity.formatUnits(line.received, decimals),
            requested: Quantity.formatUnits(total, decimals),
            tolerancePercent: BigDecimal.format(tolerance)
          })
        }
        postings.push({
          id: movementId,
          itemId: line.itemId,
          from: order.supplierId,
          to: locationId,
          quantity: Quantity.fromUnits(quantity, item.baseUnit.decimals),
          unitCost: line.unitPrice,
          effectiveAt: receivedAt,
          reasonCode: "purchase-receipt",
          reference: order.id,
          ...(input.lot === undefined ? {} : { lot: input.lot }),
          ...(input.lotExpiresAt === undefined ? {} : { lotExpiresAt: input.lotExpiresAt }),
          ...(input.serials === undefined ? {} : { serials: input.serials })
        })
      }

      if (previous !== undefined) {
        if (!sameReceipt(previous, lines, r.receivedAt)) return yield* new IdempotencyConflict({ entity: "receipt", id: r.id, reason: "with different content" })
        const stored = yield* (yield* LedgerStore).getMovements(tenantId, previous.lines.map((l) => l.movementId))
        return { purchaseOrder: order, receipt: previous, movements: previous.lines.flatMap((l) => stored.get(l.movementId) ?? []), replayed: true }
      }
      if (!receivable(order.status)) return yield* new InvalidStatus({ entity: "purchaseOrder", id: order.id, status: order.status, operation: "receive against" })
      // The ledger would move goods from a supplier to any location; a receipt must land in stock on hand.
      const destinations = yield* (yield* CatalogStore).getLocations(tenantId, [...new Set(lines.map((l) => l.locationId))])
      for (let i = 0; i < lines.length; i++) {
        const to = destinations.get(lines[i]!.locationId)
        if (to !== undefined && !isOnHand(to.usage)) {
          return yield* new InvalidDocument({ field: `lines[${i}].locationId`, reason: `location ${JSON.stringify(to.id)} is not an internal location (its usage is ${to.usage})` })
        }
      }

      // Suggestions look at stock before this receipt, so "already holding" means held before it arrived.
      const suggested: Array<ReceiptLine> = []
      for (const l of lines) suggested.push({ ...l, putAway: yield* suggestBin(tenantId, items.get(l.itemId)!, l) })

      const posted = yield* StockLedger.post(postings)
      if (posted.replayed) {
        return yield* new IdempotencyConflict({ entity: "receipt", id: r.id, reason: "as the movements of another receipt" })
      }
      const nextLines = order.lines.map((line) => updateLine(line, added.get(line.lineNo) ?? 0n, lines.some((l) => l.lineNo === line.lineNo && l.closeLine)))
      const receipt: Receipt = { id: r.id, receivedAt, recordedAt: now, actorId: actor.actorId, lines: suggested }
      const next: PurchaseOrder = {
        ...order,
        lines: nextLines,
        receipts: [...order.receipts, receipt],
        status: statusFromLines(nextLines),
        version: order.version + 1,
        updatedAt: now
      }
      yield* (yield* ProcurementStore).putPurchaseOrder(next)
      const entities = [...PurchaseOrders.entitiesOf(next), ...posted.movements.map((m) => ({ type: "movement", id: m.id }))]
      const shortClosed = nextLines.filter((l, i) => l.status === "shortClosed" && order.lines[i]!.status === "open")
      yield* emit([
        { event: { _tag: "GoodsReceived", purchaseOrder: next, receipt }, entities },
        ...shortClosed.map((l) => ({
          event: { _tag: "PurchaseOrderLineShortClosed" as const, purchaseOrder: next, lineNo: l.lineNo, cancelled: l.cancelled },
          entities: PurchaseOrders.entitiesOf(next)
        }))
      ])
      return { purchaseOrder: next, receipt, movements: posted.movements, replayed: false }
    }))
  })

// A line that received everything is done; one closed by the receipt cancels what it still expected.
const updateLine = (line: PurchaseOrderLine, quantity: bigint, close: boolean): PurchaseOrderLine => {
  if (quantity === 0n && !close) return line
  const received = line.received + quantity
  if (received >= line.quantity) return { ...line, received, status: "received" }
  if (close) return { ...line, received, cancelled: line.quantity - received, status: "shortClosed" }
  return { ...line, received }
}

const suggestBin = (
  tenantId: TenantId,
  item: Item,
  line: ReceiptLine
): Effect.Effect<PutAway.Suggestion, StoreError, CatalogStore | LedgerStore> =>
  Effect.gen(function*() {
    const catalog = yield* CatalogStore
    const ids = yield* catalog.subtree(tenantId, line.locationId)
    const locations = yield* catalog.getLocations(tenantId, ids)
    const binIds = [...locations.values()].filter((l) => l.kind === "bin" && !l.archived && isOnHand(l.usage)).map((l) => l.id)
    const stock = new Map<LocationId, { item: bigint; lot: bigint }>(binIds.map((id) => [id, { item: 0n, lot: 0n }]))
    if (binIds.length > 0) {
      for (const b of yield* (yield* LedgerStore).balances(tenantId, { itemId: item.id, locationIds: binIds })) {
        const cell = stock.get(b.locationId)
        if (cell === undefined) continue
        cell.item += b.quantity
        if (line.lot === null || b.lot === line.lot) cell.lot += b.quantity
      }
    }
    return PutAway.suggest({
      receivingLocationId: line.locationId,
      quantity: line.quantity,
      bins: [...stock].map(([locationId, s]) => ({ locationId, item: s.item, lot: s.lot })),
      capacity: PutAway.capacityOf(item),
      preferredBinId: PutAway.preferredBinOf(item)
    })
  })

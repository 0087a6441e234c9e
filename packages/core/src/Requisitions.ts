/**
 * Requisition commands: create, submit, approve or reject by amount, and convert into a purchase order.
 *
 * Approval compares the requisition's exact estimated amount with the approver's limits in the
 * {@link ApprovalPolicy} (see {@link Approval}): the most privileged role whose limit covers the amount
 * allows it; approving one's own requisition is held to the role's own-document limit where it has one.
 * A refusal is an {@link Approval.ApprovalDenied} and changes nothing. Every command writes its event in the
 * same unit of work.
 *
 * @since 0.1.0
 */
import { BigDecimal, Context, DateTime, Effect, Layer, Schema } from "effect"
import * as Approval from "./Approval.ts"
import type { UnknownItem, UnknownLocation } from "./CatalogError.ts"
import type { CatalogStore } from "./CatalogStore.ts"
import { CurrentActor } from "./CurrentActor.ts"
import { emit, type EventLog } from "./EventLog.ts"
import { IdGenerator } from "./IdGenerator.ts"
import { decode, type InvalidInput } from "./InputError.ts"
import { baseQuantity, loadBuyableItems, loadItems, loadRequisition, nonNegative, sameDecimal } from "./internal/procurement.ts"
import { IdempotencyConflict, type ItemDiscontinued } from "./LedgerError.ts"
import { TimeInput } from "./Movement.ts"
import { InvalidDocument, InvalidStatus, type UnknownRequisition } from "./ProcurementError.ts"
import { type RequisitionFilter, ProcurementStore } from "./ProcurementStore.ts"
import { NewPurchaseOrder, type PurchaseOrder, PurchaseOrderId } from "./PurchaseOrder.ts"
import * as PurchaseOrders from "./PurchaseOrders.ts"
import * as Quantity from "./Quantity.ts"
import { amountOf, NewRequisition, type Requisition, type RequisitionId, type RequisitionLine, type RequisitionStatus } from "./Requisition.ts"
import type { ConcurrentModification, StoreError } from "./StoreError.ts"
import type * as UnitOfMeasure from "./UnitOfMeasure.ts"
import { transaction, type UnitOfWork } from "./UnitOfWork.ts"

/** The services requisition commands need. @since 0.1.0 */
export type Env = ProcurementStore | CatalogStore | EventLog | UnitOfWork | CurrentActor | IdGenerator

/**
 * The default approval policy: operators approve up to 1,000, managers up to 25,000, admins without limit;
 * viewers cannot approve. Approving one's own requisition is held to the same limits.
 *
 * @since 0.1.0
 */
export const defaultPolicy: Approval.Policy = {
  limits: [
    { role: "operator", maxValue: BigDecimal.fromBigInt(1_000n) },
    { role: "manager", maxValue: BigDecimal.fromBigInt(25_000n) },
    { role: "admin", maxValue: null }
  ]
}

/**
 * The approval policy requisitions are approved under, {@link defaultPolicy} unless provided.
 *
 * @since 0.1.0
 */
export const ApprovalPolicy: Context.Reference<Approval.Policy> = Context.Reference<Approval.Policy>("@quartermaster/core/Requisitions/ApprovalPolicy", {
  defaultValue: () => defaultPolicy
})

/**
 * Provides an approval policy for requisitions.
 *
 * @since 0.1.0
 */
export const layerPolicy = (policy: Approval.Policy): Layer.Layer<never> => Layer.succeed(ApprovalPolicy, policy)

/** Errors of {@link create}. @since 0.1.0 */
export type CreateError =
  | InvalidInput
  | InvalidDocument
  | Quantity.InvalidQuantity
  | UnitOfMeasure.UnknownUnit
  | UnknownItem
  | ItemDiscontinued
  | IdempotencyConflict
  | ConcurrentModification
  | StoreError

/** Errors of the status commands. @since 0.1.0 */
export type ChangeError = UnknownRequisition | InvalidStatus | ConcurrentModification | StoreError

const decodeNew = decode("createRequisition", NewRequisition)

const sameRequisition = (a: Requisition, b: Requisition) =>
  a.note === b.note && a.lines.length === b.lines.length && a.lines.every((l, i) => {
    const o = b.lines[i]!
    return l.itemId === o.itemId && l.quantity === o.quantity && sameDecimal(l.estimatedUnitPrice, o.estimatedUnitPrice) &&
      (l.wantedAt === null ? o.wantedAt === null : o.wantedAt !== null && DateTime.Equivalence(l.wantedAt, o.wantedAt))
  })

const entitiesOf = (r: Requisition) => [
  { type: "requisition", id: r.id },
  ...[...new Set(r.lines.map((l) => l.itemId))].map((id) => ({ type: "item", id }))
]

/**
 * Creates a draft requisition. Quantities convert exactly from any unit of the item; the estimated amount is
 * Σ quantity × estimated unit price (per base unit), exact.
 *
 * @since 0.1.0
 */
export const create = (input: NewRequisition): Effect.Effect<Requisition, CreateError, Env> =>
  Effect.gen(function*() {
    const decoded = yield* decodeNew(input)
    const actor = yield* CurrentActor
    const id = (decoded.id ?? (yield* (yield* IdGenerator).next)) as RequisitionId
    return yield* transaction(Effect.gen(function*() {
      const now = yield* DateTime.now
      const items = yield* loadBuyableItems(actor.tenantId, decoded.lines.map((l) => l.itemId))
      const lines: Array<RequisitionLine> = []
      for (let i = 0; i < decoded.lines.length; i++) {
        const line = decoded.lines[i]!
        lines.push({
          lineNo: i + 1,
          itemId: line.itemId,
          quantity: yield* baseQuantity(items.get(line.itemId)!, line.quantity, line.unit, `lines[${i}].quantity`),
          wantedAt: line.wantedAt ?? null,
          estimatedUnitPrice: line.estimatedUnitPrice === undefined ? null : yield* nonNegative(line.estimatedUnitPrice, `lines[${i}].estimatedUnitPrice`)
        })
      }
      const requisition: Requisition = {
        id,
        tenantId: actor.tenantId,
        status: "draft",
        lines,
        amount: amountOf(lines, (l) => items.get(l.itemId)!.baseUnit.decimals),
        note: decoded.note ?? null,
        requestedBy: actor.actorId,
        decidedBy: null,
        decidedAt: null,
        decisionReason: null,
        purchaseOrderId: null,
        version: 1,
        createdAt: now,
        updatedAt: now
      }
      const store = yield* ProcurementStore
      const existing = (yield* store.getRequisitions(actor.tenantId, [id])).get(id)
      if (existing !== undefined) {
        if (!sameRequisition(existing, requisition)) return yield* new IdempotencyConflict({ entity: "requisition", id, reason: "with different content" })
        return existing
      }
      yield* store.putRequisition(requisition)
      yield* emit([{ event: { _tag: "RequisitionCreated", requisition }, entities: entitiesOf(requisition) }])
      return requisition
    }))
  })

const change = <E, R = never>(
  id: string,
  from: RequisitionStatus,
  operation: string,
  update: (r: Requisition, now: DateTime.Utc) => Effect.Effect<{ readonly next: Requisition; readonly role?: string }, E, R>
): Effect.Effect<Requisition, E | ChangeError, Env | R> =>
  transaction(Effect.gen(function*() {
    const actor = yield* CurrentActor
    const r = yield* loadRequisition(actor.tenantId, id)
    if (r.status !== from) return yield* new InvalidStatus({ entity: "requisition", id, status: r.status, operation })
    const now = yield* DateTime.now
    const { next: changed, role } = yield* update(r, now)
    const next: Requisition = { ...changed, version: r.version + 1, updatedAt: now }
    yield* (yield* ProcurementStore).putRequisition(next)
    const event = next.status === "submitted"
      ? { _tag: "RequisitionSubmitted" as const, requisition: next }
      : next.status === "approved"
      ? { _tag: "RequisitionApproved" as const, requisition: next, role: role ?? "" }
      : next.status === "converted"
      ? { _tag: "RequisitionConverted" as const, requisition: next, purchaseOrderId: next.purchaseOrderId ?? "" }
      : { _tag: "RequisitionRejected" as const, requisition: next }
    yield* emit([{ event, entities: entitiesOf(next) }])
    return next
  }))

/**
 * Submits a draft requisition for approval.
 *
 * @since 0.1.0
 */
export const submit = (id: string): Effect.Effect<Requisition, ChangeError, Env> =>
  change(id, "draft", "submit", (r) => Effect.succeed({ next: { ...r, status: "submitted" as const } }))

/**
 * Approves a submitted requisition when the current actor's limit covers its amount (see {@link ApprovalPolicy}).
 *
 * @since 0.1.0
 */
export const approve = (id: string): Effect.Effect<Requisition, ChangeError | Approval.ApprovalDenied, Env> =>
  change(id, "submitted", "approve", (r, now) =>
    Effect.gen(function*() {
      const policy = yield* ApprovalPolicy
      const actor = yield* CurrentActor
      const allowed = yield* Approval.authorize(policy, r.amount, { createdBy: r.requestedBy })
      return { next: { ...r, status: "approved" as const, decidedBy: actor.actorId, decidedAt: now }, role: allowed.role }
    }))

/**
 * Rejects a submitted requisition. Any actor whose roles carry an approval limit may reject.
 *
 * @since 0.1.0
 */
export const reject = (id: string, reason?: string): Effect.Effect<Requisition, ChangeError | Approval.ApprovalDenied, Env> =>
  change(id, "submitted", "reject", (r, now) =>
    Effect.gen(function*() {
      const policy = yield* ApprovalPolicy
      const actor = yield* CurrentActor
      yield* Approval.authorize(policy, BigDecimal.fromBigInt(0n))
      return { next: { ...r, status: "rejected" as const, decidedBy: actor.actorId, decidedAt: now, decisionReason: reason ?? null } }
    }))

/**
 * How to turn an approved requisition into a purchase order: the supplier and ship-to location, and per
 * requisition line (by `lineNo`) a price or promised date that overrides its estimate or wanted date.
 *
 * @since 0.1.0
 */
export const Conversion = Schema.Struct({
  purchaseOrderId: Schema.optionalKey(PurchaseOrderId),
  supplierId: NewPurchaseOrder.fields.supplierId,
  supplierName: NewPurchaseOrder.fields.supplierName,
  shipToId: NewPurchaseOrder.fields.shipToId,
  tolerancePercent: Schema.optionalKey(Quantity.InputSchema),
  lines: Schema.optionalKey(Schema.Array(Schema.Struct({
    lineNo: Schema.Int,
    unitPrice: Schema.optionalKey(Quantity.InputSchema),
    expectedAt: Schema.optionalKey(TimeInput)
  })))
})
/** @since 0.1.0 */
export type Conversion = typeof Conversion.Encoded

const decodeConversion = decode("convertRequisition", Conversion)

/** Errors of {@link convert}. @since 0.1.0 */
export type ConvertError = ChangeError | PurchaseOrders.CreateError

/**
 * Converts an approved requisition into a draft purchase order, atomically: the order is created and the
 * requisition marked `converted`. Each line needs a price (the override, else the estimate) and a promised
 * date (the override, else the wanted date).
 *
 * @since 0.1.0
 */
export const convert = (id: string, conversion: Conversion): Effect.Effect<{ readonly requisition: Requisition; readonly purchaseOrder: PurchaseOrder }, ConvertError | UnknownLocation, Env> =>
  Effect.gen(function*() {
    const c = yield* decodeConversion(conversion)
    const orderId = c.purchaseOrderId ?? (yield* (yield* IdGenerator).next)
    let order: PurchaseOrder | undefined
    const requisition = yield* change(id, "approved", "convert", (r) =>
      Effect.gen(function*() {
        const overrides = new Map((c.lines ?? []).map((l) => [l.lineNo, l]))
        const items = yield* loadItems(r.tenantId, r.lines.map((l) => l.itemId))
        const lines: Array<(typeof NewPurchaseOrder.Type)["lines"][number]> = []
        for (const line of r.lines) {
          const o = overrides.get(line.lineNo)
          const unitPrice = o?.unitPrice ?? line.estimatedUnitPrice
          const expectedAt = o?.expectedAt ?? line.wantedAt
          const field = `lines[${line.lineNo - 1}]`
          if (unitPrice === null) return yield* new InvalidDocument({ field: `${field}.unitPrice`, reason: "has no price and no estimate" })
          if (expectedAt === null) return yield* new InvalidDocument({ field: `${field}.expectedAt`, reason: "has no promised date and no wanted date" })
          // The requisition holds smallest base units; the order reads a decimal in the base unit, exactly.
          const quantity = Quantity.formatUnits(line.quantity, items.get(line.itemId)!.baseUnit.decimals)
          lines.push({ itemId: line.itemId, quantity, unitPrice, expectedAt })
        }
        const input: typeof NewPurchaseOrder.Type = {
          supplierId: c.supplierId,
          supplierName: c.supplierName,
          shipToId: c.shipToId,
          ...(c.tolerancePercent === undefined ? {} : { tolerancePercent: c.tolerancePercent }),
          lines
        }
        order = yield* Effect.flatMap(PurchaseOrders.build(input, orderId, r.id), PurchaseOrders.insert)
        return { next: { ...r, status: "converted" as const, purchaseOrderId: orderId } }
      }))
    return { requisition, purchaseOrder: order! }
  })

/**
 * A requisition by id.
 *
 * @since 0.1.0
 */
export const get = (id: string): Effect.Effect<Requisition, UnknownRequisition | StoreError, ProcurementStore | CurrentActor> =>
  Effect.flatMap(Effect.service(CurrentActor), (actor) => loadRequisition(actor.tenantId, id))

/**
 * Requisitions ordered by id, a page at a time.
 *
 * @since 0.1.0
 */
export const list = (
  filter: { readonly status?: RequisitionStatus; readonly afterId?: string; readonly limit?: number } = {}
): Effect.Effect<ReadonlyArray<Requisition>, StoreError, ProcurementStore | CurrentActor> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const f: RequisitionFilter = {
      limit: Math.min(Math.max(filter.limit ?? 100, 1), 1000),
      ...(filter.status === undefined ? {} : { status: filter.status }),
      ...(filter.afterId === undefined ? {} : { afterId: filter.afterId as RequisitionId })
    }
    return yield* (yield* ProcurementStore).listRequisitions(actor.tenantId, f)
  })

/**
 * Cost adjustments: corrections of a receipt's unit cost, and landed costs (freight, duty) allocated to
 * receipts. Both revalue what they touch in one unit of work with their events, and both leave closed periods
 * alone: what a closed period already consumed posts as cost of goods sold in the open period.
 *
 * @since 0.1.0
 */
import { type BigDecimal, Effect, Schema } from "effect"
import * as Catalog from "./Catalog.ts"
import { CatalogStore } from "./CatalogStore.ts"
import { emit } from "./EventLog.ts"
import type { ItemId, MovementId, TenantId } from "./Ids.ts"
import { decode } from "./InputError.ts"
import { context, openTime, revalue, revalueAndReport } from "./internal/valuationContext.ts"
import * as Events from "./internal/valuationEvents.ts"
import { LedgerStore } from "./LedgerStore.ts"
import { holdsStock } from "./Location.ts"
import * as Money from "./Money.ts"
import { type Movement, TimeInput } from "./Movement.ts"
import * as Quantity from "./Quantity.ts"
import { transaction } from "./UnitOfWork.ts"
import { InvalidValuation, UnknownReceipt } from "./ValuationError.ts"
import type { Adjustment } from "./ValuationRecord.ts"
import { CAPITALIZE_SEQ, type Position } from "./ValuationState.ts"
import type { Env, Error } from "./Valuations.ts"
import { ValuationStore } from "./ValuationStore.ts"

const receiptOf = (tenantId: TenantId, movementId: string) =>
  Effect.gen(function*() {
    const found = (yield* (yield* LedgerStore).getMovements(tenantId, [movementId as MovementId])).get(movementId as MovementId)
    if (found === undefined) return yield* new UnknownReceipt({ movementId, reason: "is not a recorded movement" })
    const locations = yield* (yield* CatalogStore).getLocations(tenantId, [found.fromLocationId, found.toLocationId])
    const from = locations.get(found.fromLocationId)
    const to = locations.get(found.toLocationId)
    if (from === undefined || to === undefined || holdsStock(from.usage) || !holdsStock(to.usage)) {
      return yield* new UnknownReceipt({ movementId, reason: "is not a receipt: it does not bring goods into stock" })
    }
    return found
  })

/** The unit cost a receipt is valued at now: its latest correction, else its own. */
const currentCost = (m: Movement, adjustments: ReadonlyArray<Adjustment>): BigDecimal.BigDecimal | null => {
  let cost = m.unitCost
  for (const a of adjustments) if (a.receiptId === m.id && a.unitCost !== null) cost = a.unitCost
  return cost
}

const sameAdjustments = (a: ReadonlyArray<Adjustment>, b: ReadonlyArray<Adjustment>): boolean =>
  a.length === b.length &&
  a.every((x, i) => {
    const y = b[i]!
    return x.itemId === y.itemId && x.kind === y.kind && x.receiptId === y.receiptId && x.reference === y.reference &&
      (x.unitCost === null ? y.unitCost === null : y.unitCost !== null && Quantity.equals(x.unitCost, y.unitCost)) &&
      x.allocations.length === y.allocations.length &&
      x.allocations.every((p, k) => p.receiptId === y.allocations[k]!.receiptId && p.amount === y.allocations[k]!.amount)
  })

/** Input to {@link correctCost}. @since 0.1.0 */
export const CorrectCostInput = Schema.Struct({
  id: Schema.String,
  movementId: Schema.String,
  unitCost: Quantity.InputSchema,
  effectiveAt: Schema.optionalKey(TimeInput)
})

/**
 * Corrects a receipt's unit cost (an invoice price that differs from the order, or a receipt posted without a
 * cost). In the open period the item is revalued from the receipt on. When the receipt lies in a closed period,
 * its closed figures stay: the difference posts at `effectiveAt` (now by default) as a cost adjustment, the
 * share still on hand to the layers and the share already issued to cost of goods sold. Idempotent by `id`.
 *
 * @since 0.1.0
 */
export const correctCost = (input: typeof CorrectCostInput.Encoded): Effect.Effect<Adjustment, Error, Env> =>
  Effect.gen(function*() {
    const fields = yield* decode("correctCost", CorrectCostInput)(input)
    const unitCost = yield* Effect.fromResult(Quantity.parse(fields.unitCost, "unitCost"))
    if (unitCost.value < 0n) return yield* new InvalidValuation({ field: "unitCost", reason: "must not be negative" })
    return yield* transaction(Effect.gen(function*() {
      const ctx = yield* context("share")
      const store = yield* ValuationStore
      const receipt = yield* receiptOf(ctx.tenantId, fields.movementId)
      const item = yield* Catalog.getItem(receipt.itemId)
      const lock = ctx.settings.lockDate
      const closed = lock !== null && receipt.effectiveAt.epochMilliseconds < lock.epochMilliseconds
      const effectiveAt = closed ? fields.effectiveAt ?? ctx.now : receipt.effectiveAt
      if (closed) yield* openTime(ctx, "effectiveAt", effectiveAt)
      const previous = yield* store.adjustments(ctx.tenantId, { itemIds: [item.id] })
      const current = currentCost(receipt, previous)
      const amount = Money.extend(unitCost, receipt.quantity, item.baseUnit.decimals, ctx.settings.currencyScale) -
        (current === null ? 0n : Money.extend(current, receipt.quantity, item.baseUnit.decimals, ctx.settings.currencyScale))
      const adjustment: Adjustment = {
        tenantId: ctx.tenantId,
        itemId: item.id,
        id: fields.id,
        kind: closed ? "cost-correction" : "cost-override",
        effectiveAt,
        recordedAt: ctx.now,
        actorId: ctx.actorId,
        receiptId: receipt.id,
        unitCost,
        allocations: closed ? [{ receiptId: receipt.id, quantity: receipt.quantity, amount }] : [],
        reference: null
      }
      const same = previous.filter((a) => a.id === fields.id)
      if (same.length > 0) {
        if (same[0]!.receiptId === receipt.id && same[0]!.unitCost !== null && Quantity.equals(same[0]!.unitCost, unitCost)) return same[0]!
        return yield* Events.conflict(fields.id)
      }
      yield* Events.unusedId(ctx.tenantId, fields.id)
      // Bring the item up to date first, so the revaluation reported is the correction's own. When this very
      // receipt lacks its cost, that is what the correction is for: nothing was written, so carry on.
      yield* revalueAndReport(ctx, [item.id], "backdated-movement").pipe(
        Effect.catchIf((e) => e._tag === "MissingUnitCost" && e.movementId === receipt.id, () => Effect.void)
      )
      yield* store.addAdjustments(ctx.tenantId, [adjustment])
      const position: Position = closed
        ? { at: effectiveAt.epochMilliseconds, seq: CAPITALIZE_SEQ, id: adjustment.id }
        : { at: receipt.effectiveAt.epochMilliseconds, seq: receipt.seq, id: receipt.id }
      yield* store.markDirty(ctx.tenantId, [{ itemId: item.id, from: position, through: position }])
      const changes = yield* revalue(ctx, [item.id])
      // One revaluation event per correction: in the open period, what changed in figures already recorded;
      // for a closed period, the adjustment it posted in the open one.
      const own = changes.find((c) => c.item.id === item.id)
      let cogs = own?.cogs ?? 0n
      let value = own?.value ?? 0n
      if (closed) {
        cogs = 0n
        value = 0n
        for (const e of own?.written.forStep(adjustment.id) ?? []) {
          cogs += e.cogs
          value += e.value
        }
      }
      const scale = ctx.settings.currencyScale
      yield* emit([
        {
          event: {
            _tag: "InventoryRevalued",
            itemId: item.id,
            cause: "cost-correction",
            from: effectiveAt,
            issues: closed ? 0 : own?.issues ?? 0,
            cogs: Money.toDecimal(cogs, scale),
            value: Money.toDecimal(value, scale)
          },
          entities: [{ type: "item", id: item.id }, { type: "movement", id: receipt.id }, { type: "cost-adjustment", id: adjustment.id }]
        },
        ...Events.changes(changes, scale, null)
      ])
      return adjustment
    }))
  })

/** Input to {@link addLandedCost}. @since 0.1.0 */
export const LandedCostInput = Schema.Struct({
  id: Schema.String,
  amount: Quantity.InputSchema,
  basis: Schema.Literals(["quantity", "value", "weight"]),
  receipts: Schema.Array(Schema.Struct({ movementId: Schema.String, weight: Schema.optionalKey(Quantity.InputSchema) })).pipe(Schema.check(Schema.isMinLength(1))),
  effectiveAt: Schema.optionalKey(TimeInput),
  reference: Schema.optionalKey(Schema.String)
})

/**
 * Allocates a landed cost (freight, duty) to receipts by quantity, value or weight, exactly (largest
 * remainder). At `effectiveAt` (now by default) each receipt's share joins what is left of its layers; the
 * share already issued posts to cost of goods sold. Idempotent by `id`.
 *
 * @since 0.1.0
 */
export const addLandedCost = (input: typeof LandedCostInput.Encoded): Effect.Effect<ReadonlyArray<Adjustment>, Error, Env> =>
  Effect.gen(function*() {
    const fields = yield* decode("addLandedCost", LandedCostInput)(input)
    return yield* transaction(Effect.gen(function*() {
      const ctx = yield* context("share")
      const store = yield* ValuationStore
      const effectiveAt = fields.effectiveAt ?? ctx.now
      yield* openTime(ctx, "effectiveAt", effectiveAt)
      const scale = ctx.settings.currencyScale
      const amount = yield* Effect.fromResult(Money.parse(fields.amount, scale, "amount"))
      const receipts: Array<Movement> = []
      for (const r of fields.receipts) receipts.push(yield* receiptOf(ctx.tenantId, r.movementId))
      const itemIds = [...new Set(receipts.map((r) => r.itemId))].sort()
      const items = yield* (yield* CatalogStore).getItems(ctx.tenantId, itemIds)
      const previous = yield* store.adjustments(ctx.tenantId, { itemIds })
      const weights: Array<bigint> = []
      for (let i = 0; i < receipts.length; i++) {
        const r = receipts[i]!
        if (fields.basis === "quantity") weights.push(r.quantity)
        else if (fields.basis === "value") {
          const cost = currentCost(r, previous)
          weights.push(cost === null ? 0n : Money.extend(cost, r.quantity, items.get(r.itemId)!.baseUnit.decimals, scale))
        } else {
          const field = `receipts[${i}].weight`
          const w = fields.receipts[i]!.weight
          if (w === undefined) return yield* new InvalidValuation({ field, reason: "is required to allocate by weight" })
          weights.push(Events.weight(yield* Effect.fromResult(Quantity.parse(w, field))))
        }
      }
      if (weights.some((w) => w < 0n) || weights.every((w) => w === 0n) || new Set(receipts.map((r) => r.id)).size !== receipts.length) {
        return yield* new InvalidValuation({ field: "receipts", reason: `must name different receipts with a positive total ${fields.basis}` })
      }
      const shares = Money.allocate(amount, weights)
      const rows: Array<Adjustment> = itemIds.map((itemId) => ({
        tenantId: ctx.tenantId,
        itemId: itemId as ItemId,
        id: fields.id,
        kind: "landed-cost",
        effectiveAt,
        recordedAt: ctx.now,
        actorId: ctx.actorId,
        receiptId: null,
        unitCost: null,
        allocations: receipts.flatMap((r, i) => (r.itemId === itemId ? [{ receiptId: r.id, quantity: r.quantity, amount: shares[i]! }] : [])),
        reference: fields.reference ?? null
      }))
      const same = previous.filter((a) => a.id === fields.id)
      if (same.length > 0) {
        if (sameAdjustments(same, rows)) return same
        return yield* Events.conflict(fields.id)
      }
      yield* Events.unusedId(ctx.tenantId, fields.id)
      yield* revalueAndReport(ctx, itemIds as Array<ItemId>, "backdated-movement")
      yield* store.addAdjustments(ctx.tenantId, rows)
      const position: Position = { at: effectiveAt.epochMilliseconds, seq: CAPITALIZE_SEQ, id: fields.id }
      yield* store.markDirty(ctx.tenantId, itemIds.map((itemId) => ({ itemId: itemId as ItemId, from: position, through: position })))
      const changes = yield* revalue(ctx, itemIds as Array<ItemId>)
      yield* emit([
        Events.landedCost(fields.id, effectiveAt, fields.basis, amount, fields.reference ?? null, receipts, shares, changes, scale),
        ...Events.changes(changes, scale, "landed-cost")
      ])
      return rows
    }))
  })

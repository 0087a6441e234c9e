// Domain events of the valuation commands, built from what revaluing changed. Amounts leave as decimals.
import { type BigDecimal, DateTime, Effect } from "effect"
import type { DomainEvent, EntityRef } from "../DomainEvent.ts"
import type { TenantId } from "../Ids.ts"
import type { Item } from "../Item.ts"
import { IdempotencyConflict } from "../LedgerError.ts"
import * as Money from "../Money.ts"
import type { Movement } from "../Movement.ts"
import type { StoreError } from "../StoreError.ts"
import type { Entry } from "../ValuationState.ts"
import { ValuationStore } from "../ValuationStore.ts"
import type { ItemChange } from "./revalue.ts"

type Revalued = Extract<DomainEvent, { readonly _tag: "InventoryRevalued" }>
export type Cause = Revalued["cause"] | ((item: Item) => Revalued["cause"]) | null

interface Emitted {
  readonly event: DomainEvent
  readonly entities: ReadonlyArray<EntityRef>
}

/** Revaluation events (unless `cause` is null) and true-up events for what revaluing changed. */
export const changes = (changes: ReadonlyArray<ItemChange>, scale: number, cause: Cause): Array<Emitted> => {
  const out: Array<Emitted> = []
  for (const c of changes) {
    const item = { type: "item", id: c.item.id }
    if (cause !== null && c.from !== null && (c.cogs !== 0n || c.value !== 0n || c.issues > 0)) {
      out.push({
        event: {
          _tag: "InventoryRevalued",
          itemId: c.item.id,
          cause: typeof cause === "function" ? cause(c.item) : cause,
          from: DateTime.makeUnsafe(c.from.at),
          issues: c.issues,
          cogs: Money.toDecimal(c.cogs, scale),
          value: Money.toDecimal(c.value, scale)
        },
        entities: [item]
      })
    }
    const byReceipt = new Map<string, Array<Entry>>()
    for (const e of c.trueUps) {
      const list = byReceipt.get(e.step)
      if (list === undefined) byReceipt.set(e.step, [e])
      else list.push(e)
    }
    for (const [receiptId, entries] of byReceipt) {
      out.push({
        event: {
          _tag: "CostTrueUp",
          itemId: c.item.id,
          receiptId,
          effectiveAt: DateTime.makeUnsafe(entries[0]!.at),
          trueUps: entries.map((e) => ({
            issueId: e.movementId ?? "",
            provisional: Money.toDecimal(-e.provisional, scale),
            actual: Money.toDecimal(-e.provisional - e.value, scale),
            difference: Money.toDecimal(-e.value, scale)
          }))
        },
        entities: [item, { type: "movement", id: receiptId }, ...entries.map((e) => ({ type: "movement", id: e.movementId ?? "" }))]
      })
    }
  }
  return out
}

/** The landed cost event: each receipt's share, split into what joined the layers and what was already issued. */
export const landedCost = (
  id: string,
  effectiveAt: DateTime.Utc,
  basis: "quantity" | "value" | "weight",
  amount: bigint,
  reference: string | null,
  receipts: ReadonlyArray<Movement>,
  shares: ReadonlyArray<bigint>,
  changes: ReadonlyArray<ItemChange>,
  scale: number
): Emitted => {
  const parts = new Map<string, { onHand: bigint; consumed: bigint }>()
  for (const c of changes) {
    for (const e of c.written.forStep(id)) {
      if (e.movementId === null) continue
      const part = parts.get(e.movementId) ?? { onHand: 0n, consumed: 0n }
      part.onHand += e.value
      part.consumed += e.cogs
      parts.set(e.movementId, part)
    }
  }
  return {
    event: {
      _tag: "LandedCostAllocated",
      landedCostId: id,
      effectiveAt,
      basis,
      amount: Money.toDecimal(amount, scale),
      reference,
      allocations: receipts.map((r, i) => ({
        itemId: r.itemId,
        receiptId: r.id,
        amount: Money.toDecimal(shares[i]!, scale),
        onHand: Money.toDecimal(parts.get(r.id)?.onHand ?? 0n, scale),
        consumed: Money.toDecimal(parts.get(r.id)?.consumed ?? 0n, scale)
      }))
    },
    entities: [{ type: "landed-cost", id }, ...[...new Set(receipts.map((r) => r.itemId))].map((itemId) => ({ type: "item", id: itemId })), ...receipts.map((r) => ({ type: "movement", id: r.id }))]
  }
}

export const conflict = (id: string): Effect.Effect<never, IdempotencyConflict> =>
  Effect.fail(new IdempotencyConflict({ entity: "cost adjustment", id, reason: "with different content" }))

/** Fails when any adjustment already uses the id. */
export const unusedId = (tenantId: TenantId, id: string): Effect.Effect<void, IdempotencyConflict | StoreError, ValuationStore> =>
  Effect.flatMap(Effect.service(ValuationStore), (store) =>
    Effect.flatMap(store.adjustments(tenantId, { ids: [id] }), (found) => (found.length === 0 ? Effect.void : conflict(id))))

/** A decimal weight as an integer: scaled to 18 decimals, so decimal weights allocate exactly. */
export const weight = (d: BigDecimal.BigDecimal): bigint =>
  d.scale <= 18 ? d.value * 10n ** BigInt(18 - d.scale) : d.value / 10n ** BigInt(d.scale - 18)

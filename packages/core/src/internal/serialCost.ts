// The cost of a serial that becomes an asset: from the valuation where it knows one, else from the serial's
// receipt. Used by `AssetLedger.capitalise`.
import { Effect } from "effect"
import { CurrentActor } from "../CurrentActor.ts"
import type { ItemId } from "../Ids.ts"
import type { Item } from "../Item.ts"
import { LedgerStore } from "../LedgerStore.ts"
import * as Money from "../Money.ts"
import type { Movement } from "../Movement.ts"
import { ValuationStore } from "../ValuationStore.ts"
import { isAveraged } from "./methods.ts"

/**
 * The receipt that brought the serial into stock: the last movement naming it with a unit cost (a receipt or
 * a positive adjustment).
 */
const receiptOf = (itemId: ItemId, serial: string) =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor
    const ledger = yield* LedgerStore
    let found: Movement | null = null
    let afterSeq = 0
    for (;;) {
      const page = yield* ledger.movements(tenantId, { itemId }, { afterSeq, limit: 1000 })
      for (const m of page) if (m.unitCost !== null && m.serials.includes(serial)) found = m
      if (page.length < 1000) return found
      afterSeq = page[page.length - 1]!.seq
    }
  })

/**
 * The value of the serial (one base unit) in minor units: from the valuation (its own layer under specific
 * identification, the pool's average under average methods, its receipt's layer under FIFO and LIFO), else
 * from its receipt's unit cost; null when neither knows.
 */
export const serialCost = (item: Item, serial: string, scale: number) =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor
    const unit = 10n ** BigInt(item.baseUnit.decimals)
    const receipt = yield* receiptOf(item.id, serial)
    const head = (yield* (yield* ValuationStore).heads(tenantId, [item.id])).get(item.id)
    for (const pool of head?.state.pools ?? []) {
      const layer = pool.layers.find((l) => l.serial === serial) ??
        (receipt === null ? undefined : pool.layers.find((l) => l.receiptId === receipt.id))
      if (layer === undefined) continue
      if (isAveraged(item.valuationMethod)) return pool.quantity > 0n ? Money.divide(pool.value * unit, pool.quantity) : null
      if (layer.quantity > 0n) return Money.divide(layer.value * unit, layer.quantity)
    }
    return receipt?.unitCost == null ? null : Money.extend(receipt.unitCost, unit, item.baseUnit.decimals, scale)
  })


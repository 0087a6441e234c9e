// What a posting asks of valuation: refusing closed periods, and marking the items it moved for revaluation.
import { DateTime, Effect } from "effect"
import type { CurrentActor } from "../CurrentActor.ts"
import type { ItemId } from "../Ids.ts"
import type { Movement } from "../Movement.ts"
import type { StoreError } from "../StoreError.ts"
import { PeriodClosed } from "../ValuationError.ts"
import type { DirtyMark } from "../ValuationRecord.ts"
import { ValuationStore } from "../ValuationStore.ts"

// Periods before the lock date are closed. The settings stay held (shared) to the end of the unit of work, so
// a concurrent period close waits for this posting instead of closing under it.
export const refuseClosed = (tenantId: CurrentActor["Service"]["tenantId"], movements: ReadonlyArray<Movement>): Effect.Effect<void, PeriodClosed | StoreError, ValuationStore> =>
  Effect.gen(function*() {
    const { lockDate } = yield* (yield* ValuationStore).getSettings(tenantId, "share")
    if (lockDate === null) return
    const lock = lockDate.epochMilliseconds
    for (let i = 0; i < movements.length; i++) {
      const at = movements[i]!.effectiveAt
      if (at.epochMilliseconds < lock) {
        return yield* new PeriodClosed({ field: `lines[${i}].effectiveAt`, effectiveAt: DateTime.formatIso(at), lockDate: DateTime.formatIso(lockDate) })
      }
    }
  })

// Marks each item for revaluation over the span of positions (effective time, seq, id) this posting added.
// A posting usually moves each item once: then the span is one position, shared by both ends.
export const markValuation = (tenantId: CurrentActor["Service"]["tenantId"], stored: ReadonlyArray<Movement>): Effect.Effect<void, StoreError, ValuationStore> => {
  const spans = new Map<ItemId, Span>()
  const before = (a: Movement, b: Movement) =>
    a.effectiveAt.epochMilliseconds !== b.effectiveAt.epochMilliseconds ? a.effectiveAt.epochMilliseconds < b.effectiveAt.epochMilliseconds : a.seq < b.seq
  for (const m of stored) {
    const span = spans.get(m.itemId)
    if (span === undefined) spans.set(m.itemId, { first: m, last: m })
    else {
      if (before(m, span.first)) span.first = m
      if (before(span.last, m)) span.last = m
    }
  }
  const position = (m: Movement) => ({ at: m.effectiveAt.epochMilliseconds, seq: m.seq, id: m.id })
  const marks = new Array<DirtyMark>(spans.size)
  let i = 0
  for (const [itemId, { first, last }] of spans) {
    const from = position(first)
    marks[i++] = { itemId, from, through: first === last ? from : position(last) }
  }
  return Effect.flatMap(Effect.service(ValuationStore), (store) => store.markDirty(tenantId, marks))
}

interface Span {
  first: Movement
  last: Movement
}

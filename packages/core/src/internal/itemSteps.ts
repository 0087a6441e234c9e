// An item's steps after a position, for a run: its movements as the ledger lists them (recording order), put in
// position order as the run reads them, merged with its method changes, capitalized adjustments and period ends.
import { type BigDecimal, DateTime, Effect } from "effect"
import type { TenantId } from "../Ids.ts"
import type { Item } from "../Item.ts"
import { LedgerStore } from "../LedgerStore.ts"
import type { Movement } from "../Movement.ts"
import type { StoreError } from "../StoreError.ts"
import type * as Valuation from "../Valuation.ts"
import { makeStep, sortSteps } from "../ValuationEvent.ts"
import type { Adjustment, MethodChange, Period } from "../ValuationRecord.ts"
import { CAPITALIZE_SEQ, compare, METHOD_SEQ, PERIOD_END_SEQ, type Position, type Step } from "../ValuationState.ts"
import * as MovementSteps from "./movementSteps.ts"
import type { StepSource } from "./run.ts"

/**
 * Movements read from the ledger a page at a time: 8,192, as a larger array of references is allocated in V8's
 * large-object space (fresh memory each time: 50,000-row pages cost about 3 ms per 100,000 movements read).
 */
const PAGE = 8192

/**
 * An item's steps positioned after `after` (all when null) and at or before `until` (epoch milliseconds; no
 * bound when null), in position order: its movements, method changes, capitalized adjustments and period ends.
 * The movements are converted one at a time as the run asks for them, into one reused step, so a long run holds
 * no step it has applied.
 */
export const stepsAfter = (
  tenantId: TenantId,
  item: Item,
  config: Valuation.Config,
  periods: ReadonlyArray<Period>,
  schedule: ReadonlyArray<MethodChange>,
  adjustments: ReadonlyArray<Adjustment>,
  sites: ReadonlyMap<string, Valuation.Site>,
  after: Position | null,
  until: number | null
): Effect.Effect<StepSource, StoreError, LedgerStore> =>
  Effect.gen(function*() {
    const ledger = yield* LedgerStore
    const inside = (p: Position) => (after === null || compare(p, after) > 0) && (until === null || p.at <= until)
    const movementInside = (m: Movement) => {
      const at = m.effectiveAt.epochMilliseconds
      if (until !== null && at > until) return false
      if (after === null || at > after.at) return true
      return at === after.at && (m.seq > after.seq || (m.seq === after.seq && m.id > after.id))
    }
    const pages: Array<ReadonlyArray<Movement>> = []
    const filter = {
      itemId: item.id,
      ...(after === null ? {} : { effectiveFrom: DateTime.makeUnsafe(after.at) }),
      ...(until === null ? {} : { effectiveTo: DateTime.makeUnsafe(until) })
    }
    for (let afterSeq = 0; ;) {
      const page = yield* ledger.movements(tenantId, filter, { afterSeq, limit: PAGE })
      pages.push(after === null && until === null ? page : page.filter(movementInside))
      if (page.length < PAGE) break
      afterSeq = page[page.length - 1]!.seq
    }
    // The ledger lists in recording order: a backdated movement is out of effective order.
    const movements = inPositionOrder(pages)
    const overrides = new Map<string, BigDecimal.BigDecimal>()
    for (const a of adjustments) if (a.kind === "cost-override" && a.receiptId !== null && a.unitCost !== null) overrides.set(a.receiptId, a.unitCost)
    const extras: Array<Step> = []
    for (const c of schedule.slice(1)) {
      const at = c.effectiveAt.epochMilliseconds
      if (inside({ at, seq: METHOD_SEQ, id: c.id })) extras.push(makeStep({ kind: "method", id: c.id, at, seq: METHOD_SEQ, method: c.method }))
    }
    for (const a of adjustments) {
      if (a.kind === "cost-override") continue
      const at = a.effectiveAt.epochMilliseconds
      if (inside({ at, seq: CAPITALIZE_SEQ, id: a.id })) {
        extras.push(makeStep({ kind: "capitalize", id: a.id, at, seq: CAPITALIZE_SEQ, allocations: a.allocations, cause: a.kind === "landed-cost" ? "landed-cost" : "cost-adjustment" }))
      }
    }
    for (const p of periods) {
      const at = p.end.epochMilliseconds
      if (inside({ at, seq: PERIOD_END_SEQ, id: p.id })) extras.push(makeStep({ kind: "period-end", id: p.id, at, seq: PERIOD_END_SEQ }))
    }
    sortSteps(extras)
    const convert = MovementSteps.converter(config, sites, overrides.size === 0 ? undefined : overrides, true)
    // Movements and the other steps merged by position, handed out in order (the run asks for them in order).
    let x = 0
    let movement = movements.next()
    return {
      length: movements.length + extras.length,
      reused: true,
      get: () => {
        const extra = extras[x]
        if (extra !== undefined && (movement === undefined || compare(extra, { at: movement.effectiveAt.epochMilliseconds, seq: movement.seq, id: movement.id }) < 0)) {
          x++
          return extra
        }
        const current = movement
        movement = movements.next()
        return current === undefined ? null : convert(current)
      }
    }
  })

/**
 * The movements of the pages (in recording order) in position order, one at a time. Nearly all come in order
 * already (a backdated posting is the exception): the run in order is read where it lies, and the few out of it
 * are sorted and merged back in as it goes, so a long history is never copied.
 */
const inPositionOrder = (pages: ReadonlyArray<ReadonlyArray<Movement>>): { readonly length: number; readonly next: () => Movement | undefined } => {
  let length = 0
  const late: Array<Movement> = []
  // Flat indices of the late ones, ascending: the in-order walk skips them.
  const skip: Array<number> = []
  let last: Movement | undefined
  for (const page of pages) {
    for (const m of page) {
      if (last === undefined || byPosition(last, m) < 0) last = m
      else {
        late.push(m)
        skip.push(length)
      }
      length++
    }
  }
  // A long run out of order (say, history recorded late) would leave most in `late`: sort it all, then.
  if (late.length * 8 > length) {
    const all = pages.flat().sort(byPosition)
    let i = 0
    return { length, next: () => all[i++] }
  }
  late.sort(byPosition)
  let page = 0
  let i = 0
  let flat = 0
  let s = 0
  let l = 0
  return {
    length,
    next: () => {
      let kept: Movement | undefined
      for (;;) {
        const list = pages[page]
        if (list === undefined) break
        if (i >= list.length) {
          page++
          i = 0
          continue
        }
        if (flat === skip[s]) {
          s++
          i++
          flat++
          continue
        }
        kept = list[i]
        break
      }
      const before = late[l]
      if (before !== undefined && (kept === undefined || byPosition(before, kept) < 0)) {
        l++
        return before
      }
      if (kept !== undefined) {
        i++
        flat++
      }
      return kept
    }
  }
}

const byPosition = (a: Movement, b: Movement): number => {
  const x = a.effectiveAt.epochMilliseconds
  const y = b.effectiveAt.epochMilliseconds
  return x !== y ? x - y : a.seq !== b.seq ? a.seq - b.seq : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

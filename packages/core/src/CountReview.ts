/**
 * Reviewing and approving cycle counts: variances per cell, approval by the session's policy, and the
 * count-accuracy KPI.
 *
 * Approval is one unit of work: it checks that every cell whose variance exceeds the recount rule was counted
 * again, checks the approver's limit ({@link Approval.check}) against the sum of absolute variance values and
 * the largest cell percentage (a count the approver created or counted in is their own document), posts one
 * adjustment per cell with a variance through {@link StockLedger.post} (to or from the session's loss location,
 * with the gain or loss reason, referencing the session), stores the outcome and emits the event. Any failure
 * leaves everything as it was.
 *
 * @since 0.1.0
 */
import { BigDecimal, DateTime, Effect } from "effect"
import * as Approval from "./Approval.ts"
import type { CellNotInScope, CountSessionState } from "./CountError.ts"
import { NothingCounted, RecountRequired, UnknownCountSession } from "./CountError.ts"
import type { CountCell, CountItem, CountResult, CountSession } from "./CountSession.ts"
import { CountStore } from "./CountStore.ts"
import * as CountVariance from "./CountVariance.ts"
import { CurrentActor } from "./CurrentActor.ts"
import type * as CycleCounts from "./CycleCounts.ts"
import { emit } from "./EventLog.ts"
import { IdGenerator } from "./IdGenerator.ts"
import { foundTwice, relocateReason, serialLines } from "./internal/countSerials.ts"
import { open } from "./internal/countSession.ts"
import * as Money from "./Money.ts"
import type { MovementInput } from "./Movement.ts"
import * as Quantity from "./Quantity.ts"
import * as StockLedger from "./StockLedger.ts"
import type { StoreError } from "./StoreError.ts"
import { transaction } from "./UnitOfWork.ts"

/**
 * A cell's variance as decimals: quantities in the item's base unit, value in money, percentage of the book.
 *
 * @since 0.1.0
 */
export interface VarianceRow {
  readonly itemId: string
  readonly locationId: string
  readonly lot: string | null
  readonly expected: BigDecimal.BigDecimal
  readonly counted: BigDecimal.BigDecimal | null
  readonly onHand: BigDecimal.BigDecimal | null
  readonly variance: BigDecimal.BigDecimal
  readonly value: BigDecimal.BigDecimal
  readonly percentage: BigDecimal.BigDecimal
  readonly counts: number
  readonly recountRequired: boolean
  readonly withinTolerance: boolean
  readonly valued: boolean
  /** Serials the book held in the cell that were not found (serial-tracked items). */
  readonly missingSerials: ReadonlyArray<string>
  /** Serials found in the cell that the book had elsewhere or nowhere (serial-tracked items). */
  readonly unexpectedSerials: ReadonlyArray<string>
}

/**
 * A session's variances and totals: the sum of absolute values and the net value (money), the largest
 * absolute percentage, and the cells that need a recount.
 *
 * @since 0.1.0
 */
export interface VarianceReport {
  readonly sessionId: string
  readonly rows: ReadonlyArray<VarianceRow>
  readonly counted: number
  readonly absoluteValue: BigDecimal.BigDecimal
  readonly netValue: BigDecimal.BigDecimal
  readonly maxPercentage: BigDecimal.BigDecimal
  readonly recounts: number
}

const itemsOf = (session: CountSession): ReadonlyMap<string, CountItem> => new Map(session.items.map((i) => [i.itemId, i]))

const rowsOf = (session: CountSession, cells: ReadonlyArray<CountCell>) => {
  const items = itemsOf(session)
  return cells.map((c) => {
    const item = items.get(c.itemId) ?? { itemId: c.itemId, decimals: 0, rate: null, rateSource: "none" as const }
    return { raw: CountVariance.row(session, item, c), item }
  })
}

const load = (sessionId: string) =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const session = yield* (yield* CountStore).getSession(actor.tenantId, sessionId as CountSession["id"])
    if (session === undefined) return yield* new UnknownCountSession({ sessionId })
    return { session, cells: yield* (yield* CountStore).cells(actor.tenantId, session.id) }
  })

/**
 * The variances of a session: for supervisors, not for counters (it shows the book quantities).
 *
 * @since 0.1.0
 */
export const variances = (sessionId: string): Effect.Effect<VarianceReport, UnknownCountSession | StoreError, CountStore | CurrentActor> =>
  Effect.gen(function*() {
    const { cells, session } = yield* load(sessionId)
    const rows = rowsOf(session, cells)
    const totals = CountVariance.totals(rows.map((r) => r.raw))
    const q = (n: bigint, d: number) => Quantity.fromUnits(n, d)
    return {
      sessionId: session.id,
      rows: rows.map(({ item, raw }) => ({
        itemId: raw.itemId,
        locationId: raw.locationId,
        lot: raw.lot,
        expected: q(raw.expected, item.decimals),
        counted: raw.counted === null ? null : q(raw.counted, item.decimals),
        onHand: raw.onHand === null ? null : q(raw.onHand, item.decimals),
        variance: q(raw.variance, item.decimals),
        value: Money.toDecimal(raw.value, session.currencyScale),
        percentage: raw.percentage,
        counts: raw.counts,
        recountRequired: raw.recountRequired,
        withinTolerance: raw.withinTolerance,
        valued: item.rate !== null,
        missingSerials: raw.missing,
        unexpectedSerials: raw.unexpected
      })),
      counted: totals.counted,
      absoluteValue: Money.toDecimal(totals.absoluteValue, session.currencyScale),
      netValue: Money.toDecimal(totals.netValue, session.currencyScale),
      maxPercentage: totals.maxPercentage,
      recounts: rows.filter((r) => r.raw.recountRequired).length
    }
  })

/** Errors of {@link approve}. @since 0.1.0 */
/** The reason code of a serial found where the book did not have it, moved to where it was found. @since 0.1.0 */
export { relocateReason }

export type ApproveError =
  | CycleCounts.CommonError
  | NothingCounted
  | RecountRequired
  | Approval.ApprovalDenied
  | CellNotInScope
  | CountSessionState
  | StockLedger.PostError

/**
 * Approves a counting session: posts its adjustments and closes it, atomically.
 *
 * @since 0.1.0
 */
export const approve = (sessionId: string): Effect.Effect<CountSession, ApproveError, CycleCounts.Env> =>
  transaction(Effect.gen(function*() {
    const actor = yield* CurrentActor
    const session = yield* open(sessionId, "counting", "approve")
    const store = yield* CountStore
    const cells = yield* store.cells(actor.tenantId, session.id)
    const rows = rowsOf(session, cells)
    const totals = CountVariance.totals(rows.map((r) => r.raw))
    if (totals.counted === 0) return yield* new NothingCounted({ sessionId: session.id })
    const recounts = [...rows.filter((r) => r.raw.recountRequired), ...foundTwice(rows)]
    if (recounts.length > 0) {
      return yield* new RecountRequired({ sessionId: session.id, cells: recounts.map(({ raw }) => ({ itemId: raw.itemId, locationId: raw.locationId, lot: raw.lot })) })
    }
    const own = session.createdBy === actor.actorId || cells.some((c) => c.counts.some((e) => e.countedBy === actor.actorId))
    const approved = yield* Approval.authorize(session.policy, Money.toDecimal(totals.absoluteValue, session.currencyScale), {
      percentage: totals.maxPercentage,
      createdBy: own ? actor.actorId : session.createdBy
    })
    const ids = yield* IdGenerator
    const now = yield* DateTime.now
    const lines: Array<MovementInput> = []
    for (const { item, raw } of rows) {
      if (raw.counted === null || raw.variance === 0n || raw.bySerial) continue
      const gain = raw.variance > 0n
      lines.push({
        id: yield* ids.next,
        itemId: raw.itemId,
        from: gain ? session.adjustmentLocationId : raw.locationId,
        to: gain ? raw.locationId : session.adjustmentLocationId,
        quantity: Quantity.fromUnits(gain ? raw.variance : -raw.variance, item.decimals),
        ...(raw.lot === null ? {} : { lot: raw.lot }),
        ...(gain && item.rate !== null ? { unitCost: Money.unitCost(item.rate, item.decimals, session.currencyScale) } : {}),
        effectiveAt: DateTime.toEpochMillis(now),
        reasonCode: gain ? session.gainReason : session.lossReason,
        reference: session.id
      })
    }
    lines.push(...(yield* serialLines(session, rows.filter((r) => r.raw.bySerial && r.raw.gross > 0n), DateTime.toEpochMillis(now))))
    const posted = lines.length === 0 ? [] : (yield* StockLedger.post(lines)).movements
    const adjusted = cells.map((c, i) => ({ ...c, adjustment: rows[i]!.raw.counted === null ? null : rows[i]!.raw.variance }))
    yield* store.putCells(actor.tenantId, session.id, adjusted)
    const result: CountResult = {
      cells: totals.cells,
      counted: totals.counted,
      exact: totals.exact,
      withinTolerance: totals.withinTolerance,
      absoluteValue: totals.absoluteValue,
      netValue: totals.netValue,
      adjustments: posted.length
    }
    const next: CountSession = {
      ...session,
      status: "approved",
      approvedAt: now,
      approvedBy: actor.actorId,
      approvedRole: approved.role,
      result,
      updatedAt: now,
      version: session.version + 1
    }
    yield* store.putSession(next)
    yield* emit([{
      event: { _tag: "CountSessionApproved", session: next, role: approved.role, movementIds: posted.map((m) => m.id) },
      entities: [{ type: "count-session", id: session.id }, ...posted.map((m) => ({ type: "movement", id: m.id }))]
    }])
    return next
  }))

/**
 * Count accuracy: of the counted cells, the share with no variance (`exactShare`) and within the tolerance
 * (`toleranceShare`), in percent rounded to two decimals (null when nothing was counted), and the sum of
 * absolute variance values.
 *
 * @since 0.1.0
 */
export interface Accuracy {
  readonly sessions: number
  readonly counted: number
  readonly exact: number
  readonly withinTolerance: number
  readonly exactShare: BigDecimal.BigDecimal | null
  readonly toleranceShare: BigDecimal.BigDecimal | null
  readonly absoluteValue: BigDecimal.BigDecimal
}

const share = (part: number, whole: number): BigDecimal.BigDecimal | null =>
  whole === 0 ? null : BigDecimal.normalize(BigDecimal.make(Money.divide(BigInt(part) * 10_000n, BigInt(whole)), 2))

/**
 * The accuracy of one session, from its counts so far (or its outcome once approved).
 *
 * @since 0.1.0
 */
export const accuracy = (sessionId: string): Effect.Effect<Accuracy, UnknownCountSession | StoreError, CountStore | CurrentActor> =>
  Effect.gen(function*() {
    const { cells, session } = yield* load(sessionId)
    const t = CountVariance.totals(rowsOf(session, cells).map((r) => r.raw))
    return {
      sessions: 1,
      counted: t.counted,
      exact: t.exact,
      withinTolerance: t.withinTolerance,
      exactShare: share(t.exact, t.counted),
      toleranceShare: share(t.withinTolerance, t.counted),
      absoluteValue: Money.toDecimal(t.absoluteValue, session.currencyScale)
    }
  })

/**
 * The accuracy over the sessions approved in [`from`, `to`). Values add up at the tenant's currency scale of
 * each session (they share one scale unless it was reconfigured).
 *
 * @since 0.1.0
 */
export const accuracyOver = (
  period: { readonly from: DateTime.Utc; readonly to: DateTime.Utc }
): Effect.Effect<Accuracy, StoreError, CountStore | CurrentActor> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const store = yield* CountStore
    let sessions = 0, counted = 0, exact = 0, withinTolerance = 0
    let value = 0n
    let scale = 2
    let afterId: CountSession["id"] | undefined
    while (true) {
      const page = yield* store.listSessions(actor.tenantId, { status: "approved", approvedFrom: period.from, approvedTo: period.to, limit: 500, ...(afterId === undefined ? {} : { afterId }) })
      for (const s of page) {
        if (s.result === null) continue
        sessions++
        counted += s.result.counted
        exact += s.result.exact
        withinTolerance += s.result.withinTolerance
        value += s.result.absoluteValue
        scale = s.currencyScale
      }
      if (page.length < 500) break
      afterId = page[page.length - 1]!.id
    }
    return {
      sessions,
      counted,
      exact,
      withinTolerance,
      exactShare: share(exact, counted),
      toleranceShare: share(withinTolerance, counted),
      absoluteValue: Money.toDecimal(value, scale)
    }
  })

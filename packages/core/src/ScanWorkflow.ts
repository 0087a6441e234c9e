/**
 * The scan workflow: turns scans from the devices into stock ledger postings, one mode per run.
 *
 * - **receive**: each item or lot scan posts one base unit from the configured supplier (or receiving)
 *   location into the destination: the last location scanned on that device, else the configured one.
 * - **putAway**: items, lots and serials are scanned, then a destination bin; the bin scan moves the batch
 *   out of the configured receiving location.
 * - **move**: a source location, then items, lots and serials, then a destination location.
 * - **count**: a location, then what is found there. Nothing is posted: each location's tally per item and
 *   lot is emitted as a {@link Counted} outcome when the next location is scanned (the same one again just
 *   closes it) or when the events end, for a cycle-count session to consume.
 *
 * Each scan counts one base unit; a serial scan moves that serial. A serial- or lot-tracked item must be
 * scanned by its serial or lot, not by its GTIN or SKU. Each device has its own state, so several operators
 * can scan at once.
 *
 * Reads of the same code from the same device closer than `duplicateWindow` to its previous read are dropped.
 * Times come from the events, which their adapter stamps with its `Clock`, never from the wall clock here. A
 * code that names nothing or several things, a scan out of sequence, or a posting the ledger refuses yields a
 * {@link Rejected} outcome and changes nothing. Only storage failures and device failures end the stream.
 *
 * The rules are pure ({@link admit}, {@link step}, {@link close}); {@link runOn} drives them with the
 * {@link IdentifierResolver} and {@link StockLedger.post}.
 *
 * @since 0.1.0
 */
import { BigDecimal, DateTime, Duration, Effect, Result, Stream } from "effect"
import { CurrentActor } from "./CurrentActor.ts"
import { codeOf, type DeviceEvent, deviceOf } from "./DeviceEvent.ts"
import { DeviceEvents } from "./DeviceEvents.ts"
import type { ItemMatch, LotMatch, Match, SerialMatch } from "./Identifier.ts"
import { IdentifierResolver } from "./IdentifierResolver.ts"
import { scanRecordId } from "./internal/scanIds.ts"
import type { ItemId, LocationId } from "./Ids.ts"
import type { MovementInput } from "./Movement.ts"
import type { Counted, Rejected, Rejection, ScanOutcome, TallyLine } from "./ScanOutcome.ts"
import { type DeviceFailure, type ResolveError, UnexpectedScan } from "./ScanError.ts"
import * as StockLedger from "./StockLedger.ts"
import type { StoreError } from "./StoreError.ts"

/**
 * What a run does with its scans, and its options. Location ids are checked when a posting uses them.
 *
 * @since 0.1.0
 */
export type Config = Options & (
  | { readonly mode: "receive"; readonly from: string; readonly to?: string }
  | { readonly mode: "putAway"; readonly from: string }
  | { readonly mode: "move" }
  | { readonly mode: "count" }
)

/**
 * Options of every mode. `duplicateWindow` defaults to one second (zero turns suppression off);
 * `reference` is recorded on every movement posted.
 *
 * @since 0.1.0
 */
export interface Options {
  readonly duplicateWindow?: Duration.Input
  readonly reference?: string
}

/**
 * A line of a batch or tally: scans of one item and lot, one base unit each.
 *
 * @since 0.1.0
 */
export interface Line {
  readonly itemId: ItemId
  readonly lot: string | null
  readonly serials: ReadonlyArray<string>
  readonly quantity: bigint
}

/**
 * A count in progress at a location.
 *
 * @since 0.1.0
 */
export interface Tally {
  readonly locationId: LocationId
  readonly startedAt: DateTime.Utc
  readonly lastScanAt: DateTime.Utc
  readonly lines: ReadonlyArray<Line>
}

/**
 * One device's state: its recent reads (code → epoch millis), the location it scanned (destination when
 * receiving, source when moving), the batch it is building and the count it has open.
 *
 * @since 0.1.0
 */
export interface DeviceSession {
  readonly recent: ReadonlyMap<string, number>
  readonly location: LocationId | null
  readonly batch: ReadonlyArray<Line>
  readonly tally: Tally | null
}

/**
 * The state of a run: one session per device, in the order the devices were first seen.
 *
 * @since 0.1.0
 */
export interface Session {
  readonly devices: ReadonlyMap<string, DeviceSession>
}

/**
 * A scan and what its code resolved to.
 *
 * @since 0.1.0
 */
export interface Scan {
  readonly event: DeviceEvent
  readonly result: Result.Result<Match, ResolveError>
}

/**
 * A posting that a step asks for: the batch's lines from one location to another, at the scan's time.
 *
 * @since 0.1.0
 */
export interface Batch {
  readonly from: string
  readonly to: string
  readonly lines: ReadonlyArray<Line>
  readonly at: DateTime.Utc
}

/**
 * The result of a step: the next session, its outcomes, and a posting to make (whose own outcome follows).
 *
 * @since 0.1.0
 */
export interface Step {
  readonly session: Session
  readonly outcomes: ReadonlyArray<ScanOutcome>
  readonly post: Batch | null
}

/**
 * The services a run needs.
 *
 * @since 0.1.0
 */
export type Env = IdentifierResolver | StockLedger.Env

/** A run before its first scan. @since 0.1.0 */
export const empty: Session = { devices: new Map() }

const idle: DeviceSession = { recent: new Map(), location: null, batch: [], tally: null }

const withDevice = (session: Session, deviceId: string, state: DeviceSession): Session =>
  ({ devices: new Map(session.devices).set(deviceId, state) })

/**
 * Records a read and says whether it is new: `false` when the device read the same code less than
 * `windowMillis` before (or claims a time before its previous read). Each read restarts the window, so a tag
 * that stays in a reader's field is read once.
 *
 * @since 0.1.0
 */
export const admit = (session: Session, event: DeviceEvent, windowMillis: number): readonly [Session, boolean] => {
  if (!(windowMillis > 0)) return [session, true]
  const deviceId = deviceOf(event)
  const code = codeOf(event)
  const at = DateTime.toEpochMillis(event.at)
  const state = session.devices.get(deviceId) ?? idle
  const last = state.recent.get(code)
  const fresh = last === undefined || at - last >= windowMillis
  // Forget reads whose window has passed, so the map holds only what could still repeat.
  const recent = new Map<string, number>()
  for (const [c, seen] of state.recent) if (at - seen < windowMillis) recent.set(c, seen)
  recent.set(code, last === undefined ? at : Math.max(at, last))
  return [withDevice(session, deviceId, { ...state, recent }), fresh]
}

type Goods = ItemMatch | LotMatch | SerialMatch

const lotOf = (match: Goods): string | null => (match._tag === "Lot" ? match.lot : null)

const add = (lines: ReadonlyArray<Line>, match: Goods): ReadonlyArray<Line> => {
  const lot = lotOf(match)
  const serials = match._tag === "Serial" ? [match.serial] : []
  const i = lines.findIndex((l) => l.itemId === match.itemId && l.lot === lot)
  if (i < 0) return [...lines, { itemId: match.itemId, lot, serials, quantity: 1n }]
  const line = lines[i]!
  return lines.with(i, { ...line, serials: [...line.serials, ...serials], quantity: line.quantity + 1n })
}

const holdsSerial = (lines: ReadonlyArray<Line>, match: SerialMatch): boolean =>
  lines.some((l) => l.itemId === match.itemId && l.serials.includes(match.serial))

const tallyLine = (line: Line): TallyLine => ({
  itemId: line.itemId,
  lot: line.lot,
  serials: line.serials,
  quantity: BigDecimal.fromBigInt(line.quantity)
})

const counted = (deviceId: string, tally: Tally): Counted => ({
  _tag: "Counted",
  tally: { deviceId, locationId: tally.locationId, startedAt: tally.startedAt, lastScanAt: tally.lastScanAt, lines: tally.lines.map(tallyLine) }
})

/**
 * Applies one resolved scan to the session. Pure: a posting is returned in `post`, not made.
 *
 * @since 0.1.0
 */
export const step = (config: Config, session: Session, scan: Scan): Step => {
  const deviceId = deviceOf(scan.event)
  const code = codeOf(scan.event)
  const meta = { deviceId, code, at: scan.event.at }
  const state = session.devices.get(deviceId) ?? idle
  const reject = (error: Rejection): Step => ({ session, outcomes: [rejected(meta, error)], post: null })
  const unexpected = (reason: string) => reject(new UnexpectedScan({ code, reason }))
  const next = (s: DeviceSession, outcomes: ReadonlyArray<ScanOutcome>, post: Batch | null = null): Step =>
    ({ session: withDevice(session, deviceId, s), outcomes, post })
  const location = (locationId: LocationId, role: "source" | "destination" | "count"): ScanOutcome =>
    ({ _tag: "LocationScanned", ...meta, locationId, role })
  const batch = (s: DeviceSession, match: Goods): Step => {
    if (match._tag === "Serial" && holdsSerial(s.batch, match)) return unexpected(`serial ${JSON.stringify(match.serial)} is already in the batch`)
    return next({ ...s, batch: add(s.batch, match) }, [{ _tag: "ItemScanned", ...meta, match }])
  }
  const notAt = (match: SerialMatch, where: string) =>
    unexpected(`serial ${JSON.stringify(match.serial)} is at ${JSON.stringify(match.locationId)}, not at ${where} ${JSON.stringify(state.location ?? "")}`)

  if (Result.isFailure(scan.result)) return reject(scan.result.failure)
  const match = scan.result.success
  if (match._tag === "Item" && match.tracking !== "none") {
    return unexpected(`item ${JSON.stringify(match.itemId)} is ${match.tracking}-tracked: scan its ${match.tracking === "lot" ? "lot code" : "serial"}`)
  }

  switch (config.mode) {
    case "receive": {
      if (match._tag === "Location") return next({ ...state, location: match.locationId }, [location(match.locationId, "destination")])
      if (match._tag === "Serial") return unexpected(`serial ${JSON.stringify(match.serial)} is already in stock at ${JSON.stringify(match.locationId)}`)
      const to = state.location ?? config.to
      if (to === undefined) return unexpected("scan the destination location first")
      return next(state, [], { from: config.from, to, lines: add([], match), at: meta.at })
    }
    case "putAway": {
      if (match._tag === "Location") {
        if (state.batch.length === 0) return unexpected("scan the items to put away before their destination")
        if (match.locationId === config.from) return unexpected("the destination is the receiving location")
        return next({ ...state, batch: [] }, [], { from: config.from, to: match.locationId, lines: state.batch, at: meta.at })
      }
      if (match._tag === "Serial" && match.locationId !== config.from) {
        return unexpected(`serial ${JSON.stringify(match.serial)} is at ${JSON.stringify(match.locationId)}, not at the receiving location ${JSON.stringify(config.from)}`)
      }
      return batch(state, match)
    }
    case "move": {
      if (match._tag === "Location") {
        if (state.location === null || state.batch.length === 0) return next({ ...state, location: match.locationId }, [location(match.locationId, "source")])
        if (match.locationId === state.location) return unexpected("the destination is the source location")
        return next({ ...state, location: null, batch: [] }, [], { from: state.location, to: match.locationId, lines: state.batch, at: meta.at })
      }
      if (state.location === null) return unexpected("scan the source location first")
      if (match._tag === "Serial" && match.locationId !== state.location) return notAt(match, "the source location")
      return batch(state, match)
    }
    case "count": {
      if (match._tag === "Location") {
        const closed = state.tally === null ? [] : [counted(deviceId, state.tally)]
        if (state.tally?.locationId === match.locationId) return next({ ...state, tally: null }, closed)
        const tally: Tally = { locationId: match.locationId, startedAt: meta.at, lastScanAt: meta.at, lines: [] }
        return next({ ...state, tally }, [...closed, location(match.locationId, "count")])
      }
      const tally = state.tally
      if (tally === null) return unexpected("scan the location to count first")
      if (match._tag === "Serial" && holdsSerial(tally.lines, match)) return unexpected(`serial ${JSON.stringify(match.serial)} is already counted`)
      const lines = add(tally.lines, match)
      const line = lines.find((l) => l.itemId === match.itemId && l.lot === lotOf(match))!
      return next(
        { ...state, tally: { ...tally, lastScanAt: meta.at, lines } },
        [{ _tag: "Tallied", ...meta, locationId: tally.locationId, line: tallyLine(line) }]
      )
    }
  }
}

/**
 * Closes the counts still open when the events end, device by device.
 *
 * @since 0.1.0
 */
export const close = (session: Session): Array<ScanOutcome> =>
  [...session.devices].flatMap(([deviceId, s]) => (s.tally === null ? [] : [counted(deviceId, s.tally)]))

const rejected = (meta: { readonly deviceId: string; readonly code: string; readonly at: DateTime.Utc }, error: Rejection): Rejected =>
  ({ _tag: "Rejected", ...meta, error })

const isStoreError = (e: { readonly _tag: string }): e is StoreError => e._tag === "StoreError"

// Domain failures become values; storage failures stay failures, because retrying the scan cannot fix them.
const settle = <A, E extends { readonly _tag: string }, R>(
  effect: Effect.Effect<A, E, R>
): Effect.Effect<Result.Result<A, Exclude<E, StoreError>>, StoreError, R> =>
  Effect.flatMap(Effect.result(effect), (r) =>
    Result.isFailure(r) && isStoreError(r.failure) ? Effect.fail(r.failure) : Effect.succeed(r as Result.Result<A, Exclude<E, StoreError>>))

const post = (batch: Batch, reference: string | undefined, scan: { readonly deviceId: string; readonly code: string; readonly at: DateTime.Utc }) =>
  Effect.gen(function*() {
    const lines: Array<MovementInput> = []
    for (const [i, l] of batch.lines.entries()) {
      lines.push({
        id: scanRecordId("mv", scan, i),
        itemId: l.itemId,
        from: batch.from,
        to: batch.to,
        quantity: l.quantity.toString(),
        effectiveAt: DateTime.toEpochMillis(batch.at),
        ...(l.lot === null ? {} : { lot: l.lot }),
        ...(l.serials.length === 0 ? {} : { serials: l.serials }),
        ...(reference === undefined ? {} : { reference })
      })
    }
    return yield* StockLedger.post(lines)
  })

const DEFAULT_WINDOW: Duration.Input = "1 second"

const handle = (config: Config, windowMillis: number) =>
(session: Session, event: DeviceEvent): Effect.Effect<readonly [Session, ReadonlyArray<ScanOutcome>], StoreError, Env> =>
  Effect.gen(function*() {
    const [admitted, fresh] = admit(session, event, windowMillis)
    if (!fresh) return [admitted, []] as const
    const actor = yield* CurrentActor
    const resolver = yield* IdentifierResolver
    const result = yield* settle(resolver.identify(actor.tenantId, codeOf(event)))
    const next = step(config, admitted, { event, result })
    if (next.post === null) return [next.session, next.outcomes] as const
    const meta = { deviceId: deviceOf(event), code: codeOf(event), at: event.at }
    const posted = yield* settle(post(next.post, config.reference, meta))
    const outcome: ScanOutcome = Result.isSuccess(posted)
      ? { _tag: "Posted", ...meta, movements: posted.success.movements }
      : rejected(meta, posted.failure)
    return [next.session, [...next.outcomes, outcome]] as const
  })

/**
 * Runs the workflow over a stream of device events, one outcome stream for all devices. Open counts are
 * closed when the events end.
 *
 * @since 0.1.0
 */
export const runOn = <E, R>(
  events: Stream.Stream<DeviceEvent, E, R>,
  config: Config
): Stream.Stream<ScanOutcome, E | StoreError, R | Env> =>
  Stream.mapAccumEffect(events, () => empty, handle(config, Duration.toMillis(config.duplicateWindow ?? DEFAULT_WINDOW)), {
    onHalt: close
  })

/**
 * Runs the workflow over the events of {@link DeviceEvents}.
 *
 * @since 0.1.0
 */
export const run = (config: Config): Stream.Stream<ScanOutcome, DeviceFailure | StoreError, DeviceEvents | Env> =>
  Stream.unwrap(Effect.map(Effect.service(DeviceEvents), (devices) => runOn(devices.events, config)))

/**
 * Licence commands and reports: create, update, renew, assign and unassign seats, and the compliance report.
 *
 * Every command runs in one unit of work with its domain event. A licence that enforces compliance refuses
 * any change that would leave more seats assigned than it has ({@link SeatsExceeded}), and changes nothing;
 * one that does not enforce it accepts the change and shows up over-allocated in {@link complianceReport}.
 *
 * @since 0.1.0
 */
import { type BigDecimal, DateTime, Effect } from "effect"
import type { AssetDisposed, UnknownAsset } from "./AssetError.ts"
import { CurrentActor } from "./CurrentActor.ts"
import { emit, type EventLog } from "./EventLog.ts"
import type { IdGenerator } from "./IdGenerator.ts"
import type { LicenceId } from "./Ids.ts"
import { decode, InvalidInput } from "./InputError.ts"
import { amount, optionalAmount, sum } from "./internal/amount.ts"
import { checkAssets } from "./internal/assetRefs.ts"
import { dateOf } from "./internal/calendar.ts"
import {
  Assignee,
  type Assignment,
  type Compliance,
  compliance,
  describe,
  fits,
  type Licence,
  LicenceInput,
  LicenceUpdate,
  RenewalInput
} from "./Licence.ts"
import { AlreadyAssigned, DuplicateLicence, NotAssigned, SeatBasisMismatch, SeatsExceeded, UnknownLicence } from "./LicenceError.ts"
import { type LicenceFilter, LicenceStore } from "./LicenceStore.ts"
import type { ConcurrentModification, StoreError } from "./StoreError.ts"
import { transaction, type UnitOfWork } from "./UnitOfWork.ts"

/** The services licence commands need. @since 0.1.0 */
export type Env = LicenceStore | EventLog | UnitOfWork | CurrentActor | IdGenerator

/** Every way a licence command can fail. None of them changes anything. @since 0.1.0 */
export type Error =
  | InvalidInput
  | UnknownLicence
  | DuplicateLicence
  | SeatsExceeded
  | SeatBasisMismatch
  | AlreadyAssigned
  | NotAssigned
  | UnknownAsset
  | AssetDisposed
  | ConcurrentModification
  | StoreError

const entity = (id: string) => [{ type: "licence", id }]

const load = (id: string) =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor
    const licence = (yield* (yield* LicenceStore).get(tenantId, [id as LicenceId])).get(id as LicenceId)
    if (licence === undefined) return yield* new UnknownLicence({ licenceId: id })
    return licence
  })

// Inside a unit of work: locks the licence first, so seat counts and seat changes do not race.
const loadLocked = (id: string) =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor
    yield* (yield* LicenceStore).lock(tenantId, id as LicenceId)
    return yield* load(id)
  })

const assignedCount = (licence: Licence) =>
  Effect.map(Effect.flatMap(Effect.service(LicenceStore), (s) => s.countAssigned(licence.tenantId, [licence.id])), (m) => m.get(licence.id) ?? 0)

// A change that lowers seats below what is assigned is refused only where compliance is enforced.
const checkSeats = (licence: Licence) =>
  Effect.gen(function*() {
    if (!licence.complianceEnforced) return
    const assigned = yield* assignedCount(licence)
    if (assigned > licence.seats) return yield* new SeatsExceeded({ licenceId: licence.id, seats: licence.seats, assigned })
  })

/**
 * Creates a licence.
 *
 * @since 0.1.0
 */
export const create = (input: LicenceInput): Effect.Effect<Licence, Error, Env> =>
  Effect.gen(function*() {
    const i = yield* decode("createLicence", LicenceInput)(input)
    const costPerSeat = yield* amount("createLicence", "costPerSeat", i.costPerSeat)
    const actor = yield* CurrentActor
    const now = yield* DateTime.now
    return yield* transaction(Effect.gen(function*() {
      const store = yield* LicenceStore
      if ((yield* store.get(actor.tenantId, [i.id])).size > 0) return yield* new DuplicateLicence({ licenceId: i.id })
      const licence: Licence = {
        id: i.id,
        tenantId: actor.tenantId,
        product: i.product,
        vendor: i.vendor ?? null,
        seats: i.seats,
        seatBasis: i.seatBasis,
        costPerSeat,
        purchasedOn: i.purchasedOn ?? null,
        renewalOn: i.renewalOn ?? null,
        expiresOn: i.expiresOn ?? null,
        complianceEnforced: i.complianceEnforced ?? false,
        version: 1,
        createdAt: now,
        updatedAt: now
      }
      yield* store.put([licence])
      yield* emit([{ event: { _tag: "LicenceCreated", licence }, entities: entity(licence.id) }])
      return licence
    }))
  })

/**
 * Changes a licence's fields. Lowering seats below the assigned count is refused under enforced compliance.
 *
 * @since 0.1.0
 */
export const update = (id: string, patch: LicenceUpdate): Effect.Effect<Licence, Error, Env> =>
  Effect.gen(function*() {
    const p = yield* decode("updateLicence", LicenceUpdate)(patch)
    const costPerSeat = yield* optionalAmount("updateLicence", "costPerSeat", p.costPerSeat)
    const now = yield* DateTime.now
    return yield* transaction(Effect.gen(function*() {
      const before = yield* loadLocked(id)
      const { costPerSeat: _, ...rest } = p
      const next: Licence = {
        ...before,
        ...rest,
        ...(costPerSeat === undefined ? {} : { costPerSeat }),
        version: before.version + 1,
        updatedAt: now
      }
      yield* checkSeats(next)
      yield* (yield* LicenceStore).put([next])
      yield* emit([{ event: { _tag: "LicenceUpdated", licence: next, changed: Object.keys(p).sort() }, entities: entity(id) }])
      return next
    }))
  })

/**
 * Renews a licence: a new expiry (after the current one), and optionally new seats, cost per seat and next
 * renewal date.
 *
 * @since 0.1.0
 */
export const renew = (id: string, input: RenewalInput): Effect.Effect<Licence, Error, Env> =>
  Effect.gen(function*() {
    const r = yield* decode("renewLicence", RenewalInput)(input)
    const costPerSeat = yield* optionalAmount("renewLicence", "costPerSeat", r.costPerSeat)
    const now = yield* DateTime.now
    return yield* transaction(Effect.gen(function*() {
      const before = yield* loadLocked(id)
      if (before.expiresOn !== null && r.expiresOn <= before.expiresOn) {
        return yield* new InvalidInput({ operation: "renewLicence", field: "expiresOn", reason: `must be after the current expiry ${before.expiresOn}` })
      }
      const next: Licence = {
        ...before,
        expiresOn: r.expiresOn,
        ...(r.seats === undefined ? {} : { seats: r.seats }),
        ...(costPerSeat === undefined ? {} : { costPerSeat }),
        ...(r.renewalOn === undefined ? {} : { renewalOn: r.renewalOn }),
        version: before.version + 1,
        updatedAt: now
      }
      yield* checkSeats(next)
      yield* (yield* LicenceStore).put([next])
      yield* emit([{ event: { _tag: "LicenceRenewed", licence: next, previousExpiresOn: before.expiresOn }, entities: entity(id) }])
      return next
    }))
  })

const decodeAssignee = decode("assignSeat", Assignee)

/**
 * Assigns a seat to a person (per-user licences) or a device (per-device licences, by asset id; with the asset
 * register provided, the asset must exist and not be disposed of).
 *
 * @since 0.1.0
 */
export const assign = (id: string, assignee: typeof Assignee.Encoded): Effect.Effect<Assignment, Error, Env> =>
  Effect.gen(function*() {
    const a = yield* decodeAssignee(assignee)
    const actor = yield* CurrentActor
    const now = yield* DateTime.now
    return yield* transaction(Effect.gen(function*() {
      const licence = yield* loadLocked(id)
      if (!fits(licence.seatBasis, a)) return yield* new SeatBasisMismatch({ licenceId: id, basis: licence.seatBasis, assignee: describe(a) })
      if (a.kind === "device") yield* checkAssets(licence.tenantId, [a.id], "assign a licence seat to")
      const store = yield* LicenceStore
      const assigned = yield* assignedCount(licence)
      const assignment: Assignment = { tenantId: actor.tenantId, licenceId: licence.id, assignee: a, assignedAt: now, actorId: actor.actorId }
      if (!(yield* store.assign(assignment))) return yield* new AlreadyAssigned({ licenceId: id, assignee: describe(a) })
      if (licence.complianceEnforced && assigned + 1 > licence.seats) {
        return yield* new SeatsExceeded({ licenceId: id, seats: licence.seats, assigned: assigned + 1 })
      }
      yield* emit([{
        event: { _tag: "LicenceSeatAssigned", assignment, assigned: assigned + 1, seats: licence.seats },
        entities: [...entity(id), { type: a.kind === "device" ? "asset" : "person", id: a.id }]
      }])
      return assignment
    }))
  })

/**
 * Frees the seat an assignee holds.
 *
 * @since 0.1.0
 */
export const unassign = (id: string, assignee: typeof Assignee.Encoded): Effect.Effect<void, Error, Env> =>
  Effect.gen(function*() {
    const a = yield* decodeAssignee(assignee)
    yield* transaction(Effect.gen(function*() {
      const licence = yield* load(id)
      if (!(yield* (yield* LicenceStore).unassign(licence.tenantId, licence.id, a))) {
        return yield* new NotAssigned({ licenceId: id, assignee: describe(a) })
      }
      yield* emit([{
        event: { _tag: "LicenceSeatUnassigned", licenceId: licence.id, assignee: a },
        entities: [...entity(id), { type: a.kind === "device" ? "asset" : "person", id: a.id }]
      }])
    }))
  })

/**
 * A licence by id.
 *
 * @since 0.1.0
 */
export const get = (id: string): Effect.Effect<Licence, UnknownLicence | StoreError, LicenceStore | CurrentActor> => load(id)

/**
 * A licence's seat assignments, oldest first.
 *
 * @since 0.1.0
 */
export const assignments = (id: string): Effect.Effect<ReadonlyArray<Assignment>, UnknownLicence | StoreError, LicenceStore | CurrentActor> =>
  Effect.flatMap(load(id), (l) => Effect.flatMap(Effect.service(LicenceStore), (s) => s.assignments(l.tenantId, l.id)))

/**
 * Licences ordered by id, a page at a time (pass the last id as `afterId`).
 *
 * @since 0.1.0
 */
export const list = (
  filter: { readonly afterId?: string; readonly limit?: number; readonly datedBy?: string } = {}
): Effect.Effect<ReadonlyArray<Licence>, StoreError, LicenceStore | CurrentActor> =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor
    const f: LicenceFilter = {
      limit: Math.min(Math.max(filter.limit ?? 100, 1), 1000),
      ...(filter.afterId === undefined ? {} : { afterId: filter.afterId as LicenceId }),
      ...(filter.datedBy === undefined ? {} : { datedBy: filter.datedBy })
    }
    return yield* (yield* LicenceStore).list(tenantId, f)
  })

/**
 * The compliance report: every licence with its assigned seats and status, as of today (from `Clock`), and
 * the exact totals of what the licences cost, what unused seats cost and what over-allocation would cost.
 *
 * @since 0.1.0
 */
export const complianceReport: Effect.Effect<{
  readonly rows: ReadonlyArray<Compliance>
  readonly totalCost: BigDecimal.BigDecimal
  readonly unusedCost: BigDecimal.BigDecimal
  readonly shortfallCost: BigDecimal.BigDecimal
}, StoreError, LicenceStore | CurrentActor> = Effect.gen(function*() {
  const { tenantId } = yield* CurrentActor
  const store = yield* LicenceStore
  const today = dateOf(yield* DateTime.now)
  const rows: Array<Compliance> = []
  let afterId: LicenceId | undefined
  for (;;) {
    const page = yield* store.list(tenantId, { limit: 500, ...(afterId === undefined ? {} : { afterId }) })
    if (page.length === 0) break
    const counts = yield* store.countAssigned(tenantId, page.map((l) => l.id))
    for (const l of page) rows.push(compliance(l, counts.get(l.id) ?? 0, today))
    afterId = page[page.length - 1]!.id
  }
  return {
    rows,
    totalCost: sum(rows.map((r) => r.totalCost)),
    unusedCost: sum(rows.map((r) => r.unusedCost)),
    shortfallCost: sum(rows.map((r) => r.shortfallCost))
  }
})

/**
 * Physical asset audits: start a session for a location (or its subtree), record scanned tags, read the
 * result (found, missing, unexpected) at any time, and finish: missing assets are reported `missing`, and
 * scanned assets that were lost or missing are `found`.
 *
 * The expected assets are frozen when the session starts: those whose stock location is in scope and that
 * are in stock, in maintenance or retired, plus deployed assets checked out to a location in scope. Assets
 * deployed to a person or away for repair are not expected anywhere.
 *
 * @since 0.1.0
 */
import { DateTime, Effect, Schema } from "effect"
import type { Asset } from "./Asset.ts"
import { type AuditResult, type AuditScan, type AuditSession, compare } from "./AssetAudit.ts"
import { AuditFinished, type InvalidTransition, UnknownAudit } from "./AssetError.ts"
import { AssetStore } from "./AssetStore.ts"
import type { UnknownLocation } from "./CatalogError.ts"
import { CurrentActor } from "./CurrentActor.ts"
import { emit, type EventLog } from "./EventLog.ts"
import { IdGenerator } from "./IdGenerator.ts"
import type { AssetId, LocationId } from "./Ids.ts"
import { decode, type InvalidInput } from "./InputError.ts"
import { applyAction, type Emitted, ref, save } from "./internal/assets.ts"
import * as Locations from "./Locations.ts"
import type { CatalogStore } from "./CatalogStore.ts"
import type { ConcurrentModification, StoreError } from "./StoreError.ts"
import { transaction, type UnitOfWork } from "./UnitOfWork.ts"

/** The services audit commands need. @since 0.1.0 */
export type Env = AssetStore | CatalogStore | EventLog | UnitOfWork | CurrentActor | IdGenerator

/** The input of {@link start}. @since 0.1.0 */
export const StartInput = Schema.Struct({
  locationId: Schema.String,
  includeSubtree: Schema.optionalKey(Schema.Boolean),
  id: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isMinLength(1))))
})
/** @since 0.1.0 */
export type StartInput = typeof StartInput.Encoded

const decodeStart = decode("startAssetAudit", StartInput)
const decodeTags = decode("scanAssetAudit", Schema.Array(Schema.String.pipe(Schema.check(Schema.isMinLength(1)))).pipe(Schema.check(Schema.isMinLength(1))))

const onShelf: ReadonlyArray<Asset["status"]> = ["inStock", "inMaintenance", "retired"]

const allPages = (tenantId: Asset["tenantId"], filter: { readonly status: ReadonlyArray<Asset["status"]>; readonly locationIds?: ReadonlyArray<LocationId> }) =>
  Effect.gen(function*() {
    const store = yield* AssetStore
    const out: Array<Asset> = []
    let afterId: AssetId | undefined
    for (;;) {
      const page = yield* store.list(tenantId, { ...filter, limit: 1000, ...(afterId === undefined ? {} : { afterId }) })
      out.push(...page)
      if (page.length < 1000) return out
      afterId = page[page.length - 1]!.id
    }
  })

/**
 * Starts an audit of a location (with its subtree when `includeSubtree`), freezing the expected assets.
 *
 * @since 0.1.0
 */
export const start = (input: StartInput): Effect.Effect<AuditSession, InvalidInput | UnknownLocation | ConcurrentModification | StoreError, Env> =>
  Effect.gen(function*() {
    const i = yield* decodeStart(input)
    return yield* transaction(Effect.gen(function*() {
      const actor = yield* CurrentActor
      const tree = yield* Locations.subtree(i.locationId)
      const scope = i.includeSubtree === true ? tree : [i.locationId as LocationId]
      const inScope = new Set<string>(scope)
      const shelved = yield* allPages(actor.tenantId, { status: onShelf, locationIds: scope })
      const deployed = (yield* allPages(actor.tenantId, { status: ["deployed"] }))
        .filter((a) => a.assignee?._tag === "location" && inScope.has(a.assignee.locationId))
      const expected = [...new Set([...shelved, ...deployed].map((a) => a.id))].sort()
      const session: AuditSession = {
        id: i.id ?? (yield* (yield* IdGenerator).next),
        tenantId: actor.tenantId,
        locationId: i.locationId as LocationId,
        includeSubtree: i.includeSubtree === true,
        expected,
        status: "open",
        startedAt: yield* DateTime.now,
        finishedAt: null,
        actorId: actor.actorId,
        version: 1
      }
      yield* (yield* AssetStore).putAudit(session)
      yield* emit([{ event: { _tag: "AssetAuditStarted", session }, entities: [{ type: "assetAudit", id: session.id }, { type: "location", id: session.locationId }] }])
      return session
    }))
  })

const loadSession = (auditId: string) =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor
    const session = yield* (yield* AssetStore).getAudit(tenantId, auditId)
    if (session === undefined) return yield* new UnknownAudit({ auditId })
    return session
  })

/** Errors of {@link scan}. @since 0.1.0 */
export type ScanError = InvalidInput | UnknownAudit | AuditFinished | ConcurrentModification | StoreError

/**
 * Records scanned tags in an open audit and returns the result so far. A tag that names no asset is kept as
 * unexpected.
 *
 * @since 0.1.0
 */
export const scan = (
  auditId: string,
  tags: ReadonlyArray<string>
): Effect.Effect<AuditResult, ScanError, Env> =>
  Effect.gen(function*() {
    const codes = yield* decodeTags(tags)
    return yield* transaction(Effect.gen(function*() {
      const session = yield* loadSession(auditId)
      if (session.status !== "open") return yield* new AuditFinished({ auditId })
      const actor = yield* CurrentActor
      const store = yield* AssetStore
      const known = yield* store.byTag(actor.tenantId, codes)
      const before = yield* store.scans(actor.tenantId, auditId)
      const now = yield* DateTime.now
      const added: Array<AuditScan> = codes.map((tag, k) => ({
        tenantId: actor.tenantId,
        auditId,
        seq: before.length + k + 1,
        tag,
        assetId: known.get(tag)?.id ?? null,
        scannedAt: now,
        actorId: actor.actorId
      }))
      yield* store.addScans(added)
      return compare(session, [...before, ...added])
    }))
  })

/**
 * The result of an audit so far, or as it finished.
 *
 * @since 0.1.0
 */
export const result = (auditId: string): Effect.Effect<AuditResult, UnknownAudit | StoreError, AssetStore | CurrentActor> =>
  Effect.gen(function*() {
    const session = yield* loadSession(auditId)
    return compare(session, yield* (yield* AssetStore).scans(session.tenantId, auditId))
  })

/**
 * Finishes an audit: every expected asset not scanned is reported `missing` (if its state allows), every
 * scanned asset that was lost or missing is `found`. Returns the final result.
 *
 * @since 0.1.0
 */
export const finish = (
  auditId: string
): Effect.Effect<AuditResult, UnknownAudit | AuditFinished | InvalidTransition | ConcurrentModification | StoreError, Env> =>
  transaction(Effect.gen(function*() {
    const session = yield* loadSession(auditId)
    if (session.status !== "open") return yield* new AuditFinished({ auditId })
    const store = yield* AssetStore
    const outcome = compare(session, yield* store.scans(session.tenantId, auditId))
    const reappeared = outcome.unexpected.flatMap((u) => (u.assetId === null ? [] : [u.assetId]))
    const assets = yield* store.get(session.tenantId, [...outcome.missing, ...reappeared])
    const events: Array<Emitted> = []
    const note = `asset audit ${auditId}`
    for (const id of outcome.missing) {
      const asset = assets.get(id)
      if (asset === undefined || !["inStock", "deployed", "inRepair", "inMaintenance", "retired"].includes(asset.status)) continue
      const applied = yield* applyAction(asset, "reportMissing", note)
      yield* save(applied)
      events.push(...applied.events)
    }
    for (const id of reappeared) {
      const asset = assets.get(id)
      if (asset === undefined || (asset.status !== "lost" && asset.status !== "missing")) continue
      const applied = yield* applyAction(asset, "found", note)
      yield* save(applied)
      events.push(...applied.events)
    }
    const { actorId } = yield* CurrentActor
    const finished: AuditSession = { ...session, status: "finished", finishedAt: yield* DateTime.now, actorId, version: session.version + 1 }
    yield* store.putAudit(finished)
    events.push({
      event: { _tag: "AssetAuditFinished", session: finished, found: outcome.found, missing: outcome.missing, unexpected: outcome.unexpected },
      entities: [{ type: "assetAudit", id: auditId }, { type: "location", id: session.locationId }, ...outcome.missing.map(ref)]
    })
    yield* emit(events)
    return outcome
  }))

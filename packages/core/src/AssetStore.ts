/**
 * The asset register's storage port, with an in-memory layer: assets, check-outs, audit sessions and their
 * scans.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer } from "effect"
import type { Asset } from "./Asset.ts"
import type { AuditScan, AuditSession } from "./AssetAudit.ts"
import { DuplicateTag } from "./AssetError.ts"
import type { State } from "./AssetLifecycle.ts"
import type { CheckOut } from "./CheckOut.ts"
import type { AssetId, ItemId, LocationId, TenantId } from "./Ids.ts"
import { MemoryJournal, pushUndoable, setUndoable } from "./internal/memory.ts"
import { ConcurrentModification, type StoreError } from "./StoreError.ts"

/**
 * Filters for listing assets, ordered by id. Every given field must match.
 *
 * @since 0.1.0
 */
export interface AssetFilter {
  readonly status?: ReadonlyArray<State>
  readonly locationIds?: ReadonlyArray<LocationId>
  readonly parentId?: AssetId
  readonly modelId?: ItemId
  readonly serial?: string
  readonly inLedger?: boolean
  readonly afterId?: AssetId
  readonly limit: number
}

/**
 * Filters for listing check-outs, ordered by id. `overdueAt` keeps open check-outs whose expected return lies
 * before it.
 *
 * @since 0.1.0
 */
export interface CheckOutFilter {
  readonly assetId?: AssetId
  readonly open?: boolean
  readonly overdueAt?: DateTime.Utc
  readonly afterId?: string
  readonly limit: number
}

/**
 * Persists the asset register.
 *
 * @since 0.1.0
 */
export class AssetStore extends Context.Service<AssetStore, {
  readonly get: (tenantId: TenantId, ids: ReadonlyArray<AssetId>) => Effect.Effect<ReadonlyMap<AssetId, Asset>, StoreError>
  readonly byTag: (tenantId: TenantId, tags: ReadonlyArray<string>) => Effect.Effect<ReadonlyMap<string, Asset>, StoreError>
  readonly list: (tenantId: TenantId, filter: AssetFilter) => Effect.Effect<ReadonlyArray<Asset>, StoreError>
  /** Inserts assets at version 1, or replaces those stored at `version - 1`. Tags are unique per tenant. */
  readonly put: (assets: ReadonlyArray<Asset>) => Effect.Effect<void, StoreError | ConcurrentModification | DuplicateTag>
  /** Inserts check-outs at version 1, or replaces those stored at `version - 1`. One open check-out per asset. */
  readonly putCheckOuts: (checkOuts: ReadonlyArray<CheckOut>) => Effect.Effect<void, StoreError | ConcurrentModification>
  readonly checkOuts: (tenantId: TenantId, filter: CheckOutFilter) => Effect.Effect<ReadonlyArray<CheckOut>, StoreError>
  /** The open check-out of each asset that has one. */
  readonly openCheckOuts: (tenantId: TenantId, assetIds: ReadonlyArray<AssetId>) => Effect.Effect<ReadonlyMap<AssetId, CheckOut>, StoreError>
  /** Inserts an audit session at version 1, or replaces the one stored at `version - 1`. */
  readonly putAudit: (session: AuditSession) => Effect.Effect<void, StoreError | ConcurrentModification>
  readonly getAudit: (tenantId: TenantId, id: string) => Effect.Effect<AuditSession | undefined, StoreError>
  /** Appends scans; each `(auditId, seq)` is new. */
  readonly addScans: (scans: ReadonlyArray<AuditScan>) => Effect.Effect<void, StoreError | ConcurrentModification>
  /** An audit's scans in `seq` order. */
  readonly scans: (tenantId: TenantId, auditId: string) => Effect.Effect<ReadonlyArray<AuditScan>, StoreError>
}>()("@quartermaster/core/AssetStore") {
  /**
   * The in-memory asset store. Needs the journal that `UnitOfWork.layerMemory` provides.
   *
   * @since 0.1.0
   */
  static readonly layerMemory: Layer.Layer<AssetStore, never, MemoryJournal> = Layer.effect(
    AssetStore,
    Effect.gen(function*() {
      const journal = yield* MemoryJournal
      interface Tenant {
        readonly assets: Map<AssetId, Asset>
        readonly tags: Map<string, AssetId>
        readonly checkOuts: Map<string, CheckOut>
        readonly open: Map<AssetId, string>
        readonly audits: Map<string, AuditSession>
        readonly scans: Map<string, Array<AuditScan>>
      }
      const tenants = new Map<TenantId, Tenant>()
      const of = (tenantId: TenantId): Tenant => {
        let t = tenants.get(tenantId)
        if (t === undefined) {
          tenants.set(tenantId, t = { assets: new Map(), tags: new Map(), checkOuts: new Map(), open: new Map(), audits: new Map(), scans: new Map() })
        }
        return t
      }
      const byId = <A extends { readonly id: string }>(a: A, b: A) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
      return AssetStore.of({
        get: (tenantId, ids) =>
          journal.run(Effect.sync(() => {
            const t = of(tenantId)
            const out = new Map<AssetId, Asset>()
            for (const id of ids) {
              const a = t.assets.get(id)
              if (a !== undefined) out.set(id, a)
            }
            return out
          })),
        byTag: (tenantId, tags) =>
          journal.run(Effect.sync(() => {
            const t = of(tenantId)
            const out = new Map<string, Asset>()
            for (const tag of tags) {
              const id = t.tags.get(tag)
              if (id !== undefined) out.set(tag, t.assets.get(id)!)
            }
            return out
          })),
        list: (tenantId, filter) =>
          journal.run(Effect.sync(() => {
            const locations = filter.locationIds === undefined ? undefined : new Set<string>(filter.locationIds)
            return [...of(tenantId).assets.values()]
              .filter((a) =>
                (filter.status === undefined || filter.status.includes(a.status)) &&
                (locations === undefined || (a.locationId !== null && locations.has(a.locationId))) &&
                (filter.parentId === undefined || a.parentId === filter.parentId) &&
                (filter.modelId === undefined || a.modelId === filter.modelId) &&
                (filter.serial === undefined || a.serial === filter.serial) &&
                (filter.inLedger === undefined || a.inLedger === filter.inLedger) &&
                (filter.afterId === undefined || a.id > filter.afterId)
              )
              .sort(byId)
              .slice(0, filter.limit)
          })),
        put: (assets) =>
          journal.run(Effect.suspend((): Effect.Effect<void, ConcurrentModification | DuplicateTag> => {
            const claimed = new Map<string, string>()
            for (const a of assets) {
              const t = of(a.tenantId)
              if ((t.assets.get(a.id)?.version ?? 0) !== a.version - 1) {
                return Effect.fail(new ConcurrentModification({ entity: "asset", id: a.id }))
              }
              const holder = claimed.get(`${a.tenantId}\u0000${a.tag}`) ?? t.tags.get(a.tag)
              const leaving = holder !== undefined && assets.some((b) => b.id === holder && b.tenantId === a.tenantId && b.tag !== a.tag)
              if (holder !== undefined && holder !== a.id && !leaving) return Effect.fail(new DuplicateTag({ tag: a.tag }))
              claimed.set(`${a.tenantId}\u0000${a.tag}`, a.id)
            }
            for (const a of assets) {
              const t = of(a.tenantId)
              const before = t.assets.get(a.id)
              if (before !== undefined && before.tag !== a.tag && t.tags.get(before.tag) === a.id) {
                const tag = before.tag
                t.tags.delete(tag)
                journal.undo(() => t.tags.set(tag, a.id))
              }
              setUndoable(journal, t.assets, a.id, a)
              setUndoable(journal, t.tags, a.tag, a.id)
            }
            return Effect.void
          })),
        putCheckOuts: (checkOuts) =>
          journal.run(Effect.suspend(() => {
            for (const c of checkOuts) {
              const t = of(c.tenantId)
              const openId = t.open.get(c.assetId)
              if ((t.checkOuts.get(c.id)?.version ?? 0) !== c.version - 1 || (c.returnedAt === null && openId !== undefined && openId !== c.id)) {
                return Effect.fail(new ConcurrentModification({ entity: "check-out", id: c.id }))
              }
            }
            for (const c of checkOuts) {
              const t = of(c.tenantId)
              setUndoable(journal, t.checkOuts, c.id, c)
              if (c.returnedAt === null) setUndoable(journal, t.open, c.assetId, c.id)
              else if (t.open.get(c.assetId) === c.id) {
                t.open.delete(c.assetId)
                journal.undo(() => t.open.set(c.assetId, c.id))
              }
            }
            return Effect.void
          })),
        checkOuts: (tenantId, filter) =>
          journal.run(Effect.sync(() =>
            [...of(tenantId).checkOuts.values()]
              .filter((c) =>
                (filter.assetId === undefined || c.assetId === filter.assetId) &&
                (filter.open === undefined || (c.returnedAt === null) === filter.open) &&
                (filter.overdueAt === undefined ||
                  (c.returnedAt === null && c.expectedReturnAt !== null && DateTime.isLessThan(c.expectedReturnAt, filter.overdueAt))) &&
                (filter.afterId === undefined || c.id > filter.afterId)
              )
              .sort(byId)
              .slice(0, filter.limit)
          )),
        openCheckOuts: (tenantId, assetIds) =>
          journal.run(Effect.sync(() => {
            const t = of(tenantId)
            const out = new Map<AssetId, CheckOut>()
            for (const id of assetIds) {
              const c = t.open.get(id)
              if (c !== undefined) out.set(id, t.checkOuts.get(c)!)
            }
            return out
          })),
        putAudit: (session) =>
          journal.run(Effect.suspend(() => {
            const t = of(session.tenantId)
            if ((t.audits.get(session.id)?.version ?? 0) !== session.version - 1) {
              return Effect.fail(new ConcurrentModification({ entity: "asset audit", id: session.id }))
            }
            setUndoable(journal, t.audits, session.id, session)
            return Effect.void
          })),
        getAudit: (tenantId, id) => journal.run(Effect.sync(() => of(tenantId).audits.get(id))),
        addScans: (scans) =>
          journal.run(Effect.suspend(() => {
            for (const s of scans) {
              const list = of(s.tenantId).scans.get(s.auditId) ?? []
              if (list.some((x) => x.seq === s.seq) || scans.filter((x) => x.tenantId === s.tenantId && x.auditId === s.auditId && x.seq === s.seq).length > 1) {
                return Effect.fail(new ConcurrentModification({ entity: "asset audit scan", id: `${s.auditId}#${s.seq}` }))
              }
            }
            for (const s of scans) {
              const t = of(s.tenantId)
              let list = t.scans.get(s.auditId)
              if (list === undefined) setUndoable(journal, t.scans, s.auditId, list = [])
              pushUndoable(journal, list, s)
            }
            return Effect.void
          })),
        scans: (tenantId, auditId) =>
          journal.run(Effect.sync(() => [...(of(tenantId).scans.get(auditId) ?? [])].sort((a, b) => a.seq - b.seq)))
      })
    })
  )
}

/**
 * The dashboard panels that read the IT-asset side of the core: assets by status, overdue check-outs, and
 * licences, certificates and warranties that expire soon. They plug into {@link DashboardSummary.make} as its extras.
 *
 * @since 0.1.0
 */
import {
  AssetLifecycle,
  Assets,
  type AssetStore,
  CheckOuts,
  type CredentialStore,
  Credentials,
  type CurrentActor,
  type InputError,
  type LicenceStore,
  Licences,
  type StoreError
} from "@quartermaster/core"
import { DateTime, Effect } from "effect"
import type * as DashboardSummary from "./DashboardSummary.ts"

const DAY = 86_400_000

const pages = <A extends { readonly id: string }, E, R>(page: (afterId: string | undefined) => Effect.Effect<ReadonlyArray<A>, E, R>) =>
  Effect.gen(function*() {
    const out: Array<A> = []
    for (let afterId: string | undefined; ;) {
      const rows = yield* page(afterId)
      out.push(...rows)
      if (rows.length < 1000) return out
      afterId = rows[rows.length - 1]!.id
    }
  })

/**
 * Licences and certificates that expire within `horizonDays` of `now` (or have expired and are still
 * listed); revoked certificates are left out.
 *
 * @since 0.1.0
 */
export const expiring = (
  now: number,
  horizonDays: number
): Effect.Effect<ReadonlyArray<DashboardSummary.Expiring>, StoreError.StoreError, LicenceStore.LicenceStore | CredentialStore.CredentialStore | CurrentActor.CurrentActor> =>
  Effect.gen(function*() {
    const out: Array<DashboardSummary.Expiring> = []
    const horizon = now + horizonDays * DAY
    for (const l of yield* pages((afterId) => Licences.list({ limit: 1000, ...(afterId === undefined ? {} : { afterId }) }))) {
      if (l.expiresOn === null) continue
      const at = Date.parse(`${l.expiresOn}T00:00:00Z`)
      if (at > horizon) continue
      out.push({
        kind: "licence",
        name: l.product,
        detail: `${l.seats} ${l.seatBasis} seats${l.vendor === null ? "" : ` from ${l.vendor}`}`,
        expiresAt: new Date(at).toISOString(),
        daysLeft: Math.floor((at - now) / DAY)
      })
    }
    for (const c of yield* pages((afterId) => Credentials.list({ kind: "certificate", limit: 1000, ...(afterId === undefined ? {} : { afterId }) }))) {
      if (c.revoked || c.notAfter === null) continue
      const at = c.notAfter.epochMilliseconds
      if (at > horizon) continue
      out.push({
        kind: "certificate",
        name: c.name,
        detail: c.subject ?? c.owner ?? "",
        expiresAt: new Date(at).toISOString(),
        daysLeft: Math.floor((at - now) / DAY)
      })
    }
    return out
  })

/**
 * Assets by status, and the open check-outs past their expected return (most overdue first).
 *
 * @since 0.1.0
 */
export const assets: Effect.Effect<typeof DashboardSummary.AssetsPanel.Type, InputError.InvalidInput | StoreError.StoreError, AssetStore.AssetStore | CurrentActor.CurrentActor> =
  Effect.gen(function*() {
    const now = yield* DateTime.now
    const all = yield* pages((afterId) => Assets.list({ limit: 1000, ...(afterId === undefined ? {} : { afterId }) }))
    const byId = new Map(all.map((a) => [a.id as string, a]))
    const counts = new Map<string, number>()
    for (const a of all) counts.set(a.status, (counts.get(a.status) ?? 0) + 1)
    const late = yield* CheckOuts.overdue(now)
    return {
      total: all.length,
      byStatus: AssetLifecycle.states.filter((state) => counts.has(state)).map((status) => ({ status, count: counts.get(status)! })),
      // Overdue check-outs all have an expected return.
      overdue: late.flatMap((c) =>
        c.expectedReturnAt === null ? [] : [{
          tag: byId.get(c.assetId)?.tag ?? c.assetId,
          name: byId.get(c.assetId)?.name ?? "",
          assignee: CheckOuts.describe(c),
          dueAt: DateTime.formatIso(c.expectedReturnAt),
          daysOverdue: Math.floor((now.epochMilliseconds - c.expectedReturnAt.epochMilliseconds) / DAY)
        }]
      ).sort((a, b) => b.daysOverdue - a.daysOverdue)
    }
  })

/**
 * Warranties of assets still in service that end within `horizonDays` of `now`.
 *
 * @since 0.1.0
 */
export const warranties = (
  now: number,
  horizonDays: number
): Effect.Effect<ReadonlyArray<DashboardSummary.Expiring>, StoreError.StoreError, AssetStore.AssetStore | CurrentActor.CurrentActor> =>
  Effect.map(pages((afterId) => Assets.list({ limit: 1000, ...(afterId === undefined ? {} : { afterId }) })), (all) =>
    all.flatMap((a): Array<DashboardSummary.Expiring> => {
      if (a.warranty === null || a.status === "disposed" || a.status === "onOrder") return []
      const at = a.warranty.endsAt.epochMilliseconds
      if (at < now - horizonDays * DAY || at > now + horizonDays * DAY) return []
      return [{
        kind: "warranty",
        name: `${a.tag} ${a.name}`,
        detail: `${a.status}${a.warranty.provider === null ? "" : `, ${a.warranty.provider}`}`,
        expiresAt: DateTime.formatIso(a.warranty.endsAt),
        daysLeft: Math.floor((at - now) / DAY)
      }]
    }))

/**
 * The extras for the dashboard summary: the asset panel, and licences, certificates and warranties that
 * expire soon.
 *
 * @since 0.1.0
 */
export const extras: DashboardSummary.Extras<
  InputError.InvalidInput | StoreError.StoreError,
  AssetStore.AssetStore | LicenceStore.LicenceStore | CredentialStore.CredentialStore | CurrentActor.CurrentActor
> = {
  assets,
  expiring: (now, horizonDays) =>
    Effect.map(Effect.all([expiring(now, horizonDays), warranties(now, horizonDays)]), ([a, b]) => [...a, ...b])
}

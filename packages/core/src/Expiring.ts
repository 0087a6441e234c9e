/**
 * What expires soon: certificates, API keys and tokens (`notAfter`), licences (expiry), contracts (a
 * licence's renewal date) and asset warranties (end date), within N days of today, in one list sorted by
 * date. Today comes from `Clock`; a day is a UTC calendar day.
 *
 * Revoked credentials and disposed assets are left out. Things that have already expired are included only
 * with `includeExpired`. Warranties are read from the asset register when an `AssetStore` is provided (every
 * storage adapter provides one).
 *
 * @since 0.1.0
 */
import { DateTime, Effect, Option, Schema } from "effect"
import type { Asset } from "./Asset.ts"
import { AssetStore } from "./AssetStore.ts"
import { CredentialStore } from "./CredentialStore.ts"
import { CurrentActor } from "./CurrentActor.ts"
import type { AssetId, CredentialId, LicenceId } from "./Ids.ts"
import { decode, type InvalidInput } from "./InputError.ts"
import { addDays, dateOf, daysBetween, toDays } from "./internal/calendar.ts"
import { LicenceStore } from "./LicenceStore.ts"
import type { StoreError } from "./StoreError.ts"

/** What kind of thing expires. @since 0.1.0 */
export type Kind = "certificate" | "apiKey" | "token" | "licence" | "contract" | "warranty"

/**
 * One thing that expires: `date` is its UTC calendar date, `at` the exact instant where there is one
 * (credentials, warranties), `daysLeft` the days from today (negative once past).
 *
 * @since 0.1.0
 */
export interface Expiry {
  readonly kind: Kind
  readonly id: string
  readonly name: string
  readonly date: string
  readonly at: DateTime.Utc | null
  readonly daysLeft: number
  readonly expired: boolean
}

/** Options of {@link within}. @since 0.1.0 */
export const Options = Schema.Struct({
  days: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 36_600 }))),
  kinds: Schema.optionalKey(Schema.Array(Schema.Literals(["certificate", "apiKey", "token", "licence", "contract", "warranty"]))),
  includeExpired: Schema.optionalKey(Schema.Boolean)
})

const PAGE = 500

/**
 * Everything that expires within `days` days of today (today and the `days` days after it), sorted by date,
 * then kind and id.
 *
 * @since 0.1.0
 */
export const within = (
  options: typeof Options.Encoded
): Effect.Effect<ReadonlyArray<Expiry>, InvalidInput | StoreError, CredentialStore | LicenceStore | CurrentActor> =>
  Effect.gen(function*() {
    const o = yield* decode("expiring", Options)(options)
    const wants = (k: Kind) => o.kinds === undefined || o.kinds.includes(k)
    const { tenantId } = yield* CurrentActor
    const now = yield* DateTime.now
    const today = dateOf(now)
    const until = addDays(today, o.days)
    const out: Array<Expiry> = []
    const add = (kind: Kind, id: string, name: string, date: string, at: DateTime.Utc | null) => {
      const expired = at === null ? date < today : !DateTime.isGreaterThan(at, now)
      if (date > until || (expired && o.includeExpired !== true)) return
      out.push({ kind, id, name, date, at, daysLeft: daysBetween(today, date), expired })
    }
    if (wants("certificate") || wants("apiKey") || wants("token")) {
      const store = yield* CredentialStore
      const by = DateTime.makeUnsafe((toDays(until) + 1) * 86_400_000 - 1)
      let afterId: CredentialId | undefined
      for (;;) {
        const page = yield* store.list(tenantId, { notAfterBy: by, limit: PAGE, ...(afterId === undefined ? {} : { afterId }) })
        for (const c of page) if (wants(c.kind) && c.notAfter !== null) add(c.kind, c.id, c.name, dateOf(c.notAfter), c.notAfter)
        if (page.length < PAGE) break
        afterId = page[page.length - 1]!.id
      }
    }
    if (wants("licence") || wants("contract")) {
      const store = yield* LicenceStore
      let afterId: LicenceId | undefined
      for (;;) {
        const page = yield* store.list(tenantId, { datedBy: until, limit: PAGE, ...(afterId === undefined ? {} : { afterId }) })
        for (const l of page) {
          if (wants("licence") && l.expiresOn !== null) add("licence", l.id, l.product, l.expiresOn, null)
          if (wants("contract") && l.renewalOn !== null) add("contract", l.id, l.product, l.renewalOn, null)
        }
        if (page.length < PAGE) break
        afterId = page[page.length - 1]!.id
      }
    }
    const assets = yield* Effect.serviceOption(AssetStore)
    if (wants("warranty") && Option.isSome(assets)) {
      const store = assets.value
      let afterId: AssetId | undefined
      for (;;) {
        const page: ReadonlyArray<Asset> = yield* store.list(tenantId, { limit: PAGE, ...(afterId === undefined ? {} : { afterId }) })
        for (const a of page) {
          if (a.warranty !== null && a.status !== "disposed") add("warranty", a.id, a.name === "" ? a.tag : a.name, dateOf(a.warranty.endsAt), a.warranty.endsAt)
        }
        if (page.length < PAGE) break
        afterId = page[page.length - 1]!.id
      }
    }
    const rank: Record<Kind, number> = { certificate: 0, apiKey: 1, token: 2, licence: 3, contract: 4, warranty: 5 }
    return out.sort((a, b) =>
      (a.at?.epochMilliseconds ?? toDays(a.date) * 86_400_000) - (b.at?.epochMilliseconds ?? toDays(b.date) * 86_400_000) ||
      rank[a.kind] - rank[b.kind] ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    )
  })

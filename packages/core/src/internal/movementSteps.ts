// Ledger movements as valuation steps: into stock is a receipt, out of stock an issue, between sites (under site
// scope) a transfer; anything else (between two virtual locations, or inside a cost pool) is no step. Built as
// one object literal per step, because a replay converts millions of them.
import type { BigDecimal } from "effect"
import { holdsStock, type LocationUsage } from "../Location.ts"
import type { Site } from "../Valuation.ts"
import { extend } from "../Money.ts"
import type { Movement } from "../Movement.ts"
import { InvalidValuation, MissingUnitCost } from "../ValuationError.ts"
import type { Account, Step } from "../ValuationState.ts"
import { fail } from "./methods.ts"


export interface Context {
  readonly itemId: string
  readonly decimals: number
  readonly currencyScale: number
  readonly scope: "company" | "site"
}

const RECEIPT_FROM: Partial<Record<LocationUsage, Account>> = {
  supplier: "purchase",
  production: "production",
  loss: "adjustment",
  customer: "customer-return"
}

const NONE: ReadonlyArray<never> = Object.freeze([])

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * A converter from movements to steps (null: no step); failures are thrown as engine failures. With `reuse`,
 * every call returns the same object, rewritten: for a run that holds no step once it has applied it.
 */
export const converter = (
  ctx: Context,
  locations: ReadonlyMap<string, Site>,
  unitCosts: ReadonlyMap<string, BigDecimal.BigDecimal> | undefined,
  reuse = false
) => {
  const company = ctx.scope === "company"
  const scratch: Mutable<Step> = { kind: "issue", id: "", at: 0, seq: 0, quantity: 0n, value: null, site: "", toSite: "", account: "cogs", lot: null, serials: NONE, allocations: NONE, method: null, cause: "" }
  const routeOf = (m: Movement): Route => {
    const from = locations.get(m.fromLocationId)
    const to = locations.get(m.toLocationId)
    if (from === undefined || to === undefined) {
      return fail(new InvalidValuation({ field: m.id, reason: `names a location that is not known: ${from === undefined ? m.fromLocationId : m.toLocationId}` }))
    }
    const fromStock = holdsStock(from.usage)
    const toStock = holdsStock(to.usage)
    const route = { from: m.fromLocationId, to: m.toLocationId, usage: from.usage }
    if (!fromStock && toStock) return { ...route, kind: "receipt", account: RECEIPT_FROM[from.usage] ?? "adjustment", site: company ? "" : to.site, toSite: "" }
    if (fromStock && !toStock) return { ...route, kind: "issue", account: to.usage === "supplier" ? "supplier-return" : "cogs", site: company ? "" : from.site, toSite: "" }
    if (fromStock && toStock && !company && from.site !== to.site) return { ...route, kind: "transfer", account: "transfer", site: from.site, toSite: to.site }
    return { ...route, kind: null, account: "transfer", site: "", toSite: "" }
  }
  // Most movements of an item take one of a few routes (in from a supplier, out to a customer): the last two
  // are kept, so a movement on either needs no lookup.
  let recent: Route | undefined
  let before: Route | undefined
  return (m: Movement): Step | null => {
    let route: Route
    if (recent !== undefined && recent.from === m.fromLocationId && recent.to === m.toLocationId) route = recent
    else if (before !== undefined && before.from === m.fromLocationId && before.to === m.toLocationId) {
      route = before
      before = recent
      recent = route
    } else {
      route = routeOf(m)
      before = recent
      recent = route
    }
    const kind = route.kind
    if (kind === null) return null
    let value: bigint | null = null
    if (kind === "receipt") {
      const account = route.account
      const cost = unitCosts === undefined ? m.unitCost : unitCosts.get(m.id) ?? m.unitCost
      if (cost === null && (account === "purchase" || account === "production")) {
        return fail(new MissingUnitCost({ itemId: ctx.itemId, movementId: m.id, reason: `a receipt from ${route.usage} must carry its cost` }))
      }
      if (cost !== null) value = extend(cost, m.quantity, ctx.decimals, ctx.currencyScale)
    }
    if (reuse) {
      scratch.kind = kind
      scratch.id = m.id
      scratch.at = m.effectiveAt.epochMilliseconds
      scratch.seq = m.seq
      scratch.quantity = m.quantity
      scratch.value = value
      scratch.site = route.site
      scratch.toSite = route.toSite
      scratch.account = route.account
      scratch.lot = m.lot
      scratch.serials = m.serials
      return scratch
    }
    return {
      kind,
      id: m.id,
      at: m.effectiveAt.epochMilliseconds,
      seq: m.seq,
      quantity: m.quantity,
      value,
      site: route.site,
      toSite: route.toSite,
      account: route.account,
      lot: m.lot,
      serials: m.serials,
      allocations: NONE,
      method: null,
      cause: ""
    }
  }
}

/** How movements between two locations count: the step kind (null: none), account and cost pools. */
interface Route {
  readonly from: string
  readonly to: string
  readonly usage: LocationUsage
  readonly kind: Step["kind"] | null
  readonly account: Account
  readonly site: string
  readonly toSite: string
}

/** Whether movements are already in position order (effective time, then seq, then id). */
export const inOrder = (movements: ReadonlyArray<Movement>): boolean => {
  for (let i = 1; i < movements.length; i++) {
    const a = movements[i - 1]!
    const b = movements[i]!
    const x = a.effectiveAt.epochMilliseconds
    const y = b.effectiveAt.epochMilliseconds
    if (x > y || (x === y && (a.seq > b.seq || (a.seq === b.seq && a.id > b.id)))) return false
  }
  return true
}

// Outcomes of the pure valuation functions: their entries and summaries, built on first use, and the views
// derived from them (issue costs, open layers). Internal: `Valuation` exports what users call.
import * as Money from "../Money.ts"
import type { Config, IssueCost, LayerValue, Outcome } from "../Valuation.ts"
import type { Checkpoint, Entry, Shortfall, State } from "../ValuationState.ts"
import type { EntryLog } from "./entryLog.ts"
import { isAveraged } from "./methods.ts"

/**
 * The cost of every issue movement among entries, in effective order, with its true-ups.

 */
export const issueCosts = (entries: ReadonlyArray<Entry>): Array<IssueCost> => {
  const byId = new Map<string, { movementId: string; at: number; kind: IssueCost["kind"]; quantity: bigint; cost: bigint; provisional: bigint; trueUp: bigint }>()
  for (const e of entries) {
    if (e.movementId === null) continue
    if (e.kind === "issue" || e.kind === "supplier-return") {
      const row = byId.get(e.movementId)
      if (row === undefined) byId.set(e.movementId, { movementId: e.movementId, at: e.at, kind: e.kind, quantity: -e.quantity, cost: -e.value, provisional: e.provisional, trueUp: 0n })
      else {
        row.quantity -= e.quantity
        row.cost -= e.value
        row.provisional += e.provisional
      }
    }
  }
  for (const e of entries) {
    if (e.kind !== "true-up" || e.movementId === null) continue
    const row = byId.get(e.movementId)
    if (row === undefined) continue
    row.trueUp -= e.value
    row.provisional += e.provisional
  }
  return [...byId.values()].map((r) => ({ ...r, total: r.cost + r.trueUp }))
}

/**
 * The open layers of a state with their values.

 */
export const layersOf = (state: State): Array<LayerValue> => {
  const averaged = isAveraged(state.method)
  const out: Array<LayerValue> = []
  for (const pool of state.pools) {
    const values = averaged && pool.layers.length > 0 ? Money.allocate(pool.value, pool.layers.map((l) => l.quantity)) : null
    pool.layers.forEach((l, i) => {
      out.push({ receiptId: l.receiptId, receivedAt: l.at, site: pool.site, lot: l.lot, serial: l.serial, quantity: l.quantity, value: values === null ? l.value : values[i]! })
    })
  }
  return out.sort((a, b) => a.receivedAt - b.receivedAt || (a.receiptId < b.receiptId ? -1 : a.receiptId > b.receiptId ? 1 : 0))
}

/**
 * Assembles an outcome from entries and states.

 */
export const outcome = (config: Config, entries: ReadonlyArray<Entry>, state: State, view: State, checkpoints: ReadonlyArray<Checkpoint>): Outcome => {
  let quantity = 0n
  let value = 0n
  let received = 0n
  let cogs = 0n
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!
    quantity += e.quantity
    value += e.value
    received += e.received
    cogs += e.cogs
  }
  return build(config, () => entries, { quantity, value, received, cogs }, state, view, checkpoints)
}

// The entry log behind each outcome made from one run, so that `revalue` can sum it without making its entries.
const logs = new WeakMap<Outcome, EntryLog>()

/** The entry log an outcome was made from, when it was made from one run. */
export const logOf = (o: Outcome): EntryLog | undefined => logs.get(o)

export const fromLog = (config: Config, log: EntryLog, state: State, view: State, checkpoints: ReadonlyArray<Checkpoint>): Outcome => {
  const made = build(config, () => log.toArray(), log.totals(), state, view, checkpoints)
  logs.set(made, log)
  return made
}

// The entries and summaries are built on first use: a replay of millions of steps keeps its entries in
// columns (see internal/entryLog.ts) until someone reads them.
export const build = (
  config: Config,
  materialize: () => ReadonlyArray<Entry>,
  totals: { readonly quantity: bigint; readonly value: bigint; readonly received: bigint; readonly cogs: bigint },
  state: State,
  view: State,
  checkpoints: ReadonlyArray<Checkpoint>
): Outcome => {
  let entries: ReadonlyArray<Entry> | undefined
  let issues: ReadonlyArray<IssueCost> | undefined
  let trueUps: ReadonlyArray<Entry> | undefined
  let layers: ReadonlyArray<LayerValue> | undefined
  let shortfalls: ReadonlyArray<Shortfall & { readonly site: string }> | undefined
  return {
    config,
    get entries() {
      return entries ??= materialize()
    },
    get issues() {
      return issues ??= issueCosts(this.entries)
    },
    get trueUps() {
      return trueUps ??= this.entries.filter((e) => e.kind === "true-up")
    },
    get layers() {
      return layers ??= layersOf(view)
    },
    get shortfalls() {
      return shortfalls ??= view.pools.flatMap((p) => p.shortfalls.map((s) => ({ ...s, site: p.site })))
    },
    quantity: totals.quantity,
    value: totals.value,
    received: totals.received,
    cogs: totals.cogs,
    state,
    view,
    checkpoints
  }
}


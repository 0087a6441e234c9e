// A change of method in the middle of an item's steps. The value on hand never changes here: layers get their
// values (from an average pool, by quantity) or give them to the pool (for an average method), and pools are
// merged to the new method's shape (one company-wide pool for periodic methods, sites otherwise). Merging nets a
// shortfall in one pool against stock another held, with true-ups, as a receipt would.
import { allocate } from "../Money.ts"
import { MethodChangeNotSupported } from "../ValuationError.ts"
import type { Step } from "../ValuationState.ts"
import { type Cover, Part, WorkPool } from "./costPool.ts"
import type { Engine } from "./engine.ts"
import { fail, isAveraged, isPeriodic, isSpecific } from "./methods.ts"

const beforePart = (a: Part, b: Part): number => (a.at !== b.at ? a.at - b.at : a.seq !== b.seq ? a.seq - b.seq : a.receiptId < b.receiptId ? -1 : a.receiptId > b.receiptId ? 1 : 0)

export const changeMethod = (engine: Engine, step: Step): void => {
  const from = engine.method
  const to = step.method!
  if (from === to) return
  if (isPeriodic(from)) engine.closePeriod()
  const refuse = (reason: string) => fail(new MethodChangeNotSupported({ itemId: engine.config.itemId, from, to, reason }))
  const stocked = [...engine.pools.values()].some((p) => !p.empty)
  if (isPeriodic(from) && !isPeriodic(to) && engine.config.scope === "site" && stocked) {
    refuse("a periodic method values one company-wide pool, which cannot be split back into sites")
  }
  if (isSpecific(to) && !isSpecific(from)) {
    if (stocked) refuse("stock is on hand with no lot or serial cost to start from")
    engine.replacePools([])
    engine.setMethod(to)
    engine.period = null
    return
  }
  if (isAveraged(from)) for (const p of engine.pools.values()) spreadValue(p)
  const groups = new Map<string, Array<WorkPool>>()
  for (const key of [...engine.pools.keys()].sort()) {
    const p = engine.pools.get(key)!
    const target = isPeriodic(to) ? "" : isSpecific(to) ? p.key : p.site
    const group = groups.get(target)
    if (group === undefined) groups.set(target, [p])
    else group.push(p)
  }
  const counter = { n: 0 }
  const pools: Array<WorkPool> = []
  for (const [key, group] of groups) {
    const merged = group.length === 1 && group[0]!.key === key ? group[0]! : merge(engine, key, group, step, counter)
    if (isAveraged(to)) gatherValue(merged)
    pools.push(merged)
  }
  engine.replacePools(pools)
  engine.setMethod(to)
  engine.period = isPeriodic(to) ? [] : null
}

const merge = (engine: Engine, key: string, group: ReadonlyArray<WorkPool>, step: Step, counter: { n: number }): WorkPool => {
  const layers: Array<Part> = []
  const shortfalls = []
  for (const p of group) {
    layers.push(...p.openLayers())
    shortfalls.push(...p.openShortfalls())
  }
  shortfalls.sort((a, b) => (a.at !== b.at ? a.at - b.at : a.seq !== b.seq ? a.seq - b.seq : a.issueId < b.issueId ? -1 : a.issueId > b.issueId ? 1 : 0))
  layers.sort(beforePart)
  const last = group.find((p) => p.last !== null)?.last ?? engine.last
  const merged = new WorkPool(key, key === "" ? "" : group[0]!.site, null, null, [], 0n, 0n, shortfalls, last)
  // Receiving the layers again nets any shortfall against stock that another pool held.
  const covers: Array<Cover> = []
  for (const layer of layers) merged.receive(layer, false, covers)
  engine.trueUps(step, merged, covers, step.id, counter)
  return merged
}

const spreadValue = (p: WorkPool): void => {
  const layers = p.openLayers()
  if (layers.length === 0) return
  const values = allocate(p.value, layers.map((l) => l.quantity))
  p.layers = layers.map((l, i) => Part.make(l.receiptId, l.at, l.seq, l.lot, l.serial, l.quantity, values[i]!, l.original))
  p.head = 0
}

const gatherValue = (p: WorkPool): void => {
  p.layers = p.openLayers().map((l) => Part.make(l.receiptId, l.at, l.seq, l.lot, l.serial, l.quantity, 0n, l.original))
  p.head = 0
}

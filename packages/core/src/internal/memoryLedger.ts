// The in-memory ledger store's tables and its write path: balance rows updated in place, one undo entry per
// posting. `LedgerStore.layerMemory` reads them directly.
import type { ItemId, LocationId, MovementId } from "../Ids.ts"
import type { BalanceKey, Posting, SerialPosition } from "../LedgerStore.ts"
import type { Lot } from "../Lot.ts"
import type { Movement } from "../Movement.ts"
import { type MemoryJournal, setUndoable } from "./memory.ts"

/**
 * A balance row as the memory store keeps it: updated in place, so a posting allocates no row per delta, and
 * the quantity held as a number while it is a safe integer, so updating it allocates nothing either.
 */
export interface Row {
  readonly itemId: ItemId
  readonly locationId: LocationId
  readonly lot: string | null
  units: Units
}

/** Exactly the quantity: a safe integer as a number, anything larger as a bigint. */
export type Units = number | bigint

const SAFE = BigInt(Number.MAX_SAFE_INTEGER)

const toUnits = (q: bigint): Units => (q >= -SAFE && q <= SAFE ? Number(q) : q)

export const toBigInt = (u: Units): bigint => (typeof u === "number" ? BigInt(u) : u)

const plus = (u: Units, delta: bigint): Units => {
  if (typeof u === "number" && delta >= -SAFE && delta <= SAFE) {
    // Both are safe integers: the sum is exact whenever it is itself a safe integer.
    const sum = u + Number(delta)
    if (Number.isSafeInteger(sum)) return sum
  }
  return toUnits(toBigInt(u) + delta)
}

/** One item's history (in seq order) and balance rows by {@link cellOf}. */
export interface ItemLedger {
  readonly movements: Array<Movement>
  readonly balances: Map<string, Row>
}

export interface TenantLedger {
  readonly movements: Array<Movement>
  readonly byId: Map<MovementId, Movement>
  readonly items: Map<ItemId, ItemLedger>
  /** Every balance row in the order first recorded: listing all balances keeps that order. */
  readonly rows: Array<Row>
  readonly serials: Map<string, SerialPosition | undefined>
  readonly lots: Map<string, Lot | undefined>
}

// A balance row's key within its item. Without a lot it is the location id itself, a string that is hashed
// once and then compared by identity; ids cannot contain U+0000, so the forms cannot collide.
export const cellOf = (k: BalanceKey): string => (k.lot === null ? k.locationId : `${k.locationId}\u0000${k.lot}`)

export const itemLedger = (t: TenantLedger, itemId: ItemId): ItemLedger => {
  let item = t.items.get(itemId)
  if (item === undefined) t.items.set(itemId, item = { movements: [], balances: new Map() })
  return item
}

export const record = (journal: MemoryJournal["Service"], t: TenantLedger, posting: Posting): ReadonlyArray<Movement> => {
  const { deltas, movements } = posting
  // One undo entry for the whole posting rather than one per row: a posting may hold a million lines. It is
  // registered first and undoes as far as the writes got.
  const start = t.movements.length
  const rowsAt = t.rows.length
  const recorded = new Array<Movement>(movements.length)
  // Ids are new unless a caller re-records one: only then is the row it replaced kept, by line.
  let replaced: Map<number, Movement | undefined> | undefined
  const changed: Array<Row> = []
  const previous: Array<Units> = []
  let written = 0
  journal.undo(() => {
    for (let i = changed.length - 1; i >= 0; i--) changed[i]!.units = previous[i]!
    for (let i = t.rows.length - 1; i >= rowsAt; i--) {
      const row = t.rows[i]!
      t.items.get(row.itemId)!.balances.delete(cellOf(row))
    }
    t.rows.length = rowsAt
    for (let i = written - 1; i >= 0; i--) {
      const row = recorded[i]!
      const list = t.items.get(row.itemId)?.movements
      if (list !== undefined && list[list.length - 1] === row) list.pop()
      if (t.byId.get(row.id) !== row) continue
      const before = replaced?.get(i)
      if (before !== undefined) t.byId.set(row.id, before)
      else t.byId.delete(row.id)
    }
    t.movements.length = Math.min(t.movements.length, start)
  })
  for (let i = 0; i < movements.length; i++) {
    const row = stored(movements[i]!, start + i + 1)
    recorded[i] = row
    written++
    const size = t.byId.size
    t.byId.set(row.id, row)
    if (t.byId.size === size) (replaced ??= new Map()).set(i, latest(t.movements, row.id))
    itemLedger(t, row.itemId).movements.push(row)
    t.movements.push(row)
  }
  // A movement's two rows usually come one after the other: look their item up once.
  let lastItem: ItemId | undefined
  let balances: Map<string, Row> | undefined
  for (let i = 0; i < deltas.length; i++) {
    const d = deltas[i]!
    if (d.itemId !== lastItem || balances === undefined) {
      lastItem = d.itemId
      balances = itemLedger(t, d.itemId).balances
    }
    const cell = cellOf(d)
    const row = balances.get(cell)
    if (row === undefined) {
      const next: Row = { itemId: d.itemId, locationId: d.locationId, lot: d.lot, units: toUnits(d.delta) }
      balances.set(cell, next)
      t.rows.push(next)
    } else {
      changed.push(row)
      previous.push(row.units)
      row.units = plus(row.units, d.delta)
    }
  }
  for (const s of posting.serials) {
    const key = `${s.itemId}\u0000${s.serial}`
    if (s.locationId === null) setUndoable(journal, t.serials, key, undefined)
    else setUndoable(journal, t.serials, key, s)
  }
  for (const lot of posting.lots) setUndoable(journal, t.lots, `${lot.itemId}\u0000${lot.code}`, lot)
  return recorded
}

// The stored row, written out rather than spread: one allocation site that only ever makes rows that stay,
// which lets the engine allocate them where long-lived objects go instead of copying each one out later.
const stored = (m: Movement, seq: number): Movement => ({
  id: m.id,
  tenantId: m.tenantId,
  seq,
  batchId: m.batchId,
  itemId: m.itemId,
  fromLocationId: m.fromLocationId,
  toLocationId: m.toLocationId,
  quantity: m.quantity,
  lot: m.lot,
  serials: m.serials,
  unitCost: m.unitCost,
  effectiveAt: m.effectiveAt,
  recordedAt: m.recordedAt,
  reasonCode: m.reasonCode,
  reference: m.reference,
  reservationId: m.reservationId,
  actorId: m.actorId
})

/** The last recorded movement with the id: the one `byId` holds. */
const latest = (movements: ReadonlyArray<Movement>, id: MovementId): Movement | undefined => {
  for (let i = movements.length - 1; i >= 0; i--) if (movements[i]!.id === id) return movements[i]
  return undefined
}

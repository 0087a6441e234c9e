// The ledger benchmark: a million movements over 10,000 items and 100 bins, posted through
// `StockLedger.post` into the in-memory stores in batches of 1,000 lines, against a baseline that does the
// least work a ledger must do per movement (build the movement, update a map of balances) on the same lines,
// measured in the same run. A reference adds the indexes by id and by item that any ledger store keeps, to
// show how much of the gap is memory traffic that no posting code can avoid; a second does the same with ids
// interned and everything in columns, the best this machine does with those indexes and nothing else.
import { Catalog, CurrentActor, IdGenerator, type Ids, LedgerStore, Locations, type Movement, StockLedger, Stores } from "@quartermaster/core"
import { Effect, Layer } from "effect"
import { count, fail, heapUsed, now, print } from "./host.ts"

const ITEMS = 10_000
const BINS = 100
const BATCHES = 1_000
const LINES = 1_000
const SLOTS = Math.ceil(LINES / 3)
const CASE = 12

const SUPPLIER = "supplier"
const CUSTOMER = "customer"
const itemId = (i: number): string => `item-${i}`
const binId = (b: number): string => `bin-${b}`

// Every item runs through cycles of three batches: received into bin A in batch r, moved from A to bin B in
// batch r + 1, issued from B to the customer in batch r + 2. So each batch holds a third of each kind,
// transfers and issues always draw on stock that exists, and their negative-stock checks run. In the first two
// batches, lines whose cycle would have started before the run are receipts into B instead.
const itemOf = (batch: number, slot: number): number => (((batch * SLOTS + slot) % ITEMS) + ITEMS) % ITEMS
const binsOf = (item: number, batch: number): readonly [string, string] => {
  const a = (item * 7 + batch) % BINS
  return [binId(a), binId((a + 1) % BINS)]
}

/** The lines of one batch. Pure, so the baseline and the ledger see the same input. */
const batchOf = (k: number): Array<Movement.MovementInput> => {
  const lines: Array<Movement.MovementInput> = []
  for (let j = 0; j < LINES; j++) {
    const kind = j % 3
    const slot = (j - kind) / 3
    const id = `mv-${k}-${j}`
    const r = k - kind
    const item = itemOf(r, slot)
    const [a, b] = binsOf(item, r)
    if (kind === 0) {
      lines.push(
        slot % 2 === 0
          ? { id, itemId: itemId(item), from: SUPPLIER, to: a, quantity: 10, unitCost: "2.50", reference: `PO-${k}` }
          : { id, itemId: itemId(item), from: SUPPLIER, to: a, quantity: 1, unit: "case", unitCost: "30", reference: `PO-${k}` }
      )
    } else if (r < 0) {
      lines.push({ id, itemId: itemId(item), from: SUPPLIER, to: b, quantity: 6, unitCost: "2.50" })
    } else if (kind === 1) {
      lines.push({ id, itemId: itemId(item), from: a, to: b, quantity: 6 })
    } else {
      lines.push({ id, itemId: itemId(item), from: b, to: CUSTOMER, quantity: 5, reference: `SO-${k}` })
    }
  }
  return lines
}

const balanceKey = (item: string, location: string): string => `${item}\u0000${location}`

/**
 * A digest of non-zero balance rows, so the ledger's result can be checked against the baseline's without
 * keeping the baseline's map alive while the ledger runs.
 */
const digest = (rows: Iterable<readonly [key: string, quantity: bigint]>): string => {
  let count = 0
  let sum = 0n
  for (const [key, quantity] of rows) {
    if (quantity === 0n) continue
    // FNV-1a over the key, weighted by the quantity: a row in the wrong place or with the wrong amount shows.
    let h = 0x811c9dc5
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0
    sum += BigInt(h) * quantity
    count++
  }
  return `${count} rows, checksum ${sum}`
}

interface BaselineMovement {
  readonly id: string
  readonly seq: number
  readonly itemId: string
  readonly fromLocationId: string
  readonly toLocationId: string
  readonly quantity: bigint
  readonly unitCost: string | null
  readonly reference: string | null
}

/**
 * The least a ledger does per movement: build the movement, keep it, and update both balances. `indexed`
 * adds the two indexes every ledger store keeps: by id (idempotency) and by item (history).
 */
const baseline = (indexed: boolean): { readonly millis: number; readonly digest: string } => {
  const balances = new Map<string, bigint>()
  const movements: Array<BaselineMovement> = []
  const byId = new Map<string, BaselineMovement>()
  const byItem = new Map<string, Array<BaselineMovement>>()
  let millis = 0
  const add = (item: string, location: string, delta: bigint) => {
    const key = balanceKey(item, location)
    const next = (balances.get(key) ?? 0n) + delta
    if (next < 0n && location !== SUPPLIER && location !== CUSTOMER) throw new Error(`negative stock at ${key}`)
    balances.set(key, next)
  }
  for (let k = 0; k < BATCHES; k++) {
    const lines = batchOf(k)
    const start = now()
    for (const line of lines) {
      const quantity = BigInt(line.quantity as number) * (line.unit === "case" ? BigInt(CASE) : 1n)
      const movement: BaselineMovement = {
        id: line.id,
        seq: movements.length + 1,
        itemId: line.itemId,
        fromLocationId: line.from,
        toLocationId: line.to,
        quantity,
        unitCost: (line.unitCost as string | undefined) ?? null,
        reference: line.reference ?? null
      }
      movements.push(movement)
      if (indexed) {
        if (byId.has(movement.id)) throw new Error(`repeated id ${movement.id}`)
        byId.set(movement.id, movement)
        let list = byItem.get(movement.itemId)
        if (list === undefined) byItem.set(movement.itemId, list = [])
        list.push(movement)
      }
      add(line.itemId, line.from, -quantity)
      add(line.itemId, line.to, quantity)
    }
    millis += now() - start
  }
  return { millis, digest: digest(balances) }
}

/**
 * The least work with the ledger's indexes, laid out for speed rather than use: ids interned to numbers once,
 * movements as columns (typed arrays, and the id and reference strings the lines already hold), balances in one
 * array by item and location, the id index and each item's history as lists of positions. No validation, unit
 * check, event, undo or object per movement. What this machine can do at best, for scale.
 */
const columnar = (): { readonly millis: number; readonly digest: string } => {
  const n = BATCHES * LINES
  const places = BINS + 2
  const itemIndex = new Map<string, number>()
  for (let i = 0; i < ITEMS; i++) itemIndex.set(itemId(i), i)
  const placeIndex = new Map<string, number>([[SUPPLIER, BINS], [CUSTOMER, BINS + 1]])
  for (let b = 0; b < BINS; b++) placeIndex.set(binId(b), b)
  const ids = new Array<string>(n)
  const references = new Array<string | null>(n)
  const items = new Int32Array(n)
  const froms = new Int32Array(n)
  const tos = new Int32Array(n)
  const quantities = new Float64Array(n)
  const byId = new Map<string, number>()
  const byItem = Array.from({ length: ITEMS }, () => new Array<number>())
  const balances = new Float64Array(ITEMS * places)
  let at = 0
  let millis = 0
  for (let k = 0; k < BATCHES; k++) {
    const lines = batchOf(k)
    const start = now()
    for (const line of lines) {
      const item = itemIndex.get(line.itemId)!
      const from = placeIndex.get(line.from)!
      const to = placeIndex.get(line.to)!
      const quantity = (line.quantity as number) * (line.unit === "case" ? CASE : 1)
      if (byId.has(line.id)) throw new Error(`repeated id ${line.id}`)
      if (from < BINS && balances[item * places + from]! < quantity) throw new Error(`negative stock of ${line.itemId} at ${line.from}`)
      byId.set(line.id, at)
      ids[at] = line.id
      references[at] = line.reference ?? null
      items[at] = item
      froms[at] = from
      tos[at] = to
      quantities[at] = quantity
      byItem[item]!.push(at)
      balances[item * places + from] = balances[item * places + from]! - quantity
      balances[item * places + to] = balances[item * places + to]! + quantity
      at++
    }
    millis += now() - start
  }
  const rows: Array<readonly [string, bigint]> = []
  const names = [...placeIndex.keys()].sort((a, b) => placeIndex.get(a)! - placeIndex.get(b)!)
  for (let i = 0; i < ITEMS; i++) {
    for (let p = 0; p < places; p++) rows.push([balanceKey(itemId(i), names[p]!), BigInt(balances[i * places + p]!)])
  }
  return { millis, digest: digest(rows) }
}

const setup = Effect.gen(function*() {
  yield* Locations.create({ id: SUPPLIER, code: "SUP", kind: "site", usage: "supplier" })
  yield* Locations.create({ id: CUSTOMER, code: "CUST", kind: "site", usage: "customer" })
  yield* Locations.create({ id: "wh", code: "WH", kind: "warehouse" })
  for (let b = 0; b < BINS; b++) yield* Locations.create({ id: binId(b), code: `WH-${b}`, kind: "bin", parentId: "wh" })
  for (let i = 0; i < ITEMS; i++) {
    yield* Catalog.createItem({
      id: itemId(i),
      sku: `SKU-${i}`,
      name: `Item ${i}`,
      baseUnit: { code: "each" },
      conversions: [{ code: "case", factor: CASE }]
    })
  }
})

const ledger = Effect.gen(function*() {
  let millis = 0
  for (let k = 0; k < BATCHES; k++) {
    const lines = batchOf(k)
    const start = now()
    yield* StockLedger.post(lines)
    millis += now() - start
  }
  const heap = heapUsed()
  const store = yield* LedgerStore.LedgerStore
  const rows = yield* store.balances("bench" as Ids.TenantId, {})
  return { millis, heap, digest: digest(rows.map((b) => [balanceKey(b.itemId, b.locationId), b.quantity] as const)) }
})

const layer = Layer.mergeAll(
  Stores.layerMemory,
  CurrentActor.CurrentActor.layer("bench", "bench"),
  IdGenerator.IdGenerator.layerSequential("bench")
)

const rate = (millis: number): number => (BATCHES * LINES) / (millis / 1000)

const row = (label: string, millis: number, base?: number): string => {
  const perSecond = `${count(rate(millis)).padStart(9)} movements/s  ${(millis / 1000).toFixed(2).padStart(6)} s`
  return `  ${label.padEnd(50)}${perSecond}${base === undefined ? "" : `  ${(base / millis).toFixed(3)}× baseline`}`
}

/** Runs the benchmark and prints its results. */
export const run: Effect.Effect<void> = Effect.gen(function*() {
  print(`ledger: ${count(BATCHES * LINES)} movements, ${count(ITEMS)} items, ${BINS} bins, ${count(LINES)} lines per batch`)
  const base = baseline(false)
  const indexed = baseline(true)
  const ideal = columnar()
  const setupStart = now()
  const result = yield* Effect.gen(function*() {
    yield* setup
    const setupMillis = now() - setupStart
    return { setupMillis, ...(yield* ledger) }
  }).pipe(Effect.provide(layer), Effect.orDie)

  print(`  setup: ${count(ITEMS)} items, ${BINS + 3} locations in ${(result.setupMillis / 1000).toFixed(2)} s`)
  print(row("baseline: movement object + Map of balances", base.millis))
  print(row("reference: baseline + indexes by id and by item", indexed.millis, base.millis))
  print(row("reference: the same in columns, ids interned", ideal.millis, base.millis))
  print(row("StockLedger.post, in memory", result.millis, base.millis))
  print(`  goal ≥ 500,000 movements/s: ${rate(result.millis) >= 500_000 ? "met" : "not met"}`)
  print(`  heapUsed after the run${result.heap.collected ? " (after a full GC)" : ""}: ${count(result.heap.bytes / 2 ** 20)} MiB`)

  // Not a timing assertion: a check that the run did the work it claims.
  if (result.digest === base.digest && indexed.digest === base.digest && ideal.digest === base.digest) {
    print(`  balances equal the baseline's (${result.digest})`)
  } else {
    print(`  balances differ: ledger ${result.digest}, baseline ${base.digest}, references ${indexed.digest} and ${ideal.digest}`)
    fail()
  }
})

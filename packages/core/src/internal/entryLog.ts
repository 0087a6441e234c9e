// The entries of a run, kept in columns: amounts in a Float64Array (exact for safe integers; anything larger in a
// side map), times in a Float64Array, strings by reference. A million entries then cost no object each, which is most of
// what a replay would otherwise spend (in the collector). `get` and `toArray` build the entry objects on demand.
import type { Entry, EntryKind, Position } from "../ValuationState.ts"
import { Sum } from "./sum.ts"

type Totals = { readonly quantity: bigint; readonly value: bigint; readonly cogs: bigint; readonly received: bigint }

// Step ids are kept in chunks of up to 8,192: one array of 100,000 references lands in V8's large-object space,
// whose allocation (fresh memory each time) cost about 3 ms per run; a chunk is an ordinary allocation, and
// growing the log adds chunks instead of copying the ids.
const CHUNK_BITS = 13
const MASK = (1 << CHUNK_BITS) - 1

const MAX = BigInt(Number.MAX_SAFE_INTEGER)
const MIN = -MAX
export const AMOUNTS = 3

const KINDS: ReadonlyArray<EntryKind> = [
  "receipt",
  "customer-return",
  "issue",
  "supplier-return",
  "transfer-out",
  "transfer-in",
  "true-up",
  "landed-cost",
  "cost-adjustment"
]
export const KIND_CODE: Readonly<Record<EntryKind, number>> = Object.fromEntries(KINDS.map((k, i) => [k, i])) as Record<EntryKind, number>
export const TRANSFER_OUT = KIND_CODE["transfer-out"]
export const TRANSFER_IN = KIND_CODE["transfer-in"]

// Per entry: three amounts (quantity, value, cogs) and two times in typed arrays (amounts as numbers, so the
// numeric runner writes them without making a bigint), the kind and the pool in
// small integers, and one reference (the step id). Cost received follows (value + cogs; nothing for a transfer
// leg); the entry's own id and its movement id are nearly always the step id, and the provisional amount nearly
// always zero: the few that differ sit in side maps. The columns are open to `entrySpan.ts`, which compares,
// copies and sums logs column by column for the stores that keep entries this way.
export class EntryLog {
  length = 0
  amounts: Float64Array
  times: Float64Array
  codes: Uint8Array
  places: Uint32Array
  private readonly chunks: Array<Array<string>> = []
  ids: Map<number, string> | null = null
  movements: Map<number, string | null> | null = null
  wide: Map<number, bigint> | null = null
  provisional: Map<number, bigint> | null = null
  // Cost received where it is not value + cogs (nothing for a transfer leg): only entries written to a store
  // from outside the engine can differ.
  received: Map<number, bigint> | null = null
  readonly placeList: Array<{ readonly site: string; readonly lot: string | null }>
  private readonly placeIndex: Map<string, number>
  private lastSite: string | undefined
  private lastLot: string | null = null
  private lastPlace = 0

  /** `places`: a log whose places this one starts with, at the same indices. */
  constructor(readonly itemId: string, capacity = 256, places?: EntryLog) {
    this.amounts = new Float64Array(capacity * AMOUNTS)
    this.times = new Float64Array(capacity * 2)
    this.codes = new Uint8Array(capacity)
    this.places = new Uint32Array(capacity)
    this.placeList = places === undefined ? [] : places.placeList.slice()
    this.placeIndex = places === undefined ? new Map() : new Map(places.placeIndex)
  }

  grow(): void {
    // Doubles the capacity (from at least 16, so a log made empty can grow too).
    const capacity = Math.max(16, this.codes.length * 2)
    const amounts = new Float64Array(capacity * AMOUNTS)
    amounts.set(this.amounts)
    this.amounts = amounts
    const times = new Float64Array(capacity * 2)
    times.set(this.times)
    this.times = times
    const codes = new Uint8Array(capacity)
    codes.set(this.codes)
    this.codes = codes
    const places = new Uint32Array(capacity)
    places.set(this.places)
    this.places = places
  }

  /** The step of entry `i`. */
  stepOf(i: number): string {
    return this.chunks[i >>> CHUNK_BITS]![i & MASK]!
  }

  /**
   * Sets the step of entry `i`. Entries are written in order, so a chunk grows as an array does, from empty: a
   * log of a few entries (most items' logs) holds a few slots, not 8,192.
   */
  setStep(i: number, step: string): void {
    const c = i >>> CHUNK_BITS
    while (this.chunks.length <= c) this.chunks.push([])
    this.chunks[c]![i & MASK] = step
  }

  /** Lets go of the step ids of entries `from`..`to` (exclusive), which no longer exist. */
  forgetSteps(from: number, to: number): void {
    for (let i = from; i < to; i++) this.chunks[i >>> CHUNK_BITS]![i & MASK] = undefined as never
  }

  private put(k: number, v: bigint): void {
    if (v > MAX || v < MIN) {
      ;(this.wide ??= new Map()).set(k, v)
      this.amounts[k] = 0
    } else this.amounts[k] = Number(v)
  }

  amount(k: number): bigint {
    if (this.wide !== null) {
      const v = this.wide.get(k)
      if (v !== undefined) return v
    }
    return BigInt(this.amounts[k]!)
  }

  place(site: string, lot: string | null): number {
    if (site === this.lastSite && lot === this.lastLot) return this.lastPlace
    const key = lot === null ? site : `${site}\u001f${lot}`
    let index = this.placeIndex.get(key)
    if (index === undefined || this.placeList[index]!.lot !== lot) {
      index = this.placeList.length
      this.placeList.push({ site, lot })
      this.placeIndex.set(key, index)
    }
    this.lastSite = site
    this.lastLot = lot
    this.lastPlace = index
    return index
  }

  push(
    id: string,
    at: number,
    seq: number,
    step: string,
    kind: EntryKind,
    movementId: string | null,
    site: string,
    lot: string | null,
    quantity: bigint,
    value: bigint,
    cogs: bigint,
    provisional: bigint,
    received?: bigint
  ): void {
    const i = this.length
    if (i === this.codes.length) this.grow()
    const k = i * AMOUNTS
    this.put(k, quantity)
    this.put(k + 1, value)
    this.put(k + 2, cogs)
    if (provisional !== 0n) (this.provisional ??= new Map()).set(i, provisional)
    const code = KIND_CODE[kind]
    if (received !== undefined && received !== (code === TRANSFER_OUT || code === TRANSFER_IN ? 0n : value + cogs)) (this.received ??= new Map()).set(i, received)
    this.times[i * 2] = at
    this.times[i * 2 + 1] = seq
    this.codes[i] = code
    this.places[i] = this.place(site, lot)
    this.setStep(i, step)
    if (id !== step) (this.ids ??= new Map()).set(i, id)
    if (movementId !== step) (this.movements ??= new Map()).set(i, movementId)
    this.length = i + 1
  }

  /**
   * Records an entry whose amounts are safe integers in numbers (the caller checks), with no provisional part
   * and its step id as id and movement id.
   */
  pushNumbers(step: string, at: number, seq: number, kind: number, site: string, lot: string | null, quantity: number, value: number, cogs: number): void {
    const i = this.length
    if (i === this.codes.length) this.grow()
    const k = i * AMOUNTS
    const amounts = this.amounts
    amounts[k] = quantity
    amounts[k + 1] = value
    amounts[k + 2] = cogs
    this.times[i * 2] = at
    this.times[i * 2 + 1] = seq
    this.codes[i] = kind
    this.places[i] = this.place(site, lot)
    this.setStep(i, step)
    this.length = i + 1
  }

  pushEntry(e: Entry): void {
    this.push(e.id, e.at, e.seq, e.step, e.kind, e.movementId, e.site, e.lot, e.quantity, e.value, e.cogs, e.provisional, e.received)
  }

  /** The entry's id. */
  idOf(i: number): string {
    return this.ids?.get(i) ?? this.stepOf(i)
  }

  /** The entry's movement id. */
  movementOf(i: number): string | null {
    if (this.movements !== null) {
      const m = this.movements.get(i)
      if (m !== undefined || this.movements.has(i)) return m ?? null
    }
    return this.stepOf(i)
  }

  get(i: number): Entry {
    const k = i * AMOUNTS
    const place = this.placeList[this.places[i]!]!
    const code = this.codes[i]!
    let quantity: bigint
    let value: bigint
    let cogs: bigint
    let received: bigint
    if (this.wide === null) {
      // Value and cogs are safe integers: their sum is exact in a number up to 2^53, else summed as bigints.
      const v = this.amounts[k + 1]!
      const c = this.amounts[k + 2]!
      quantity = big(this.amounts[k]!)
      value = big(v)
      cogs = big(c)
      const sum = v + c
      // An issue's value and cogs cancel, a receipt has no cogs: reuse what is made already.
      received = code === TRANSFER_OUT || code === TRANSFER_IN || sum === 0 ? 0n : c === 0 ? value : Number.isSafeInteger(sum) ? BigInt(sum) : value + cogs
    } else {
      quantity = this.amount(k)
      value = this.amount(k + 1)
      cogs = this.amount(k + 2)
      received = code === TRANSFER_OUT || code === TRANSFER_IN ? 0n : value + cogs
    }
    const step = this.stepOf(i)
    const entry: Entry = {
      itemId: this.itemId,
      id: this.ids === null ? step : this.idOf(i),
      at: this.times[i * 2]!,
      seq: this.times[i * 2 + 1]!,
      step,
      kind: KINDS[code]!,
      movementId: this.movements === null ? step : this.movementOf(i),
      site: place.site,
      lot: place.lot,
      quantity,
      value,
      cogs,
      received,
      provisional: this.provisional?.get(i) ?? 0n
    }
    if (this.received !== null) {
      const r = this.received.get(i)
      if (r !== undefined) return { ...entry, received: r }
    }
    return entry
  }

  toArray(): Array<Entry> {
    const out = new Array<Entry>(this.length)
    for (let i = 0; i < this.length; i++) out[i] = this.get(i)
    return out
  }

  /** Sums of quantity, value, cogs and received over every entry. */
  totals(): Totals {
    return this.totalsOutside(null, null)
  }

  /**
   * The same sums over the entries whose step is positioned before `from` or after `after` (every entry when
   * `from` is null; none after when `after` is null), without making an entry.
   */
  totalsOutside(from: Position | null, after: Position | null): Totals {
    const quantity = new Sum()
    const value = new Sum()
    const cogs = new Sum()
    const transfers = new Sum()
    const amounts = this.amounts
    for (let i = 0; i < this.length; i++) {
      if (from !== null && this.comparePosition(i, from) >= 0 && (after === null || this.comparePosition(i, after) <= 0)) continue
      const k = i * AMOUNTS
      const code = this.codes[i]!
      if (this.wide === null) {
        quantity.add(amounts[k]!)
        value.add(amounts[k + 1]!)
        cogs.add(amounts[k + 2]!)
        if (code === TRANSFER_OUT || code === TRANSFER_IN) transfers.add(amounts[k + 1]!)
      } else {
        quantity.addBig(this.amount(k))
        value.addBig(this.amount(k + 1))
        cogs.addBig(this.amount(k + 2))
        if (code === TRANSFER_OUT || code === TRANSFER_IN) transfers.addBig(this.amount(k + 1))
      }
    }
    // Received is value + cogs over every entry but the transfer legs, unless an entry says otherwise.
    const v = value.total()
    const c = cogs.total()
    let received = v + c - transfers.total()
    if (this.received !== null) {
      for (const [i, r] of this.received) {
        if (i >= this.length || (from !== null && this.comparePosition(i, from) >= 0 && (after === null || this.comparePosition(i, after) <= 0))) continue
        const code = this.codes[i]!
        received += r - (code === TRANSFER_OUT || code === TRANSFER_IN ? 0n : this.amount(i * AMOUNTS + 1) + this.amount(i * AMOUNTS + 2))
      }
    }
    return { quantity: quantity.total(), value: v, cogs: c, received }
  }

  private sameAmount(k: number, v: bigint): boolean {
    if (this.wide !== null && this.wide.has(k)) return this.wide.get(k) === v
    // The stored amount is a safe integer, and no bigint past the safe range converts to one.
    return this.amounts[k] === Number(v)
  }

  /**
   * Whether entry `i` equals `e` in every field, reading no amount out. Cost received is not compared: in both it
   * is value + cogs (nothing for a transfer leg).
   */
  equals(i: number, e: Entry): boolean {
    const k = i * AMOUNTS
    const place = this.placeList[this.places[i]!]!
    return this.stepOf(i) === e.step && this.idOf(i) === e.id && this.times[i * 2] === e.at && this.times[i * 2 + 1] === e.seq &&
      KINDS[this.codes[i]!] === e.kind && this.movementOf(i) === e.movementId && place.site === e.site && place.lot === e.lot &&
      this.sameAmount(k, e.quantity) && this.sameAmount(k + 1, e.value) && this.sameAmount(k + 2, e.cogs) &&
      (this.provisional?.get(i) ?? 0n) === e.provisional
  }

  /** Orders entry `i`'s step position against a position. */
  comparePosition(i: number, p: Position): number {
    const at = this.times[i * 2]!
    const seq = this.times[i * 2 + 1]!
    if (at !== p.at) return at - p.at
    if (seq !== p.seq) return seq - p.seq
    const step = this.stepOf(i)
    return step === p.id ? 0 : step < p.id ? -1 : 1
  }

  /** Orders entry `i` against an entry of the same item, as `compareEntries` does. */
  compareTo(i: number, e: { readonly at: number; readonly seq: number; readonly step: string; readonly id: string }): number {
    const at = this.times[i * 2]!
    const seq = this.times[i * 2 + 1]!
    if (at !== e.at) return at - e.at
    if (seq !== e.seq) return seq - e.seq
    const step = this.stepOf(i)
    if (step !== e.step) return step < e.step ? -1 : 1
    const id = this.idOf(i)
    return id === e.id ? 0 : id < e.id ? -1 : 1
  }

  /** Whether the entries are in entry order. */
  ordered(): boolean {
    const times = this.times
    for (let i = 1; i < this.length; i++) {
      const a = times[i * 2 - 2]!
      const b = times[i * 2]!
      if (a !== b) {
        if (a > b) return false
        continue
      }
      const s = times[i * 2 - 1]!
      const t = times[i * 2 + 1]!
      if (s !== t) {
        if (s > t) return false
        continue
      }
      if (this.compareTo(i, { at: b, seq: t, step: this.stepOf(i - 1), id: this.idOf(i - 1) }) < 0) return false
    }
    return true
  }

  /** The time of entry `i`'s step (epoch milliseconds). */
  atOf(i: number): number {
    return this.times[i * 2]!
  }

  /** The kind of entry `i`. */
  kindOf(i: number): EntryKind {
    return KINDS[this.codes[i]!]!
  }

  /** The position of entry `i`'s step. */
  positionAt(i: number): Position {
    return { at: this.times[i * 2]!, seq: this.times[i * 2 + 1]!, id: this.stepOf(i) }
  }



}

// Entries are made by the ten thousand and kept: small amounts (quantities, mostly) share one bigint each.
const SMALL = 1024
const SMALL_BIGINTS: ReadonlyArray<bigint> = Array.from({ length: 2 * SMALL + 1 }, (_, i) => BigInt(i - SMALL))

const big = (n: number): bigint => (n >= -SMALL && n <= SMALL ? SMALL_BIGINTS[n + SMALL]! : BigInt(n))

// The entries of a run, kept in columns: amounts in a BigInt64Array (values outside 64 bits in a side map),
// times in a Float64Array, strings by reference. A million entries then cost no object each, which is most of
// what a replay would otherwise spend (in the collector). `get` and `toArray` build the entry objects on demand.
import type { Entry, EntryKind } from "../ValuationState.ts"

const MAX = 2n ** 63n - 1n
const MIN = -(2n ** 63n)
const AMOUNTS = 3

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
const KIND_CODE: Readonly<Record<EntryKind, number>> = Object.fromEntries(KINDS.map((k, i) => [k, i])) as Record<EntryKind, number>
const TRANSFER_OUT = KIND_CODE["transfer-out"]
const TRANSFER_IN = KIND_CODE["transfer-in"]
const PROBE = new BigInt64Array(1)
const PROBE_WORDS = new Int32Array(PROBE.buffer)

// Per entry: three amounts (quantity, value, cogs) and two times in typed arrays, the kind and the pool in
// small integers, and one reference (the step id). Cost received follows (value + cogs; nothing for a transfer
// leg); the entry's own id and its movement id are nearly always the step id, and the provisional amount nearly
// always zero: the few that differ sit in side maps.
export class EntryLog {
  length = 0
  private amounts: BigInt64Array
  /** The amounts' words, to compare an amount without reading it out as a new bigint. */
  private words: Int32Array
  private times: Float64Array
  private codes: Uint8Array
  private places: Uint32Array
  private steps: Array<string> = []
  private ids: Map<number, string> | null = null
  private movements: Map<number, string | null> | null = null
  private wide: Map<number, bigint> | null = null
  private provisional: Map<number, bigint> | null = null
  private readonly placeList: Array<{ readonly site: string; readonly lot: string | null }> = []
  private readonly placeIndex = new Map<string, number>()
  private lastSite: string | undefined
  private lastLot: string | null = null
  private lastPlace = 0

  constructor(readonly itemId: string, capacity = 256) {
    this.amounts = new BigInt64Array(capacity * AMOUNTS)
    this.words = new Int32Array(this.amounts.buffer)
    this.times = new Float64Array(capacity * 2)
    this.codes = new Uint8Array(capacity)
    this.places = new Uint32Array(capacity)
  }

  private grow(): void {
    const amounts = new BigInt64Array(this.amounts.length * 2)
    amounts.set(this.amounts)
    this.amounts = amounts
    this.words = new Int32Array(amounts.buffer)
    const times = new Float64Array(this.times.length * 2)
    times.set(this.times)
    this.times = times
    const codes = new Uint8Array(this.codes.length * 2)
    codes.set(this.codes)
    this.codes = codes
    const places = new Uint32Array(this.places.length * 2)
    places.set(this.places)
    this.places = places
  }

  private put(k: number, v: bigint): void {
    if (v > MAX || v < MIN) {
      ;(this.wide ??= new Map()).set(k, v)
      this.amounts[k] = 0n
    } else this.amounts[k] = v
  }

  private amount(k: number): bigint {
    if (this.wide !== null) {
      const v = this.wide.get(k)
      if (v !== undefined) return v
    }
    return this.amounts[k]!
  }

  private place(site: string, lot: string | null): number {
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
    provisional: bigint
  ): void {
    const i = this.length
    if (i === this.codes.length) this.grow()
    const k = i * AMOUNTS
    this.put(k, quantity)
    this.put(k + 1, value)
    this.put(k + 2, cogs)
    if (provisional !== 0n) (this.provisional ??= new Map()).set(i, provisional)
    this.times[i * 2] = at
    this.times[i * 2 + 1] = seq
    this.codes[i] = KIND_CODE[kind]
    this.places[i] = this.place(site, lot)
    this.steps.push(step)
    if (id !== step) (this.ids ??= new Map()).set(i, id)
    if (movementId !== step) (this.movements ??= new Map()).set(i, movementId)
    this.length = i + 1
  }

  pushEntry(e: Entry): void {
    this.push(e.id, e.at, e.seq, e.step, e.kind, e.movementId, e.site, e.lot, e.quantity, e.value, e.cogs, e.provisional)
  }

  private receivedOf(i: number): bigint {
    const code = this.codes[i]!
    return code === TRANSFER_OUT || code === TRANSFER_IN ? 0n : this.amount(i * AMOUNTS + 1) + this.amount(i * AMOUNTS + 2)
  }

  private idOf(i: number): string {
    return this.ids?.get(i) ?? this.steps[i]!
  }

  private movementOf(i: number): string | null {
    if (this.movements !== null) {
      const m = this.movements.get(i)
      if (m !== undefined || this.movements.has(i)) return m ?? null
    }
    return this.steps[i]!
  }

  get(i: number): Entry {
    const k = i * AMOUNTS
    const place = this.placeList[this.places[i]!]!
    return {
      itemId: this.itemId,
      id: this.idOf(i),
      at: this.times[i * 2]!,
      seq: this.times[i * 2 + 1]!,
      step: this.steps[i]!,
      kind: KINDS[this.codes[i]!]!,
      movementId: this.movementOf(i),
      site: place.site,
      lot: place.lot,
      quantity: this.amount(k),
      value: this.amount(k + 1),
      cogs: this.amount(k + 2),
      received: this.receivedOf(i),
      provisional: this.provisional?.get(i) ?? 0n
    }
  }

  toArray(): Array<Entry> {
    const out = new Array<Entry>(this.length)
    for (let i = 0; i < this.length; i++) out[i] = this.get(i)
    return out
  }

  /** Sums of quantity, value, cogs and received over every entry. */
  totals(): { readonly quantity: bigint; readonly value: bigint; readonly cogs: bigint; readonly received: bigint } {
    let quantity = 0n
    let value = 0n
    let cogs = 0n
    let transfers = 0n
    for (let i = 0; i < this.length; i++) {
      const k = i * AMOUNTS
      if (this.wide === null) {
        quantity += this.amounts[k]!
        value += this.amounts[k + 1]!
        cogs += this.amounts[k + 2]!
      } else {
        quantity += this.amount(k)
        value += this.amount(k + 1)
        cogs += this.amount(k + 2)
      }
      const code = this.codes[i]!
      if (code === TRANSFER_OUT || code === TRANSFER_IN) transfers += this.amount(k + 1)
    }
    // Received is value + cogs over every entry but the transfer legs.
    return { quantity, value, cogs, received: value + cogs - transfers }
  }

  private sameAmount(k: number, v: bigint): boolean {
    if (this.wide !== null && this.wide.has(k)) return this.wide.get(k) === v
    if (v > MAX || v < MIN) return false
    PROBE[0] = v
    return this.words[k * 2] === PROBE_WORDS[0] && this.words[k * 2 + 1] === PROBE_WORDS[1]
  }

  /**
   * Whether entry `i` equals `e` in every field, reading no amount out. Cost received is not compared: in both it
   * is value + cogs (nothing for a transfer leg).
   */
  equals(i: number, e: Entry): boolean {
    const k = i * AMOUNTS
    const place = this.placeList[this.places[i]!]!
    return this.steps[i] === e.step && this.idOf(i) === e.id && this.times[i * 2] === e.at && this.times[i * 2 + 1] === e.seq &&
      KINDS[this.codes[i]!] === e.kind && this.movementOf(i) === e.movementId && place.site === e.site && place.lot === e.lot &&
      this.sameAmount(k, e.quantity) && this.sameAmount(k + 1, e.value) && this.sameAmount(k + 2, e.cogs) &&
      (this.provisional?.get(i) ?? 0n) === e.provisional
  }

  /** Orders entry `i` against an entry of the same item, as `compareEntries` does. */
  compareTo(i: number, e: { readonly at: number; readonly seq: number; readonly step: string; readonly id: string }): number {
    const at = this.times[i * 2]!
    const seq = this.times[i * 2 + 1]!
    if (at !== e.at) return at - e.at
    if (seq !== e.seq) return seq - e.seq
    const step = this.steps[i]!
    if (step !== e.step) return step < e.step ? -1 : 1
    const id = this.idOf(i)
    return id === e.id ? 0 : id < e.id ? -1 : 1
  }

  /** Whether the entries are in entry order. */
  ordered(): boolean {
    for (let i = 1; i < this.length; i++) {
      if (this.compareTo(i, { at: this.times[i * 2 - 2]!, seq: this.times[i * 2 - 1]!, step: this.steps[i - 1]!, id: this.idOf(i - 1) }) < 0) return false
    }
    return true
  }
}

/**
 * The valuation engine's data, as Schema data: the steps it values, the cost layers and pools it keeps, the
 * state a checkpoint holds, and the entries it writes.
 *
 * - A **step** is one thing that happens to an item's value, at a position in effective-time order: a receipt,
 *   an issue, a transfer between cost pools, a capitalized amount (landed cost or cost adjustment), a method
 *   change or a period end.
 * - A **pool** is where cost flows: the whole company, or one site, and under specific identification one lot
 *   or serial. It holds **layers** (what was received, in receipt order, with remaining quantity and value) and
 *   **shortfalls** (issued quantity not yet covered by a receipt, out at a provisional cost).
 * - An **entry** is what a step did to the figures: quantity, value on hand, cost of goods sold and cost
 *   received. Summed over any set of steps, `received = cogs + value`.
 *
 * Quantities are `bigint` smallest base units; amounts are `bigint` minor units at the currency scale; times are
 * epoch milliseconds. Everything encodes to JSON (bigints as strings), so adapters can store checkpoints as one
 * document.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { ValuationMethod } from "./Item.ts"

const Big = Schema.BigIntFromString
const Millis = Schema.Number

/**
 * Where a step sits in effective-time order: effective time, then the ledger's recording sequence (non-movement
 * steps use negative ranks so that, at the same instant, they come before movements), then the step id.
 *
 * @since 0.1.0
 */
export const Position = Schema.Struct({ at: Millis, seq: Schema.Number, id: Schema.String })
/** @since 0.1.0 */
export type Position = typeof Position.Type

/** Orders positions: negative, zero or positive. @since 0.1.0 */
export const compare = (a: Position, b: Position): number =>
  a.at !== b.at ? a.at - b.at : a.seq !== b.seq ? a.seq - b.seq : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/** The rank of a period end among steps at the same instant. @since 0.1.0 */
export const PERIOD_END_SEQ = -3
/** The rank of a method change among steps at the same instant. @since 0.1.0 */
export const METHOD_SEQ = -2
/** The rank of a capitalized amount among steps at the same instant. @since 0.1.0 */
export const CAPITALIZE_SEQ = -1

/**
 * Where a receipt's value comes from, or where an issue's value goes.
 *
 * - `purchase`, `production`, `adjustment`: value received (a positive adjustment is a count gain or a find).
 * - `customer-return`: goods back from a customer, crediting cost of goods sold.
 * - `cogs`: an issue to a customer, to loss or to production.
 * - `supplier-return`: goods back to a supplier, at layer cost, reducing cost received.
 *
 * @since 0.1.0
 */
export const Account = Schema.Literals(["purchase", "production", "adjustment", "customer-return", "cogs", "supplier-return", "transfer"])
/** @since 0.1.0 */
export type Account = typeof Account.Type

/**
 * An amount capitalized onto one receipt: `quantity` is the receipt's full quantity.
 *
 * @since 0.1.0
 */
export const Allocation = Schema.Struct({ receiptId: Schema.String, quantity: Big, amount: Big })
/** @since 0.1.0 */
export type Allocation = typeof Allocation.Type

/** The kinds of step. @since 0.1.0 */
export const StepKind = Schema.Literals(["receipt", "issue", "transfer", "capitalize", "method", "period-end"])
/** @since 0.1.0 */
export type StepKind = typeof StepKind.Type

/**
 * One step, in one shape for every kind (fields a kind does not use are empty):
 *
 * - `receipt`: `quantity` into pool `site` (or the `serials`' pools, or lot `lot`'s) at `value` minor units, or
 *   at the pool's current cost when `value` is null; `account` says where the value comes from.
 * - `issue`: `quantity` out of pool `site`; `account` is `cogs` or `supplier-return`.
 * - `transfer`: `quantity` from pool `site` to pool `toSite`, at cost.
 * - `capitalize`: `allocations` onto receipts; `cause` is `landed-cost` or `cost-adjustment`.
 * - `method`: the item's method becomes `method`.
 * - `period-end`: a period closes; periodic methods compute it.
 *
 * @since 0.1.0
 */
export const Step = Schema.Struct({
  kind: StepKind,
  id: Schema.String,
  at: Millis,
  seq: Schema.Number,
  quantity: Big,
  value: Schema.NullOr(Big),
  site: Schema.String,
  toSite: Schema.String,
  account: Account,
  lot: Schema.NullOr(Schema.String),
  serials: Schema.Array(Schema.String),
  allocations: Schema.Array(Allocation),
  method: Schema.NullOr(ValuationMethod),
  cause: Schema.String
})
/** @since 0.1.0 */
export type Step = typeof Step.Type

/**
 * A cost layer: part of one receipt, still on hand. `original` is the receipt's full quantity; `unit` is the
 * exact value per smallest unit when the value divides evenly, else `-1`. Under average methods layers keep
 * quantities and receipt dates only (for aging) and `value` is zero: the pool holds the value.
 *
 * @since 0.1.0
 */
export const Layer = Schema.Struct({
  receiptId: Schema.String,
  at: Millis,
  seq: Schema.Number,
  lot: Schema.NullOr(Schema.String),
  serial: Schema.NullOr(Schema.String),
  quantity: Big,
  value: Big,
  unit: Big,
  original: Big
})
/** @since 0.1.0 */
export type Layer = typeof Layer.Type

/**
 * Issued quantity no stock covered: it went out at `value`, a provisional cost, and the receipt that covers it
 * trues it up. `account` is where the issue's value went.
 *
 * @since 0.1.0
 */
export const Shortfall = Schema.Struct({
  issueId: Schema.String,
  at: Millis,
  seq: Schema.Number,
  quantity: Big,
  value: Big,
  account: Account
})
/** @since 0.1.0 */
export type Shortfall = typeof Shortfall.Type

/** An exact unit cost: `value` minor units per `quantity` smallest units. @since 0.1.0 */
export const Rate = Schema.Struct({ value: Big, quantity: Big })

/**
 * A cost pool. `quantity` and `value` are its positive part (the layers, or the average pool); `shortfalls`
 * its negative part; `last` the last known unit cost.
 *
 * @since 0.1.0
 */
export const Pool = Schema.Struct({
  key: Schema.String,
  site: Schema.String,
  lot: Schema.NullOr(Schema.String),
  serial: Schema.NullOr(Schema.String),
  layers: Schema.Array(Layer),
  quantity: Big,
  value: Big,
  shortfalls: Schema.Array(Shortfall),
  last: Schema.NullOr(Rate)
})
/** @since 0.1.0 */
export type Pool = typeof Pool.Type

/**
 * A periodic method's open period: the steps since it began, valued when it ends. The state's pools are the
 * period's opening.
 *
 * @since 0.1.0
 */
export const OpenPeriod = Schema.Struct({ steps: Schema.Array(Step) })

/**
 * An item's valuation state after the step at `position` (null before any): what later steps depend on, and
 * nothing else (running totals live in the entries), so that a backdated change whose effect has died out
 * leaves the same state behind. `since` counts steps since the last checkpoint.
 *
 * @since 0.1.0
 */
export const State = Schema.Struct({
  method: ValuationMethod,
  position: Schema.NullOr(Position),
  pools: Schema.Array(Pool),
  last: Schema.NullOr(Rate),
  since: Schema.Number,
  period: Schema.NullOr(OpenPeriod)
})
/** @since 0.1.0 */
export type State = typeof State.Type

/**
 * A saved state of one item, to revalue from without replaying what came before.
 *
 * @since 0.1.0
 */
export const Checkpoint = Schema.Struct({ itemId: Schema.String, position: Position, state: State })
/** @since 0.1.0 */
export type Checkpoint = typeof Checkpoint.Type

/** The kinds of entry. @since 0.1.0 */
export const EntryKind = Schema.Literals([
  "receipt",
  "customer-return",
  "issue",
  "supplier-return",
  "transfer-out",
  "transfer-in",
  "true-up",
  "landed-cost",
  "cost-adjustment"
])
/** @since 0.1.0 */
export type EntryKind = typeof EntryKind.Type

/**
 * What one step did to one cost pool's figures. `id` is unique per item and stable across revaluations; `step`
 * and (`at`, `seq`) give the step's position; `movementId` is the movement the amount belongs to (the issue
 * for a true-up, the receipt for a landed cost). `provisional` is the part of an issue that went out at the
 * last known cost because no stock covered it.
 *
 * @since 0.1.0
 */
export const Entry = Schema.Struct({
  itemId: Schema.String,
  id: Schema.String,
  at: Millis,
  seq: Schema.Number,
  step: Schema.String,
  kind: EntryKind,
  movementId: Schema.NullOr(Schema.String),
  site: Schema.String,
  lot: Schema.NullOr(Schema.String),
  quantity: Big,
  value: Big,
  cogs: Big,
  received: Big,
  provisional: Big
})
/** @since 0.1.0 */
export type Entry = typeof Entry.Type

/** The position of an entry's step. @since 0.1.0 */
export const positionOf = (e: { readonly at: number; readonly seq: number; readonly step: string }): Position => ({ at: e.at, seq: e.seq, id: e.step })

/** Whether two entries carry the same figures and position. @since 0.1.0 */
export const sameEntry = (a: Entry, b: Entry): boolean =>
  a.id === b.id && a.at === b.at && a.seq === b.seq && a.step === b.step && a.kind === b.kind && a.movementId === b.movementId &&
  a.site === b.site && a.lot === b.lot && a.quantity === b.quantity && a.value === b.value && a.cogs === b.cogs &&
  a.received === b.received && a.provisional === b.provisional

/** The state before anything happened, under a method. @since 0.1.0 */
export const initial = (method: ValuationMethod): State => ({
  method,
  position: null,
  pools: [],
  last: null,
  since: 0,
  period: method === "weighted-average" || method === "periodic-fifo" || method === "periodic-lifo" ? { steps: [] } : null
})

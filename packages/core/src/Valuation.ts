/**
 * Inventory valuation as pure functions: given an item's events (or its ledger movements), the cost of every
 * issue, the cost of goods sold, the open layers, and the quantity and value on hand. No store is needed.
 *
 * Conventions (see `docs/valuation.md`):
 *
 * - **Methods.** Perpetual FIFO and LIFO (an issue takes the newest layer existing at its effective time);
 *   moving average (recomputed at each receipt, issues at the current average); periodic weighted average,
 *   FIFO and LIFO (computed at period end over the goods available, ignoring issue timing); specific
 *   identification (an issue takes the lots or serials it names, at their own cost).
 * - **Exactness.** Amounts are `bigint` minor units at the currency scale. A receipt is valued once as unit cost
 *   × quantity, rounded half away from zero. An issue that takes part of a layer or of an average pool takes
 *   `value × taken / quantity`, rounded the same way; taking the rest takes exactly what is left, so value at
 *   zero quantity is zero and `received = cogs + value` holds exactly after every step.
 * - **Negative stock.** An issue no stock covers goes out at the last known cost; the receipt that covers it
 *   trues the difference up as a `true-up` entry against cost of goods sold.
 * - **Scope.** One cost pool per item, or one per site. Transfers inside a pool change nothing.
 *
 * `replay` runs steps from the start with checkpoints; `revalue` takes an earlier outcome and revalues only from
 * the checkpoint before the earliest change, stopping as soon as it reproduces a later checkpoint.
 *
 * @since 0.1.0
 */
import { type BigDecimal, Result, Schema } from "effect"
import type { LocationId } from "./Ids.ts"
import { InvalidInput } from "./InputError.ts"
import { Failure } from "./internal/methods.ts"
import * as MovementSteps from "./internal/movementSteps.ts"
import * as Outcomes from "./internal/outcome.ts"
import * as Engine from "./internal/run.ts"
import type { ValuationMethod } from "./Item.ts"
import type { Location, LocationUsage } from "./Location.ts"
import * as Money from "./Money.ts"
import type { Movement } from "./Movement.ts"
import type { EngineError, InvalidValuation, MissingUnitCost } from "./ValuationError.ts"
import * as ValuationEvent from "./ValuationEvent.ts"
import { type Checkpoint, compare, type Entry, initial, type Position, positionOf, type Shortfall, type State, type Step } from "./ValuationState.ts"

/**
 * Options of the pure functions: the currency scale (2 by default), the scope (`company` by default) and how
 * many steps at least lie between checkpoints (1,000 by default).
 *
 * @since 0.1.0
 */
export interface Options {
  readonly currencyScale?: number
  readonly scope?: "company" | "site"
  readonly checkpointEvery?: number
}

/**
 * What the engine needs to run an item's steps.
 *
 * @since 0.1.0
 */
export interface Config {
  readonly itemId: string
  readonly decimals: number
  readonly currencyScale: number
  readonly scope: "company" | "site"
  readonly checkpointEvery: number
}

/**
 * The cost of one issue movement. `cost` is what it went out at (including `provisional`, the part no stock
 * covered); `trueUp` is what covering receipts have added since; `total` is the two together.
 *
 * @since 0.1.0
 */
export interface IssueCost {
  readonly movementId: string
  readonly at: number
  readonly kind: "issue" | "supplier-return"
  readonly quantity: bigint
  readonly cost: bigint
  readonly provisional: bigint
  readonly trueUp: bigint
  readonly total: bigint
}

/**
 * An open layer with its value. Under an average method the pool's value is spread over its layers by
 * quantity, so the layers add up to the pool.
 *
 * @since 0.1.0
 */
export interface LayerValue {
  readonly receiptId: string
  readonly receivedAt: number
  readonly site: string
  readonly lot: string | null
  readonly serial: string | null
  readonly quantity: bigint
  readonly value: bigint
}

/**
 * The result of valuing an item.
 *
 * @since 0.1.0
 */
export interface Outcome {
  readonly config: Config
  readonly entries: ReadonlyArray<Entry>
  readonly issues: ReadonlyArray<IssueCost>
  readonly trueUps: ReadonlyArray<Entry>
  readonly layers: ReadonlyArray<LayerValue>
  readonly shortfalls: ReadonlyArray<Shortfall & { readonly site: string }>
  readonly quantity: bigint
  readonly value: bigint
  readonly received: bigint
  readonly cogs: bigint
  /** The state after the last step; an open periodic period is kept open here. */
  readonly state: State
  /** The state with an open periodic period computed as if it ended after the last step. */
  readonly view: State
  readonly checkpoints: ReadonlyArray<Checkpoint>
}

/**
 * Every error of the pure functions.
 *
 * @since 0.1.0
 */
export type Error = InvalidInput | ValuationEvent.StepError | EngineError

const decodeEvents = Schema.decodeUnknownResult(Schema.Array(ValuationEvent.ValuationEvent))

const invalid = (error: Schema.SchemaError): InvalidInput => {
  const match = /\n\s*at (\S.*)$/m.exec(error.message)
  const field = (match?.[1] ?? "").replace(/\["([^"]*)"\]/g, ".$1").replace(/^\./, "")
  return new InvalidInput({ operation: "Valuation.value", field: field === "" ? "events" : `events${field.startsWith("[") ? "" : "."}${field}`, reason: error.message.split("\n")[0] ?? "is invalid" })
}

const configOf = (item: ValuationEvent.ItemSpec, options: Options): Config => ({
  itemId: item.id,
  decimals: item.baseUnit.decimals,
  currencyScale: options.currencyScale ?? 2,
  scope: options.scope ?? "company",
  checkpointEvery: options.checkpointEvery ?? 1000
})

/**
 * Values an item's events from the start.
 *
 * @since 0.1.0
 */
export const value = (
  item: ValuationEvent.ItemSpec,
  events: ReadonlyArray<ValuationEvent.Input>,
  options: Options = {}
): Result.Result<Outcome, Error> => {
  const decoded = decodeEvents(events)
  if (Result.isFailure(decoded)) return Result.fail(invalid(decoded.failure))
  const config = configOf(item, options)
  if (!Number.isInteger(config.currencyScale) || config.currencyScale < 0 || config.currencyScale > 8) {
    return Result.fail(new InvalidInput({ operation: "Valuation.value", field: "currencyScale", reason: "must be an integer from 0 to 8" }))
  }
  const steps = ValuationEvent.toSteps(item, decoded.success, config)
  if (Result.isFailure(steps)) return Result.fail(steps.failure)
  return replay(config, item.valuationMethod, steps.success)
}

const shorthand = (method: ValuationMethod) =>
(
  events: ReadonlyArray<ValuationEvent.Input>,
  options: Options & { readonly unit?: { readonly code: string; readonly decimals: number } } = {}
): Result.Result<Outcome, Error> => value({ id: "item", valuationMethod: method, baseUnit: options.unit ?? { code: "each", decimals: 0 } }, events, options)

/** Values events under perpetual FIFO. @since 0.1.0 */
export const fifo = shorthand("fifo")
/** Values events under perpetual LIFO. @since 0.1.0 */
export const lifo = shorthand("lifo")
/** Values events under the moving (perpetual) average. @since 0.1.0 */
export const movingAverage = shorthand("moving-average")
/** Values events under the periodic weighted average. @since 0.1.0 */
export const weightedAverage = shorthand("weighted-average")
/** Values events under periodic FIFO. @since 0.1.0 */
export const periodicFifo = shorthand("periodic-fifo")
/** Values events under periodic LIFO. @since 0.1.0 */
export const periodicLifo = shorthand("periodic-lifo")
/** Values events under specific identification. @since 0.1.0 */
export const specificIdentification = shorthand("specific-identification")

/**
 * Runs steps (in position order) from the start, under `method` until a method step changes it.
 *
 * @since 0.1.0
 */
export const replay = (config: Config, method: ValuationMethod, steps: ReadonlyArray<Step>): Result.Result<Outcome, EngineError> =>
  Result.map(Engine.run(config, initial(method), steps), (run) => Outcomes.fromLog(config, run.entries, run.state, run.view, run.checkpoints))

/**
 * Revalues after a change: `steps` are all the item's steps in position order, old and new; `changed` spans
 * the new ones. Starts from the latest checkpoint before `changed.from` and stops at the first later
 * checkpoint whose state it reproduces once past `changed.through`. The result equals a full replay.
 *
 * @since 0.1.0
 */
export const revalue = (
  previous: Outcome,
  method: ValuationMethod,
  steps: ReadonlyArray<Step>,
  changed: { readonly from: Position; readonly through: Position }
): Result.Result<Outcome, EngineError> => {
  const config = previous.config
  let start: Checkpoint | undefined
  for (const c of previous.checkpoints) if (compare(c.position, changed.from) < 0) start = c
  const state = start?.state ?? initial(method)
  const after = start === undefined ? steps : steps.filter((s) => compare({ at: s.at, seq: s.seq, id: s.id }, start.position) > 0)
  const later = previous.checkpoints.filter((c) => start === undefined || compare(c.position, start.position) > 0)
  return Result.map(Engine.run(config, state, after, { previous: later, through: changed.through }), (run) => {
    const from = run.from
    const converged = run.converged
    const entries = () => {
      const kept = from === null ? previous.entries.slice() : previous.entries.filter((e) => compare(positionOf(e), from) < 0)
      for (let i = 0; i < run.entries.length; i++) kept.push(run.entries.get(i))
      if (converged !== null) for (const e of previous.entries) if (compare(positionOf(e), converged) > 0) kept.push(e)
      return kept
    }
    const checkpoints = previous.checkpoints.filter((c) => start !== undefined && compare(c.position, start.position) <= 0)
    checkpoints.push(...run.checkpoints)
    if (converged !== null) for (const c of previous.checkpoints) if (compare(c.position, converged) >= 0) checkpoints.push(c)
    const [state, view] = converged === null ? [run.state, run.view] : [previous.state, previous.view]
    // An outcome still in columns is summed there: its entries need not be made to be added up.
    const log = Outcomes.logOf(previous)
    if (log === undefined) return Outcomes.outcome(config, entries(), state, view, checkpoints)
    const a = log.totalsOutside(from, converged)
    const b = run.entries.totals()
    const totals = { quantity: a.quantity + b.quantity, value: a.value + b.value, received: a.received + b.received, cogs: a.cogs + b.cogs }
    return Outcomes.build(config, entries, totals, state, view, checkpoints)
  })
}

/**
 * How the engine sees a location: its usage and the site whose cost pool it belongs to.
 *
 * @since 0.1.0
 */
export interface Site {
  readonly usage: LocationUsage
  readonly site: string
}

/**
 * The site of every location: the nearest of itself and its ancestors of kind `site`, else the root of its
 * path, else itself.
 *
 * @since 0.1.0
 */
export const sites = (locations: Iterable<Location>): Map<LocationId, Site> => {
  const all = new Map<LocationId, Location>()
  for (const l of locations) all.set(l.id, l)
  const out = new Map<LocationId, Site>()
  for (const l of all.values()) {
    let site: string | undefined = l.kind === "site" ? l.id : undefined
    for (let i = l.path.length - 1; site === undefined && i >= 0; i--) if (all.get(l.path[i]!)?.kind === "site") site = l.path[i]!
    out.set(l.id, { usage: l.usage, site: site ?? l.path[0] ?? l.id })
  }
  return out
}

/**
 * Turns ledger movements of one item into steps, in position order: into stock is a receipt (from a supplier
 * or production it must carry a cost; from loss or a customer it may, else it enters at the current cost),
 * out of stock an issue (to a supplier, a return), between sites a transfer under site scope. `unitCosts`
 * overrides movements' unit costs (cost corrections).
 *
 * @since 0.1.0
 */
export const fromMovements = (
  config: Config,
  movements: ReadonlyArray<Movement>,
  locations: ReadonlyMap<string, Site>,
  unitCosts?: ReadonlyMap<string, BigDecimal.BigDecimal>
): Result.Result<Array<Step>, MissingUnitCost | InvalidValuation> => {
  const convert = MovementSteps.converter(config, locations, unitCosts)
  const out: Array<Step> = []
  try {
    for (const m of movements) {
      const step = convert(m)
      if (step !== null) out.push(step)
    }
  } catch (e) {
    if (e instanceof Failure) return Result.fail(e.error as MissingUnitCost | InvalidValuation)
    throw e
  }
  return Result.succeed(MovementSteps.inOrder(movements) ? out : ValuationEvent.sortSteps(out))
}

/**
 * Values one item's ledger movements from the start under `method`: {@link fromMovements} and
 * {@link replay} in one pass, without holding the steps when the movements come in position order.
 *
 * @since 0.1.0
 */
export const replayMovements = (
  config: Config,
  method: ValuationMethod,
  movements: ReadonlyArray<Movement>,
  locations: ReadonlyMap<string, Site>,
  unitCosts?: ReadonlyMap<string, BigDecimal.BigDecimal>
): Result.Result<Outcome, EngineError | MissingUnitCost | InvalidValuation> => {
  if (!MovementSteps.inOrder(movements)) return Result.flatMap(fromMovements(config, movements, locations, unitCosts), (steps) => replay(config, method, steps))
  const convert = MovementSteps.converter(config, locations, unitCosts, true)
  const source = { length: movements.length, get: (i: number) => convert(movements[i]!), reused: true }
  return Result.map(Engine.run(config, initial(method), source), (run) => Outcomes.fromLog(config, run.entries, run.state, run.view, run.checkpoints))
}

/**
 * The cost of every issue movement among entries, in effective order, with its true-ups.
 *
 * @since 0.1.0
 */
export const issueCosts: (entries: ReadonlyArray<Entry>) => Array<IssueCost> = Outcomes.issueCosts

/**
 * The open layers of a state with their values.
 *
 * @since 0.1.0
 */
export const layersOf: (state: State) => Array<LayerValue> = Outcomes.layersOf

/**
 * Assembles an outcome from entries and states.
 *
 * @since 0.1.0
 */
export const outcome: (config: Config, entries: ReadonlyArray<Entry>, state: State, view: State, checkpoints: ReadonlyArray<Checkpoint>) => Outcome =
  Outcomes.outcome

/**
 * An amount of an outcome as a decimal.
 *
 * @since 0.1.0
 */
export const decimal = (config: Config, amount: bigint): BigDecimal.BigDecimal => Money.toDecimal(amount, config.currencyScale)

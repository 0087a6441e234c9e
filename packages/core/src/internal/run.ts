// Drives the engine over a run of steps: takes checkpoints along the way (at least `checkpointEvery` steps
// apart, and more when the state is large, so that checkpoints cost O(1) per step), and stops at the first
// earlier checkpoint whose state it reproduces once past the last new step: from there on nothing changed.
import { Result } from "effect"
import type { Rate } from "../Money.ts"
import type { EngineError } from "../ValuationError.ts"
import { type Checkpoint, compare, type Position, type State, type Step } from "../ValuationState.ts"
import { type Config, Engine } from "./engine.ts"
import { EntryLog } from "./entryLog.ts"
import { Failure } from "./methods.ts"
import { NumericEngine } from "./numeric.ts"

export interface RunOptions {
  /** Checkpoints of an earlier run after the start, to stop at the first whose state this run reproduces. */
  readonly previous?: ReadonlyArray<Checkpoint>
  /** The newest step that is new to this run: no stop before it. */
  readonly through?: Position | null
  /** Whether steps may run on the numeric path (they do by default; tests turn it off to compare). */
  readonly numeric?: boolean
}

export interface RunOutput {
  readonly state: State
  /** The state with an open periodic period computed as if it ended now; the state itself for perpetual methods. */
  readonly view: State
  readonly entries: EntryLog
  readonly checkpoints: Array<Checkpoint>
  /** Entries were produced for every step at or after this position (null: for none). */
  readonly from: Position | null
  /** Where the run met an earlier checkpoint with the same state and stopped: nothing after it changed. */
  readonly converged: Position | null
}

export const positionOfStep = (s: Step): Position => ({ at: s.at, seq: s.seq, id: s.id })

/**
 * Steps produced one at a time (null: no step there), so a long run need not hold them all. `reused`: `get`
 * returns one object rewritten each time, so the engine copies any step it keeps.
 */
export interface StepSource {
  readonly length: number
  readonly get: (i: number) => Step | null
  readonly reused?: boolean
}

const sourceOf = (steps: ReadonlyArray<Step> | StepSource): StepSource =>
  Array.isArray(steps) ? { length: steps.length, get: (i) => (steps as ReadonlyArray<Step>)[i]! } : (steps as StepSource)

/**
 * Runs `steps` (in position order, all after the state's position) from `start`. Steps the numeric path covers
 * run there; from the first it declines, `Engine` takes over, and hands back at the next checkpoint whose state
 * the numeric path covers.
 */
export const run = (config: Config, start: State, input: ReadonlyArray<Step> | StepSource, options: RunOptions = {}): Result.Result<RunOutput, EngineError> => {
  const steps = sourceOf(input)
  const log = new EntryLog(config.itemId, Math.max(256, steps.length + (steps.length >> 4)))
  const allowNumeric = options.numeric !== false
  let numeric = allowNumeric ? NumericEngine.from(start, log) : null
  let engine = numeric === null ? general(config, start, steps, log) : null
  const checkpoints: Array<Checkpoint> = []
  const previous = options.previous ?? []
  // Counted once: the loop then reads no property of an empty list, whose layout (an empty array's) differs from
  // a list of checkpoints' and would send compiled code back to the interpreter (at every first valuation).
  const earlier = previous.length
  const through = options.through ?? null
  let from: Position | null = start.period !== null && start.period.steps.length > 0 ? positionOfStep(start.period.steps[0]!) : null
  let next = 0
  let due = config.checkpointEvery
  let converged: Position | null = null
  try {
    for (let i = 0; i < steps.length; i++) {
      const step = steps.get(i)
      if (step === null) continue
      if (from === null) from = positionOfStep(step)
      if (numeric !== null) {
        if (numeric.step(step)) numeric.since++
        else {
          engine = general(config, numeric.snapshot(), steps, log)
          numeric = null
        }
      }
      if (engine !== null) {
        engine.step(step)
        engine.since++
      }
      // An earlier checkpoint later in time than the step cannot be the step's (most steps, most of the time).
      if (next < earlier && previous[next]!.position.at <= step.at) {
        // A step is a position (at, seq, id) as it is.
        while (next < earlier && compare(previous[next]!.position, step) < 0) next++
        const old = previous[next]
        if (old !== undefined && compare(old.position, step) === 0 && (through === null || compare(step, through) > 0) && (numeric !== null ? numeric.sameAs(old.state) : sameAs(engine!, old.state))) {
          converged = positionOfStep(step)
          break
        }
      }
      const since = numeric !== null ? numeric.since : engine!.since
      if (since >= due || (step.kind === "period-end" && engine !== null && engine.period !== null)) {
        const size = numeric !== null ? numeric.size() : engine!.size()
        if (since >= size || step.kind === "period-end") {
          due = config.checkpointEvery
          let state: State
          if (numeric !== null) {
            numeric.since = 0
            state = numeric.snapshot()
          } else {
            engine!.since = 0
            state = engine!.snapshot()
            if (allowNumeric) {
              numeric = NumericEngine.from(state, log)
              if (numeric !== null) engine = null
            }
          }
          checkpoints.push({ itemId: config.itemId, position: positionOfStep(step), state })
        } else due = size
      }
    }
    const state = numeric !== null ? numeric.snapshot() : engine!.snapshot()
    let view = state
    if (converged === null && engine !== null && engine.period !== null && engine.period.length > 0) {
      engine.closePeriod()
      view = { ...engine.snapshot(), period: { steps: [] }, since: state.since }
    }
    return Result.succeed({ state, view, entries: log, checkpoints, from, converged })
  } catch (e) {
    if (e instanceof Failure) return Result.fail(e.error)
    throw e
  }
}

const general = (config: Config, start: State, steps: StepSource, log: EntryLog): Engine => {
  const engine = new Engine(config, start, 0, log)
  engine.copySteps = steps.reused === true
  return engine
}

/** Whether a running engine's state equals a saved state, apart from the checkpoint counter. */
const sameAs = (engine: Engine, state: State): boolean => {
  if (engine.method !== state.method || !sameRate(engine.last, state.last)) return false
  if (engine.period !== null || state.period !== null || engine.pools.size !== state.pools.length) return false
  for (const saved of state.pools) {
    const pool = engine.pools.get(saved.key)
    if (pool === undefined || pool.quantity !== saved.quantity || pool.value !== saved.value || !sameRate(pool.last, saved.last)) return false
    const layers = pool.layers
    if (layers.length - pool.head !== saved.layers.length || pool.shortfalls.length - pool.shortHead !== saved.shortfalls.length) return false
    for (let i = 0; i < saved.layers.length; i++) {
      const a = layers[pool.head + i]!
      const b = saved.layers[i]!
      if (a.receiptId !== b.receiptId || a.quantity !== b.quantity || a.value !== b.value || a.unit !== b.unit || a.at !== b.at || a.seq !== b.seq || a.original !== b.original) return false
    }
    for (let i = 0; i < saved.shortfalls.length; i++) {
      const a = pool.shortfalls[pool.shortHead + i]!
      const b = saved.shortfalls[i]!
      if (a !== b && (a.issueId !== b.issueId || a.quantity !== b.quantity || a.value !== b.value || a.account !== b.account)) return false
    }
  }
  return true
}

const sameRate = (a: Rate | null, b: Rate | null): boolean => a === b || (a !== null && b !== null && a.value === b.value && a.quantity === b.quantity)

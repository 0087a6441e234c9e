/**
 * The asset lifecycle: an exhaustive state machine.
 *
 * An asset is in one of ten states. An {@link Action} leads to exactly one target state, and each state allows
 * a fixed set of actions; anything else is an {@link InvalidTransition} naming the current state, the target
 * and the action. Both halves are `ts-pattern` matches with `.exhaustive()`, so a new state or action does
 * not compile until its transitions are decided.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import { match } from "ts-pattern"
import { InvalidTransition } from "./AssetError.ts"

/**
 * Every state an asset can be in.
 *
 * @since 0.1.0
 */
export const states = [
  "onOrder",
  "inStock",
  "deployed",
  "inRepair",
  "inMaintenance",
  "retired",
  "disposed",
  "lost",
  "missing",
  "stolen"
] as const

/** An asset's state. @since 0.1.0 */
export const State = Schema.Literals(states)
/** @since 0.1.0 */
export type State = typeof State.Type

/**
 * Every action that changes an asset's state.
 *
 * @since 0.1.0
 */
export const actions = [
  "receive",
  "checkOut",
  "checkIn",
  "sendToRepair",
  "repaired",
  "startMaintenance",
  "maintenanceDone",
  "retire",
  "reinstate",
  "dispose",
  "reportLost",
  "reportMissing",
  "reportStolen",
  "found",
  "writeOff"
] as const

/** An action on an asset. @since 0.1.0 */
export const Action = Schema.Literals(actions)
/** @since 0.1.0 */
export type Action = typeof Action.Type

/**
 * The state an action leads to, wherever it is allowed.
 *
 * @since 0.1.0
 */
export const target = (action: Action): State =>
  match(action)
    .with("receive", "checkIn", "repaired", "maintenanceDone", "reinstate", "found", () => "inStock" as const)
    .with("checkOut", () => "deployed" as const)
    .with("sendToRepair", () => "inRepair" as const)
    .with("startMaintenance", () => "inMaintenance" as const)
    .with("retire", () => "retired" as const)
    .with("dispose", "writeOff", () => "disposed" as const)
    .with("reportLost", () => "lost" as const)
    .with("reportMissing", () => "missing" as const)
    .with("reportStolen", () => "stolen" as const)
    .exhaustive()

const vanish = ["reportLost", "reportMissing", "reportStolen"] as const
const inUse = ["sendToRepair", "startMaintenance", ...vanish] as const

/**
 * The actions a state allows. A disposed asset allows none.
 *
 * @since 0.1.0
 */
export const allowed = (state: State): ReadonlyArray<Action> =>
  match<State, ReadonlyArray<Action>>(state)
    .with("onOrder", () => ["receive"])
    .with("inStock", () => ["checkOut", ...inUse, "retire"])
    .with("deployed", () => ["checkIn", ...inUse])
    .with("inRepair", () => ["repaired", "retire", ...vanish])
    .with("inMaintenance", () => ["maintenanceDone", "retire", ...vanish])
    .with("retired", () => ["reinstate", "dispose", ...vanish])
    .with("disposed", () => [])
    .with("lost", () => ["found", "reportStolen", "writeOff"])
    .with("missing", () => ["found", "reportLost", "reportStolen", "writeOff"])
    .with("stolen", () => ["found", "writeOff"])
    .exhaustive()

/**
 * The state after `action`, or an {@link InvalidTransition} naming both states and the action.
 *
 * @since 0.1.0
 */
export const transition = (from: State, action: Action): Result.Result<State, InvalidTransition> =>
  allowed(from).includes(action)
    ? Result.succeed(target(action))
    : Result.fail(new InvalidTransition({ from, to: target(action), action }))

/**
 * The whole table: every allowed `(from, action) → to`.
 *
 * @since 0.1.0
 */
export const transitions: ReadonlyArray<{ readonly from: State; readonly action: Action; readonly to: State }> = states
  .flatMap((from) => allowed(from).map((action) => ({ from, action, to: target(action) })))

/**
 * Whether the asset is out of circulation for good.
 *
 * @since 0.1.0
 */
export const isTerminal = (state: State): boolean => allowed(state).length === 0

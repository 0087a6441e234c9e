/**
 * Reorder policies as pure decisions over exact quantities: given an item's policy and its inventory
 * position, whether to order, how much, and why.
 *
 * Inventory position = on hand + on order − reserved − backordered, in smallest base units (`bigint`).
 *
 * | policy | orders when | raw quantity |
 * |---|---|---|
 * | `rop-q` (ROP, Q) and `eoq` | position ≤ reorder point | the fewest multiples of Q that lift the position above the reorder point |
 * | `min-max` (s, S) | position ≤ min | max − position |
 * | `periodic` (R, S) | position < max (or ≤ min when a min is set: (R, s, S)) | max − position |
 *
 * The `eoq` kind is (ROP, Q) with Q the economic order quantity stored as the policy's order quantity (see
 * {@link policyInput}). A periodic policy is evaluated whenever it is asked: run it on the review cadence.
 *
 * **Rounding rule.** The raw quantity is first raised to the minimum order quantity, then rounded up to a
 * whole number of packs: `packSize · ⌈max(raw, MOQ) / packSize⌉`. Nothing is ever rounded down, so the
 * ordered quantity always covers the raw need.
 *
 * @since 0.1.0
 */
import { BigDecimal, Result } from "effect"
import { invalid } from "./internal/planning.ts"
import type { ReorderPolicy, ReorderPolicyInput } from "./Item.ts"
import type { InvalidPlanningInput } from "./PlanningError.ts"
import * as Quantity from "./Quantity.ts"

/**
 * The parts of an inventory position, in smallest base units.
 *
 * @since 0.1.0
 */
export interface Position {
  readonly onHand: bigint
  readonly onOrder: bigint
  readonly reserved: bigint
  readonly backordered: bigint
}

/**
 * Inventory position: on hand + on order − reserved − backordered.
 *
 * @since 0.1.0
 */
export const inventoryPosition = (p: Position): bigint => p.onHand + p.onOrder - p.reserved - p.backordered

/** Why a policy suggests an order. @since 0.1.0 */
export type Trigger = "at-or-below-reorder-point" | "at-or-below-min" | "below-order-up-to-level"

/**
 * A rounding step applied to the raw quantity.
 *
 * @since 0.1.0
 */
export type Adjustment = "raised-to-minimum-order-quantity" | "rounded-up-to-pack-size"

/**
 * The outcome of a policy: `order` is false when the position is healthy. Quantities are in smallest base
 * units. `level` is the reorder point or min the position was compared with, `target` the order-up-to level
 * (null for (ROP, Q)), and `orderQuantity` the Q that the raw quantity is a multiple of (null for order-up-to
 * policies).
 *
 * @since 0.1.0
 */
export interface Decision {
  readonly order: boolean
  readonly trigger: Trigger | null
  readonly inventoryPosition: bigint
  readonly level: bigint
  readonly target: bigint | null
  readonly orderQuantity: bigint | null
  readonly raw: bigint
  readonly quantity: bigint
  readonly adjustments: ReadonlyArray<Adjustment>
}

/**
 * A policy could not be evaluated because a field it needs is missing or inconsistent.
 *
 * @since 0.1.0
 */
export interface Incomplete {
  readonly field: string
  readonly reason: string
}

const units = (value: BigDecimal.BigDecimal | undefined, decimals: number): bigint | undefined => {
  if (value === undefined) return undefined
  const n = BigDecimal.normalize(value)
  if (n.scale <= decimals) return n.value * 10n ** BigInt(decimals - n.scale)
  // More decimals than the item counts in: round up, the safe side for every policy field.
  const divisor = 10n ** BigInt(n.scale - decimals)
  const q = n.value / divisor
  return n.value % divisor > 0n ? q + 1n : q
}

/**
 * Applies the rounding rule to a raw quantity (all in smallest base units): raise to the minimum order
 * quantity, then round up to a multiple of the pack size. A zero or absent pack size or MOQ is no constraint.
 *
 * @since 0.1.0
 */
export const roundOrder = (
  raw: bigint,
  packSize: bigint | undefined,
  minimumOrderQuantity: bigint | undefined
): { readonly quantity: bigint; readonly adjustments: ReadonlyArray<Adjustment> } => {
  const adjustments: Array<Adjustment> = []
  let q = raw
  if (minimumOrderQuantity !== undefined && q < minimumOrderQuantity) {
    q = minimumOrderQuantity
    adjustments.push("raised-to-minimum-order-quantity")
  }
  if (packSize !== undefined && packSize > 0n && q % packSize !== 0n) {
    q = (q / packSize + 1n) * packSize
    adjustments.push("rounded-up-to-pack-size")
  }
  return { quantity: q, adjustments }
}

/**
 * Evaluates a policy against a position, for an item counted in `decimals` base-unit decimals. Fails with
 * {@link Incomplete} when the policy lacks a field its kind needs; returns null for kind `none`.
 *
 * @since 0.1.0
 */
export const evaluate = (policy: ReorderPolicy, position: Position, decimals: number): Result.Result<Decision | null, Incomplete> => {
  if (policy.kind === "none") return Result.succeed(null)
  const ip = inventoryPosition(position)
  const pack = units(policy.packSize, decimals)
  const moq = units(policy.minimumOrderQuantity, decimals)
  const decide = (trigger: Trigger | null, level: bigint, target: bigint | null, raw: bigint, orderQuantity: bigint | null = null): Decision => {
    if (trigger === null || raw <= 0n) {
      return { order: false, trigger: null, inventoryPosition: ip, level, target, orderQuantity, raw: 0n, quantity: 0n, adjustments: [] }
    }
    const rounded = roundOrder(raw, pack, moq)
    return { order: true, trigger, inventoryPosition: ip, level, target, orderQuantity, raw, ...rounded }
  }
  const missing = (field: string, reason = "is required for this policy kind") => Result.fail<Incomplete>({ field, reason })
  switch (policy.kind) {
    case "rop-q":
    case "eoq": {
      const rop = units(policy.reorderPoint, decimals)
      const q = units(policy.orderQuantity, decimals)
      if (rop === undefined) return missing("reorderPoint")
      if (q === undefined) return missing("orderQuantity", policy.kind === "eoq" ? "must hold the economic order quantity" : undefined)
      if (q <= 0n) return missing("orderQuantity", "must be positive")
      if (ip > rop) return Result.succeed(decide(null, rop, null, 0n, q))
      const n = (rop - ip) / q + 1n
      return Result.succeed(decide("at-or-below-reorder-point", rop, null, n * q, q))
    }
    case "min-max": {
      const min = units(policy.min, decimals)
      const max = units(policy.max, decimals)
      if (min === undefined) return missing("min")
      if (max === undefined) return missing("max")
      if (max < min) return missing("max", "must not be below min")
      return Result.succeed(ip <= min ? decide("at-or-below-min", min, max, max - ip) : decide(null, min, max, 0n))
    }
    case "periodic": {
      const max = units(policy.max, decimals)
      const min = units(policy.min, decimals)
      if (max === undefined) return missing("max", "must hold the order-up-to level")
      if (min !== undefined && max < min) return missing("max", "must not be below min")
      if (min !== undefined) return Result.succeed(ip <= min ? decide("at-or-below-min", min, max, max - ip) : decide(null, min, max, 0n))
      return Result.succeed(ip < max ? decide("below-order-up-to-level", max, max, max - ip) : decide(null, max, max, 0n))
    }
  }
}

/**
 * The smallest count of units at `decimals` decimals that covers a non-negative real quantity: `⌈x·10^d⌉`,
 * except that a value within 1e−9 (relative) of a whole unit counts as that unit, so floating-point noise
 * (`12.000000000001`) does not add a unit.
 *
 * @since 0.1.0
 */
export const unitsCovering = (x: number, decimals: number, field = "quantity"): Result.Result<bigint, InvalidPlanningInput> => {
  if (!Number.isFinite(x) || x < 0) return invalid("unitsCovering", field, `must be a finite number ≥ 0 (got ${x})`)
  const scaled = x * 10 ** decimals
  if (scaled > Number.MAX_SAFE_INTEGER) return invalid("unitsCovering", field, `is too large to convert exactly (got ${x})`)
  const nearest = Math.round(scaled)
  return Result.succeed(BigInt(Math.abs(scaled - nearest) <= 1e-9 * Math.max(1, scaled) ? nearest : Math.ceil(scaled)))
}

/**
 * Real-valued policy parameters (from {@link Eoq} and {@link SafetyStock}) to give an item.
 *
 * @since 0.1.0
 */
export interface PolicyFigures {
  readonly kind: ReorderPolicy["kind"]
  readonly reorderPoint?: number
  readonly orderQuantity?: number
  readonly min?: number
  readonly max?: number
  readonly reviewPeriodDays?: number
  readonly leadTimeDays?: number
}

/**
 * Turns computed figures into an item's reorder policy input, each quantity rounded up to the item's smallest
 * unit by {@link unitsCovering} (a negative reorder point, from a negative safety stock, becomes zero). The
 * pack size and minimum order quantity are kept from `current`, the item's policy so far. Pass the result to
 * `Catalog.updateItem(id, { reorder })`.
 *
 * @since 0.1.0
 */
export const policyInput = (
  figures: PolicyFigures,
  decimals: number,
  current?: ReorderPolicy
): Result.Result<ReorderPolicyInput, InvalidPlanningInput> =>
  Result.gen(function*() {
    const out: { -readonly [K in keyof ReorderPolicyInput]: ReorderPolicyInput[K] } = { kind: figures.kind }
    if (current?.packSize !== undefined) out.packSize = current.packSize
    if (current?.minimumOrderQuantity !== undefined) out.minimumOrderQuantity = current.minimumOrderQuantity
    for (const key of ["reorderPoint", "orderQuantity", "min", "max"] as const) {
      const value = figures[key]
      if (value === undefined) continue
      const u = yield* unitsCovering(Math.max(0, value), decimals, key)
      out[key] = Quantity.formatUnits(u, decimals)
    }
    if (figures.reviewPeriodDays !== undefined) {
      if (!(Number.isInteger(figures.reviewPeriodDays) && figures.reviewPeriodDays > 0)) {
        return yield* invalid("policyInput", "reviewPeriodDays", `must be a positive whole number of days (got ${figures.reviewPeriodDays})`)
      }
      out.reviewPeriodDays = figures.reviewPeriodDays
    }
    if (figures.leadTimeDays !== undefined) {
      if (!(Number.isFinite(figures.leadTimeDays) && figures.leadTimeDays >= 0)) {
        return yield* invalid("policyInput", "leadTimeDays", `must be a finite number ≥ 0 (got ${figures.leadTimeDays})`)
      }
      out.leadTimeDays = figures.leadTimeDays
    }
    return out
  })

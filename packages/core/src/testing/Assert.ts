/**
 * Assertions for contract cases, as effects that fail with {@link ContractFailure}, so the suite runs under
 * any test runner.
 *
 * @since 0.1.0
 */
import { BigDecimal, Effect, Exit, Schema } from "effect"

/**
 * A contract case found the store behaving differently from the contract.
 *
 * @since 0.1.0
 */
export class ContractFailure extends Schema.TaggedError<ContractFailure>()("ContractFailure", {
  message: Schema.String
}) {}

/** Renders values for messages, bigints and decimals included. @since 0.1.0 */
export const show = (value: unknown): string =>
  JSON.stringify(value, function(this: Record<string, unknown>, key: string, v: unknown) {
    // `this[key]` is the value before its own toJSON ran, so decimals render as decimals.
    const raw = key === "" ? value : this[key]
    return typeof raw === "bigint" ? `${raw}n` : BigDecimal.isBigDecimal(raw) ? BigDecimal.format(raw) : v
  })

/** Fails unless `condition` holds. @since 0.1.0 */
export const that = (condition: boolean, what: string): Effect.Effect<void, ContractFailure> =>
  condition ? Effect.void : Effect.fail(new ContractFailure({ message: what }))

/** Fails unless the two values render the same. @since 0.1.0 */
export const equal = (actual: unknown, expected: unknown, what: string): Effect.Effect<void, ContractFailure> => {
  const a = show(actual)
  const e = show(expected)
  return a === e ? Effect.void : Effect.fail(new ContractFailure({ message: `${what}: expected ${e}, got ${a}` }))
}

/** Fails unless a decimal equals the expected decimal string. @since 0.1.0 */
export const decimal = (actual: BigDecimal.BigDecimal, expected: string, what: string): Effect.Effect<void, ContractFailure> =>
  BigDecimal.equals(actual, BigDecimal.fromStringUnsafe(expected))
    ? Effect.void
    : Effect.fail(new ContractFailure({ message: `${what}: expected ${expected}, got ${BigDecimal.format(actual)}` }))

/**
 * Runs an effect that must fail with the given tag, and returns that error.
 *
 * @since 0.1.0
 */
export const failsWith = <A, E, R, T extends string>(
  effect: Effect.Effect<A, E, R>,
  tag: T,
  what: string
): Effect.Effect<Extract<E, { readonly _tag: T }>, ContractFailure, R> =>
  Effect.flatMap(Effect.exit(effect), (exit) => {
    if (Exit.isSuccess(exit)) {
      return Effect.fail(new ContractFailure({ message: `${what}: expected ${tag}, but it succeeded with ${show(exit.value)}` }))
    }
    const error = exit.cause.reasons.find((r) => r._tag === "Fail")
    const failure = error?._tag === "Fail" ? (error.error as { readonly _tag?: unknown }) : undefined
    if (failure?._tag === tag) return Effect.succeed(failure as Extract<E, { readonly _tag: T }>)
    return Effect.fail(new ContractFailure({ message: `${what}: expected ${tag}, got ${failure === undefined ? String(exit.cause) : show(failure)}` }))
  })

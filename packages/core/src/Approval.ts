/**
 * Approval limits per role: who may approve a document (a count's adjustments, a requisition) of a given value.
 *
 * A policy gives each role a limit: the largest absolute value it may approve (exact money, or unlimited), an
 * optional largest percentage (for example a count variance relative to the expected quantity), and an optional
 * lower limit for documents the approver created. {@link check} is pure: it takes the approver's roles, the
 * amount and the document's creator and says which role allows it, or fails with {@link ApprovalDenied} naming
 * the role and the limit that was exceeded. {@link authorize} does the same for the {@link CurrentActor}.
 *
 * @since 0.1.0
 */
import { BigDecimal, Effect, Result, Schema } from "effect"
import * as CurrentActor from "./CurrentActor.ts"
import * as InputError from "./InputError.ts"

/**
 * An actor's role, as in {@link CurrentActor.Role}.
 *
 * @since 0.1.0
 */
export const Role = Schema.Literals(["viewer", "operator", "manager", "admin"])

const NonNegative = Schema.BigDecimalFromString.pipe(
  Schema.check(Schema.makeFilter((d: BigDecimal.BigDecimal) => !BigDecimal.isNegative(d) || "a non-negative decimal"))
)

/**
 * The limit of one role. `maxValue` null means no limit on the value. `maxPercentage` (for example `"5"` for
 * 5 %) is checked only when the document has a percentage. `maxOwnValue` applies instead of `maxValue` when the
 * approver created the document; without it, approving one's own document is limited by `maxValue`.
 *
 * @since 0.1.0
 */
export const Limit = Schema.Struct({
  role: Role,
  maxValue: Schema.NullOr(NonNegative),
  maxPercentage: Schema.optionalKey(NonNegative),
  maxOwnValue: Schema.optionalKey(NonNegative)
})

/** @since 0.1.0 */
export type Limit = typeof Limit.Type

/**
 * An approval policy: the limits of the roles that may approve. A role without a limit may not approve at all.
 *
 * @since 0.1.0
 */
export const Policy = Schema.Struct({
  limits: Schema.Array(Limit)
})

/** @since 0.1.0 */
export type Policy = typeof Policy.Type

/**
 * Which limit was exceeded: the value, the percentage, the value of one's own document, or none at all because
 * no role of the approver has a limit.
 *
 * @since 0.1.0
 */
export const Exceeded = Schema.Literals(["value", "percentage", "own-document", "no-limit"])

/** @since 0.1.0 */
export type Exceeded = typeof Exceeded.Type

/**
 * The approver may not approve this amount. `role` is the approver's most privileged role that has a limit (or
 * their most privileged role when none has), `limit` the exceeded limit as a decimal (null for `no-limit`).
 *
 * @since 0.1.0
 */
export class ApprovalDenied extends Schema.TaggedError<ApprovalDenied>()("ApprovalDenied", {
  role: Role,
  exceeded: Exceeded,
  limit: Schema.NullOr(Schema.String),
  amount: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    switch (this.exceeded) {
      case "no-limit":
        return `role ${this.role} may not approve (amount ${this.amount})`
      case "percentage":
        return `role ${this.role} may approve up to ${this.limit} %, not ${this.amount} %`
      case "own-document":
        return `role ${this.role} may approve its own documents up to ${this.limit}, not ${this.amount}`
      case "value":
        return `role ${this.role} may approve up to ${this.limit}, not ${this.amount}`
    }
  }
}

/**
 * What allowed an approval: the role and its limit.
 *
 * @since 0.1.0
 */
export interface Approved {
  readonly role: CurrentActor.Role
  readonly limit: Limit
}

/**
 * Options of {@link check}: the percentage of the document (checked against `maxPercentage`), and the approver
 * and the document's creator (when they are the same, `maxOwnValue` applies).
 *
 * @since 0.1.0
 */
export interface CheckOptions {
  readonly percentage?: BigDecimal.BigDecimal | undefined
  readonly approverId?: string | undefined
  readonly createdBy?: string | undefined
}

const rank = (role: CurrentActor.Role): number => CurrentActor.roles.indexOf(role)

const abs = (d: BigDecimal.BigDecimal): BigDecimal.BigDecimal => BigDecimal.abs(d)

const fmt = (d: BigDecimal.BigDecimal): string => BigDecimal.format(BigDecimal.normalize(d))

/**
 * Checks whether an approver holding `actorRoles` may approve `amount` (its absolute value is compared). An
 * approver without roles is a viewer. The approval succeeds with the first role, from the most privileged down,
 * whose limit allows the value, the percentage and (for one's own document) the own-document value. Otherwise
 * it fails naming the most privileged role that has a limit and the first limit of that role exceeded.
 *
 * @since 0.1.0
 */
export const check = (
  policy: Policy,
  actorRoles: ReadonlyArray<CurrentActor.Role> | undefined,
  amount: BigDecimal.BigDecimal,
  options: CheckOptions = {}
): Result.Result<Approved, ApprovalDenied> => {
  const held = [...new Set(actorRoles === undefined || actorRoles.length === 0 ? ["viewer" as const] : actorRoles)]
    .sort((a, b) => rank(b) - rank(a))
  const value = abs(amount)
  const percentage = options.percentage === undefined ? undefined : abs(options.percentage)
  const own = options.approverId !== undefined && options.approverId === options.createdBy
  let denial: ApprovalDenied | undefined
  for (const role of held) {
    const limit = policy.limits.find((l) => l.role === role)
    if (limit === undefined) continue
    const failure = exceeded(limit, value, percentage, own)
    if (failure === undefined) return Result.succeed({ role, limit })
    denial ??= new ApprovalDenied({ role, ...failure })
  }
  return Result.fail(denial ?? new ApprovalDenied({ role: held[0]!, exceeded: "no-limit", limit: null, amount: fmt(value) }))
}

const exceeded = (
  limit: Limit,
  value: BigDecimal.BigDecimal,
  percentage: BigDecimal.BigDecimal | undefined,
  own: boolean
): { exceeded: Exceeded; limit: string; amount: string } | undefined => {
  if (limit.maxValue !== null && BigDecimal.isGreaterThan(value, limit.maxValue)) {
    return { exceeded: "value", limit: fmt(limit.maxValue), amount: fmt(value) }
  }
  if (percentage !== undefined && limit.maxPercentage !== undefined && BigDecimal.isGreaterThan(percentage, limit.maxPercentage)) {
    return { exceeded: "percentage", limit: fmt(limit.maxPercentage), amount: fmt(percentage) }
  }
  if (own && limit.maxOwnValue !== undefined && BigDecimal.isGreaterThan(value, limit.maxOwnValue)) {
    return { exceeded: "own-document", limit: fmt(limit.maxOwnValue), amount: fmt(value) }
  }
  return undefined
}

/**
 * {@link check} for the current actor: their roles and id, against the document's creator.
 *
 * @since 0.1.0
 */
export const authorize = (
  policy: Policy,
  amount: BigDecimal.BigDecimal,
  options: { readonly percentage?: BigDecimal.BigDecimal | undefined; readonly createdBy?: string | undefined } = {}
): Effect.Effect<Approved, ApprovalDenied, CurrentActor.CurrentActor> =>
  Effect.flatMap(Effect.service(CurrentActor.CurrentActor), (actor) =>
    Effect.fromResult(check(policy, actor.roles, amount, { ...options, approverId: actor.actorId })))

/**
 * Decodes a policy from its encoded form (decimals as strings), for configuration.
 *
 * @since 0.1.0
 */
export const decodePolicy: (input: unknown) => Effect.Effect<Policy, InputError.InvalidInput> = InputError.decode(
  "Approval.decodePolicy",
  Policy
)

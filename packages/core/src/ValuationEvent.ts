/**
 * Valuation events: what the pure valuation functions take when there is no ledger. A receipt, an issue, a
 * transfer between sites, a landed cost, a cost adjustment, a method change or a period end, each with an id
 * and an effective time; quantities in any unit of the item, amounts as decimals.
 *
 * {@link toSteps} validates them (units convert exactly, receipts from a supplier or production carry a cost,
 * landed costs name receipts) and turns them into the engine's steps, in effective-time order.
 *
 * @since 0.1.0
 */
import { type BigDecimal, DateTime, Result, Schema } from "effect"
import * as Item from "./Item.ts"
import * as Money from "./Money.ts"
import { LotCode, Serial, TimeInput } from "./Movement.ts"
import * as Quantity from "./Quantity.ts"
import * as UnitOfMeasure from "./UnitOfMeasure.ts"
import { InvalidValuation, MissingUnitCost, UnknownReceipt } from "./ValuationError.ts"
import { type Account, CAPITALIZE_SEQ, compare, METHOD_SEQ, PERIOD_END_SEQ, type Step } from "./ValuationState.ts"

const Id = Schema.String.pipe(Schema.check(Schema.makeFilter((s: string) => (s.length >= 1 && s.length <= 128) || "1 to 128 characters")))

const movement = {
  id: Id,
  at: TimeInput,
  /** Orders events at the same instant; the input order by default. */
  seq: Schema.optionalKey(Schema.Int.pipe(Schema.check(Schema.isGreaterThan(0)))),
  quantity: Quantity.InputSchema,
  unit: Schema.optionalKey(Schema.String),
  site: Schema.optionalKey(Schema.String),
  lot: Schema.optionalKey(LotCode),
  serials: Schema.optionalKey(Schema.Array(Serial))
}

/** Goods in, with their unit cost per base unit. `from` is `supplier` by default. @since 0.1.0 */
export const Receipt = Schema.TaggedStruct("Receipt", {
  ...movement,
  unitCost: Schema.optionalKey(Quantity.InputSchema),
  from: Schema.optionalKey(Schema.Literals(["supplier", "production", "adjustment", "customer"]))
})

/** Goods out. `to` is `customer` by default; `supplier` is a return at layer cost. @since 0.1.0 */
export const Issue = Schema.TaggedStruct("Issue", {
  ...movement,
  to: Schema.optionalKey(Schema.Literals(["customer", "loss", "production", "supplier"]))
})

/** Goods from one site to another (only site scope values it). @since 0.1.0 */
export const Transfer = Schema.TaggedStruct("Transfer", { ...movement, toSite: Schema.String })

/** A landed cost (freight, duty) spread over receipts by quantity, value or weight. @since 0.1.0 */
export const LandedCost = Schema.TaggedStruct("LandedCost", {
  id: Id,
  at: TimeInput,
  amount: Quantity.InputSchema,
  basis: Schema.Literals(["quantity", "value", "weight"]),
  receipts: Schema.Array(Schema.Struct({ id: Id, weight: Schema.optionalKey(Quantity.InputSchema) }))
})

/** An amount added to (or taken from) one receipt's cost after the fact. @since 0.1.0 */
export const CostAdjustment = Schema.TaggedStruct("CostAdjustment", { id: Id, at: TimeInput, receiptId: Id, amount: Quantity.InputSchema })

/** The item's method changes from `at` on. @since 0.1.0 */
export const MethodChange = Schema.TaggedStruct("MethodChange", { id: Id, at: TimeInput, method: Item.ValuationMethod })

/** A period ends at `at`: periodic methods value it. @since 0.1.0 */
export const PeriodEnd = Schema.TaggedStruct("PeriodEnd", { id: Schema.optionalKey(Id), at: TimeInput })

/**
 * Any valuation event.
 *
 * @since 0.1.0
 */
export const ValuationEvent = Schema.Union([Receipt, Issue, Transfer, LandedCost, CostAdjustment, MethodChange, PeriodEnd])
/** The decoded form. @since 0.1.0 */
export type ValuationEvent = typeof ValuationEvent.Type
/** What callers pass. @since 0.1.0 */
export type Input = typeof ValuationEvent.Encoded

/**
 * What the pure functions need to know of an item: its method and units. A catalog `Item` will do.
 *
 * @since 0.1.0
 */
export interface ItemSpec {
  readonly id: string
  readonly valuationMethod: Item.ValuationMethod
  readonly baseUnit: { readonly code: string; readonly decimals: number }
  readonly conversions?: ReadonlyArray<UnitOfMeasure.Conversion>
}

/**
 * The conversion settings: the currency scale and whether cost pools are per site.
 *
 * @since 0.1.0
 */
export interface Settings {
  readonly currencyScale: number
  readonly scope: "company" | "site"
}

/** Every error {@link toSteps} can return. @since 0.1.0 */
export type StepError = Quantity.InvalidQuantity | UnitOfMeasure.UnknownUnit | MissingUnitCost | UnknownReceipt | InvalidValuation

const NONE: ReadonlyArray<never> = Object.freeze([])

/** Builds a step with every field, so every step has one shape. @since 0.1.0 */
export const makeStep = (fields: Partial<Step> & Pick<Step, "kind" | "id" | "at" | "seq">): Step => ({
  kind: fields.kind,
  id: fields.id,
  at: fields.at,
  seq: fields.seq,
  quantity: fields.quantity ?? 0n,
  value: fields.value ?? null,
  site: fields.site ?? "",
  toSite: fields.toSite ?? "",
  account: fields.account ?? "cogs",
  lot: fields.lot ?? null,
  serials: fields.serials ?? NONE,
  allocations: fields.allocations ?? NONE,
  method: fields.method ?? null,
  cause: fields.cause ?? ""
})

const RECEIPT_ACCOUNT: Record<string, Account> = { supplier: "purchase", production: "production", adjustment: "adjustment", customer: "customer-return" }

/**
 * Validates decoded events and turns them into steps in effective-time order. Events at the same instant keep
 * their `seq` (their input order by default); landed costs, cost adjustments, method changes and period ends
 * come before movements at the same instant.
 *
 * @since 0.1.0
 */
export const toSteps = (item: ItemSpec, events: ReadonlyArray<ValuationEvent>, settings: Settings): Result.Result<Array<Step>, StepError> => {
  const scheme = { base: item.baseUnit, conversions: item.conversions ?? [] } as unknown as UnitOfMeasure.Scheme
  const decimals = item.baseUnit.decimals
  const scale = settings.currencyScale
  const siteOf = (site: string | undefined) => (settings.scope === "site" ? site ?? "" : "")
  const receipts = new Map<string, { readonly quantity: bigint; readonly value: bigint }>()
  const steps: Array<Step> = []
  const quantityOf = (e: { readonly quantity: Quantity.Input; readonly unit?: string }, i: number) =>
    UnitOfMeasure.toBaseUnits(scheme, e.quantity, e.unit ?? scheme.base.code, `events[${i}].quantity`)
  const amountOf = (input: Quantity.Input, i: number, field: string) => Money.parse(input, scale, `events[${i}].${field}`)

  const ids = new Set<string>()
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!
    const at = DateTime.toEpochMillis(e.at)
    if (e.id !== undefined) {
      if (ids.has(e.id)) return Result.fail(new InvalidValuation({ field: `events[${i}].id`, reason: `repeats the id ${JSON.stringify(e.id)} of another event` }))
      ids.add(e.id)
    }
    if (e._tag === "Receipt" || e._tag === "Issue" || e._tag === "Transfer") {
      const quantity = quantityOf(e, i)
      if (Result.isFailure(quantity)) return Result.fail(quantity.failure)
      if (quantity.success <= 0n) return Result.fail(new InvalidValuation({ field: `events[${i}].quantity`, reason: "must be positive" }))
      const base = { id: e.id, at, seq: e.seq ?? i + 1, quantity: quantity.success, site: siteOf(e.site), lot: e.lot ?? null, serials: e.serials ?? NONE }
      if (e._tag === "Receipt") {
        const account = RECEIPT_ACCOUNT[e.from ?? "supplier"]!
        let value: bigint | null = null
        if (e.unitCost !== undefined) {
          const cost = Quantity.parse(e.unitCost, `events[${i}].unitCost`)
          if (Result.isFailure(cost)) return Result.fail(cost.failure)
          if (cost.success.value < 0n) return Result.fail(new InvalidValuation({ field: `events[${i}].unitCost`, reason: "must not be negative" }))
          value = Money.extend(cost.success, quantity.success, decimals, scale)
        } else if (account === "purchase" || account === "production") {
          return Result.fail(new MissingUnitCost({ itemId: item.id, movementId: e.id, reason: `a receipt from ${e.from ?? "supplier"} must carry its cost` }))
        }
        receipts.set(e.id, { quantity: quantity.success, value: value ?? 0n })
        steps.push(makeStep({ kind: "receipt", ...base, value, account }))
      } else if (e._tag === "Issue") {
        steps.push(makeStep({ kind: "issue", ...base, account: e.to === "supplier" ? "supplier-return" : "cogs" }))
      } else if (settings.scope === "site" && siteOf(e.site) !== e.toSite) {
        steps.push(makeStep({ kind: "transfer", ...base, toSite: e.toSite, account: "transfer" }))
      }
    } else if (e._tag === "MethodChange") {
      steps.push(makeStep({ kind: "method", id: e.id, at, seq: METHOD_SEQ, method: e.method }))
    } else if (e._tag === "PeriodEnd") {
      steps.push(makeStep({ kind: "period-end", id: e.id ?? `period-end:${at}`, at, seq: PERIOD_END_SEQ }))
    }
  }
  // Capitalized amounts name receipts anywhere in the input, so they are read once every receipt is known.
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!
    if (e._tag !== "LandedCost" && e._tag !== "CostAdjustment") continue
    const amount = amountOf(e.amount, i, "amount")
    if (Result.isFailure(amount)) return Result.fail(amount.failure)
    const named = e._tag === "LandedCost" ? e.receipts.map((r) => r.id) : [e.receiptId]
    const known: Array<{ readonly quantity: bigint; readonly value: bigint }> = []
    for (const id of named) {
      const receipt = receipts.get(id)
      if (receipt === undefined) return Result.fail(new UnknownReceipt({ movementId: id, reason: `is not a receipt of item ${JSON.stringify(item.id)}` }))
      known.push(receipt)
    }
    let weights: Array<bigint>
    if (e._tag === "CostAdjustment") weights = [1n]
    else if (e.basis === "quantity") weights = known.map((r) => r.quantity)
    else if (e.basis === "value") weights = known.map((r) => r.value)
    else {
      weights = []
      for (let k = 0; k < e.receipts.length; k++) {
        const w = e.receipts[k]!.weight
        const field = `events[${i}].receipts[${k}].weight`
        if (w === undefined) return Result.fail(new InvalidValuation({ field, reason: "is required to allocate by weight" }))
        const parsed = Quantity.parse(w, field)
        if (Result.isFailure(parsed)) return Result.fail(parsed.failure)
        weights.push(scaled(parsed.success))
      }
    }
    if (named.length === 0 || weights.some((w) => w < 0n) || weights.every((w) => w === 0n)) {
      return Result.fail(new InvalidValuation({ field: `events[${i}].receipts`, reason: `must name receipts with a positive total ${e._tag === "LandedCost" ? e.basis : "weight"}` }))
    }
    const shares = Money.allocate(amount.success, weights)
    steps.push(makeStep({
      kind: "capitalize",
      id: e.id,
      at: DateTime.toEpochMillis(e.at),
      seq: CAPITALIZE_SEQ,
      allocations: named.map((receiptId, k) => ({ receiptId, quantity: known[k]!.quantity, amount: shares[k]! })),
      cause: e._tag === "LandedCost" ? "landed-cost" : "cost-adjustment"
    }))
  }
  return Result.succeed(sortSteps(steps))
}

/** Sorts steps by position, in place, and returns them. @since 0.1.0 */
export const sortSteps = (steps: Array<Step>): Array<Step> => {
  for (let i = 1; i < steps.length; i++) if (compare(steps[i - 1]!, steps[i]!) > 0) return steps.sort(compare)
  return steps
}

// Weights as integers: every weight scaled to 18 decimals, so decimal weights allocate exactly.
const scaled = (d: BigDecimal.BigDecimal): bigint =>
  d.scale <= 18 ? d.value * 10n ** BigInt(18 - d.scale) : d.value / 10n ** BigInt(d.scale - 18)

/**
 * Response bodies of the asset routes that are not stored records themselves: pages, scan outcomes, audit
 * results, the ledger reconciliation, total cost of ownership and depreciation (amounts in minor units).
 *
 * @since 0.1.0
 */
import { Asset, AssetAudit, AssetLifecycle, CheckOut, DomainEvent } from "@quartermaster/core"
import { Schema } from "effect"
import { Count, Day, Decimal, Minor, Page, Time } from "./Fields.ts"

/**
 * A page of assets.
 *
 * @since 0.1.0
 */
export const AssetPage = Page("assets", Asset.Asset)

/**
 * A page of overdue check-outs.
 *
 * @since 0.1.0
 */
export const CheckOutPage = Page("checkOuts", CheckOut.CheckOut)

/**
 * Assets (components of one asset).
 *
 * @since 0.1.0
 */
export const Assets = Schema.Array(Asset.Asset)

/**
 * Check-outs of an asset, or those made by one bulk check-out.
 *
 * @since 0.1.0
 */
export const CheckOuts = Schema.Array(CheckOut.CheckOut)

/**
 * An asset's audit trail, a page of domain events.
 *
 * @since 0.1.0
 */
export const History = Schema.Struct({ events: Schema.Array(DomainEvent.Envelope) })

/**
 * Assets whose register location disagrees with the stock ledger.
 *
 * @since 0.1.0
 */
export const Reconciliation = Schema.Struct({
  mismatches: Schema.Array(Schema.Struct({
    assetId: Schema.String,
    tag: Schema.String,
    status: AssetLifecycle.State,
    assetLocationId: Schema.NullOr(Schema.String),
    ledgerLocationId: Schema.NullOr(Schema.String)
  }))
})

const meta = { deviceId: Schema.String, code: Schema.String, at: Time }

/**
 * What one scan did; a rejection carries its error's tag and message.
 *
 * @since 0.1.0
 */
export const ScanOutcome = Schema.Union([
  Schema.TaggedStruct("AssigneeScanned", { ...meta, assignee: Asset.Assignee }),
  Schema.TaggedStruct("CheckedOut", { ...meta, checkOut: CheckOut.CheckOut }),
  Schema.TaggedStruct("CheckedIn", { ...meta, checkOut: CheckOut.CheckOut }),
  Schema.TaggedStruct("Audited", { ...meta, auditId: Schema.String, assetId: Schema.String }),
  Schema.TaggedStruct("Rejected", { ...meta, error: Schema.Struct({ _tag: Schema.String, message: Schema.String }) })
])

/**
 * The outcomes of a batch of asset scans, in order.
 *
 * @since 0.1.0
 */
export const ScanOutcomes = Schema.Struct({ outcomes: Schema.Array(ScanOutcome) })

/**
 * An audit session.
 *
 * @since 0.1.0
 */
export const AuditSession = AssetAudit.AuditSession

/**
 * An audit's outcome so far: found, missing, and tags not expected at the location.
 *
 * @since 0.1.0
 */
export const AuditResult = Schema.Struct({
  found: Schema.Array(Schema.String),
  missing: Schema.Array(Schema.String),
  unexpected: Schema.Array(Schema.Struct({ tag: Schema.String, assetId: Schema.NullOr(Schema.String) }))
})

/**
 * An asset's total cost of ownership.
 *
 * @since 0.1.0
 */
export const TotalCost = Schema.Struct({
  assetId: Schema.String,
  purchase: Decimal,
  purchaseCostKnown: Schema.Boolean,
  maintenance: Decimal,
  parts: Decimal,
  disposalProceeds: Decimal,
  total: Decimal,
  workOrders: Count
})

const Method = Schema.Literals(["StraightLine", "DecliningBalance", "SumOfYearsDigits", "UnitsOfProduction", "Macrs"])

/**
 * One book's depreciation schedule; `disposal` is `null` while the asset is held.
 *
 * @since 0.1.0
 */
export const Schedule = Schema.Struct({
  book: Schema.String,
  method: Method,
  scale: Count,
  cost: Minor,
  salvage: Minor,
  granularity: Schema.Literals(["month", "year"]),
  rows: Schema.Array(Schema.Struct({
    periodStart: Day,
    periodEnd: Day,
    fiscalYear: Schema.Int,
    depreciation: Minor,
    impairment: Minor,
    accumulated: Minor,
    bookValue: Minor
  })),
  totalDepreciation: Minor,
  totalImpairment: Minor,
  disposal: Schema.NullOr(Schema.Struct({
    date: Day,
    bookValue: Minor,
    proceeds: Minor,
    gainOrLoss: Schema.Struct({ kind: Schema.Literals(["gain", "loss", "none"]), amount: Minor })
  }))
})

/**
 * An asset's depreciation, one schedule per book.
 *
 * @since 0.1.0
 */
export const Schedules = Schema.Struct({ books: Schema.Array(Schedule) })

/**
 * An asset's book values at the end of a day, per book.
 *
 * @since 0.1.0
 */
export const BookValues = Schema.Struct({
  date: Day,
  books: Schema.Array(Schema.Struct({
    book: Schema.String,
    date: Day,
    accumulated: Minor,
    impairment: Minor,
    bookValue: Minor,
    disposed: Schema.Boolean
  }))
})

const amounts = { cost: Minor, accumulated: Minor, impairment: Minor, bookValue: Minor, periodDepreciation: Minor }

/**
 * Book values of every depreciable asset at a date, with totals per book and the assets skipped.
 *
 * @since 0.1.0
 */
export const Portfolio = Schema.Struct({
  date: Day,
  scale: Count,
  assets: Schema.Array(Schema.Struct({
    assetId: Schema.String,
    tag: Schema.String,
    books: Schema.Array(Schema.Struct({ book: Schema.String, ...amounts, periodStart: Day, disposed: Schema.Boolean }))
  })),
  totals: Schema.Array(Schema.Struct({ book: Schema.String, assets: Count, ...amounts })),
  skipped: Schema.Array(Schema.Struct({ assetId: Schema.String, tag: Schema.String, reason: Schema.String }))
})

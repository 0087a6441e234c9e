/**
 * Response bodies of the licence, credential, maintenance and expiring routes that are not stored records
 * themselves: a licence with its assignments, the compliance report, the due list and what expires soon.
 *
 * @since 0.1.0
 */
import { Credential, Licence, MaintenancePlan, WorkOrder } from "@quartermaster/core"
import { Schema } from "effect"
import { Count, Day, Decimal, Page, Time } from "./Fields.ts"

/**
 * A licence with its current seat assignments.
 *
 * @since 0.1.0
 */
export const LicenceDetail = Schema.Struct({ ...Licence.Licence.fields, assignments: Schema.Array(Licence.Assignment) })

/**
 * The seat assignments of a licence.
 *
 * @since 0.1.0
 */
export const Assignments = Schema.Struct({ assignments: Schema.Array(Licence.Assignment) })

/**
 * One licence's compliance: seats against assignments, and what they cost.
 *
 * @since 0.1.0
 */
export const Compliance = Schema.Struct({
  licenceId: Schema.String,
  product: Schema.String,
  seatBasis: Licence.SeatBasis,
  seats: Count,
  assigned: Count,
  status: Schema.Literals(["over-allocated", "under-used", "compliant"]),
  unused: Count,
  shortfall: Count,
  totalCost: Decimal,
  unusedCost: Decimal,
  shortfallCost: Decimal,
  expired: Schema.Boolean
})

/**
 * The compliance report over every licence, with exact totals.
 *
 * @since 0.1.0
 */
export const ComplianceReport = Schema.Struct({
  rows: Schema.Array(Compliance),
  totalCost: Decimal,
  unusedCost: Decimal,
  shortfallCost: Decimal
})

const DueStatus = Schema.Literals(["notDue", "due", "overdue"])

/**
 * Where a maintenance plan stands: by date (calendar) or by meter reading.
 *
 * @since 0.1.0
 */
export const Due = Schema.Union([
  Schema.Struct({ kind: Schema.Literal("calendar"), status: DueStatus, nextDueOn: Day, daysLeft: Schema.Int }),
  Schema.Struct({ kind: Schema.Literal("meter"), status: DueStatus, nextDueAt: Decimal, remaining: Schema.NullOr(Decimal) })
])

/**
 * The due list: active plans with where each stands.
 *
 * @since 0.1.0
 */
export const DueList = Schema.Struct({ plans: Schema.Array(Schema.Struct({ plan: MaintenancePlan.MaintenancePlan, due: Due })) })

/**
 * What expires soon: credentials, licences, contracts and warranties.
 *
 * @since 0.1.0
 */
export const ExpiringList = Schema.Struct({
  rows: Schema.Array(Schema.Struct({
    kind: Schema.Literals(["certificate", "apiKey", "token", "licence", "contract", "warranty"]),
    id: Schema.String,
    name: Schema.String,
    date: Day,
    at: Schema.NullOr(Time),
    daysLeft: Schema.Int,
    expired: Schema.Boolean
  }))
})

/**
 * A page of licences.
 *
 * @since 0.1.0
 */
export const LicencePage = Page("licences", Licence.Licence)

/**
 * A page of credentials.
 *
 * @since 0.1.0
 */
export const CredentialPage = Page("credentials", Credential.Credential)

/**
 * A page of work orders.
 *
 * @since 0.1.0
 */
export const WorkOrderPage = Page("workOrders", WorkOrder.WorkOrder)

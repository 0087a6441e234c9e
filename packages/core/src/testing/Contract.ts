/**
 * The store contract suite: every case, for any adapter to run with its own layer.
 *
 * ```ts
 * import { Contract } from "@quartermaster/core/testing"
 * for (const c of Contract.cases()) it.effect(`${c.suite}: ${c.name}`, () => Effect.provide(c.run, MyStores.layer))
 * ```
 *
 * Each case runs as a fresh tenant, so every case may share one database.
 *
 * @since 0.1.0
 */
import type { Case } from "./Case.ts"
import * as AssetContract from "./AssetContract.ts"
import * as CatalogContract from "./CatalogContract.ts"
import * as CountContract from "./CountContract.ts"
import * as EventContract from "./EventContract.ts"
import * as InvariantContract from "./InvariantContract.ts"
import * as LedgerContract from "./LedgerContract.ts"
import * as LicenceContract from "./LicenceContract.ts"
import * as MaintenanceContract from "./MaintenanceContract.ts"
import * as PropertyContract from "./PropertyContract.ts"
import * as ProcurementContract from "./ProcurementContract.ts"
import * as ReservationContract from "./ReservationContract.ts"
import * as TransferContract from "./TransferContract.ts"
import * as ValuationContract from "./ValuationContract.ts"

/**
 * Options for the suite.
 *
 * @since 0.1.0
 */
export interface Options {
  /** How many random command sequences the property case checks (30 by default). */
  readonly propertyRuns?: number
  /** How many random posting histories the valuation property case checks (10 by default). */
  readonly valuationRuns?: number
}

/**
 * Every contract case.
 *
 * @since 0.1.0
 */
export const cases = (options: Options = {}): ReadonlyArray<Case> => [
  ...CatalogContract.cases,
  ...LedgerContract.cases,
  ...ReservationContract.cases,
  ...AssetContract.cases,
  ...LicenceContract.cases,
  ...MaintenanceContract.cases,
  ...ProcurementContract.cases,
  ...CountContract.cases,
  ...TransferContract.cases,
  ...EventContract.cases,
  ...InvariantContract.cases,
  ...PropertyContract.cases(options.propertyRuns),
  ...ValuationContract.cases(options.valuationRuns)
]

export type { Case }

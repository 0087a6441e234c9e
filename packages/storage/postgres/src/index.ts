/**
 * `@quartermaster/storage-postgres`: every core store port in SQL, on PostgreSQL.
 *
 * @since 0.1.0
 */

/** Every store on PostgreSQL: the layers to provide. @since 0.1.0 */
export * as PgStores from "./PgStores.ts"

/** Versioned, forward-only migrations. @since 0.1.0 */
export * as Migrations from "./Migrations.ts"

/** The catalog store in SQL. @since 0.1.0 */
export * as PgCatalogStore from "./PgCatalogStore.ts"

/** The ledger store in SQL. @since 0.1.0 */
export * as PgLedgerStore from "./PgLedgerStore.ts"

/** The reservation store in SQL. @since 0.1.0 */
export * as PgReservationStore from "./PgReservationStore.ts"

/** The event log and outbox in SQL. @since 0.1.0 */
export * as PgEventLog from "./PgEventLog.ts"

/** The valuation store in SQL. @since 0.1.0 */
export * as PgValuationStore from "./PgValuationStore.ts"

/** Licences and seat assignments on PostgreSQL. @since 0.1.0 */
export * as PgLicenceStore from "./PgLicenceStore.ts"

/** Credential metadata on PostgreSQL. @since 0.1.0 */
export * as PgCredentialStore from "./PgCredentialStore.ts"

/** Maintenance plans, meter readings and work orders on PostgreSQL. @since 0.1.0 */
export * as PgMaintenanceStore from "./PgMaintenanceStore.ts"

/** Requisitions and purchase orders on PostgreSQL. @since 0.1.0 */
export * as PgProcurementStore from "./PgProcurementStore.ts"

/** Cycle-count sessions and their cells on PostgreSQL. @since 0.1.0 */
export * as PgCountStore from "./PgCountStore.ts"

/** Transfers on PostgreSQL. @since 0.1.0 */
export * as PgTransferStore from "./PgTransferStore.ts"

/** The unit of work with transparent retries. @since 0.1.0 */
export * as PgUnitOfWork from "./PgUnitOfWork.ts"

/** Row-level security by session tenant. @since 0.1.0 */
export * as TenantSession from "./TenantSession.ts"

/** The asset register (assets, check-outs, audits) on PostgreSQL. @since 0.1.0 */
export * as PgAssetStore from "./PgAssetStore.ts"

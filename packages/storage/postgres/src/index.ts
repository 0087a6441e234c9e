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

/** The unit of work with transparent retries. @since 0.1.0 */
export * as PgUnitOfWork from "./PgUnitOfWork.ts"

/** Row-level security by session tenant. @since 0.1.0 */
export * as TenantSession from "./TenantSession.ts"

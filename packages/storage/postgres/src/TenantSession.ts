/**
 * Row-level security: the tenant a database session is pinned to.
 *
 * With `rowLevelSecurity: true`, every store operation runs in a transaction that sets `qm.tenant_id`, and
 * the policies from the `2_row_level_security` migration admit only that tenant's rows. The session tenant is
 * the `TenantSession` of the calling fiber if one is set (an application sets it from the authenticated
 * request), and otherwise the tenant the operation names. So even a query that asks for another tenant's
 * data, through a bug or a forged id, gets nothing back.
 *
 * @since 0.1.0
 */
import { Context, Effect } from "effect"
import type { SqlClient } from "effect/sql"

/**
 * The tenant the current fiber's database work is pinned to, if any.
 *
 * @since 0.1.0
 */
export const TenantSession = Context.Reference<string | undefined>("@quartermaster/storage-postgres/TenantSession", {
  defaultValue: () => undefined
})

/**
 * Runs an effect with the database session pinned to a tenant.
 *
 * @since 0.1.0
 */
export const pinned = (tenantId: string) => <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.provideService(effect, TenantSession, tenantId)

/**
 * Options shared by the SQL stores.
 *
 * @since 0.1.0
 */
export interface Options {
  /** Set `qm.tenant_id` around every operation so the row-level-security policies apply. Off by default. */
  readonly rowLevelSecurity?: boolean
}

/** @internal */
export const scope = (sql: SqlClient.SqlClient, options: Options) =>
<A, E, R>(tenantId: string, effect: Effect.Effect<A, E, R>) =>
  options.rowLevelSecurity !== true
    ? effect
    : Effect.flatMap(Effect.service(TenantSession), (session) =>
      sql.withTransaction(
        Effect.andThen(sql`SELECT set_config('qm.tenant_id', ${session ?? tenantId}, true)`, effect)
      ))

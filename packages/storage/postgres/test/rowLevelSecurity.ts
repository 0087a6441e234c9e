// Test helper: row-level security binds only roles without superuser or BYPASSRLS, so tests of it connect as a
// plain role, as an application would in production. The superuser connection creates the role and grants it.
import { PgStores } from "@quartermaster/storage-postgres"
import { Effect, Redacted } from "effect"
import { SqlClient } from "effect/sql"
import { databaseUrl, url } from "./database.ts"

export const APP_ROLE = "qm_rls_app"

/** The DATABASE_URL server, as the plain application role. */
export const appUrl = (): Redacted.Redacted<string> => {
  const parsed = new URL(databaseUrl!)
  parsed.username = APP_ROLE
  parsed.password = ""
  return Redacted.make(parsed.toString())
}

/** Creates the application role if needed (migrating the schema first) and grants it the tables. */
export const setup: Effect.Effect<void, unknown> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  yield* sql.unsafe(`DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN CREATE ROLE ${APP_ROLE} LOGIN; END IF;
  END $$`)
  yield* sql.unsafe(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`)
  yield* sql.unsafe(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`)
}).pipe(Effect.provide(PgStores.layer({ url: url!, maxConnections: 2 })))

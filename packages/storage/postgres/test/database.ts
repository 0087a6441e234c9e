// Test helper: the PostgreSQL server of DATABASE_URL. Tests that need it are skipped when it is not set,
// except under CI, where a missing DATABASE_URL is an error so a broken Postgres path can never pass silently.
import { Redacted } from "effect"

export const databaseUrl = process.env["DATABASE_URL"]

if (databaseUrl === undefined && process.env["CI"] === "true") {
  throw new Error("DATABASE_URL must be set under CI: the PostgreSQL tests cannot be skipped there")
}

export const url = databaseUrl === undefined ? undefined : Redacted.make(databaseUrl)

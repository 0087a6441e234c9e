/**
 * API keys: random secrets that authenticate a client as one role in one tenant.
 *
 * A key reads `qm_<id>_<secret>`: `id` is 16 public hex digits used to find the key, `secret` is 32 random
 * bytes in base64url. Only a scrypt hash of the whole key (with a per-key random salt) is stored, so the
 * plaintext is shown once, when the key is created. Verification looks the key up by id and compares the
 * hashes in constant time.
 *
 * scrypt is deliberately slow (tens of milliseconds), so verified keys are cached in memory by id together
 * with a SHA-256 digest of the presented key: a different secret for the same id misses the cache and is
 * checked with scrypt again. Revoking a key evicts it at once in this process; other processes sharing the
 * database drop it within {@link cacheTtlMillis}.
 *
 * @since 0.1.0
 */
import type { CurrentActor } from "@quartermaster/core"
import { Clock, Console, Context, Effect, Option, Redacted, Schema } from "effect"
import { SqlClient, type SqlError } from "effect/sql"
import { hash, randomBytes, scrypt, timingSafeEqual } from "node:crypto"
import type { ServerConfig } from "./Config.ts"
import { TimeText } from "./http/schemas/Fields.ts"

/**
 * A role of an API key: viewer, operator, manager or admin.
 *
 * @since 0.1.0
 */
export type Role = CurrentActor.Role

/**
 * The schema of a role.
 *
 * @since 0.1.0
 */
export const Role = Schema.Literals(["viewer", "operator", "manager", "admin"])

/**
 * Who a verified key speaks for.
 *
 * @since 0.1.0
 */
export interface Principal {
  readonly id: string
  readonly tenantId: string
  readonly role: Role
  readonly name: string
}

/**
 * A stored key as listed to admins: everything but the secret.
 *
 * @since 0.1.0
 */
export const KeyInfo = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  role: Role,
  createdAt: TimeText,
  revokedAt: Schema.NullOr(TimeText)
})

/**
 * A stored key as listed to admins.
 *
 * @since 0.1.0
 */
export type KeyInfo = typeof KeyInfo.Type

/**
 * The presented key is malformed, unknown, revoked or wrong.
 *
 * @since 0.1.0
 */
export class InvalidKey extends Schema.TaggedError<InvalidKey>()("InvalidKey", {}) {
  /** @since 0.1.0 */
  override get message(): string {
    return "the API key is missing, malformed, unknown or revoked"
  }
}

/**
 * No key with this id exists in the tenant.
 *
 * @since 0.1.0
 */
export class UnknownKey extends Schema.TaggedError<UnknownKey>()("UnknownKey", { keyId: Schema.String }) {
  /** @since 0.1.0 */
  override get message(): string {
    return `unknown API key ${JSON.stringify(this.keyId)}`
  }
}

/**
 * A bootstrap key from the environment that is too short to be safe.
 *
 * @since 0.1.0
 */
export class WeakBootstrapKey extends Schema.TaggedError<WeakBootstrapKey>()("WeakBootstrapKey", {}) {
  /** @since 0.1.0 */
  override get message(): string {
    return "QUARTERMASTER_ADMIN_KEY must be at least 24 characters long"
  }
}

/**
 * How long a verified key stays cached, in milliseconds.
 *
 * @since 0.1.0
 */
export const cacheTtlMillis = 30_000

/**
 * The tenant the bootstrap admin key belongs to.
 *
 * @since 0.1.0
 */
export const bootstrapTenant = "demo"

const KEY_FORMAT = /^qm_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/
const SCRYPT_KEYLEN = 32

// The one-shot `hash` runs on every authenticated request (the cache check); it is about twice as fast as a
// `createHash` object for a short input.
const sha256 = (text: string): string => hash("sha256", text, "hex")

/**
 * The public id of a key: the id embedded in a generated key, or a digest prefix for a key supplied through
 * `QUARTERMASTER_ADMIN_KEY` in another format.
 *
 * @since 0.1.0
 */
export const idOf = (key: string): string => KEY_FORMAT.exec(key)?.[1] ?? `env${sha256(key).slice(0, 13)}`

const hashOf = (key: string, salt: Buffer): Effect.Effect<Buffer> =>
  Effect.callback<Buffer>((resume) => {
    scrypt(key, salt, SCRYPT_KEYLEN, (error, derived) => {
      // scrypt fails only on invalid parameters, which are constants here.
      if (error !== null) resume(Effect.die(error))
      else resume(Effect.succeed(derived))
    })
  })

interface CacheEntry {
  readonly digest: string
  readonly principal: Principal
  readonly expiresAt: number
}

/**
 * The process-wide cache of verified keys.
 *
 * @since 0.1.0
 */
export const VerifiedCache = Context.Reference<Map<string, CacheEntry>>("@quartermaster/example-server/ApiKeys/VerifiedCache", {
  defaultValue: () => new Map()
})

/**
 * The principal of a key verified within {@link cacheTtlMillis} before `nowMillis`, without any effect: the
 * request path's fast check. `undefined` means the key must go through {@link verify}.
 *
 * @since 0.1.0
 */
export const fromCache = (cache: Map<string, CacheEntry>, key: string, nowMillis: number): Principal | undefined => {
  if (key.length < 8 || key.length > 512) return undefined
  const cached = cache.get(idOf(key))
  return cached !== undefined && cached.expiresAt > nowMillis && cached.digest === sha256(key) ? cached.principal : undefined
}

const insert = (sql: SqlClient.SqlClient, input: { tenantId: string; role: Role; name: string }, key: string) =>
  Effect.gen(function*() {
    const id = idOf(key)
    const salt = randomBytes(16)
    const hash = yield* hashOf(key, salt)
    yield* sql`INSERT INTO qm_api_keys (tenant_id, id, name, role, salt, hash)
      VALUES (${input.tenantId}, ${id}, ${input.name}, ${input.role}, ${salt.toString("base64")}, ${hash.toString("base64")})`
    return id
  })

/**
 * Creates a key and returns its plaintext, the only time it is ever available.
 *
 * @since 0.1.0
 */
export const create = (
  input: { readonly tenantId: string; readonly role: Role; readonly name: string }
): Effect.Effect<{ readonly id: string; readonly key: string }, SqlError.SqlError, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const key = `qm_${randomBytes(8).toString("hex")}_${randomBytes(32).toString("base64url")}`
    const id = yield* insert(sql, input, key)
    return { id, key }
  })

interface KeyRow {
  readonly tenant_id: string
  readonly id: string
  readonly name: string
  readonly role: string
  readonly salt: string
  readonly hash: string
  readonly revoked_at: unknown
}

/**
 * Checks a presented key: found by id, not revoked, and its scrypt hash matches. A key verified recently is
 * answered from the cache; otherwise `beforeHash` runs first (a caller's chance to refuse the expensive part, as
 * the server's limit on failed authentications does).
 *
 * @since 0.1.0
 */
export const verify = <E = never>(
  key: string,
  beforeHash: Effect.Effect<void, E> = Effect.void as Effect.Effect<void, E>
): Effect.Effect<Principal, InvalidKey | SqlError.SqlError | E, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    if (key.length < 8 || key.length > 512) return yield* new InvalidKey()
    const cache = yield* VerifiedCache
    const now = yield* Clock.currentTimeMillis
    const cached = fromCache(cache, key, now)
    if (cached !== undefined) return cached
    const id = idOf(key)
    const digest = sha256(key)
    yield* beforeHash
    const sql = yield* SqlClient.SqlClient
    const rows = yield* sql<KeyRow>`SELECT tenant_id, id, name, role, salt, hash, revoked_at FROM qm_api_keys WHERE id = ${id}`
    const row = rows[0]
    if (row === undefined || row.revoked_at !== null) {
      // Spend the same scrypt time on an unknown id as on a known one, so timing does not reveal ids.
      yield* hashOf(key, randomBytes(16))
      return yield* new InvalidKey()
    }
    const expected = Buffer.from(row.hash, "base64")
    const actual = yield* hashOf(key, Buffer.from(row.salt, "base64"))
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return yield* new InvalidKey()
    const principal: Principal = { id: row.id, tenantId: row.tenant_id, role: row.role as Role, name: row.name }
    cache.set(id, { digest, principal, expiresAt: now + cacheTtlMillis })
    return principal
  })

interface InfoRow {
  readonly id: string
  readonly name: string
  readonly role: string
  readonly created_at: unknown
  readonly revoked_at: unknown
}

const iso = (value: unknown): string => value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()

/**
 * Every key of a tenant, newest first, without secrets.
 *
 * @since 0.1.0
 */
export const list = (tenantId: string): Effect.Effect<ReadonlyArray<KeyInfo>, SqlError.SqlError, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const rows = yield* sql<InfoRow>`SELECT id, name, role, created_at, revoked_at FROM qm_api_keys
      WHERE tenant_id = ${tenantId} ORDER BY created_at DESC, id`
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      role: row.role as Role,
      createdAt: iso(row.created_at),
      revokedAt: row.revoked_at === null ? null : iso(row.revoked_at)
    }))
  })

/**
 * Revokes a key of the tenant. Revoking an already revoked key is a no-op.
 *
 * @since 0.1.0
 */
export const revoke = (tenantId: string, keyId: string): Effect.Effect<void, UnknownKey | SqlError.SqlError, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const rows = yield* sql<{ id: string }>`UPDATE qm_api_keys SET revoked_at = COALESCE(revoked_at, now())
      WHERE tenant_id = ${tenantId} AND id = ${keyId} RETURNING id`
    if (rows.length === 0) return yield* new UnknownKey({ keyId })
    const cache = yield* VerifiedCache
    cache.delete(keyId)
  })

/**
 * On first start, makes sure the "demo" tenant has an admin key: the one in `QUARTERMASTER_ADMIN_KEY` if set
 * (stored hashed, never printed), otherwise a new one printed once to stdout. Returns the key it printed.
 *
 * @since 0.1.0
 */
export const bootstrap = (
  config: Pick<ServerConfig, "bootstrapKey">
): Effect.Effect<Option.Option<string>, WeakBootstrapKey | SqlError.SqlError, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    if (Option.isSome(config.bootstrapKey)) {
      const key = Redacted.value(config.bootstrapKey.value)
      if (key.length < 24) return yield* new WeakBootstrapKey()
      const existing = yield* sql<{ id: string }>`SELECT id FROM qm_api_keys WHERE id = ${idOf(key)}`
      if (existing.length === 0) yield* insert(sql, { tenantId: bootstrapTenant, role: "admin", name: "bootstrap" }, key)
      return Option.none()
    }
    const admins = yield* sql<{ id: string }>`SELECT id FROM qm_api_keys
      WHERE tenant_id = ${bootstrapTenant} AND role = 'admin' LIMIT 1`
    if (admins.length > 0) return Option.none()
    const created = yield* create({ tenantId: bootstrapTenant, role: "admin", name: "bootstrap" })
    yield* Console.log(
      `\nBootstrap admin API key for tenant "${bootstrapTenant}" (shown once, store it now):\n\n  ${created.key}\n`
    )
    return Option.some(created.key)
  })

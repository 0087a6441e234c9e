/**
 * Credential commands: register, update and revoke certificates, API keys and tokens, by metadata only.
 *
 * Every command first looks for secret material in its raw input (see `Credential`) and refuses it
 * with {@link SecretMaterialRejected} before decoding or storing anything, then validates the fingerprint
 * and the validity window. Each runs in one unit of work with its domain event.
 *
 * @since 0.1.0
 */
import { DateTime, Effect, Result } from "effect"
import type { AssetDisposed, UnknownAsset } from "./AssetError.ts"
import { type Credential, CredentialInput, CredentialUpdate, type Kind, parseFingerprint } from "./Credential.ts"
import { DuplicateCredential, InvalidCredential, SecretMaterialRejected, UnknownCredential } from "./CredentialError.ts"
import { type CredentialFilter, CredentialStore } from "./CredentialStore.ts"
import { CurrentActor } from "./CurrentActor.ts"
import { emit, type EventLog } from "./EventLog.ts"
import type { IdGenerator } from "./IdGenerator.ts"
import type { CredentialId } from "./Ids.ts"
import { decode, type InvalidInput } from "./InputError.ts"
import { checkAssets } from "./internal/assetRefs.ts"
import { findSecret } from "./internal/secrets.ts"
import type { ConcurrentModification, StoreError } from "./StoreError.ts"
import { transaction, type UnitOfWork } from "./UnitOfWork.ts"

/** The services credential commands need. @since 0.1.0 */
export type Env = CredentialStore | EventLog | UnitOfWork | CurrentActor | IdGenerator

/** Every way a credential command can fail. None of them changes anything. @since 0.1.0 */
export type Error =
  | InvalidInput
  | SecretMaterialRejected
  | InvalidCredential
  | UnknownCredential
  | DuplicateCredential
  | UnknownAsset
  | AssetDisposed
  | ConcurrentModification
  | StoreError

const noSecrets = (input: unknown): Effect.Effect<void, SecretMaterialRejected> => {
  const found = findSecret(input)
  return found === undefined ? Effect.void : Effect.fail(new SecretMaterialRejected(found))
}

const assetsOf = (c: Credential) => c.usedBy.filter((u) => u.kind === "asset").map((u) => u.id)

const entities = (c: Credential) => [
  { type: "credential", id: c.id },
  ...c.usedBy.filter((u) => u.kind === "asset").map((u) => ({ type: "asset", id: u.id }))
]

// The checks that span fields: the fingerprint's format, the window's order, what a certificate must have.
const validate = (c: Credential, rawFingerprint: string | null): Effect.Effect<Credential, InvalidCredential> =>
  Effect.gen(function*() {
    let next = c
    if (rawFingerprint !== null) {
      const parsed = parseFingerprint(rawFingerprint)
      if (Result.isFailure(parsed)) return yield* new InvalidCredential({ field: "fingerprint", reason: parsed.failure })
      next = { ...next, fingerprint: parsed.success.hex, fingerprintAlgorithm: parsed.success.algorithm }
    } else {
      next = { ...next, fingerprint: null, fingerprintAlgorithm: null }
    }
    if (next.notBefore !== null && next.notAfter !== null && !DateTime.isLessThan(next.notBefore, next.notAfter)) {
      return yield* new InvalidCredential({ field: "notAfter", reason: "must be after notBefore" })
    }
    if (next.kind === "certificate") {
      for (const field of ["subject", "issuer", "fingerprint", "notAfter"] as const) {
        if (next[field] === null) return yield* new InvalidCredential({ field, reason: "is required for a certificate" })
      }
    }
    const seen = new Set<string>()
    for (const u of next.usedBy) {
      const key = `${u.kind}:${u.id}`
      if (seen.has(key)) return yield* new InvalidCredential({ field: "usedBy", reason: `lists ${key} twice` })
      seen.add(key)
    }
    return next
  })

const load = (id: string) =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor
    const c = (yield* (yield* CredentialStore).get(tenantId, [id as CredentialId])).get(id as CredentialId)
    if (c === undefined) return yield* new UnknownCredential({ credentialId: id })
    return c
  })

/**
 * Registers a credential's metadata.
 *
 * @since 0.1.0
 */
export const register = (input: CredentialInput): Effect.Effect<Credential, Error, Env> =>
  Effect.gen(function*() {
    yield* noSecrets(input)
    const i = yield* decode("registerCredential", CredentialInput)(input)
    const actor = yield* CurrentActor
    const now = yield* DateTime.now
    const credential = yield* validate({
      id: i.id,
      tenantId: actor.tenantId,
      kind: i.kind,
      name: i.name,
      subject: i.subject ?? null,
      issuer: i.issuer ?? null,
      fingerprint: null,
      fingerprintAlgorithm: null,
      serialNumber: i.serialNumber ?? null,
      notBefore: i.notBefore ?? null,
      notAfter: i.notAfter ?? null,
      owner: i.owner ?? null,
      usedBy: i.usedBy ?? [],
      revoked: false,
      version: 1,
      createdAt: now,
      updatedAt: now
    }, i.fingerprint ?? null)
    return yield* transaction(Effect.gen(function*() {
      yield* checkAssets(actor.tenantId, assetsOf(credential), "record a credential's use on")
      const store = yield* CredentialStore
      if ((yield* store.get(actor.tenantId, [credential.id])).size > 0) return yield* new DuplicateCredential({ credentialId: credential.id })
      yield* store.put([credential])
      yield* emit([{ event: { _tag: "CredentialRegistered", credential }, entities: entities(credential) }])
      return credential
    }))
  })

/**
 * Changes a credential's metadata, e.g. the new fingerprint and window of a reissued certificate.
 *
 * @since 0.1.0
 */
export const update = (id: string, patch: CredentialUpdate): Effect.Effect<Credential, Error, Env> =>
  Effect.gen(function*() {
    yield* noSecrets(patch)
    const p = yield* decode("updateCredential", CredentialUpdate)(patch)
    const now = yield* DateTime.now
    return yield* transaction(Effect.gen(function*() {
      const before = yield* load(id)
      const { fingerprint, ...rest } = p
      const raw = fingerprint === undefined ? before.fingerprint : fingerprint
      const next = yield* validate({ ...before, ...rest, version: before.version + 1, updatedAt: now }, raw)
      if (p.usedBy !== undefined) yield* checkAssets(next.tenantId, assetsOf(next), "record a credential's use on")
      yield* (yield* CredentialStore).put([next])
      yield* emit([{ event: { _tag: "CredentialUpdated", credential: next, changed: Object.keys(p).sort() }, entities: entities(next) }])
      return next
    }))
  })

/**
 * Marks a credential revoked: it no longer counts as expiring.
 *
 * @since 0.1.0
 */
export const revoke = (id: string): Effect.Effect<Credential, Error, Env> =>
  Effect.gen(function*() {
    const now = yield* DateTime.now
    return yield* transaction(Effect.gen(function*() {
      const before = yield* load(id)
      if (before.revoked) return before
      const next = { ...before, revoked: true, version: before.version + 1, updatedAt: now }
      yield* (yield* CredentialStore).put([next])
      yield* emit([{ event: { _tag: "CredentialRevoked", credential: next }, entities: entities(next) }])
      return next
    }))
  })

/**
 * A credential by id.
 *
 * @since 0.1.0
 */
export const get = (id: string): Effect.Effect<Credential, UnknownCredential | StoreError, CredentialStore | CurrentActor> => load(id)

/**
 * Credentials ordered by id, a page at a time (pass the last id as `afterId`).
 *
 * @since 0.1.0
 */
export const list = (
  filter: { readonly kind?: Kind; readonly afterId?: string; readonly limit?: number } = {}
): Effect.Effect<ReadonlyArray<Credential>, StoreError, CredentialStore | CurrentActor> =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor
    const f: CredentialFilter = {
      limit: Math.min(Math.max(filter.limit ?? 100, 1), 1000),
      ...(filter.kind === undefined ? {} : { kind: filter.kind }),
      ...(filter.afterId === undefined ? {} : { afterId: filter.afterId as CredentialId })
    }
    return yield* (yield* CredentialStore).list(tenantId, f)
  })

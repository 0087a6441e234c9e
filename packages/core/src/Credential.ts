/**
 * Credentials: certificates, API keys and tokens, tracked by metadata only.
 *
 * The register records what a credential is (subject, issuer, fingerprint, serial number), when it is valid
 * (`notBefore` to `notAfter`), who owns it and where it is used (assets and named systems), so that nothing
 * expires unnoticed. It never holds the secret: inputs that carry a private key, a PEM block, a token or a
 * field named like a secret are refused (see `Credentials.register`).
 *
 * A fingerprint is a SHA-1 (20 bytes) or SHA-256 (32 bytes) digest in hex, with or without colons between
 * the bytes (`AB:CD:…` or `abcd…`); it is stored as lowercase hex without colons.
 *
 * @since 0.1.0
 */
import { DateTime, Result, Schema } from "effect"
import { CredentialId, TenantId } from "./Ids.ts"
import { TimeInput } from "./Movement.ts"
import { UtcTime } from "./internal/utcTime.ts"

const Text = (max: number) => Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(max)))

/** What kind of credential. @since 0.1.0 */
export const Kind = Schema.Literals(["certificate", "apiKey", "token"])
/** @since 0.1.0 */
export type Kind = typeof Kind.Type

/** The digest a fingerprint was taken with, told by its length. @since 0.1.0 */
export const FingerprintAlgorithm = Schema.Literals(["sha1", "sha256"])
/** @since 0.1.0 */
export type FingerprintAlgorithm = typeof FingerprintAlgorithm.Type

/** A place a credential is used: an asset (by id) or a named system. @since 0.1.0 */
export const Usage = Schema.Struct({ kind: Schema.Literals(["asset", "system"]), id: Text(256) })
/** @since 0.1.0 */
export type Usage = typeof Usage.Type

/**
 * A credential as stored.
 *
 * @since 0.1.0
 */
export const Credential = Schema.Struct({
  id: CredentialId,
  tenantId: TenantId,
  kind: Kind,
  name: Schema.String,
  subject: Schema.NullOr(Schema.String),
  issuer: Schema.NullOr(Schema.String),
  fingerprint: Schema.NullOr(Schema.String),
  fingerprintAlgorithm: Schema.NullOr(FingerprintAlgorithm),
  serialNumber: Schema.NullOr(Schema.String),
  notBefore: Schema.NullOr(UtcTime),
  notAfter: Schema.NullOr(UtcTime),
  owner: Schema.NullOr(Schema.String),
  usedBy: Schema.Array(Usage),
  revoked: Schema.Boolean,
  version: Schema.Int,
  createdAt: UtcTime,
  updatedAt: UtcTime
})
/** @since 0.1.0 */
export type Credential = typeof Credential.Type

/**
 * Input to register a credential. Certificates need `subject`, `issuer`, `fingerprint` and `notAfter`.
 *
 * @since 0.1.0
 */
export const CredentialInput = Schema.Struct({
  id: CredentialId,
  kind: Kind,
  name: Text(256),
  subject: Schema.optionalKey(Text(1024)),
  issuer: Schema.optionalKey(Text(1024)),
  fingerprint: Schema.optionalKey(Text(128)),
  serialNumber: Schema.optionalKey(Text(128)),
  notBefore: Schema.optionalKey(TimeInput),
  notAfter: Schema.optionalKey(TimeInput),
  owner: Schema.optionalKey(Text(256)),
  usedBy: Schema.optionalKey(Schema.Array(Usage))
})
/** @since 0.1.0 */
export type CredentialInput = typeof CredentialInput.Encoded

/**
 * A change of metadata, e.g. after a certificate is reissued; `null` clears an optional field.
 *
 * @since 0.1.0
 */
export const CredentialUpdate = Schema.Struct({
  name: Schema.optionalKey(Text(256)),
  subject: Schema.optionalKey(Schema.NullOr(Text(1024))),
  issuer: Schema.optionalKey(Schema.NullOr(Text(1024))),
  fingerprint: Schema.optionalKey(Schema.NullOr(Text(128))),
  serialNumber: Schema.optionalKey(Schema.NullOr(Text(128))),
  notBefore: Schema.optionalKey(Schema.NullOr(TimeInput)),
  notAfter: Schema.optionalKey(Schema.NullOr(TimeInput)),
  owner: Schema.optionalKey(Schema.NullOr(Text(256))),
  usedBy: Schema.optionalKey(Schema.Array(Usage))
})
/** @since 0.1.0 */
export type CredentialUpdate = typeof CredentialUpdate.Encoded

/**
 * A fingerprint normalized to lowercase hex without separators, with the digest its length implies, or
 * the reason it is not one.
 *
 * @since 0.1.0
 */
export const parseFingerprint = (
  input: string
): Result.Result<{ readonly hex: string; readonly algorithm: FingerprintAlgorithm }, string> => {
  const text = input.trim()
  const colons = text.includes(":")
  if (colons && !/^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})*$/.test(text)) return Result.fail("must be hex bytes separated by colons, like AB:CD:EF")
  const hex = text.replace(/:/g, "").toLowerCase()
  if (!/^[0-9a-f]*$/.test(hex)) return Result.fail("must be hexadecimal")
  if (hex.length === 40) return Result.succeed({ hex, algorithm: "sha1" })
  if (hex.length === 64) return Result.succeed({ hex, algorithm: "sha256" })
  return Result.fail(`must be a SHA-1 (40 hex digits) or SHA-256 (64 hex digits) digest, got ${hex.length} hex digits`)
}

/**
 * A fingerprint in the usual display form: uppercase hex bytes separated by colons.
 *
 * @since 0.1.0
 */
export const formatFingerprint = (hex: string): string => (hex.toUpperCase().match(/../g) ?? []).join(":")

/** Where a credential stands at an instant. @since 0.1.0 */
export type Validity = "revoked" | "notYetValid" | "valid" | "expired"

/**
 * A credential's validity at `now`: valid from `notBefore` (inclusive) until `notAfter` (exclusive).
 *
 * @since 0.1.0
 */
export const validity = (credential: Credential, now: DateTime.Utc): Validity =>
  credential.revoked
    ? "revoked"
    : credential.notBefore !== null && DateTime.isLessThan(now, credential.notBefore)
    ? "notYetValid"
    : credential.notAfter !== null && !DateTime.isLessThan(now, credential.notAfter)
    ? "expired"
    : "valid"

/**
 * Errors of the credential register (certificates, API keys and tokens).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** No credential with this id exists for the tenant. @since 0.1.0 */
export class UnknownCredential extends Schema.TaggedError<UnknownCredential>()("UnknownCredential", {
  credentialId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `unknown credential ${JSON.stringify(this.credentialId)}`
  }
}

/** A credential with this id already exists. @since 0.1.0 */
export class DuplicateCredential extends Schema.TaggedError<DuplicateCredential>()("DuplicateCredential", {
  credentialId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `credential ${JSON.stringify(this.credentialId)} already exists`
  }
}

/**
 * The input carried what looks like secret material (a private key, a PEM block, a token or a field named
 * like a secret). The register stores metadata and fingerprints only; the value is never echoed.
 *
 * @since 0.1.0
 */
export class SecretMaterialRejected extends Schema.TaggedError<SecretMaterialRejected>()("SecretMaterialRejected", {
  field: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.field === "" ? "input" : this.field} ${this.reason}; secret material is never stored`
  }
}

/** The credential's metadata is inconsistent: a fingerprint in no known format, a validity window backwards. @since 0.1.0 */
export class InvalidCredential extends Schema.TaggedError<InvalidCredential>()("InvalidCredential", {
  field: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.field}: ${this.reason}`
  }
}

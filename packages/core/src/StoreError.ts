/**
 * Failures of a storage adapter that are not the caller's fault.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * The store could not complete an operation: a lost connection, a timeout, a driver failure. `retryable`
 * says whether the same call may succeed if tried again; `reason` is the driver's classification (for
 * example `DeadlockError` or `ConnectionError`) where it has one.
 *
 * @since 0.1.0
 */
export class StoreError extends Schema.TaggedError<StoreError>()("StoreError", {
  operation: Schema.String,
  retryable: Schema.Boolean,
  detail: Schema.String,
  reason: Schema.optionalKey(Schema.String)
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `storage failed during ${this.operation}${this.retryable ? " (retryable)" : ""}: ${this.detail}`
  }
}

/**
 * Another command changed the same record first; reload and try again.
 *
 * @since 0.1.0
 */
export class ConcurrentModification extends Schema.TaggedError<ConcurrentModification>()("ConcurrentModification", {
  entity: Schema.String,
  id: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.entity} ${this.id} was changed by another command; reload it and try again`
  }
}

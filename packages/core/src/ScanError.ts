/**
 * Errors of scanning: device failures, codes that name nothing or several things, and scans out of sequence.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { IdentifierKind, Match } from "./Identifier.ts"

// Codes come from devices and may be anything: keep messages short and printable.
const shown = (code: string): string => JSON.stringify(code.length > 64 ? `${code.slice(0, 64)}…` : code)

/** A device or reader failed: disconnected, timed out, or sent something its adapter cannot read. @since 0.1.0 */
export class DeviceFailure extends Schema.TaggedError<DeviceFailure>()("DeviceFailure", {
  deviceId: Schema.String,
  retryable: Schema.Boolean,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `device ${shown(this.deviceId)} failed${this.retryable ? " (retryable)" : ""}: ${this.reason}`
  }
}

/** The code names nothing the tenant knows; `kind` is null when every kind was tried. @since 0.1.0 */
export class UnknownIdentifier extends Schema.TaggedError<UnknownIdentifier>()("UnknownIdentifier", {
  code: Schema.String,
  kind: Schema.NullOr(IdentifierKind),
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `unknown ${this.kind ?? "identifier"} ${shown(this.code)}: ${this.reason}`
  }
}

/** The code names several things, listed in `candidates`; nothing is done with it. @since 0.1.0 */
export class AmbiguousIdentifier extends Schema.TaggedError<AmbiguousIdentifier>()("AmbiguousIdentifier", {
  code: Schema.String,
  candidates: Schema.Array(Match)
}) {
  /** @since 0.1.0 */
  override get message(): string {
    const names = this.candidates.map((c) => {
      switch (c._tag) {
        case "Item":
          return `item ${JSON.stringify(c.itemId)} (${c.via})`
        case "Serial":
          return `serial of item ${JSON.stringify(c.itemId)}`
        case "Lot":
          return `lot of item ${JSON.stringify(c.itemId)}`
        case "Location":
          return `location ${JSON.stringify(c.locationId)}`
      }
    })
    return `${shown(this.code)} is ambiguous: it names ${names.join(", ")}`
  }
}

/** The scan does not fit the workflow's step, for example an item before the source location. @since 0.1.0 */
export class UnexpectedScan extends Schema.TaggedError<UnexpectedScan>()("UnexpectedScan", {
  code: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `unexpected scan ${shown(this.code)}: ${this.reason}`
  }
}

/**
 * Why a code could not be resolved.
 *
 * @since 0.1.0
 */
export type ResolveError = UnknownIdentifier | AmbiguousIdentifier

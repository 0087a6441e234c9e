/**
 * Errors of the asset register: tags, lifecycle, components, check-outs, audits and the shared stock ledger.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** Another asset of the tenant already carries this tag. @since 0.1.0 */
export class DuplicateTag extends Schema.TaggedError<DuplicateTag>()("DuplicateTag", {
  tag: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `asset tag ${JSON.stringify(this.tag)} is already used by another asset`
  }
}

/** No asset with this id (or tag) exists for the tenant. @since 0.1.0 */
export class UnknownAsset extends Schema.TaggedError<UnknownAsset>()("UnknownAsset", {
  asset: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `unknown asset ${JSON.stringify(this.asset)}`
  }
}

/** The lifecycle does not allow the action in the asset's current state. @since 0.1.0 */
export class InvalidTransition extends Schema.TaggedError<InvalidTransition>()("InvalidTransition", {
  from: Schema.String,
  to: Schema.String,
  action: Schema.String,
  assetId: Schema.optionalKey(Schema.String)
}) {
  /** @since 0.1.0 */
  override get message(): string {
    const asset = this.assetId === undefined ? "an asset" : `asset ${JSON.stringify(this.assetId)}`
    return `cannot ${this.action} ${asset}: no transition from ${this.from} to ${this.to}`
  }
}

/** The asset was disposed of; nothing more can happen to it. @since 0.1.0 */
export class AssetDisposed extends Schema.TaggedError<AssetDisposed>()("AssetDisposed", {
  assetId: Schema.String,
  operation: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `cannot ${this.operation} asset ${JSON.stringify(this.assetId)}: it has been disposed of`
  }
}

/** Attaching the component would make an asset its own ancestor. @since 0.1.0 */
export class CycleInComponents extends Schema.TaggedError<CycleInComponents>()("CycleInComponents", {
  assetId: Schema.String,
  parentId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `cannot attach asset ${JSON.stringify(this.assetId)} to ${JSON.stringify(this.parentId)}: it would contain itself`
  }
}

/** The asset is already checked out. @since 0.1.0 */
export class AlreadyCheckedOut extends Schema.TaggedError<AlreadyCheckedOut>()("AlreadyCheckedOut", {
  assetId: Schema.String,
  checkOutId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `asset ${JSON.stringify(this.assetId)} is already checked out (${this.checkOutId})`
  }
}

/** The asset is not checked out. @since 0.1.0 */
export class NotCheckedOut extends Schema.TaggedError<NotCheckedOut>()("NotCheckedOut", {
  assetId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `asset ${JSON.stringify(this.assetId)} is not checked out`
  }
}

/** One tag of a bulk operation that cannot proceed, and why. @since 0.1.0 */
export const Rejection = Schema.Struct({ tag: Schema.String, reason: Schema.String })
/** @since 0.1.0 */
export type Rejection = typeof Rejection.Type

/** A bulk check-out was refused whole; `rejections` names every bad tag. @since 0.1.0 */
export class BulkCheckOutRejected extends Schema.TaggedError<BulkCheckOutRejected>()("BulkCheckOutRejected", {
  rejections: Schema.Array(Rejection)
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `bulk check-out refused; nothing was checked out: ${this.rejections.map((r) => `${r.tag}: ${r.reason}`).join("; ")}`
  }
}

/** No audit session with this id exists for the tenant. @since 0.1.0 */
export class UnknownAudit extends Schema.TaggedError<UnknownAudit>()("UnknownAudit", {
  auditId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `unknown asset audit ${JSON.stringify(this.auditId)}`
  }
}

/** The audit session is finished and takes no more scans. @since 0.1.0 */
export class AuditFinished extends Schema.TaggedError<AuditFinished>()("AuditFinished", {
  auditId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `asset audit ${JSON.stringify(this.auditId)} is already finished`
  }
}

/** The serial cannot become an asset, for example because it is not on hand in an internal location. @since 0.1.0 */
export class NotCapitalisable extends Schema.TaggedError<NotCapitalisable>()("NotCapitalisable", {
  itemId: Schema.String,
  serial: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `serial ${JSON.stringify(this.serial)} of item ${JSON.stringify(this.itemId)} cannot be capitalised: ${this.reason}`
  }
}

/** An asset command is inconsistent with the asset, for example a transfer to where it already is. @since 0.1.0 */
export class InvalidAssetCommand extends Schema.TaggedError<InvalidAssetCommand>()("InvalidAssetCommand", {
  assetId: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `asset ${JSON.stringify(this.assetId)}: ${this.reason}`
  }
}

/**
 * The asset cannot be depreciated as registered: it has no depreciation books, no purchase cost, or neither an
 * in-service date nor a purchase date; or the book asked for is not one of its books.
 *
 * @since 0.1.0
 */
export class NotDepreciable extends Schema.TaggedError<NotDepreciable>()("NotDepreciable", {
  assetId: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `asset ${JSON.stringify(this.assetId)} cannot be depreciated: ${this.reason}`
  }
}

/** A scanned code names both an asset (by tag) and something else, listed in `candidates`. @since 0.1.0 */
export class AmbiguousAssetCode extends Schema.TaggedError<AmbiguousAssetCode>()("AmbiguousAssetCode", {
  code: Schema.String,
  candidates: Schema.Array(Schema.String)
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${JSON.stringify(this.code)} is ambiguous: it names ${this.candidates.join(", ")}`
  }
}

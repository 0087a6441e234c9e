/**
 * Physical asset audits: a session per location that compares scanned tags with the assets expected there.
 *
 * Starting a session freezes the expected assets (those at the location, or in its subtree). Scans record
 * tags; the result splits them into found, missing (expected, never scanned) and unexpected (scanned, not
 * expected, or unknown). Finishing the session reports the missing ones as missing.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { ActorId, AssetId, LocationId, TenantId } from "./Ids.ts"
import { UtcTime } from "./internal/utcTime.ts"

/** Whether an audit still takes scans. @since 0.1.0 */
export const AuditStatus = Schema.Literals(["open", "finished"])
/** @since 0.1.0 */
export type AuditStatus = typeof AuditStatus.Type

/**
 * An audit session as stored.
 *
 * @since 0.1.0
 */
export const AuditSession = Schema.Struct({
  id: Schema.String,
  tenantId: TenantId,
  locationId: LocationId,
  includeSubtree: Schema.Boolean,
  expected: Schema.Array(AssetId),
  status: AuditStatus,
  startedAt: UtcTime,
  finishedAt: Schema.NullOr(UtcTime),
  actorId: ActorId,
  version: Schema.Int
})
/** @since 0.1.0 */
export type AuditSession = typeof AuditSession.Type

/**
 * One scan in an audit: the code as read, and the asset it resolved to (or `null` if none).
 *
 * @since 0.1.0
 */
export const AuditScan = Schema.Struct({
  tenantId: TenantId,
  auditId: Schema.String,
  seq: Schema.Int,
  tag: Schema.String,
  assetId: Schema.NullOr(AssetId),
  scannedAt: UtcTime,
  actorId: ActorId
})
/** @since 0.1.0 */
export type AuditScan = typeof AuditScan.Type

/**
 * The outcome of an audit so far.
 *
 * @since 0.1.0
 */
export interface AuditResult {
  readonly found: ReadonlyArray<AssetId>
  readonly missing: ReadonlyArray<AssetId>
  /** Scanned tags that were not expected here, with the asset they name if any. */
  readonly unexpected: ReadonlyArray<{ readonly tag: string; readonly assetId: AssetId | null }>
}

/**
 * Compares scans with what the session expected. Repeated scans of the same tag count once.
 *
 * @since 0.1.0
 */
export const compare = (session: AuditSession, scans: ReadonlyArray<AuditScan>): AuditResult => {
  const expected = new Set(session.expected)
  const seen = new Set<AssetId>()
  const seenTags = new Set<string>()
  const unexpected: Array<{ tag: string; assetId: AssetId | null }> = []
  for (const scan of scans) {
    if (scan.assetId !== null && expected.has(scan.assetId)) {
      seen.add(scan.assetId)
    } else if (!seenTags.has(scan.tag)) {
      seenTags.add(scan.tag)
      unexpected.push({ tag: scan.tag, assetId: scan.assetId })
    }
  }
  return {
    found: session.expected.filter((id) => seen.has(id)),
    missing: session.expected.filter((id) => !seen.has(id)),
    unexpected
  }
}

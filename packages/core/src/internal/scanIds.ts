// Ids of what a scan posts, derived from the scan itself (device, code, time) rather than drawn fresh, so that a
// scanner resending its events after a lost answer posts nothing twice: the same id with the same content is
// the ledger's idempotent replay, and a different content under the same id is refused as a conflict.
import { DateTime } from "effect"

// FNV-1a over UTF-16 code units, 64 bits: device ids and codes are free text, ids must stay short.
const fnv1a64 = (text: string): string => {
  let hash = 0xcbf29ce484222325n
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i))
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return hash.toString(16).padStart(16, "0")
}

/** The id of the `index`-th record posted by one scan. */
export const scanRecordId = (kind: string, scan: { readonly deviceId: string; readonly code: string; readonly at: DateTime.Utc }, index: number): string =>
  `scan-${kind}-${fnv1a64(`${scan.deviceId}\u0000${scan.code}`)}-${DateTime.toEpochMillis(scan.at)}-${index}`

/**
 * A per-key token bucket, in memory: each key may burst up to `burst` requests and then sustain
 * `perSecond`. One process, one set of buckets; a cluster of servers would give each its own budget.
 *
 * @since 0.1.0
 */

/**
 * The outcome of taking a token: allowed, or refused with the seconds until one is available.
 *
 * @since 0.1.0
 */
export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number }

/**
 * Token buckets keyed by API key id.
 *
 * @since 0.1.0
 */
export interface RateLimiter {
  readonly take: (key: string, nowMillis: number) => Decision
  /** Whether a token is available, without taking it. */
  readonly check: (key: string, nowMillis: number) => Decision
}

interface Bucket {
  tokens: number
  updatedAt: number
}

/**
 * A limiter refilling `perSecond` tokens per second into buckets of `burst` tokens. Buckets idle long enough
 * to be full again are dropped, so memory stays bounded by the keys active recently.
 *
 * @since 0.1.0
 */
export const make = (options: { readonly perSecond: number; readonly burst: number }): RateLimiter => {
  const perMilli = options.perSecond / 1000
  const burst = Math.max(1, options.burst)
  const buckets = new Map<string, Bucket>()
  const refillMillis = burst / perMilli
  let lastSweep = 0
  const sweep = (now: number) => {
    if (now - lastSweep < 60_000) return
    lastSweep = now
    for (const [key, bucket] of buckets) if (now - bucket.updatedAt > refillMillis) buckets.delete(key)
  }
  const refill = (key: string, now: number): Bucket => {
    sweep(now)
    let bucket = buckets.get(key)
    if (bucket === undefined) buckets.set(key, bucket = { tokens: burst, updatedAt: now })
    bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.updatedAt) * perMilli)
    bucket.updatedAt = now
    return bucket
  }
  const refused = (bucket: Bucket): Decision => ({ allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMilli / 1000)) })
  return {
    take: (key, now) => {
      const bucket = refill(key, now)
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1
        return { allowed: true }
      }
      return refused(bucket)
    },
    check: (key, now) => {
      const bucket = refill(key, now)
      return bucket.tokens >= 1 ? { allowed: true } : refused(bucket)
    }
  }
}

/**
 * A read-through cache of stock levels for `GET /api/v1/stock/:itemId`, kept exact by invalidation.
 *
 * The stock read is the server's hottest route, and nearly all of its cost is the database round trip. The
 * cache keeps the last level read per (tenant, item, location, lot) and serves it until one of these happens:
 *
 * - **a write in this process**: the server's `UnitOfWork` is wrapped so that every transaction, committed or
 *   rolled back, bumps its tenant's generation when it ends (every transaction, whatever it touched, so no
 *   command can be missed). The bump happens before the command's response is sent, so a client never reads
 *   a level older than its own acknowledged write;
 * - **a write in another process** (PostgreSQL only): server migration `3_stock_cache` installs a trigger on
 *   the per-tenant event counter, which every command updates in its transaction, that sends
 *   `NOTIFY qm_server_changes, '<tenant>'`. PostgreSQL delivers it at commit; the listener bumps the tenant's
 *   generation. Writes from other processes therefore show within the notification latency (milliseconds),
 *   not atomically. Until the listener is connected, and whenever its connection is lost, the cache is
 *   bypassed; on (re)connection it starts empty;
 * - **a reservation expires**: the read returns the earliest expiry among the reservations it counted, and the
 *   entry is not served from that time on;
 * - **age**: no entry is served after `maxAgeMillis`, a bound on staleness should a writer ever bypass both
 *   paths (for instance SQL typed by hand).
 *
 * A read records the generation before it queries and stores its result under that generation, so a read that
 * raced a write can never be served after the write's bump. `STOCK_CACHE=false` turns the cache off.
 *
 * @since 0.1.0
 */
import { CurrentActor, UnitOfWork } from "@quartermaster/core"
import { PgClient } from "@effect/sql-pg"
import { Cause, Clock, Context, Duration, Effect, Layer, Queue } from "effect"

/**
 * Settings: whether to cache, how many entries at most, and the longest an entry is served.
 *
 * @since 0.1.0
 */
export interface Options {
  readonly enabled: boolean
  readonly maxEntries: number
  readonly maxAgeMillis: number
}

/**
 * Counters, for tests and operators.
 *
 * @since 0.1.0
 */
export interface Stats {
  readonly hits: number
  readonly misses: number
  readonly entries: number
  readonly invalidations: number
  /** Whether entries may be served: false while a listener for other processes' changes is not connected. */
  readonly synced: boolean
}

/**
 * Where a read started: the generations an entry is stored under.
 *
 * @since 0.1.0
 */
export interface Ticket {
  readonly key: string
  readonly tenant: number
  readonly epoch: number
}

interface Entry<A> {
  readonly value: A
  readonly tenant: number
  readonly epoch: number
  /** The entry is not served at or after this time. */
  readonly until: number
}

/**
 * The cache's state, without effects: generations per tenant and the entries.
 *
 * @since 0.1.0
 */
export interface Cache<A> {
  /** The entry for a scope, if it is still current at `nowMillis`. */
  readonly get: (tenantId: string, scope: ReadonlyArray<string | undefined>, nowMillis: number) => A | undefined
  /** Starts a read: the generations its result will be stored under. */
  readonly begin: (tenantId: string, scope: ReadonlyArray<string | undefined>) => Ticket | undefined
  /** Stores a read's result, served until `untilMillis` at the latest. */
  readonly put: (ticket: Ticket, value: A, nowMillis: number, untilMillis: number | undefined) => void
  /** Every entry of the tenant stops being served. */
  readonly invalidate: (tenantId: string) => void
  /** Every entry stops being served. */
  readonly invalidateAll: () => void
  /** Whether entries may be served (false while changes from other processes cannot be heard). */
  readonly setSynced: (synced: boolean) => void
  readonly stats: () => Stats
}

// Length-prefixed parts, so no two scopes share a key whatever characters their ids hold.
const keyOf = (tenantId: string, scope: ReadonlyArray<string | undefined>): string => {
  let key = `${tenantId.length}:${tenantId}`
  for (const part of scope) key += part === undefined ? "-" : `${part.length}:${part}`
  return key
}

/**
 * A cache with the given options. It starts synced; a cache that must hear other processes first is set
 * unsynced by its listener.
 *
 * @since 0.1.0
 */
export const make = <A>(options: Options): Cache<A> => {
  const generations = new Map<string, number>()
  const entries = new Map<string, Entry<A>>()
  let epoch = 0
  let synced = true
  let hits = 0
  let misses = 0
  let invalidations = 0
  const generationOf = (tenantId: string) => generations.get(tenantId) ?? 0
  return {
    get: (tenantId, scope, nowMillis) => {
      if (!options.enabled || !synced) return undefined
      const entry = entries.get(keyOf(tenantId, scope))
      if (entry === undefined || entry.epoch !== epoch || entry.tenant !== generationOf(tenantId) || nowMillis >= entry.until) {
        misses++
        return undefined
      }
      hits++
      return entry.value
    },
    begin: (tenantId, scope) =>
      options.enabled && synced ? { key: keyOf(tenantId, scope), tenant: generationOf(tenantId), epoch } : undefined,
    put: (ticket, value, nowMillis, untilMillis) => {
      if (!synced || ticket.epoch !== epoch) return
      const until = Math.min(nowMillis + options.maxAgeMillis, untilMillis ?? Number.POSITIVE_INFINITY)
      entries.delete(ticket.key)
      entries.set(ticket.key, { value, tenant: ticket.tenant, epoch: ticket.epoch, until })
      // Oldest first: a Map iterates in insertion order.
      while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value!)
    },
    invalidate: (tenantId) => {
      invalidations++
      generations.set(tenantId, generationOf(tenantId) + 1)
    },
    invalidateAll: () => {
      invalidations++
      epoch++
      entries.clear()
    },
    setSynced: (value) => {
      if (value !== synced) {
        epoch++
        entries.clear()
      }
      synced = value
    },
    stats: () => ({ hits, misses, entries: entries.size, invalidations, synced })
  }
}

/**
 * A stock level with the time its figures stop being true by themselves (a counted reservation expires).
 *
 * @since 0.1.0
 */
export interface Timed<A> {
  readonly value: A
  readonly untilMillis: number | undefined
}

/**
 * The server's stock-level cache.
 *
 * @since 0.1.0
 */
export class StockCache extends Context.Service<StockCache, Cache<unknown>>()("@quartermaster/example-server/StockCache") {}

/**
 * Serves `read` for a scope of the caller's tenant from the cache, reading and storing it on a miss.
 *
 * @since 0.1.0
 */
export const through = <A, E, R>(
  scope: ReadonlyArray<string | undefined>,
  read: Effect.Effect<Timed<A>, E, R>
): Effect.Effect<A, E, R | StockCache | CurrentActor.CurrentActor> =>
  // Combinators, not `Effect.gen`: a generator function created per request gets V8 prototype maps in old space
  // that keep the request's objects alive through every young-generation collection (long scavenge pauses).
  Effect.flatMap(StockCache, (cache) =>
    Effect.flatMap(CurrentActor.CurrentActor, ({ tenantId }) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const cached = cache.get(tenantId, scope, now)
        if (cached !== undefined) return Effect.succeed(cached as A)
        const ticket = cache.begin(tenantId, scope)
        return Effect.map(read, (result) => {
          if (ticket !== undefined) cache.put(ticket, result.value, now, result.untilMillis)
          return result.value
        })
      })))

// Every transaction ends by bumping its tenant's generation (or every tenant's, outside a request).
const layerUnitOfWork: Layer.Layer<UnitOfWork.UnitOfWork, never, UnitOfWork.UnitOfWork | StockCache> = Layer.effect(
  UnitOfWork.UnitOfWork,
  Effect.gen(function*() {
    const inner = yield* UnitOfWork.UnitOfWork
    const cache = yield* StockCache
    return UnitOfWork.UnitOfWork.of({
      transaction: (effect) =>
        Effect.flatMap(Effect.serviceOption(CurrentActor.CurrentActor), (actor) =>
          inner.transaction(effect).pipe(
            Effect.ensuring(Effect.sync(() => actor._tag === "Some" ? cache.invalidate(actor.value.tenantId) : cache.invalidateAll()))
          ))
    })
  })
)

/**
 * The channel the change trigger notifies, with the tenant id as payload.
 *
 * @since 0.1.0
 */
export const channel = "qm_server_changes"

// Hears other processes' commits. Unsynced until LISTEN is confirmed and whenever the connection is lost.
const listen = (cache: Cache<unknown>) =>
  Effect.gen(function*() {
    const pg = yield* PgClient.PgClient
    const session = Effect.scoped(Effect.gen(function*() {
      const queue = yield* pg.listen(channel)
      cache.setSynced(true)
      yield* Effect.logDebug("stock cache: listening for changes from other processes")
      return yield* Effect.forever(Effect.flatMap(Queue.take(queue), (notification) => Effect.sync(() => cache.invalidate(notification.payload))))
    })).pipe(
      Effect.catchCause((cause) =>
        Cause.hasInterruptsOnly(cause) ? Effect.interrupt : Effect.logWarning("stock cache: change listener lost; the cache is bypassed until it reconnects", cause)
      ),
      Effect.ensuring(Effect.sync(() => cache.setSynced(false)))
    )
    return yield* Effect.forever(Effect.andThen(session, Effect.sleep(Duration.seconds(1))))
  })

const build = <R>(options: Options, start: ((cache: Cache<unknown>) => Effect.Effect<void, never, R>) | undefined) =>
  layerUnitOfWork.pipe(Layer.provideMerge(Layer.effect(
    StockCache,
    Effect.gen(function*() {
      const cache = make<unknown>(options)
      if (options.enabled && start !== undefined) {
        cache.setSynced(false)
        yield* Effect.forkScoped(start(cache))
      }
      return cache
    })
  )))

/**
 * The cache, and the server's `UnitOfWork` wrapped to invalidate it, for a database only this process writes
 * (PGlite).
 *
 * @since 0.1.0
 */
export const layer = (options: Options): Layer.Layer<StockCache | UnitOfWork.UnitOfWork, never, UnitOfWork.UnitOfWork> =>
  build(options, undefined)

/**
 * The cache on PostgreSQL: as {@link layer}, and it also listens for other processes' changes, bypassing itself
 * until the listener is connected.
 *
 * @since 0.1.0
 */
export const layerPostgres = (
  options: Options
): Layer.Layer<StockCache | UnitOfWork.UnitOfWork, never, UnitOfWork.UnitOfWork | PgClient.PgClient> => build(options, listen)

/**
 * The server's configuration, read from the environment.
 *
 * `PORT` (default 3000), `HOST` (default 127.0.0.1, so a fresh start is not exposed to the network; set
 * `HOST=0.0.0.0` in a container), `DATABASE_URL` (PostgreSQL; when unset the server uses embedded PGlite in
 * `DATA_DIR`, default `./data`), `LOG_LEVEL` (default `Info`), `QUARTERMASTER_ADMIN_KEY` (a bootstrap admin key
 * for the "demo" tenant instead of a generated one), `MAX_BODY_BYTES` (default 1 MiB) and the per-key rate limit
 * `RATE_LIMIT_PER_SECOND` / `RATE_LIMIT_BURST` (defaults 200 and 400), and the limit on failed authentications per
 * client address `AUTH_FAILURES_PER_MINUTE` / `AUTH_FAILURE_BURST` (defaults 30 and 20), the number of reverse
 * proxies in front `TRUST_PROXY_HOPS` (default 0), and the stock-level cache (`StockCache`): `STOCK_CACHE`
 * (default true), `STOCK_CACHE_ENTRIES` (default 10000) and `STOCK_CACHE_MAX_AGE_MS` (default 10000).
 *
 * @since 0.1.0
 */
import { Config, type Option, type Redacted } from "effect"

/**
 * Everything the server needs to start.
 *
 * @since 0.1.0
 */
export interface ServerConfig {
  readonly port: number
  readonly host: string
  readonly databaseUrl: Option.Option<Redacted.Redacted<string>>
  readonly dataDir: string
  readonly logLevel: string
  readonly bootstrapKey: Option.Option<Redacted.Redacted<string>>
  /** The largest request body accepted, in bytes. */
  readonly maxBodyBytes: number
  /** Tokens added to each API key's bucket per second. */
  readonly ratePerSecond: number
  /** The bucket size: the largest burst a key may send at once. */
  readonly rateBurst: number
  /** Failed authentications (each costs a scrypt hash) a client address may sustain per minute. */
  readonly authFailuresPerMinute: number
  /** The largest burst of failed authentications a client address may make. */
  readonly authFailureBurst: number
  /**
   * How many reverse proxies stand in front of the server. With 1 or more, the client address (which the limit
   * on failed authentications counts by) is read from `X-Forwarded-For`, that many entries from the right: the
   * address the outermost trusted proxy saw. With 0 (the default) the header is ignored, since any client can
   * send it.
   */
  readonly trustProxyHops: number
  /** Whether `GET /api/v1/stock/:itemId` is served from the invalidated cache of `StockCache`. */
  readonly stockCache: boolean
  /** The most stock levels the cache holds. */
  readonly stockCacheEntries: number
  /** The longest a cached stock level is served, in milliseconds. */
  readonly stockCacheMaxAgeMillis: number
}

/**
 * The configuration from the environment, with defaults.
 *
 * @since 0.1.0
 */
export const config: Config.Config<ServerConfig> = Config.all({
  port: Config.Port("PORT").pipe(Config.withDefault(3000)),
  host: Config.String("HOST").pipe(Config.withDefault("127.0.0.1")),
  databaseUrl: Config.Redacted("DATABASE_URL").pipe(Config.option),
  dataDir: Config.String("DATA_DIR").pipe(Config.withDefault("./data")),
  logLevel: Config.String("LOG_LEVEL").pipe(Config.withDefault("Info")),
  bootstrapKey: Config.Redacted("QUARTERMASTER_ADMIN_KEY").pipe(Config.option),
  maxBodyBytes: Config.Int("MAX_BODY_BYTES").pipe(Config.withDefault(1024 * 1024)),
  ratePerSecond: Config.Number("RATE_LIMIT_PER_SECOND").pipe(Config.withDefault(200)),
  rateBurst: Config.Number("RATE_LIMIT_BURST").pipe(Config.withDefault(400)),
  authFailuresPerMinute: Config.Number("AUTH_FAILURES_PER_MINUTE").pipe(Config.withDefault(30)),
  authFailureBurst: Config.Number("AUTH_FAILURE_BURST").pipe(Config.withDefault(20)),
  trustProxyHops: Config.Int("TRUST_PROXY_HOPS").pipe(Config.withDefault(0)),
  stockCache: Config.Boolean("STOCK_CACHE").pipe(Config.withDefault(true)),
  stockCacheEntries: Config.Int("STOCK_CACHE_ENTRIES").pipe(Config.withDefault(10_000)),
  stockCacheMaxAgeMillis: Config.Int("STOCK_CACHE_MAX_AGE_MS").pipe(Config.withDefault(10_000))
})

/**
 * Server-sent events: a tenant's event log as a `text/event-stream`. The stream polls the log after a cursor
 * (the last sequence number sent), so it needs no broker and survives reconnects: a client that sends
 * `Last-Event-ID` resumes exactly where it stopped. A comment line every `heartbeatMillis` keeps proxies from
 * closing an idle connection.
 *
 * @since 0.1.0
 */
import { DomainEvent, type EventLog, type Ids } from "@quartermaster/core"
import { Duration, Effect, Schema, Stream } from "effect"

/**
 * How often the log is polled and the heartbeat interval.
 *
 * @since 0.1.0
 */
export interface Options {
  readonly pollMillis: number
  readonly heartbeatMillis: number
  readonly batch: number
}

/**
 * The defaults: poll every 500 ms, heartbeat every 15 s, up to 100 events per poll.
 *
 * @since 0.1.0
 */
export const defaults: Options = { pollMillis: 500, heartbeatMillis: 15_000, batch: 100 }

const encodeEnvelope = Schema.encodeSync(DomainEvent.Envelope)
const encoder = new TextEncoder()

/**
 * One SSE frame for an event.
 *
 * @since 0.1.0
 */
export const frame = (envelope: DomainEvent.Envelope): string =>
  `id: ${envelope.seq}\nevent: ${envelope.event._tag}\ndata: ${JSON.stringify(encodeEnvelope(envelope))}\n\n`

/**
 * The event stream of a tenant after a sequence number, as encoded SSE frames. It never ends by itself; it
 * stops when the client disconnects.
 *
 * @since 0.1.0
 */
export const stream = (
  log: EventLog.EventLog["Service"],
  tenantId: Ids.TenantId,
  after: number,
  options: Options = defaults
): Stream.Stream<Uint8Array> => {
  let cursor = after
  let quietMillis = 0
  const poll: Effect.Effect<string> = Effect.gen(function*() {
    const events = yield* log.list(tenantId, { afterSeq: cursor, limit: options.batch }).pipe(
      Effect.tapError((error) => Effect.logWarning("event stream poll failed", error)),
      Effect.orElseSucceed(() => [])
    )
    if (events.length > 0) {
      cursor = events[events.length - 1]!.seq
      quietMillis = 0
      return events.map(frame).join("")
    }
    yield* Effect.sleep(Duration.millis(options.pollMillis))
    quietMillis += options.pollMillis
    if (quietMillis >= options.heartbeatMillis) {
      quietMillis = 0
      return ": heartbeat\n\n"
    }
    return ""
  })
  const frames: Stream.Stream<string> = Stream.fromEffectRepeat(poll).pipe(Stream.filter((chunk: string) => chunk !== ""))
  return Stream.concat(Stream.succeed(`retry: 2000\n: connected after ${after}\n\n`), frames).pipe(
    Stream.map((text: string): Uint8Array => encoder.encode(text))
  )
}

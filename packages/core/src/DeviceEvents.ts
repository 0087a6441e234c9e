/**
 * The device port: a stream of events from barcode scanners and RFID readers, with in-memory layers.
 *
 * An adapter (keyboard wedge, serial port, LLRP reader, a mobile app over HTTP) provides {@link DeviceEvents}
 * and stamps each event with its time. The in-memory layers replay a fixed list of events, or let a test or a
 * host application push events into a queue through {@link DeviceFeed}.
 *
 * @since 0.1.0
 */
import { type Cause, Context, Effect, Layer, Queue, Stream } from "effect"
import type { DeviceEvent } from "./DeviceEvent.ts"
import type { DeviceFailure } from "./ScanError.ts"

/**
 * The sending side of {@link DeviceEvents.layerQueue}: push events, end the stream, or fail it.
 *
 * @since 0.1.0
 */
export class DeviceFeed extends Context.Service<DeviceFeed, {
  /** Queues an event; `false` once the feed has ended. */
  readonly offer: (event: DeviceEvent) => Effect.Effect<boolean>
  /** Queues events in order; `false` once the feed has ended. */
  readonly offerAll: (events: Iterable<DeviceEvent>) => Effect.Effect<boolean>
  /** Ends the stream after the events already queued. */
  readonly end: Effect.Effect<void>
  /** Fails the stream after the events already queued. */
  readonly fail: (failure: DeviceFailure) => Effect.Effect<void>
}>()("@quartermaster/core/DeviceFeed") {}

/**
 * Events from the devices, in the order they arrive.
 *
 * @since 0.1.0
 */
export class DeviceEvents extends Context.Service<DeviceEvents, {
  /** The events; the stream fails with {@link DeviceFailure} when a device does. */
  readonly events: Stream.Stream<DeviceEvent, DeviceFailure>
}>()("@quartermaster/core/DeviceEvents") {
  /**
   * A fixed list of events, replayed from the start by each consumer.
   *
   * @since 0.1.0
   */
  static readonly layerFromIterable = (events: Iterable<DeviceEvent>): Layer.Layer<DeviceEvents> =>
    Layer.succeed(DeviceEvents, { events: Stream.fromIterable([...events]) })

  /**
   * Events pushed through {@link DeviceFeed} into an unbounded queue. Consumers share the queue: each event goes
   * to one of them. The queue shuts down with the layer's scope.
   *
   * @since 0.1.0
   */
  static readonly layerQueue: Layer.Layer<DeviceEvents | DeviceFeed> = Layer.effectContext(
    Effect.gen(function*() {
      const queue = yield* Effect.acquireRelease(
        Queue.unbounded<DeviceEvent, DeviceFailure | Cause.Done>(),
        (q) => Queue.shutdown(q)
      )
      const feed = DeviceFeed.of({
        offer: (event) => Queue.offer(queue, event),
        offerAll: (events) => Effect.map(Queue.offerAll(queue, events), (rejected) => rejected.length === 0),
        end: Effect.asVoid(Queue.end(queue)),
        fail: (failure) => Effect.asVoid(Queue.fail(queue, failure))
      })
      return Context.make(DeviceEvents, DeviceEvents.of({ events: Stream.fromQueue(queue) })).pipe(Context.add(DeviceFeed, feed))
    })
  )
}

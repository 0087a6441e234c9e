/**
 * The source of new ids. Commands never invent ids themselves, so tests can make them deterministic.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"

/**
 * Generates unique ids.
 *
 * @since 0.1.0
 */
export class IdGenerator extends Context.Service<IdGenerator, {
  /** A new id, unique across the store. */
  readonly next: Effect.Effect<string>
}>()("@quartermaster/core/IdGenerator") {
  /**
   * Random UUIDs (v4) from the platform's `crypto.randomUUID`.
   *
   * @since 0.1.0
   */
  static readonly layerUuid: Layer.Layer<IdGenerator> = Layer.succeed(IdGenerator, {
    next: Effect.sync(() => (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto.randomUUID())
  })

  /**
   * Deterministic ids `prefix-1`, `prefix-2`, … for tests and examples.
   *
   * @since 0.1.0
   */
  static readonly layerSequential = (prefix = "id"): Layer.Layer<IdGenerator> =>
    Layer.sync(IdGenerator, () => {
      let n = 0
      return { next: Effect.sync(() => `${prefix}-${++n}`) }
    })
}

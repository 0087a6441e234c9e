/**
 * Fixtures for contract cases: a fresh tenant per case (so adapters can share one database), a manual clock,
 * and a standard world of locations and items.
 *
 * @since 0.1.0
 */
import { Catalog, type CatalogError, CurrentActor, IdGenerator, Locations, type Stores } from "@quartermaster/core"
import { Clock, Duration, Effect, Layer, Ref } from "effect"

const runId = (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto.randomUUID().slice(0, 8)
let tenants = 0

/** A tenant id unique to this process and run. @since 0.1.0 */
export const freshTenantId = (label: string): string => `contract-${runId}-${++tenants}-${label.slice(0, 48)}`

/** The time every case starts at: 2026-01-01T00:00:00Z. @since 0.1.0 */
export const START = Date.UTC(2026, 0, 1)

/**
 * A clock the case moves by hand. Sleeping still uses the real clock, so drivers that wait keep working.
 *
 * @since 0.1.0
 */
export class ManualClock {
  /** @since 0.1.0 */
  constructor(readonly now: Ref.Ref<number>, readonly clock: Clock.Clock) {}
  /** Moves time forward. @since 0.1.0 */
  advance(duration: Duration.Input): Effect.Effect<void> {
    return Ref.update(this.now, (t) => t + Duration.toMillis(Duration.fromInputUnsafe(duration)))
  }
}

const manualClock = (start: number) =>
  Effect.gen(function*() {
    const now = yield* Ref.make(start)
    const real = yield* Clock.clockWith(Effect.succeed)
    const clock: Clock.Clock = {
      currentTimeMillisUnsafe: () => Ref.getUnsafe(now),
      currentTimeMillis: Ref.get(now),
      currentTimeNanosUnsafe: () => BigInt(Ref.getUnsafe(now)) * 1_000_000n,
      currentTimeNanos: Effect.map(Ref.get(now), (t) => BigInt(t) * 1_000_000n),
      monotonicTimeNanosUnsafe: () => real.monotonicTimeNanosUnsafe(),
      monotonicTimeNanos: real.monotonicTimeNanos,
      sleep: (duration) => real.sleep(duration)
    }
    return new ManualClock(now, clock)
  })

/**
 * Runs a case body as a fresh tenant, with sequential ids and a manual clock at {@link START}.
 *
 * @since 0.1.0
 */
export const asFreshTenant = <A, E>(
  label: string,
  body: (clock: ManualClock, tenantId: string) => Effect.Effect<A, E, Stores.Stores | CurrentActor.CurrentActor | IdGenerator.IdGenerator>
): Effect.Effect<A, E, Stores.Stores> =>
  Effect.gen(function*() {
    const tenantId = freshTenantId(label)
    const clock = yield* manualClock(START)
    return yield* body(clock, tenantId).pipe(
      Effect.provide(Layer.mergeAll(CurrentActor.CurrentActor.layer(tenantId, "contract"), IdGenerator.IdGenerator.layerSequential(`${tenantId}-id`))),
      Effect.provideService(Clock.Clock, clock.clock)
    )
  })

/**
 * Creates the standard world:
 *
 * - virtual locations `sup` (supplier), `cust` (customer), `loss` (loss) and `transit` (transit);
 * - site `s1` > building `b1` > room `r1`, and warehouse `wh` (in `s1`) > zone `z1` > bins `bin-a`, `bin-b`;
 *   a second site `s2` > warehouse `wh2` > bin `bin-c`;
 * - items `plain` (each; case = 12), `bulk` (kg with 3 decimals; g = 0.001 kg), `lotted` (lot-tracked, 30 days'
 *   shelf life) and `serial` (serial-tracked).
 *
 * @since 0.1.0
 */
export const world: Effect.Effect<
  void,
  Catalog.CreateItemError | CatalogError.UnknownLocation | CatalogError.InvalidHierarchy | CatalogError.LocationArchived | CatalogError.DuplicateLocationCode,
  Catalog.Env
> = Effect.gen(function*() {
  for (const [id, usage] of [["sup", "supplier"], ["cust", "customer"], ["loss", "loss"], ["transit", "transit"]] as const) {
    yield* Locations.create({ id, code: id.toUpperCase(), kind: "site", usage })
  }
  yield* Locations.create({ id: "s1", code: "S1", kind: "site" })
  yield* Locations.create({ id: "b1", code: "S1-B1", kind: "building", parentId: "s1" })
  yield* Locations.create({ id: "r1", code: "S1-B1-R1", kind: "room", parentId: "b1" })
  yield* Locations.create({ id: "wh", code: "WH", kind: "warehouse", parentId: "s1" })
  yield* Locations.create({ id: "z1", code: "WH-Z1", kind: "zone", parentId: "wh" })
  yield* Locations.create({ id: "bin-a", code: "WH-Z1-A", kind: "bin", parentId: "z1" })
  yield* Locations.create({ id: "bin-b", code: "WH-Z1-B", kind: "bin", parentId: "z1" })
  yield* Locations.create({ id: "s2", code: "S2", kind: "site" })
  yield* Locations.create({ id: "wh2", code: "WH2", kind: "warehouse", parentId: "s2" })
  yield* Locations.create({ id: "bin-c", code: "WH2-C", kind: "bin", parentId: "wh2" })
  yield* Catalog.createItem({
    id: "plain",
    sku: "PLAIN-1",
    name: "Plain widget",
    baseUnit: { code: "each" },
    conversions: [{ code: "case", factor: 12 }],
    gtins: ["4006381333931"]
  })
  yield* Catalog.createItem({
    id: "bulk",
    sku: "BULK-1",
    name: "Bulk flour",
    baseUnit: { code: "kg", decimals: 3 },
    conversions: [{ code: "g", factor: "0.001" }]
  })
  yield* Catalog.createItem({ id: "lotted", sku: "LOT-1", name: "Lotted syrup", baseUnit: { code: "each" }, tracking: "lot", shelfLifeDays: 30 })
  yield* Catalog.createItem({ id: "serial", sku: "SER-1", name: "Serial laptop", baseUnit: { code: "each" }, tracking: "serial" })
})

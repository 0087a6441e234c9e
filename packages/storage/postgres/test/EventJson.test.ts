// The events table's JSON: movements written out by hand must be exactly what the schema writes, and the
// documents read as text must decode once per distinct text and fail as a StoreError when they do not decode.
import { assert, describe, it } from "@effect/vitest"
import { Catalog, CurrentActor, DomainEvent, IdGenerator, type Ids, Item, type Lot, type Movement, Stores } from "@quartermaster/core"
import { BigDecimal, DateTime, Effect, Exit, Layer, Schema } from "effect"
import fc from "fast-check"
import { decodeDoc, encodeDoc } from "../src/internal/errors.ts"
import { encodeEvent } from "../src/internal/eventJson.ts"

const viaSchema = encodeDoc(DomainEvent.DomainEvent)
const decodeEvent = Schema.decodeUnknownSync(DomainEvent.DomainEvent)

// Ids with the characters JSON has to escape, and some beyond ASCII.
const text = fc.string({ unit: fc.constantFrom("a", "Z", "7", "-", " ", "\"", "\\", "/", "é", "€", "😀", "\t"), minLength: 1, maxLength: 12 })
  .filter((s) => s.trim() === s && !s.includes("\t"))
const id = <B>() => text as unknown as fc.Arbitrary<B>
const time = fc.integer({ min: -2_000_000_000_000, max: 4_000_000_000_000 }).map((ms) => DateTime.makeUnsafe(ms))
const cost = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: -3, max: 12 })).map(([v, s]) => BigDecimal.make(v, s))
const nullable = <A>(a: fc.Arbitrary<A>) => fc.option(a, { nil: null })

const movement = (shared: DateTime.Utc): fc.Arbitrary<Movement.Movement> =>
  fc.record({
    id: id<Ids.MovementId>(),
    tenantId: id<Ids.TenantId>(),
    seq: fc.integer({ min: 0, max: 2 ** 40 }),
    batchId: id<Ids.MovementId>(),
    itemId: id<Ids.ItemId>(),
    fromLocationId: id<Ids.LocationId>(),
    toLocationId: id<Ids.LocationId>(),
    quantity: fc.bigInt({ min: 1n, max: 10n ** 40n }),
    lot: nullable(text),
    serials: fc.array(text, { maxLength: 3 }),
    unitCost: nullable(cost),
    effectiveAt: fc.oneof(fc.constant(shared), time),
    recordedAt: fc.oneof(fc.constant(shared), time),
    reasonCode: nullable(text),
    reference: nullable(text),
    reservationId: nullable(id<Ids.ReservationId>()),
    actorId: id<Ids.ActorId>()
  })

const lot: fc.Arbitrary<Lot.Lot> = fc.record({
  tenantId: id<Ids.TenantId>(),
  itemId: id<Ids.ItemId>(),
  code: text,
  expiresAt: nullable(time),
  receivedAt: time
})

const posted = time.chain((shared) =>
  fc.record({
    _tag: fc.constant("MovementsPosted" as const),
    movements: fc.array(movement(shared), { maxLength: 8 }),
    lots: fc.oneof(fc.constant([]), fc.array(lot, { maxLength: 3 }))
  })
)

describe("event JSON", () => {
  it("writes MovementsPosted as the schema does, and it decodes back", () => {
    fc.assert(
      fc.property(posted, (event) => {
        const fast = encodeEvent(event)
        assert.deepStrictEqual(JSON.parse(fast), JSON.parse(viaSchema(event)))
        assert.strictEqual(viaSchema(decodeEvent(JSON.parse(fast))), viaSchema(event))
      }),
      { numRuns: 300 }
    )
  })

  it("writes other events through the schema", () => {
    const event: DomainEvent.DomainEvent = { _tag: "LocationArchived", locationId: "bin-1" as Ids.LocationId }
    assert.strictEqual(encodeEvent(event), viaSchema(event))
  })
})

describe("documents read as text", () => {
  const encodeItem = encodeDoc(Item.Item)
  // An item as the catalog makes it, written as the store writes it.
  const doc = encodeItem(Effect.runSync(
    Catalog.createItem({ id: "item-1", sku: "SKU-1", name: "Widget", baseUnit: { code: "each" } }).pipe(
      Effect.provide(Layer.mergeAll(Stores.layerMemory, CurrentActor.CurrentActor.layer("t", "a"), IdGenerator.IdGenerator.layerSequential("t")))
    )
  ))

  it.effect("decode once per distinct text, and again after the text was evicted", () =>
    Effect.gen(function*() {
      const decode = decodeDoc(Item.Item, "catalog.item", { cache: 2 })
      const first = yield* decode(doc)
      assert.strictEqual(yield* decode(doc), first, "the same text is the same item")
      assert.strictEqual(first.name, "Widget")
      const renamed = doc.replace("\"Widget\"", "\"Gadget\"")
      const second = yield* decode(renamed)
      assert.notStrictEqual(second, first)
      assert.strictEqual(second.name, "Gadget")
      // A third text evicts the oldest: the first decodes anew, to an equal item.
      yield* decode(doc.replace("\"Widget\"", "\"Sprocket\""))
      const again = yield* decode(doc)
      assert.notStrictEqual(again, first)
      assert.deepStrictEqual(encodeItem(again), encodeItem(first))
      // A parsed document (not text) is decoded every time.
      const parsed = JSON.parse(doc)
      assert.notStrictEqual(yield* decode(parsed), yield* decode(parsed))
    }))

  it.effect("a text that is not JSON, or not an item, is a non-retryable StoreError", () =>
    Effect.gen(function*() {
      const decode = decodeDoc(Item.Item, "catalog.item", { cache: 8 })
      for (const bad of ["{\"id\":", JSON.stringify({ ...JSON.parse(doc), baseUnit: "each" })]) {
        const exit = yield* Effect.exit(decode(bad))
        assert.isTrue(Exit.isFailure(exit))
        const error = Exit.isFailure(exit) ? exit.cause.reasons[0] : undefined
        assert.strictEqual(error?._tag, "Fail")
        if (error?._tag === "Fail") {
          assert.strictEqual(error.error._tag, "StoreError")
          assert.isFalse(error.error.retryable)
          assert.match(error.error.detail ?? "", /stored data does not decode/)
        }
      }
    }))
})

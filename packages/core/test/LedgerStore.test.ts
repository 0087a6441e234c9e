import { assert, describe, it } from "@effect/vitest"
import { DateTime, Effect, Layer } from "effect"
import type { ActorId, ItemId, LocationId, MovementId, TenantId } from "../src/Ids.ts"
import { type BalanceKey, keyOf, LedgerStore } from "../src/LedgerStore.ts"
import type { Movement } from "../src/Movement.ts"
import { UnitOfWork } from "../src/UnitOfWork.ts"

const layer = LedgerStore.layerMemory.pipe(Layer.provideMerge(UnitOfWork.layerMemory))

const tenant = "t1" as TenantId
const at = DateTime.makeUnsafe(0)

const movement = (id: string, itemId: string, from: string, to: string, quantity: bigint, lot: string | null = null): Movement => ({
  id: id as MovementId,
  tenantId: tenant,
  seq: 0,
  batchId: id as MovementId,
  itemId: itemId as ItemId,
  fromLocationId: from as LocationId,
  toLocationId: to as LocationId,
  quantity,
  lot,
  serials: [],
  unitCost: null,
  effectiveAt: at,
  recordedAt: at,
  reasonCode: null,
  reference: null,
  reservationId: null,
  actorId: "a" as ActorId
})

const key = (itemId: string, locationId: string, lot: string | null = null): BalanceKey => ({
  itemId: itemId as ItemId,
  locationId: locationId as LocationId,
  lot
})

const delta = (itemId: string, locationId: string, lot: string | null, d: bigint) => ({ ...key(itemId, locationId, lot), delta: d })

/** Everything the in-memory ledger holds, through its port. */
const snapshot = Effect.gen(function*() {
  const store = yield* LedgerStore
  return {
    balances: yield* store.balances(tenant, {}),
    item1: yield* store.balances(tenant, { itemId: "i1" as ItemId }),
    item2: yield* store.balances(tenant, { itemId: "i2" as ItemId }),
    movements: yield* store.movements(tenant, {}, { limit: 100 }),
    history1: yield* store.movements(tenant, { itemId: "i1" as ItemId }, { limit: 100 }),
    byId: [...(yield* store.getMovements(tenant, ["a", "b", "c", "d"] as Array<MovementId>))],
    quantities: [...(yield* store.getBalances(tenant, [key("i1", "b1"), key("i1", "b2"), key("i2", "b1", "L1"), key("i2", "sup")]))]
  }
})

describe("LedgerStore.layerMemory", () => {
  it.effect("a failed transaction takes back everything record wrote", () =>
    Effect.gen(function*() {
      const store = yield* LedgerStore
      const uow = yield* UnitOfWork
      yield* uow.transaction(store.record(tenant, {
        movements: [movement("a", "i1", "sup", "b1", 5n)],
        deltas: [delta("i1", "sup", null, -5n), delta("i1", "b1", null, 5n)],
        serials: [],
        lots: []
      }))
      const before = yield* snapshot
      const failure = yield* Effect.flip(uow.transaction(Effect.gen(function*() {
        yield* store.record(tenant, {
          movements: [
            movement("b", "i1", "b1", "b2", 2n),
            movement("c", "i2", "sup", "b1", 1n, "L1"),
            movement("a", "i1", "sup", "b1", 9n),
            movement("d", "i1", "b2", "b1", 1n)
          ],
          deltas: [
            delta("i1", "b1", null, -2n),
            delta("i1", "b2", null, 2n),
            delta("i2", "sup", "L1", -1n),
            delta("i2", "b1", "L1", 1n),
            delta("i1", "b2", null, -1n),
            delta("i1", "b1", null, 1n)
          ],
          serials: [],
          lots: []
        })
        const during = yield* snapshot
        assert.strictEqual(during.movements.length, 5)
        assert.deepStrictEqual(during.quantities.map(([, q]) => q), [4n, 1n, 1n, 0n])
        return yield* Effect.fail("refused" as const)
      })))
      assert.strictEqual(failure, "refused")
      assert.deepStrictEqual(yield* snapshot, before)
    }).pipe(Effect.provide(layer)))

  it.effect("lists all balances in the order their rows were first recorded", () =>
    Effect.gen(function*() {
      const store = yield* LedgerStore
      const uow = yield* UnitOfWork
      const post = (deltas: ReadonlyArray<ReturnType<typeof delta>>) =>
        uow.transaction(store.record(tenant, { movements: [], deltas, serials: [], lots: [] }))
      yield* post([delta("i2", "sup", null, -1n), delta("i2", "b1", null, 1n)])
      yield* post([delta("i1", "sup", null, -3n), delta("i1", "b1", "L1", 3n)])
      yield* post([delta("i2", "b1", null, -1n), delta("i2", "b2", null, 1n), delta("i1", "b1", "L1", 1n)])
      const rows = yield* store.balances(tenant, {})
      assert.deepStrictEqual(rows.map((b) => `${b.itemId}/${b.locationId}/${b.lot}=${b.quantity}`), [
        "i2/sup/null=-1",
        "i1/sup/null=-3",
        "i1/b1/L1=4",
        "i2/b2/null=1"
      ])
    }).pipe(Effect.provide(layer)))

  it.effect("returns balances as they were when read, while later postings change the rows", () =>
    Effect.gen(function*() {
      const store = yield* LedgerStore
      const uow = yield* UnitOfWork
      const post = (deltas: ReadonlyArray<ReturnType<typeof delta>>) =>
        uow.transaction(store.record(tenant, { movements: [], deltas, serials: [], lots: [] }))
      yield* post([delta("i1", "sup", null, -5n), delta("i1", "b1", null, 5n)])
      const read = yield* store.balances(tenant, { itemId: "i1" as ItemId })
      yield* post([delta("i1", "b1", null, -2n), delta("i1", "b2", null, 2n)])
      assert.deepStrictEqual(read.map((b) => b.quantity), [-5n, 5n])
      assert.deepStrictEqual((yield* store.balances(tenant, { itemId: "i1" as ItemId })).map((b) => b.quantity), [-5n, 3n, 2n])
    }).pipe(Effect.provide(layer)))

  it.effect("keeps quantities exact past the range of safe integers, and undoes them exactly", () =>
    Effect.gen(function*() {
      const store = yield* LedgerStore
      const uow = yield* UnitOfWork
      const big = 2n ** 53n + 1n
      const post = (deltas: ReadonlyArray<ReturnType<typeof delta>>) =>
        uow.transaction(store.record(tenant, { movements: [], deltas, serials: [], lots: [] }))
      const keys = [key("i1", "b1"), key("i1", "b2"), key("i1", "sup")]
      const read = Effect.gen(function*() {
        const quantities = yield* store.quantities!(tenant, keys)
        const byKey = yield* store.getBalances(tenant, keys)
        // The keyless read agrees with the keyed one.
        assert.deepStrictEqual(keys.map((k) => byKey.get(keyOf(k))), [...quantities])
        return quantities
      })
      yield* post([delta("i1", "sup", null, -big), delta("i1", "b1", null, big)])
      yield* post([delta("i1", "b1", null, big), delta("i1", "b2", null, 9007199254740991n)])
      assert.deepStrictEqual(yield* read, [2n * big, 9007199254740991n, -big])
      const before = yield* read
      const failure = yield* Effect.flip(uow.transaction(Effect.gen(function*() {
        yield* store.record(tenant, {
          movements: [],
          deltas: [delta("i1", "b1", null, -2n * big + 1n), delta("i1", "b2", null, 1n), delta("i1", "b2", null, -3n)],
          serials: [],
          lots: []
        })
        assert.deepStrictEqual(yield* read, [1n, 9007199254740989n, -big])
        return yield* Effect.fail("refused" as const)
      })))
      assert.strictEqual(failure, "refused")
      assert.deepStrictEqual(yield* read, before)
      assert.deepStrictEqual((yield* store.balances(tenant, {})).map((b) => b.quantity), [-big, 2n * big, 9007199254740991n])
    }).pipe(Effect.provide(layer)))
})

import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Schema } from "effect"
import { AssetStore } from "../src/AssetStore.ts"
import { CatalogStore } from "../src/CatalogStore.ts"
import { CountStore } from "../src/CountStore.ts"
import { CurrentActor } from "../src/CurrentActor.ts"
import { EventLog } from "../src/EventLog.ts"
import type { ItemId, TenantId } from "../src/Ids.ts"
import { LedgerStore } from "../src/LedgerStore.ts"
import { CredentialStore } from "../src/CredentialStore.ts"
import { LicenceStore } from "../src/LicenceStore.ts"
import { MaintenanceStore } from "../src/MaintenanceStore.ts"
import { ProcurementStore } from "../src/ProcurementStore.ts"
import { ReservationStore } from "../src/ReservationStore.ts"
import * as StockLedger from "../src/StockLedger.ts"
import { TransferStore } from "../src/TransferStore.ts"
import { Fixtures } from "../src/testing.ts"
import { transaction, UnitOfWork } from "../src/UnitOfWork.ts"
import * as Valuations from "../src/Valuations.ts"
import { Checkpoint } from "../src/ValuationState.ts"
import { ValuationStore } from "../src/ValuationStore.ts"

// What the in-memory stores show about how refresh works: how much of the ledger it reads, and what it writes.

// The stores the cases do not look into.
const others = Layer.mergeAll(AssetStore.layerMemory, LicenceStore.layerMemory, CredentialStore.layerMemory, MaintenanceStore.layerMemory, ProcurementStore.layerMemory, CountStore.layerMemory, TransferStore.layerMemory)

const memory = Layer.mergeAll(CatalogStore.layerMemory, LedgerStore.layerMemory, ReservationStore.layerMemory, EventLog.layerMemory, ValuationStore.layerMemory, others).pipe(
  Layer.provideMerge(UnitOfWork.layerMemory)
)

/** The in-memory stores, with the ledger counting the movements it hands out and the store the entries written. */
const counting = () => {
  const counts = { read: 0, written: 0 }
  const ledger = Layer.effect(
    LedgerStore,
    Effect.map(Effect.service(LedgerStore), (s) => LedgerStore.of({ ...s, movements: (t, f, p) => Effect.tap(s.movements(t, f, p), (m) => Effect.sync(() => (counts.read += m.length))) }))
  ).pipe(Layer.provide(LedgerStore.layerMemory))
  const valuation = Layer.effect(
    ValuationStore,
    Effect.map(Effect.service(ValuationStore), (s) => {
      const replace = s.replaceEntries
      return ValuationStore.of({
        ...s,
        writeEntries: (t, put, remove) => Effect.tap(s.writeEntries(t, put, remove), () => Effect.sync(() => (counts.written += put.length))),
        ...(replace === undefined ? {} : { replaceEntries: (t, i, span, fresh) => Effect.tap(replace(t, i, span, fresh), (c) => Effect.sync(() => (counts.written += c.written.length))) })
      })
    })
  ).pipe(Layer.provide(ValuationStore.layerMemory))
  const layer = Layer.mergeAll(CatalogStore.layerMemory, ledger, ReservationStore.layerMemory, EventLog.layerMemory, valuation, others).pipe(Layer.provideMerge(UnitOfWork.layerMemory))
  return { counts, layer }
}

/** 3,000 movements of `plain`: receipts of 10 and issues of 5, a day apart in turns. */
const history = Effect.gen(function*() {
  yield* Fixtures.world
  for (let k = 0; k < 3; k++) {
    yield* StockLedger.post(Array.from({ length: 1000 }, (_, j) => {
      const i = k * 1000 + j
      const at = Fixtures.START - (4000 - i) * 60_000
      return i % 2 === 0
        ? { id: `m${i}`, itemId: "plain", from: "sup", to: "bin-a", quantity: 10, unitCost: `${1 + (i % 7)}.25`, effectiveAt: at }
        : { id: `m${i}`, itemId: "plain", from: "bin-a", to: "cust", quantity: 5, effectiveAt: at }
    }))
  }
  yield* Valuations.refresh()
})

describe("Valuations over the in-memory stores", () => {
  it.effect("a backdated posting revalues from the checkpoint before it, never from the start", () => {
    const { counts, layer } = counting()
    return Fixtures.asFreshTenant("backdated", () =>
      Effect.gen(function*() {
        yield* history
        counts.read = 0
        counts.written = 0
        // Between m2500 and m2501: after the checkpoints at about 1,000 and 2,000 steps.
        yield* StockLedger.post([{ id: "late", itemId: "plain", from: "sup", to: "bin-a", quantity: 3, unitCost: "9.99", effectiveAt: Fixtures.START - 1499.5 * 60_000 }])
        yield* Valuations.refresh()
        assert.isAtMost(counts.read, 1100, `movements read: ${counts.read}`)
        assert.isAbove(counts.written, 0)
      })).pipe(Effect.provide(layer))
  })

  it.effect("a backdated change with no effect on value stops at the next checkpoint and writes nothing", () => {
    const { counts, layer } = counting()
    return Fixtures.asFreshTenant("no-effect", () =>
      Effect.gen(function*() {
        yield* history
        counts.read = 0
        counts.written = 0
        // A move between two bins of one site: company-wide it changes no value.
        yield* StockLedger.post([{ id: "move", itemId: "plain", from: "bin-a", to: "bin-b", quantity: 1, effectiveAt: Fixtures.START - 2999.5 * 60_000 }])
        const result = yield* Valuations.refresh()
        assert.deepStrictEqual([[...result.items], result.entries], [["plain"], 0])
        assert.strictEqual(counts.written, 0)
        const { tenantId } = yield* CurrentActor
        const events = yield* (yield* EventLog).list(tenantId, { limit: 100_000 })
        assert.isFalse(events.some((e) => e.event._tag === "InventoryRevalued"))
      })).pipe(Effect.provide(layer))
  })

  it.effect("checkpoints encode to JSON and back exactly, for SQL adapters", () =>
    Fixtures.asFreshTenant("json", () =>
      Effect.gen(function*() {
        yield* history
        const { tenantId } = yield* CurrentActor
        const store = yield* ValuationStore
        const heads = yield* store.heads(tenantId, ["plain" as ItemId])
        const saved = [...heads.values(), ...(yield* store.checkpoints(tenantId, "plain" as ItemId, null))]
        assert.isAbove(saved.length, 2)
        const codec = Schema.fromJsonString(Checkpoint)
        for (const c of saved) {
          const text = Schema.encodeSync(codec)(c)
          assert.deepStrictEqual(Schema.decodeSync(codec)(text), c)
          assert.notInclude(text, "\\u0000")
        }
      })).pipe(Effect.provide(memory)))

  it.effect("a failing unit of work leaves the valuation store as it was", () =>
    Effect.gen(function*() {
      const store = yield* ValuationStore
      const tenantId = "rollback" as TenantId
      const entry = { itemId: "i", id: "e", at: 1, seq: 1, step: "e", kind: "receipt" as const, movementId: "e", site: "", lot: null, quantity: 1n, value: 5n, cogs: 0n, received: 5n, provisional: 0n }
      yield* store.writeEntries(tenantId, [entry], [])
      const before = JSON.stringify(yield* store.entries(tenantId, {}, { limit: 10 }), (_k, v) => (typeof v === "bigint" ? `${v}` : v))
      const exit = yield* Effect.exit(transaction(Effect.gen(function*() {
        yield* store.writeEntries(tenantId, [{ ...entry, value: 6n, received: 6n }, { ...entry, id: "f", step: "f", seq: 2 }], [])
        yield* store.markDirty(tenantId, [{ itemId: "i" as ItemId, from: { at: 0, seq: 0, id: "" }, through: { at: 0, seq: 0, id: "" } }])
        yield* store.putSettings({ tenantId, currencyScale: 3, scope: "site", lockDate: null, version: 1 })
        return yield* Effect.fail("boom")
      })))
      assert.isTrue(exit._tag === "Failure")
      assert.strictEqual(JSON.stringify(yield* store.entries(tenantId, {}, { limit: 10 }), (_k, v) => (typeof v === "bigint" ? `${v}` : v)), before)
      assert.deepStrictEqual(yield* store.dirty(tenantId, null), [])
      assert.strictEqual((yield* store.getSettings(tenantId, "none")).currencyScale, 2)
    }).pipe(Effect.provide(memory)))
})

import { assert, describe, layer } from "@effect/vitest"
import { CountReview, CurrentActor, CycleCounts, type Ids, Invariants, LedgerStore, StockLedger, StockQuery, Transfers } from "@quartermaster/core"
import { Fixtures } from "@quartermaster/core/testing"
import { PgStores } from "@quartermaster/storage-postgres"
import { BigDecimal, Effect, Exit } from "effect"
import { url } from "./database.ts"

const CLIENTS = 16

const onHand = (itemId: string, locationId: string) =>
  Effect.map(StockQuery.level({ itemId, locationId }), (l) => Number(BigDecimal.format(l.onHand)))

const tagOf = (cause: { readonly reasons: ReadonlyArray<{ readonly _tag: string }> }): string | undefined => {
  const fail = cause.reasons.find((r) => r._tag === "Fail") as { readonly error: { readonly _tag: string } } | undefined
  return fail?.error._tag
}

const policy = { limits: [{ role: "manager" as const, maxValue: "100000" }] }

// A count is approved (twice, by two managers) while receipts post into the counted bins, each on its own
// connection. The approval's adjustments apply on top of whatever the receipts did: the final stock is what
// was counted plus what arrived after the count, every receipt lands once, and the invariants hold.
describe.runIf(url !== undefined)("PostgreSQL: cycle counts and transfers under contention", () => {
  layer(PgStores.layer({ url: url!, maxConnections: CLIENTS }), { timeout: 120_000, excludeTestServices: true })("16 clients", (it) => {
    it.effect("a count approved while receipts post into the same bins counts no movement twice", () =>
      Fixtures.asFreshTenant("count-race", (_, tenantId) =>
        Effect.gen(function*() {
          yield* Fixtures.world
          yield* StockLedger.post([
            { id: "stock-a", itemId: "plain", from: "sup", to: "bin-a", quantity: 20, unitCost: 3 },
            { id: "stock-b", itemId: "plain", from: "sup", to: "bin-b", quantity: 10, unitCost: 3 }
          ])
          for (let round = 0; round < 3; round++) {
            const id = `race-${round}`
            yield* CycleCounts.create({ id, scope: { _tag: "Items", itemIds: ["plain"], locationId: "z1" }, policy, adjustmentLocationId: "loss" })
            yield* CycleCounts.freeze(id)
            const book = [yield* onHand("plain", "bin-a"), yield* onHand("plain", "bin-b")]
            const counted = [book[0]! - 2, book[1]! + 1]
            yield* CycleCounts.record(id, [{ itemId: "plain", locationId: "bin-a", quantity: counted[0]! }, { itemId: "plain", locationId: "bin-b", quantity: counted[1]! }])
            const receipts = Array.from({ length: 24 }, (_, i) =>
              StockLedger.post([{ id: `${id}-r${i}`, itemId: "plain", from: "sup", to: i % 2 === 0 ? "bin-a" : "bin-b", quantity: 1, unitCost: 3 }]))
            const approvals = ["boss", "chief"].map((actor) => CountReview.approve(id).pipe(Effect.provide(CurrentActor.CurrentActor.layer(tenantId, actor, ["manager"]))))
            const work: Array<Effect.Effect<void, unknown, CycleCounts.Env>> = [...approvals.map(Effect.asVoid), ...receipts.map(Effect.asVoid)]
            const exits = yield* Effect.forEach(work, (e) => Effect.exit(e), { concurrency: CLIENTS })
            const approvalExits = exits.slice(0, 2)
            assert.strictEqual(approvalExits.filter(Exit.isSuccess).length, 1, "exactly one approval wins")
            for (const e of approvalExits) if (Exit.isFailure(e)) assert.strictEqual(tagOf(e.cause), "CountSessionState", String(e.cause))
            for (const e of exits.slice(2)) assert.isTrue(Exit.isSuccess(e), Exit.isFailure(e) ? String(e.cause) : "")
            assert.deepStrictEqual([yield* onHand("plain", "bin-a"), yield* onHand("plain", "bin-b")], [counted[0]! + 12, counted[1]! + 12])
            const adjustments = yield* (yield* LedgerStore.LedgerStore).movements(tenantId as Ids.TenantId, { reference: id }, { limit: 100 })
            assert.deepStrictEqual(adjustments.map((m) => [m.fromLocationId, m.toLocationId, m.quantity]).sort(), [["bin-a", "loss", 2n], ["loss", "bin-b", 1n]])
          }
          assert.deepStrictEqual((yield* Invariants.verify).violations, [])
        })))

    it.effect("concurrent receipts against one transfer never receive more than was shipped", () =>
      Fixtures.asFreshTenant("transfer-race", () =>
        Effect.gen(function*() {
          yield* Fixtures.world
          yield* StockLedger.post([{ id: "stock", itemId: "plain", from: "sup", to: "bin-a", quantity: 30 }])
          yield* Transfers.create({ id: "tr", from: "bin-a", to: "bin-c", transitLocationId: "transit", lines: [{ itemId: "plain", quantity: 10 }] })
          yield* Transfers.ship("tr")
          const exits = yield* Effect.forEach(
            Array.from({ length: CLIENTS }, (_, i) => Transfers.receive("tr", { id: `rc-${i}`, lines: [{ lineNo: 1, quantity: 3 }] })),
            (e) => Effect.exit(e),
            { concurrency: CLIENTS }
          )
          assert.strictEqual(exits.filter(Exit.isSuccess).length, 3, "three receipts of 3 fit in 10")
          for (const e of exits) if (Exit.isFailure(e)) assert.strictEqual(tagOf(e.cause), "OverReceipt", String(e.cause))
          const rows = yield* Transfers.inTransit({ transferId: "tr" })
          assert.deepStrictEqual(rows.map((r) => BigDecimal.format(r.inTransit)), ["1"])
          assert.deepStrictEqual([yield* onHand("plain", "bin-c")], [9])
          assert.deepStrictEqual((yield* Invariants.verify).violations, [])
        })))
  })
})

import { assert, describe, layer } from "@effect/vitest"
import { Invariants, PurchaseOrders, Receiving, StockQuery } from "@quartermaster/core"
import { Fixtures } from "@quartermaster/core/testing"
import { PgStores } from "@quartermaster/storage-postgres"
import { BigDecimal, Effect, Exit } from "effect"
import { url } from "./database.ts"

const CLIENTS = 16

// Receipts racing on one purchase order line, each on its own connection: the order row is locked while a
// receipt is checked and posted, so together they never pass the line's tolerance.
describe.runIf(url !== undefined)("PostgreSQL receipts under contention", () => {
  layer(PgStores.layer({ url: url!, maxConnections: CLIENTS }), { timeout: 60_000, excludeTestServices: true })("16 clients", (it) => {
    it.effect("concurrent receipts against one line stop at its tolerance", () =>
      Fixtures.asFreshTenant("procurement-contention", () =>
        Effect.gen(function*() {
          yield* Fixtures.world
          yield* PurchaseOrders.create({
            id: "PO-1",
            supplierId: "sup",
            supplierName: "Acme",
            shipToId: "wh",
            tolerancePercent: 10,
            lines: [{ itemId: "plain", quantity: 20, unitPrice: "1.5", expectedAt: 0 }]
          })
          yield* PurchaseOrders.send("PO-1")
          // 20 + 10 % = 22 at most: 32 receipts of 3 race for it, so 7 fit (21).
          const exits = yield* Effect.forEach(
            Array.from({ length: CLIENTS * 2 }, (_, i) => Receiving.receive({ id: `R${i}`, purchaseOrderId: "PO-1", lines: [{ lineNo: 1, quantity: 3 }] })),
            (w) => Effect.exit(w),
            { concurrency: CLIENTS }
          )
          for (const f of exits.filter(Exit.isFailure)) {
            const reason = f.cause.reasons[0]
            const tag = reason?._tag === "Fail" ? (reason.error as { _tag: string })._tag : reason?._tag
            assert.strictEqual(tag, "OverReceipt", `unexpected failure ${String(f.cause)}`)
          }
          assert.strictEqual(exits.filter(Exit.isSuccess).length, 7)
          const order = yield* PurchaseOrders.get("PO-1")
          assert.deepStrictEqual([order.lines[0]!.received, order.receipts.length, order.status], [21n, 7, "received"])
          const level = yield* StockQuery.level({ itemId: "plain", locationId: "wh" })
          assert.strictEqual(BigDecimal.format(level.onHand), "21")
          assert.deepStrictEqual((yield* Invariants.verify).violations, [])
        })))

    it.effect("a receipt replayed concurrently with itself posts once", () =>
      Fixtures.asFreshTenant("procurement-replay", () =>
        Effect.gen(function*() {
          yield* Fixtures.world
          yield* PurchaseOrders.create({ id: "PO-2", supplierId: "sup", supplierName: "Acme", shipToId: "wh", lines: [{ itemId: "plain", quantity: 5, unitPrice: 1, expectedAt: 0 }] })
          yield* PurchaseOrders.send("PO-2")
          const input = { id: "R-same", purchaseOrderId: "PO-2", receivedAt: Fixtures.START - 1000, lines: [{ lineNo: 1, quantity: 5 }] }
          const results = yield* Effect.forEach(Array.from({ length: 8 }, () => input), (r) => Receiving.receive(r), { concurrency: 8 })
          assert.strictEqual(results.filter((r) => !r.replayed).length, 1)
          const level = yield* StockQuery.level({ itemId: "plain", locationId: "wh" })
          assert.strictEqual(BigDecimal.format(level.onHand), "5")
        })))
  })
})

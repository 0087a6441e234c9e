import { assert, describe, it } from "@effect/vitest"
import { type Ids, ProcurementStore, type PurchaseOrder, PurchaseOrders, Receiving, type Requisition, Requisitions } from "@quartermaster/core"
import { Fixtures } from "@quartermaster/core/testing"
import { PgStores, TenantSession } from "@quartermaster/storage-postgres"
import { Effect, Exit } from "effect"
import { url } from "./database.ts"
import { appUrl, setup } from "./rowLevelSecurity.ts"

describe.runIf(url !== undefined)("PostgreSQL procurement store under row-level security", () => {
  it.live("a session pinned to tenant A neither reads nor writes tenant B's requisitions and orders", () =>
    Effect.gen(function*() {
      yield* setup
      const app = PgStores.layer({ url: appUrl(), maxConnections: 4, rowLevelSecurity: true, migrate: false })
      yield* Effect.gen(function*() {
        const tenantB = yield* Fixtures.asFreshTenant("rls-po-b", (_clock, tenantId) =>
          Effect.gen(function*() {
            yield* Fixtures.world
            yield* Requisitions.create({ id: "REQ-B", lines: [{ itemId: "plain", quantity: 1 }] })
            yield* PurchaseOrders.create({ id: "PO-B", supplierId: "sup", supplierName: "Acme", shipToId: "wh", lines: [{ itemId: "plain", quantity: 3, unitPrice: 1, expectedAt: 0 }] })
            yield* PurchaseOrders.send("PO-B")
            // A receipt locks the order row (FOR UPDATE) inside the pinned transaction.
            yield* Receiving.receive({ id: "R-B", purchaseOrderId: "PO-B", lines: [{ lineNo: 1, quantity: 1 }] })
            return tenantId as Ids.TenantId
          }).pipe(TenantSession.pinned(tenantId)))
        const store = yield* ProcurementStore.ProcurementStore
        const PO = "PO-B" as PurchaseOrder.PurchaseOrderId
        const own = yield* store.getPurchaseOrders(tenantB, [PO]).pipe(TenantSession.pinned(tenantB))
        assert.strictEqual(own.get(PO)?.lines[0]?.received, 1n)
        const asA = TenantSession.pinned("rls-po-a-tenant")
        assert.strictEqual((yield* asA(store.getPurchaseOrders(tenantB, [PO], { forUpdate: true }))).size, 0)
        assert.strictEqual((yield* asA(store.listPurchaseOrders(tenantB, { limit: 10 }))).length, 0)
        assert.strictEqual((yield* asA(store.getRequisitions(tenantB, ["REQ-B" as Requisition.RequisitionId]))).size, 0)
        assert.strictEqual((yield* asA(store.listRequisitions(tenantB, { limit: 10 }))).length, 0)
        const forged = yield* Effect.exit(asA(store.putPurchaseOrder({ ...own.get(PO)!, id: "PO-FORGED" as PurchaseOrder.PurchaseOrderId, version: 1 })))
        assert.isTrue(Exit.isFailure(forged), "a write for another tenant is refused")
      }).pipe(Effect.provide(app))
    }), 60_000)
})

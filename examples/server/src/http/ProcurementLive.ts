/**
 * Handlers of the procurement group.
 *
 * @since 0.1.0
 */
import { PurchaseOrders, Receiving, Requisitions, SupplierPerformance } from "@quartermaster/core"
import { Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "../Api.ts"
import * as Problem from "../Problem.ts"

const page = <A extends { readonly id: string }>(rows: ReadonlyArray<A>, limit: number) => {
  const head = rows.slice(0, limit)
  return { rows: head, nextCursor: rows.length > limit ? head[head.length - 1]!.id : null }
}

const suggestions = (result: Receiving.ReceiveResult) =>
  result.receipt.lines.map((line) => ({
    lineNo: line.lineNo,
    itemId: line.itemId,
    movementId: line.movementId,
    receivedAt: line.locationId,
    suggestedBin: line.putAway.locationId,
    rule: line.putAway.rule
  }))

/**
 * The procurement handlers.
 *
 * @since 0.1.0
 */
export const ProcurementLive = HttpApiBuilder.group(Api, "procurement", (handlers) =>
  handlers.handleAll({
    createRequisition: ({ payload }) => Requisitions.create(payload).pipe(Problem.mapErrors),
    submitRequisition: ({ params }) => Requisitions.submit(params.requisitionId).pipe(Problem.mapErrors),
    approveRequisition: ({ params }) => Requisitions.approve(params.requisitionId).pipe(Problem.mapErrors),
    rejectRequisition: ({ params, payload }) => Requisitions.reject(params.requisitionId, payload.reason).pipe(Problem.mapErrors),
    convertRequisition: ({ params, payload }) => Requisitions.convert(params.requisitionId, payload).pipe(Problem.mapErrors),
    getRequisition: ({ params }) => Requisitions.get(params.requisitionId).pipe(Problem.mapErrors),
    listRequisitions: ({ query }) =>
      Effect.gen(function*() {
        const limit = query.limit ?? 100
        const rows = yield* Requisitions.list({
          limit: limit + 1,
          ...(query.status === undefined ? {} : { status: query.status }),
          ...(query.cursor === undefined ? {} : { afterId: query.cursor })
        })
        const { nextCursor, rows: requisitions } = page(rows, limit)
        return { requisitions, nextCursor }
      }).pipe(Problem.mapErrors),
    createPurchaseOrder: ({ payload }) => PurchaseOrders.create(payload).pipe(Problem.mapErrors),
    sendPurchaseOrder: ({ params }) => PurchaseOrders.send(params.purchaseOrderId).pipe(Problem.mapErrors),
    cancelPurchaseOrder: ({ params }) => PurchaseOrders.cancel(params.purchaseOrderId).pipe(Problem.mapErrors),
    closePurchaseOrder: ({ params }) => PurchaseOrders.close(params.purchaseOrderId).pipe(Problem.mapErrors),
    shortCloseLine: ({ params }) => PurchaseOrders.shortCloseLine(params.purchaseOrderId, params.lineNo).pipe(Problem.mapErrors),
    receive: ({ params, payload }) =>
      Receiving.receive({ ...payload, purchaseOrderId: params.purchaseOrderId }).pipe(
        Effect.map((result) => ({ ...result, putAway: suggestions(result) })),
        Problem.mapErrors
      ),
    onOrder: ({ query }) =>
      PurchaseOrders.onOrder({ itemIds: query.itemIds.split(",").map((id) => id.trim()).filter((id) => id !== "") }).pipe(
        Effect.map((rows) => query.locationId === undefined ? rows : rows.filter((r) => r.locationId === query.locationId)),
        Problem.mapErrors
      ),
    getPurchaseOrder: ({ params }) => PurchaseOrders.get(params.purchaseOrderId).pipe(Problem.mapErrors),
    listPurchaseOrders: ({ query }) =>
      Effect.gen(function*() {
        const limit = query.limit ?? 100
        const rows = yield* PurchaseOrders.list({
          limit: limit + 1,
          ...(query.status === undefined ? {} : { status: [query.status] }),
          ...(query.supplierId === undefined ? {} : { supplierId: query.supplierId }),
          ...(query.itemId === undefined ? {} : { itemIds: [query.itemId] }),
          ...(query.cursor === undefined ? {} : { afterId: query.cursor })
        })
        const { nextCursor, rows: purchaseOrders } = page(rows, limit)
        return { purchaseOrders, nextCursor }
      }).pipe(Problem.mapErrors),
    supplierPerformance: ({ query }) =>
      SupplierPerformance.report({
        from: query.from,
        to: query.to,
        ...(query.asOf === undefined ? {} : { asOf: query.asOf }),
        ...(query.supplierId === undefined ? {} : { supplierId: query.supplierId })
      }).pipe(Problem.mapErrors)
  }))

/**
 * Handlers of the assets group. Depreciation comes from `AssetDepreciation`, which computes each book's
 * schedule from the asset's cost, in-service date, recorded impairments and disposal.
 *
 * @since 0.1.0
 */
import {
  Asset as AssetModel,
  AssetAudits,
  AssetCosts,
  AssetDepreciation,
  AssetLedger,
  type AssetLifecycle,
  AssetScan,
  Assets,
  CheckOuts,
  DeviceEvent
} from "@quartermaster/core"
import { Effect, Schema, Stream } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "../Api.ts"
import * as Problem from "../Problem.ts"
import type { ScanOutcome } from "./schemas/Assets.ts"

const decodeAssignee = Schema.decodeUnknownEffect(AssetModel.Assignee)

/** A rejection carries its error's tag and message only. */
const outcomeBody = (outcome: AssetScan.Outcome): typeof ScanOutcome.Type =>
  outcome._tag === "Rejected" ? { ...outcome, error: { _tag: outcome.error._tag, message: outcome.error.message } } : outcome

/**
 * The assets handlers.
 *
 * @since 0.1.0
 */
export const AssetsLive = HttpApiBuilder.group(Api, "assets", (handlers) =>
  handlers.handleAll({
    register: ({ payload }) => Assets.register(payload as never).pipe(Problem.mapErrors),
    list: ({ query }) =>
      Effect.gen(function*() {
        const limit = query.limit ?? 100
        const rows = yield* Assets.list({
          limit: limit + 1,
          ...(query.status === undefined ? {} : { status: [query.status] }),
          ...(query.locationId === undefined ? {} : { locationIds: [query.locationId] }),
          ...(query.parentId === undefined ? {} : { parentId: query.parentId }),
          ...(query.cursor === undefined ? {} : { afterId: query.cursor })
        })
        const page = rows.slice(0, limit)
        return { assets: page, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null }
      }).pipe(Problem.mapErrors),
    overdue: ({ query }) =>
      Effect.gen(function*() {
        const limit = query.limit ?? 100
        const rows = yield* CheckOuts.overdue(query.at, { limit: limit + 1, ...(query.cursor === undefined ? {} : { afterId: query.cursor }) })
        const page = rows.slice(0, limit)
        return { checkOuts: page, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null }
      }).pipe(Problem.mapErrors),
    reconcile: () => AssetLedger.reconcile.pipe(Effect.map((mismatches) => ({ mismatches })), Problem.mapErrors),
    bulkCheckOut: ({ payload }) => CheckOuts.bulkCheckOut(payload as never).pipe(Problem.mapErrors),
    scan: ({ payload }) =>
      Effect.gen(function*() {
        const events = yield* Effect.forEach(payload.events, (event, index) =>
          DeviceEvent.decode(event).pipe(Effect.mapError((error) => new Problem.BadRequest({ detail: `events[${index}]: ${error.message}` }))))
        const window = payload.duplicateWindowMillis === undefined ? {} : { duplicateWindow: payload.duplicateWindowMillis }
        const condition = payload.condition === undefined ? {} : { condition: payload.condition }
        let config: AssetScan.Config
        if (payload.mode === "audit") {
          if (payload.auditId === undefined) return yield* new Problem.BadRequest({ detail: "audit needs `auditId`, the asset audit session" })
          config = { ...window, mode: "audit", auditId: payload.auditId }
        } else if (payload.mode === "checkIn") {
          config = { ...window, ...condition, mode: "checkIn" }
        } else {
          const assignee = payload.assignee === undefined
            ? undefined
            : yield* decodeAssignee(payload.assignee).pipe(Effect.mapError((error) => new Problem.BadRequest({ detail: `assignee: ${error.message}` })))
          config = {
            ...window,
            ...condition,
            mode: "checkOut",
            ...(assignee === undefined ? {} : { assignee }),
            ...(payload.expectedReturnAt === undefined ? {} : { expectedReturnAt: payload.expectedReturnAt })
          }
        }
        const outcomes = yield* AssetScan.runOn(Stream.fromIterable(events), config).pipe(Stream.runCollect, Problem.mapErrors)
        return { outcomes: Array.from(outcomes, outcomeBody) }
      }),
    capitalise: ({ payload }) => AssetLedger.capitalise(payload as never).pipe(Problem.mapErrors),
    get: ({ params }) => Assets.get(params.assetId).pipe(Problem.mapErrors),
    update: ({ params, payload }) => Assets.update(params.assetId, payload as never).pipe(Problem.mapErrors),
    transition: ({ params, payload }) =>
      Assets.transition(params.assetId, payload.action as AssetLifecycle.Action, payload.note).pipe(Problem.mapErrors),
    attach: ({ params, payload }) => Assets.attach(params.assetId, payload.parentId).pipe(Problem.mapErrors),
    detach: ({ params }) => Assets.detach(params.assetId).pipe(Problem.mapErrors),
    components: ({ params }) => Assets.components(params.assetId).pipe(Problem.mapErrors),
    history: ({ params, query }) =>
      Assets.history(params.assetId, {
        ...(query.afterSeq === undefined ? {} : { afterSeq: query.afterSeq }),
        ...(query.limit === undefined ? {} : { limit: query.limit })
      }).pipe(Effect.map((events) => ({ events })), Problem.mapErrors),
    checkOut: ({ params, payload }) =>
      CheckOuts.checkOut({ ...payload, asset: params.assetId } as never).pipe(Problem.mapErrors),
    checkIn: ({ params, payload }) =>
      CheckOuts.checkIn(params.assetId, payload.condition === undefined ? {} : { condition: payload.condition }).pipe(Problem.mapErrors),
    checkOuts: ({ params }) => CheckOuts.of(params.assetId).pipe(Problem.mapErrors),
    transfer: ({ params, payload }) =>
      AssetLedger.transfer({ ...payload, asset: params.assetId } as never).pipe(Problem.mapErrors),
    dispose: ({ params, payload }) =>
      AssetLedger.dispose({ ...payload, asset: params.assetId } as never).pipe(Problem.mapErrors),
    returnToStock: ({ params, payload }) => AssetLedger.returnToStock(params.assetId, payload.note).pipe(Problem.mapErrors),
    tco: ({ params }) => AssetCosts.tco(params.assetId).pipe(Problem.mapErrors),
    depreciation: ({ params, query }) =>
      AssetDepreciation.schedule(params.assetId, {
        ...(query.granularity === undefined ? {} : { granularity: query.granularity }),
        ...(query.book === undefined ? {} : { book: query.book })
      }).pipe(Effect.map((books) => ({ books: books.map((book) => ({ ...book, disposal: book.disposal ?? null })) })), Problem.mapErrors),
    bookValue: ({ params, query }) =>
      AssetDepreciation.bookValueAt(params.assetId, query.at, query.book === undefined ? {} : { book: query.book }).pipe(
        Effect.map((books) => ({ date: query.at, books })),
        Problem.mapErrors
      ),
    portfolio: ({ query }) =>
      AssetDepreciation.portfolio(query.at, {
        ...(query.from === undefined ? {} : { from: query.from }),
        ...(query.book === undefined ? {} : { book: query.book }),
        ...(query.status === undefined ? {} : { status: [query.status] }),
        ...(query.locationId === undefined ? {} : { locationIds: [query.locationId] })
      }).pipe(Problem.mapErrors),
    impair: ({ params, payload }) => AssetDepreciation.recordImpairment(params.assetId, payload as never).pipe(Problem.mapErrors),
    startAudit: ({ payload }) => AssetAudits.start(payload as never).pipe(Problem.mapErrors),
    scanAudit: ({ params, payload }) => AssetAudits.scan(params.auditId, payload.tags).pipe(Problem.mapErrors),
    auditResult: ({ params }) => AssetAudits.result(params.auditId).pipe(Problem.mapErrors),
    finishAudit: ({ params }) => AssetAudits.finish(params.auditId).pipe(Problem.mapErrors)
  }))

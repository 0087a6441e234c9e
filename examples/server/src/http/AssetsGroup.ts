/**
 * The asset routes: the register (register, change, list, lifecycle actions, components, audit trail),
 * check-out and check-in (single, bulk by scanned tags, overdue), the stock-ledger side (capitalise a serial,
 * transfer, dispose, return to stock, reconcile), asset scans (check-out, check-in or audit driven by barcode
 * and RFID events, `AssetScan.runOn`), asset audits (start, scan, result, finish), total cost of
 * ownership, and depreciation (`AssetDepreciation`: schedule per book, book value at a date, the portfolio at a
 * date, impairments).
 *
 * Request bodies are JSON objects passed to the core, which validates them (its input schemas are named in
 * each route's description); a body the core refuses is a 400 problem naming the field.
 *
 * @since 0.1.0
 */
import { Asset as AssetModel, AssetLifecycle, CheckOut } from "@quartermaster/core"
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "effect/http-api"
import * as Auth from "../Auth.ts"
import * as Problem from "../Problem.ts"
import * as S from "./schemas/Assets.ts"

/**
 * A JSON object body, validated by the core input schema its description names.
 *
 * @since 0.1.0
 */
export const Body = (input: string) =>
  Schema.Record(Schema.String, Schema.Unknown).annotate({ description: `A JSON object, validated as the core's ${input}` })

const id = { assetId: Schema.String.annotate({ description: "The asset's id or tag" }) }
const audit = { auditId: Schema.String }
const Limit = Schema.optional(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 1000 }))))

/**
 * The assets group.
 *
 * @since 0.1.0
 */
export class AssetsGroup extends HttpApiGroup.make("assets")
  .add(
    HttpApiEndpoint.post("register", "/assets", { payload: Body("Asset.NewAsset"), success: AssetModel.Asset, error: Problem.domain })
      .pipe(Auth.requires("assets:manage")),
    HttpApiEndpoint.get("list", "/assets", {
      query: {
        status: Schema.optional(AssetLifecycle.State),
        locationId: Schema.optional(Schema.String),
        parentId: Schema.optional(Schema.String),
        cursor: Schema.optional(Schema.String),
        limit: Limit
      },
      success: S.AssetPage,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("overdue", "/assets/overdue", {
      query: { at: Schema.optional(Schema.String).annotate({ description: "ISO time (default: now)" }), cursor: Schema.optional(Schema.String), limit: Limit },
      success: S.CheckOutPage,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("portfolio", "/assets/depreciation", {
      query: {
        at: Schema.String.annotate({ description: "A date YYYY-MM-DD" }),
        from: Schema.optional(Schema.String).annotate({ description: "First day of the period (default: start of the fiscal year)" }),
        book: Schema.optional(Schema.String),
        status: Schema.optional(AssetLifecycle.State),
        locationId: Schema.optional(Schema.String)
      },
      success: S.Portfolio,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("reconcile", "/assets/reconcile", { success: S.Reconciliation, error: Problem.domain }).pipe(Auth.requires("read")),
    HttpApiEndpoint.post("bulkCheckOut", "/assets/bulk-check-out", { payload: Body("CheckOuts.BulkCheckOutInput"), success: S.CheckOuts, error: Problem.domain })
      .pipe(Auth.requires("assets:operate")),
    HttpApiEndpoint.post("scan", "/assets/scans", {
      payload: Schema.Struct({
        mode: Schema.Literals(["checkOut", "checkIn", "audit"]),
        auditId: Schema.optional(Schema.String).annotate({ description: "The audit session (audit mode)" }),
        assignee: Schema.optional(Schema.Unknown).annotate({ description: "Default assignee (checkOut mode) until a location code is scanned" }),
        expectedReturnAt: Schema.optional(Schema.String),
        condition: Schema.optional(Schema.String),
        duplicateWindowMillis: Schema.optional(Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))),
        events: Schema.Array(Schema.Unknown).pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(10_000))).annotate({
          description: "Device events, as for POST /scans"
        })
      }),
      success: S.ScanOutcomes,
      error: Problem.domain
    }).pipe(Auth.requires("assets:operate")),
    HttpApiEndpoint.post("capitalise", "/assets/capitalise", { payload: Body("AssetLedger.CapitaliseInput"), success: AssetModel.Asset, error: Problem.domain })
      .pipe(Auth.requires("assets:manage")),
    HttpApiEndpoint.get("get", "/assets/:assetId", { params: id, success: AssetModel.Asset, error: Problem.domain }).pipe(Auth.requires("read")),
    HttpApiEndpoint.patch("update", "/assets/:assetId", { params: id, payload: Body("Asset.AssetChanges"), success: AssetModel.Asset, error: Problem.domain })
      .pipe(Auth.requires("assets:manage")),
    HttpApiEndpoint.post("transition", "/assets/:assetId/transition", {
      params: id,
      payload: Schema.Struct({ action: Schema.String, note: Schema.optional(Schema.String) }),
      success: AssetModel.Asset,
      error: Problem.domain
    }).pipe(Auth.requires("assets:manage")),
    HttpApiEndpoint.post("attach", "/assets/:assetId/attach", {
      params: id,
      payload: Schema.Struct({ parentId: Schema.String }),
      success: AssetModel.Asset,
      error: Problem.domain
    }).pipe(Auth.requires("assets:manage")),
    HttpApiEndpoint.post("detach", "/assets/:assetId/detach", { params: id, success: AssetModel.Asset, error: Problem.domain })
      .pipe(Auth.requires("assets:manage")),
    HttpApiEndpoint.get("components", "/assets/:assetId/components", { params: id, success: S.Assets, error: Problem.domain })
      .pipe(Auth.requires("read")),
    HttpApiEndpoint.get("history", "/assets/:assetId/history", {
      params: id,
      query: { afterSeq: Schema.optional(Schema.Int), limit: Limit },
      success: S.History,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.post("checkOut", "/assets/:assetId/check-out", {
      params: id,
      payload: Body("CheckOuts.CheckOutInput (without `asset`)"),
      success: CheckOut.CheckOut,
      error: Problem.domain
    }).pipe(Auth.requires("assets:operate")),
    HttpApiEndpoint.post("checkIn", "/assets/:assetId/check-in", {
      params: id,
      payload: Schema.Struct({ condition: Schema.optional(Schema.String) }),
      success: CheckOut.CheckOut,
      error: Problem.domain
    }).pipe(Auth.requires("assets:operate")),
    HttpApiEndpoint.get("checkOuts", "/assets/:assetId/check-outs", { params: id, success: S.CheckOuts, error: Problem.domain })
      .pipe(Auth.requires("read")),
    HttpApiEndpoint.post("transfer", "/assets/:assetId/transfer", {
      params: id,
      payload: Body("AssetLedger.TransferInput (without `asset`)"),
      success: AssetModel.Asset,
      error: Problem.domain
    }).pipe(Auth.requires("assets:manage")),
    HttpApiEndpoint.post("dispose", "/assets/:assetId/dispose", {
      params: id,
      payload: Body("AssetLedger.DisposeInput (without `asset`)"),
      success: AssetModel.Asset,
      error: Problem.domain
    }).pipe(Auth.requires("assets:manage")),
    HttpApiEndpoint.post("returnToStock", "/assets/:assetId/return-to-stock", {
      params: id,
      payload: Schema.Struct({ note: Schema.optional(Schema.String) }),
      success: AssetModel.Asset,
      error: Problem.domain
    }).pipe(Auth.requires("assets:manage")),
    HttpApiEndpoint.post("impair", "/assets/:assetId/impairments", {
      params: id,
      payload: Body("AssetDepreciation.ImpairmentInput"),
      success: AssetModel.Asset,
      error: Problem.domain
    }).pipe(Auth.requires("assets:manage")),
    HttpApiEndpoint.get("tco", "/assets/:assetId/tco", { params: id, success: S.TotalCost, error: Problem.domain }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("depreciation", "/assets/:assetId/depreciation", {
      params: id,
      query: { granularity: Schema.optional(Schema.Literals(["month", "year"])), book: Schema.optional(Schema.String) },
      success: S.Schedules,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("bookValue", "/assets/:assetId/book-value", {
      params: id,
      query: { at: Schema.String.annotate({ description: "A date YYYY-MM-DD" }), book: Schema.optional(Schema.String) },
      success: S.BookValues,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.post("startAudit", "/asset-audits", { payload: Body("AssetAudits.StartInput"), success: S.AuditSession, error: Problem.domain })
      .pipe(Auth.requires("assets:operate")),
    HttpApiEndpoint.post("scanAudit", "/asset-audits/:auditId/scans", {
      params: audit,
      payload: Schema.Struct({ tags: Schema.Array(Schema.String) }),
      success: S.AuditResult,
      error: Problem.domain
    }).pipe(Auth.requires("assets:operate")),
    HttpApiEndpoint.get("auditResult", "/asset-audits/:auditId", { params: audit, success: S.AuditResult, error: Problem.domain })
      .pipe(Auth.requires("read")),
    HttpApiEndpoint.post("finishAudit", "/asset-audits/:auditId/finish", { params: audit, success: S.AuditResult, error: Problem.domain })
      .pipe(Auth.requires("assets:manage"))
  )
  .middleware(Auth.Authorization)
  .prefix("/api/v1")
  .annotateMerge(OpenApi.annotations({
    title: "Assets",
    description: "The asset register: lifecycle, check-out/in, stock ledger, audits, cost of ownership and depreciation"
  }))
{}

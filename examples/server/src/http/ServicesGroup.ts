/**
 * The routes around assets: software licences (seats, renewals, assignments, compliance), credentials
 * (certificates, API keys and tokens: metadata and fingerprints only — the core refuses secret material and
 * its problem never echoes it), maintenance plans and meter readings with the due list, work orders (open,
 * start, complete, cancel, consume parts) and everything expiring soon.
 *
 * Request bodies are JSON objects passed to the core, which validates them. Credential bodies in particular are
 * not decoded by the route: the core first scans them for secret material (a PEM private key, a token), so a
 * refused value never appears in a validation message.
 *
 * @since 0.1.0
 */
import { Credential, Licence, MaintenancePlan, WorkOrder } from "@quartermaster/core"
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "effect/http-api"
import * as Auth from "../Auth.ts"
import * as Problem from "../Problem.ts"
import { Body } from "./AssetsGroup.ts"
import * as S from "./schemas/Services.ts"

const licence = { licenceId: Schema.String }
const credential = { credentialId: Schema.String }
const order = { workOrderId: Schema.String }
const Limit = Schema.optional(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 1000 }))))
const Assignee = Schema.Struct({ kind: Schema.String, id: Schema.String })

/**
 * The services group.
 *
 * @since 0.1.0
 */
export class ServicesGroup extends HttpApiGroup.make("services")
  .add(
    HttpApiEndpoint.post("createLicence", "/licences", { payload: Body("Licence.LicenceInput"), success: Licence.Licence, error: Problem.domain })
      .pipe(Auth.requires("assets:manage")),
    HttpApiEndpoint.get("listLicences", "/licences", {
      query: { cursor: Schema.optional(Schema.String), limit: Limit },
      success: S.LicencePage,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("compliance", "/licences/compliance", { success: S.ComplianceReport, error: Problem.domain }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("getLicence", "/licences/:licenceId", { params: licence, success: S.LicenceDetail, error: Problem.domain })
      .pipe(Auth.requires("read")),
    HttpApiEndpoint.patch("updateLicence", "/licences/:licenceId", {
      params: licence,
      payload: Body("Licence.LicenceUpdate"),
      success: Licence.Licence,
      error: Problem.domain
    }).pipe(Auth.requires("assets:manage")),
    HttpApiEndpoint.post("renewLicence", "/licences/:licenceId/renew", {
      params: licence,
      payload: Body("Licence.RenewalInput"),
      success: Licence.Licence,
      error: Problem.domain
    }).pipe(Auth.requires("assets:manage")),
    HttpApiEndpoint.post("assignLicence", "/licences/:licenceId/assign", { params: licence, payload: Assignee, success: Licence.Assignment, error: Problem.domain })
      .pipe(Auth.requires("assets:manage")),
    HttpApiEndpoint.post("unassignLicence", "/licences/:licenceId/unassign", { params: licence, payload: Assignee, success: S.Assignments, error: Problem.domain })
      .pipe(Auth.requires("assets:manage")),
    HttpApiEndpoint.post("registerCredential", "/credentials", { payload: Body("Credential.CredentialInput"), success: Credential.Credential, error: Problem.domain })
      .pipe(Auth.requires("assets:manage")),
    HttpApiEndpoint.get("listCredentials", "/credentials", {
      query: { kind: Schema.optional(Credential.Kind), cursor: Schema.optional(Schema.String), limit: Limit },
      success: S.CredentialPage,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("getCredential", "/credentials/:credentialId", { params: credential, success: Credential.Credential, error: Problem.domain })
      .pipe(Auth.requires("read")),
    HttpApiEndpoint.patch("updateCredential", "/credentials/:credentialId", {
      params: credential,
      payload: Body("Credential.CredentialUpdate"),
      success: Credential.Credential,
      error: Problem.domain
    }).pipe(Auth.requires("assets:manage")),
    HttpApiEndpoint.post("revokeCredential", "/credentials/:credentialId/revoke", { params: credential, success: Credential.Credential, error: Problem.domain })
      .pipe(Auth.requires("assets:manage")),
    HttpApiEndpoint.post("createPlan", "/maintenance/plans", { payload: Body("MaintenancePlan.PlanInput"), success: MaintenancePlan.MaintenancePlan, error: Problem.domain })
      .pipe(Auth.requires("assets:manage")),
    HttpApiEndpoint.get("getPlan", "/maintenance/plans/:planId", { params: { planId: Schema.String }, success: MaintenancePlan.MaintenancePlan, error: Problem.domain })
      .pipe(Auth.requires("read")),
    HttpApiEndpoint.post("recordReading", "/maintenance/readings", { payload: Body("Maintenance.ReadingInput"), success: MaintenancePlan.MeterReading, error: Problem.domain })
      .pipe(Auth.requires("assets:operate")),
    HttpApiEndpoint.get("due", "/maintenance/due", {
      query: {
        asOf: Schema.optional(Schema.String).annotate({ description: "A date YYYY-MM-DD (default: today)" }),
        assetId: Schema.optional(Schema.String),
        includeNotDue: Schema.optional(Schema.Literals(["true", "false"]))
      },
      success: S.DueList,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.post("openWorkOrder", "/work-orders", { payload: Body("WorkOrders.OpenInput"), success: WorkOrder.WorkOrder, error: Problem.domain })
      .pipe(Auth.requires("assets:operate")),
    HttpApiEndpoint.get("listWorkOrders", "/work-orders", {
      query: { assetId: Schema.optional(Schema.String), status: Schema.optional(WorkOrder.Status), cursor: Schema.optional(Schema.String), limit: Limit },
      success: S.WorkOrderPage,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("getWorkOrder", "/work-orders/:workOrderId", { params: order, success: WorkOrder.WorkOrder, error: Problem.domain })
      .pipe(Auth.requires("read")),
    HttpApiEndpoint.post("startWorkOrder", "/work-orders/:workOrderId/start", { params: order, success: WorkOrder.WorkOrder, error: Problem.domain })
      .pipe(Auth.requires("assets:operate")),
    HttpApiEndpoint.post("completeWorkOrder", "/work-orders/:workOrderId/complete", {
      params: order,
      payload: Body("WorkOrders.CloseInput"),
      success: WorkOrder.WorkOrder,
      error: Problem.domain
    }).pipe(Auth.requires("assets:operate")),
    HttpApiEndpoint.post("cancelWorkOrder", "/work-orders/:workOrderId/cancel", {
      params: order,
      payload: Body("WorkOrders.CloseInput"),
      success: WorkOrder.WorkOrder,
      error: Problem.domain
    }).pipe(Auth.requires("assets:operate")),
    HttpApiEndpoint.post("consumeParts", "/work-orders/:workOrderId/parts", {
      params: order,
      payload: Schema.Struct({ lines: Schema.Array(Schema.Record(Schema.String, Schema.Unknown)) }),
      success: WorkOrder.WorkOrder,
      error: Problem.domain
    }).pipe(Auth.requires("assets:operate")),
    HttpApiEndpoint.get("expiring", "/expiring", {
      query: {
        days: Schema.Int.annotate({ description: "Days ahead, from today (0 to 36600)" }),
        includeExpired: Schema.optional(Schema.Literals(["true", "false"]))
      },
      success: S.ExpiringList,
      error: Problem.domain
    }).pipe(Auth.requires("read"))
  )
  .middleware(Auth.Authorization)
  .prefix("/api/v1")
  .annotateMerge(OpenApi.annotations({
    title: "Licences, credentials and maintenance",
    description: "Licence seats and compliance, certificate and key metadata, maintenance plans, work orders, expiring soon"
  }))
{}

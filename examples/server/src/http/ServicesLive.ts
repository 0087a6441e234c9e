/**
 * Handlers of the services group: licences, credentials, maintenance, work orders and expiring soon.
 *
 * @since 0.1.0
 */
import { Credentials, Expiring, Licences, Maintenance, WorkOrders } from "@quartermaster/core"
import { Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "../Api.ts"
import * as Problem from "../Problem.ts"

const paged = <A extends { readonly id: string }, const K extends string>(rows: ReadonlyArray<A>, limit: number, key: K) => {
  const page = rows.slice(0, limit)
  return { [key]: page, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null } as { readonly [P in K]: ReadonlyArray<A> } & {
    readonly nextCursor: string | null
  }
}

/**
 * The services handlers.
 *
 * @since 0.1.0
 */
export const ServicesLive = HttpApiBuilder.group(Api, "services", (handlers) =>
  handlers.handleAll({
    createLicence: ({ payload }) => Licences.create(payload as never).pipe(Problem.mapErrors),
    listLicences: ({ query }) => {
      const limit = query.limit ?? 100
      return Licences.list({ limit: limit + 1, ...(query.cursor === undefined ? {} : { afterId: query.cursor }) }).pipe(
        Effect.map((rows) => paged(rows, limit, "licences")),
        Problem.mapErrors
      )
    },
    compliance: () => Licences.complianceReport.pipe(Problem.mapErrors),
    getLicence: ({ params }) =>
      Effect.gen(function*() {
        const licence = yield* Licences.get(params.licenceId)
        const assignments = yield* Licences.assignments(params.licenceId)
        return { ...licence, assignments }
      }).pipe(Problem.mapErrors),
    updateLicence: ({ params, payload }) => Licences.update(params.licenceId, payload as never).pipe(Problem.mapErrors),
    renewLicence: ({ params, payload }) => Licences.renew(params.licenceId, payload as never).pipe(Problem.mapErrors),
    assignLicence: ({ params, payload }) => Licences.assign(params.licenceId, payload as never).pipe(Problem.mapErrors),
    unassignLicence: ({ params, payload }) =>
      Licences.unassign(params.licenceId, payload as never).pipe(
        Effect.flatMap(() => Licences.assignments(params.licenceId)),
        Effect.map((assignments) => ({ assignments })),
        Problem.mapErrors
      ),
    registerCredential: ({ payload }) => Credentials.register(payload as never).pipe(Problem.mapErrors),
    listCredentials: ({ query }) => {
      const limit = query.limit ?? 100
      return Credentials.list({
        limit: limit + 1,
        ...(query.kind === undefined ? {} : { kind: query.kind }),
        ...(query.cursor === undefined ? {} : { afterId: query.cursor })
      }).pipe(Effect.map((rows) => paged(rows, limit, "credentials")), Problem.mapErrors)
    },
    getCredential: ({ params }) => Credentials.get(params.credentialId).pipe(Problem.mapErrors),
    updateCredential: ({ params, payload }) => Credentials.update(params.credentialId, payload as never).pipe(Problem.mapErrors),
    revokeCredential: ({ params }) => Credentials.revoke(params.credentialId).pipe(Problem.mapErrors),
    createPlan: ({ payload }) => Maintenance.createPlan(payload as never).pipe(Problem.mapErrors),
    getPlan: ({ params }) => Maintenance.getPlan(params.planId).pipe(Problem.mapErrors),
    recordReading: ({ payload }) => Maintenance.recordReading(payload as never).pipe(Problem.mapErrors),
    due: ({ query }) =>
      Maintenance.dueList({
        ...(query.asOf === undefined ? {} : { asOf: query.asOf }),
        ...(query.assetId === undefined ? {} : { assetId: query.assetId }),
        ...(query.includeNotDue === undefined ? {} : { includeNotDue: query.includeNotDue === "true" })
      }).pipe(Effect.map((plans) => ({ plans })), Problem.mapErrors),
    openWorkOrder: ({ payload }) => WorkOrders.openWorkOrder(payload as never).pipe(Problem.mapErrors),
    listWorkOrders: ({ query }) => {
      const limit = query.limit ?? 100
      return WorkOrders.list({
        limit: limit + 1,
        ...(query.assetId === undefined ? {} : { assetId: query.assetId }),
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.cursor === undefined ? {} : { afterId: query.cursor })
      }).pipe(Effect.map((rows) => paged(rows, limit, "workOrders")), Problem.mapErrors)
    },
    getWorkOrder: ({ params }) => WorkOrders.get(params.workOrderId).pipe(Problem.mapErrors),
    startWorkOrder: ({ params }) => WorkOrders.start(params.workOrderId).pipe(Problem.mapErrors),
    completeWorkOrder: ({ params, payload }) => WorkOrders.complete(params.workOrderId, payload as never).pipe(Problem.mapErrors),
    cancelWorkOrder: ({ params, payload }) => WorkOrders.cancel(params.workOrderId, payload as never).pipe(Problem.mapErrors),
    consumeParts: ({ params, payload }) =>
      WorkOrders.consumeParts(params.workOrderId, payload.lines as never).pipe(Problem.mapErrors),
    expiring: ({ query }) =>
      Expiring.within({ days: query.days, ...(query.includeExpired === undefined ? {} : { includeExpired: query.includeExpired === "true" }) }).pipe(
        Effect.map((rows) => ({ rows })),
        Problem.mapErrors
      )
  }))

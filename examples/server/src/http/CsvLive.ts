/**
 * Handlers of the CSV group.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "../Api.ts"
import * as Export from "../Export.ts"
import * as Import from "../Import.ts"
import * as Problem from "../Problem.ts"
import { ImportRejected } from "./CsvGroup.ts"

const run = (kind: Import.Kind) => ({ payload, query }: { readonly payload: string; readonly query: { readonly partial?: "true" | "false" | undefined } }) =>
  Import.run(kind, payload, { partial: query.partial === "true" }).pipe(
    Effect.catchTags({
      CsvError: (e) => Effect.fail(new Problem.BadRequest({ detail: `the body is not valid CSV: ${e.message}` })),
      ImportRejected: (e) =>
        Effect.fail(new ImportRejected({ detail: `${e.errors.length} of ${e.total} ${e.kind} rows are invalid; nothing was imported`, errors: e.errors }))
    }),
    Effect.catchTag("StoreError", (e) => Effect.fail(Problem.fromError(e))),
    Effect.tap((summary) => Effect.logInfo(`imported ${summary.imported} of ${summary.total} ${kind} rows`))
  )

/**
 * The CSV handlers.
 *
 * @since 0.1.0
 */
export const CsvLive = HttpApiBuilder.group(Api, "csv", (handlers) =>
  handlers.handleAll({
    importItems: run("items"),
    importLocations: run("locations"),
    importStock: run("stock"),
    importAssets: run("assets"),
    export: ({ params }) => Problem.mapErrors(Export.run(params.kind))
  }))

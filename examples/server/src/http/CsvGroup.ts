/**
 * CSV import and export over HTTP, in the formats of the `quartermaster import` and `export` commands
 * (docs/server-cli.md). An import's body is the CSV text (`text/csv`); it is one unit of work: if any record is
 * bad, nothing is written and the answer is a 422 problem listing every bad record, unless `?partial=true`.
 * Importing items, locations or opening stock needs `catalog:write`; importing assets needs `assets:manage`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiError, HttpApiGroup, HttpApiSchema, OpenApi } from "effect/http-api"
import * as Auth from "../Auth.ts"
import * as Import from "../Import.ts"
import * as Problem from "../Problem.ts"

/**
 * Some records of an import are bad, and nothing was written; `errors` lists every one.
 *
 * @since 0.1.0
 */
export class ImportRejected extends HttpApiError.Problem<ImportRejected>()("ImportRejected", {
  type: "https://quartermaster.dev/problems/import-rejected",
  status: 422,
  title: "Import Rejected"
}, { detail: Schema.String, errors: Schema.Array(Import.RowError) }) {}

/**
 * What an import did.
 *
 * @since 0.1.0
 */
export const ImportSummary = Schema.Struct({
  kind: Import.Kind,
  total: Schema.Int,
  imported: Schema.Int,
  errors: Schema.Array(Import.RowError).annotate({ description: "The bad records left out (only with partial=true)" })
})

const CsvText = Schema.String.pipe(HttpApiSchema.asText({ contentType: "text/csv" }))

const importEndpoint = <const Name extends string, const Path extends `/${string}`>(name: Name, path: Path, what: string) =>
  HttpApiEndpoint.post(name, path, {
    query: { partial: Schema.optional(Schema.Literals(["true", "false"])) },
    payload: CsvText.annotate({ description: `The ${what} as CSV, with a header row` }),
    success: ImportSummary,
    error: [...Problem.domain, ImportRejected]
  })

/**
 * The CSV group.
 *
 * @since 0.1.0
 */
export class CsvGroup extends HttpApiGroup.make("csv")
  .add(
    importEndpoint("importItems", "/import/items", "items").pipe(Auth.requires("catalog:write")),
    importEndpoint("importLocations", "/import/locations", "locations").pipe(Auth.requires("catalog:write")),
    importEndpoint("importStock", "/import/stock", "opening stock").pipe(Auth.requires("catalog:write")),
    importEndpoint("importAssets", "/import/assets", "assets").pipe(Auth.requires("assets:manage")),
    HttpApiEndpoint.get("export", "/export/:kind", {
      params: { kind: Import.Kind },
      success: CsvText.annotate({ description: "RFC 4180 CSV with CRLF line ends, in the columns import reads" }),
      error: Problem.domain
    }).pipe(Auth.requires("read"))
  )
  .middleware(Auth.Authorization)
  .prefix("/api/v1")
  .annotateMerge(OpenApi.annotations({
    title: "CSV",
    description: "Import and export items, locations, opening stock and the asset register as CSV"
  }))
{}

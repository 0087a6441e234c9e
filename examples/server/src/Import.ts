/**
 * CSV import of items, locations (parents first, by code), opening stock and the asset register.
 *
 * Every record goes through the core's own Schemas and use cases (`Catalog.createItem`, `Locations.create`,
 * `StockLedger.post`), inside ONE unit of work. Every bad record is reported at once, with its line, column
 * and message. If any record is bad, the import writes nothing ({@link ImportRejected}); with
 * `partial: true` it keeps the good records and reports the rest.
 *
 * Opening stock is posted as a positive adjustment from the virtual location `OPENING-STOCK` (usage `loss`),
 * created on first use, at the given unit cost so that the valuation knows what the stock is worth.
 *
 * Assets are registered through `Assets.register`, then brought to the file's `status`: `deployed` is a
 * check-out to `assigned_to`, the other states a lifecycle action from `inStock`. Models are named by SKU,
 * locations by code and other assets by tag.
 *
 * @since 0.1.0
 */
import {
  Catalog,
  type CurrentActor,
  IdGenerator,
  type Location,
  Locations,
  StockLedger,
  type StoreError,
  type Stores,
  UnitOfWork
} from "@quartermaster/core"
import { Effect, Result, Schema } from "effect"
import * as Csv from "./Csv.ts"
import { assetColumns } from "./internal/assetRows.ts"
import { importAssets } from "./internal/importAssets.ts"
import * as Rows from "./internal/importRows.ts"

/** What can be imported. @since 0.1.0 */
export const Kind = Schema.Literals(["items", "locations", "stock", "assets"])
/** @since 0.1.0 */
export type Kind = typeof Kind.Type

/** The code of the virtual location opening stock comes from. @since 0.1.0 */
export const openingStockCode = "OPENING-STOCK"

/**
 * One bad record: its 1-based data row (the header is row 0), the file line it starts on, the column ("" for
 * the record as a whole) and what is wrong.
 *
 * @since 0.1.0
 */
export const RowError = Schema.Struct({ row: Schema.Int, line: Schema.Int, column: Schema.String, message: Schema.String })
/** @since 0.1.0 */
export type RowError = typeof RowError.Type

/** Some records are bad, and nothing was written. @since 0.1.0 */
export class ImportRejected extends Schema.TaggedError<ImportRejected>()("ImportRejected", {
  kind: Schema.String,
  total: Schema.Int,
  errors: Schema.Array(RowError)
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.errors.length} of ${this.total} ${this.kind} rows are invalid; nothing was imported\n${formatErrors(this.errors)}`
  }
}

/** The errors as lines of text, one per bad cell. @since 0.1.0 */
export const formatErrors = (errors: ReadonlyArray<RowError>): string =>
  errors.map((e) => `  line ${e.line} (row ${e.row})${e.column === "" ? "" : `, column ${e.column}`}: ${e.message}`).join("\n")

/** The outcome of an import: records read, records written, and (with `partial`) the bad ones. @since 0.1.0 */
export interface Summary {
  readonly kind: Kind
  readonly total: number
  readonly imported: number
  readonly errors: ReadonlyArray<RowError>
}

/** Options: keep the good records when some are bad, and a progress callback. @since 0.1.0 */
export interface Options {
  readonly partial?: boolean
  readonly onProgress?: (done: number, total: number) => Effect.Effect<void>
}

/** The services an import needs. @since 0.1.0 */
export type Env = Stores.Stores | CurrentActor.CurrentActor | IdGenerator.IdGenerator

type Record_ = Csv.Table["records"][number]
type Outcome = Result.Result<void, ReadonlyArray<Rows.CellError>>

// A failing use case becomes the row's error; a store failure is not the row's fault and aborts the import.
const rowErrorOf = (spec: Rows.Columns) => (error: { readonly _tag: string; readonly message: string }): Effect.Effect<Outcome, StoreError.StoreError> => {
  if (error._tag === "StoreError") return Effect.fail(error as StoreError.StoreError)
  const field = (error as { readonly field?: unknown }).field
  const column = typeof field === "string"
    ? Rows.columnOf(spec, field)
    : ({
      DuplicateSku: "sku",
      DuplicateGtin: "gtins",
      InvalidGtin: "gtins",
      DuplicateLocationCode: "code",
      DuplicateTag: "tag",
      UnknownUnit: spec === Rows.itemColumns ? "conversions" : "unit"
    } as Record<string, string>)[error._tag] ?? ""
  return Effect.succeed(Result.fail([{ column, message: error.message }]))
}

const ok: Outcome = Result.succeed(undefined)

const importItems = (records: ReadonlyArray<Record_>, step: (r: Record_, f: Effect.Effect<Outcome, StoreError.StoreError, Env>) => Effect.Effect<void, StoreError.StoreError, Env>) =>
  Effect.forEach(records, (record) => {
    const { errors, input } = Rows.itemInput(record.values)
    return step(
      record,
      errors.length > 0 ? Effect.succeed(Result.fail(errors)) : Catalog.createItem(input).pipe(Effect.as(ok), Effect.catch(rowErrorOf(Rows.itemColumns)))
    )
  }, { discard: true })

const importLocations = (records: ReadonlyArray<Record_>, step: (r: Record_, f: Effect.Effect<Outcome, StoreError.StoreError, Env>) => Effect.Effect<void, StoreError.StoreError, Env>) =>
  Effect.gen(function*() {
    const rows = records.map((record) => ({ record, ...Rows.locationInput(record.values) }))
    const existing = new Map((yield* Locations.list).map((l) => [l.code, l] as const))
    const inFile = new Map(rows.map((r) => [r.input.code, r] as const))
    const created = new Map<string, Location.Location>()
    const failed = new Set<string>()
    // Parents first: each pass creates the rows whose parent exists; what never becomes ready is a cycle.
    let pending = rows
    while (pending.length > 0) {
      const next: typeof rows = []
      for (const row of pending) {
        const code = row.parentCode
        const parent = code === undefined ? undefined : created.get(code) ?? existing.get(code)
        let outcome: Effect.Effect<Outcome, StoreError.StoreError, Env>
        if (row.errors.length > 0) outcome = Effect.succeed(Result.fail(row.errors))
        else if (code !== undefined && parent === undefined) {
          if (failed.has(code)) outcome = Effect.succeed(Result.fail([{ column: "parent_code", message: `the parent ${JSON.stringify(code)} could not be imported` }]))
          else if (inFile.has(code) && code !== row.input.code) {
            next.push(row)
            continue
          } else outcome = Effect.succeed(Result.fail([{ column: "parent_code", message: `unknown parent location code ${JSON.stringify(code)}` }]))
        } else {
          outcome = Locations.create({ ...row.input, ...(parent === undefined ? {} : { parentId: parent.id }) }).pipe(
            Effect.map((location) => {
              created.set(location.code, location)
              return ok
            }),
            Effect.catch(rowErrorOf(Rows.locationColumns))
          )
        }
        yield* step(row.record, Effect.tap(outcome, (o) => Effect.sync(() => Result.isFailure(o) && failed.add(row.input.code))))
      }
      if (next.length === pending.length) {
        for (const row of next) yield* step(row.record, Effect.succeed(Result.fail([{ column: "parent_code", message: "the parent codes form a cycle" }])))
        break
      }
      pending = next
    }
  })

const openingLocation = Effect.gen(function*() {
  const found = yield* Locations.byCode(openingStockCode).pipe(Effect.catchTag("UnknownLocation", () => Effect.succeed(undefined)))
  if (found !== undefined) return found
  return yield* Locations.create({ code: openingStockCode, name: "Opening stock", kind: "site", usage: "loss" })
})

const importStock = (records: ReadonlyArray<Record_>, step: (r: Record_, f: Effect.Effect<Outcome, StoreError.StoreError, Env>) => Effect.Effect<void, StoreError.StoreError, Env>) =>
  Effect.gen(function*() {
    if (records.length === 0) return
    const source = yield* openingLocation.pipe(Effect.catch((e): Effect.Effect<never, StoreError.StoreError | ImportRejected> =>
      e._tag === "StoreError"
        ? Effect.fail(e)
        : Effect.fail(new ImportRejected({
          kind: "stock",
          total: records.length,
          errors: [{ row: 0, line: 1, column: "", message: `cannot create the ${openingStockCode} location: ${e.message}` }]
        }))
    ))
    yield* Effect.forEach(records, (record) => {
      const { errors, input } = Rows.stockInput(record.values)
      if (errors.length > 0) return step(record, Effect.succeed(Result.fail(errors)))
      const post = Effect.gen(function*() {
        const item = yield* Catalog.findBySku(input.sku).pipe(Effect.mapError((e) => ({ ...e, message: `unknown SKU ${JSON.stringify(input.sku)}`, field: "itemId" })))
        const to = yield* Locations.byCode(input.locationCode).pipe(
          Effect.mapError((e) => ({ ...e, message: `unknown location code ${JSON.stringify(input.locationCode)}`, field: "to" }))
        )
        const { lot, lotExpiresAt, serials, unit, effectiveAt } = input
        const id = yield* (yield* IdGenerator.IdGenerator).next
        yield* StockLedger.post([{
          id,
          itemId: item.id,
          from: source.id,
          to: to.id,
          quantity: input.quantity,
          unitCost: input.unitCost,
          reasonCode: "opening-stock",
          reference: `import line ${record.line}`,
          ...(unit === undefined ? {} : { unit }),
          ...(lot === undefined ? {} : { lot }),
          ...(lotExpiresAt === undefined ? {} : { lotExpiresAt }),
          ...(serials === undefined ? {} : { serials }),
          ...(effectiveAt === undefined ? {} : { effectiveAt })
        }])
        return ok
      })
      return step(record, post.pipe(Effect.catch(rowErrorOf(Rows.stockColumns))))
    }, { discard: true })
  })

const specs: Record<Kind, Rows.Columns> = { items: Rows.itemColumns, locations: Rows.locationColumns, stock: Rows.stockColumns, assets: assetColumns }

class Rollback extends Schema.TaggedError<Rollback>()("Rollback", {}) {}

/**
 * Imports CSV text of a kind. Fails with the CSV's own problems ({@link Csv.CsvError}), with every bad
 * record ({@link ImportRejected}, nothing written), or with a store failure; with `partial: true` the bad
 * records come back in the summary instead and the good ones are written.
 *
 * @since 0.1.0
 */
export const run = (
  kind: Kind,
  text: string,
  options: Options = {}
): Effect.Effect<Summary, Csv.CsvError | ImportRejected | StoreError.StoreError, Env> =>
  Effect.gen(function*() {
    const table = yield* Effect.fromResult(Csv.parseTable(text))
    const spec = specs[kind]
    const total = table.records.length
    const header = Rows.headerErrors(table.columns, spec)
    if (header.length > 0) return yield* new ImportRejected({ kind, total, errors: header.map((e) => ({ row: 0, line: 1, column: e.column, message: e.message })) })
    const rowOf = new Map(table.records.map((r, i) => [r, i + 1] as const))
    const errors: Array<RowError> = []
    let done = 0
    let imported = 0
    const step = (record: Record_, outcome: Effect.Effect<Outcome, StoreError.StoreError, Env>) =>
      Effect.gen(function*() {
        const result = yield* outcome
        if (Result.isFailure(result)) {
          for (const e of result.failure) errors.push({ row: rowOf.get(record)!, line: record.line, column: e.column, message: e.message })
        } else imported++
        done++
        if (options.onProgress !== undefined) yield* options.onProgress(done, total)
      })
    const body = Effect.gen(function*() {
      if (kind === "items") yield* importItems(table.records, step)
      else if (kind === "locations") yield* importLocations(table.records, step)
      else if (kind === "assets") yield* importAssets(table.records, step, rowErrorOf(assetColumns))
      else yield* importStock(table.records, step)
      errors.sort((a, b) => a.row - b.row)
      // Failing the unit of work rolls every write of this import back.
      if (errors.length > 0 && options.partial !== true) return yield* new Rollback()
    })
    const committed = yield* UnitOfWork.transaction(body).pipe(
      Effect.as(true),
      Effect.catchTag("Rollback", () => Effect.succeed(false))
    )
    if (!committed) return yield* new ImportRejected({ kind, total, errors })
    return { kind, total, imported, errors }
  })

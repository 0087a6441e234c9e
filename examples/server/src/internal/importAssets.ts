// The asset import: every record registers one asset through `Assets.register`, then brings it to the file's
// status through the lifecycle (`CheckOuts.checkOut` for deployed, `Assets.transition` for the others).
//
// A record's references are checked before anything is written for it, so a bad record leaves nothing behind
// even with `partial` (where the store has no savepoints). Records wait for the assets they name (a parent, or
// an asset they are checked out to) when those come later in the file; names that never resolve are a cycle.
import { type Asset, Assets, Catalog, CheckOuts, type CurrentActor, type IdGenerator, Locations, type StoreError, type Stores } from "@quartermaster/core"
import { DateTime, Effect, Result } from "effect"
import type * as Csv from "../Csv.ts"
import { type AssetLine, assetInput, reachable } from "./assetRows.ts"
import type { CellError } from "./importRows.ts"

type Record_ = Csv.Table["records"][number]
type Outcome = Result.Result<void, ReadonlyArray<CellError>>
type Env = Stores.Stores | CurrentActor.CurrentActor | IdGenerator.IdGenerator
type Fail = (error: { readonly _tag: string; readonly message: string }) => Effect.Effect<Outcome, StoreError.StoreError>

const fail = (column: string, message: string): Outcome => Result.fail([{ column, message }])

// A lookup whose "not found" is the row's fault; a store failure aborts the import.
const find = <A, E extends { readonly _tag: string }, R>(effect: Effect.Effect<A, E, R>) =>
  effect.pipe(
    Effect.map((a): A | undefined => a),
    Effect.catch((e) => (e._tag === "StoreError" ? Effect.fail(e as unknown as StoreError.StoreError) : Effect.succeed(undefined)))
  )

/** The tags a record waits for: its parent and the asset it is checked out to. */
const needs = (line: AssetLine): Array<string> => [
  ...(line.parentTag === undefined ? [] : [line.parentTag]),
  ...(line.assignee?._tag === "asset" ? [line.assignee.tag] : [])
]

export const importAssets = (
  records: ReadonlyArray<Record_>,
  step: (r: Record_, f: Effect.Effect<Outcome, StoreError.StoreError, Env>) => Effect.Effect<void, StoreError.StoreError, Env>,
  rowError: Fail
) =>
  Effect.gen(function*() {
    const rows = records.map((record) => ({ record, ...assetInput(record.values) }))
    const inFile = new Set(rows.map((r) => r.line.input.tag))
    const done = new Set<string>()
    const failed = new Set<string>()
    const exists = (tag: string) => Effect.map(find(Assets.get(tag)), (a) => a !== undefined)

    const register = (line: AssetLine): Effect.Effect<Outcome, StoreError.StoreError, Env> =>
      Effect.gen(function*() {
        const model = line.modelSku === undefined ? undefined : yield* find(Catalog.findBySku(line.modelSku))
        if (line.modelSku !== undefined && model === undefined) return fail("model_sku", `unknown SKU ${JSON.stringify(line.modelSku)}`)
        const location = line.locationCode === undefined ? undefined : yield* find(Locations.byCode(line.locationCode))
        if (line.locationCode !== undefined && location === undefined) return fail("location_code", `unknown location code ${JSON.stringify(line.locationCode)}`)
        const parent = line.parentTag === undefined ? undefined : yield* find(Assets.get(line.parentTag))
        if (line.parentTag !== undefined && parent === undefined) return fail("parent_tag", `unknown asset tag ${JSON.stringify(line.parentTag)}`)
        const assignee = yield* resolveAssignee(line)
        if (Result.isFailure(assignee)) return Result.fail(assignee.failure)
        let expectedReturnAt: DateTime.Utc | undefined
        if (line.expectedReturn !== undefined) {
          const parsed = DateTime.make(line.expectedReturn)
          if (parsed._tag === "None") return fail("expected_return", `${JSON.stringify(line.expectedReturn)} is not a date and time`)
          expectedReturnAt = DateTime.toUtc(parsed.value)
          if (!DateTime.isGreaterThan(expectedReturnAt, yield* DateTime.now)) {
            return fail("expected_return", "lies in the past; clear it or give a future date")
          }
        }
        const input: Asset.NewAsset = {
          ...line.input,
          status: line.status === "onOrder" ? "onOrder" : "inStock",
          ...(model === undefined ? {} : { modelId: model.id }),
          ...(location === undefined ? {} : { locationId: location.id }),
          ...(parent === undefined ? {} : { parentId: parent.id })
        }
        const asset = yield* Assets.register(input)
        if (line.status === "deployed" && assignee.success !== undefined) {
          yield* CheckOuts.checkOut({
            asset: asset.id,
            assignee: assignee.success,
            condition: "imported",
            ...(expectedReturnAt === undefined ? {} : { expectedReturnAt: DateTime.formatIso(expectedReturnAt) })
          })
        } else if (line.status !== "onOrder" && line.status !== "inStock") {
          const action = reachable.get(line.status)
          if (action !== undefined) yield* Assets.transition(asset.id, action, "imported")
        }
        return Result.succeed(undefined)
      }).pipe(Effect.catch((e) => rowError(e)))

    const resolveAssignee = (line: AssetLine): Effect.Effect<Result.Result<Asset.Assignee | undefined, ReadonlyArray<CellError>>, StoreError.StoreError, Env> =>
      Effect.gen(function*() {
        const ref = line.assignee
        if (ref === undefined) return Result.succeed(undefined)
        if (ref._tag === "person") return Result.succeed({ _tag: "person" as const, personId: ref.personId })
        if (ref._tag === "location") {
          const location = yield* find(Locations.byCode(ref.code))
          return location === undefined
            ? Result.fail([{ column: "assigned_to", message: `unknown location code ${JSON.stringify(ref.code)}` }])
            : Result.succeed({ _tag: "location" as const, locationId: location.id })
        }
        if (ref.tag === line.input.tag) return Result.fail([{ column: "assigned_to", message: "names the asset itself" }])
        const target = yield* find(Assets.get(ref.tag))
        return target === undefined
          ? Result.fail([{ column: "assigned_to", message: `unknown asset tag ${JSON.stringify(ref.tag)}` }])
          : Result.succeed({ _tag: "asset" as const, assetId: target.id })
      })

    // Each pass registers the records whose named assets exist; a pass that makes no progress leaves a cycle.
    let pending = rows
    while (pending.length > 0) {
      const next: typeof rows = []
      for (const row of pending) {
        const tag = row.line.input.tag
        let outcome: Effect.Effect<Outcome, StoreError.StoreError, Env>
        if (row.errors.length > 0) outcome = Effect.succeed(Result.fail(row.errors))
        else {
          const blocked = needs(row.line).find((t) => t !== tag && inFile.has(t) && !done.has(t) && !failed.has(t))
          const broken = needs(row.line).find((t) => failed.has(t) && !done.has(t))
          if (broken !== undefined) {
            const column = broken === row.line.parentTag ? "parent_tag" : "assigned_to"
            outcome = Effect.succeed(fail(column, `the asset ${JSON.stringify(broken)} could not be imported`))
          } else if (blocked !== undefined && !(yield* exists(blocked))) {
            next.push(row)
            continue
          } else outcome = register(row.line)
        }
        yield* step(row.record, Effect.tap(outcome, (o) =>
          Effect.sync(() => (Result.isFailure(o) ? failed.add(tag) : done.add(tag)))))
      }
      if (next.length === pending.length) {
        for (const row of next) yield* step(row.record, Effect.succeed(fail(row.line.parentTag === undefined ? "assigned_to" : "parent_tag", "the assets form a cycle")))
        break
      }
      pending = next
    }
  })

/**
 * The `quartermaster` command line: serve the API, migrate, import and export CSV, seed the demo tenant,
 * create API keys and print reports. Every command reads `DATABASE_URL` (PostgreSQL) or `DATA_DIR` (embedded
 * PGlite, default `./data`) and `LOG_LEVEL` through {@link Config.config}.
 *
 * Failures print one line per problem on stderr and exit with status 1; bad arguments print the usage error
 * and exit with status 1 too. No stack trace is printed.
 *
 * @since 0.1.0
 */
import { existsSync, readdirSync } from "node:fs"
import { readFile, writeFile } from "node:fs/promises"
import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { CurrentActor, IdGenerator } from "@quartermaster/core"
import { Cause, Console, DateTime, Effect, Exit, Layer, Option, Runtime, Schema } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import * as ApiKeys from "./ApiKeys.ts"
import * as Config from "./Config.ts"
import * as Database from "./Database.ts"
import * as Export from "./Export.ts"
import * as Import from "./Import.ts"
import * as Reports from "./Reports.ts"
import * as Seed from "./Seed.ts"
import * as Server from "./Server.ts"

/** A failure the CLI reports as text, without a stack trace. @since 0.1.0 */
export class CliFailure extends Schema.TaggedError<CliFailure>()("CliFailure", { message: Schema.String }) {}

const failWith = (error: unknown): CliFailure =>
  error instanceof CliFailure
    ? error
    : new CliFailure({ message: typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error) })

const tenantFlag = Flag.String("tenant").pipe(Flag.withDescription("The tenant to work on"), Flag.withDefault(ApiKeys.bootstrapTenant))

// The database and the services every command but `serve` needs, as the given tenant.
const withDatabase = <A, E, R>(tenantId: string, effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const config = yield* Config.config
    return yield* effect.pipe(
      Effect.provide(
        Layer.mergeAll(CurrentActor.CurrentActor.layer(tenantId, "cli", ["admin"]), IdGenerator.IdGenerator.layerUuid).pipe(
          Layer.provideMerge(Database.layer(config))
        )
      )
    )
  }).pipe(Effect.mapError(failWith))

// A new PGlite data directory, or (on PostgreSQL) an empty demo tenant, gets the demo data before serving.
const shouldSeed = (config: Config.ServerConfig): boolean =>
  Option.isSome(config.databaseUrl) || !existsSync(config.dataDir) || readdirSync(config.dataDir).length === 0

const seedDemo = (tenantId: string) =>
  Effect.gen(function*() {
    yield* Console.error(`seeding the demo data into tenant "${tenantId}"…`)
    const summary = yield* Seed.demo(tenantId)
    yield* Console.error(
      summary.seeded
        ? `seeded tenant "${tenantId}": ${summary.locations} locations, ${summary.items} items, ${summary.movements} movements`
        : `tenant "${tenantId}" already has data; nothing seeded`
    )
  })

const serve = Command.make("serve", {
  skipSeed: Flag.Boolean("skip-seed").pipe(Flag.withDescription("Do not seed the demo tenant on a new data directory"), Flag.withDefault(false))
}, ({ skipSeed }) =>
  Effect.gen(function*() {
    const config = yield* Config.config.pipe(Effect.mapError(failWith))
    if (!skipSeed && shouldSeed(config)) {
      // Seeding first, in its own connection, so the server starts on a database that already has the demo.
      yield* Effect.gen(function*() {
        if (yield* Seed.isEmpty(ApiKeys.bootstrapTenant)) yield* seedDemo(ApiKeys.bootstrapTenant)
      }).pipe(
        Effect.provide(IdGenerator.IdGenerator.layerUuid),
        Effect.provide(Database.layer(config)),
        Effect.mapError(failWith)
      )
    }
    return yield* Server.run(config).pipe(Effect.mapError(failWith))
  })).pipe(Command.withDescription("Serve the REST API, /docs and the dashboard (seeds the demo tenant on a new data directory)"))

const migrate = Command.make("migrate", {}, () =>
  Effect.gen(function*() {
    const config = yield* Config.config.pipe(Effect.mapError(failWith))
    yield* Effect.provide(Effect.void, Database.layer(config)).pipe(Effect.mapError(failWith))
    yield* Console.log(`migrations applied (${Database.kind(config)})`)
  })).pipe(Command.withDescription("Apply every pending database migration"))

const exportCommand = Command.make("export", {
  kind: Argument.Literals("kind", Export.Kind.literals).pipe(Argument.withDescription("What to export: items, locations, stock or assets")),
  out: Flag.String("out").pipe(Flag.withAlias("o"), Flag.withDescription("Write to this file instead of stdout"), Flag.optional),
  tenant: tenantFlag
}, ({ kind, out, tenant }) =>
  Effect.gen(function*() {
    const csv = yield* withDatabase(tenant, Export.run(kind))
    if (Option.isNone(out)) return yield* Effect.sync(() => process.stdout.write(csv))
    yield* Effect.tryPromise({ try: () => writeFile(out.value, csv), catch: (e) => new CliFailure({ message: `cannot write ${out.value}: ${String(e)}` }) })
    yield* Console.error(`wrote ${out.value}`)
  })).pipe(Command.withDescription("Export items, locations, stock or the asset register as CSV (the format import reads)"))

const progressBar = (label: string) => {
  const tty = process.stderr.isTTY === true
  let shown = -1
  return (done: number, total: number) =>
    Effect.sync(() => {
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100)
      if (tty) {
        if (percent === shown && done !== total) return
        const width = 30
        const filled = Math.round((percent / 100) * width)
        process.stderr.write(`\r${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} rows${done === total ? "\n" : ""}`)
      } else if (Math.floor(percent / 10) !== Math.floor(shown / 10) || done === total) {
        process.stderr.write(`${label}: ${done}/${total} rows (${percent}%)\n`)
      }
      shown = percent
    })
}

const importCommand = Command.make("import", {
  kind: Argument.Literals("kind", Import.Kind.literals).pipe(Argument.withDescription("What to import: items, locations, stock or assets")),
  file: Argument.String("file").pipe(Argument.withDescription("The CSV file")),
  partial: Flag.Boolean("partial").pipe(Flag.withDescription("Import the valid rows even if some are invalid"), Flag.withDefault(false)),
  tenant: tenantFlag
}, ({ file, kind, partial, tenant }) =>
  Effect.gen(function*() {
    const text = yield* Effect.tryPromise({
      try: () => readFile(file, "utf8"),
      catch: (e) => new CliFailure({ message: `cannot read ${file}: ${(e as { code?: string }).code ?? String(e)}` })
    })
    const summary = yield* withDatabase(
      tenant,
      Import.run(kind, text, { partial, onProgress: progressBar(`importing ${kind}`) }).pipe(
        Effect.mapError((e) => new CliFailure({ message: e._tag === "CsvError" ? `${file} is not valid CSV:\n${e.message}` : e.message }))
      )
    )
    yield* Console.log(`imported ${summary.imported} of ${summary.total} ${kind} rows into tenant "${tenant}"`)
    if (summary.errors.length > 0) {
      yield* Console.error(`${summary.errors.length} rows were skipped:\n${Import.formatErrors(summary.errors)}`)
      return yield* new CliFailure({ message: `${summary.errors.length} of ${summary.total} rows were not imported` })
    }
  })).pipe(Command.withDescription("Import a CSV file; writes nothing if any row is invalid, unless --partial"))

const seedCommand = Command.make("seed-demo", { tenant: tenantFlag }, ({ tenant }) =>
  withDatabase(tenant, seedDemo(tenant))).pipe(Command.withDescription("Seed demo data into an empty tenant"))

const createKey = Command.make("create-key", {
  tenant: Flag.String("tenant").pipe(Flag.withDescription("The tenant the key belongs to")),
  role: Flag.Literals("role", ApiKeys.Role.literals).pipe(Flag.withDescription("viewer, operator, manager or admin")),
  name: Flag.String("name").pipe(Flag.withDescription("A name to recognise the key by"))
}, ({ name, role, tenant }) =>
  Effect.gen(function*() {
    if (tenant.trim() === "" || name.trim() === "") return yield* new CliFailure({ message: "--tenant and --name must not be empty" })
    const created = yield* withDatabase(tenant, ApiKeys.create({ tenantId: tenant, role, name }))
    yield* Console.error(`created ${role} key ${created.id} "${name}" for tenant "${tenant}"; it is shown once:`)
    yield* Console.log(created.key)
  })).pipe(Command.withDescription("Create an API key and print it (once)"))

const parseDate = (input: string): Effect.Effect<DateTime.Utc, CliFailure> => {
  const parsed = DateTime.make(/^\d{4}-\d{2}-\d{2}$/.test(input) ? `${input}T23:59:59.999Z` : input)
  return Option.match(parsed, {
    onNone: () => Effect.fail(new CliFailure({ message: `--at ${JSON.stringify(input)} is not a date (use YYYY-MM-DD or an ISO time)` })),
    onSome: (d) => Effect.succeed(DateTime.toUtc(d))
  })
}

const report = Command.make("report", {
  kind: Argument.Literals("report", Reports.Kind.literals).pipe(Argument.withDescription("valuation, abc, reorder or depreciation")),
  json: Flag.Boolean("json").pipe(Flag.withDescription("Print JSON instead of a table"), Flag.withDefault(false)),
  at: Flag.String("at").pipe(Flag.withDescription("The date (YYYY-MM-DD, end of day UTC, or an ISO time); now by default"), Flag.optional),
  by: Flag.Literals("by", ["item", "location", "category"]).pipe(Flag.withDescription("Valuation grouping"), Flag.withDefault("item")),
  tenant: tenantFlag
}, ({ at, by, json, kind, tenant }) =>
  Effect.gen(function*() {
    const when = Option.isSome(at) ? yield* parseDate(at.value) : undefined
    const result = yield* withDatabase(tenant, Reports.run(kind, { by, ...(when === undefined ? {} : { at: when }) }))
    yield* Console.log(json ? JSON.stringify(result, null, 2) : Reports.render(result))
  })).pipe(Command.withDescription("Print a report: valuation (--at, --by), abc (12 months to --at), reorder, or depreciation (book values at --at)"))

/** The root command with every subcommand. @since 0.1.0 */
export const command = Command.make("quartermaster").pipe(
  Command.withDescription("Quartermaster example server and tools"),
  Command.withSubcommands([serve, migrate, exportCommand, importCommand, seedCommand, createKey, report])
)

// A signal stops `serve` by interruption: that is a clean exit (0), not a failure.
const teardown: Runtime.Teardown = (exit, onExit) =>
  Exit.isFailure(exit) && Cause.hasInterruptsOnly(exit.cause) ? onExit(0) : Runtime.defaultTeardown(exit, onExit)

/** Runs the CLI on `process.argv`. @since 0.1.0 */
export const main = (): void =>
  Command.run(command, { version: "0.1.0" }).pipe(
    Effect.tapError((error) => (error instanceof CliFailure ? Console.error(`error: ${error.message}`) : Effect.void)),
    Effect.provide(NodeServices.layer),
    NodeRuntime.runMain({ disableErrorReporting: true, teardown })
  )

if (import.meta.url === `file://${process.argv[1]}`) main()

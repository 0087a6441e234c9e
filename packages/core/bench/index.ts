// Benchmarks of @quartermaster/core. Run with `pnpm bench`; they print, and never assert timings.
import { Effect } from "effect"
import * as Depreciation from "./depreciation.ts"
import * as Ledger from "./ledger.ts"
import * as Planning from "./planning.ts"
import * as Valuation from "./valuation.ts"

await Effect.runPromise(Ledger.run)
await Effect.runPromise(Valuation.run)
await Effect.runPromise(Planning.run)
await Effect.runPromise(Depreciation.run)

// Benchmarks of @quartermaster/core. Run with `pnpm bench`; they print, and never assert timings.
import { Effect } from "effect"
import * as Ledger from "./ledger.ts"

await Effect.runPromise(Ledger.run)

// Runs only the valuation benchmarks: `node --conditions=@quartermaster/source --import tsx bench/valuation-only.ts`.
import { Effect } from "effect"
import * as Valuation from "./valuation.ts"

await Effect.runPromise(Valuation.run)

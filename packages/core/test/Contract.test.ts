import { describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Stores from "../src/Stores.ts"
import { Contract } from "../src/testing.ts"

// The in-memory stores run the same contract suite as every storage adapter. Each case gets a fresh
// in-memory database here; adapters share one database and rely on each case's fresh tenant.
describe("contract suite on the in-memory stores", () => {
  for (const c of Contract.cases()) {
    it.effect(`${c.suite}: ${c.name}`, () => Effect.provide(c.run, Stores.layerMemory))
  }
})

describe("contract suite on one shared in-memory database", () => {
  it.effect("every case passes when all cases share one store", () =>
    Effect.gen(function*() {
      for (const c of Contract.cases({ propertyRuns: 3 })) yield* c.run
    }).pipe(Effect.provide(Stores.layerMemory)))
})

import { expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { program } from "../src/main.ts"

it.effect("the embedded example runs and reports the converted receipt", () =>
  Effect.gen(function*() {
    const line = yield* program
    expect(line).toBe("received 30 each of GTIN 04006381333931")
  }))

import { readFileSync } from "node:fs"
import { assert, it } from "@effect/vitest"
import { Effect } from "effect"
import { program } from "../src/readme.ts"

it.effect("the README's embedding example receives 3 boxes and values them", () =>
  Effect.gen(function*() {
    assert.strictEqual(yield* program, "BOLT-M8: 300 on hand, worth 15")
  }))

it("the README shows src/readme.ts exactly", () => {
  const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8")
  const section = readme.slice(readme.indexOf("## Use the SDK in your own app"))
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1]
  assert.strictEqual(block, readFileSync(new URL("../src/readme.ts", import.meta.url), "utf8"))
})

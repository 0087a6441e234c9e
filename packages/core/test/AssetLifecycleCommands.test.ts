import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Layer, Result } from "effect"
import * as fc from "fast-check"
import * as AssetLedger from "../src/AssetLedger.ts"
import * as AssetLifecycle from "../src/AssetLifecycle.ts"
import * as Assets from "../src/Assets.ts"
import { AssetStore } from "../src/AssetStore.ts"
import * as CheckOuts from "../src/CheckOuts.ts"
import { CurrentActor } from "../src/CurrentActor.ts"
import { IdGenerator } from "../src/IdGenerator.ts"
import * as Stores from "../src/Stores.ts"
import { Fixtures } from "../src/testing.ts"

const layer = Layer.mergeAll(Stores.layerMemory, CurrentActor.layer("t1", "ann"), IdGenerator.layerSequential("id"))

const vanished = (s: AssetLifecycle.State) => s === "lost" || s === "missing" || s === "stolen"

/** Runs one action through the command that owns it; `dispose` and `writeOff` both go through `AssetLedger.dispose`. */
const command = (tag: string, action: AssetLifecycle.Action): Effect.Effect<unknown, unknown, AssetLedger.Env> => {
  switch (action) {
    case "checkOut":
      return CheckOuts.checkOut({ asset: tag, assignee: { _tag: "person", personId: "bob" } })
    case "checkIn":
      return CheckOuts.checkIn(tag)
    case "dispose":
    case "writeOff":
      return AssetLedger.dispose({ asset: tag })
    default:
      return Assets.transition(tag, action)
  }
}

describe("asset lifecycle through the commands", () => {
  it.effect("random action sequences follow the state machine; each success is one event, each refusal changes nothing", () =>
    Effect.gen(function*() {
      yield* Fixtures.world
      const sequences = fc.sample(fc.array(fc.constantFrom(...AssetLifecycle.actions), { minLength: 1, maxLength: 14 }), { numRuns: 80, seed: 7 })
      let accepted = 0
      let refused = 0
      for (const [n, actions] of sequences.entries()) {
        const tag = `P-${n}`
        yield* Assets.register({ tag })
        let model: AssetLifecycle.State = "inStock"
        for (const action of actions) {
          // The dispose command picks dispose or write-off from the asset's state.
          const effective = action === "dispose" || action === "writeOff" ? (vanished(model) ? "writeOff" : "dispose") : action
          const expected = AssetLifecycle.transition(model, effective)
          const before = yield* Assets.history(tag)
          const exit = yield* Effect.exit(command(tag, action))
          const after = yield* Assets.history(tag)
          if (Result.isSuccess(expected)) {
            assert.isTrue(Exit.isSuccess(exit), `${tag}: ${model} --${effective}--> should succeed`)
            const transitions = after.slice(before.length).filter((e) => e.event._tag === "AssetTransitioned")
            assert.strictEqual(transitions.length, 1, `${tag}: one transition event for ${effective}`)
            model = expected.success
            accepted++
          } else {
            assert.isTrue(Exit.isFailure(exit), `${tag}: ${model} --${effective}--> should be refused`)
            assert.strictEqual(after.length, before.length, `${tag}: a refusal writes no event`)
            refused++
          }
          const asset = yield* Assets.get(tag)
          assert.strictEqual(asset.status, model, tag)
          const open = (yield* (yield* AssetStore).openCheckOuts(asset.tenantId, [asset.id])).size
          assert.strictEqual(open === 1, model === "deployed", `${tag}: an open check-out exactly while deployed`)
          assert.strictEqual(asset.assignee !== null, model === "deployed", `${tag}: an assignee exactly while deployed`)
        }
      }
      assert.isAbove(accepted, 100)
      assert.isAbove(refused, 100)
    }).pipe(Effect.provide(layer)), 60_000)
})

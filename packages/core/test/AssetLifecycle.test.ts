import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import * as AssetLifecycle from "../src/AssetLifecycle.ts"

// The lifecycle as docs/assets.md states it, written out independently of the implementation.
const spec: Record<AssetLifecycle.State, Partial<Record<AssetLifecycle.Action, AssetLifecycle.State>>> = {
  onOrder: { receive: "inStock" },
  inStock: {
    checkOut: "deployed",
    sendToRepair: "inRepair",
    startMaintenance: "inMaintenance",
    retire: "retired",
    reportLost: "lost",
    reportMissing: "missing",
    reportStolen: "stolen"
  },
  deployed: {
    checkIn: "inStock",
    sendToRepair: "inRepair",
    startMaintenance: "inMaintenance",
    reportLost: "lost",
    reportMissing: "missing",
    reportStolen: "stolen"
  },
  inRepair: { repaired: "inStock", retire: "retired", reportLost: "lost", reportMissing: "missing", reportStolen: "stolen" },
  inMaintenance: { maintenanceDone: "inStock", retire: "retired", reportLost: "lost", reportMissing: "missing", reportStolen: "stolen" },
  retired: { reinstate: "inStock", dispose: "disposed", reportLost: "lost", reportMissing: "missing", reportStolen: "stolen" },
  disposed: {},
  lost: { found: "inStock", reportStolen: "stolen", writeOff: "disposed" },
  missing: { found: "inStock", reportLost: "lost", reportStolen: "stolen", writeOff: "disposed" },
  stolen: { found: "inStock", writeOff: "disposed" }
}

describe("AssetLifecycle", () => {
  it("walks the whole state × action matrix and agrees with the specified table", () => {
    let valid = 0
    let invalid = 0
    for (const from of AssetLifecycle.states) {
      for (const action of AssetLifecycle.actions) {
        const expected = spec[from][action]
        const result = AssetLifecycle.transition(from, action)
        if (expected === undefined) {
          assert.isTrue(Result.isFailure(result), `${from} --${action}--> should be refused`)
          if (Result.isFailure(result)) {
            const e = result.failure
            assert.strictEqual(e._tag, "InvalidTransition")
            assert.strictEqual(e.from, from)
            assert.strictEqual(e.action, action)
            assert.strictEqual(e.to, AssetLifecycle.target(action))
            assert.include(e.message, from)
            assert.include(e.message, AssetLifecycle.target(action))
            assert.include(e.message, action)
          }
          invalid++
        } else {
          assert.deepStrictEqual(result, Result.succeed(expected), `${from} --${action}-->`)
          valid++
        }
      }
    }
    assert.strictEqual(valid + invalid, AssetLifecycle.states.length * AssetLifecycle.actions.length)
    assert.strictEqual(valid, Object.values(spec).reduce((n, row) => n + Object.keys(row).length, 0))
    assert.strictEqual(AssetLifecycle.transitions.length, valid)
  })

  it("lets every state reach inStock again except disposed, which is terminal", () => {
    for (const from of AssetLifecycle.states) {
      const reach = new Set<AssetLifecycle.State>([from])
      const queue = [from]
      while (queue.length > 0) {
        const s = queue.pop()!
        for (const a of AssetLifecycle.allowed(s)) {
          const to = AssetLifecycle.target(a)
          if (!reach.has(to)) {
            reach.add(to)
            queue.push(to)
          }
        }
      }
      assert.strictEqual(reach.has("inStock"), from !== "disposed", from)
      assert.strictEqual(AssetLifecycle.isTerminal(from), from === "disposed")
    }
  })

  it("found leads back to inStock from lost, missing and stolen only", () => {
    for (const from of AssetLifecycle.states) {
      const r = AssetLifecycle.transition(from, "found")
      assert.strictEqual(Result.isSuccess(r), ["lost", "missing", "stolen"].includes(from), from)
    }
  })
})

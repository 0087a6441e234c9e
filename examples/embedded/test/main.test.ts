import { assert, it } from "@effect/vitest"
import { Effect } from "effect"
import { program } from "../src/main.ts"

it.effect("the embedded example receives, reserves, ships and verifies", () =>
  Effect.gen(function*() {
    const lines = yield* program
    assert.strictEqual(lines[0], "BOLT-M8 at DC-1: on hand 6, reserved 0, available 6")
    assert.match(lines[1]!, /^walk-in sale of 10: insufficient available stock of item "bolt"/)
    assert.strictEqual(lines[2], "audit trail: ItemCreated > MovementsPosted > ReservationPlaced > MovementsPosted > ReservationFulfilled")
    assert.match(lines[3]!, /^invariants: ok \(2 movements checked\)$/)
  }))

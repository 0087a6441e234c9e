/**
 * Property cases over random command sequences, valid and invalid: after every command the invariants hold,
 * a refused command changes nothing, and re-posting any earlier batch changes nothing.
 *
 * Generated with effect's own `Arbitrary`, so the suite needs no test framework.
 *
 * @since 0.1.0
 */
import { Invariants, type Movement, Reservations, StockLedger, type Stores } from "@quartermaster/core"
import { Arbitrary, Effect, Exit, Schema } from "effect"
import * as Assert from "./Assert.ts"
import type { Case } from "./Case.ts"
import { asFreshTenant, world } from "./Fixtures.ts"
import { snapshot } from "./LedgerContract.ts"

const Item = Schema.Literals(["plain", "bulk", "lotted"])
const Bin = Schema.Literals(["bin-a", "bin-b", "bin-c", "r1"])
const Qty = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: -1, maximum: 9 })))
const Index = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 9 })))

/** One generated command. @since 0.1.0 */
export const Command = Schema.Union([
  Schema.TaggedStruct("Receive", { item: Item, to: Bin, qty: Qty, lot: Schema.Literals(["L1", "L2"]) }),
  Schema.TaggedStruct("Move", { item: Item, from: Bin, to: Bin, qty: Qty, lot: Schema.Literals(["L1", "L2"]) }),
  Schema.TaggedStruct("Issue", { item: Item, from: Bin, qty: Qty, lot: Schema.Literals(["L1", "L2"]), reservation: Index, twice: Schema.Boolean }),
  Schema.TaggedStruct("Reserve", { item: Item, qty: Qty, at: Schema.NullOr(Schema.Literals(["s1", "s2", "bin-a"])) }),
  Schema.TaggedStruct("Release", { index: Index }),
  Schema.TaggedStruct("Replay", { index: Index }),
  Schema.TaggedStruct("Garbage", { quantity: Schema.String, item: Schema.String })
])
/** @since 0.1.0 */
export type Command = typeof Command.Type

const Sequence = Schema.Array(Command).pipe(Schema.check(Schema.isMaxLength(24)))

const run = (commands: ReadonlyArray<Command>): Effect.Effect<boolean, Assert.ContractFailure, Stores.Stores> =>
  asFreshTenant("property", () =>
    Effect.gen(function*() {
      yield* world
      const posted: Array<ReadonlyArray<Movement.MovementInput>> = []
      const reserved: Array<string> = []
      let n = 0
      for (const command of commands) {
        const id = `c${++n}`
        const lotOf = (item: string, lot: string) => (item === "lotted" ? { lot } : {})
        let lines: ReadonlyArray<Movement.MovementInput> | undefined
        let effect: Effect.Effect<unknown, unknown, StockLedger.Env>
        switch (command._tag) {
          case "Receive":
            lines = [{ id, itemId: command.item, from: "sup", to: command.to, quantity: command.qty, ...lotOf(command.item, command.lot), unitCost: "1.05" }]
            break
          case "Move":
            lines = [{ id, itemId: command.item, from: command.from, to: command.to, quantity: command.qty, ...lotOf(command.item, command.lot) }]
            break
          case "Issue": {
            const reservationId = reserved[command.reservation]
            const line = { itemId: command.item, from: command.from, to: "cust", quantity: command.qty, ...lotOf(command.item, command.lot), ...(reservationId === undefined ? {} : { reservationId }) }
            lines = command.twice ? [{ id, ...line }, { id: `${id}b`, ...line }] : [{ id, ...line }]
            break
          }
          case "Replay":
            lines = posted[command.index % Math.max(posted.length, 1)]
            break
          case "Garbage":
            lines = [{ id, itemId: command.item, from: "sup", to: "bin-a", quantity: command.quantity }]
            break
        }
        if (lines !== undefined) effect = StockLedger.post(lines)
        else if (command._tag === "Reserve") {
          effect = Effect.tap(Reservations.reserve([{ id, itemId: command.item, quantity: command.qty, ...(command.at === null ? {} : { locationId: command.at }) }]), () => Effect.sync(() => reserved.push(id)))
        } else if (command._tag === "Release") {
          effect = Reservations.release(reserved[command.index] ?? "none")
        } else effect = Effect.void
        const before = yield* snapshot
        const exit = yield* Effect.exit(effect)
        const after = yield* snapshot
        if (Exit.isFailure(exit)) {
          yield* Assert.equal(after, before, `refused ${Assert.show(command)} changed state`)
        } else if (lines !== undefined && command._tag !== "Replay") {
          posted.push(lines)
        } else if (command._tag === "Replay" && lines !== undefined) {
          yield* Assert.equal(after, before, "a replay changed state")
        }
        const report = yield* Invariants.verify
        yield* Assert.equal(report.violations, [], `invariants after ${Assert.show(command)}`)
      }
      const before = yield* snapshot
      for (const lines of posted) {
        const again = yield* StockLedger.post(lines).pipe(Effect.mapError((e) => new Assert.ContractFailure({ message: `replaying a prefix failed: ${e.message}` })))
        yield* Assert.that(again.replayed, "replayed")
      }
      yield* Assert.equal(yield* snapshot, before, "replaying every posted batch changed state")
      return true
    }).pipe(Effect.mapError((e) => (e._tag === "ContractFailure" ? e : new Assert.ContractFailure({ message: e.message })))))

/**
 * The property cases. `runs` sets how many random sequences each checks.
 *
 * @since 0.1.0
 */
export const cases = (runs = 30): ReadonlyArray<Case> => [
  {
    suite: "properties",
    name: `random command sequences keep every invariant (${runs} runs)`,
    run: Effect.gen(function*() {
      const result = yield* Arbitrary.checkEffect(Arbitrary.schema(Sequence), run, { runs, maxShrinks: 50 })
      if (result._tag !== "Passed") {
        return yield* new Assert.ContractFailure({ message: Arbitrary.formatCheckFailure(result) ?? result._tag })
      }
    })
  }
]

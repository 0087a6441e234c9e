// Valuation entries written by hand as their schema's JSON, and read back from the table's columns: both must
// agree with the schema exactly, and a row that is not an entry must fail as a StoreError, not throw.
import { assert, describe, it } from "@effect/vitest"
import { ValuationState } from "@quartermaster/core"
import { Effect, Exit, Schema } from "effect"
import fc from "fast-check"
import { encodeEntry, entryOf } from "../src/internal/entryRows.ts"
import { encodeDoc } from "../src/internal/errors.ts"

const viaSchema = encodeDoc(ValuationState.Entry)
const decodeEntry = Schema.decodeUnknownSync(ValuationState.Entry)
const read = entryOf("valuation.entries")

const text = fc.string({ unit: fc.constantFrom("a", "Z", "7", "-", " ", "\"", "\\", "é", "😀"), minLength: 1, maxLength: 10 })
const amount = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n })
const entry: fc.Arbitrary<ValuationState.Entry> = fc.record({
  itemId: text,
  id: text,
  at: fc.integer({ min: -2_000_000_000_000, max: 4_000_000_000_000 }),
  // Not -0: JSON has no negative zero, so neither the schema nor this writes one.
  seq: fc.oneof(fc.integer({ min: 0, max: 2 ** 40 }), fc.double({ min: -1, max: 1, noNaN: true }).filter((x) => !Object.is(x, -0))),
  step: text,
  kind: fc.constantFrom(...ValuationState.EntryKind.literals),
  movementId: fc.option(text, { nil: null }),
  site: fc.oneof(fc.constant(""), text),
  lot: fc.option(text, { nil: null }),
  quantity: amount,
  value: amount,
  cogs: amount,
  received: amount,
  provisional: amount
})

// The row as the store selects it (`json_build_array(…)::text`): numerics and bigints as text, the seq a number.
const columnsOf = (e: ValuationState.Entry): Array<unknown> => [
  e.itemId,
  e.id,
  String(e.at),
  e.seq,
  e.step,
  e.kind,
  e.movementId,
  e.site,
  e.lot,
  e.quantity.toString(),
  e.value.toString(),
  e.cogs.toString(),
  e.received.toString(),
  e.provisional.toString()
]
const rowOf = (e: ValuationState.Entry): string => JSON.stringify(columnsOf(e))

describe("valuation entry rows", () => {
  it("write an entry as the schema does, and read it back from its columns", () => {
    fc.assert(
      fc.property(entry, (e) => {
        const json = encodeEntry(e)
        assert.deepStrictEqual(JSON.parse(json), JSON.parse(viaSchema(e)))
        assert.deepStrictEqual(decodeEntry(JSON.parse(json)), e)
        assert.deepStrictEqual(Effect.runSync(read(rowOf(e))), e)
      }),
      { numRuns: 300 }
    )
  })

  it.effect("a row that is not an entry is a non-retryable StoreError", () =>
    Effect.gen(function*() {
      const good = rowOf({
        itemId: "item",
        id: "m1",
        at: 1000,
        seq: 1,
        step: "m1",
        kind: "issue",
        movementId: "m1",
        site: "",
        lot: null,
        quantity: -5n,
        value: -500n,
        cogs: 500n,
        received: 0n,
        provisional: 0n
      })
      assert.isTrue(Exit.isSuccess(yield* Effect.exit(read(good))))
      const columns = JSON.parse(good) as Array<unknown>
      const replacing = (i: number, v: unknown) => JSON.stringify(columns.map((c, k) => (k === i ? v : c)))
      const bad = [
        replacing(5, "gift"),
        replacing(10, "1.5"),
        replacing(11, "0x10"),
        replacing(9, " 5"),
        replacing(13, null),
        replacing(3, "1"),
        replacing(0, 7),
        JSON.stringify(columns.slice(0, 13)),
        "{\"itemId\":\"item\"}",
        "[1,"
      ]
      for (const row of bad) {
        const exit = yield* Effect.exit(read(row))
        const reason = Exit.isFailure(exit) ? exit.cause.reasons[0] : undefined
        assert.strictEqual(reason?._tag, "Fail", row)
        if (reason?._tag === "Fail") {
          assert.strictEqual(reason.error._tag, "StoreError")
          assert.isFalse(reason.error.retryable)
          assert.match(reason.error.detail ?? "", /stored data does not decode/)
        }
      }
    }))
})

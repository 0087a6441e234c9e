import { assert, describe, it } from "@effect/vitest"
import { DateTime } from "effect"
import * as fc from "fast-check"
import type { LocationId } from "../src/Ids.ts"
import type { Item } from "../src/Item.ts"
import * as PutAway from "../src/PutAway.ts"

const id = (s: string) => s as LocationId
const bin = (locationId: string, item: bigint, lot = item): PutAway.BinStock => ({ locationId: id(locationId), item, lot })
const input = (over: Partial<PutAway.Input>): PutAway.Input => ({
  receivingLocationId: id("dock"),
  quantity: 5n,
  bins: [],
  capacity: null,
  preferredBinId: null,
  ...over
})

describe("PutAway.suggest", () => {
  it("consolidates into the bin holding the most of the item (lowest id on ties)", () => {
    const bins = [bin("a", 0n), bin("b", 3n), bin("c", 7n), bin("d", 7n)]
    assert.deepStrictEqual(PutAway.suggest(input({ bins, preferredBinId: id("a") })), { locationId: id("c"), rule: "consolidate" })
  })

  it("for a lot, consolidates only where that lot is held", () => {
    const bins = [bin("a", 9n, 0n), bin("b", 2n, 2n)]
    assert.deepStrictEqual(PutAway.suggest(input({ bins })), { locationId: id("b"), rule: "consolidate" })
    assert.deepStrictEqual(PutAway.suggest(input({ bins: [bin("a", 9n, 0n)] })), { locationId: id("dock"), rule: "receiving" })
  })

  it("skips bins without room when a capacity is known", () => {
    const bins = [bin("a", 8n), bin("b", 5n), bin("p", 0n)]
    assert.deepStrictEqual(PutAway.suggest(input({ bins, capacity: 10n })), { locationId: id("b"), rule: "consolidate" })
    assert.deepStrictEqual(PutAway.suggest(input({ bins, capacity: 9n, preferredBinId: id("p") })), { locationId: id("p"), rule: "preferred" })
    assert.deepStrictEqual(PutAway.suggest(input({ bins, capacity: 4n, preferredBinId: id("p") })), { locationId: id("dock"), rule: "receiving" })
  })

  it("uses the preferred bin only when it lies under the receiving location", () => {
    assert.deepStrictEqual(PutAway.suggest(input({ bins: [bin("a", 0n)], preferredBinId: id("elsewhere") })), { locationId: id("dock"), rule: "receiving" })
    assert.deepStrictEqual(PutAway.suggest(input({ bins: [bin("a", 0n)], preferredBinId: id("a") })), { locationId: id("a"), rule: "preferred" })
  })

  it("always names the receiving location or a bin with room", () => {
    const arbitrary = fc.record({
      bins: fc.uniqueArray(fc.record({ locationId: fc.constantFrom("a", "b", "c", "d"), item: fc.bigInt(0n, 20n), lot: fc.bigInt(0n, 20n) }), { selector: (b) => b.locationId }),
      quantity: fc.bigInt(1n, 20n),
      capacity: fc.option(fc.bigInt(0n, 30n), { nil: null }),
      preferred: fc.option(fc.constantFrom("a", "b", "x"), { nil: null })
    })
    fc.assert(fc.property(arbitrary, ({ bins, capacity, preferred, quantity }) => {
      const stock = bins.map((b) => bin(b.locationId, b.item > b.lot ? b.item : b.lot, b.lot))
      const s = PutAway.suggest(input({ bins: stock, capacity, quantity, preferredBinId: preferred === null ? null : id(preferred) }))
      if (s.rule === "receiving") return s.locationId === "dock"
      const chosen = stock.find((b) => b.locationId === s.locationId)!
      const room = capacity === null || chosen.item + quantity <= capacity
      return room && (s.rule === "preferred" ? s.locationId === preferred : chosen.lot > 0n && stock.every((b) => b.lot <= chosen.lot || (capacity !== null && b.item + quantity > capacity)))
    }))
  })
})

describe("PutAway item attributes", () => {
  const item = (attributes: Item["attributes"], decimals = 0): Item => ({
    id: "i" as Item["id"],
    tenantId: "t" as Item["tenantId"],
    sku: "I",
    name: "I",
    description: "",
    baseUnit: { code: "kg", decimals } as Item["baseUnit"],
    conversions: [],
    tracking: "none",
    shelfLifeDays: null,
    valuationMethod: "fifo",
    reorder: { kind: "none" },
    gtins: [],
    category: [],
    attributes,
    status: "active",
    allowNegativeStock: false,
    version: 1,
    createdAt: DateTime.makeUnsafe(0),
    updatedAt: DateTime.makeUnsafe(0)
  })

  it("reads the bin capacity exactly in smallest base units, ignoring what is not a quantity", () => {
    assert.strictEqual(PutAway.capacityOf(item({ binCapacity: "2.5" }, 3)), 2500n)
    assert.strictEqual(PutAway.capacityOf(item({ binCapacity: 40 })), 40n)
    assert.strictEqual(PutAway.capacityOf(item({ binCapacity: "0.5" })), null)
    assert.strictEqual(PutAway.capacityOf(item({ binCapacity: true })), null)
    assert.strictEqual(PutAway.capacityOf(item({})), null)
  })

  it("reads the preferred bin", () => {
    assert.strictEqual(PutAway.preferredBinOf(item({ putAwayBin: "bin-7" })), "bin-7")
    assert.strictEqual(PutAway.preferredBinOf(item({ putAwayBin: 7 })), null)
  })
})

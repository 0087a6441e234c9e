import { describe, expect, it } from "@effect/vitest"
import { Result } from "effect"
import * as Money from "../src/Money.ts"
import * as Valuation from "../src/Valuation.ts"
import type * as ValuationEvent from "../src/ValuationEvent.ts"

// Worked examples, one per method, perpetual and periodic where both exist. The problems follow the standard
// textbook forms (named in each test); the numbers are our own, and every expected figure was worked by hand
// in the comments. Amounts are in cents (currency scale 2).

const day = (d: number, hour = 12) => new Date(Date.UTC(2026, 0, d, hour)).toISOString()
const receipt = (id: string, d: number, quantity: number, unitCost: string, extra: Partial<ValuationEvent.Input> = {}) =>
  ({ _tag: "Receipt", id, at: day(d), quantity, unitCost, ...extra }) as ValuationEvent.Input
const issue = (id: string, d: number, quantity: number, extra: Partial<ValuationEvent.Input> = {}) =>
  ({ _tag: "Issue", id, at: day(d), quantity, ...extra }) as ValuationEvent.Input

const run = (f: (events: ReadonlyArray<ValuationEvent.Input>) => Result.Result<Valuation.Outcome, Valuation.Error>, events: ReadonlyArray<ValuationEvent.Input>) => {
  const result = f(events)
  if (Result.isFailure(result)) throw new Error(result.failure.message)
  const o = result.success
  // The identity, exactly, in every example.
  expect(o.received).toBe(o.cogs + o.value)
  return o
}
const costs = (o: Valuation.Outcome) => Object.fromEntries(o.issues.map((i) => [i.movementId, i.total]))

// The base data set: beginning inventory 100 @ 10.00, purchases 200 @ 11.00 (Jan 5) and 150 @ 12.00 (Jan 15),
// sales of 150 (Jan 10) and 200 (Jan 20). Goods available: 450 units for 5,000.00; 350 sold, 100 left.
const base = [
  receipt("beginning", 1, 100, "10.00"),
  receipt("p1", 5, 200, "11.00"),
  issue("s1", 10, 150),
  receipt("p2", 15, 150, "12.00"),
  issue("s2", 20, 200)
]

describe("worked examples: Kieso, Weygandt & Warfield, Intermediate Accounting, ch. 8, cost flow assumptions", () => {
  it("perpetual FIFO: oldest layers first", () => {
    // s1 = 100 × 10 + 50 × 11 = 1,550; s2 = 150 × 11 + 50 × 12 = 2,250; COGS 3,800; ending 100 × 12 = 1,200.
    const o = run(Valuation.fifo, base)
    expect(costs(o)).toEqual({ s1: 155000n, s2: 225000n })
    expect([o.cogs, o.value, o.quantity]).toEqual([380000n, 120000n, 100n])
    expect(o.layers.map((l) => [l.receiptId, l.quantity, l.value])).toEqual([["p2", 100n, 120000n]])
  })

  it("periodic FIFO equals perpetual FIFO: the first 350 units in are the first 350 out either way", () => {
    // First 350 units of the goods available: 100 × 10 + 200 × 11 + 50 × 12 = 3,800.
    const o = run(Valuation.periodicFifo, base)
    expect(costs(o)).toEqual({ s1: 155000n, s2: 225000n })
    expect([o.cogs, o.value]).toEqual([380000n, 120000n])
  })

  it("perpetual LIFO: the newest layer existing at each sale", () => {
    // s1 (layers 100 @ 10, 200 @ 11) = 150 × 11 = 1,650; s2 (100 @ 10, 50 @ 11, 150 @ 12) = 150 × 12 + 50 × 11 = 2,350.
    const o = run(Valuation.lifo, base)
    expect(costs(o)).toEqual({ s1: 165000n, s2: 235000n })
    expect([o.cogs, o.value]).toEqual([400000n, 100000n])
    expect(o.layers.map((l) => [l.receiptId, l.quantity, l.value])).toEqual([["beginning", 100n, 100000n]])
  })

  it("periodic LIFO: the newest goods available in the period, whenever the sale happened", () => {
    // 350 newest: 150 × 12 + 200 × 11 = 4,000; s1 takes the first 150 (1,800), s2 the next 200 (2,200).
    const o = run(Valuation.periodicLifo, base)
    expect(costs(o)).toEqual({ s1: 180000n, s2: 220000n })
    expect([o.cogs, o.value]).toEqual([400000n, 100000n])
  })

  it("moving average: recomputed at each receipt, issues at the current average", () => {
    // Jan 5: 300 units for 3,200 (10.6667). s1 = 150 × 3,200 / 300 = 1,600.00, leaving 150 for 1,600.
    // Jan 15: 300 units for 3,400 (11.3333). s2 = 200 × 3,400 / 300 = 2,266.666… → 2,266.67. Ending 1,133.33.
    const o = run(Valuation.movingAverage, base)
    expect(costs(o)).toEqual({ s1: 160000n, s2: 226667n })
    expect([o.cogs, o.value]).toEqual([386667n, 113333n])
  })

  it("periodic weighted average: one average for the period, cost of goods available / units available", () => {
    // 5,000 / 450 = 11.1111. COGS 350 × 11.1111 = 3,888.89 (s1 1,666.67, s2 2,222.22); ending 100 × 11.1111 = 1,111.11.
    const o = run(Valuation.weightedAverage, base)
    expect(costs(o)).toEqual({ s1: 166667n, s2: 222222n })
    expect([o.cogs, o.value]).toEqual([388889n, 111111n])
  })

  it("periodic weighted average over two periods: the first period's ending is the second's opening", () => {
    // February: opening 100 for 1,111.11, purchase 100 @ 13 = 1,300. Available 200 for 2,411.11.
    // Sale of 150: 150 × 2,411.11 / 200 = 1,808.3325 → 1,808.33. Ending 50 for 602.78.
    const o = run(Valuation.weightedAverage, [
      ...base,
      { _tag: "PeriodEnd", at: "2026-02-01T00:00:00Z" },
      receipt("p3", 35, 100, "13.00"),
      issue("s3", 40, 150)
    ])
    expect(costs(o)).toEqual({ s1: 166667n, s2: 222222n, s3: 180833n })
    expect(o.value).toBe(60278n)
  })
})

describe("perpetual and periodic LIFO differ (Kieso et al., ch. 8: LIFO in periodic and perpetual systems)", () => {
  // Beginning inventory 100 units, carried from December; a sale of 80 on Jan 10; a purchase of 100 on Jan 20.
  const dataSet = (beginning: string, purchase: string) => [
    { _tag: "Receipt", id: "beginning", at: "2025-12-31T12:00:00Z", quantity: 100, unitCost: beginning },
    { _tag: "PeriodEnd", at: "2026-01-01T00:00:00Z" },
    issue("sale", 10, 80),
    receipt("purchase", 20, 100, purchase)
  ] as const

  it("rising prices: periodic LIFO charges the later, dearer purchase; perpetual cannot (it did not exist yet)", () => {
    // Perpetual: 80 × 10 = 800, ending 20 × 10 + 100 × 15 = 1,700. Periodic: 80 × 15 = 1,200, ending 100 × 10 + 20 × 15 = 1,300.
    const perpetual = run(Valuation.lifo, dataSet("10.00", "15.00"))
    const periodic = run(Valuation.periodicLifo, dataSet("10.00", "15.00"))
    expect([perpetual.cogs, perpetual.value]).toEqual([80000n, 170000n])
    expect([periodic.cogs, periodic.value]).toEqual([120000n, 130000n])
    expect(perpetual.cogs < periodic.cogs).toBe(true)
  })

  it("falling prices: the other way round", () => {
    // Perpetual: 80 × 15 = 1,200, ending 20 × 15 + 100 × 10 = 1,300. Periodic: 80 × 10 = 800, ending 100 × 15 + 20 × 10 = 1,700.
    const perpetual = run(Valuation.lifo, dataSet("15.00", "10.00"))
    const periodic = run(Valuation.periodicLifo, dataSet("15.00", "10.00"))
    expect([perpetual.cogs, perpetual.value]).toEqual([120000n, 130000n])
    expect([periodic.cogs, periodic.value]).toEqual([80000n, 170000n])
    expect(perpetual.cogs > periodic.cogs).toBe(true)
  })
})

describe("specific identification (IAS 2.23–24: items not ordinarily interchangeable)", () => {
  it("by lot: an issue takes the lots it names, at their own cost", () => {
    // Lots A 100 @ 10, B 100 @ 12, C 50 @ 14. Sales: 60 of B (720) and 30 of C (420).
    // Ending 100 × 10 + 40 × 12 + 20 × 14 = 1,760; received 2,900 = 1,140 + 1,760.
    const o = run(Valuation.specificIdentification, [
      receipt("ra", 1, 100, "10", { lot: "A" }),
      receipt("rb", 2, 100, "12", { lot: "B" }),
      receipt("rc", 3, 50, "14", { lot: "C" }),
      issue("sb", 4, 60, { lot: "B" }),
      issue("sc", 4, 30, { lot: "C" })
    ])
    expect(costs(o)).toEqual({ sb: 72000n, sc: 42000n })
    expect([o.cogs, o.value]).toEqual([114000n, 176000n])
  })

  it("by serial: each unit at its own cost", () => {
    // Laptops S-1 and S-2 at 1,000.00, S-3 at 1,250.00. Selling S-3 and S-1 costs 2,250.00; S-2 is left at 1,000.00.
    const o = run(Valuation.specificIdentification, [
      receipt("r1", 1, 2, "1000.00", { serials: ["S-1", "S-2"] }),
      receipt("r2", 2, 1, "1250.00", { serials: ["S-3"] }),
      issue("sale", 3, 2, { serials: ["S-3", "S-1"] })
    ])
    expect(costs(o)).toEqual({ sale: 225000n })
    expect(o.layers.map((l) => [l.serial, l.value])).toEqual([["S-2", 100000n]])
  })
})

describe("exactness", () => {
  it("the last unit out takes the remainder: 3 units for 10.00 go out at 3.33, 3.34 and 3.33", () => {
    // 1,000 / 3 = 333.33 → 333; then 667 / 2 = 333.5 → 334 (half away from zero); then the last 333.
    const o = run(Valuation.movingAverage, [receipt("r", 1, 3, "3.3333333"), issue("a", 2, 1), issue("b", 3, 1), issue("c", 4, 1)])
    expect(costs(o)).toEqual({ a: 333n, b: 334n, c: 333n })
    expect([o.value, o.quantity]).toEqual([0n, 0n])
  })

  it("a unit cost far below the minor unit is never rounded away: 1,000 units for 4.00, issued one by one", () => {
    // The peer bug this guards against rounds a 0.004 unit cost to zero and leaves 4.00 on hand at zero units.
    const events = [receipt("r", 1, 1000, "0.004"), ...Array.from({ length: 1000 }, (_, i) => issue(`i${i}`, 2 + (i % 20), 1))]
    const o = run(Valuation.movingAverage, events)
    expect(o.cogs).toBe(400n)
    expect([o.value, o.quantity]).toEqual([0n, 0n])
    expect(o.issues.every((i) => i.total >= 0n && i.total <= 1n)).toBe(true)
  })

  it("money is split by largest remainder, always adding up", () => {
    expect(Money.allocate(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n])
    expect(Money.allocate(-100n, [1n, 1n, 1n])).toEqual([-33n, -33n, -34n])
    expect(Money.divide(5n, 2n)).toBe(3n)
    expect(Money.divide(-5n, 2n)).toBe(-3n)
    expect(Money.format(-5n, 2)).toBe("-0.05")
  })
})

describe("negative stock: out at the last known cost, trued up by the covering receipt", () => {
  for (const [name, f] of [["FIFO", Valuation.fifo], ["moving average", Valuation.movingAverage]] as const) {
    it(name, () => {
      // 10 @ 5.00 in; 15 out: 50.00 + 5 × 5.00 provisional = 75.00. 10 @ 6.00 in: covers 5 at 6.00 (30.00),
      // a true-up of +5.00 to COGS, and leaves 5 @ 6.00. COGS 80.00, value 30.00, received 110.00.
      const o = run(f, [receipt("r1", 1, 10, "5.00"), issue("big", 2, 15), receipt("r2", 3, 10, "6.00")])
      expect(o.issues).toEqual([{ movementId: "big", at: Date.parse(day(2)), kind: "issue", quantity: 15n, cost: 7500n, provisional: 0n, trueUp: 500n, total: 8000n }])
      expect(o.trueUps.map((t) => [t.step, t.movementId, t.cogs])).toEqual([["r2", "big", 500n]])
      expect([o.cogs, o.value, o.received]).toEqual([8000n, 3000n, 11000n])
    })
  }

  it("with no cost known at all, the shortfall goes out at zero and the receipt trues all of it up", () => {
    const o = run(Valuation.fifo, [issue("first", 1, 4), receipt("r", 2, 10, "2.50")])
    expect(o.issues[0]).toMatchObject({ cost: 0n, trueUp: 1000n, total: 1000n, provisional: 0n })
  })
})

describe("landed cost (IAS 2.11: purchase cost includes transport and duties), allocated to receipt layers", () => {
  // R1 100 @ 10.00 and R2 50 @ 20.00; 60 issued (FIFO, from R1) before freight of 300.00 arrives.
  const events = (basis: "quantity" | "value" | "weight") => [
    receipt("r1", 1, 100, "10.00"),
    receipt("r2", 2, 50, "20.00"),
    issue("i", 3, 60),
    { _tag: "LandedCost", id: "freight", at: day(4), amount: "300.00", basis, receipts: [{ id: "r1", weight: 250 }, { id: "r2", weight: 50 }] }
  ] as const

  it("by quantity: 200 to R1 (60% consumed: 120 to COGS), 100 to R2", () => {
    const o = run(Valuation.fifo, events("quantity"))
    expect([o.cogs, o.value, o.received]).toEqual([72000n, 158000n, 230000n])
    expect(o.layers.map((l) => [l.receiptId, l.value])).toEqual([["r1", 48000n], ["r2", 110000n]])
  })

  it("by value: 150 each (R1: 90 to COGS, 60 to its layer)", () => {
    const o = run(Valuation.fifo, events("value"))
    expect([o.cogs, o.value]).toEqual([69000n, 161000n])
  })

  it("by weight: 250 to R1 (150 to COGS), 50 to R2", () => {
    const o = run(Valuation.fifo, events("weight"))
    expect([o.cogs, o.value]).toEqual([75000n, 155000n])
  })
})

describe("flows", () => {
  it("a return to the supplier leaves at layer cost and reduces cost received", () => {
    // FIFO layers 100 @ 10 and 100 @ 12; 30 back to the supplier from the oldest: 300. Received 1,900 = 0 + 1,900.
    const o = run(Valuation.fifo, [receipt("r1", 1, 100, "10"), receipt("r2", 2, 100, "12"), issue("back", 3, 30, { to: "supplier" })])
    expect([o.received, o.cogs, o.value]).toEqual([190000n, 0n, 190000n])
    expect(o.issues[0]).toMatchObject({ kind: "supplier-return", total: 30000n })
  })

  it("a customer return enters at the current cost and credits COGS; a count gain without a cost too", () => {
    const o = run(Valuation.movingAverage, [
      receipt("r", 1, 10, "4.00"),
      issue("sold", 2, 4),
      { _tag: "Receipt", id: "back", at: day(3), quantity: 1, from: "customer" },
      { _tag: "Receipt", id: "found", at: day(4), quantity: 1, from: "adjustment" }
    ])
    expect([o.cogs, o.value, o.received]).toEqual([1200n, 3200n, 4400n])
  })

  it("site scope: a transfer moves value at cost and keeps receipt dates; company scope ignores it", () => {
    // s1: 10 @ 5; s2: 10 @ 7; 4 from s1 to s2 (20.00). An issue of 5 at s2 takes the older s1 layer first: 4 × 5 + 1 × 7 = 27.
    const events = [
      receipt("r1", 1, 10, "5", { site: "s1" }),
      receipt("r2", 2, 10, "7", { site: "s2" }),
      { _tag: "Transfer", id: "t", at: day(3), quantity: 4, site: "s1", toSite: "s2" },
      issue("i", 4, 5, { site: "s2" })
    ] as const
    const site = run((e) => Valuation.fifo(e, { scope: "site" }), events)
    expect(costs(site)).toEqual({ i: 2700n })
    expect(site.layers.map((l) => [l.site, l.receiptId, l.quantity])).toEqual([["s1", "r1", 6n], ["s2", "r2", 9n]])
    const company = run(Valuation.fifo, events)
    expect(costs(company)).toEqual({ i: 2500n })
  })

  it("a method change takes effect from its date and keeps the value on hand at that moment", () => {
    // FIFO until Jan 12 (150 @ 11 = 1,650 on hand), then moving average: Jan 15 makes 300 for 3,450;
    // s2 = 200 × 3,450 / 300 = 2,300; ending 100 for 1,150.
    const o = run(Valuation.fifo, [...base, { _tag: "MethodChange", id: "to-avco", at: day(12), method: "moving-average" }])
    expect(costs(o)).toEqual({ s1: 155000n, s2: 230000n })
    expect(o.value).toBe(115000n)
  })
})

describe("bad input is a typed error that names the reason", () => {
  it("an issue naming a lot that was never received", () => {
    const r = Valuation.specificIdentification([receipt("r", 1, 5, "1", { lot: "A" }), issue("i", 2, 1, { lot: "X" })])
    expect(Result.isFailure(r) && r.failure._tag === "UnknownLot" && r.failure.message).toContain("lot \"X\"")
  })

  it("a receipt from a supplier without a cost", () => {
    const r = Valuation.fifo([{ _tag: "Receipt", id: "r", at: day(1), quantity: 5 }])
    expect(Result.isFailure(r) && r.failure._tag === "MissingUnitCost" && r.failure.message).toContain("must carry its cost")
  })

  it("a quantity in a unit the item does not have, or finer than its base unit", () => {
    const unit = Valuation.fifo([receipt("r", 1, 5, "1", { unit: "pallet" })])
    expect(Result.isFailure(unit) && unit.failure._tag).toBe("UnknownUnit")
    const fraction = Valuation.fifo([receipt("r", 1, 1.5, "1")])
    expect(Result.isFailure(fraction) && fraction.failure._tag).toBe("InvalidQuantity")
  })

  it("events that are not events, landed costs naming unknown receipts, repeated ids", () => {
    const garbage = Valuation.fifo([{ _tag: "Receipt", id: "r" } as never])
    expect(Result.isFailure(garbage) && garbage.failure._tag).toBe("InvalidInput")
    const landed = Valuation.fifo([receipt("r", 1, 5, "1"), { _tag: "LandedCost", id: "l", at: day(2), amount: 1, basis: "quantity", receipts: [{ id: "nope" }] }])
    expect(Result.isFailure(landed) && landed.failure._tag).toBe("UnknownReceipt")
    const twice = Valuation.fifo([receipt("r", 1, 5, "1"), receipt("r", 2, 5, "1")])
    expect(Result.isFailure(twice) && twice.failure._tag).toBe("InvalidValuation")
  })
})

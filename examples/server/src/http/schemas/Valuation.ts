/**
 * Response bodies of the valuation routes: cost of goods sold, stock value at a time, cost layers, aging and
 * a refresh. Quantities, costs and values are exact decimals sent as strings.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Count, Decimal, Time } from "./Fields.ts"

/**
 * A page of cost of goods sold, one row per issue or supplier return.
 *
 * @since 0.1.0
 */
export const Cogs = Schema.Struct({
  rows: Schema.Array(Schema.Struct({
    movementId: Schema.String,
    itemId: Schema.String,
    at: Time,
    kind: Schema.Literals(["issue", "supplier-return"]),
    quantity: Decimal,
    cost: Decimal,
    trueUp: Decimal,
    total: Decimal,
    provisional: Decimal
  })),
  nextCursor: Schema.NullOr(Schema.String)
})

/**
 * The value of stock at a time, by item, location or category, with its total.
 *
 * @since 0.1.0
 */
export const StockValue = Schema.Struct({
  at: Time,
  by: Schema.Literals(["item", "location", "category"]),
  rows: Schema.Array(Schema.Struct({
    itemId: Schema.NullOr(Schema.String),
    locationId: Schema.NullOr(Schema.String),
    category: Schema.NullOr(Schema.String),
    quantity: Schema.NullOr(Decimal),
    value: Decimal
  })),
  total: Decimal
})

/**
 * An item's open cost layers, and the issues not yet covered by a receipt.
 *
 * @since 0.1.0
 */
export const Layers = Schema.Struct({
  layers: Schema.Array(Schema.Struct({
    itemId: Schema.String,
    receiptId: Schema.String,
    receivedAt: Time,
    site: Schema.String,
    lot: Schema.NullOr(Schema.String),
    serial: Schema.NullOr(Schema.String),
    quantity: Decimal,
    value: Decimal,
    unitCost: Decimal
  })),
  shortfalls: Schema.Array(Schema.Struct({
    itemId: Schema.String,
    issueId: Schema.String,
    issuedAt: Time,
    site: Schema.String,
    quantity: Decimal,
    provisional: Decimal
  }))
})

/**
 * Stock on hand by age, per item, in day buckets (the last one open-ended: `toDays` null).
 *
 * @since 0.1.0
 */
export const Aging = Schema.Struct({
  at: Time,
  rows: Schema.Array(Schema.Struct({
    itemId: Schema.String,
    buckets: Schema.Array(Schema.Struct({ fromDays: Count, toDays: Schema.NullOr(Count), quantity: Decimal, value: Decimal })),
    quantity: Decimal,
    value: Decimal
  }))
})

/**
 * The items whose valuation was recomputed, and how many valuation entries changed.
 *
 * @since 0.1.0
 */
export const Refresh = Schema.Struct({ items: Schema.Array(Schema.String), entries: Count })

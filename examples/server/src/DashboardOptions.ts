/**
 * The dashboard's receipt form options for the current tenant: every item with its on hand, the bins stock can
 * be received into, and the supplier locations receipts come from.
 *
 * @since 0.1.0
 */
import { CatalogStore, CurrentActor, type Item, LedgerStore, Location, Quantity, type StoreError, type Stores } from "@quartermaster/core"
import { Effect, Schema } from "effect"

const allItems = (catalog: CatalogStore.CatalogStore["Service"], tenantId: CurrentActor.CurrentActor["Service"]["tenantId"]) =>
  Effect.gen(function*() {
    const out: Array<Item.Item> = []
    for (let afterSku: string | undefined; ;) {
      const page = yield* catalog.listItems(tenantId, { limit: 1000, ...(afterSku === undefined ? {} : { afterSku }) })
      out.push(...page)
      if (page.length < 1000) return out
      afterSku = page[page.length - 1]!.sku
    }
  })

/**
 * What the receipt form needs: every item with its on hand, the bins stock can be received into, and the
 * supplier locations receipts come from.
 *
 * @since 0.1.0
 */
export const Options = Schema.Struct({
  items: Schema.Array(Schema.Struct({
    id: Schema.String,
    sku: Schema.String,
    name: Schema.String,
    unit: Schema.String,
    tracking: Schema.String,
    onHand: Schema.String
  })),
  bins: Schema.Array(Schema.Struct({ id: Schema.String, code: Schema.String, name: Schema.String })),
  suppliers: Schema.Array(Schema.Struct({ id: Schema.String, code: Schema.String, name: Schema.String }))
})
/** @since 0.1.0 */
export type Options = typeof Options.Type

/**
 * The receipt form's options for the current tenant.
 *
 * @since 0.1.0
 */
export const options: Effect.Effect<Options, StoreError.StoreError, Stores.Stores | CurrentActor.CurrentActor> = Effect.gen(function*() {
  const { tenantId } = yield* CurrentActor.CurrentActor
  const catalog = yield* CatalogStore.CatalogStore
  const items = yield* allItems(catalog, tenantId)
  const locations = yield* catalog.listLocations(tenantId)
  const usage = new Map(locations.map((l) => [l.id as string, l.usage]))
  const onHand = new Map<string, bigint>()
  for (const b of yield* (yield* LedgerStore.LedgerStore).balances(tenantId, {})) {
    const u = usage.get(b.locationId)
    if (u !== undefined && Location.isOnHand(u)) onHand.set(b.itemId, (onHand.get(b.itemId) ?? 0n) + b.quantity)
  }
  const pick = (l: Location.Location) => ({ id: l.id as string, code: l.code, name: l.name })
  const result: Options = {
    items: items.map((i) => ({
      id: i.id,
      sku: i.sku,
      name: i.name,
      unit: i.baseUnit.code,
      tracking: i.tracking,
      onHand: Quantity.formatUnits(onHand.get(i.id) ?? 0n, i.baseUnit.decimals)
    })),
    bins: locations.filter((l) => !l.archived && Location.isOnHand(l.usage) && (l.kind === "bin" || !locations.some((c) => c.parentId === l.id))).map(pick)
      .sort((a, b) => a.code.localeCompare(b.code)),
    suppliers: locations.filter((l) => !l.archived && l.usage === "supplier").map(pick)
  }
  return result
})

/**
 * The open-orders port: quantities on order from suppliers (or production) that have not been received yet,
 * and customer demand that is backordered, which reorder suggestions need for the inventory position.
 *
 * Procurement is a later module. Until it provides this port, the default reports nothing on order and
 * nothing backordered, so suggestions see on hand − reserved only. The port is a `Context.Reference`: code
 * that reads it needs no layer, and an application that tracks purchase orders provides its own with
 * `Layer.succeed(OpenOrders.OpenOrders, …)` (or {@link layerFixed} in tests).
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import type { ItemId, LocationId, TenantId } from "./Ids.ts"
import type { StoreError } from "./StoreError.ts"

/**
 * Open quantities of one item at one receiving location, in smallest base units. `locationId` is null for
 * quantities not tied to a location: they count for the item as a whole only.
 *
 * @since 0.1.0
 */
export interface OpenQuantity {
  readonly itemId: ItemId
  readonly locationId: LocationId | null
  /** Ordered and not yet received. */
  readonly onOrder: bigint
  /** Demanded by customers, not reserved and not yet shipped. */
  readonly backordered: bigint
}

/**
 * What the port can do.
 *
 * @since 0.1.0
 */
export interface Service {
  /** Open quantities of the given items, in any number of rows per item (they are summed). */
  readonly openQuantities: (tenantId: TenantId, itemIds: ReadonlyArray<ItemId>) => Effect.Effect<ReadonlyArray<OpenQuantity>, StoreError>
}

/**
 * Reports nothing on order and nothing backordered.
 *
 * @since 0.1.0
 */
export const none: Service = { openQuantities: () => Effect.succeed([]) }

/**
 * The open-orders port, with {@link none} as its default.
 *
 * @since 0.1.0
 */
export const OpenOrders: Context.Reference<Service> = Context.Reference<Service>("@quartermaster/core/OpenOrders", {
  defaultValue: () => none
})

/**
 * The default, stated explicitly: nothing on order, nothing backordered.
 *
 * @since 0.1.0
 */
export const layerNone: Layer.Layer<never> = Layer.succeed(OpenOrders, none)

/**
 * Fixed rows for every tenant, for tests and demos.
 *
 * @since 0.1.0
 */
export const layerFixed = (rows: ReadonlyArray<OpenQuantity>): Layer.Layer<never> =>
  Layer.succeed(OpenOrders, {
    openQuantities: (_tenantId, itemIds) => {
      const wanted = new Set<string>(itemIds)
      return Effect.succeed(rows.filter((r) => wanted.has(r.itemId)))
    }
  })

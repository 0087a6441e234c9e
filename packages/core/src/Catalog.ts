/**
 * Catalog commands and queries for items.
 *
 * Every command validates its input with Schema, runs in a unit of work and appends its domain event there.
 *
 * @since 0.1.0
 */
import { BigDecimal, DateTime, Effect, Option, type Result } from "effect"
import { CatalogStore, type ItemFilter } from "./CatalogStore.ts"
import { type DuplicateGtin, type DuplicateSku, InvalidItem, UnknownItem } from "./CatalogError.ts"
import { CurrentActor } from "./CurrentActor.ts"
import { emit, type EventLog } from "./EventLog.ts"
import * as Gtin from "./Gtin.ts"
import { IdGenerator } from "./IdGenerator.ts"
import type { ItemId } from "./Ids.ts"
import { decode, type InvalidInput } from "./InputError.ts"
import * as Item from "./Item.ts"
import * as Quantity from "./Quantity.ts"
import type { ConcurrentModification, StoreError } from "./StoreError.ts"
import * as UnitOfMeasure from "./UnitOfMeasure.ts"
import { transaction, type UnitOfWork } from "./UnitOfWork.ts"

/** The services catalog commands need. @since 0.1.0 */
export type Env = CatalogStore | UnitOfWork | EventLog | CurrentActor | IdGenerator

const lift = <A, E>(result: Result.Result<A, E>): Effect.Effect<A, E> => Effect.fromResult(result)

const conversionsOf = (
  base: UnitOfMeasure.BaseUnit,
  input: ReadonlyArray<{ readonly code: string; readonly factor: Quantity.Input }>
): Effect.Effect<Array<UnitOfMeasure.Conversion>, InvalidItem | Quantity.InvalidQuantity> =>
  Effect.forEach(input, (c, i) =>
    Effect.gen(function*() {
      const field = `conversions[${i}]`
      const factor = yield* lift(Quantity.parse(c.factor, `${field}.factor`))
      if (!BigDecimal.isPositive(factor)) return yield* new InvalidItem({ field: `${field}.factor`, reason: "must be positive" })
      if (c.code === base.code) return yield* new InvalidItem({ field: `${field}.code`, reason: "repeats the base unit" })
      if (input.findIndex((o) => o.code === c.code) !== i) {
        return yield* new InvalidItem({ field: `${field}.code`, reason: `unit ${c.code} is defined twice` })
      }
      return new UnitOfMeasure.Conversion({ code: c.code, factor: BigDecimal.normalize(factor) })
    }))

const gtinsOf = (input: ReadonlyArray<string>): Effect.Effect<Array<Gtin.Gtin>, Gtin.InvalidGtin> =>
  Effect.map(Effect.forEach(input, (g) => lift(Gtin.parse(g))), (gtins) => [...new Set(gtins)])

const reorderOf = (
  base: UnitOfMeasure.BaseUnit,
  input: Item.ReorderPolicyInput | undefined
): Effect.Effect<Item.ReorderPolicy, Quantity.InvalidQuantity> =>
  Effect.gen(function*() {
    const out: { -readonly [K in keyof Item.ReorderPolicy]: Item.ReorderPolicy[K] } = { kind: input?.kind ?? "none" }
    if (input === undefined) return out
    for (const key of ["reorderPoint", "orderQuantity", "min", "max", "packSize", "minimumOrderQuantity"] as const) {
      const raw = input[key]
      if (raw === undefined) continue
      const field = `reorder.${key}`
      const units = yield* lift(Quantity.parseUnits(raw, base.decimals, field))
      if (units < 0n) return yield* new Quantity.InvalidQuantity({ field, input: String(raw), reason: "must not be negative" })
      out[key] = Quantity.fromUnits(units, base.decimals)
    }
    if (input.reviewPeriodDays !== undefined) out.reviewPeriodDays = input.reviewPeriodDays
    if (input.leadTimeDays !== undefined) out.leadTimeDays = input.leadTimeDays
    return out
  })

/**
 * Errors of {@link createItem}.
 *
 * @since 0.1.0
 */
export type CreateItemError =
  | InvalidInput
  | InvalidItem
  | Quantity.InvalidQuantity
  | Gtin.InvalidGtin
  | DuplicateSku
  | DuplicateGtin
  | StoreError

/**
 * Creates an item. The SKU must be unique in the tenant, and every GTIN valid and not used by another item.
 *
 * @since 0.1.0
 */
export const createItem = (input: Item.NewItem): Effect.Effect<Item.Item, CreateItemError, Env> =>
  Effect.gen(function*() {
    const fields = yield* decode("createItem", Item.NewItem)(input)
    const actor = yield* CurrentActor
    const id = fields.id ?? ((yield* (yield* IdGenerator).next) as ItemId)
    const baseUnit = new UnitOfMeasure.BaseUnit({ code: fields.baseUnit.code, decimals: fields.baseUnit.decimals ?? 0 })
    const now = yield* DateTime.now
    const item: Item.Item = {
      id,
      tenantId: actor.tenantId,
      sku: fields.sku,
      name: fields.name,
      description: fields.description ?? "",
      baseUnit,
      conversions: yield* conversionsOf(baseUnit, fields.conversions ?? []),
      tracking: fields.tracking ?? "none",
      shelfLifeDays: fields.shelfLifeDays ?? null,
      valuationMethod: fields.valuationMethod ?? "fifo",
      reorder: yield* reorderOf(baseUnit, fields.reorder),
      gtins: yield* gtinsOf(fields.gtins ?? []),
      category: Item.categoryPath(fields.category ?? []),
      attributes: fields.attributes ?? {},
      status: fields.status ?? "active",
      allowNegativeStock: fields.allowNegativeStock ?? false,
      version: 1,
      createdAt: now,
      updatedAt: now
    }
    return yield* transaction(Effect.gen(function*() {
      yield* (yield* CatalogStore).insertItem(item)
      yield* emit([{ event: { _tag: "ItemCreated", item }, entities: [{ type: "item", id: item.id }] }])
      return item
    }))
  })

/**
 * Errors of {@link updateItem}.
 *
 * @since 0.1.0
 */
export type UpdateItemError =
  | InvalidInput
  | InvalidItem
  | Quantity.InvalidQuantity
  | Gtin.InvalidGtin
  | DuplicateGtin
  | UnknownItem
  | ConcurrentModification
  | StoreError

/**
 * Changes an item. The SKU, base unit and tracking are fixed; everything else may change.
 *
 * @since 0.1.0
 */
export const updateItem = (
  itemId: string,
  changes: Item.ItemChanges
): Effect.Effect<Item.Item, UpdateItemError, Env> =>
  Effect.gen(function*() {
    const fields = yield* decode("updateItem", Item.ItemChanges)(changes)
    return yield* transaction(Effect.gen(function*() {
      const before = yield* getItem(itemId)
      const next: { -readonly [K in keyof Item.Item]: Item.Item[K] } = { ...before }
      const changed: Array<string> = []
      const set = <K extends keyof Item.Item>(key: K, value: Item.Item[K]) => {
        next[key] = value
        changed.push(key)
      }
      if (fields.name !== undefined) set("name", fields.name)
      if (fields.description !== undefined) set("description", fields.description)
      if (fields.conversions !== undefined) set("conversions", yield* conversionsOf(before.baseUnit, fields.conversions))
      if (fields.shelfLifeDays !== undefined) set("shelfLifeDays", fields.shelfLifeDays)
      if (fields.valuationMethod !== undefined) set("valuationMethod", fields.valuationMethod)
      if (fields.reorder !== undefined) set("reorder", yield* reorderOf(before.baseUnit, fields.reorder))
      if (fields.gtins !== undefined) set("gtins", yield* gtinsOf(fields.gtins))
      if (fields.category !== undefined) set("category", Item.categoryPath(fields.category))
      if (fields.attributes !== undefined) set("attributes", fields.attributes)
      if (fields.status !== undefined) set("status", fields.status)
      if (fields.allowNegativeStock !== undefined) set("allowNegativeStock", fields.allowNegativeStock)
      if (changed.length === 0) return before
      next.version = before.version + 1
      next.updatedAt = yield* DateTime.now
      yield* (yield* CatalogStore).updateItem(next)
      yield* emit([{ event: { _tag: "ItemUpdated", item: next, changed }, entities: [{ type: "item", id: next.id }] }])
      return next as Item.Item
    }))
  })

/**
 * An item by id.
 *
 * @since 0.1.0
 */
export const getItem = (itemId: string): Effect.Effect<Item.Item, UnknownItem | StoreError, CatalogStore | CurrentActor> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const items = yield* (yield* CatalogStore).getItems(actor.tenantId, [itemId as ItemId])
    const item = items.get(itemId as ItemId)
    if (item === undefined) return yield* new UnknownItem({ itemId })
    return item
  })

/**
 * An item by SKU.
 *
 * @since 0.1.0
 */
export const findBySku = (sku: string): Effect.Effect<Item.Item, UnknownItem | StoreError, CatalogStore | CurrentActor> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const item = yield* (yield* CatalogStore).findItemBySku(actor.tenantId, sku)
    return yield* Option.match(item, {
      onNone: () => Effect.fail(new UnknownItem({ itemId: `sku:${sku}` })),
      onSome: Effect.succeed
    })
  })

/**
 * An item by any of its GTINs, in any of the GTIN lengths.
 *
 * @since 0.1.0
 */
export const findByGtin = (
  gtin: string
): Effect.Effect<Item.Item, Gtin.InvalidGtin | UnknownItem | StoreError, CatalogStore | CurrentActor> =>
  Effect.gen(function*() {
    const canonical = yield* lift(Gtin.parse(gtin))
    const actor = yield* CurrentActor
    const item = yield* (yield* CatalogStore).findItemByGtin(actor.tenantId, canonical)
    return yield* Option.match(item, {
      onNone: () => Effect.fail(new UnknownItem({ itemId: `gtin:${canonical}` })),
      onSome: Effect.succeed
    })
  })

/**
 * Items ordered by SKU, a page at a time (pass the last SKU as `afterSku`).
 *
 * @since 0.1.0
 */
export const listItems = (
  filter: Partial<ItemFilter> = {}
): Effect.Effect<ReadonlyArray<Item.Item>, StoreError, CatalogStore | CurrentActor> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    return yield* (yield* CatalogStore).listItems(actor.tenantId, { ...filter, limit: Math.min(Math.max(filter.limit ?? 100, 1), 10_000) })
  })

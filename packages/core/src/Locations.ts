/**
 * Location tree commands and queries: create, re-parent (checked for cycles and kind nesting), archive.
 *
 * @since 0.1.0
 */
import { DateTime, Effect, Option } from "effect"
import { CatalogStore } from "./CatalogStore.ts"
import {
  type DuplicateLocationCode,
  InvalidHierarchy,
  LocationArchived,
  LocationNotEmpty,
  UnknownLocation
} from "./CatalogError.ts"
import { CurrentActor } from "./CurrentActor.ts"
import { emit, type EventLog } from "./EventLog.ts"
import { IdGenerator } from "./IdGenerator.ts"
import type { LocationId } from "./Ids.ts"
import { decode, type InvalidInput } from "./InputError.ts"
import { LedgerStore } from "./LedgerStore.ts"
import { holdsStock, kindRank, type Location, type LocationKind, NewLocation } from "./Location.ts"
import type { ConcurrentModification, StoreError } from "./StoreError.ts"
import { transaction, type UnitOfWork } from "./UnitOfWork.ts"

/** The services location commands need. @since 0.1.0 */
export type Env = CatalogStore | UnitOfWork | EventLog | CurrentActor | IdGenerator

const nests = (child: LocationKind, parent: Location, childId: string): Effect.Effect<void, InvalidHierarchy | LocationArchived> => {
  if (parent.archived) return Effect.fail(new LocationArchived({ locationId: parent.id }))
  if (kindRank[child] <= kindRank[parent.kind]) {
    return Effect.fail(new InvalidHierarchy({ locationId: childId, parentId: parent.id, reason: `a ${child} cannot sit inside a ${parent.kind}` }))
  }
  return Effect.void
}

/**
 * A location by id.
 *
 * @since 0.1.0
 */
export const get = (id: string): Effect.Effect<Location, UnknownLocation | StoreError, CatalogStore | CurrentActor> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const found = (yield* (yield* CatalogStore).getLocations(actor.tenantId, [id as LocationId])).get(id as LocationId)
    if (found === undefined) return yield* new UnknownLocation({ locationId: id })
    return found
  })

/**
 * A location by its code.
 *
 * @since 0.1.0
 */
export const byCode = (code: string): Effect.Effect<Location, UnknownLocation | StoreError, CatalogStore | CurrentActor> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const found = yield* (yield* CatalogStore).findLocationByCode(actor.tenantId, code)
    return yield* Option.match(found, {
      onNone: () => Effect.fail(new UnknownLocation({ locationId: `code:${code}` })),
      onSome: Effect.succeed
    })
  })

/**
 * Every location of the tenant.
 *
 * @since 0.1.0
 */
export const list: Effect.Effect<ReadonlyArray<Location>, StoreError, CatalogStore | CurrentActor> = Effect.gen(function*() {
  const actor = yield* CurrentActor
  return yield* (yield* CatalogStore).listLocations(actor.tenantId)
})

/**
 * The ids of a location and all its descendants.
 *
 * @since 0.1.0
 */
export const subtree = (id: string): Effect.Effect<ReadonlyArray<LocationId>, UnknownLocation | StoreError, CatalogStore | CurrentActor> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const ids = yield* (yield* CatalogStore).subtree(actor.tenantId, id as LocationId)
    if (ids.length === 0) return yield* new UnknownLocation({ locationId: id })
    return ids
  })

/**
 * Creates a location, under a parent or as a root. Usage defaults to the parent's, or `internal` for a root.
 *
 * @since 0.1.0
 */
export const create = (
  input: NewLocation
): Effect.Effect<Location, InvalidInput | UnknownLocation | InvalidHierarchy | LocationArchived | DuplicateLocationCode | StoreError, Env> =>
  Effect.gen(function*() {
    const fields = yield* decode("createLocation", NewLocation)(input)
    const actor = yield* CurrentActor
    const id = fields.id ?? ((yield* (yield* IdGenerator).next) as LocationId)
    return yield* transaction(Effect.gen(function*() {
      const parent = fields.parentId === undefined || fields.parentId === null ? undefined : yield* get(fields.parentId)
      if (parent !== undefined) yield* nests(fields.kind, parent, id)
      const now = yield* DateTime.now
      const location: Location = {
        id,
        tenantId: actor.tenantId,
        code: fields.code,
        name: fields.name ?? fields.code,
        kind: fields.kind,
        usage: fields.usage ?? parent?.usage ?? "internal",
        parentId: parent?.id ?? null,
        path: parent === undefined ? [] : [...parent.path, parent.id],
        allowNegativeStock: fields.allowNegativeStock ?? false,
        archived: false,
        version: 1,
        createdAt: now,
        updatedAt: now
      }
      yield* (yield* CatalogStore).insertLocation(location)
      yield* emit([{ event: { _tag: "LocationCreated", location }, entities: [{ type: "location", id }] }])
      return location
    }))
  })

/**
 * Moves a location (with its subtree) under another parent, or to the root with `null`. A location cannot
 * move into its own subtree.
 *
 * @since 0.1.0
 */
export const move = (
  id: string,
  parentId: string | null
): Effect.Effect<Location, UnknownLocation | InvalidHierarchy | LocationArchived | ConcurrentModification | StoreError, Env> =>
  transaction(Effect.gen(function*() {
    const location = yield* get(id)
    const parent = parentId === null ? undefined : yield* get(parentId)
    if ((parent?.id ?? null) === location.parentId) return location
    if (parent !== undefined) {
      if (parent.id === location.id || parent.path.includes(location.id)) {
        return yield* new InvalidHierarchy({ locationId: id, parentId: parent.id, reason: "it would be its own ancestor" })
      }
      yield* nests(location.kind, parent, id)
    }
    const store = yield* CatalogStore
    const now = yield* DateTime.now
    const prefix = parent === undefined ? [] : [...parent.path, parent.id]
    const ids = yield* store.subtree(location.tenantId, location.id)
    const members = yield* store.getLocations(location.tenantId, ids)
    const updated: Array<Location> = []
    for (const member of members.values()) {
      // Everything from the moved location down keeps its path below it; what was above is replaced.
      const below = member.id === location.id ? [] : member.path.slice(member.path.indexOf(location.id))
      updated.push({
        ...member,
        parentId: member.id === location.id ? (parent?.id ?? null) : member.parentId,
        path: [...prefix, ...below],
        version: member.version + 1,
        updatedAt: now
      })
    }
    yield* store.updateLocations(updated)
    yield* emit([{
      event: { _tag: "LocationMoved", locationId: location.id, fromParentId: location.parentId, toParentId: parent?.id ?? null },
      entities: [{ type: "location", id: location.id }]
    }])
    return updated.find((l) => l.id === location.id)!
  }))

/**
 * Archives a location. It must hold no stock and have no open children; afterwards it accepts nothing.
 *
 * @since 0.1.0
 */
export const archive = (
  id: string
): Effect.Effect<Location, UnknownLocation | LocationNotEmpty | ConcurrentModification | StoreError, Env | LedgerStore> =>
  transaction(Effect.gen(function*() {
    const location = yield* get(id)
    if (location.archived) return location
    const store = yield* CatalogStore
    // Write first: the row lock it takes waits for postings that hold the location, and holds off new ones,
    // so the emptiness checks below see every movement into it. A failed check rolls the write back.
    const next: Location = { ...location, archived: true, version: location.version + 1, updatedAt: yield* DateTime.now }
    yield* store.updateLocations([next])
    const ids = yield* store.subtree(location.tenantId, location.id)
    const members = yield* store.getLocations(location.tenantId, ids)
    if ([...members.values()].some((m) => m.id !== location.id && !m.archived)) {
      return yield* new LocationNotEmpty({ locationId: id, reason: "it has children that are not archived" })
    }
    // Virtual locations (supplier, customer, …) carry the other side of every movement and never empty.
    const stock = holdsStock(location.usage) ? yield* (yield* LedgerStore).balances(location.tenantId, { locationIds: [location.id] }) : []
    if (stock.length > 0) {
      return yield* new LocationNotEmpty({ locationId: id, reason: `it still holds stock of ${stock.length} item/lot rows` })
    }
    yield* emit([{ event: { _tag: "LocationArchived", locationId: location.id }, entities: [{ type: "location", id: location.id }] }])
    return next
  }))

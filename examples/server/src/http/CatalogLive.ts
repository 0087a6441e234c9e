/**
 * Handlers of the catalog group.
 *
 * @since 0.1.0
 */
import { Catalog, Location, Locations } from "@quartermaster/core"
import { Effect, Schema } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "../Api.ts"
import * as Problem from "../Problem.ts"
import type { LocationNode } from "./CatalogGroup.ts"

// Tree nodes carry encoded locations, so the recursive schema needs no transformation.
const encodeLocation = Schema.encodeSync(Location.Location)

const tree = (locations: ReadonlyArray<Location.Location>): Array<LocationNode> => {
  const children = new Map<string | null, Array<Location.Location>>()
  for (const location of locations) {
    const siblings = children.get(location.parentId) ?? []
    siblings.push(location)
    children.set(location.parentId, siblings)
  }
  const build = (parentId: string | null): Array<LocationNode> =>
    (children.get(parentId) ?? [])
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map((location) => ({ location: encodeLocation(location) as LocationNode["location"], children: build(location.id) }))
  return build(null)
}

/**
 * The catalog handlers.
 *
 * @since 0.1.0
 */
export const CatalogLive = HttpApiBuilder.group(Api, "catalog", (handlers) =>
  handlers.handleAll({
    listItems: ({ query }) =>
      Effect.gen(function*() {
        const limit = query.limit ?? 100
        const items = yield* Catalog.listItems({
          limit: limit + 1,
          ...(query.cursor === undefined ? {} : { afterSku: query.cursor }),
          ...(query.status === undefined ? {} : { status: query.status }),
          ...(query.category === undefined ? {} : { categoryPrefix: query.category.split("/").filter((s) => s !== "") })
        })
        const page = items.slice(0, limit)
        return { items: page, nextCursor: items.length > limit ? page[page.length - 1]!.sku : null }
      }).pipe(Problem.mapErrors),
    getItem: ({ params }) => Catalog.getItem(params.itemId).pipe(Problem.mapErrors),
    createItem: ({ payload }) => Catalog.createItem(payload).pipe(Problem.mapErrors),
    updateItem: ({ params, payload }) => Catalog.updateItem(params.itemId, payload).pipe(Problem.mapErrors),
    archiveItem: ({ params }) => Catalog.updateItem(params.itemId, { status: "discontinued" }).pipe(Problem.mapErrors),
    listLocations: () => Locations.list.pipe(Problem.mapErrors),
    locationTree: () => Locations.list.pipe(Effect.map(tree), Problem.mapErrors),
    getLocation: ({ params }) => Locations.get(params.locationId).pipe(Problem.mapErrors),
    createLocation: ({ payload }) => Locations.create(payload).pipe(Problem.mapErrors),
    moveLocation: ({ params, payload }) => Locations.move(params.locationId, payload.parentId).pipe(Problem.mapErrors),
    archiveLocation: ({ params }) => Locations.archive(params.locationId).pipe(Problem.mapErrors)
  }))

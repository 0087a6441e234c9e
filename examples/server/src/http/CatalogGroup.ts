/**
 * The catalog routes: items (create, read, list, change, archive) and locations (the tree, create, move,
 * archive).
 *
 * @since 0.1.0
 */
import { Item, Location } from "@quartermaster/core"
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "effect/http-api"
import * as Auth from "../Auth.ts"
import * as Problem from "../Problem.ts"

const ItemsPage = Schema.Struct({ items: Schema.Array(Item.Item), nextCursor: Schema.NullOr(Schema.String) })

/**
 * A location with its children, for the tree view.
 *
 * @since 0.1.0
 */
export interface LocationNode {
  readonly location: typeof Location.Location.Encoded
  readonly children: ReadonlyArray<LocationNode>
}

const LocationNode: Schema.Codec<LocationNode> = Schema.Struct({
  location: Schema.toEncoded(Location.Location),
  children: Schema.Array(Schema.suspend((): Schema.Codec<LocationNode> => LocationNode))
})

/**
 * The catalog group.
 *
 * @since 0.1.0
 */
export class CatalogGroup extends HttpApiGroup.make("catalog")
  .add(
    HttpApiEndpoint.get("listItems", "/items", {
      query: {
        cursor: Schema.optional(Schema.String),
        limit: Schema.optional(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 1000 })))),
        status: Schema.optional(Item.ItemStatus),
        category: Schema.optional(Schema.String)
      },
      success: ItemsPage,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("getItem", "/items/:itemId", {
      params: { itemId: Schema.String },
      success: Item.Item,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.post("createItem", "/items", {
      payload: Schema.toEncoded(Item.NewItem),
      success: Item.Item,
      error: Problem.domain
    }).pipe(Auth.requires("catalog:write")),
    HttpApiEndpoint.patch("updateItem", "/items/:itemId", {
      params: { itemId: Schema.String },
      payload: Schema.toEncoded(Item.ItemChanges),
      success: Item.Item,
      error: Problem.domain
    }).pipe(Auth.requires("catalog:write")),
    HttpApiEndpoint.post("archiveItem", "/items/:itemId/archive", {
      params: { itemId: Schema.String },
      success: Item.Item,
      error: Problem.domain
    }).pipe(Auth.requires("catalog:write")),
    HttpApiEndpoint.get("listLocations", "/locations", {
      success: Schema.Array(Location.Location),
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("locationTree", "/locations/tree", {
      success: Schema.Array(LocationNode),
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.get("getLocation", "/locations/:locationId", {
      params: { locationId: Schema.String },
      success: Location.Location,
      error: Problem.domain
    }).pipe(Auth.requires("read")),
    HttpApiEndpoint.post("createLocation", "/locations", {
      payload: Schema.toEncoded(Location.NewLocation),
      success: Location.Location,
      error: Problem.domain
    }).pipe(Auth.requires("catalog:write")),
    HttpApiEndpoint.post("moveLocation", "/locations/:locationId/move", {
      params: { locationId: Schema.String },
      payload: Schema.Struct({ parentId: Schema.NullOr(Schema.String) }),
      success: Location.Location,
      error: Problem.domain
    }).pipe(Auth.requires("catalog:write")),
    HttpApiEndpoint.post("archiveLocation", "/locations/:locationId/archive", {
      params: { locationId: Schema.String },
      success: Location.Location,
      error: Problem.domain
    }).pipe(Auth.requires("catalog:write"))
  )
  .middleware(Auth.Authorization)
  .prefix("/api/v1")
  .annotateMerge(OpenApi.annotations({ title: "Catalog", description: "Items and locations" }))
{}

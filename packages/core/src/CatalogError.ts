/**
 * Errors of the catalog: items and locations.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** No item with this id (or SKU, or GTIN) exists for the tenant. @since 0.1.0 */
export class UnknownItem extends Schema.TaggedError<UnknownItem>()("UnknownItem", {
  itemId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `unknown item ${JSON.stringify(this.itemId)}`
  }
}

/** Another item of the tenant already has this SKU. @since 0.1.0 */
export class DuplicateSku extends Schema.TaggedError<DuplicateSku>()("DuplicateSku", {
  sku: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `SKU ${JSON.stringify(this.sku)} is already used by another item`
  }
}

/** Another item of the tenant already carries this GTIN. @since 0.1.0 */
export class DuplicateGtin extends Schema.TaggedError<DuplicateGtin>()("DuplicateGtin", {
  gtin: Schema.String,
  itemId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `GTIN ${this.gtin} already belongs to item ${JSON.stringify(this.itemId)}`
  }
}

/** An item definition is inconsistent, for example a conversion that repeats the base unit. @since 0.1.0 */
export class InvalidItem extends Schema.TaggedError<InvalidItem>()("InvalidItem", {
  field: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.field}: ${this.reason}`
  }
}

/** No location with this id (or code) exists for the tenant. @since 0.1.0 */
export class UnknownLocation extends Schema.TaggedError<UnknownLocation>()("UnknownLocation", {
  locationId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `unknown location ${JSON.stringify(this.locationId)}`
  }
}

/** Another location of the tenant already has this code. @since 0.1.0 */
export class DuplicateLocationCode extends Schema.TaggedError<DuplicateLocationCode>()("DuplicateLocationCode", {
  code: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `location code ${JSON.stringify(this.code)} is already used`
  }
}

/** The location tree would not be a tree, or would nest kinds the wrong way round. @since 0.1.0 */
export class InvalidHierarchy extends Schema.TaggedError<InvalidHierarchy>()("InvalidHierarchy", {
  locationId: Schema.String,
  parentId: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `location ${JSON.stringify(this.locationId)} cannot go under ${JSON.stringify(this.parentId)}: ${this.reason}`
  }
}

/** The location is archived and accepts nothing. @since 0.1.0 */
export class LocationArchived extends Schema.TaggedError<LocationArchived>()("LocationArchived", {
  locationId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `location ${JSON.stringify(this.locationId)} is archived and accepts nothing`
  }
}

/** The location cannot be archived while it (or its subtree) holds stock or open children. @since 0.1.0 */
export class LocationNotEmpty extends Schema.TaggedError<LocationNotEmpty>()("LocationNotEmpty", {
  locationId: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `location ${JSON.stringify(this.locationId)} cannot be archived: ${this.reason}`
  }
}

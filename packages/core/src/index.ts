/**
 * `@quartermaster/core`: the pure domain of Quartermaster.
 *
 * @since 0.1.0
 */

/**
 * Exact decimal quantities and amounts.
 *
 * @since 0.1.0
 */
export * as Quantity from "./Quantity.ts"

/**
 * Units of measure and exact conversions to an item's base unit.
 *
 * @since 0.1.0
 */
export * as UnitOfMeasure from "./UnitOfMeasure.ts"

/**
 * GS1 GTINs with check-digit validation.
 *
 * @since 0.1.0
 */
export * as Gtin from "./Gtin.ts"

/**
 * `@quartermaster/storage-pglite`: every core store on embedded PGlite.
 *
 * @since 0.1.0
 */

/** Every store on PGlite: the layer to provide. @since 0.1.0 */
export * as PgliteStores from "./PgliteStores.ts"

/** The effect `SqlClient` driver for PGlite. @since 0.1.0 */
export * as PgliteClient from "./PgliteClient.ts"

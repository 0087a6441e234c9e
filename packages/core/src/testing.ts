/**
 * `@quartermaster/core/testing`: the contract suite every storage adapter runs, and its fixtures.
 *
 * @since 0.1.0
 */

/** The store contract suite. @since 0.1.0 */
export * as Contract from "./testing/Contract.ts"

/** Assertions that fail as effects. @since 0.1.0 */
export * as Assert from "./testing/Assert.ts"

/** Fresh tenants, a manual clock and the standard world. @since 0.1.0 */
export * as Fixtures from "./testing/Fixtures.ts"

/** Declaring contract cases. @since 0.1.0 */
export * as Case from "./testing/Case.ts"

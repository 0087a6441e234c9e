/**
 * A contract case: a named effect that needs only the stores, so any adapter can run it under any runner.
 *
 * @since 0.1.0
 */
import { type CurrentActor, type IdGenerator, type Stores } from "@quartermaster/core"
import { Effect } from "effect"
import { asFreshTenant, type ManualClock } from "./Fixtures.ts"

/**
 * One contract case.
 *
 * @since 0.1.0
 */
export interface Case {
  readonly suite: string
  readonly name: string
  readonly run: Effect.Effect<void, unknown, Stores.Stores>
}

/**
 * Declares cases of a suite; each body runs as a fresh tenant with a manual clock.
 *
 * @since 0.1.0
 */
export const suite = (name: string) =>
(
  caseName: string,
  body: (clock: ManualClock, tenantId: string) => Effect.Effect<unknown, unknown, Stores.Stores | CurrentActor.CurrentActor | IdGenerator.IdGenerator>
): Case => ({ suite: name, name: caseName, run: Effect.asVoid(asFreshTenant(caseName, body)) })

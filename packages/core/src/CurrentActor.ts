/**
 * Who a command runs for: the tenant whose data it touches and the actor recorded in the audit trail.
 *
 * @since 0.1.0
 */
import { Context, Layer } from "effect"
import type { ActorId, TenantId } from "./Ids.ts"

/**
 * The tenant and actor of the current command.
 *
 * @since 0.1.0
 */
export class CurrentActor extends Context.Service<CurrentActor, {
  readonly tenantId: TenantId
  readonly actorId: ActorId
}>()("@quartermaster/core/CurrentActor") {
  /**
   * A fixed tenant and actor.
   *
   * @since 0.1.0
   */
  static readonly layer = (tenantId: string, actorId: string): Layer.Layer<CurrentActor> =>
    Layer.succeed(CurrentActor, { tenantId: tenantId as TenantId, actorId: actorId as ActorId })
}

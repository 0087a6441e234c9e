/**
 * Who a command runs for: the tenant whose data it touches and the actor recorded in the audit trail.
 *
 * @since 0.1.0
 */
import { Context, Layer } from "effect"
import type { ActorId, TenantId } from "./Ids.ts"

/**
 * The roles an actor can hold, from least to most privileged. Approval limits (counts, requisitions) are set per
 * role; an actor without roles is treated as a viewer.
 *
 * @since 0.1.0
 */
export type Role = "viewer" | "operator" | "manager" | "admin"

/**
 * Every role, from least to most privileged.
 *
 * @since 0.1.0
 */
export const roles: ReadonlyArray<Role> = ["viewer", "operator", "manager", "admin"]

/**
 * The tenant and actor of the current command, and the actor's roles.
 *
 * @since 0.1.0
 */
export class CurrentActor extends Context.Service<CurrentActor, {
  readonly tenantId: TenantId
  readonly actorId: ActorId
  readonly roles?: ReadonlyArray<Role>
}>()("@quartermaster/core/CurrentActor") {
  /**
   * A fixed tenant and actor, with optional roles.
   *
   * @since 0.1.0
   */
  static readonly layer = (tenantId: string, actorId: string, actorRoles: ReadonlyArray<Role> = []): Layer.Layer<CurrentActor> =>
    Layer.succeed(CurrentActor, { tenantId: tenantId as TenantId, actorId: actorId as ActorId, roles: actorRoles })
}

/**
 * Identifiers of the core's entities, as branded strings.
 *
 * An id is 1–128 printable characters. Callers may bring their own (an ERP's document number, a UUID) or take
 * one from the {@link IdGenerator} service.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { isPrintable } from "./internal/text.ts"

const idString = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) =>
      (s.length >= 1 && s.length <= 128 && isPrintable(s)) || "1 to 128 printable characters"
    )
  )
)

/** A tenant: every record belongs to one. @since 0.1.0 */
export const TenantId = idString.pipe(Schema.brand("TenantId"))
/** @since 0.1.0 */
export type TenantId = typeof TenantId.Type

/** The person or system on whose behalf a command runs. @since 0.1.0 */
export const ActorId = idString.pipe(Schema.brand("ActorId"))
/** @since 0.1.0 */
export type ActorId = typeof ActorId.Type

/** An item (SKU) of the catalog. @since 0.1.0 */
export const ItemId = idString.pipe(Schema.brand("ItemId"))
/** @since 0.1.0 */
export type ItemId = typeof ItemId.Type

/** A location of the location tree. @since 0.1.0 */
export const LocationId = idString.pipe(Schema.brand("LocationId"))
/** @since 0.1.0 */
export type LocationId = typeof LocationId.Type

/** A stock movement; also its idempotency key. @since 0.1.0 */
export const MovementId = idString.pipe(Schema.brand("MovementId"))
/** @since 0.1.0 */
export type MovementId = typeof MovementId.Type

/** A reservation; also its idempotency key. @since 0.1.0 */
export const ReservationId = idString.pipe(Schema.brand("ReservationId"))
/** @since 0.1.0 */
export type ReservationId = typeof ReservationId.Type

/** An asset of the asset register. @since 0.1.0 */
export const AssetId = idString.pipe(Schema.brand("AssetId"))
/** @since 0.1.0 */
export type AssetId = typeof AssetId.Type

/** A software licence. @since 0.1.0 */
export const LicenceId = idString.pipe(Schema.brand("LicenceId"))
/** @since 0.1.0 */
export type LicenceId = typeof LicenceId.Type

/** A tracked certificate, API key or token (metadata only). @since 0.1.0 */
export const CredentialId = idString.pipe(Schema.brand("CredentialId"))
/** @since 0.1.0 */
export type CredentialId = typeof CredentialId.Type

/** A maintenance plan of an asset. @since 0.1.0 */
export const MaintenancePlanId = idString.pipe(Schema.brand("MaintenancePlanId"))
/** @since 0.1.0 */
export type MaintenancePlanId = typeof MaintenancePlanId.Type

/** A maintenance work order. @since 0.1.0 */
export const WorkOrderId = idString.pipe(Schema.brand("WorkOrderId"))
/** @since 0.1.0 */
export type WorkOrderId = typeof WorkOrderId.Type

/** A domain event. @since 0.1.0 */
export const EventId = idString.pipe(Schema.brand("EventId"))
/** @since 0.1.0 */
export type EventId = typeof EventId.Type

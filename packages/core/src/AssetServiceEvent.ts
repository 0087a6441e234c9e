/**
 * Domain events of the asset services: licences and their seats, credentials, maintenance plans, meter
 * readings and work orders. They are members of `DomainEvent`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Credential } from "./Credential.ts"
import { AssetId, LicenceId, WorkOrderId } from "./Ids.ts"
import { Assignee, Assignment, Licence } from "./Licence.ts"
import { LocalDate } from "./internal/calendar.ts"
import { MaintenancePlan, MeterReading } from "./MaintenancePlan.ts"
import { Part, Status, WorkOrder } from "./WorkOrder.ts"

/** A licence was created. @since 0.1.0 */
export const LicenceCreated = Schema.TaggedStruct("LicenceCreated", { licence: Licence })
/** A licence was changed; `changed` names the fields. @since 0.1.0 */
export const LicenceUpdated = Schema.TaggedStruct("LicenceUpdated", { licence: Licence, changed: Schema.Array(Schema.String) })
/** A licence was renewed to a new expiry. @since 0.1.0 */
export const LicenceRenewed = Schema.TaggedStruct("LicenceRenewed", { licence: Licence, previousExpiresOn: Schema.NullOr(LocalDate) })
/** A seat was assigned; `assigned` counts the seats now held (it may exceed `seats` where not enforced). @since 0.1.0 */
export const LicenceSeatAssigned = Schema.TaggedStruct("LicenceSeatAssigned", { assignment: Assignment, assigned: Schema.Int, seats: Schema.Int })
/** A seat was freed. @since 0.1.0 */
export const LicenceSeatUnassigned = Schema.TaggedStruct("LicenceSeatUnassigned", { licenceId: LicenceId, assignee: Assignee })
/** A credential's metadata was registered. @since 0.1.0 */
export const CredentialRegistered = Schema.TaggedStruct("CredentialRegistered", { credential: Credential })
/** A credential's metadata changed; `changed` names the fields. @since 0.1.0 */
export const CredentialUpdated = Schema.TaggedStruct("CredentialUpdated", { credential: Credential, changed: Schema.Array(Schema.String) })
/** A credential was revoked. @since 0.1.0 */
export const CredentialRevoked = Schema.TaggedStruct("CredentialRevoked", { credential: Credential })
/** A maintenance plan was created. @since 0.1.0 */
export const MaintenancePlanCreated = Schema.TaggedStruct("MaintenancePlanCreated", { plan: MaintenancePlan })
/** A plan changed: turned on or off, or restarted by the completed work order `workOrderId`. @since 0.1.0 */
export const MaintenancePlanUpdated = Schema.TaggedStruct("MaintenancePlanUpdated", { plan: MaintenancePlan, workOrderId: Schema.NullOr(WorkOrderId) })
/** A meter reading was recorded. @since 0.1.0 */
export const MeterReadingRecorded = Schema.TaggedStruct("MeterReadingRecorded", { reading: MeterReading })
/** A work order was opened. @since 0.1.0 */
export const WorkOrderOpened = Schema.TaggedStruct("WorkOrderOpened", { workOrder: WorkOrder })
/** A work order moved from status `from` to its current status. @since 0.1.0 */
export const WorkOrderStatusChanged = Schema.TaggedStruct("WorkOrderStatusChanged", { workOrder: WorkOrder, from: Status })
/** Parts were consumed on a work order (the stock issue is its own `MovementsPosted` event). @since 0.1.0 */
export const WorkOrderPartsConsumed = Schema.TaggedStruct("WorkOrderPartsConsumed", { workOrderId: WorkOrderId, assetId: AssetId, parts: Schema.Array(Part) })

/**
 * Every asset-service event.
 *
 * @since 0.1.0
 */
export const events = [
  LicenceCreated,
  LicenceUpdated,
  LicenceRenewed,
  LicenceSeatAssigned,
  LicenceSeatUnassigned,
  CredentialRegistered,
  CredentialUpdated,
  CredentialRevoked,
  MaintenancePlanCreated,
  MaintenancePlanUpdated,
  MeterReadingRecorded,
  WorkOrderOpened,
  WorkOrderStatusChanged,
  WorkOrderPartsConsumed
] as const

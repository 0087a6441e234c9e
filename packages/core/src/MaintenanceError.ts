/**
 * Errors of maintenance: unknown plans and work orders, transitions the work-order state machine refuses,
 * parts sent anywhere but a consumption location, and meter readings that go backwards.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** No maintenance plan with this id exists for the tenant. @since 0.1.0 */
export class UnknownMaintenancePlan extends Schema.TaggedError<UnknownMaintenancePlan>()("UnknownMaintenancePlan", {
  planId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `unknown maintenance plan ${JSON.stringify(this.planId)}`
  }
}

/** No work order with this id exists for the tenant. @since 0.1.0 */
export class UnknownWorkOrder extends Schema.TaggedError<UnknownWorkOrder>()("UnknownWorkOrder", {
  workOrderId: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `unknown work order ${JSON.stringify(this.workOrderId)}`
  }
}

/** A plan or work order with this id already exists. @since 0.1.0 */
export class DuplicateMaintenanceRecord extends Schema.TaggedError<DuplicateMaintenanceRecord>()("DuplicateMaintenanceRecord", {
  entity: Schema.String,
  id: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.entity} ${JSON.stringify(this.id)} already exists`
  }
}

/** The work order's status does not allow the action. @since 0.1.0 */
export class InvalidWorkOrderTransition extends Schema.TaggedError<InvalidWorkOrderTransition>()("InvalidWorkOrderTransition", {
  workOrderId: Schema.String,
  from: Schema.String,
  action: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `work order ${JSON.stringify(this.workOrderId)} is ${this.from} and cannot ${this.action}`
  }
}

/** Parts must go to a consumption location (usage `loss` or `production`). @since 0.1.0 */
export class NotAConsumptionLocation extends Schema.TaggedError<NotAConsumptionLocation>()("NotAConsumptionLocation", {
  field: Schema.String,
  locationId: Schema.String,
  usage: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.field}: parts are consumed into a loss or production location, and ${JSON.stringify(this.locationId)} is ${this.usage}`
  }
}

/** A meter reading below the last one recorded for the asset's meter. @since 0.1.0 */
export class MeterWentBackwards extends Schema.TaggedError<MeterWentBackwards>()("MeterWentBackwards", {
  assetId: Schema.String,
  meter: Schema.String,
  last: Schema.String,
  reading: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `meter ${JSON.stringify(this.meter)} of asset ${JSON.stringify(this.assetId)} reads ${this.last}; ${this.reading} would go backwards`
  }
}

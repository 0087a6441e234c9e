/**
 * All store ports together, and the in-memory layer that provides them over one unit of work.
 *
 * @since 0.1.0
 */
import { Layer } from "effect"
import { AssetStore } from "./AssetStore.ts"
import { CatalogStore } from "./CatalogStore.ts"
import { CountStore } from "./CountStore.ts"
import { CredentialStore } from "./CredentialStore.ts"
import { EventLog } from "./EventLog.ts"
import { LedgerStore } from "./LedgerStore.ts"
import { LicenceStore } from "./LicenceStore.ts"
import { MaintenanceStore } from "./MaintenanceStore.ts"
import { ProcurementStore } from "./ProcurementStore.ts"
import { ReservationStore } from "./ReservationStore.ts"
import { TransferStore } from "./TransferStore.ts"
import { UnitOfWork } from "./UnitOfWork.ts"
import { ValuationStore } from "./ValuationStore.ts"

/**
 * Every store the core needs, plus the unit of work they share. A storage adapter provides all of them.
 *
 * @since 0.1.0
 */
export type Stores =
  | CatalogStore
  | LedgerStore
  | AssetStore
  | ReservationStore
  | EventLog
  | ValuationStore
  | LicenceStore
  | CredentialStore
  | MaintenanceStore
  | ProcurementStore
  | CountStore
  | TransferStore
  | UnitOfWork

/**
 * Every store in memory, sharing one serialized unit of work with rollback. Each use of the layer is a new,
 * empty database.
 *
 * @since 0.1.0
 */
export const layerMemory: Layer.Layer<Stores> = Layer.mergeAll(
  CatalogStore.layerMemory,
  LedgerStore.layerMemory,
  AssetStore.layerMemory,
  ReservationStore.layerMemory,
  EventLog.layerMemory,
  ValuationStore.layerMemory,
  LicenceStore.layerMemory,
  CredentialStore.layerMemory,
  MaintenanceStore.layerMemory,
  ProcurementStore.layerMemory,
  CountStore.layerMemory,
  TransferStore.layerMemory
).pipe(Layer.provideMerge(UnitOfWork.layerMemory))

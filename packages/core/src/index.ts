/**
 * `@quartermaster/core`: the pure domain of Quartermaster.
 *
 * @since 0.1.0
 */

/** Exact decimal quantities and amounts. @since 0.1.0 */
export * as Quantity from "./Quantity.ts"

/** Units of measure and exact conversions to an item's base unit. @since 0.1.0 */
export * as UnitOfMeasure from "./UnitOfMeasure.ts"

/** GS1 GTINs with check-digit validation. @since 0.1.0 */
export * as Gtin from "./Gtin.ts"

/** Branded identifiers. @since 0.1.0 */
export * as Ids from "./Ids.ts"

/** The source of new ids. @since 0.1.0 */
export * as IdGenerator from "./IdGenerator.ts"

/** The tenant and actor of the current command. @since 0.1.0 */
export * as CurrentActor from "./CurrentActor.ts"

/** Errors of storage adapters. @since 0.1.0 */
export * as StoreError from "./StoreError.ts"

/** The error for invalid public input. @since 0.1.0 */
export * as InputError from "./InputError.ts"

/** The transactional unit of work shared by the stores. @since 0.1.0 */
export * as UnitOfWork from "./UnitOfWork.ts"

/** Items (SKUs). @since 0.1.0 */
export * as Item from "./Item.ts"

/** Locations and their usages. @since 0.1.0 */
export * as Location from "./Location.ts"

/** Catalog errors. @since 0.1.0 */
export * as CatalogError from "./CatalogError.ts"

/** The catalog's storage port. @since 0.1.0 */
export * as CatalogStore from "./CatalogStore.ts"

/** Item commands and queries. @since 0.1.0 */
export * as Catalog from "./Catalog.ts"

/** Location tree commands and queries. @since 0.1.0 */
export * as Locations from "./Locations.ts"

/** Stock movements. @since 0.1.0 */
export * as Movement from "./Movement.ts"

/** Lots with expiry. @since 0.1.0 */
export * as Lot from "./Lot.ts"

/** Ledger and reservation errors. @since 0.1.0 */
export * as LedgerError from "./LedgerError.ts"

/** The stock ledger's storage port. @since 0.1.0 */
export * as LedgerStore from "./LedgerStore.ts"

/** Posting movements. @since 0.1.0 */
export * as StockLedger from "./StockLedger.ts"

/** Reading stock and history. @since 0.1.0 */
export * as StockQuery from "./StockQuery.ts"

/** FEFO and FIFO pick suggestions. @since 0.1.0 */
export * as Picking from "./Picking.ts"

/** Reservations. @since 0.1.0 */
export * as Reservation from "./Reservation.ts"

/** The reservations' storage port. @since 0.1.0 */
export * as ReservationStore from "./ReservationStore.ts"

/** Reservation commands. @since 0.1.0 */
export * as Reservations from "./Reservations.ts"

/** Domain events. @since 0.1.0 */
export * as DomainEvent from "./DomainEvent.ts"

/** The event log: audit trail and outbox. @since 0.1.0 */
export * as EventLog from "./EventLog.ts"

/** The invariant checker. @since 0.1.0 */
export * as Invariants from "./Invariants.ts"

/** All stores, and the in-memory layer for them. @since 0.1.0 */
export * as Stores from "./Stores.ts"

/** Device events: barcode scans and RFID reads. @since 0.1.0 */
export * as DeviceEvent from "./DeviceEvent.ts"

/** The device port: a stream of device events, with in-memory layers. @since 0.1.0 */
export * as DeviceEvents from "./DeviceEvents.ts"

/** Scanned identifiers and what they name. @since 0.1.0 */
export * as Identifier from "./Identifier.ts"

/** The identifier resolver port, with a layer over the stores. @since 0.1.0 */
export * as IdentifierResolver from "./IdentifierResolver.ts"

/** Scanning errors. @since 0.1.0 */
export * as ScanError from "./ScanError.ts"

/** Outcomes of the scan workflow. @since 0.1.0 */
export * as ScanOutcome from "./ScanOutcome.ts"

/** The scan workflow: receive, put away, move and count by scanning. @since 0.1.0 */
export * as ScanWorkflow from "./ScanWorkflow.ts"

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

/** Money as exact minor units at a currency scale, and the one rounding rule. @since 0.1.0 */
export * as Money from "./Money.ts"

/** Valuation errors. @since 0.1.0 */
export * as ValuationError from "./ValuationError.ts"

/** The valuation engine's steps, layers, state, checkpoints and entries. @since 0.1.0 */
export * as ValuationState from "./ValuationState.ts"

/** Valuation events: the input of the pure valuation functions. @since 0.1.0 */
export * as ValuationEvent from "./ValuationEvent.ts"

/** Inventory valuation as pure functions: FIFO, LIFO, averages, specific identification. @since 0.1.0 */
export * as Valuation from "./Valuation.ts"

/** Valuation settings, periods, method schedules, cost adjustments and dirty marks. @since 0.1.0 */
export * as ValuationRecord from "./ValuationRecord.ts"

/** The valuation's storage port, with an in-memory layer. @since 0.1.0 */
export * as ValuationStore from "./ValuationStore.ts"

/** Valuation commands: refresh, configure, close periods, change methods. @since 0.1.0 */
export * as Valuations from "./Valuations.ts"

/** Cost adjustments: cost corrections of receipts and landed costs. @since 0.1.0 */
export * as CostAdjustments from "./CostAdjustments.ts"

/** Valuation reports: cost of goods sold per issue, and valuation at a date. @since 0.1.0 */
export * as ValuationReports from "./ValuationReports.ts"

/** Cost layer reports: open layers and aging by receipt date. @since 0.1.0 */
export * as ValuationLayers from "./ValuationLayers.ts"

/** Planning and analytics errors. @since 0.1.0 */
export * as PlanningError from "./PlanningError.ts"

/** Period units, rates and spans for planning, with explicit conversions. @since 0.1.0 */
export * as PlanningPeriod from "./PlanningPeriod.ts"

/** The standard normal distribution: CDF, inverse (AS 241) and loss function. @since 0.1.0 */
export * as StandardNormal from "./StandardNormal.ts"

/** Cycle service levels, fill rates and safety factors. @since 0.1.0 */
export * as ServiceLevel from "./ServiceLevel.ts"

/** Economic order quantity, production quantity and EOQ with backorders. @since 0.1.0 */
export * as Eoq from "./Eoq.ts"

/** EOQ with all-units and incremental quantity discounts. @since 0.1.0 */
export * as QuantityDiscount from "./QuantityDiscount.ts"

/** Safety stock, reorder points and order-up-to levels. @since 0.1.0 */
export * as SafetyStock from "./SafetyStock.ts"

/** ABC classification by consumption value. @since 0.1.0 */
export * as Abc from "./Abc.ts"

/** XYZ classification by demand variability, and the ABC-XYZ matrix. @since 0.1.0 */
export * as Xyz from "./Xyz.ts"

/** Cycle-count frequencies per ABC class. @since 0.1.0 */
export * as CountFrequency from "./CountFrequency.ts"

/** Reorder policies as exact decisions, and the rounding rule for order quantities. @since 0.1.0 */
export * as Replenishment from "./Replenishment.ts"

/** The open-orders port: on order and backordered quantities (zero by default). @since 0.1.0 */
export * as OpenOrders from "./OpenOrders.ts"

/** Reorder suggestions from the stores. @since 0.1.0 */
export * as ReorderSuggestions from "./ReorderSuggestions.ts"

/** Demand history per period from the ledger's issues. @since 0.1.0 */
export * as DemandHistory from "./DemandHistory.ts"

/** Forecast results and moving averages. @since 0.1.0 */
export * as Forecast from "./Forecast.ts"

/** Simple, Holt and Holt-Winters exponential smoothing. @since 0.1.0 */
export * as ExponentialSmoothing from "./ExponentialSmoothing.ts"

/** Croston and SBA forecasts for intermittent demand. @since 0.1.0 */
export * as Croston from "./Croston.ts"

/** Forecast accuracy: MAE, RMSE, MAPE, sMAPE, MASE and bias. @since 0.1.0 */
export * as ForecastAccuracy from "./ForecastAccuracy.ts"

/** Inventory KPIs, aging buckets and dead, slow and excess stock. @since 0.1.0 */
export * as InventoryKpi from "./InventoryKpi.ts"

/** Stock KPIs per item from the ledger. @since 0.1.0 */
export * as StockAnalytics from "./StockAnalytics.ts"

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

/** Depreciation errors. @since 0.1.0 */
export * as DepreciationError from "./DepreciationError.ts"

/** One book's depreciation settings: method, convention, life, salvage, fiscal year. @since 0.1.0 */
export * as DepreciationProfile from "./DepreciationProfile.ts"

/** The MACRS percentage tables of IRS Publication 946, Appendix A, as published. @since 0.1.0 */
export * as MacrsTables from "./MacrsTables.ts"

/** Depreciation schedules, book value at a date, several books, disposals and impairments. @since 0.1.0 */
export * as Depreciation from "./Depreciation.ts"

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

/** Requisitions: requests to buy, approved by amount. @since 0.1.0 */
export * as Requisition from "./Requisition.ts"

/** Requisition commands: create, submit, approve, reject, convert. @since 0.1.0 */
export * as Requisitions from "./Requisitions.ts"

/** Purchase orders: supplier, lines, prices, promised dates, status and receipts. @since 0.1.0 */
export * as PurchaseOrder from "./PurchaseOrder.ts"

/** Purchase order commands, on-order quantities and the open-orders layer for planning. @since 0.1.0 */
export * as PurchaseOrders from "./PurchaseOrders.ts"

/** Receiving against purchase orders: partial, over within tolerance, short-closed. @since 0.1.0 */
export * as Receiving from "./Receiving.ts"

/** Put-away bin suggestions for receipts. @since 0.1.0 */
export * as PutAway from "./PutAway.ts"

/** Supplier performance: lead times, on-time and fill rates. @since 0.1.0 */
export * as SupplierPerformance from "./SupplierPerformance.ts"

/** Receive-against-PO scan mode. @since 0.1.0 */
export * as ReceivingScan from "./ReceivingScan.ts"

/** Procurement errors. @since 0.1.0 */
export * as ProcurementError from "./ProcurementError.ts"

/** Procurement domain events. @since 0.1.0 */
export * as ProcurementEvent from "./ProcurementEvent.ts"

/** The procurement storage port. @since 0.1.0 */
export * as ProcurementStore from "./ProcurementStore.ts"

/** Approval limits per role, by value and percentage, and own-document limits. @since 0.1.0 */
export * as Approval from "./Approval.ts"

/** Assets of the asset register: tag, serial, model, assignee, purchase, warranty. @since 0.1.0 */
export * as Asset from "./Asset.ts"

/** The asset lifecycle state machine. @since 0.1.0 */
export * as AssetLifecycle from "./AssetLifecycle.ts"

/** Errors of the asset register. @since 0.1.0 */
export * as AssetError from "./AssetError.ts"

/** Domain events of the asset register. @since 0.1.0 */
export * as AssetEvent from "./AssetEvent.ts"

/** The asset register's storage port. @since 0.1.0 */
export * as AssetStore from "./AssetStore.ts"

/** Check-outs of assets to people, locations and assets. @since 0.1.0 */
export * as CheckOut from "./CheckOut.ts"

/** Physical asset audit sessions and their comparison. @since 0.1.0 */
export * as AssetAudit from "./AssetAudit.ts"

/** Software licences: seats per user or device, cost per seat, renewal, expiry and compliance. @since 0.1.0 */
export * as Licence from "./Licence.ts"

/** Licence errors. @since 0.1.0 */
export * as LicenceError from "./LicenceError.ts"

/** The licence storage port. @since 0.1.0 */
export * as LicenceStore from "./LicenceStore.ts"

/** Licence commands and the compliance report. @since 0.1.0 */
export * as Licences from "./Licences.ts"

/** Certificates, API keys and tokens: metadata and fingerprints, never the secret. @since 0.1.0 */
export * as Credential from "./Credential.ts"

/** Credential errors. @since 0.1.0 */
export * as CredentialError from "./CredentialError.ts"

/** The credential storage port. @since 0.1.0 */
export * as CredentialStore from "./CredentialStore.ts"

/** Credential commands. @since 0.1.0 */
export * as Credentials from "./Credentials.ts"

/** Maintenance plans by calendar or meter, and when they fall due. @since 0.1.0 */
export * as MaintenancePlan from "./MaintenancePlan.ts"

/** Work orders: status machine, costs, parts and downtime. @since 0.1.0 */
export * as WorkOrder from "./WorkOrder.ts"

/** Maintenance errors. @since 0.1.0 */
export * as MaintenanceError from "./MaintenanceError.ts"

/** The maintenance storage port. @since 0.1.0 */
export * as MaintenanceStore from "./MaintenanceStore.ts"

/** Maintenance plan and meter-reading commands, and the due list. @since 0.1.0 */
export * as Maintenance from "./Maintenance.ts"

/** Work-order commands, including parts consumed from stock. @since 0.1.0 */
export * as WorkOrders from "./WorkOrders.ts"

/** Total cost of ownership of an asset. @since 0.1.0 */
export * as AssetCosts from "./AssetCosts.ts"

/** Everything expiring within N days: credentials, licences, contracts, warranties. @since 0.1.0 */
export * as Expiring from "./Expiring.ts"

/** Domain events of licences, credentials and maintenance. @since 0.1.0 */
export * as AssetServiceEvent from "./AssetServiceEvent.ts"

/** Cycle-count sessions: scope, frozen cells, blind counts and outcome. @since 0.1.0 */
export * as CountSession from "./CountSession.ts"

/** Errors of cycle counts and transfers. @since 0.1.0 */
export * as CountError from "./CountError.ts"

/** The cycle counts' storage port. @since 0.1.0 */
export * as CountStore from "./CountStore.ts"

/** Count variances in quantity, percent and value, recount and tolerance rules. @since 0.1.0 */
export * as CountVariance from "./CountVariance.ts"

/** Cycle-count commands: create, freeze, record counts and tallies, cancel. @since 0.1.0 */
export * as CycleCounts from "./CycleCounts.ts"

/** Count review: variances, approval with adjustments, accuracy KPI. @since 0.1.0 */
export * as CountReview from "./CountReview.ts"

/** Domain events of cycle counts. @since 0.1.0 */
export * as CountEvent from "./CountEvent.ts"

/** Transfers between locations, direct or through transit. @since 0.1.0 */
export * as Transfer from "./Transfer.ts"

/** The transfers' storage port. @since 0.1.0 */
export * as TransferStore from "./TransferStore.ts"

/** Transfer commands and the in-transit query. @since 0.1.0 */
export * as Transfers from "./Transfers.ts"

/** Domain events of transfers. @since 0.1.0 */
export * as TransferEvent from "./TransferEvent.ts"

/** Asset register commands: register, update, transitions, components, history. @since 0.1.0 */
export * as Assets from "./Assets.ts"

/** Check-out, check-in, overdue and bulk check-out of assets. @since 0.1.0 */
export * as CheckOuts from "./CheckOuts.ts"

/** One ledger for stock and assets: capitalise, transfer, dispose, return to stock, reconcile. @since 0.1.0 */
export * as AssetLedger from "./AssetLedger.ts"

/** Physical asset audit commands. @since 0.1.0 */
export * as AssetAudits from "./AssetAudits.ts"

/** Per-asset depreciation schedules, book values, portfolio totals and impairments. @since 0.1.0 */
export * as AssetDepreciation from "./AssetDepreciation.ts"

/** Asset check-out, check-in and audit by device scans. @since 0.1.0 */
export * as AssetScan from "./AssetScan.ts"

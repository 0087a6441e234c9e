// The SQL of migrations 6 (the asset register) and 7 (licences, credentials, maintenance), as released: a
// released migration never changes. `Migrations.ts` applies them, with row-level security on their tables.

// 7: licences and seat assignments, credential metadata, maintenance plans, latest meter readings and work
// orders. Documents carry the records; the columns beside them serve the listing and expiring-soon queries.
export const m0007 = `
CREATE TABLE qm_licences (
  tenant_id text NOT NULL,
  id text NOT NULL,
  expires_on date,
  renewal_on date,
  version integer NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX qm_licences_expires ON qm_licences (tenant_id, expires_on) WHERE expires_on IS NOT NULL;
CREATE INDEX qm_licences_renewal ON qm_licences (tenant_id, renewal_on) WHERE renewal_on IS NOT NULL;
CREATE TABLE qm_licence_assignments (
  tenant_id text NOT NULL,
  licence_id text NOT NULL,
  assignee_kind text NOT NULL,
  assignee_id text NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, licence_id, assignee_kind, assignee_id)
);
CREATE TABLE qm_credentials (
  tenant_id text NOT NULL,
  id text NOT NULL,
  kind text NOT NULL,
  revoked boolean NOT NULL,
  not_after timestamptz,
  version integer NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX qm_credentials_not_after ON qm_credentials (tenant_id, not_after) WHERE NOT revoked AND not_after IS NOT NULL;
CREATE TABLE qm_maintenance_plans (
  tenant_id text NOT NULL,
  id text NOT NULL,
  asset_id text NOT NULL,
  active boolean NOT NULL,
  version integer NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX qm_maintenance_plans_asset ON qm_maintenance_plans (tenant_id, asset_id);
CREATE TABLE qm_meter_readings (
  tenant_id text NOT NULL,
  asset_id text NOT NULL,
  meter text NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, asset_id, meter)
);
CREATE TABLE qm_work_orders (
  tenant_id text NOT NULL,
  id text NOT NULL,
  asset_id text NOT NULL,
  status text NOT NULL,
  version integer NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX qm_work_orders_asset ON qm_work_orders (tenant_id, asset_id)`
export const ASSET_SERVICE_TABLES = [
  "qm_licences", "qm_licence_assignments", "qm_credentials", "qm_maintenance_plans", "qm_meter_readings", "qm_work_orders"
]

// 6: the asset register: assets (tag unique per tenant), check-outs (one open per asset), audit sessions and
// their scans. Documents carry the records; the columns beside them serve lookups and listings.
export const m0006 = `
CREATE TABLE qm_assets (
  tenant_id text NOT NULL,
  id text NOT NULL,
  tag text NOT NULL,
  status text NOT NULL,
  model_id text,
  serial text,
  location_id text,
  parent_id text,
  in_ledger boolean NOT NULL,
  version integer NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT qm_assets_tag UNIQUE (tenant_id, tag)
);
CREATE INDEX qm_assets_status ON qm_assets (tenant_id, status);
CREATE INDEX qm_assets_location ON qm_assets (tenant_id, location_id);
CREATE INDEX qm_assets_parent ON qm_assets (tenant_id, parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX qm_assets_serial ON qm_assets (tenant_id, model_id, serial) WHERE serial IS NOT NULL;
CREATE TABLE qm_asset_checkouts (
  tenant_id text NOT NULL,
  id text NOT NULL,
  asset_id text NOT NULL,
  open boolean NOT NULL,
  expected_return_at timestamptz,
  version integer NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX qm_asset_checkouts_open ON qm_asset_checkouts (tenant_id, asset_id) WHERE open;
CREATE INDEX qm_asset_checkouts_asset ON qm_asset_checkouts (tenant_id, asset_id);
CREATE INDEX qm_asset_checkouts_due ON qm_asset_checkouts (tenant_id, expected_return_at) WHERE open AND expected_return_at IS NOT NULL;
CREATE TABLE qm_asset_audits (
  tenant_id text NOT NULL,
  id text NOT NULL,
  version integer NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE qm_asset_audit_scans (
  tenant_id text NOT NULL,
  audit_id text NOT NULL,
  seq integer NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, audit_id, seq)
)`
export const ASSET_TABLES = ["qm_assets", "qm_asset_checkouts", "qm_asset_audits", "qm_asset_audit_scans"]

// The CSV columns of the asset register and the pure step from one record to what the asset import needs.
// References travel as codes, never as ids, so a file moves between tenants: the model by SKU, the location by
// code, the parent asset by tag, and a check-out's assignee as `person:<id>`, `location:<code>` or `asset:<tag>`.
import { type Asset, AssetLifecycle } from "@quartermaster/core"
import { type CellError, Cells, type Columns, defined } from "./importRows.ts"

export const assetColumns: Columns = {
  required: ["tag"],
  optional: [
    "name", "serial", "model_sku", "category", "status", "location_code", "assigned_to", "expected_return", "parent_tag",
    "purchase_cost", "purchase_date", "supplier", "purchase_order", "invoice", "warranty_ends", "warranty_provider",
    "in_service_date", "books", "fields"
  ],
  fields: [
    ["tag", "tag"], ["name", "name"], ["serial", "serial"], ["modelId", "model_sku"], ["category", "category"],
    ["locationId", "location_code"], ["assignee", "assigned_to"], ["expectedReturnAt", "expected_return"],
    ["parentId", "parent_tag"], ["purchase.cost", "purchase_cost"], ["purchase.date", "purchase_date"],
    ["purchase.supplier", "supplier"], ["purchase.purchaseOrder", "purchase_order"], ["purchase.invoice", "invoice"],
    ["warranty.endsAt", "warranty_ends"], ["warranty.provider", "warranty_provider"], ["warranty", "warranty_ends"],
    ["inServiceDate", "in_service_date"], ["books", "books"], ["fields", "fields"]
  ]
}

/**
 * The states an import can leave an asset in, and the lifecycle action that leads there from `inStock`.
 * `onOrder` and `inStock` are registered directly; `deployed` is a check-out to `assigned_to`. Disposed assets
 * have left the register, so the export leaves them out and the import refuses them.
 */
export const reachable: ReadonlyMap<AssetLifecycle.State, AssetLifecycle.Action | undefined> = new Map<AssetLifecycle.State, AssetLifecycle.Action | undefined>([
  ["onOrder", undefined],
  ["inStock", undefined],
  ["deployed", "checkOut"],
  ["inRepair", "sendToRepair"],
  ["inMaintenance", "startMaintenance"],
  ["retired", "retire"],
  ["lost", "reportLost"],
  ["missing", "reportMissing"],
  ["stolen", "reportStolen"]
])

/** A check-out assignee as the file names it. */
export type AssigneeRef =
  | { readonly _tag: "person"; readonly personId: string }
  | { readonly _tag: "location"; readonly code: string }
  | { readonly _tag: "asset"; readonly tag: string }

/** An assignee as a cell: a plain value is a person's id. */
export const formatAssignee = (ref: AssigneeRef): string =>
  ref._tag === "person" ? `person:${ref.personId}` : ref._tag === "location" ? `location:${ref.code}` : `asset:${ref.tag}`

const parseAssignee = (cell: string): AssigneeRef | string => {
  const colon = cell.indexOf(":")
  const scheme = colon < 0 ? "person" : cell.slice(0, colon)
  const value = colon < 0 ? cell : cell.slice(colon + 1)
  if (value === "") return `${JSON.stringify(cell)} names nobody (expected person:<id>, location:<code> or asset:<tag>)`
  if (scheme === "person") return { _tag: "person", personId: value }
  if (scheme === "location") return { _tag: "location", code: value }
  if (scheme === "asset") return { _tag: "asset", tag: value }
  return `${JSON.stringify(scheme)} is not person, location or asset`
}

/** An asset record: the register input without ids, and the references by code. */
export interface AssetLine {
  readonly input: Omit<Asset.NewAsset, "modelId" | "locationId" | "parentId" | "status">
  readonly status: AssetLifecycle.State
  readonly modelSku?: string
  readonly locationCode?: string
  readonly parentTag?: string
  readonly assignee?: AssigneeRef
  readonly expectedReturn?: string
}

/** One asset record, checked cell by cell; the core's own Schemas check the rest when the asset is registered. */
export const assetInput = (values: Readonly<Record<string, string>>): { line: AssetLine; errors: Array<CellError> } => {
  const c = new Cells(values)
  const errors = c.errors
  const status = (c.text("status") ?? (c.text("assigned_to") === undefined ? "inStock" : "deployed")) as AssetLifecycle.State
  if (!reachable.has(status)) {
    errors.push({
      column: "status",
      message: (AssetLifecycle.states as ReadonlyArray<string>).includes(status)
        ? `a ${status} asset has left the register and cannot be imported`
        : `${JSON.stringify(status)} is not one of ${[...reachable.keys()].join(", ")}`
    })
  }
  const rawAssignee = c.text("assigned_to")
  let assignee: AssigneeRef | undefined
  if (rawAssignee !== undefined) {
    const parsed = parseAssignee(rawAssignee)
    if (typeof parsed === "string") errors.push({ column: "assigned_to", message: parsed })
    else assignee = parsed
  }
  if (status === "deployed" && rawAssignee === undefined) errors.push({ column: "assigned_to", message: "is required for a deployed asset" })
  if (status !== "deployed" && rawAssignee !== undefined && reachable.has(status)) {
    errors.push({ column: "assigned_to", message: `only a deployed asset has an assignee (status is ${status})` })
  }
  const expectedReturn = c.text("expected_return")
  if (expectedReturn !== undefined && status !== "deployed") errors.push({ column: "expected_return", message: "only a deployed asset has an expected return" })
  const purchase = defined({
    cost: c.text("purchase_cost"),
    date: c.text("purchase_date"),
    supplier: c.text("supplier"),
    purchaseOrder: c.text("purchase_order"),
    invoice: c.text("invoice")
  })
  const warrantyEnds = c.text("warranty_ends")
  const warrantyProvider = c.text("warranty_provider")
  if (warrantyEnds === undefined && warrantyProvider !== undefined) errors.push({ column: "warranty_ends", message: "is required with a warranty provider" })
  const input = defined({
    tag: values.tag ?? "",
    name: c.text("name"),
    serial: c.text("serial"),
    category: c.text("category"),
    purchase: Object.keys(purchase).length === 0 ? undefined : purchase,
    warranty: warrantyEnds === undefined ? undefined : defined({ endsAt: warrantyEnds, provider: warrantyProvider }),
    inServiceDate: c.text("in_service_date"),
    books: c.json("books", "array") as Asset.NewAsset["books"],
    fields: c.json("fields", "object") as Asset.NewAsset["fields"]
  }) as AssetLine["input"]
  const line = defined({
    input,
    status,
    modelSku: c.text("model_sku"),
    locationCode: c.text("location_code"),
    parentTag: c.text("parent_tag"),
    assignee,
    expectedReturn
  }) as AssetLine
  return { line, errors }
}

// The CSV columns of each import kind, and the pure step from one CSV record to the core's input. Type errors
// in a cell (a number that is not one, an unknown boolean) are reported here; everything else is left to the
// core's own Schemas and use cases, whose error fields map back to columns through `columnOf`.
import type { Item, Location } from "@quartermaster/core"

/** A problem with one cell, or with the row as a whole (column ""). */
export interface CellError {
  readonly column: string
  readonly message: string
}

/** The columns of a kind: the ones that must be present, and the ones that may be. */
export interface Columns {
  readonly required: ReadonlyArray<string>
  readonly optional: ReadonlyArray<string>
  /** Core input field paths (prefixes) and the column they come from. */
  readonly fields: ReadonlyArray<readonly [string, string]>
}

export const itemColumns: Columns = {
  required: ["sku", "name", "unit"],
  optional: [
    "description", "decimals", "conversions", "tracking", "shelf_life_days", "valuation_method", "category", "gtins",
    "status", "allow_negative_stock", "reorder_kind", "reorder_point", "order_quantity", "min", "max", "lead_time_days",
    "review_period_days", "pack_size", "minimum_order_quantity", "attributes"
  ],
  fields: [
    ["sku", "sku"], ["name", "name"], ["description", "description"], ["baseUnit.decimals", "decimals"], ["baseUnit", "unit"],
    ["conversions", "conversions"], ["tracking", "tracking"], ["shelfLifeDays", "shelf_life_days"],
    ["valuationMethod", "valuation_method"], ["category", "category"], ["gtins", "gtins"], ["status", "status"],
    ["allowNegativeStock", "allow_negative_stock"], ["reorder.kind", "reorder_kind"], ["reorder.reorderPoint", "reorder_point"],
    ["reorder.orderQuantity", "order_quantity"], ["reorder.min", "min"], ["reorder.max", "max"],
    ["reorder.leadTimeDays", "lead_time_days"], ["reorder.reviewPeriodDays", "review_period_days"],
    ["reorder.packSize", "pack_size"], ["reorder.minimumOrderQuantity", "minimum_order_quantity"], ["attributes", "attributes"]
  ]
}

export const locationColumns: Columns = {
  required: ["code", "kind"],
  optional: ["name", "usage", "parent_code", "allow_negative_stock"],
  fields: [["code", "code"], ["name", "name"], ["kind", "kind"], ["usage", "usage"], ["parentId", "parent_code"], ["allowNegativeStock", "allow_negative_stock"]]
}

export const stockColumns: Columns = {
  required: ["sku", "location_code", "quantity", "unit_cost"],
  optional: ["unit", "lot", "expiry", "serials", "effective_at"],
  fields: [
    ["itemId", "sku"], ["to", "location_code"], ["quantity", "quantity"], ["unit", "unit"], ["unitCost", "unit_cost"],
    ["lotExpiresAt", "expiry"], ["lot", "lot"], ["serials", "serials"], ["effectiveAt", "effective_at"]
  ]
}

/** Problems with a header: missing required columns and unknown ones. */
export const headerErrors = (columns: ReadonlyArray<string>, spec: Columns): Array<CellError> => {
  const known = new Set([...spec.required, ...spec.optional])
  return [
    ...spec.required.filter((c) => !columns.includes(c)).map((c) => ({ column: c, message: `the required column ${JSON.stringify(c)} is missing` })),
    ...columns.filter((c) => !known.has(c)).map((c) => ({ column: c, message: `unknown column ${JSON.stringify(c)} (expected ${[...known].join(", ")})` }))
  ]
}

/** The column a core error field (like `lines[0].unitCost` or `reorder.min`) comes from; "" if none. */
export const columnOf = (spec: Columns, field: string): string => {
  const path = field.replace(/^lines\[\d+\]\.?/, "")
  for (const [prefix, column] of spec.fields) {
    if (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)) return column
  }
  return ""
}

type Values = Readonly<Record<string, string>>

/** The cells of one record, read column by column; type errors collect in `errors`. */
export class Cells {
  readonly errors: Array<CellError> = []
  constructor(readonly values: Values) {}
  text(column: string): string | undefined {
    const v = this.values[column]
    return v === undefined || v.trim() === "" ? undefined : v.trim()
  }
  int(column: string): number | undefined {
    const v = this.text(column)
    if (v === undefined) return undefined
    if (!/^-?\d{1,9}$/.test(v)) {
      this.errors.push({ column, message: `${JSON.stringify(v)} is not a whole number` })
      return undefined
    }
    return Number(v)
  }
  decimal(column: string): number | undefined {
    const v = this.text(column)
    if (v === undefined) return undefined
    if (!/^\d+(\.\d+)?$/.test(v)) {
      this.errors.push({ column, message: `${JSON.stringify(v)} is not a number` })
      return undefined
    }
    return Number(v)
  }
  bool(column: string): boolean | undefined {
    const v = this.text(column)?.toLowerCase()
    if (v === undefined) return undefined
    if (["true", "yes", "1"].includes(v)) return true
    if (["false", "no", "0"].includes(v)) return false
    this.errors.push({ column, message: `${JSON.stringify(v)} is not true or false` })
    return undefined
  }
  json(column: string, shape: "object" | "array"): unknown {
    const raw = this.text(column)
    if (raw === undefined) return undefined
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch {
      value = undefined
    }
    const ok = shape === "array" ? Array.isArray(value) : typeof value === "object" && value !== null && !Array.isArray(value)
    if (!ok) this.errors.push({ column, message: `is not a JSON ${shape}` })
    return ok ? value : undefined
  }
  list(column: string): Array<string> | undefined {
    const v = this.text(column)
    return v === undefined ? undefined : v.split(";").map((s) => s.trim()).filter((s) => s.length > 0)
  }
}

// Optional keys are left out rather than set to undefined (exactOptionalPropertyTypes).
export const defined = <A extends object>(o: A): A => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as A

/** An item record as `Catalog.createItem` input. */
export const itemInput = (values: Values): { input: Item.NewItem; errors: Array<CellError> } => {
  const c = new Cells(values)
  const conversions = c.list("conversions")?.map((pair) => {
    const [code = "", factor = ""] = pair.split("=").map((s) => s.trim())
    if (code === "" || factor === "") c.errors.push({ column: "conversions", message: `${JSON.stringify(pair)} is not unit=factor` })
    return { code, factor }
  })
  const attributes = c.json("attributes", "object") as Item.NewItem["attributes"]
  const reorder = defined({
    kind: c.text("reorder_kind") as NonNullable<Item.NewItem["reorder"]>["kind"],
    reorderPoint: c.text("reorder_point"),
    orderQuantity: c.text("order_quantity"),
    min: c.text("min"),
    max: c.text("max"),
    leadTimeDays: c.decimal("lead_time_days"),
    reviewPeriodDays: c.int("review_period_days"),
    packSize: c.text("pack_size"),
    minimumOrderQuantity: c.text("minimum_order_quantity")
  })
  const decimals = c.int("decimals")
  const input = defined({
    sku: values.sku ?? "",
    name: values.name ?? "",
    description: c.text("description"),
    baseUnit: defined({ code: c.text("unit") ?? "", decimals }),
    conversions,
    tracking: c.text("tracking") as Item.NewItem["tracking"],
    shelfLifeDays: c.int("shelf_life_days"),
    valuationMethod: c.text("valuation_method") as Item.NewItem["valuationMethod"],
    category: c.text("category"),
    gtins: c.list("gtins"),
    status: c.text("status") as Item.NewItem["status"],
    allowNegativeStock: c.bool("allow_negative_stock"),
    reorder: Object.keys(reorder).length === 0 ? undefined : reorder,
    attributes
  }) as Item.NewItem
  return { input, errors: c.errors }
}

/** A location record as `Locations.create` input (without the parent, which is resolved by code). */
export const locationInput = (values: Values): { input: Location.NewLocation; parentCode: string | undefined; errors: Array<CellError> } => {
  const c = new Cells(values)
  const input = defined({
    code: values.code ?? "",
    name: c.text("name"),
    kind: (c.text("kind") ?? "") as Location.NewLocation["kind"],
    usage: c.text("usage") as Location.NewLocation["usage"],
    allowNegativeStock: c.bool("allow_negative_stock")
  }) as Location.NewLocation
  return { input, parentCode: c.text("parent_code"), errors: c.errors }
}

/** An opening-stock record: the movement line fields other than ids and locations. */
export interface StockLine {
  readonly sku: string
  readonly locationCode: string
  readonly quantity: string
  readonly unit?: string
  readonly unitCost: string
  readonly lot?: string
  readonly lotExpiresAt?: string
  readonly serials?: Array<string>
  readonly effectiveAt?: string
}

export const stockInput = (values: Values): { input: StockLine; errors: Array<CellError> } => {
  const c = new Cells(values)
  const required = (column: string): string => {
    const v = c.text(column)
    if (v === undefined) c.errors.push({ column, message: "is required" })
    return v ?? ""
  }
  const input = defined({
    sku: required("sku"),
    locationCode: required("location_code"),
    quantity: required("quantity"),
    unit: c.text("unit"),
    unitCost: required("unit_cost"),
    lot: c.text("lot"),
    lotExpiresAt: c.text("expiry"),
    serials: c.list("serials"),
    effectiveAt: c.text("effective_at")
  }) as StockLine
  return { input, errors: c.errors }
}

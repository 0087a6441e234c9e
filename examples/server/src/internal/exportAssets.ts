// The asset register as CSV rows, in the columns the asset import reads. Disposed assets have left the
// register and are left out; a deployed asset's assignee and expected return come from its open check-out.
import { type Asset, AssetStore, CurrentActor, type Item, Locations } from "@quartermaster/core"
import { BigDecimal, DateTime, Effect } from "effect"
import { assetColumns, formatAssignee } from "./assetRows.ts"

// Decimals in depreciation books become strings, so the JSON cell is exact.
const plain = (value: unknown): unknown =>
  BigDecimal.isBigDecimal(value)
    ? BigDecimal.format(BigDecimal.normalize(value))
    : Array.isArray(value)
    ? value.map(plain)
    : typeof value === "object" && value !== null
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
    : value

const iso = (t: DateTime.Utc | null | undefined): string => (t === null || t === undefined ? "" : DateTime.formatIso(t))

export const assetRows = (items: ReadonlyArray<Item.Item>) =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor.CurrentActor
    const store = yield* AssetStore.AssetStore
    const all: Array<Asset.Asset> = []
    for (;;) {
      const last = all.at(-1)
      const page = yield* store.list(tenantId, { limit: 1000, ...(last === undefined ? {} : { afterId: last.id }) })
      all.push(...page)
      if (page.length < 1000) break
    }
    const live = all.filter((a) => a.status !== "disposed")
    const tagOf = new Map(all.map((a) => [a.id as string, a.tag] as const))
    const skuOf = new Map(items.map((i) => [i.id as string, i.sku] as const))
    const codeOf = new Map((yield* Locations.list).map((l) => [l.id as string, l.code] as const))
    const open = yield* store.openCheckOuts(tenantId, live.filter((a) => a.status === "deployed").map((a) => a.id))
    const assignee = (a: Asset.Asset): string => {
      const to = a.status === "deployed" ? a.assignee : null
      if (to === null) return ""
      if (to._tag === "person") return formatAssignee(to)
      if (to._tag === "location") return formatAssignee({ _tag: "location", code: codeOf.get(to.locationId) ?? to.locationId })
      return formatAssignee({ _tag: "asset", tag: tagOf.get(to.assetId) ?? to.assetId })
    }
    const records = live.map((a) => ({
      tag: a.tag,
      name: a.name,
      serial: a.serial ?? "",
      model_sku: a.modelId === null ? "" : skuOf.get(a.modelId) ?? "",
      category: a.category.join("/"),
      status: a.status,
      location_code: a.locationId === null ? "" : codeOf.get(a.locationId) ?? "",
      assigned_to: assignee(a),
      expected_return: iso(open.get(a.id)?.expectedReturnAt),
      parent_tag: a.parentId === null ? "" : tagOf.get(a.parentId) ?? "",
      purchase_cost: a.purchase.cost === null ? "" : BigDecimal.format(BigDecimal.normalize(a.purchase.cost)),
      purchase_date: iso(a.purchase.date),
      supplier: a.purchase.supplier ?? "",
      purchase_order: a.purchase.purchaseOrder ?? "",
      invoice: a.purchase.invoice ?? "",
      warranty_ends: iso(a.warranty?.endsAt),
      warranty_provider: a.warranty?.provider ?? "",
      in_service_date: a.inServiceDate ?? "",
      books: a.books.length === 0 ? "" : JSON.stringify(plain(a.books)),
      fields: Object.keys(a.fields).length === 0 ? "" : JSON.stringify(a.fields)
    }))
    records.sort((x, y) => (x.tag < y.tag ? -1 : x.tag > y.tag ? 1 : 0))
    return { columns: [...assetColumns.required, ...assetColumns.optional], records }
  })

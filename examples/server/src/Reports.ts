/**
 * Reports as rows of text, for the CLI's tables and `--json`: valuation at a date (by item, location or
 * category), ABC classification by the cost of goods issued over the twelve months up to a date, and reorder
 * suggestions, and each asset's depreciation per book up to a date.
 *
 * Amounts and quantities stay exact decimal strings; shares are percentages with one decimal.
 *
 * @since 0.1.0
 */
import {
  Abc,
  Assets,
  CurrentActor,
  Depreciation,
  type IdGenerator,
  type Item,
  Locations,
  Money,
  ReorderSuggestions,
  type Stores,
  ValuationReports,
  ValuationStore
} from "@quartermaster/core"
import { BigDecimal, DateTime, Effect, Result, Schema } from "effect"
import { allItems } from "./Export.ts"

/** The reports there are. @since 0.1.0 */
export const Kind = Schema.Literals(["valuation", "abc", "reorder", "depreciation"])
/** @since 0.1.0 */
export type Kind = typeof Kind.Type

/** A column: its key in each row, its heading, and which side numbers line up on. @since 0.1.0 */
export interface Column {
  readonly key: string
  readonly label: string
  readonly align: "left" | "right"
}

/**
 * A report: its name, what it was computed for (`meta`), its columns and rows, and a closing line.
 *
 * @since 0.1.0
 */
export interface Report {
  readonly report: Kind
  readonly meta: Readonly<Record<string, string>>
  readonly columns: ReadonlyArray<Column>
  readonly rows: ReadonlyArray<Readonly<Record<string, string>>>
  readonly summary: string
}

/** Options: the date of the report (now by default) and the valuation's grouping. @since 0.1.0 */
export interface Options {
  readonly at?: DateTime.Utc
  readonly by?: "item" | "location" | "category"
}

/** The services the reports need. @since 0.1.0 */
export type Env = Stores.Stores | CurrentActor.CurrentActor | IdGenerator.IdGenerator

/** Anything a report can fail with; each carries a human message. @since 0.1.0 */
export interface Failure {
  readonly _tag: string
  readonly message: string
}

const fmt = (d: BigDecimal.BigDecimal): string => BigDecimal.format(BigDecimal.normalize(d))
// Amounts show at least two decimals (cents), and every decimal they have.
const money = (d: BigDecimal.BigDecimal): string => {
  const s = fmt(d)
  const dot = s.indexOf(".")
  return dot === -1 ? `${s}.00` : s.length - dot - 1 < 2 ? s.padEnd(dot + 3, "0") : s
}
const left = (key: string, label: string): Column => ({ key, label, align: "left" })
const right = (key: string, label: string): Column => ({ key, label, align: "right" })
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
const percent = (share: number): string => `${(share * 100).toFixed(1)}%`

const catalog = Effect.gen(function*() {
  const items = new Map((yield* allItems).map((i) => [i.id as string, i] as const))
  const codes = new Map((yield* Locations.list).map((l) => [l.id as string, l.code] as const))
  return { items, codes }
})

/**
 * Stock value at a date, by item (default), location or category.
 *
 * @since 0.1.0
 */
export const valuation = (options: Options = {}): Effect.Effect<Report, Failure, Env> =>
  Effect.gen(function*() {
    const by = options.by ?? "item"
    const report = yield* ValuationReports.valuation({ by, ...(options.at === undefined ? {} : { at: options.at }) })
    const { codes, items } = yield* catalog
    const item = (id: string | null): Item.Item | undefined => (id === null ? undefined : items.get(id))
    const columns = by === "category"
      ? [left("category", "category"), right("value", "value")]
      : [
        left("sku", "SKU"),
        left("name", "name"),
        ...(by === "location" ? [left("location", "location")] : []),
        right("quantity", "quantity"),
        left("unit", "unit"),
        right("value", "value")
      ]
    const rows = report.rows.map((r) => ({
      sku: item(r.itemId)?.sku ?? "",
      name: item(r.itemId)?.name ?? "",
      location: r.locationId === null ? "(none)" : codes.get(r.locationId) ?? r.locationId,
      category: r.category === null ? "" : r.category === "" ? "(uncategorised)" : r.category,
      quantity: r.quantity === null ? "" : fmt(r.quantity),
      unit: item(r.itemId)?.baseUnit.code ?? "",
      value: money(r.value)
    })).sort((a, b) => compare(a.category, b.category) || compare(a.sku, b.sku) || compare(a.location, b.location))
    return {
      report: "valuation",
      meta: { at: DateTime.formatIso(report.at), by, total: money(report.total) },
      columns,
      rows,
      summary: `total value ${money(report.total)} at ${DateTime.formatIso(report.at)}`
    } satisfies Report
  })

const YEAR_MS = 365 * 86_400_000

/**
 * ABC classes by the cost of goods issued in the twelve months up to the date (default cut-offs 80 % / 95 %).
 * Every item is ranked; items that issued nothing are class C.
 *
 * @since 0.1.0
 */
export const abc = (options: Options = {}): Effect.Effect<Report, Failure, Env> =>
  Effect.gen(function*() {
    const to = options.at ?? (yield* DateTime.now)
    const from = DateTime.subtract(to, { milliseconds: YEAR_MS })
    const consumed = new Map<string, BigDecimal.BigDecimal>()
    let cursor: string | undefined
    do {
      const page = yield* ValuationReports.cogs({ from, to, limit: 10_000, ...(cursor === undefined ? {} : { cursor }) })
      for (const row of page.rows) {
        const signed = row.kind === "issue" ? row.total : BigDecimal.negate(row.total)
        consumed.set(row.itemId, BigDecimal.sum(consumed.get(row.itemId) ?? BigDecimal.fromBigInt(0n), signed))
      }
      cursor = page.nextCursor ?? undefined
    } while (cursor !== undefined)
    const { items } = yield* catalog
    const entries = [...items.keys()].map((id) => {
      const value = consumed.get(id)
      return { id, value: value === undefined || !BigDecimal.isPositive(value) ? 0 : BigDecimal.toNumberUnsafe(value) }
    })
    const classified = yield* Effect.fromResult(Abc.classify(entries))
    const rows = classified.rows.map((r) => ({
      rank: String(r.rank),
      sku: items.get(r.id)?.sku ?? r.id,
      name: items.get(r.id)?.name ?? "",
      value: money(consumed.get(r.id) ?? BigDecimal.fromBigInt(0n)),
      share: percent(r.share),
      cumulative: percent(r.cumulativeShare),
      class: r.class
    }))
    const classes = classified.classes.map((c) => `${c.class}: ${c.count} items, ${percent(c.share)} of value`).join("; ")
    return {
      report: "abc",
      meta: { from: DateTime.formatIso(from), to: DateTime.formatIso(to), cutoffs: `A ≤ ${percent(classified.cutoffs.a)}, B ≤ ${percent(classified.cutoffs.b)}` },
      columns: [right("rank", "#"), left("sku", "SKU"), left("name", "name"), right("value", "issued value"), right("share", "share"), right("cumulative", "cumulative"), left("class", "class")],
      rows,
      summary: classified.rows.length === 0 ? "no items" : classes
    } satisfies Report
  })

/**
 * Reorder suggestions for every item with a reorder policy, as of now.
 *
 * @since 0.1.0
 */
export const reorder: Effect.Effect<Report, Failure, Env> = Effect.gen(function*() {
  const report = yield* ReorderSuggestions.suggest({})
  const { codes } = yield* catalog
  const rows = report.suggestions.map((s) => ({
    sku: s.sku,
    location: s.locationId === null ? "(all)" : codes.get(s.locationId) ?? s.locationId,
    policy: s.policy,
    on_hand: fmt(s.onHand),
    on_order: fmt(s.onOrder),
    reserved: fmt(s.reserved),
    position: fmt(s.inventoryPosition),
    level: fmt(s.level),
    order: fmt(s.quantity),
    unit: s.unit,
    reason: s.reason
  }))
  return {
    report: "reorder",
    meta: { at: DateTime.formatIso(report.at), evaluated: String(report.evaluated), skipped: String(report.skipped.length) },
    columns: [
      left("sku", "SKU"), left("location", "location"), left("policy", "policy"), right("on_hand", "on hand"), right("on_order", "on order"),
      right("reserved", "reserved"), right("position", "position"), right("level", "reorder at"), right("order", "order"), left("unit", "unit"),
      left("reason", "reason")
    ],
    rows,
    summary: `${rows.length} suggestions from ${report.evaluated} items evaluated${report.skipped.length === 0 ? "" : `, ${report.skipped.length} skipped`}`
  } satisfies Report
})

/**
 * Depreciation per asset and book up to the date (the end of that day): cost, accumulated depreciation and
 * impairment, and book value, from `Depreciation.bookValueAt` with the purchase date as the in-service date and
 * the disposal, if any. Assets without a cost, a purchase date or a depreciation book are counted, not listed.
 *
 * @since 0.1.0
 */
export const depreciation = (options: Options = {}): Effect.Effect<Report, Failure, Env> =>
  Effect.gen(function*() {
    const at = options.at ?? (yield* DateTime.now)
    const date = DateTime.formatIsoDateUtc(at)
    const { tenantId } = yield* CurrentActor.CurrentActor
    const scale = (yield* (yield* ValuationStore.ValuationStore).getSettings(tenantId, "none")).currencyScale
    const rows: Array<Record<string, string>> = []
    let skipped = 0
    let total = 0n
    let afterId: string | undefined
    for (;;) {
      const page = yield* Assets.list({ limit: 1000, ...(afterId === undefined ? {} : { afterId }) })
      for (const asset of page) {
        const { cost, date: bought } = asset.purchase
        if (cost === null || bought === null || asset.books.length === 0) {
          skipped++
          continue
        }
        for (const profile of asset.books) {
          const result = Depreciation.bookValueAt({
            cost: fmt(cost),
            placedInService: DateTime.formatIsoDateUtc(bought),
            scale,
            profile: profile as Depreciation.Input["profile"],
            ...(asset.disposal === null ? {} : { disposal: { date: DateTime.formatIsoDateUtc(asset.disposal.at), proceeds: fmt(asset.disposal.proceeds) } })
          }, date)
          const base = { tag: asset.tag, name: asset.name, status: asset.status, book: profile.book, method: profile.method._tag, cost: money(cost) }
          if (Result.isFailure(result)) {
            rows.push({ ...base, accumulated: "", impairment: "", book_value: "", note: result.failure.message })
            continue
          }
          const v = result.success
          total += v.bookValue
          rows.push({
            ...base,
            accumulated: Money.format(v.accumulated, scale),
            impairment: Money.format(v.impairment, scale),
            book_value: Money.format(v.bookValue, scale),
            note: v.disposed ? "disposed" : ""
          })
        }
      }
      if (page.length < 1000) break
      afterId = page[page.length - 1]!.id
    }
    return {
      report: "depreciation",
      meta: { date, skipped: String(skipped) },
      columns: [
        left("tag", "tag"), left("name", "name"), left("status", "status"), left("book", "book"), left("method", "method"), right("cost", "cost"),
        right("accumulated", "accumulated"), right("impairment", "impairment"), right("book_value", "book value"), left("note", "note")
      ],
      rows,
      summary: `${rows.length} asset books, total book value ${Money.format(total, scale)} on ${date}${skipped === 0 ? "" : `; ${skipped} assets without cost, purchase date or book`}`
    } satisfies Report
  })

/**
 * Runs a report by name.
 *
 * @since 0.1.0
 */
export const run = (kind: Kind, options: Options = {}): Effect.Effect<Report, Failure, Env> =>
  kind === "valuation" ? valuation(options) : kind === "abc" ? abc(options) : kind === "reorder" ? reorder : depreciation(options)

/**
 * A report as an aligned text table: a heading line, the rows, and the summary.
 *
 * @since 0.1.0
 */
export const render = (report: Report): string => {
  const cells = (row: Readonly<Record<string, string>>) => report.columns.map((c) => (row[c.key] ?? "").replace(/\s+/g, " "))
  const header = report.columns.map((c) => c.label)
  const body = report.rows.map(cells)
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)))
  const line = (values: ReadonlyArray<string>) =>
    values.map((v, i) => (report.columns[i]!.align === "right" ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join("  ").trimEnd()
  const meta = Object.entries(report.meta).map(([k, v]) => `${k}: ${v}`).join(", ")
  return [`${report.report} (${meta})`, line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line), report.summary].join("\n")
}

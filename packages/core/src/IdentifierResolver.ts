/**
 * The identifier resolver port: from a scanned code to the item, serial, lot or location it names.
 *
 * `resolve` looks a code up as one kind; `identify` tries every kind, because a plain barcode does not say
 * what it is. A code that names several things (a bin code that is also a SKU, a serial held by two items) is
 * an {@link AmbiguousIdentifier} listing the candidates, never a guess. Asset tags are an
 * {@link UnknownIdentifier} until the core holds assets.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Option, Result, Schema } from "effect"
import { CatalogStore } from "./CatalogStore.ts"
import * as Gtin from "./Gtin.ts"
import { distinct, type Identifier, type IdentifierKind, type Match } from "./Identifier.ts"
import type { TenantId } from "./Ids.ts"
import { Sku } from "./Item.ts"
import { LedgerStore } from "./LedgerStore.ts"
import { LocationCode } from "./Location.ts"
import { LotCode, Serial } from "./Movement.ts"
import { AmbiguousIdentifier, type ResolveError, UnknownIdentifier } from "./ScanError.ts"
import type { StoreError } from "./StoreError.ts"

/**
 * Resolves scanned codes for a tenant.
 *
 * @since 0.1.0
 */
export class IdentifierResolver extends Context.Service<IdentifierResolver, {
  /** What a code of a known kind names. */
  readonly resolve: (tenantId: TenantId, identifier: Identifier) => Effect.Effect<Match, ResolveError | StoreError>
  /** What a code of unknown kind names, trying GTIN, SKU, location code, serial in stock and lot. */
  readonly identify: (tenantId: TenantId, code: string) => Effect.Effect<Match, ResolveError | StoreError>
}>()("@quartermaster/core/IdentifierResolver") {
  /**
   * Resolves through the catalog and ledger stores: items by GTIN (any length) and SKU, locations by code,
   * serials where they are in stock, lots by code.
   *
   * @since 0.1.0
   */
  static readonly layerStores: Layer.Layer<IdentifierResolver, never, CatalogStore | LedgerStore> = Layer.effect(
    IdentifierResolver,
    Effect.gen(function*() {
      const catalog = yield* CatalogStore
      const ledger = yield* LedgerStore
      const candidates = (tenantId: TenantId, kind: SearchedKind, code: string) => lookups[kind](catalog, ledger, tenantId, code)
      return IdentifierResolver.of({
        resolve: (tenantId, { code, kind }) =>
          kind === "assetTag"
            ? Effect.fail(new UnknownIdentifier({ code, kind, reason: "asset tags are not supported yet" }))
            : Effect.flatMap(candidates(tenantId, kind, code), (found) => Effect.fromResult(pick(code, kind, found))),
        identify: (tenantId, code) =>
          Effect.flatMap(
            Effect.forEach(SEARCHED, (kind) => candidates(tenantId, kind, code)),
            (found) => Effect.fromResult(pick(code, null, found.flat()))
          )
      })
    })
  )
}

type SearchedKind = Exclude<IdentifierKind, "assetTag">

/** The kinds `identify` tries, most specific first, so candidate lists read in a stable order. */
const SEARCHED: ReadonlyArray<SearchedKind> = ["gtin", "sku", "location", "serial", "lot"]

const NOT_FOUND: Readonly<Record<SearchedKind, string>> = {
  gtin: "no item carries this GTIN",
  sku: "no item has this SKU",
  location: "no location has this code",
  serial: "no serial with this number is in stock",
  lot: "no lot has this code"
}

const pick = (code: string, kind: SearchedKind | null, found: ReadonlyArray<Match>): Result.Result<Match, ResolveError> => {
  const matches = distinct(found)
  if (matches.length === 1) return Result.succeed(matches[0]!)
  if (matches.length > 1) return Result.fail(new AmbiguousIdentifier({ code, candidates: matches }))
  const reason = kind === null ? "it is no GTIN, SKU, location code, serial in stock or lot code" : NOT_FOUND[kind]
  return Result.fail(new UnknownIdentifier({ code, kind, reason }))
}

type Lookup = (
  catalog: CatalogStore["Service"],
  ledger: LedgerStore["Service"],
  tenantId: TenantId,
  code: string
) => Effect.Effect<ReadonlyArray<Match>, StoreError>

const none = Effect.succeed<ReadonlyArray<Match>>([])
const isSku = Schema.is(Sku)
const isLocationCode = Schema.is(LocationCode)
const isSerial = Schema.is(Serial)
const isLotCode = Schema.is(LotCode)

// Each lookup first checks the code against the kind's own rules, so junk from a device never reaches a store
// (some refuse NUL characters, all would waste a query).
const lookups: Readonly<Record<SearchedKind, Lookup>> = {
  gtin: (catalog, _, tenantId, code) => {
    const gtin = Gtin.parse(code)
    if (Result.isFailure(gtin)) return none
    return Effect.map(catalog.findItemByGtin(tenantId, gtin.success), (item) =>
      Option.match(item, { onNone: () => [], onSome: (i) => [{ _tag: "Item" as const, itemId: i.id, via: "gtin" as const, tracking: i.tracking }] }))
  },
  sku: (catalog, _, tenantId, code) =>
    !isSku(code) ? none : Effect.map(catalog.findItemBySku(tenantId, code), (item) =>
      Option.match(item, { onNone: () => [], onSome: (i) => [{ _tag: "Item" as const, itemId: i.id, via: "sku" as const, tracking: i.tracking }] })),
  location: (catalog, _, tenantId, code) =>
    !isLocationCode(code) ? none : Effect.map(catalog.findLocationByCode(tenantId, code), (location) =>
      Option.match(location, { onNone: () => [], onSome: (l) => [{ _tag: "Location" as const, locationId: l.id }] })),
  serial: (_, ledger, tenantId, code) =>
    !isSerial(code) ? none : Effect.map(ledger.serials(tenantId, { serial: code }), (positions) =>
      positions.flatMap((p) =>
        p.locationId === null ? [] : [{ _tag: "Serial" as const, itemId: p.itemId, serial: p.serial, locationId: p.locationId }]
      )),
  lot: (_, ledger, tenantId, code) =>
    !isLotCode(code) ? none : Effect.map(ledger.lots(tenantId, { code }), (lots) =>
      lots.map((l) => ({ _tag: "Lot" as const, itemId: l.itemId, lot: l.code })))
}

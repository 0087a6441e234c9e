/**
 * The demo tenant's catalog and sites: three sites with warehouses, zones and bins, the virtual locations that
 * balance the ledger, and 200+ items across categories, each with its unit, tracking, valuation method, cost
 * and demand profile. Everything comes from a seeded pseudo-random generator, so every run is the same.
 *
 * @since 0.1.0
 */
import type { Item, Location } from "@quartermaster/core"

/**
 * A small, fast, seeded pseudo-random generator (mulberry32): the same seed gives the same sequence.
 *
 * @since 0.1.0
 */
export class Random {
  private state: number
  /** @since 0.1.0 */
  constructor(seed: number) {
    this.state = seed >>> 0
  }
  /** A number in [0, 1). @since 0.1.0 */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  /** An integer in [min, max]. @since 0.1.0 */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  /** One element of a non-empty array. @since 0.1.0 */
  pick<A>(values: ReadonlyArray<A>): A {
    return values[Math.floor(this.next() * values.length)]!
  }
  /** A Poisson-distributed count with mean `lambda` (normal approximation above 30). @since 0.1.0 */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0
    if (lambda > 30) {
      const u = Math.max(this.next(), 1e-12)
      const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
      return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal))
    }
    const limit = Math.exp(-lambda)
    let k = 0
    let p = this.next()
    while (p > limit) {
      k++
      p *= this.next()
    }
    return k
  }
}

/**
 * One demo location, in creation order (parents first).
 *
 * @since 0.1.0
 */
export type SeedLocation = Location.NewLocation & { readonly id: string; readonly name: string }

/**
 * A demo site: its id, name and the bins items are stocked in.
 *
 * @since 0.1.0
 */
export interface SeedSite {
  readonly id: string
  readonly code: string
  readonly name: string
  readonly bins: ReadonlyArray<string>
}

/** How an item's demand behaves. @since 0.1.0 */
export type DemandKind = "fast" | "steady" | "slow" | "intermittent" | "dead"

/**
 * One demo item: what to create, and how the simulation treats it. `rate` is the mean daily demand in base
 * units (thousandths for kg items), `cost` the base unit cost in the currency.
 *
 * @since 0.1.0
 */
export interface SeedItem {
  readonly input: Item.NewItem & { readonly id: string }
  readonly decimals: number
  readonly tracking: "none" | "lot" | "serial"
  readonly shelfLifeDays: number | null
  readonly packSize: number
  readonly cost: number
  readonly costDecimals: number
  readonly demand: DemandKind
  readonly rate: number
  readonly leadTimeDays: number
  readonly reorderPoint: number
  readonly orderQuantity: number
  readonly sites: ReadonlyArray<number>
  /** Whether the supplier stops delivering in the last weeks, so the item ends below its reorder point. */
  readonly backlog: boolean
}

/** The virtual locations: supplier, customer, loss/adjustment and transit. @since 0.1.0 */
export const virtual = {
  supplier: "loc-supplier",
  customer: "loc-customer",
  loss: "loc-loss",
  transit: "loc-transit"
} as const

const SITES = [
  { key: "ber", code: "BER", name: "Berlin distribution centre" },
  { key: "lyo", code: "LYO", name: "Lyon regional warehouse" },
  { key: "man", code: "MAN", name: "Manchester depot" }
] as const

/**
 * The demo locations (virtual ones first) and the sites with their bins.
 *
 * @since 0.1.0
 */
export const locations = (): { readonly all: ReadonlyArray<SeedLocation>; readonly sites: ReadonlyArray<SeedSite> } => {
  const all: Array<SeedLocation> = [
    { id: virtual.supplier, code: "SUPPLIERS", name: "Suppliers", kind: "site", usage: "supplier" },
    { id: virtual.customer, code: "CUSTOMERS", name: "Customers", kind: "site", usage: "customer" },
    { id: virtual.loss, code: "LOSS", name: "Inventory loss and adjustment", kind: "site", usage: "loss" },
    { id: virtual.transit, code: "TRANSIT", name: "Goods in transit", kind: "site", usage: "transit" }
  ]
  const sites: Array<SeedSite> = []
  for (const s of SITES) {
    const site = `loc-${s.key}`
    const warehouse = `${site}-wh`
    all.push({ id: site, code: s.code, name: s.name, kind: "site", usage: "internal" })
    all.push({ id: warehouse, code: `${s.code}-WH1`, name: `${s.name}, warehouse 1`, kind: "warehouse", parentId: site })
    const bins: Array<string> = []
    for (const zone of ["A", "B", "C"]) {
      const zoneId = `${warehouse}-${zone.toLowerCase()}`
      all.push({ id: zoneId, code: `${s.code}-WH1-${zone}`, name: `Zone ${zone}`, kind: "zone", parentId: warehouse })
      for (let n = 1; n <= 4; n++) {
        const bin = `${zoneId}-${n}`
        all.push({ id: bin, code: `${s.code}-${zone}${String(n).padStart(2, "0")}`, name: `Bin ${zone}${n}`, kind: "bin", parentId: zoneId })
        bins.push(bin)
      }
    }
    sites.push({ id: site, code: s.code, name: s.name, bins })
  }
  return { all, sites }
}

interface Category {
  readonly path: string
  readonly prefix: string
  readonly count: number
  readonly names: ReadonlyArray<string>
  readonly variants: ReadonlyArray<string>
  readonly unit: "each" | "kg"
  readonly caseOf12: boolean
  readonly tracking: "none" | "lot" | "serial"
  readonly shelfLife: readonly [number, number] | null
  readonly cost: readonly [number, number]
  readonly method: ReadonlyArray<Item.ValuationMethod>
}

const CATEGORIES: ReadonlyArray<Category> = [
  { path: "Hardware/Fasteners", prefix: "FAS", count: 24, names: ["Hex bolt", "Wood screw", "Machine screw", "Wall plug", "Flat washer", "Lock nut"], variants: ["M4", "M5", "M6", "M8"], unit: "each", caseOf12: true, tracking: "none", shelfLife: null, cost: [0.04, 0.6], method: ["fifo", "moving-average"] },
  { path: "Hardware/Hand tools", prefix: "TLS", count: 18, names: ["Claw hammer", "Screwdriver set", "Adjustable wrench", "Utility knife", "Spirit level", "Tape measure"], variants: ["standard", "pro", "compact"], unit: "each", caseOf12: false, tracking: "none", shelfLife: null, cost: [6, 45], method: ["fifo"] },
  { path: "Electrical/Cables", prefix: "CBL", count: 15, names: ["Power cable", "Patch cable Cat6", "Extension lead", "HDMI cable", "USB-C cable"], variants: ["1 m", "2 m", "5 m"], unit: "each", caseOf12: true, tracking: "none", shelfLife: null, cost: [2.5, 14], method: ["fifo", "lifo"] },
  { path: "Electrical/Lighting", prefix: "LGT", count: 15, names: ["LED bulb E27", "LED tube T8", "Floodlight", "Emergency light", "Panel light"], variants: ["warm", "neutral", "daylight"], unit: "each", caseOf12: true, tracking: "none", shelfLife: null, cost: [3, 60], method: ["moving-average"] },
  { path: "Food/Dry goods", prefix: "DRY", count: 20, names: ["Basmati rice", "Durum pasta", "Wheat flour", "Cane sugar", "Rolled oats"], variants: ["organic", "standard", "bulk", "premium"], unit: "kg", caseOf12: false, tracking: "lot", shelfLife: [120, 360], cost: [0.9, 4.5], method: ["fifo"] },
  { path: "Food/Beverages", prefix: "BEV", count: 20, names: ["Mineral water 1.5 l", "Orange juice 1 l", "Cold brew coffee", "Green tea 0.5 l", "Cola 0.33 l"], variants: ["still", "sparkling", "light", "classic"], unit: "each", caseOf12: true, tracking: "lot", shelfLife: [60, 270], cost: [0.35, 2.8], method: ["fifo"] },
  { path: "Chemicals/Cleaning", prefix: "CLN", count: 16, names: ["Floor cleaner", "Glass cleaner", "Degreaser", "Hand soap", "Disinfectant"], variants: ["1 l", "5 l", "concentrate", "refill"], unit: "each", caseOf12: true, tracking: "lot", shelfLife: [180, 540], cost: [1.8, 16], method: ["fifo", "moving-average"] },
  { path: "Medical/First aid", prefix: "MED", count: 14, names: ["First aid kit", "Sterile gauze", "Plasters", "Eye wash", "Burn gel"], variants: ["small", "large", "refill"], unit: "each", caseOf12: true, tracking: "lot", shelfLife: [45, 200], cost: [1.2, 35], method: ["fifo"] },
  { path: "IT/Laptops", prefix: "LAP", count: 10, names: ["Laptop 14\"", "Laptop 15\"", "Ultrabook 13\"", "Workstation laptop 16\"", "Rugged laptop 14\""], variants: ["i5/16 GB", "i7/32 GB"], unit: "each", caseOf12: false, tracking: "serial", shelfLife: null, cost: [650, 2400], method: ["fifo"] },
  { path: "IT/Peripherals", prefix: "PER", count: 20, names: ["Monitor 27\"", "Barcode scanner", "Docking station", "Wireless keyboard", "Wireless mouse"], variants: ["A", "B", "C", "D"], unit: "each", caseOf12: false, tracking: "none", shelfLife: null, cost: [12, 320], method: ["fifo", "moving-average"] },
  { path: "Safety/PPE", prefix: "PPE", count: 20, names: ["Safety gloves", "Hard hat", "Hi-vis vest", "Safety glasses", "Ear defenders"], variants: ["S", "M", "L", "XL"], unit: "each", caseOf12: true, tracking: "none", shelfLife: null, cost: [1.5, 24], method: ["fifo", "moving-average"] },
  { path: "Office/Paper", prefix: "OFF", count: 12, names: ["Copy paper A4", "Labels 70x37", "Notebook A5", "Envelopes C5"], variants: ["80 g", "100 g", "recycled"], unit: "each", caseOf12: true, tracking: "none", shelfLife: null, cost: [1.1, 9], method: ["fifo"] },
  { path: "Packaging/Film and tape", prefix: "PKG", count: 12, names: ["Stretch film", "Packing tape", "Bubble wrap", "Void fill paper"], variants: ["light", "standard", "heavy"], unit: "kg", caseOf12: false, tracking: "none", shelfLife: null, cost: [1.6, 7.5], method: ["moving-average", "fifo"] }
]

// Demand profiles: the mix decides the ABC curve and what the forecasts see.
const DEMAND: ReadonlyArray<readonly [DemandKind, number]> = [["fast", 0.15], ["steady", 0.35], ["slow", 0.25], ["intermittent", 0.2], ["dead", 0.05]]

const demandKind = (r: Random): DemandKind => {
  let u = r.next()
  for (const [kind, p] of DEMAND) {
    if (u < p) return kind
    u -= p
  }
  return "steady"
}

const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals

// GTIN-13 with a valid check digit, from a company prefix and a running number.
const gtin13 = (n: number): string => {
  const body = `400638${String(n).padStart(6, "0")}`
  let sum = 0
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3)
  return `${body}${(10 - (sum % 10)) % 10}`
}

/**
 * The demo items, deterministic for a seed.
 *
 * @since 0.1.0
 */
export const items = (r: Random): ReadonlyArray<SeedItem> => {
  const out: Array<SeedItem> = []
  let n = 0
  for (const c of CATEGORIES) {
    for (let i = 0; i < c.count; i++) {
      n++
      const name = `${c.names[i % c.names.length]!} ${c.variants[Math.floor(i / c.names.length) % c.variants.length]!}`
      const sku = `${c.prefix}-${String(i + 1).padStart(3, "0")}`
      const decimals = c.unit === "kg" ? 3 : 0
      const scale = 10 ** decimals
      // Log-uniform costs: a few expensive items carry most of the value, as in real stock.
      const cost = Math.exp(Math.log(c.cost[0]) + r.next() * (Math.log(c.cost[1]) - Math.log(c.cost[0])))
      const costDecimals = cost < 1 ? 4 : 2
      const demand = c.tracking === "serial" && r.next() < 0.5 ? "slow" : demandKind(r)
      const perDay = demand === "fast" ? 8 + r.next() * 30 : demand === "steady" ? 2 + r.next() * 8 : demand === "slow" ? 0.3 + r.next() * 1.2 : demand === "intermittent" ? 6 + r.next() * 20 : 1 + r.next() * 3
      const rate = Math.max(1, Math.round((c.tracking === "serial" ? Math.min(perDay, 1.5) : perDay) * scale * (cost > 200 ? 0.2 : 1)))
      const leadTimeDays = r.int(3, 14)
      const daily = demand === "intermittent" ? rate * 0.12 : rate
      const packSize = c.caseOf12 ? 12 : 1
      const roundUp = (x: number) => Math.max(packSize, Math.ceil(x / packSize) * packSize)
      const reorderPoint = Math.max(1, Math.round(daily * leadTimeDays * 1.4 + (c.tracking === "serial" ? 1 : 2 * scale)))
      const orderQuantity = roundUp(daily * r.int(14, 35) + scale)
      const shelfLifeDays = c.shelfLife === null ? null : r.int(c.shelfLife[0], c.shelfLife[1])
      const input: SeedItem["input"] = {
        id: `item-${sku.toLowerCase()}`,
        sku,
        name,
        description: `${name} (${c.path.split("/").join(", ").toLowerCase()})`,
        baseUnit: { code: c.unit, decimals },
        ...(c.caseOf12 ? { conversions: [{ code: "case", factor: 12 }] } : c.unit === "kg" ? { conversions: [{ code: "g", factor: "0.001" }] } : {}),
        tracking: c.tracking,
        ...(shelfLifeDays === null ? {} : { shelfLifeDays }),
        valuationMethod: r.pick(c.method),
        reorder: {
          kind: "rop-q",
          reorderPoint: (reorderPoint / scale).toFixed(decimals),
          orderQuantity: (orderQuantity / scale).toFixed(decimals),
          leadTimeDays,
          ...(packSize > 1 ? { packSize: packSize } : {})
        },
        gtins: c.unit === "each" ? [gtin13(n)] : [],
        category: c.path,
        attributes: { supplier: r.pick(["Nordwerk GmbH", "Atelier Dupont", "Pennine Supply Ltd", "Baltic Trading"]), abcReview: demand !== "dead" }
      }
      const home = (n - 1) % 3
      const sites = r.next() < 0.35 ? [home, (home + 1 + r.int(0, 1)) % 3] : [home]
      out.push({
        input,
        decimals,
        tracking: c.tracking,
        shelfLifeDays,
        packSize,
        cost: round(cost, costDecimals),
        costDecimals,
        demand,
        rate,
        leadTimeDays,
        reorderPoint,
        orderQuantity,
        sites,
        backlog: demand !== "dead" && r.next() < 0.1
      })
    }
  }
  return out
}

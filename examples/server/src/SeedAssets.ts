/**
 * The demo tenant's IT assets: laptops, monitors, scanners and site equipment with purchase data, warranties
 * (some ending soon) and depreciation books (straight line, and MACRS GDS for tax), in every lifecycle state,
 * checked out to people (some overdue); software licences with assigned seats (some expiring soon); and TLS certificates tracked by expiry (metadata and
 * fingerprints only). Everything goes through the core's asset, check-out, licence and credential commands.
 *
 * Overdue check-outs are made as they would have happened: under a clock set to the day they were checked out.
 *
 * @since 0.1.0
 */
import { type Asset, type AssetLifecycle, Assets, CheckOuts, Credentials, Licences } from "@quartermaster/core"
import { Clock, Effect } from "effect"
import { Random } from "./SeedCatalog.ts"

const DAY = 86_400_000

/** What {@link seed} created. @since 0.1.0 */
export interface AssetsSummary {
  readonly assets: number
  readonly checkOuts: number
  readonly overdue: number
  readonly licences: number
  readonly certificates: number
}

const PEOPLE = ["a.schmidt", "b.martin", "c.dubois", "d.okafor", "e.novak", "f.jones", "g.rossi", "h.tanaka", "i.kowalski", "j.smith", "k.larsen", "l.moreau"]

const KINDS = [
  { prefix: "LT", name: "Laptop", category: "IT/Laptops", cost: [900, 2300], count: 18, warrantyYears: 3, lifeYears: 3, macrs: 5 },
  { prefix: "MN", name: "Monitor 27\"", category: "IT/Monitors", cost: [180, 420], count: 10, warrantyYears: 3, lifeYears: 5, macrs: 5 },
  { prefix: "SC", name: "Barcode scanner", category: "IT/Scanners", cost: [260, 640], count: 8, warrantyYears: 2, lifeYears: 4, macrs: 5 },
  { prefix: "FL", name: "Forklift", category: "Equipment/Forklifts", cost: [18_000, 32_000], count: 3, warrantyYears: 2, lifeYears: 8, macrs: 7 },
  { prefix: "PR", name: "Label printer", category: "IT/Printers", cost: [320, 900], count: 5, warrantyYears: 1, lifeYears: 4, macrs: 5 }
] as const

// Everything the clock says is now, at another time: for history that happened in the past.
const at = (millis: number) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(Clock.clockWith(Effect.succeed), (real) =>
    Effect.provideService(effect, Clock.Clock, {
      ...real,
      currentTimeMillisUnsafe: () => millis,
      currentTimeMillis: Effect.succeed(millis),
      currentTimeNanosUnsafe: () => BigInt(millis) * 1_000_000n,
      currentTimeNanos: Effect.succeed(BigInt(millis) * 1_000_000n)
    }))

const iso = (millis: number) => new Date(millis).toISOString()
const date = (millis: number) => iso(millis).slice(0, 10)
const hex = (r: Random, length: number) => Array.from({ length }, () => "0123456789abcdef"[r.int(0, 15)]).join("")

/**
 * Seeds assets, check-outs, licences and certificates for the current tenant, with `now` as the present.
 *
 * @since 0.1.0
 */
export const seed = (now: number, sites: ReadonlyArray<string>, seedValue: number) =>
  Effect.gen(function*() {
    const r = new Random(seedValue)
    let assets = 0
    let checkOuts = 0
    let overdue = 0
    let n = 0
    const registered: Array<string> = []
    for (const kind of KINDS) {
      for (let i = 1; i <= kind.count; i++) {
        n++
        const tag = `${kind.prefix}-${String(i).padStart(4, "0")}`
        const bought = now - r.int(60, 1100) * DAY
        // A few warranties end within the month, so the dashboard has something to warn about.
        const warrantyEnds = n % 9 === 0 ? now + r.int(3, 28) * DAY : bought + kind.warrantyYears * 365 * DAY
        const input: Asset.NewAsset = {
          id: `asset-${tag.toLowerCase()}`,
          tag,
          name: `${kind.name} ${tag}`,
          serial: `${kind.prefix}${hex(r, 10).toUpperCase()}`,
          category: kind.category,
          locationId: sites[n % sites.length]!,
          purchase: { cost: (kind.cost[0] + r.next() * (kind.cost[1] - kind.cost[0])).toFixed(2), date: iso(bought), supplier: r.pick(["Nordwerk GmbH", "Pennine Supply Ltd", "Baltic Trading"]) },
          warranty: { endsAt: iso(warrantyEnds), provider: "Manufacturer" },
          // Depreciation: in service two days after delivery, a straight-line book and a MACRS GDS tax book.
          inServiceDate: date(bought + 2 * DAY),
          books: [
            { book: "book", method: { _tag: "StraightLine" }, usefulLifeYears: kind.lifeYears },
            { book: "tax", method: { _tag: "Macrs", recoveryPeriod: kind.macrs, convention: "halfYear" } }
          ],
          ...(i === kind.count && kind.count > 5 ? { status: "onOrder" as const } : {})
        }
        yield* Assets.register(input).pipe(at(bought))
        registered.push(input.id!)
        assets++
        if (input.status === "onOrder") continue
        // Most assets are handed out; some of those were due back already.
        const roll = r.next()
        if (roll < 0.6) {
          const person = PEOPLE[n % PEOPLE.length]!
          const late = n % 4 === 0
          const outAt = late ? now - r.int(20, 60) * DAY : now - r.int(1, 40) * DAY
          const due = late ? now - r.int(2, 15) * DAY : now + r.int(10, 120) * DAY
          yield* CheckOuts.checkOut({
            id: `co-${tag.toLowerCase()}`,
            asset: tag,
            assignee: { _tag: "person", personId: person },
            expectedReturnAt: iso(due),
            condition: "good"
          }).pipe(at(outAt))
          checkOuts++
          if (late) overdue++
        } else {
          const action: AssetLifecycle.Action | null = roll < 0.7 ? "sendToRepair" : roll < 0.76 ? "startMaintenance" : roll < 0.82 ? "retire" : roll < 0.85 ? "reportMissing" : null
          if (action !== null) yield* Assets.transition(tag, action, "demo history").pipe(at(now - r.int(1, 30) * DAY))
        }
      }
    }

    const licences = [
      ["Microsoft 365 E3", "Microsoft", 25, "user", "32.00", 200],
      ["Adobe Acrobat Pro", "Adobe", 10, "user", "19.99", 14],
      ["JetBrains All Products", "JetBrains", 6, "user", "779.00", 25],
      ["Slack Business+", "Salesforce", 25, "user", "12.50", 340],
      ["AutoCAD LT", "Autodesk", 3, "user", "495.00", 9],
      ["Windows Server 2022 Standard", "Microsoft", 4, "device", "1069.00", 420],
      ["Zebra Link-OS Enterprise", "Zebra", 8, "device", "150.00", 21],
      ["1Password Business", "AgileBits", 20, "user", "7.99", 60]
    ] as const
    for (const [i, [product, vendor, seats, basis, cost, days]] of licences.entries()) {
      const id = `lic-${String(i + 1).padStart(2, "0")}`
      yield* Licences.create({
        id,
        product,
        vendor,
        seats,
        seatBasis: basis,
        costPerSeat: cost,
        purchasedOn: date(now - (365 - days) * DAY),
        expiresOn: date(now + days * DAY),
        renewalOn: date(now + Math.max(1, days - 14) * DAY)
      })
      const used = Math.min(seats, Math.round(seats * (0.6 + r.next() * 0.35)))
      for (let s = 0; s < used; s++) {
        // Per-device seats go to assets (by id), per-user seats to people.
        yield* Licences.assign(id, basis === "user" ? { kind: "person", id: `${PEOPLE[s % PEOPLE.length]!}-${Math.floor(s / PEOPLE.length)}` } : { kind: "device", id: registered[(i * 7 + s) % registered.length]! })
      }
    }

    const certificates = [
      ["api.quartermaster.example", 12],
      ["dashboard.quartermaster.example", 45],
      ["sftp.warehouse.example", 6],
      ["edi.partner-gateway.example", 160],
      ["vpn.ber.example", 26],
      ["mqtt.rfid-readers.example", 300]
    ] as const
    for (const [i, [host, days]] of certificates.entries()) {
      yield* Credentials.register({
        id: `cert-${String(i + 1).padStart(2, "0")}`,
        kind: "certificate",
        name: `${host} TLS`,
        subject: `CN=${host}`,
        issuer: r.pick(["CN=R11, O=Let's Encrypt, C=US", "CN=Sectigo RSA Domain Validation Secure Server CA"]),
        fingerprint: hex(r, 64),
        serialNumber: hex(r, 32),
        notBefore: iso(now - (90 - Math.min(days, 89)) * DAY),
        notAfter: iso(now + days * DAY),
        owner: "it-ops"
      })
    }
    return { assets, checkOuts, overdue, licences: licences.length, certificates: certificates.length } satisfies AssetsSummary
  })

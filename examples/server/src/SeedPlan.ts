/**
 * The demo tenant's history: a day-by-day simulation of six months of trading that ends at a given time.
 *
 * Each item is replenished by a (reorder point, order quantity) policy with a lead time and drifting unit
 * costs, sold with its own demand pattern (fast, steady, slow, intermittent or dead), moved between sites
 * through transit, written off when lots expire or stock is damaged, and found again by counts. Lot-tracked
 * items are issued first-expiry-first-out and serial-tracked items by serial. The simulation never lets a
 * location go negative, so every batch posts. Some suppliers stop delivering in the last weeks, so a few
 * items end below their reorder point.
 *
 * @since 0.1.0
 */
import type { Movement } from "@quartermaster/core"
import { Random, type SeedItem, type SeedSite, virtual } from "./SeedCatalog.ts"

const DAY = 86_400_000

/**
 * The plan: movement batches (one per simulated month), oldest first, and the time span they cover.
 *
 * @since 0.1.0
 */
export interface Plan {
  readonly from: number
  readonly to: number
  readonly batches: ReadonlyArray<ReadonlyArray<Movement.MovementInput>>
  readonly movements: number
}

interface LotStock {
  readonly code: string
  readonly expiresAt: number | null
  qty: number
}

// What one stock-holding bin holds of one item: plain units, lots (FEFO order) or serials (FIFO order).
interface Stock {
  plain: number
  lots: Array<LotStock>
  serials: Array<string>
}

const total = (s: Stock) => s.plain + s.lots.reduce((n, l) => n + l.qty, 0) + s.serials.length

const format = (units: number, decimals: number): string => (decimals === 0 ? String(units) : (units / 10 ** decimals).toFixed(decimals))

/**
 * Simulates `days` days ending at `now` (epoch milliseconds) and returns the movements to post.
 *
 * @since 0.1.0
 */
export const simulate = (options: {
  readonly items: ReadonlyArray<SeedItem>
  readonly sites: ReadonlyArray<SeedSite>
  readonly now: number
  readonly days: number
  readonly seed: number
  readonly batchDays?: number
}): Plan => {
  const { items, now, days, sites } = options
  const r = new Random(options.seed)
  // The last day is today, unless today has barely begun.
  const firstDay = Math.floor((now - 2 * 3_600_000) / DAY) * DAY - (days - 1) * DAY
  const lines: Array<Array<Movement.MovementInput>> = []
  let seq = 0
  let serialSeq = 0
  let orderSeq = 0
  const batchDays = options.batchDays ?? 30

  const bins = items.map((item, i) => item.sites.map((s) => sites[s]!.bins[i % sites[s]!.bins.length]!))
  const stock = items.map((item) => item.sites.map((): Stock => ({ plain: 0, lots: [], serials: [] })))
  // Opening stock arrives on the first day.
  const orders = items.map((item): Array<{ arrive: number; qty: number; cost: number; ref: string }> => [
    { arrive: 0, qty: item.orderQuantity + item.reorderPoint, cost: item.cost, ref: "OPENING" }
  ])
  const inTransit = items.map((): Array<{ arrive: number; site: number; qty: number; lot: string | null; expiresAt: number | null; serials: Array<string>; ref: string }> => [])

  for (let day = 0; day < days; day++) {
    const dayStart = firstDay + day * DAY
    // The last day ends now: its hours are squeezed into what has passed of it.
    const span = Math.min(DAY, now - dayStart - 60_000)
    const at = (hour: number) => new Date(dayStart + Math.floor((hour / 24) * span) + (seq % 60) * 1000).toISOString()
    const batch = Math.floor(day / batchDays)
    const out = (lines[batch] ??= [])
    const push = (line: Omit<Movement.MovementInput, "id">) => out.push({ id: `seed-mv-${String(++seq).padStart(6, "0")}`, ...line })
    const weekday = new Date(dayStart).getUTCDay()
    // A business-to-business distributor: nothing ships at weekends; steady items ship on Monday, Wednesday
    // and Friday, slow items on Wednesdays, each with the demand of the days between.
    const weekend = weekday === 0 || weekday === 6
    const shipDay = weekday === 1 || weekday === 3 || weekday === 5
    const weekFactor = 7 / 5
    const season = 1 + 0.25 * Math.sin((2 * Math.PI * day) / 91)

    items.forEach((item, i) => {
      const fmt = (units: number) => format(units, item.decimals)
      const drift = 1 + 0.08 * (day / days)
      const unitCost = () => (item.cost * drift * (0.94 + r.next() * 0.12)).toFixed(item.costDecimals)
      const here = stock[i]!

      // Receive what arrives today into the item's first site.
      const arriving = orders[i]!.filter((o) => o.arrive <= day)
      orders[i] = orders[i]!.filter((o) => o.arrive > day)
      for (const o of arriving) {
        const line: Omit<Movement.MovementInput, "id"> = {
          itemId: item.input.id, from: virtual.supplier, to: bins[i]![0]!, quantity: fmt(o.qty), unitCost: o.cost.toFixed(item.costDecimals),
          effectiveAt: at(7 + r.next()), reasonCode: "purchase", reference: o.ref
        }
        if (item.tracking === "lot") {
          const code = `L${new Date(dayStart).toISOString().slice(2, 10).replaceAll("-", "")}-${item.input.sku}`
          const expiresAt = dayStart + item.shelfLifeDays! * DAY
          push({ ...line, lot: code, lotExpiresAt: new Date(expiresAt).toISOString() })
          here[0]!.lots.push({ code, expiresAt, qty: o.qty })
          here[0]!.lots.sort((a, b) => (a.expiresAt ?? 0) - (b.expiresAt ?? 0))
        } else if (item.tracking === "serial") {
          const serials = Array.from({ length: o.qty }, () => `SN${String(++serialSeq).padStart(7, "0")}`)
          push({ ...line, serials })
          here[0]!.serials.push(...serials)
        } else {
          push(line)
          here[0]!.plain += o.qty
        }
      }

      // Goods in transit arrive at their site.
      const landing = inTransit[i]!.filter((t) => t.arrive <= day)
      inTransit[i] = inTransit[i]!.filter((t) => t.arrive > day)
      for (const t of landing) {
        push({
          itemId: item.input.id, from: virtual.transit, to: bins[i]![t.site]!, quantity: fmt(t.qty), effectiveAt: at(9 + r.next()),
          reasonCode: "transfer-in", reference: t.ref, ...(t.lot === null ? {} : { lot: t.lot }), ...(t.serials.length === 0 ? {} : { serials: t.serials })
        })
        const s = here[t.site]!
        if (t.lot !== null) {
          const lot = s.lots.find((l) => l.code === t.lot)
          if (lot === undefined) s.lots.push({ code: t.lot, expiresAt: t.expiresAt, qty: t.qty })
          else lot.qty += t.qty
          s.lots.sort((a, b) => (a.expiresAt ?? 0) - (b.expiresAt ?? 0))
        } else if (t.serials.length > 0) s.serials.push(...t.serials)
        else s.plain += t.qty
      }

      // Expired lots are written off before anything is sold from them.
      item.sites.forEach((_, si) => {
        const s = here[si]!
        for (const lot of s.lots) {
          if (lot.qty > 0 && lot.expiresAt !== null && lot.expiresAt <= dayStart) {
            push({ itemId: item.input.id, from: bins[i]![si]!, to: virtual.loss, quantity: fmt(lot.qty), lot: lot.code, effectiveAt: at(7.5), reasonCode: "expired", reference: `WO-${lot.code}` })
            lot.qty = 0
          }
        }
        s.lots = s.lots.filter((l) => l.qty > 0)
      })

      // Customer demand, split over the item's sites; unmet demand is lost.
      const ships = item.demand === "fast" || item.demand === "intermittent" ? true : item.demand === "slow" ? weekday === 3 : shipDay
      const active = (item.demand !== "dead" || day < 45) && !weekend && ships
      const gathered = item.demand === "fast" || item.demand === "intermittent" ? 1 : item.demand === "slow" ? 5 : 5 / 3
      item.sites.forEach((_, si) => {
        if (!active) return
        const share = item.sites.length === 1 ? 1 : si === 0 ? 0.6 : 0.4
        let wanted: number
        if (item.demand === "intermittent") wanted = r.next() < 0.12 * share * weekFactor ? Math.max(1, Math.round(item.rate * (0.4 + r.next()))) : 0
        else {
          const mean = (item.rate * share * weekFactor * gathered * season) / 10 ** item.decimals
          wanted = item.decimals === 0 ? r.poisson(mean) : Math.round(r.poisson(mean) * 10 ** item.decimals * (0.8 + r.next() * 0.4))
        }
        const s = here[si]!
        const qty = Math.min(wanted, total(s))
        if (qty <= 0) return
        const base = { itemId: item.input.id, from: bins[i]![si]!, to: virtual.customer, effectiveAt: at(10 + r.next() * 7), reasonCode: "sale", reference: `SO-${String(100000 + seq)}` }
        if (item.tracking === "lot") {
          let left = qty
          for (const lot of s.lots) {
            if (left === 0) break
            const take = Math.min(left, lot.qty)
            if (take === 0) continue
            push({ ...base, quantity: fmt(take), lot: lot.code })
            lot.qty -= take
            left -= take
          }
          s.lots = s.lots.filter((l) => l.qty > 0)
        } else if (item.tracking === "serial") {
          push({ ...base, quantity: fmt(qty), serials: s.serials.splice(0, qty) })
        } else {
          push({ ...base, quantity: fmt(qty) })
          s.plain -= qty
        }
      })

      // Restock second sites from the first through transit, two days on the road.
      for (let si = 1; si < item.sites.length; si++) {
        const target = Math.ceil((item.rate * 0.4 * 10) / item.packSize) * item.packSize
        const pending = inTransit[i]!.some((t) => t.site === si)
        if (pending || total(here[si]!) > item.rate * 0.4 * 4) continue
        const source = here[0]!
        const qty = Math.min(target, Math.max(0, total(source) - Math.ceil(item.reorderPoint / 2)))
        if (qty < Math.max(1, item.packSize)) continue
        const ref = `TR-${String(5000 + seq)}`
        const base = { itemId: item.input.id, from: bins[i]![0]!, to: virtual.transit, effectiveAt: at(17.5), reasonCode: "transfer-out", reference: ref }
        if (item.tracking === "lot") {
          let left = qty
          for (const lot of source.lots) {
            if (left === 0) break
            const take = Math.min(left, lot.qty)
            push({ ...base, quantity: fmt(take), lot: lot.code })
            inTransit[i]!.push({ arrive: day + 2, site: si, qty: take, lot: lot.code, expiresAt: lot.expiresAt, serials: [], ref })
            lot.qty -= take
            left -= take
          }
          source.lots = source.lots.filter((l) => l.qty > 0)
        } else if (item.tracking === "serial") {
          const serials = source.serials.splice(0, qty)
          push({ ...base, quantity: fmt(qty), serials })
          inTransit[i]!.push({ arrive: day + 2, site: si, qty, lot: null, expiresAt: null, serials, ref })
        } else {
          push({ ...base, quantity: fmt(qty) })
          inTransit[i]!.push({ arrive: day + 2, site: si, qty, lot: null, expiresAt: null, serials: [], ref })
          source.plain -= qty
        }
      }

      // Shrinkage and count gains, now and then, for untracked items.
      if (item.tracking === "none" && r.next() < 0.01) {
        const si = r.int(0, item.sites.length - 1)
        const s = here[si]!
        const qty = Math.min(s.plain, Math.max(1, Math.round(item.rate * (0.2 + r.next()))))
        if (r.next() < 0.7 && qty > 0) {
          push({ itemId: item.input.id, from: bins[i]![si]!, to: virtual.loss, quantity: fmt(qty), effectiveAt: at(18), reasonCode: r.pick(["damaged", "shrinkage"]), reference: `ADJ-${seq}` })
          s.plain -= qty
        } else if (qty > 0) {
          push({ itemId: item.input.id, from: virtual.loss, to: bins[i]![si]!, quantity: fmt(qty), unitCost: unitCost(), effectiveAt: at(18), reasonCode: "count-gain", reference: `CNT-${seq}` })
          s.plain += qty
        }
      }

      // Reorder when the position (everything held, in transit and on order) reaches the reorder point.
      const held = here.reduce((n, s) => n + total(s), 0) + inTransit[i]!.reduce((n, t) => n + t.qty, 0)
      const onOrder = orders[i]!.reduce((n, o) => n + o.qty, 0)
      const stopped = item.backlog && day >= days - 30
      // Buyers order a little ahead of the policy's reorder point, so most items stay above it.
      if (!stopped && item.demand !== "dead" && held + onOrder <= item.reorderPoint * 1.5 + item.rate * 2) {
        const ref = `PO-${String(20000 + ++orderSeq)}`
        orders[i]!.push({ arrive: day + item.leadTimeDays + r.int(0, 2), qty: item.orderQuantity, cost: Number(unitCost()), ref })
      }
    })
  }
  const batches = lines.filter((b) => b !== undefined && b.length > 0)
  return { from: firstDay, to: now, batches, movements: seq }
}

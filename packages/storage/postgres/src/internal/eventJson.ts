// Domain events as JSON text for the events table.
//
// A posting's `MovementsPosted` event carries every movement of its batch, and encoding a thousand movements
// through the schema costs the client about as long as PostgreSQL takes to write them. So movements are written
// out here field by field, as `Movement`'s schema encodes them (bigints and decimals as strings, times as UTC
// ISO strings); the event's lots, and every other event, go through the schema. The test compares both over
// generated movements and decodes the result back.
import { DomainEvent, Lot, type Movement } from "@quartermaster/core"
import { BigDecimal, DateTime, Schema } from "effect"
import { encodeDoc } from "./errors.ts"

const viaSchema = encodeDoc(DomainEvent.DomainEvent)
const encodeLots = Schema.encodeSync(Schema.Array(Lot.Lot)) as (lots: ReadonlyArray<Lot.Lot>) => unknown

/** `f`, remembering its last argument and result: for runs of the same value. */
const lastOf = <A, B>(f: (a: A) => B): ((a: A) => B) => {
  let last: A | undefined
  let result: B
  return (a) => {
    if (a !== last) {
      last = a
      result = f(a)
    }
    return result
  }
}

/** A movement as `Movement`'s schema encodes it, fields in the schema's order. */
const encodeMovements = (movements: ReadonlyArray<Movement.Movement>): Array<unknown> => {
  // A batch's movements share their recorded time (and mostly their effective time and cost): each run of one
  // value is formatted once.
  const iso = lastOf(DateTime.formatIso)
  const cost = lastOf(BigDecimal.format)
  const out = new Array<unknown>(movements.length)
  for (let i = 0; i < movements.length; i++) {
    const m = movements[i]!
    out[i] = {
      id: m.id,
      tenantId: m.tenantId,
      seq: m.seq,
      batchId: m.batchId,
      itemId: m.itemId,
      fromLocationId: m.fromLocationId,
      toLocationId: m.toLocationId,
      quantity: m.quantity.toString(),
      lot: m.lot,
      serials: m.serials,
      unitCost: m.unitCost === null ? null : cost(m.unitCost),
      effectiveAt: iso(m.effectiveAt),
      recordedAt: iso(m.recordedAt),
      reasonCode: m.reasonCode,
      reference: m.reference,
      reservationId: m.reservationId,
      actorId: m.actorId
    }
  }
  return out
}

/** The event as JSON text, as `DomainEvent`'s schema encodes it. */
export const encodeEvent = (event: DomainEvent.DomainEvent): string =>
  event._tag === "MovementsPosted"
    ? JSON.stringify({ _tag: event._tag, movements: encodeMovements(event.movements), lots: event.lots.length === 0 ? [] : encodeLots(event.lots) })
    : viaSchema(event)

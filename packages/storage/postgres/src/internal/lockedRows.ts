// Documents of the rows a transaction has just locked, kept for the reads that follow the lock in the same
// transaction. A posting locks its items and locations, then reads them: with the documents fetched by the
// locking statement, the read costs no round trip.
//
// While the lock is held nobody else can change the rows, so the documents stay current until commit unless
// this transaction writes them itself: every write to items or locations forgets what was kept. Entries belong
// to one transaction level (a fresh `[connection, depth]` value per transaction or savepoint), so nothing is
// ever read from another transaction, or outside one.
import { Effect, Option } from "effect"
import type { SqlClient } from "effect/sql"

/** Which table the documents came from. */
export type Kind = "items" | "locations"

interface Kept {
  readonly level: unknown
  readonly docs: Record<Kind, Map<string, unknown>>
}

const byConnection = new WeakMap<object, Kept>()

const currentLevel = (sql: SqlClient.SqlClient) =>
  Effect.map(Effect.serviceOption(sql.transactionService), Option.getOrUndefined)

const keyOf = (tenantId: string, id: string) => `${tenantId}\u0000${id}`

/** Keeps the documents a locking read returned, for the rest of the current transaction level. */
export const keep = (sql: SqlClient.SqlClient, kind: Kind, tenantId: string, rows: ReadonlyArray<{ readonly id: string; readonly doc: unknown }>) =>
  Effect.map(currentLevel(sql), (level) => {
    if (level === undefined) return
    const connection = level[0] as object
    let kept = byConnection.get(connection)
    if (kept === undefined || kept.level !== level) {
      kept = { level, docs: { items: new Map(), locations: new Map() } }
      byConnection.set(connection, kept)
    }
    for (const r of rows) kept.docs[kind].set(keyOf(tenantId, r.id), r.doc)
  })

/** The kept documents of `ids`, in order, or `undefined` unless every one of them was kept. */
export const recall = (sql: SqlClient.SqlClient, kind: Kind, tenantId: string, ids: ReadonlyArray<string>) =>
  Effect.map(currentLevel(sql), (level): ReadonlyArray<unknown> | undefined => {
    if (level === undefined) return undefined
    const kept = byConnection.get(level[0] as object)
    if (kept === undefined || kept.level !== level) return undefined
    const docs = kept.docs[kind]
    const out: Array<unknown> = []
    for (const id of ids) {
      const doc = docs.get(keyOf(tenantId, id))
      if (doc === undefined) return undefined
      out.push(doc)
    }
    return out
  })

/** Forgets everything kept on the current connection: called by every write to the tables kept here. */
export const forget = (sql: SqlClient.SqlClient) =>
  Effect.map(currentLevel(sql), (level) => {
    if (level !== undefined) byConnection.delete(level[0] as object)
  })

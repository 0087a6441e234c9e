// The order of valuation entries, shared by the store port and the in-memory store.
import type { Entry } from "../ValuationState.ts"

type Key = Pick<Entry, "at" | "seq" | "step" | "id" | "itemId">

/** Position, then entry id, then item; text by code point. */
export const orderEntries = (a: Key, b: Key): number =>
  a.at !== b.at ? a.at - b.at : a.seq !== b.seq ? a.seq - b.seq : a.step !== b.step ? (a.step < b.step ? -1 : 1) : a.id !== b.id ? (a.id < b.id ? -1 : 1) : a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0

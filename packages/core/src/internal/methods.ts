// What each valuation method is made of, and how the engine fails: by throwing a `Failure` that `run` turns
// back into a typed error, so the hot path carries no error values.
import type { ValuationMethod } from "../Item.ts"
import type { EngineError } from "../ValuationError.ts"

export const isPeriodic = (m: ValuationMethod): boolean => m === "weighted-average" || m === "periodic-fifo" || m === "periodic-lifo"
export const isAveraged = (m: ValuationMethod): boolean => m === "moving-average" || m === "weighted-average"
export const isSpecific = (m: ValuationMethod): boolean => m === "specific-identification"
export const takesOldest = (m: ValuationMethod): boolean => m !== "lifo" && m !== "periodic-lifo"

export class Failure {
  constructor(readonly error: EngineError) {}
}

export const fail = (error: EngineError): never => {
  throw new Failure(error)
}

// The in-memory stores with a fixed tenant and actor and sequential ids, for the licence, credential,
// maintenance and expiry tests.
import { Layer } from "effect"
import { CurrentActor } from "../src/CurrentActor.ts"
import { IdGenerator } from "../src/IdGenerator.ts"
import * as Stores from "../src/Stores.ts"

export const layer: Layer.Layer<Stores.Stores | CurrentActor | IdGenerator> = Layer.mergeAll(
  Stores.layerMemory,
  CurrentActor.layer("t1", "ann"),
  IdGenerator.layerSequential("id")
)

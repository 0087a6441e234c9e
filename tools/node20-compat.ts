// Vitest 5 reports failures with `Map.groupBy`, which Node 20 lacks (it arrived in Node 21). Without this,
// a failing test on Node 20 crashes the reporter instead of printing the failure. Loaded by vitest.config.ts,
// in the main process where the reporter runs; it does nothing on Node ≥ 21.
if (typeof (Map as { groupBy?: unknown }).groupBy !== "function") {
  Object.defineProperty(Map, "groupBy", {
    configurable: true,
    writable: true,
    value: <K, T>(items: Iterable<T>, keyOf: (item: T, index: number) => K): Map<K, Array<T>> => {
      const groups = new Map<K, Array<T>>()
      let index = 0
      for (const item of items) {
        const key = keyOf(item, index++)
        const group = groups.get(key)
        if (group === undefined) groups.set(key, [item])
        else group.push(item)
      }
      return groups
    }
  })
}

// Exact sums of many amounts, in numbers while they stay exact.

// Running sums in numbers stay exact while both sides are at most 2^52 in magnitude (the sum is then at most 2^53).
const HALF = 2 ** 52

/** An exact running sum: in a number while that stays exact, spilling into a bigint. */
export class Sum {
  private small = 0
  private big = 0n

  add(n: number): void {
    if (this.small > HALF || this.small < -HALF || n > HALF || n < -HALF) {
      this.big += BigInt(this.small) + BigInt(n)
      this.small = 0
    } else this.small += n
  }

  addBig(n: bigint): void {
    const x = Number(n)
    // Only a bigint within the safe range converts to a number within it.
    if (x <= HALF && x >= -HALF) this.add(x)
    else this.big += n
  }

  subtractBig(n: bigint): void {
    const x = Number(n)
    if (x <= HALF && x >= -HALF) this.add(-x)
    else this.big -= n
  }

  total(): bigint {
    return this.big + BigInt(this.small)
  }
}

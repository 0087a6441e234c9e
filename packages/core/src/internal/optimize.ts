// Small deterministic minimisers for fitting forecast parameters: golden-section search on an interval, and
// Nelder-Mead in a box (points are clamped into the box, which keeps every evaluation admissible).

const PHI = (Math.sqrt(5) - 1) / 2

/** The minimiser of a unimodal `f` on [lo, hi], to within `tol`. Endpoints are tried too. */
export const golden = (f: (x: number) => number, lo: number, hi: number, tol = 1e-6): number => {
  let a = lo
  let b = hi
  let c = b - PHI * (b - a)
  let d = a + PHI * (b - a)
  let fc = f(c)
  let fd = f(d)
  while (b - a > tol) {
    if (fc <= fd) {
      b = d
      d = c
      fd = fc
      c = b - PHI * (b - a)
      fc = f(c)
    } else {
      a = c
      c = d
      fc = fd
      d = a + PHI * (b - a)
      fd = f(d)
    }
  }
  let best = (a + b) / 2
  let fbest = f(best)
  for (const x of [lo, hi]) {
    const fx = f(x)
    if (fx < fbest) {
      best = x
      fbest = fx
    }
  }
  return best
}

/** The minimiser of `f` over the box [lower, upper] by Nelder-Mead from `start`. */
export const nelderMead = (
  f: (x: ReadonlyArray<number>) => number,
  start: ReadonlyArray<number>,
  lower: ReadonlyArray<number>,
  upper: ReadonlyArray<number>,
  maxEvaluations = 400,
  tol = 1e-10
): Array<number> => {
  const n = start.length
  const clamp = (x: Array<number>) => x.map((v, i) => Math.min(upper[i]!, Math.max(lower[i]!, v)))
  let evaluations = 0
  const value = (x: Array<number>) => {
    evaluations++
    const y = f(x)
    return Number.isNaN(y) ? Infinity : y
  }
  const simplex: Array<{ x: Array<number>; y: number }> = []
  const x0 = clamp([...start])
  simplex.push({ x: x0, y: value(x0) })
  for (let i = 0; i < n; i++) {
    const x = [...x0]
    const span = (upper[i]! - lower[i]!) * 0.1
    x[i] = x[i]! + span <= upper[i]! ? x[i]! + span : x[i]! - span
    const c = clamp(x)
    simplex.push({ x: c, y: value(c) })
  }
  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.y - b.y)
    const best = simplex[0]!
    const worst = simplex[n]!
    if (Math.abs(worst.y - best.y) <= tol * (Math.abs(best.y) + tol)) break
    const centroid = new Array<number>(n).fill(0)
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j]! += simplex[i]!.x[j]! / n
    const toward = (t: number) => clamp(centroid.map((c, j) => c + t * (worst.x[j]! - c)))
    const reflected = toward(-1)
    const yr = value(reflected)
    if (yr < best.y) {
      const expanded = toward(-2)
      const ye = value(expanded)
      simplex[n] = ye < yr ? { x: expanded, y: ye } : { x: reflected, y: yr }
    } else if (yr < simplex[n - 1]!.y) {
      simplex[n] = { x: reflected, y: yr }
    } else {
      const contracted = yr < worst.y ? toward(-0.5) : toward(0.5)
      const yc = value(contracted)
      if (yc < Math.min(yr, worst.y)) simplex[n] = { x: contracted, y: yc }
      else {
        for (let i = 1; i <= n; i++) {
          const x = clamp(simplex[i]!.x.map((v, j) => best.x[j]! + 0.5 * (v - best.x[j]!)))
          simplex[i] = { x, y: value(x) }
        }
      }
    }
  }
  simplex.sort((a, b) => a.y - b.y)
  return simplex[0]!.x
}

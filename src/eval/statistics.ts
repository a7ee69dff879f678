/**
 * The eval's statistics (INTERFACE "Statistics", v2.1 decision 17):
 *  - the Wilson score interval of a proportion (one run per case);
 *  - a percentile bootstrap over cases (repeats): resample the cases with replacement, the
 *    statistic being passing runs / scored runs of the resample, nearest-rank percentiles, on a
 *    small seeded PRNG so that the same results give the same interval;
 *  - the exact two-sided McNemar test on the discordant pairs (a binomial test with p = 0.5).
 *
 * Written here: each is a few lines, and the packages that carry them bring far more than that.
 * The unit tests pin them to published reference values.
 */

import { createHash } from 'node:crypto';

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/** The Wilson score interval for `passes` out of `n` at 95%; null when n is 0. */
export function wilsonInterval(passes: number, n: number, z = Z95): [number, number] | null {
  if (!(n > 0)) return null;
  const p = passes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [clamp01(centre - half), clamp01(centre + half)];
}

/** One case's runs, as the bootstrap resamples them. */
export interface CaseRuns {
  passes: number;
  runs: number;
}

export const BOOTSTRAP_RESAMPLES = 2000;

/**
 * The 95% percentile bootstrap interval of passing runs / scored runs, resampling cases (those
 * with at least one scored run) with replacement; null when no case has one.
 */
export function bootstrapInterval(
  cases: readonly CaseRuns[],
  seed: string,
  resamples = BOOTSTRAP_RESAMPLES,
): [number, number] | null {
  const scored = cases.filter((c) => c.runs > 0);
  const n = scored.length;
  if (n === 0) return null;
  const random = seededRandom(seed);
  const stats = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let passes = 0;
    let runs = 0;
    for (let i = 0; i < n; i++) {
      const c = scored[Math.floor(random() * n)]!;
      passes += c.passes;
      runs += c.runs;
    }
    stats[r] = passes / runs;
  }
  stats.sort();
  return [nearestRank(stats, 0.025), nearestRank(stats, 0.975)];
}

/** The nearest-rank percentile of sorted values: the value at rank ceil(q × n) (1-based). */
function nearestRank(sorted: Float64Array, q: number): number {
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

/**
 * The exact two-sided McNemar p-value for `b` and `c` discordant pairs (regressions and
 * improvements): 2 × P(X ≤ min(b, c)) for X ~ Binomial(b + c, 0.5), at most 1; 1 when there are none.
 */
export function mcnemarExact(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  // Sum C(n, i) / 2^n for i = 0..k, in logs so that large n neither overflows nor underflows early.
  let logTerm = -n * Math.LN2; // i = 0: C(n, 0) = 1
  let sum = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log((n - i + 1) / i);
    sum += Math.exp(logTerm);
  }
  return Math.min(1, 2 * sum);
}

/**
 * A small seeded PRNG (sfc32, seeded from SHA-256 of the seed text): uniform in [0, 1). Not for
 * secrets; for resampling the same way every time.
 */
export function seededRandom(seed: string): () => number {
  const h = createHash('sha256').update(seed).digest();
  let a = h.readUInt32LE(0);
  let b = h.readUInt32LE(4);
  let c = h.readUInt32LE(8);
  let d = h.readUInt32LE(12);
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // mix the seed in
  return next;
}

/** The nearest-rank percentile `q` (0..1) of unsorted values; null when there are none. */
export function percentile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return nearestRank(sorted, q);
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** Length statistics of a dataset, for the JSON report. */

import { U32Column } from './fingerprint-table.js';

export interface Distribution {
  min: number;
  median: number;
  p95: number;
  max: number;
}

export interface FieldStats {
  chars: Distribution;
  /** Estimated: about 4 ASCII characters per token, one per other character. */
  estimatedTokens: Distribution;
}

export interface DatasetStats {
  /** Examples that loaded. */
  count: number;
  /** The input: the text input, or for a Vertex AI record everything before the answer (system instruction and earlier turns). */
  input: FieldStats;
  /** The output: the answer the model learns (the last model turn). */
  output: FieldStats;
  /** Examples identical to an earlier one. */
  duplicates: number;
  /** Examples equal to an earlier one once case and whitespace are ignored (exact duplicates not counted). */
  nearDuplicates: number;
  /** Examples whose input appeared earlier with a different output. */
  conflicts: number;
  /** Warnings about this file (loader warnings and doctor findings). */
  warnings: number;
}

/** Nearest-rank percentile of sorted values (p in 0..100); 0 when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  return sorted[rank - 1] ?? 0;
}

export function distribution(sorted: ArrayLike<number>): Distribution {
  const n = sorted.length;
  if (n === 0) return { min: 0, median: 0, p95: 0, max: 0 };
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { min: sorted[0] ?? 0, median, p95: percentile(sorted, 95), max: sorted[n - 1] ?? 0 };
}

/** Per-example lengths, kept as typed columns (a few bytes an example). */
export class LengthColumns {
  readonly inChars = new U32Column();
  readonly outChars = new U32Column();
  readonly inTokens = new U32Column();
  readonly outTokens = new U32Column();

  push(inChars: number, inTokens: number, outChars: number, outTokens: number): void {
    this.inChars.push(inChars);
    this.inTokens.push(inTokens);
    this.outChars.push(outChars);
    this.outTokens.push(outTokens);
  }

  fieldStats(which: 'input' | 'output'): FieldStats {
    const chars = which === 'input' ? this.inChars : this.outChars;
    const tokens = which === 'input' ? this.inTokens : this.outTokens;
    return { chars: distribution(chars.sorted()), estimatedTokens: distribution(tokens.sorted()) };
  }
}

/**
 * One case's runs on one model (the tuned model or the baseline), as they come in, in any order:
 * the counts, and the run the report shows (the first answered one, by repeat number; else the
 * first error) with the reason of the first failing run.
 */

import type { CallResult } from './types.js';

export class SideRuns {
  /** Scored runs that passed, scored runs (an errored run is not one), and runs that errored. */
  passes = 0;
  runs = 0;
  errors = 0;
  /** Runs that came back, answered or errored. */
  finished = 0;
  private shownAt = Infinity;
  private shownResult: CallResult | undefined;
  private failingAt = Infinity;
  private failingReason: string | null = null;
  private scoreSum = 0;
  private scoreCount = 0;

  /** Adds run `repeat` (0-based); `scored`: the case has an expected value. */
  add(repeat: number, r: CallResult, scored: boolean): void {
    this.finished++;
    const answered = r.error === null;
    if (!answered) this.errors++;
    else if (scored && r.pass !== null) {
      this.runs++;
      if (r.score !== undefined) {
        this.scoreSum += r.score;
        this.scoreCount++;
      }
      if (r.pass) this.passes++;
      else if (repeat < this.failingAt) {
        this.failingAt = repeat;
        this.failingReason = r.reason;
      }
    }
    // Shown: the lowest answered repeat; an error only while no run answered.
    const rank = answered ? repeat : repeat + 1e9;
    if (rank < this.shownAt) {
      this.shownAt = rank;
      this.shownResult = r;
    }
  }

  /** The run the report shows. */
  get shown(): CallResult | undefined {
    return this.shownResult;
  }

  /** More than half of the scored runs passed; null when none was scored. */
  get pass(): boolean | null {
    return this.runs === 0 ? null : this.passes * 2 > this.runs;
  }

  /** Why the case failed: the first failing run's reason; when it passed, the shown run's (a judge's). */
  get reason(): string | null {
    if (this.pass === false) return this.failingReason;
    return this.pass === true ? (this.shownResult?.reason ?? null) : null;
  }

  /** The mean score of the scored runs, for a scorer that gives one; null otherwise. */
  get score(): number | null {
    return this.scoreCount === 0 ? null : this.scoreSum / this.scoreCount;
  }

  get flaky(): boolean {
    return this.passes > 0 && this.passes < this.runs;
  }

  /** Rebuilt from what a summary kept (a checkpoint compared with the baseline that ran beside the default). */
  static restore(
    shown: CallResult,
    counts: { passes: number; runs: number; errors: number; score?: number | null },
  ): SideRuns {
    const s = new SideRuns();
    s.passes = counts.passes;
    s.runs = counts.runs;
    s.errors = counts.errors;
    s.finished = counts.runs + counts.errors;
    s.shownAt = shown.error === null ? 0 : 1e9;
    s.shownResult = shown;
    s.failingAt = 0;
    s.failingReason = shown.reason;
    if (counts.score !== null && counts.score !== undefined && counts.runs > 0) {
      s.scoreSum = counts.score * counts.runs;
      s.scoreCount = counts.runs;
    }
    return s;
  }
}

/**
 * Per-case runs into the eval summary (INTERFACE "Statistics", v2.1 decisions 17 and 18): counts,
 * the pass rate and its interval, the comparison with the baseline, latency and tokens.
 */

import type { EvalCase } from '../domain.js';
import type { CallResult, EvalCaseResult, EvalComparison, EvalSummary } from './types.js';
import { SideRuns } from './side-runs.js';

export type { CallResult } from './types.js';
import { bootstrapInterval, mcnemarExact, percentile, wilsonInterval } from './statistics.js';

/**
 * - A run that ended in an error is neither a pass nor a failure: it is left out of `passes` and
 *   `runs` and counted in `errors`; a case whose runs all errored has `pass: null` and is left out
 *   of the pass rate and its interval.
 * - passRate = passing runs / scored runs; a case passes when more than half of its runs pass.
 * - The interval: Wilson over the runs with one run per case, else the seeded bootstrap over cases.
 * - Improvements, regressions and McNemar use only the cases scored on both sides.
 */
export function summarise(run: {
  model: string;
  baselineModel: string | null;
  generationConfig: EvalSummary['generationConfig'];
  cases: readonly EvalCase[];
  repeats: number;
  tuned: readonly SideRuns[];
  /** Empty without a baseline. */
  base: readonly SideRuns[];
  /** The bootstrap's seed: the content key and the eval set's digest. */
  seed: string;
  /** The tuned model's answered calls, ms. */
  latencies: readonly number[];
  /** The tuned model's tokens over every call. */
  usage: EvalSummary['usage'];
  /** The eval was cut short at the run's time limit: a case without all its runs was not run. */
  cutShort?: boolean;
}): EvalSummary {
  const k = Math.max(1, run.repeats);
  const withBaseline = run.baselineModel !== null;
  const results: EvalCaseResult[] = [];
  const notRun: string[] = [];
  const t = { passingRuns: 0, runs: 0, passed: 0, failed: 0, flaky: 0, errors: 0, erroredCases: 0, unscored: 0 };
  const b = { passingRuns: 0, runs: 0 };
  const regressions: string[] = [];
  const improvements: string[] = [];
  const perCase: { passes: number; runs: number }[] = [];
  run.cases.forEach((c, i) => {
    const scored = c.expected !== null;
    const wanted = scored ? k : 1;
    const tuned = run.tuned[i] ?? new SideRuns();
    const base = withBaseline ? (run.base[i] ?? new SideRuns()) : null;
    if (run.cutShort && (tuned.finished < wanted || (base !== null && base.finished < wanted))) {
      notRun.push(c.id);
      results.push(notRunResult(c, withBaseline));
      return;
    }
    const result = caseResult(c, tuned);
    t.errors += tuned.errors;
    if (!scored) t.unscored++;
    else {
      perCase.push({ passes: tuned.passes, runs: tuned.runs });
      t.passingRuns += tuned.passes;
      t.runs += tuned.runs;
      if (tuned.pass === null) t.erroredCases++;
      else if (tuned.pass) t.passed++;
      else t.failed++;
      if (tuned.flaky) t.flaky++;
    }
    if (base !== null) {
      Object.assign(result, baselineFields(base));
      if (scored) {
        b.passingRuns += base.passes;
        b.runs += base.runs;
        if (base.pass !== null && tuned.pass !== null && base.pass !== tuned.pass) {
          (base.pass ? regressions : improvements).push(c.id);
        }
      }
    }
    results.push(result);
  });

  const passRate = t.runs === 0 ? null : t.passingRuns / t.runs;
  const passRateInterval = k === 1 ? wilsonInterval(t.passingRuns, t.runs) : bootstrapInterval(perCase, run.seed);
  const baselinePassRate = withBaseline && b.runs > 0 ? b.passingRuns / b.runs : null;
  let comparison: EvalComparison | null = null;
  if (withBaseline) {
    const pValue = mcnemarExact(regressions.length, improvements.length);
    comparison = { baselinePassRate, improvements, regressions, pValue, significant: pValue < 0.05 };
  }
  const p50 = percentile(run.latencies, 0.5);
  const p95 = percentile(run.latencies, 0.95);
  return {
    model: run.model,
    baselineModel: run.baselineModel,
    repeats: k,
    passRate,
    passRateInterval,
    runs: t.runs,
    passingRuns: t.passingRuns,
    passed: t.passed,
    failed: t.failed,
    flaky: t.flaky,
    errors: t.errors,
    erroredCases: t.erroredCases,
    unscored: t.unscored,
    baselinePassRate,
    regressions: [...regressions],
    improvements: [...improvements],
    comparison,
    latency: p50 !== null && p95 !== null ? { p50Ms: p50, p95Ms: p95 } : null,
    usage: { ...run.usage },
    generationConfig: { ...run.generationConfig },
    cases: results,
    incomplete: notRun.length > 0,
    notRun,
  };
}

/** What a side shows when it has no run at all (never expected: every run it was given came back). */
const NO_RESULT: CallResult = { output: null, error: 'internal error: no result', pass: null, reason: null };

function caseResult(c: EvalCase, side: SideRuns): EvalCaseResult {
  const shown = side.shown ?? NO_RESULT;
  const scored = c.expected !== null;
  return {
    id: c.id,
    input: c.input,
    expected: c.expected,
    scorer: scored ? (c.scorer ?? 'exact') : null,
    output: shown.output,
    pass: scored ? side.pass : null,
    error: shown.error,
    reason: side.reason,
    blocked: shown.blocked ?? null,
    truncated: shown.truncated ?? false,
    latencyMs: shown.latencyMs ?? null,
    usage: shown.usage ?? null,
    passes: side.passes,
    runs: side.runs,
    errors: side.errors,
    flaky: side.flaky,
    ...(side.score !== null ? { score: side.score } : {}),
  };
}

function baselineFields(side: SideRuns): Partial<EvalCaseResult> {
  const shown = side.shown ?? NO_RESULT;
  return {
    baselineOutput: shown.output,
    baselinePass: side.pass,
    baselineError: shown.error,
    baselineReason: side.reason,
    baselineBlocked: shown.blocked ?? null,
    baselineTruncated: shown.truncated ?? false,
    baselinePasses: side.passes,
    baselineRuns: side.runs,
    baselineErrors: side.errors,
  };
}

export const NOT_RUN = 'not run: the run reached its time limit (timeout-minutes) first';

/** A case the time limit left without its answers: shown, counted nowhere. */
function notRunResult(c: EvalCase, withBaseline: boolean): EvalCaseResult {
  const result: EvalCaseResult = {
    id: c.id,
    input: c.input,
    expected: c.expected,
    scorer: c.expected === null ? null : (c.scorer ?? 'exact'),
    output: null,
    pass: null,
    error: NOT_RUN,
    reason: null,
  };
  if (withBaseline) Object.assign(result, { baselineOutput: null, baselinePass: null, baselineError: NOT_RUN });
  return result;
}

/**
 * A checkpoint's summary with the baseline runs of the main eval beside it (the baseline runs
 * once; a checkpoint chosen as the best is then compared with those answers).
 */
export function withBaselineOf(
  summary: EvalSummary,
  main: EvalSummary,
  cases: readonly EvalCase[],
  seed: string,
): EvalSummary {
  if (main.baselineModel === null || summary.incomplete || main.incomplete) return summary;
  const ours = new Map(summary.cases.map((c) => [c.id, c]));
  const theirs = new Map(main.cases.map((c) => [c.id, c]));
  const restore = (r: EvalCaseResult | undefined, baseline: boolean): SideRuns => {
    if (!r) return new SideRuns();
    const shown: CallResult = baseline
      ? {
          output: r.baselineOutput ?? null,
          error: r.baselineError ?? null,
          pass: r.baselinePass ?? null,
          reason: r.baselineReason ?? null,
          blocked: r.baselineBlocked ?? null,
          truncated: r.baselineTruncated ?? false,
        }
      : {
          output: r.output,
          error: r.error,
          pass: r.pass,
          reason: r.reason ?? null,
          blocked: r.blocked ?? null,
          truncated: r.truncated ?? false,
          ...(r.latencyMs !== null && r.latencyMs !== undefined ? { latencyMs: r.latencyMs } : {}),
          usage: r.usage ?? null,
        };
    const counts = baseline
      ? { passes: r.baselinePasses ?? 0, runs: r.baselineRuns ?? 0, errors: r.baselineErrors ?? 0 }
      : { passes: r.passes ?? 0, runs: r.runs ?? 0, errors: r.errors ?? 0, score: r.score ?? null };
    return SideRuns.restore(shown, counts);
  };
  const joined = summarise({
    model: summary.model,
    baselineModel: main.baselineModel,
    generationConfig: summary.generationConfig,
    cases,
    repeats: summary.repeats,
    tuned: cases.map((c) => restore(ours.get(c.id), false)),
    base: cases.map((c) => restore(theirs.get(c.id), true)),
    seed,
    latencies: [],
    usage: summary.usage,
  });
  return { ...joined, latency: summary.latency };
}

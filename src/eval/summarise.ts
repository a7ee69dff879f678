/** Per-case results into the eval summary: counts, pass rates, regressions and improvements. */

import type { EvalCase } from '../domain.js';
import type { EvalCaseResult, EvalSummary } from './types.js';
import type { TokenUsage } from '../backends/generate-content.js';

/** One model's answer to one case, scored. */
export interface CallResult {
  output: string | null;
  error: string | null;
  /** null: not scored, or errored. */
  pass: boolean | null;
  /** Why a scored case failed. */
  reason: string | null;
  /** The service blocked the answer (its reason); absent or null when not. */
  blocked?: string | null;
  /** Cut off at the output token limit. */
  truncated?: boolean;
  /** How long the answered call took (ms on the run's clock), and its token counts. */
  latencyMs?: number;
  usage?: TokenUsage | null;
}

/**
 * Counting is over scored cases (with `expected`): passed + failed + errors + unscored = cases,
 * passRate = passed / (passed + failed + errors), null when nothing was scored. Regressions: the
 * baseline passed, the tuned model did not; improvements: the baseline failed (not errored), the
 * tuned model passed.
 */
export function summarise(run: {
  model: string;
  baselineModel: string | null;
  generationConfig: EvalSummary['generationConfig'];
  cases: readonly EvalCase[];
  tuned: ReadonlyArray<CallResult | undefined>;
  base: ReadonlyArray<CallResult | undefined>;
  /** The eval was cut short at the run's time limit: a case without all its results was not run. */
  cutShort?: boolean;
}): EvalSummary {
  const results: EvalCaseResult[] = [];
  const notRun: string[] = [];
  const tally = { passed: 0, failed: 0, errors: 0, unscored: 0 };
  const baseTally = { passed: 0, failed: 0, errors: 0 };
  const regressions: string[] = [];
  const improvements: string[] = [];
  run.cases.forEach((c, i) => {
    if (run.cutShort && (run.tuned[i] === undefined || (run.baselineModel !== null && run.base[i] === undefined))) {
      notRun.push(c.id);
      results.push(notRunResult(c, run.baselineModel !== null));
      return;
    }
    const r = run.tuned[i] ?? { output: null, error: 'internal error: no result', pass: null, reason: null };
    const result: EvalCaseResult = {
      id: c.id,
      input: c.input,
      expected: c.expected,
      scorer: c.expected === null ? null : (c.scorer ?? 'exact'),
      output: r.output,
      pass: r.pass,
      error: r.error,
      reason: r.reason,
      blocked: r.blocked ?? null,
      truncated: r.truncated ?? false,
      latencyMs: r.latencyMs ?? null,
      usage: r.usage ?? null,
    };
    const scored = c.expected !== null;
    if (!scored) tally.unscored++;
    else if (r.error !== null) tally.errors++;
    else if (r.pass === true) tally.passed++;
    else tally.failed++;
    if (run.baselineModel !== null) {
      const b = run.base[i] ?? { output: null, error: 'internal error: no result', pass: null, reason: null };
      result.baselineOutput = b.output;
      result.baselinePass = b.pass;
      result.baselineError = b.error;
      result.baselineReason = b.reason;
      result.baselineBlocked = b.blocked ?? null;
      result.baselineTruncated = b.truncated ?? false;
      if (scored) {
        if (b.error !== null) baseTally.errors++;
        else if (b.pass === true) baseTally.passed++;
        else baseTally.failed++;
        if (b.pass === true && r.pass !== true) regressions.push(c.id);
        if (b.error === null && b.pass === false && r.pass === true) improvements.push(c.id);
      }
    }
    results.push(result);
  });

  const rate = (t: { passed: number; failed: number; errors: number }): number | null => {
    const n = t.passed + t.failed + t.errors;
    return n === 0 ? null : t.passed / n;
  };
  return {
    model: run.model,
    baselineModel: run.baselineModel,
    passRate: rate(tally),
    passed: tally.passed,
    failed: tally.failed,
    errors: tally.errors,
    unscored: tally.unscored,
    baselinePassRate: run.baselineModel === null ? null : rate(baseTally),
    regressions,
    improvements,
    generationConfig: { ...run.generationConfig },
    cases: results,
    incomplete: notRun.length > 0,
    notRun,
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
 * A checkpoint's summary with the baseline answers of the main eval beside it (the baseline runs
 * once; a checkpoint chosen as the best then reports its regressions and improvements against it).
 */
export function withBaselineOf(summary: EvalSummary, main: EvalSummary, cases: readonly EvalCase[]): EvalSummary {
  if (main.baselineModel === null || summary.incomplete || main.incomplete) return summary;
  const ours = new Map(summary.cases.map((c) => [c.id, c]));
  const theirs = new Map(main.cases.map((c) => [c.id, c]));
  const tuned = cases.map((c): CallResult | undefined => {
    const r = ours.get(c.id);
    if (!r) return undefined;
    const out: CallResult = { output: r.output, error: r.error, pass: r.pass, reason: r.reason ?? null };
    if (r.blocked) out.blocked = r.blocked;
    if (r.truncated) out.truncated = r.truncated;
    if (r.latencyMs !== null && r.latencyMs !== undefined) out.latencyMs = r.latencyMs;
    if (r.usage) out.usage = r.usage;
    return out;
  });
  const base = cases.map((c): CallResult | undefined => {
    const r = theirs.get(c.id);
    if (!r) return undefined;
    const out: CallResult = {
      output: r.baselineOutput ?? null,
      error: r.baselineError ?? null,
      pass: r.baselinePass ?? null,
      reason: r.baselineReason ?? null,
    };
    if (r.baselineBlocked) out.blocked = r.baselineBlocked;
    if (r.baselineTruncated) out.truncated = r.baselineTruncated;
    return out;
  });
  return summarise({
    model: summary.model,
    baselineModel: main.baselineModel,
    generationConfig: summary.generationConfig,
    cases,
    tuned,
    base,
  });
}

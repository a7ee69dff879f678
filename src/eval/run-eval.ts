/**
 * Runs the eval prompt set against the tuned model (and, side by side, a baseline model) with an
 * AIMD concurrency window (./adaptive-limiter.ts) shared by both models, retries and a per-call
 * timeout (the calls themselves: ./eval-calls.ts). With `repeats` k every scored case runs k times
 * on each model. Calls are handed out lazily, case by case, to as many workers as the window can
 * hold: the memory an eval takes does not grow with calls waiting their turn.
 *
 * Retries (every attempt, 429s included, counts towards `maxAttempts`):
 *  - 429: retried after the server's Retry-After (`retryAfterMs`) when given, else after the
 *    exponential backoff below; it also lowers the window, and when none of our other calls is in
 *    flight (the server refuses everything) pauses every send for Retry-After (see
 *    ./adaptive-limiter.ts).
 *    A Retry-After longer than `maxRetryAfterMs` (default 2 min: a spent daily quota, say) is not
 *    waited for: the case fails at once with that error.
 *  - retryable 5xx (500, 502, 503, 504), NetworkError, and a per-call timeout (the call's signal
 *    is aborted after `timeoutMs`): exponential backoff with full jitter,
 *    `random() * min(maxBackoffMs, baseBackoffMs * 2^(attempt-1))`.
 *  - anything else (400, 403, 404, plain errors): the case fails at once.
 * A run whose call still fails is an error: neither a pass nor a failure (./summarise.ts).
 *
 * An answer the service blocked fails its case with the reason `blocked: <reason>` whatever the
 * scorer (its text, often empty, is kept but not scored); a truncated one (MAX_TOKENS) is scored
 * and marked `truncated`. Regex scoring runs off the main thread with one time budget for the
 * whole eval, tuned and baseline alike (./regex-guard.ts).
 *
 * Counting, pass rates, regressions and improvements: see ./summarise.ts.
 *
 * A call that timed out keeps its slot in the window until the underlying promise settles (or a
 * grace period of min(timeoutMs, 5 s) passes), so `generate` implementations that honour the
 * signal never push the number of calls in flight above `concurrency`.
 */

import { systemClock, type Clock } from '../util/clock.js';
import type { RetryPolicy } from '../util/retry.js';
import { AdaptiveLimiter } from './adaptive-limiter.js';
import { RegexGuard, type RegexLimits } from './regex-guard.js';
import type { EvalSummary } from './types.js';
import { summarise } from './summarise.js';
import { SideRuns } from './side-runs.js';
import { ABANDONED, Caller, noopLog, type CallerOptions, type EvalLog } from './eval-calls.js';
import type { EvalCase, GenerationConfig } from '../domain.js';
import type { GenerateAnswer } from '../backends/generate-content.js';

export type { EvalLog } from './eval-calls.js';

export interface RunEvalOptions {
  cases: EvalCase[];
  /** Tuned model / endpoint name passed to `generate`. */
  model: string;
  /** Evaluated on the same cases, side by side; null for none. */
  baselineModel: string | null;
  /**
   * One attempt; throws GoogleApiError / NetworkError / anything else. Should honour `signal`.
   * A plain string is an ordinary, complete answer. `evalCase` is the case asked (its system instruction).
   */
  generate: (model: string, prompt: string, signal: AbortSignal, c: EvalCase) => Promise<string | GenerateAnswer>;
  /** The `semantic` scorer's embeddings and the `judge` scorer's verdicts (one attempt each; retried here). */
  embed?: CallerOptions['embed'];
  judge?: CallerOptions['judge'];
  /** `eval-concurrency`: most calls in flight (both models share the window). */
  concurrency: number;
  /** `eval-repeats`: runs of every scored case on each model; default 1. */
  repeats?: number;
  /** The bootstrap's seed (the content key and the eval set's digest); default ''. */
  seed?: string;
  /** Per call; default 60_000. */
  timeoutMs?: number;
  /** Attempts per call, first one included; default 6. */
  maxAttempts?: number;
  /** Recorded in the summary. */
  generationConfig: GenerationConfig;
  log?: EvalLog;
  /** The run's clock: backoffs and Retry-After pauses wait on it. */
  clock?: Clock;
  random?: () => number;
  /** The run's time limit: once it fires, no call starts and no retry waits (the eval is abandoned). */
  signal?: AbortSignal;
  /** Backoff base for retries without Retry-After; default 1000 ms. */
  baseBackoffMs?: number;
  /** Backoff cap; default 30_000 ms. */
  maxBackoffMs?: number;
  /** Longest Retry-After waited for; default 120_000 ms. */
  maxRetryAfterMs?: number;
  /** Starting window (slow start); default `concurrency`. */
  initialConcurrency?: number;
  /** Per-match limit and total budget of the regex scorer (defaults: 250 ms and 5 s). */
  regexLimits?: RegexLimits;
}

interface Job {
  index: number;
  repeat: number;
  baseline: boolean;
}

export async function runEval(opts: RunEvalOptions): Promise<EvalSummary> {
  const log = opts.log ?? noopLog;
  const clock = opts.clock ?? systemClock;
  const maxAttempts = Math.max(1, Math.floor(positive(opts.maxAttempts, 6)));
  const maxRetryAfterMs = nonNegative(opts.maxRetryAfterMs, 120_000);
  const concurrency = Math.max(1, Math.floor(positive(opts.concurrency, 1)));
  const repeats = Math.max(1, Math.floor(positive(opts.repeats, 1)));
  const retryPolicy: RetryPolicy = {
    maxAttempts,
    baseDelayMs: nonNegative(opts.baseBackoffMs, 1000),
    maxDelayMs: nonNegative(opts.maxBackoffMs, 30_000),
    maxElapsedMs: Infinity,
    maxRetryAfterMs,
    jitter: true,
  };
  const { cases, baselineModel } = opts;
  const total = cases.length;

  const limiter = new AdaptiveLimiter({
    max: concurrency,
    ...(opts.initialConcurrency !== undefined ? { initial: opts.initialConcurrency } : {}),
    sleep: clock.sleep,
    now: clock.now,
    onWindowChange: (w, why) =>
      log.debug(`eval: concurrency window ${why === 'increase' ? 'up' : 'down'} to ${w}/${concurrency}`),
  });
  const regex = new RegexGuard(opts.regexLimits);
  const caller = new Caller({
    generate: opts.generate,
    ...(opts.embed ? { embed: opts.embed } : {}),
    ...(opts.judge ? { judge: opts.judge } : {}),
    limiter,
    regex,
    retryPolicy,
    timeoutMs: positive(opts.timeoutMs, 60_000),
    maxRetryAfterMs,
    clock,
    random: opts.random ?? Math.random,
    log,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });

  // Per case and model, the runs as they come in; progress by cases done.
  const runsOf = (c: EvalCase): number => (c.expected === null ? 1 : repeats);
  const tuned = cases.map(() => new SideRuns());
  const base = baselineModel === null ? [] : cases.map(() => new SideRuns());
  const remaining = cases.map((c) => runsOf(c) * (baselineModel === null ? 1 : 2));
  const latencies: number[] = [];
  const usage = { prompt: 0, output: 0, thoughts: 0 };
  const step = Math.max(1, Math.ceil(total / 10));
  let done = 0;
  let nextReport = step;
  const finish = (i: number): void => {
    remaining[i] = (remaining[i] ?? 1) - 1;
    if ((remaining[i] ?? 0) > 0) return;
    done++;
    if (done >= nextReport || done === total) {
      nextReport = done + step;
      const passing = tuned.reduce((n, s) => n + s.passes, 0);
      const scored = tuned.reduce((n, s) => n + s.runs, 0);
      log.info(
        `eval: ${done}/${total} cases done, ${passing}/${scored} scored runs passing so far, ` +
          `concurrency window ${limiter.window}/${concurrency}`,
      );
    }
  };

  // The calls, case by case (every run of a case on both models before the next case), made lazily.
  function* jobs(): Generator<Job> {
    for (let index = 0; index < total; index++) {
      for (let repeat = 0; repeat < runsOf(cases[index]!); repeat++) {
        yield { index, repeat, baseline: false };
        if (baselineModel !== null) yield { index, repeat, baseline: true };
      }
    }
  }
  const queue = jobs();
  const worker = async (): Promise<void> => {
    for (let next = queue.next(); !next.done; next = queue.next()) {
      if (opts.signal?.aborted) return;
      const { index, repeat, baseline } = next.value;
      const c = cases[index]!;
      const model = baseline ? baselineModel! : opts.model;
      const r = await caller.call(c, model, baseline ? 'baseline' : 'tuned');
      if (r.error === ABANDONED) return; // the time limit came: this run is "not run"
      if (!baseline) {
        if (r.error === null && r.latencyMs !== undefined) latencies.push(r.latencyMs);
        usage.prompt += r.usage?.prompt ?? 0;
        usage.output += r.usage?.output ?? 0;
        usage.thoughts += r.usage?.thoughts ?? 0;
      }
      (baseline ? base : tuned)[index]!.add(repeat, r, c.expected !== null);
      finish(index);
    }
  };

  log.info(
    `eval: ${total} case(s)${repeats > 1 ? ` × ${repeats} runs` : ''} against ${opts.model}` +
      `${baselineModel !== null ? ` and baseline ${baselineModel}` : ''}, at most ${concurrency} in flight`,
  );
  // At the run's time limit the eval stops where it is: the cases with all their runs are
  // reported, the others are "not run" (calls still in flight are abandoned with the run's HTTP).
  let cutShort = false;
  const timeUp = new Promise<void>((resolve) => {
    if (opts.signal?.aborted) resolve();
    opts.signal?.addEventListener('abort', () => resolve(), { once: true });
  }).then(() => void (cutShort = true));
  try {
    await Promise.race([Promise.all(Array.from({ length: concurrency }, worker)), timeUp]);
  } finally {
    regex.close();
  }
  if (caller.throttledCalls > 0 || caller.failedCalls > 0) {
    // What it took, so that eval-concurrency can be set to what the server really takes.
    log.info(
      `eval: ${caller.throttledCalls} call(s) answered 429 and ${caller.failedCalls} failed (5xx, network, timeout), retried as needed; ` +
        `the concurrency window ended at ${limiter.window} of ${concurrency} (eval-concurrency)`,
    );
  }

  const summary = summarise({
    model: opts.model,
    baselineModel,
    generationConfig: opts.generationConfig,
    cases,
    repeats,
    tuned,
    base,
    seed: opts.seed ?? '',
    latencies,
    usage: caller.scoringTokens > 0 ? { ...usage, scoring: caller.scoringTokens } : usage,
    cutShort,
  });
  const interval = summary.passRateInterval;
  log.info(
    `eval: pass rate ${formatRate(summary.passRate)}` +
      (interval ? ` (95% interval ${formatRate(interval[0])}–${formatRate(interval[1])})` : '') +
      `: ${summary.passingRuns}/${summary.runs} scored runs; cases ${summary.passed} passed, ${summary.failed} failed` +
      `${summary.flaky ? `, ${summary.flaky} flaky` : ''}, ${summary.erroredCases} errored, ${summary.unscored} unscored` +
      `${summary.errors ? ` (${summary.errors} run(s) ended in an error)` : ''}` +
      (summary.comparison
        ? `; baseline ${formatRate(summary.comparison.baselinePassRate)}, ${summary.comparison.regressions.length} regression(s), ` +
          `${summary.comparison.improvements.length} improvement(s), McNemar p = ${summary.comparison.pValue.toPrecision(2)}` +
          `${summary.comparison.significant ? ' (significant)' : ''}`
        : ''),
  );
  return summary;
}

const positive = (v: number | undefined, fallback: number): number =>
  v !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
const nonNegative = (v: number | undefined, fallback: number): number =>
  v !== undefined && Number.isFinite(v) && v >= 0 ? v : fallback;

function formatRate(r: number | null): string {
  return r === null ? 'n/a' : `${(r * 100).toFixed(1)}%`;
}

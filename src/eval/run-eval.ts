/**
 * Runs the eval prompt set against the tuned model (and, side by side, a baseline model) with an
 * AIMD concurrency window (./adaptive-limiter.ts) shared by both models, retries and a per-call
 * timeout.
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
 * A case whose call still fails has `output: null`, `pass: null`, `error: <reason>`.
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

import { GoogleApiError, NetworkError } from '../backends/errors.js';
import { systemClock, type Clock } from '../util/clock.js';
import { askedDelay, isRetryable, retryDelay, type RetryPolicy } from '../util/retry.js';
import { AdaptiveLimiter, type Permit } from './adaptive-limiter.js';
import { RegexGuard, type RegexLimits } from './regex-guard.js';
import { score } from './scorers.js';
import type { EvalSummary } from './types.js';
import { summarise, type CallResult } from './summarise.js';
import type { EvalCase, GenerationConfig, ScorerName } from '../domain.js';
import type { GenerateAnswer } from '../backends/generate-content.js';

export interface EvalLog {
  info(msg: string): void;
  debug(msg: string): void;
  warning(msg: string): void;
}

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
  /** `eval-concurrency`: most calls in flight (both models share the window). */
  concurrency: number;
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

class CallTimeout extends Error {
  override readonly name = 'CallTimeout';
  readonly retryable = true;
  constructor(readonly ms: number) {
    super(`timed out after ${ms} ms`);
  }
}

class GenerateContractError extends Error {
  override readonly name = 'GenerateContractError';
}

const noopLog: EvalLog = { info() {}, debug() {}, warning() {} };
const MAX_ERROR_WARNINGS = 5;

const ABANDONED = 'abandoned at the run’s time limit';

export async function runEval(opts: RunEvalOptions): Promise<EvalSummary> {
  const log = opts.log ?? noopLog;
  const clock = opts.clock ?? systemClock;
  const random = opts.random ?? Math.random;
  const timeoutMs = positive(opts.timeoutMs, 60_000);
  const maxAttempts = Math.max(1, Math.floor(positive(opts.maxAttempts, 6)));
  const baseBackoffMs = nonNegative(opts.baseBackoffMs, 1000);
  const maxBackoffMs = nonNegative(opts.maxBackoffMs, 30_000);
  const maxRetryAfterMs = nonNegative(opts.maxRetryAfterMs, 120_000);
  const concurrency = Math.max(1, Math.floor(positive(opts.concurrency, 1)));
  const retryPolicy: RetryPolicy = {
    maxAttempts,
    baseDelayMs: baseBackoffMs,
    maxDelayMs: maxBackoffMs,
    maxElapsedMs: Infinity,
    maxRetryAfterMs,
    jitter: true,
  };
  const cases = opts.cases;
  const baselineModel = opts.baselineModel;
  const total = cases.length;

  const limiter = new AdaptiveLimiter({
    max: concurrency,
    ...(opts.initialConcurrency !== undefined ? { initial: opts.initialConcurrency } : {}),
    sleep: clock.sleep,
    now: clock.now,
    onWindowChange: (w, why) =>
      log.debug(`eval: concurrency window ${why === 'increase' ? 'up' : 'down'} to ${w}/${concurrency}`),
  });

  const scorerOf = (c: EvalCase): ScorerName | null => (c.expected === null ? null : (c.scorer ?? 'exact'));

  const regex = new RegexGuard(opts.regexLimits);
  const scoreOutput = async (
    c: EvalCase,
    answer: GenerateAnswer,
    which: string,
  ): Promise<{ pass: boolean | null; reason: string | null; error: string | null }> => {
    const scorer = scorerOf(c);
    if (answer.blocked !== null) {
      const reason = `blocked: ${answer.blocked}`;
      log.debug(`eval: case ${c.id} (${which}) ${reason}`);
      return { pass: scorer === null ? null : false, reason: scorer === null ? null : reason, error: null };
    }
    if (scorer === null || c.expected === null) return { pass: null, reason: null, error: null };
    const result = await score(scorer, c.expected, answer.text, { regex });
    if (result.error !== undefined) {
      log.warning(`eval: case ${c.id} (${which}) errored: ${result.error}`);
      return { pass: null, reason: null, error: result.error };
    }
    if (!result.pass) {
      const msg = `eval: case ${c.id} (${which}) failed: ${result.reason ?? 'no reason given'}`;
      if (result.invalidCase) log.warning(msg);
      else log.debug(msg);
    }
    return { pass: result.pass, reason: result.pass ? null : (result.reason ?? null), error: null };
  };

  let errorWarnings = 0;
  let throttledCalls = 0;
  let failedCalls = 0;
  const callOnce = async (c: EvalCase, model: string, which: string): Promise<CallResult> => {
    let result: { answer: GenerateAnswer; latencyMs: number } | { error: string };
    try {
      result = await callWithRetry(c, model, which);
    } catch (err) {
      result = { error: `internal error: ${describeError(err)}` };
    }
    if ('error' in result) {
      if (errorWarnings < MAX_ERROR_WARNINGS) log.warning(`eval: case ${c.id} (${which}) errored: ${result.error}`);
      else if (errorWarnings === MAX_ERROR_WARNINGS) log.warning('eval: more cases errored; see the report');
      errorWarnings++;
      return { output: null, error: result.error, pass: null, reason: null };
    }
    const { answer, latencyMs } = result;
    const scored = await scoreOutput(c, answer, which);
    const { blocked, truncated, usage } = answer;
    return { output: answer.text, ...scored, blocked, truncated, latencyMs, usage: usage ?? null };
  };

  const callWithRetry = async (
    c: EvalCase,
    model: string,
    which: string,
  ): Promise<{ answer: GenerateAnswer; latencyMs: number } | { error: string }> => {
    for (let attempt = 1; ; attempt++) {
      const permit = await limiter.acquire({ front: attempt > 1 });
      if (opts.signal?.aborted) {
        limiter.release(permit, 'neutral');
        return { error: ABANDONED };
      }
      let err: unknown;
      try {
        const started = clock.now();
        const answer = await attemptOnce(model, c, permit);
        return { answer, latencyMs: clock.now() - started };
      } catch (caught) {
        err = caught;
      }
      const reason = describeError(err);
      if (err instanceof GoogleApiError && err.httpStatus === 429) throttledCalls++;
      else if (isRetryable(err)) failedCalls++;
      const decision = retryDelay(retryPolicy, attempt, err, { elapsedMs: 0, leftMs: Infinity, random: random() });
      if (!decision.retry) {
        if (decision.why === 'retry-after too long') {
          const asked = Math.round((askedDelay(err) ?? 0) / 1000);
          return { error: `${reason} (server asked to retry after ${asked} s; not waiting)` };
        }
        if (decision.why === 'attempts') {
          return { error: `${reason} (gave up after ${attempt} attempt${attempt === 1 ? '' : 's'})` };
        }
        return { error: reason };
      }
      log.debug(
        `eval: case ${c.id} (${which}) attempt ${attempt}/${maxAttempts} failed: ${reason}; retrying in ${decision.delayMs} ms`,
      );
      await clock.sleep(decision.delayMs, opts.signal);
    }
  };

  /** One call within the window; releases the permit with the right outcome. */
  const attemptOnce = async (model: string, c: EvalCase, permit: Permit): Promise<GenerateAnswer> => {
    const controller = new AbortController();
    const call = Promise.resolve().then(() => opts.generate(model, c.input, controller.signal, c));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new CallTimeout(timeoutMs);
        controller.abort(err);
        reject(err);
      }, timeoutMs);
    });
    try {
      const output = await Promise.race([call, timeout]);
      limiter.release(permit, 'success');
      return toAnswer(output);
    } catch (caught) {
      if (caught instanceof GenerateContractError) throw caught; // permit already released
      // Whatever the call rejected with once we aborted it (AbortError, a wrapped error...), it timed out.
      const err: unknown = controller.signal.aborted ? controller.signal.reason : caught;
      if (err instanceof CallTimeout) {
        // Keep the slot until the aborted call is really gone (or a grace period passes).
        const settled = call.then(
          () => undefined,
          () => undefined,
        );
        let grace: ReturnType<typeof setTimeout> | undefined;
        const graceOver = new Promise<void>((resolve) => {
          grace = setTimeout(resolve, Math.min(timeoutMs, 5000));
        });
        void Promise.race([settled, graceOver]).then(() => {
          clearTimeout(grace);
          limiter.release(permit, 'neutral');
        });
      } else {
        const throttled = err instanceof GoogleApiError && err.httpStatus === 429;
        // A Retry-After we will not wait for (a spent daily quota) must not pause the other cases
        // either: they fail fast the same way instead of hanging the run.
        const retryAfter = throttled ? validMs(err.retryAfterMs) : undefined;
        limiter.release(
          permit,
          throttled ? 'throttled' : 'neutral',
          retryAfter !== undefined && retryAfter <= maxRetryAfterMs ? retryAfter : undefined,
        );
      }
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };

  // Progress and per-case completion.
  const tuned: Array<CallResult | undefined> = new Array<CallResult | undefined>(total);
  const base: Array<CallResult | undefined> = new Array<CallResult | undefined>(total);
  const remaining: number[] = cases.map(() => (baselineModel === null ? 1 : 2));
  const step = Math.max(1, Math.ceil(total / 10));
  let done = 0;
  let passedSoFar = 0;
  let scoredSoFar = 0;
  let nextReport = step;
  const finish = (i: number): void => {
    remaining[i] = (remaining[i] ?? 1) - 1;
    if ((remaining[i] ?? 0) > 0) return;
    done++;
    const r = tuned[i];
    if (r && cases[i]?.expected !== null) {
      scoredSoFar++;
      if (r.pass === true) passedSoFar++;
    }
    if (done >= nextReport || done === total) {
      nextReport = done + step;
      log.info(
        `eval: ${done}/${total} cases done, ${passedSoFar}/${scoredSoFar} scored passing so far, ` +
          `concurrency window ${limiter.window}/${concurrency}`,
      );
    }
  };

  log.info(
    `eval: ${total} case(s) against ${opts.model}${baselineModel !== null ? ` and baseline ${baselineModel}` : ''}, ` +
      `at most ${concurrency} in flight`,
  );
  const tasks: Promise<void>[] = [];
  cases.forEach((c, i) => {
    tasks.push(
      callOnce(c, opts.model, 'tuned').then((r) => {
        tuned[i] = r;
        finish(i);
      }),
    );
    if (baselineModel !== null) {
      tasks.push(
        callOnce(c, baselineModel, 'baseline').then((r) => {
          base[i] = r;
          finish(i);
        }),
      );
    }
  });
  // At the run's time limit the eval stops where it is: the cases with all their answers are
  // reported, the others are "not run" (calls still in flight are abandoned with the run's HTTP).
  let cutShort = false;
  const timeUp = new Promise<void>((resolve) => {
    if (opts.signal?.aborted) resolve();
    opts.signal?.addEventListener('abort', () => resolve(), { once: true });
  }).then(() => void (cutShort = true));
  try {
    await Promise.race([Promise.all(tasks), timeUp]);
  } finally {
    regex.close();
  }
  if (throttledCalls > 0 || failedCalls > 0) {
    // What it took, so that eval-concurrency can be set to what the server really takes.
    log.info(
      `eval: ${throttledCalls} call(s) answered 429 and ${failedCalls} failed (5xx, network, timeout), retried as needed; ` +
        `the concurrency window ended at ${limiter.window} of ${concurrency} (eval-concurrency)`,
    );
  }

  const summary = summarise({
    model: opts.model,
    baselineModel,
    generationConfig: opts.generationConfig,
    cases,
    tuned: cutShort ? tuned.map((r) => (r?.error === ABANDONED ? undefined : r)) : tuned,
    base: cutShort ? base.map((r) => (r?.error === ABANDONED ? undefined : r)) : base,
    cutShort,
  });
  log.info(
    `eval: pass rate ${formatRate(summary.passRate)} (${summary.passed} passed, ${summary.failed} failed, ` +
      `${summary.errors} errored, ${summary.unscored} unscored)` +
      (baselineModel !== null
        ? `; baseline ${formatRate(summary.baselinePassRate)}, ${summary.regressions.length} regression(s), ${summary.improvements.length} improvement(s)`
        : ''),
  );
  return summary;
}

/** What `generate` gave, as an answer; anything else breaks its contract. */
function toAnswer(output: unknown): GenerateAnswer {
  if (typeof output === 'string') return { text: output, blocked: null, truncated: false };
  const a = output as Partial<GenerateAnswer> | null;
  if (a === null || typeof a !== 'object' || typeof a.text !== 'string') {
    throw new GenerateContractError(`generate returned ${a === null ? 'null' : typeof a}, not a string or an answer`);
  }
  return {
    text: a.text,
    blocked: typeof a.blocked === 'string' && a.blocked !== '' ? a.blocked : null,
    truncated: a.truncated === true,
    usage: a.usage ?? null,
  };
}

/** A short, single-line reason for an error. */
export function describeError(err: unknown): string {
  let text: string;
  if (err instanceof GoogleApiError) text = `HTTP ${err.httpStatus} ${err.status}: ${err.message}`;
  else if (err instanceof NetworkError) text = `network error${err.code ? ` (${err.code})` : ''}: ${err.message}`;
  else if (err instanceof CallTimeout) text = err.message;
  else if (err instanceof Error) text = `${err.name}: ${err.message}`;
  else text = String(err);
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

function validMs(ms: number | undefined): number | undefined {
  return ms !== undefined && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

const positive = (v: number | undefined, fallback: number): number =>
  v !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
const nonNegative = (v: number | undefined, fallback: number): number =>
  v !== undefined && Number.isFinite(v) && v >= 0 ? v : fallback;

function formatRate(r: number | null): string {
  return r === null ? 'n/a' : `${(r * 100).toFixed(1)}%`;
}

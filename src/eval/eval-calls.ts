/**
 * One eval call, made and scored: the retries, the per-call timeout and the shared concurrency
 * window of ./run-eval.ts (see there for the rules), then the scorer.
 */

import { GoogleApiError, NetworkError } from '../backends/errors.js';
import type { GenerateAnswer } from '../backends/generate-content.js';
import type { EvalCase } from '../domain.js';
import type { Clock } from '../util/clock.js';
import { askedDelay, isRetryable, retryDelay, type RetryPolicy } from '../util/retry.js';
import type { AdaptiveLimiter, Permit } from './adaptive-limiter.js';
import type { RegexGuard } from './regex-guard.js';
import { scoreCase, type ScoringServices } from './scorers.js';
import type { CallResult } from './types.js';

export interface EvalLog {
  info(msg: string): void;
  debug(msg: string): void;
  warning(msg: string): void;
}

/** Tokens a scoring call used (judge, embeddings), where the service says. */
export interface ScoringUsage {
  tokens: number;
}

export interface CallerOptions {
  generate: (model: string, prompt: string, signal: AbortSignal, c: EvalCase) => Promise<string | GenerateAnswer>;
  /** `semantic`: embeddings of texts from the embedding model (one attempt). */
  embed?: (texts: string[], signal: AbortSignal) => Promise<{ vectors: number[][] } & Partial<ScoringUsage>>;
  /** `judge`: the judge model's verdict (one attempt). */
  judge?: (
    q: { input: string; output: string; criteria: string },
    signal: AbortSignal,
  ) => Promise<{ pass: boolean; reason: string } & Partial<ScoringUsage>>;
  limiter: AdaptiveLimiter;
  regex: RegexGuard;
  retryPolicy: RetryPolicy;
  timeoutMs: number;
  maxRetryAfterMs: number;
  clock: Clock;
  random: () => number;
  log: EvalLog;
  signal?: AbortSignal;
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

export const noopLog: EvalLog = { info() {}, debug() {}, warning() {} };

export const ABANDONED = 'abandoned at the run’s time limit';
const MAX_ERROR_WARNINGS = 5;

/** Makes the eval's calls; counts what it took (429s, failures) for the closing log line. */
export class Caller {
  throttledCalls = 0;
  failedCalls = 0;
  /** Tokens of the judge and embedding calls. */
  scoringTokens = 0;
  private errorWarnings = 0;

  constructor(private readonly o: CallerOptions) {}

  /** One run of case `c` on `model`, retried as needed and scored. Never rejects. */
  readonly call = async (c: EvalCase, model: string, which: string): Promise<CallResult> => {
    const { log } = this.o;
    let result: { answer: GenerateAnswer; latencyMs: number } | { error: string };
    try {
      const r = await this.withRetry(`case ${c.id} (${which})`, async (signal) =>
        toAnswer(await this.o.generate(model, c.input, signal, c)),
      );
      result = 'error' in r ? r : { answer: r.value, latencyMs: r.latencyMs };
    } catch (err) {
      result = { error: `internal error: ${describeError(err)}` };
    }
    if ('error' in result) {
      if (result.error !== ABANDONED) {
        if (this.errorWarnings < MAX_ERROR_WARNINGS)
          log.warning(`eval: case ${c.id} (${which}) errored: ${result.error}`);
        else if (this.errorWarnings === MAX_ERROR_WARNINGS) log.warning('eval: more cases errored; see the report');
        this.errorWarnings++;
      }
      return { output: null, error: result.error, pass: null, reason: null };
    }
    const { answer, latencyMs } = result;
    const scored = await this.scoreOutput(c, answer, which);
    const { blocked, truncated, usage } = answer;
    return { output: answer.text, ...scored, blocked, truncated, latencyMs, usage: usage ?? null };
  };

  private async scoreOutput(
    c: EvalCase,
    answer: GenerateAnswer,
    which: string,
  ): Promise<{ pass: boolean | null; reason: string | null; error: string | null }> {
    const { log } = this.o;
    const scored = c.expected !== null;
    if (answer.blocked !== null) {
      const reason = `blocked: ${answer.blocked}`;
      log.debug(`eval: case ${c.id} (${which}) ${reason}`);
      return { pass: scored ? false : null, reason: scored ? reason : null, error: null };
    }
    if (!scored) return { pass: null, reason: null, error: null };
    const result = await scoreCase(c, answer.text, { regex: this.o.regex, services: this.services(c, which) });
    if (result.error !== undefined) {
      log.warning(`eval: case ${c.id} (${which}) errored: ${result.error}`);
      return { pass: null, reason: null, error: result.error };
    }
    if (!result.pass) {
      const msg = `eval: case ${c.id} (${which}) failed: ${result.reason ?? 'no reason given'}`;
      if (result.invalidCase) log.warning(msg);
      else log.debug(msg);
    }
    // A passing judge keeps its reason: it is shown with the case.
    return {
      pass: result.pass,
      reason: result.reason ?? null,
      error: null,
      ...(result.score !== undefined ? { score: result.score } : {}),
    };
  }

  /** The judge and embedding calls of one case, each within the eval's window and retried like the others. */
  private services(c: EvalCase, which: string): ScoringServices | undefined {
    const { embed, judge } = this.o;
    const unwrap = <T extends Partial<ScoringUsage>>(r: { value: T } | { error: string }): T => {
      if ('error' in r) throw new Error(r.error);
      this.scoringTokens += r.value.tokens ?? 0;
      return r.value;
    };
    return {
      embed: async (texts) => {
        if (!embed) throw new Error('this backend has no embedding model');
        return unwrap(await this.withRetry(`case ${c.id} (${which}) embeddings`, (s) => embed(texts, s))).vectors;
      },
      judge: async (q) => {
        if (!judge) throw new Error('this backend has no judge model');
        return unwrap(await this.withRetry(`case ${c.id} (${which}) judge`, (s) => judge(q, s)));
      },
    };
  }

  /** One call, retried as the module comment says; its result, or why it failed in the end. */
  private async withRetry<R>(
    label: string,
    run: (signal: AbortSignal) => Promise<R>,
  ): Promise<{ value: R; latencyMs: number } | { error: string }> {
    const { limiter, clock, log, random, retryPolicy } = this.o;
    const maxAttempts = retryPolicy.maxAttempts;
    for (let attempt = 1; ; attempt++) {
      const permit = await limiter.acquire({ front: attempt > 1 });
      if (this.o.signal?.aborted) {
        limiter.release(permit, 'neutral');
        return { error: ABANDONED };
      }
      let err: unknown;
      try {
        const started = clock.now();
        const value = await this.attemptOnce(run, permit);
        return { value, latencyMs: clock.now() - started };
      } catch (caught) {
        err = caught;
      }
      const reason = describeError(err);
      if (err instanceof GoogleApiError && err.httpStatus === 429) this.throttledCalls++;
      else if (isRetryable(err)) this.failedCalls++;
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
        `eval: ${label} attempt ${attempt}/${maxAttempts} failed: ${reason}; retrying in ${decision.delayMs} ms`,
      );
      await clock.sleep(decision.delayMs, this.o.signal);
    }
  }

  /** One call within the window; releases the permit with the right outcome. */
  private async attemptOnce<R>(run: (signal: AbortSignal) => Promise<R>, permit: Permit): Promise<R> {
    const { limiter, timeoutMs, maxRetryAfterMs } = this.o;
    const controller = new AbortController();
    const call = Promise.resolve().then(() => run(controller.signal));
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
      return output;
    } catch (caught) {
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
  }
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

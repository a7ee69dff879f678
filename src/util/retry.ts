/**
 * The one retry policy: which failures are retried, how long to wait (the server's Retry-After or
 * RetryInfo when it gave one, else exponential backoff with full jitter), and when to give up
 * (attempts, time spent, the caller's deadline). `retryDelay` decides; `withRetry` loops on the
 * caller's clock. Errors say whether they are retryable themselves (`retryable`, `retryAfterMs`:
 * GoogleApiError and NetworkError do), so this module imports nothing.
 */

import type { Clock } from './clock.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff before the second attempt; doubles each time, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry that would start later than this after the first attempt. */
  maxElapsedMs: number;
  /** A server that asks for a longer pause than this (a spent daily quota) is not waited for. */
  maxRetryAfterMs: number;
  /** Full jitter (a random delay up to the backoff), so that many clients do not retry in step. */
  jitter: boolean;
}

/** Calls to Google: six attempts within two minutes. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxElapsedMs: 120_000,
  maxRetryAfterMs: 120_000,
  jitter: true,
};

/** What a failure says about itself. */
export interface RetrySignals {
  retryable?: unknown;
  retryAfterMs?: unknown;
}

export function isRetryable(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as RetrySignals).retryable === true;
}

/** The pause the server asked for (Retry-After header or google.rpc.RetryInfo), in ms. */
export function askedDelay(err: unknown): number | undefined {
  const ms = typeof err === 'object' && err !== null ? (err as RetrySignals).retryAfterMs : undefined;
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

export type RetryDecision =
  | { retry: true; delayMs: number; asked: boolean }
  | { retry: false; why: 'not retryable' | 'attempts' | 'retry-after too long' | 'time' };

/**
 * Whether to try again after attempt `attempt` (1-based) failed with `err`, and after how long.
 * `elapsedMs`: since the first attempt; `leftMs`: until the caller's deadline (Infinity: none);
 * `random`: a number in [0, 1) for the jitter.
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  err: unknown,
  timing: { elapsedMs: number; leftMs: number; random: number },
): RetryDecision {
  if (!isRetryable(err)) return { retry: false, why: 'not retryable' };
  if (attempt >= policy.maxAttempts) return { retry: false, why: 'attempts' };
  const asked = askedDelay(err);
  if (asked !== undefined && asked > policy.maxRetryAfterMs) return { retry: false, why: 'retry-after too long' };
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const backoff = policy.jitter ? Math.floor(timing.random * ceiling) : ceiling;
  // What the server asked for, but not less than a quarter of the backoff: "Retry-After: 0" from a
  // service that keeps failing must not turn into a tight loop.
  const delayMs = asked !== undefined ? Math.max(asked, Math.floor(backoff / 4)) : backoff;
  if (timing.elapsedMs + delayMs > policy.maxElapsedMs || delayMs >= timing.leftMs)
    return { retry: false, why: 'time' };
  return { retry: true, delayMs, asked: asked !== undefined };
}

export interface RetryContext {
  clock: Clock;
  policy?: RetryPolicy;
  random?: () => number;
  /** Ends the waiting (and the retries) at once. */
  signal?: AbortSignal;
  /** Absolute time (ms on `clock`) after which no retry starts. */
  deadline?: number;
  /** Before each pause. */
  onRetry?: (err: unknown, attempt: number, delayMs: number, asked: boolean) => void;
}

/** Runs `call` until it succeeds or `retryDelay` says stop; then throws the last error. */
export async function withRetry<T>(call: (attempt: number) => Promise<T>, ctx: RetryContext): Promise<T> {
  const policy = ctx.policy ?? DEFAULT_RETRY;
  const random = ctx.random ?? Math.random;
  const started = ctx.clock.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (err) {
      if (ctx.signal?.aborted) throw err;
      const now = ctx.clock.now();
      const decision = retryDelay(policy, attempt, err, {
        elapsedMs: now - started,
        leftMs: ctx.deadline === undefined ? Infinity : ctx.deadline - now,
        random: random(),
      });
      if (!decision.retry) throw err;
      ctx.onRetry?.(err, attempt, decision.delayMs, decision.asked);
      await ctx.clock.sleep(decision.delayMs, ctx.signal);
      if (ctx.signal?.aborted) throw err;
    }
  }
}

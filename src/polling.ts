/**
 * Waits for a tuning job to end. The interval adapts: with no progress yet it backs off; once the
 * completed steps give a rate, it sleeps until the predicted end (capped), then polls briefly if
 * the job is overdue. It never sleeps past the deadline, and it rides out transient errors,
 * waiting at least as long as the server's Retry-After.
 */

import type { JobStatus } from './backends/backend.js';
import { GoogleApiError, isRetryable } from './backends/errors.js';

export interface PollOptions {
  initial: JobStatus;
  poll: () => Promise<JobStatus>;
  /** Absolute time (ms) after which we stop waiting. */
  deadline: number;
  onStatus?: (status: JobStatus) => void;
  onTransientError?: (err: Error, retryInMs: number) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Stop early (cancellation). */
  signal?: AbortSignal;
  minIntervalMs?: number;
  maxIntervalMs?: number;
  firstIntervalMs?: number;
}

export interface PollResult {
  status: JobStatus;
  timedOut: boolean;
  polls: number;
}

interface Sample {
  at: number;
  steps: number;
}

export const isTerminal = (s: JobStatus): boolean => s.state !== 'CREATING';

/** Completed fraction 0..1, or null when the service gives no progress. */
export function progressOf(s: JobStatus): number | null {
  if (s.completedSteps !== null && s.totalSteps) return Math.min(1, s.completedSteps / s.totalSteps);
  if (s.completedPercent !== null) return Math.min(1, s.completedPercent / 100);
  return null;
}

/**
 * How long to wait before the next poll, given the progress samples so far.
 * Exported for unit tests.
 */
export function nextDelay(
  samples: Sample[],
  now: number,
  opts: { minIntervalMs: number; maxIntervalMs: number; firstIntervalMs: number; overdueSince: number | null },
): number {
  const { minIntervalMs, maxIntervalMs, firstIntervalMs } = opts;
  // Rate from the last two samples that differ in progress.
  let rate: number | null = null;
  const last = samples.at(-1);
  if (last) {
    for (let i = samples.length - 2; i >= 0; i--) {
      const prev = samples[i]!;
      if (prev.steps < last.steps && last.at > prev.at) {
        rate = (last.steps - prev.steps) / (last.at - prev.at);
        break;
      }
    }
  }
  if (!last || rate === null || rate <= 0) {
    // No measurable progress yet: back off geometrically from the first interval.
    const stalled = samples.length;
    return clamp(firstIntervalMs * 1.6 ** Math.max(0, stalled - 1), minIntervalMs, maxIntervalMs);
  }
  const remaining = 1 - last.steps;
  const eta = last.at + remaining / rate - now;
  if (eta > 0) {
    // Aim just after the predicted end (a small margin for the service's own bookkeeping).
    return clamp(eta + Math.min(500, Math.max(100, eta * 0.02)), minIntervalMs, maxIntervalMs);
  }
  // Overdue (e.g. the service finalises after the last step): short, growing intervals.
  const overdueFor = opts.overdueSince === null ? 0 : now - opts.overdueSince;
  return clamp(Math.max(minIntervalMs, overdueFor / 4), minIntervalMs, maxIntervalMs);
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

export async function waitForJob(opts: PollOptions): Promise<PollResult> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const minIntervalMs = opts.minIntervalMs ?? 400;
  const maxIntervalMs = opts.maxIntervalMs ?? 60_000;
  const firstIntervalMs = opts.firstIntervalMs ?? 2000;
  let status = opts.initial;
  let polls = 0;
  let errors = 0;
  let overdueSince: number | null = null;
  const samples: Sample[] = [];
  const record = (s: JobStatus): void => {
    const p = progressOf(s);
    if (p !== null) samples.push({ at: now(), steps: p });
    if (samples.length > 20) samples.shift();
  };
  record(status);

  while (!isTerminal(status)) {
    if (opts.signal?.aborted) break;
    const t = now();
    if (t >= opts.deadline) return { status, timedOut: true, polls };
    let delay = nextDelay(samples, t, { minIntervalMs, maxIntervalMs, firstIntervalMs, overdueSince });
    delay = Math.min(delay, opts.deadline - t);
    await sleep(delay);
    if (opts.signal?.aborted) break;
    try {
      polls++;
      status = await opts.poll();
      errors = 0;
    } catch (err) {
      if (!isRetryable(err)) throw err;
      errors++;
      const asked = err instanceof GoogleApiError ? (err.retryAfterMs ?? 0) : 0;
      const wait = Math.min(Math.max(asked, minIntervalMs * 2 ** Math.min(errors, 6)), maxIntervalMs);
      opts.onTransientError?.(err as Error, wait);
      const left = opts.deadline - now();
      if (left <= 0) return { status, timedOut: true, polls };
      await sleep(Math.min(wait, left));
      continue;
    }
    record(status);
    const p = progressOf(status);
    if (p !== null && p >= 1 && overdueSince === null) overdueSince = now();
    const last = samples.at(-1);
    if (overdueSince === null && last && samples.length >= 2) {
      // Predicted end already passed without the job finishing.
      const eta = nextDelay(samples, now(), { minIntervalMs: 0, maxIntervalMs: Infinity, firstIntervalMs, overdueSince: null });
      if (eta <= 0) overdueSince = now();
    }
    opts.onStatus?.(status);
  }
  return { status, timedOut: false, polls };
}

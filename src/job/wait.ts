/**
 * Waits for a tuning job to end. The interval adapts: with no progress yet it backs off; once the
 * completed steps give a rate, it sleeps until the predicted end (capped), then polls briefly if
 * the job is overdue. It never sleeps past the deadline, and it rides out transient errors,
 * waiting at least as long as the server's Retry-After.
 */

import { systemClock, type Clock } from '../util/clock.js';
import { retryDelay, type RetryPolicy } from '../util/retry.js';
import type { JobStatus } from '../domain.js';

export interface PollOptions {
  initial: JobStatus;
  /** One status read; `signal` fires at the deadline (or on cancellation): the call must give up then. */
  poll: (signal: AbortSignal) => Promise<JobStatus>;
  /** Absolute time (ms) after which we stop waiting. */
  deadline: number;
  onStatus?: (status: JobStatus) => void;
  onTransientError?: (err: Error, retryInMs: number) => void;
  /** The run's clock (default: the system's). */
  clock?: Clock;
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
  /** Completed fraction 0..1. */
  steps: number;
  /** Steps left, when the service says how many there are. */
  remainingSteps?: number | null;
  /** Time per step measured from the snapshots' computeTime differences (skew-free), when known. */
  stepMs?: number | null;
}

export const isTerminal = (s: JobStatus): boolean => s.state !== 'CREATING';

/**
 * A newer status, without forgetting what an earlier one knew: an answer that lacks the job's name,
 * its tuned model or endpoint, or the loss snapshots (a metrics read that failed this time) does
 * not wipe them from the run's status, its report or its outputs.
 */
export function keepKnown(before: JobStatus, after: JobStatus): JobStatus {
  return {
    ...after,
    job: after.job || before.job,
    tunedModel: after.tunedModel ?? before.tunedModel,
    endpoint: after.endpoint ?? before.endpoint,
    snapshots: after.snapshots.length ? after.snapshots : before.snapshots,
  };
}

/** Completed fraction 0..1, or null when the service gives no progress. */
export function progressOf(s: JobStatus): number | null {
  if (s.completedSteps !== null && s.totalSteps) return Math.min(1, s.completedSteps / s.totalSteps);
  if (s.completedPercent !== null) return Math.min(1, s.completedPercent / 100);
  return null;
}

/**
 * Milliseconds per training step, from the computeTime of the latest snapshots (up to 20, so the
 * estimate follows a changing pace). Only differences between server timestamps are used, so the
 * runner's clock skew does not matter. null when fewer than two timed snapshots.
 */
export function stepDuration(s: JobStatus): number | null {
  const timed = s.snapshots.filter((x) => x.computeTime && !Number.isNaN(Date.parse(x.computeTime))).slice(-20);
  const first = timed[0];
  const last = timed.at(-1);
  if (!first || !last || last.step <= first.step) return null;
  const ms = (Date.parse(last.computeTime!) - Date.parse(first.computeTime!)) / (last.step - first.step);
  return ms > 0 ? ms : null;
}

/**
 * How long to wait before the next poll, given the progress samples so far. Aims at the latest
 * plausible end: a job reported at k steps may have finished step k just now, so the rest takes
 * at most (remaining steps) x (time per step). Exported for unit tests.
 */
export function nextDelay(
  samples: Sample[],
  now: number,
  opts: { minIntervalMs: number; maxIntervalMs: number; firstIntervalMs: number; overdueSince: number | null },
): number {
  const { minIntervalMs, maxIntervalMs, firstIntervalMs } = opts;
  const last = samples.at(-1);
  let eta: number | null = null;
  if (last?.stepMs && last.remainingSteps !== null && last.remainingSteps !== undefined) {
    eta = last.at + last.remainingSteps * last.stepMs - now;
  } else if (last) {
    // Rate from the last two samples that differ in progress (the observed count is a lower
    // bound of the work done, so this rate errs slow: the estimate errs late, not early).
    for (let i = samples.length - 2; i >= 0; i--) {
      const prev = samples[i]!;
      if (prev.steps < last.steps && last.at > prev.at) {
        const rate = (last.steps - prev.steps) / (last.at - prev.at);
        eta = last.at + (1 - last.steps) / rate - now;
        break;
      }
    }
  }
  if (eta === null) {
    // No measurable progress yet: back off geometrically from the first interval.
    return clamp(firstIntervalMs * 1.6 ** Math.max(0, samples.length - 1), minIntervalMs, maxIntervalMs);
  }
  if (eta > 0) {
    // Just after the predicted end: a small margin for the service's own bookkeeping.
    return clamp(eta + Math.min(500, Math.max(100, eta * 0.01)), minIntervalMs, maxIntervalMs);
  }
  // Overdue (e.g. the service finalises after the last step): short, growing intervals.
  const overdueFor = opts.overdueSince === null ? 0 : now - opts.overdueSince;
  return clamp(Math.max(minIntervalMs, overdueFor / 4), minIntervalMs, maxIntervalMs);
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

export async function waitForJob(opts: PollOptions): Promise<PollResult> {
  const clock = opts.clock ?? systemClock;
  const now = clock.now;
  const minIntervalMs = opts.minIntervalMs ?? 400;
  const maxIntervalMs = opts.maxIntervalMs ?? 60_000;
  const firstIntervalMs = opts.firstIntervalMs ?? 4000;
  // A failed poll is retried until the deadline, however often it fails: the job goes on meanwhile.
  const onError: RetryPolicy = {
    maxAttempts: Infinity,
    baseDelayMs: minIntervalMs * 2,
    maxDelayMs: maxIntervalMs,
    maxElapsedMs: Infinity,
    maxRetryAfterMs: Infinity,
    jitter: false,
  };
  let status = opts.initial;
  let polls = 0;
  let errors = 0;
  let overdueSince: number | null = null;
  const samples: Sample[] = [];
  const record = (s: JobStatus): void => {
    const p = progressOf(s);
    if (p === null) return;
    const remainingSteps =
      s.totalSteps && s.completedSteps !== null ? Math.max(0, s.totalSteps - s.completedSteps) : null;
    samples.push({ at: now(), steps: p, remainingSteps, stepMs: stepDuration(s) });
    if (samples.length > 20) samples.shift();
  };
  record(status);

  while (!isTerminal(status)) {
    if (opts.signal?.aborted) break;
    const t = now();
    if (t >= opts.deadline) return { status, timedOut: true, polls };
    let delay = nextDelay(samples, t, { minIntervalMs, maxIntervalMs, firstIntervalMs, overdueSince });
    delay = Math.min(delay, opts.deadline - t);
    await clock.sleep(delay, opts.signal);
    if (opts.signal?.aborted) break;
    // A poll, with its own HTTP retries, may not run past the deadline.
    const atDeadline = clock.timeout(Math.max(1, Math.ceil(opts.deadline - now())));
    const signal = opts.signal ? AbortSignal.any([opts.signal, atDeadline]) : atDeadline;
    try {
      polls++;
      status = keepKnown(status, await opts.poll(signal));
      errors = 0;
    } catch (err) {
      if (opts.signal?.aborted) break;
      if (now() >= opts.deadline) return { status, timedOut: true, polls };
      errors++;
      const left = opts.deadline - now();
      const decision = retryDelay(onError, errors, err, { elapsedMs: 0, leftMs: Infinity, random: 0 });
      if (!decision.retry) throw err;
      opts.onTransientError?.(err as Error, decision.delayMs);
      if (left <= 0) return { status, timedOut: true, polls };
      await clock.sleep(Math.min(decision.delayMs, left), opts.signal);
      continue;
    }
    record(status);
    const p = progressOf(status);
    if (p !== null && p >= 1 && overdueSince === null) overdueSince = now();
    const last = samples.at(-1);
    if (overdueSince === null && last && samples.length >= 2) {
      // Predicted end already passed without the job finishing.
      const eta = nextDelay(samples, now(), {
        minIntervalMs: 0,
        maxIntervalMs: Infinity,
        firstIntervalMs,
        overdueSince: null,
      });
      if (eta <= 0) overdueSince = now();
    }
    opts.onStatus?.(status);
  }
  return { status, timedOut: false, polls };
}

/**
 * Following a job until it ends: progress in a log group (and at 25/50/75% in the PR comment), the
 * run's deadline, and the runner's stop signals for a job this run started.
 */

import * as core from '@actions/core';
import type { TuningBackend } from '../backends/backend.js';
import type { JobStatus } from '../domain.js';
import { scrub } from '../runner/secrets.js';
import type { Clock } from '../util/clock.js';
import { formatDuration } from '../util/format.js';
import { cancelJob, type StopWatch } from './cancel.js';
import { formatProgress } from './progress.js';
import type { QueueTime } from './queue-time.js';
import { waitForJob } from './wait.js';

export interface FollowOptions {
  backend: TuningBackend;
  initial: JobStatus;
  /** Absolute time (ms on `clock`) when the run must stop waiting. */
  deadline: number;
  clock: Clock;
  /** The runner's stop signals (cancel-on-abort): one cuts the wait short. */
  stop: StopWatch | null;
  /** Whether a stop signal cancels (or deletes) the job: only one this run started. */
  cancelOnStop: boolean;
  /** Each status polled, as it comes. */
  onStatus: (status: JobStatus) => void;
  /**
   * A reason to stop and cancel the job (the budget), or null; asked of every status. Only for a
   * job this run started.
   */
  limit?: (status: JobStatus) => string | null;
  /** Notes the time the job waits for quota or capacity (and the log says how long). */
  queue?: QueueTime;
}

export interface Followed {
  status: JobStatus;
  timedOut: boolean;
  /** The stop signal that cut the wait short, if any. */
  stoppedBy: NodeJS.Signals | null;
  /** Whether the job was cancelled after a stop signal or a limit (false: it may still run). */
  cancelled: boolean;
  /** The limit that stopped the wait (the budget), if any. */
  limitedBy: string | null;
}

export async function followJob(o: FollowOptions): Promise<Followed> {
  // A limit reached ends the wait like a stop signal, and cancels the job.
  const limited = new AbortController();
  let limitedBy: string | null = null;
  const signal = o.stop ? AbortSignal.any([o.stop.signal, limited.signal]) : limited.signal;
  const result = await waitWithProgress(o, signal, (s) => {
    o.onStatus(s);
    const reason = limitedBy === null ? (o.limit?.(s) ?? null) : null;
    if (reason !== null) {
      limitedBy = reason;
      limited.abort();
    }
  });
  if (limitedBy !== null && o.stop?.received() == null) {
    const cancel = await cancelJob(o.backend, result.status, { reason: limitedBy });
    return { status: cancel.status, timedOut: false, stoppedBy: null, cancelled: cancel.cancelled, limitedBy };
  }
  const stoppedBy = o.stop?.received() ?? null;
  if (stoppedBy === null || !o.cancelOnStop) {
    return { status: result.status, timedOut: result.timedOut, stoppedBy, cancelled: false, limitedBy: null };
  }
  const cancel = await cancelJob(o.backend, result.status, { signal: stoppedBy });
  return { status: cancel.status, timedOut: false, stoppedBy, cancelled: cancel.cancelled, limitedBy: null };
}

function waitWithProgress(
  o: FollowOptions,
  signal: AbortSignal | undefined,
  seen: (status: JobStatus) => void,
): Promise<{ status: JobStatus; timedOut: boolean }> {
  const name = o.initial.job || o.initial.tunedModel || '';
  const started = o.clock.now();
  return core.group(`Tuning ${name}`, async () => {
    core.info(formatProgress(o.initial, 0, o.queue?.total(started)));
    const result = await waitForJob({
      initial: o.initial,
      poll: (signal) => o.backend.status(name, signal),
      deadline: o.deadline,
      clock: o.clock,
      ...(signal ? { signal } : {}),
      onStatus: (s) => {
        const now = o.clock.now();
        o.queue?.observe(s, now);
        core.info(formatProgress(s, now - started, o.queue?.waitingSince != null ? o.queue.total(now) : undefined));
        seen(s);
      },
      onTransientError: (err, ms) =>
        core.info(`Polling hiccup (${scrub(err.message)}); trying again in ${formatDuration(ms)}`),
    });
    core.info(`Polled ${result.polls} times over ${formatDuration(o.clock.now() - started)}.`);
    return result;
  });
}

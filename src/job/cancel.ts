/**
 * The runner cancelling the step (SIGINT, then SIGTERM, then SIGKILL 7.5 s after the first): the
 * wait for a job this run started is cut short, and the job is cancelled (Vertex AI) or deleted
 * (Gemini API) before the run reports. A job this run did not start (resumed, attached to, reused)
 * is never touched.
 */

import * as core from '@actions/core';
import type { TuningBackend } from '../backends/backend.js';
import type { JobStatus } from '../domain.js';
import { onStopSignal, type SignalSource } from '../runner/signals.js';
import { scrub } from '../runner/secrets.js';

export const CANCELLED_NOTE = 'the run was cancelled; the tuning job was cancelled with it';

export interface StopWatch {
  /** Fires on the first stop signal. */
  readonly signal: AbortSignal;
  readonly received: () => NodeJS.Signals | null;
  readonly dispose: () => void;
}

/**
 * Watches for the runner's stop signals for the whole run, so that there is no moment between
 * creating a job and following it when a signal would kill the step outright.
 */
export function watchStopSignals(source?: SignalSource): StopWatch {
  const controller = new AbortController();
  let received: NodeJS.Signals | null = null;
  const dispose = onStopSignal((signal) => {
    received = signal;
    controller.abort();
  }, source);
  return { signal: controller.signal, received: () => received, dispose };
}

/**
 * Cancels (Vertex AI) or deletes (Gemini API) a job, for a stop signal or for a limit it went past
 * (`cause`: the signal, or the limit's reason, which becomes the job's error).
 */
export async function cancelJob(
  backend: TuningBackend,
  status: JobStatus,
  cause: { signal: NodeJS.Signals } | { reason: string },
): Promise<{ cancelled: boolean; status: JobStatus }> {
  const verb = backend.name === 'gemini-api' ? 'deleting' : 'cancelling';
  const signal = 'signal' in cause;
  const what = 'signal' in cause ? cause.signal : cause.reason;
  core.warning(`${signal ? `Received ${what}` : `Stopping: ${what}`}: ${verb} ${status.job || status.tunedModel}`);
  try {
    await backend.cancel(status);
    core.info('The tuning job was cancelled.');
    const error = signal ? CANCELLED_NOTE : `cancelled ${what}`;
    return { cancelled: true, status: { ...status, state: 'CANCELLED', error } };
  } catch (err) {
    const why = scrub(err instanceof Error ? err.message : String(err));
    core.warning(`Could not cancel the tuning job: ${why}`);
    return {
      cancelled: false,
      status: {
        ...status,
        error: signal
          ? `the run was cancelled, but the tuning job could not be (the post step tries again): ${why}`
          : `${what}, but the tuning job could not be cancelled (the post step tries again): ${why}`,
      },
    };
  }
}

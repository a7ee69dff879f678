/**
 * SIGINT/SIGTERM (the runner cancelling the step): cancel (Vertex AI) or delete (Gemini API) the job
 * this run started, record it for the post step and the outputs, say so in the PR comment, and end
 * the process, all within the runner's grace period.
 */

import * as core from '@actions/core';
import type { TuningBackend } from '../backends/backend.js';
import { saveJobState } from '../runner/outputs.js';
import { scrub } from '../runner/secrets.js';
import type { JobStatus } from '../domain.js';

export const CANCELLED_NOTE = 'the run was cancelled; the tuning job was cancelled with it';

/** Cancels (or deletes) the job this run started when the runner cancels the step (SIGINT/SIGTERM). */
export function watchForCancellation(
  backend: TuningBackend,
  current: () => JobStatus,
  onCancelled?: () => Promise<void>,
): { signal: AbortSignal; cancelled: () => boolean; dispose: () => void } {
  const controller = new AbortController();
  let cancelled = false;
  const onSignal = (sig: NodeJS.Signals): void => {
    if (controller.signal.aborted) return;
    controller.abort();
    const status = current();
    core.warning(
      `Received ${sig}: ${backend.name === 'gemini-api' ? 'deleting' : 'cancelling'} ${status.job || status.tunedModel}`,
    );
    backend
      .cancel(status)
      .then(() => {
        cancelled = true;
        saveJobState({ job: status.job, tunedModel: status.tunedModel, settled: true });
        core.setOutput('state', 'CANCELLED');
        core.setOutput('job', status.job);
        core.setOutput('cache-hit', 'false');
        core.info('The tuning job was cancelled.');
      })
      .catch((err: unknown) => core.warning(`Could not cancel the tuning job: ${scrub(String(err))}`))
      // The PR comment says so too (bounded: the runner kills the step a few seconds after the signal).
      .then(() =>
        cancelled && onCancelled
          ? Promise.race([onCancelled(), new Promise<void>((r) => setTimeout(r, 3_000).unref())])
          : undefined,
      )
      .finally(() => {
        process.exitCode = 1;
        process.exit();
      });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    cancelled: () => cancelled,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

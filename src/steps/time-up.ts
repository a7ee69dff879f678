/**
 * A run that reached its time limit (`timeout-minutes`): whatever call was in flight was abandoned
 * (src/util/time-limit.ts), and the run ends as a timeout, exit non-zero, after publishing. A job
 * that exists is left running, with `resume:` to pick it up; before one was confirmed there is
 * nothing to resume; after tuning, the tuned model is there and only the eval is missing.
 */

import { TimeLimitError } from '../util/time-limit.js';
import type { Run } from './run-state.js';

/** Whether `err`, which ended the phases, is the time limit's doing. */
export function isTimeUp(run: Run, err: unknown): boolean {
  return err instanceof TimeLimitError || (run.timeLimit.aborted && run.stoppedBy === null);
}

/** Records the timeout in `run` (the error publish() reports, or `timedOut` for a job left running). */
export function endAtTimeLimit(run: Run, err: unknown): void {
  const limit = `timed out after ${run.settings.timeoutMinutes} minutes (timeout-minutes)`;
  const state = run.status?.state;
  if (state === 'CREATING') {
    run.timedOut = true; // publish() says how to resume
    return;
  }
  const why = err instanceof Error ? err.message : String(err);
  if (state === 'ACTIVE') {
    const model = run.status?.tunedModel ?? run.status?.endpoint ?? 'the tuned model';
    run.stopError = new TimeLimitError(`${limit} during the ${run.phase ?? 'eval'}: ${model} is ready, but ${why}`);
    return;
  }
  if (state) {
    run.stopError = err;
    return;
  }
  run.stopError = new TimeLimitError(
    `${limit} during the ${run.phase ?? 'create'}, before a tuning job was confirmed (${why}); nothing is left ` +
      'running to resume. If the service created the job anyway, a run with the same inputs and cache: true attaches to it',
  );
}

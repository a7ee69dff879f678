/**
 * The run's time limit (`timeout-minutes`) as an AbortSignal on the run's clock: every remote call
 * of the run (Google's APIs, the Cloud Storage upload, the eval) honours it, so a call that hangs
 * is abandoned when the time is up and the run goes on to publish its report.
 */

import type { Clock } from './clock.js';

/** What a call abandoned at the run's time limit throws. Never retried. */
export class TimeLimitError extends Error {
  override readonly name = 'TimeLimitError';
  readonly retryable = false;
}

/** A signal that fires `ms` from now on `clock`, its reason a TimeLimitError. */
export function timeLimitSignal(clock: Clock, ms: number, what: string): AbortSignal {
  const controller = new AbortController();
  const alarm = clock.timeout(Math.max(1, Math.ceil(ms)));
  const fire = (): void => controller.abort(new TimeLimitError(`the run reached its time limit (${what})`));
  if (alarm.aborted) fire();
  else alarm.addEventListener('abort', fire, { once: true });
  return controller.signal;
}

/**
 * Throws what a call cut short by the run's time limit should throw: a TimeLimitError naming the
 * call, when `limit` has fired; otherwise nothing (the caller throws its own error).
 */
export function throwIfTimeUp(limit: AbortSignal | undefined, call: string): void {
  if (!limit?.aborted) return;
  const reason = limit.reason instanceof Error ? limit.reason.message : 'the run reached its time limit';
  throw new TimeLimitError(`${call} was abandoned: ${reason}`);
}

/**
 * The one clock of a run: created at the top (main, post, a test) and passed down to every wait
 * (polling, HTTP and eval retries, uploads, the create's retries), so that a test can run hours of
 * tuning on a virtual clock in milliseconds. Guards against a peer that hangs (a call's own
 * timeout) stay on real time: they bound real I/O, not the schedule.
 */

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or as soon as `signal` fires; never rejects. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A signal that aborts (with a TimeoutError) once `ms` have passed on this clock. */
  timeout(ms: number): AbortSignal;
}

function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: realSleep,
  timeout: (ms) => AbortSignal.timeout(Math.max(1, Math.ceil(ms))),
};

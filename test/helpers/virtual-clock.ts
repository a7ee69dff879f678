/**
 * A virtual clock for tests: time moves on by itself whenever something sleeps, so a run that
 * polls a tuning job for hours, backs off and honours Retry-After finishes in milliseconds, while
 * its HTTP calls go over real sockets. Virtual time is real time plus an offset that only grows:
 * on each turn of the event loop the earliest sleeper's wake-up time becomes "now" and it is woken;
 * timeouts (`timeout()`) fire once virtual time reaches them, never by jumping to them, so a call
 * in flight is not cut short because nothing else was waiting. Share one with the emulator
 * (`startEmulator({ now: clock.now })`) so that training advances on the same time.
 */

import type { Clock } from '../../src/util/clock.js';

interface Sleeper {
  at: number;
  wake: () => void;
}

interface Alarm {
  at: number;
  controller: AbortController;
}

export class VirtualClock implements Clock {
  private offset: number;
  private sleepers: Sleeper[] = [];
  private alarms: Alarm[] = [];
  private scheduled = false;
  /** Every sleep asked for, in ms (what a test may assert about the schedule). */
  readonly slept: number[] = [];

  constructor(start?: number) {
    this.offset = start === undefined ? 0 : start - Date.now();
  }

  readonly now = (): number => Date.now() + this.offset;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
    this.slept.push(ms);
    return new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const sleeper: Sleeper = {
        at: this.now() + Math.max(0, ms),
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(sleeper);
      this.schedule();
    });
  };

  readonly timeout = (ms: number): AbortSignal => {
    const controller = new AbortController();
    const alarm: Alarm = { at: this.now() + ms, controller };
    this.alarms.push(alarm);
    // Virtual time also passes with real time.
    setTimeout(() => this.fireAlarms(), Math.max(0, ms) + 1).unref();
    return controller.signal;
  };

  /** Moves time on by `ms` (firing timeouts, not waking sleepers early). */
  advance(ms: number): void {
    this.offset += ms;
    this.fireAlarms();
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.sleepers.length === 0) return;
    const earliest = this.sleepers.reduce((a, b) => (b.at < a.at ? b : a));
    const now = this.now();
    if (earliest.at > now) this.offset += earliest.at - now;
    const due = this.sleepers.filter((s) => s.at <= this.now());
    this.sleepers = this.sleepers.filter((s) => s.at > this.now());
    this.fireAlarms();
    for (const s of due) s.wake();
    if (this.sleepers.length > 0) this.schedule();
  }

  private fireAlarms(): void {
    const now = this.now();
    const due = this.alarms.filter((a) => a.at <= now);
    if (due.length === 0) return;
    this.alarms = this.alarms.filter((a) => a.at > now);
    for (const a of due) a.controller.abort(new DOMException('The operation timed out.', 'TimeoutError'));
  }
}

/**
 * A clock whose sleeps return at once and are recorded in `sleeps`, for a unit under test that
 * only needs its waits skipped and counted (time itself does not move).
 */
export function instantClock(sleeps: number[] = []): Clock {
  return {
    now: () => Date.now(),
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
    timeout: (ms: number) => AbortSignal.timeout(Math.max(1, ms)),
  };
}

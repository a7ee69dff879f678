/**
 * Adaptive concurrency window for eval requests (shared by the tuned and the baseline model): it
 * finds a server's concurrency limit without being told it, and stays there.
 *
 *  - At most `max` requests in flight, and at most `window` (1..max).
 *  - Start: `window = initial` (default `max`: no slow start; the first burst may overshoot a
 *    smaller server limit, which costs one round of 429s, answered at once, and little time).
 *  - Throttled (HTTP 429): the window drops to the number of our calls the server is still
 *    serving (`held`, the in-flight count once this call is out). A server that refuses the
 *    N+1th concurrent call is then at exactly N, where halving (classic AIMD) would leave the
 *    window between N/2 and N+1, about 3/4 of the server's capacity on average. A 429 for a request that was sent *before* the last event
 *    began belongs to that event (a burst that overshot is one event): it can still lower the
 *    window to `held`, but does not count as a new event.
 *  - Refuse-all: when a 429 arrives with none of our calls in flight (`held` = 0), the server is
 *    refusing everything (a spent quota, not a concurrency limit): the window goes to 1 and, with
 *    a Retry-After, no request is sent before it has elapsed (a pause shared by all). With other
 *    calls in flight, Retry-After applies to the throttled request only (its retry waits for it,
 *    see ./run-eval.ts): the server is busy, not closed, and the lowered window already sends less.
 *  - Success: additive increase, +1 for every `window` successes since the last change, up to
 *    `max`. Probing at or above the level that was last refused (the `ceiling`) is slower: it
 *    needs `window × probeFactor` successes, `probeFactor` doubling with every congestion event
 *    (up to 64), so a steady limit costs a few 429s per run, not one per window. It is also
 *    skipped when the queued work would be done before a refused probe could be retried (about
 *    two Retry-Afters), so a probe never leaves one straggler waiting at the end of the run. A
 *    full probe-sized run of successes at or above the ceiling means the limit went up: the
 *    ceiling is forgotten and growth is back to normal.
 *  - Other errors (5xx, network, timeouts): neutral.
 *
 * Waiters are served first come, first served; `acquire({ front: true })` (used for retries) puts
 * the waiter at the head of the queue.
 */

export type Outcome = 'success' | 'throttled' | 'neutral';

export interface Permit {
  /** Sequence number of the send this permit was issued for. */
  readonly seq: number;
  /** When the permit was issued (the limiter's clock). */
  readonly at: number;
}

export interface AdaptiveLimiterOptions {
  max: number;
  /** Starting window; default `max`. */
  initial?: number;
  /** Timer used for Retry-After pauses; default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Clock; default Date.now. */
  now?: () => number;
  /** Called whenever the window changes. */
  onWindowChange?: (window: number, reason: 'increase' | 'decrease') => void;
}

interface Waiter {
  resolve: (permit: Permit) => void;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const MAX_PROBE_FACTOR = 64;
/** Assumed Retry-After for the end-of-run rule when the server gave none. */
const DEFAULT_RETRY_MS = 1000;

export class AdaptiveLimiter {
  readonly max: number;
  private windowSize: number;
  private active = 0;
  private nextSeq = 0;
  /** 429s for sends with seq below this belong to the congestion event already counted. */
  private recoverSeq = 0;
  private successes = 0;
  /** Lowest concurrency refused in the last congestion event; null when unknown or stale. */
  private ceiling: number | null = null;
  private probeFactor = 1;
  private lastRetryAfterMs: number | null = null;
  /** Moving average of how long a successful call held its permit, ms. */
  private callMs: number | null = null;
  private readonly queue: Waiter[] = [];
  private pause: { until: number; done: Promise<void> } | null = null;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly onWindowChange: AdaptiveLimiterOptions['onWindowChange'];
  /** Highest number of permits out at once. */
  peakInFlight = 0;
  /** How many congestion events lowered the window. */
  decreases = 0;

  constructor(opts: AdaptiveLimiterOptions) {
    this.max = Math.max(1, Math.floor(opts.max));
    const initial = opts.initial === undefined ? this.max : Math.floor(opts.initial);
    this.windowSize = Math.min(this.max, Math.max(1, initial));
    this.sleep = opts.sleep ?? defaultSleep;
    this.now = opts.now ?? Date.now;
    this.onWindowChange = opts.onWindowChange;
  }

  get window(): number {
    return this.windowSize;
  }

  get inFlight(): number {
    return this.active;
  }

  get paused(): boolean {
    return this.pause !== null;
  }

  /** Requests waiting for a permit. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves with a permit once a slot in the window is free and no Retry-After pause is on. */
  acquire(opts: { front?: boolean } = {}): Promise<Permit> {
    return new Promise<Permit>((resolve) => {
      const waiter: Waiter = { resolve };
      if (opts.front) this.queue.unshift(waiter);
      else this.queue.push(waiter);
      this.drain();
    });
  }

  /** Returns a permit and reports how its request went. */
  release(permit: Permit, outcome: Outcome, retryAfterMs?: number): void {
    this.active = Math.max(0, this.active - 1);
    if (outcome === 'success') this.onSuccess(permit);
    else if (outcome === 'throttled') this.onThrottle(permit, retryAfterMs);
    this.drain();
  }

  private onSuccess(permit: Permit): void {
    const took = Math.max(0, this.now() - permit.at);
    this.callMs = this.callMs === null ? took : this.callMs * 0.8 + took * 0.2;
    this.successes++;
    if (this.windowSize >= this.max) return;
    const probing = this.ceiling !== null && this.windowSize + 1 >= this.ceiling;
    if (this.successes < this.windowSize * (probing ? this.probeFactor : 1)) return;
    if (probing && !this.worthProbing()) return;
    if (this.ceiling !== null && this.windowSize >= this.ceiling) {
      // A probe-sized run of successes at the old ceiling: the limit went up.
      this.ceiling = null;
      this.probeFactor = 1;
    }
    this.setWindow(this.windowSize + 1, 'increase');
  }

  /** A refused probe waits a Retry-After: only worth it while the queue outlasts that wait. */
  private worthProbing(): boolean {
    if (this.callMs === null) return true;
    const retryMs = this.lastRetryAfterMs ?? DEFAULT_RETRY_MS;
    const queuedWorkMs = (this.queue.length * this.callMs) / this.windowSize;
    return queuedWorkMs >= 2 * retryMs;
  }

  private onThrottle(permit: Permit, retryAfterMs: number | undefined): void {
    const validRetry = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs > 0;
    if (validRetry) this.lastRetryAfterMs = retryAfterMs;
    const held = this.active;
    const newEvent = permit.seq >= this.recoverSeq;
    if (newEvent) {
      this.recoverSeq = this.nextSeq;
      this.successes = 0;
      this.decreases++;
    }
    if (held === 0) {
      // Refused with nothing of ours in flight: not a concurrency limit.
      this.ceiling = null;
      this.probeFactor = 1;
      this.setWindow(1, 'decrease');
      if (validRetry) this.pauseFor(retryAfterMs);
      return;
    }
    if (newEvent) {
      this.ceiling = held + 1;
      this.probeFactor = Math.min(MAX_PROBE_FACTOR, this.probeFactor * 2);
    } else {
      this.ceiling = Math.min(this.ceiling ?? held + 1, held + 1);
    }
    this.setWindow(Math.min(this.windowSize, held), 'decrease');
  }

  private setWindow(next: number, reason: 'increase' | 'decrease'): void {
    if (reason === 'increase') this.successes = 0;
    if (next === this.windowSize) return;
    this.windowSize = next;
    this.onWindowChange?.(next, reason);
  }

  private pauseFor(ms: number): void {
    const until = this.now() + ms;
    if (this.pause && this.pause.until >= until) return;
    const end = (): void => {
      if (this.pause?.done === done) this.pause = null;
      this.drain();
    };
    const done: Promise<void> = this.sleep(ms).then(end, end);
    this.pause = { until, done };
  }

  private drain(): void {
    while (this.pause === null && this.active < this.windowSize && this.queue.length > 0) {
      const waiter = this.queue.shift();
      if (!waiter) break;
      this.active++;
      this.peakInFlight = Math.max(this.peakInFlight, this.active);
      waiter.resolve({ seq: this.nextSeq++, at: this.now() });
    }
  }
}

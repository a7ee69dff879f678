/**
 * AIMD concurrency window for eval requests (shared by the tuned and the baseline model).
 *
 *  - At most `max` requests in flight, and at most `window` (1..max).
 *  - Start: `window = initial` (default `max`, i.e. no slow start: the first burst may hit a
 *    smaller server limit, which costs one halving and a few retries).
 *  - Throttled (HTTP 429): multiplicative decrease, `window = max(1, floor(window / 2))`, at most
 *    once per window of in-flight requests: a 429 for a request that was sent *before* the last
 *    decrease does not decrease again (the whole burst that overshot is one congestion event).
 *    With a Retry-After, no new request is sent before it has elapsed (a pause shared by all).
 *  - Success: additive increase, +1 for every `window` successes since the last change (one
 *    window's worth of successes), up to `max`.
 *  - Other errors (5xx, network, timeouts): neutral.
 *
 * Waiters are served first come, first served; `acquire({ front: true })` (used for retries) puts
 * the waiter at the head of the queue.
 */

export type Outcome = 'success' | 'throttled' | 'neutral';

export interface Permit {
  /** Sequence number of the send this permit was issued for. */
  readonly seq: number;
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

export class AdaptiveLimiter {
  readonly max: number;
  private windowSize: number;
  private active = 0;
  private nextSeq = 0;
  /** 429s for sends with seq below this belong to the congestion event that already halved. */
  private recoverSeq = 0;
  private successes = 0;
  private readonly queue: Waiter[] = [];
  private pause: { until: number; done: Promise<void> } | null = null;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly onWindowChange: AdaptiveLimiterOptions['onWindowChange'];
  /** Highest number of permits out at once. */
  peakInFlight = 0;
  /** How many times the window was halved. */
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
    if (outcome === 'success') {
      this.successes++;
      if (this.successes >= this.windowSize && this.windowSize < this.max) {
        this.windowSize++;
        this.successes = 0;
        this.onWindowChange?.(this.windowSize, 'increase');
      }
    } else if (outcome === 'throttled') {
      if (permit.seq >= this.recoverSeq) {
        const next = Math.max(1, Math.floor(this.windowSize / 2));
        this.recoverSeq = this.nextSeq;
        this.successes = 0;
        this.decreases++;
        if (next !== this.windowSize) {
          this.windowSize = next;
          this.onWindowChange?.(next, 'decrease');
        }
      }
      if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs > 0) {
        this.pauseFor(retryAfterMs);
      }
    }
    this.drain();
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
      waiter.resolve({ seq: this.nextSeq++ });
    }
  }
}

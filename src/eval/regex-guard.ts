/**
 * Regex matching off the main thread, for the `regex` scorer. JavaScript's engine backtracks, so
 * a pattern such as `^(a+)+$` against "aaaa…!" can run for years; run on the main thread, even a
 * 1 s guard per case blocks the event loop (HTTP calls in flight time out, sockets reset) and
 * twenty such cases cost twenty seconds. Here every match runs in one worker thread, one match at
 * a time:
 *  - per match, a hard limit (`matchMs`, default 250 ms): on overrun the worker is terminated (that
 *    interrupts a backtracking regex) and a new one is started for the next match;
 *  - one total budget for the whole eval (`budgetMs`, default 5 s of matching): once spent, the
 *    remaining regex cases are not run.
 * A case past either limit is an error (not scored), not a failure: the fault is the pattern's.
 * Both are real time (a CPU guard, like a call's own timeout: see ../util/clock.ts), measured from
 * the moment the worker is ready, so starting a worker never counts against a match.
 *
 * The worker's code is the small script below, run with `eval: true`: nothing to bundle, and the
 * same code runs from the sources (tests) and from dist/.
 */

import { Worker } from 'node:worker_threads';

export const DEFAULT_REGEX_MATCH_MS = 250;
export const DEFAULT_REGEX_BUDGET_MS = 5000;

export interface RegexLimits {
  /** Hard limit for one match, in ms. */
  matchMs?: number;
  /** Total matching time for the whole eval, in ms. */
  budgetMs?: number;
}

export type RegexOutcome =
  | { kind: 'done'; found: boolean }
  | { kind: 'timeout'; ms: number }
  | { kind: 'budget'; budgetMs: number }
  | { kind: 'error'; message: string };

interface Request {
  id: number;
  source: string;
  flags: string;
  input: string;
}
type Reply = { id: number; found: boolean } | { id: number; error: string };

// CommonJS, as an `eval: true` worker runs. Compiles the pattern in the worker too: a RegExp does
// not cross threads, and compiling is cheap next to the copy of the input.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => {
  let reply;
  try {
    const re = new RegExp(m.source, m.flags);
    re.lastIndex = 0;
    reply = { id: m.id, found: re.exec(m.input) !== null };
  } catch (err) {
    reply = { id: m.id, error: String((err && err.message) || err) };
  }
  parentPort.postMessage(reply);
});
`;

/** Heap for the worker: plenty for matching a model's answer, small enough not to crowd the run. */
const WORKER_HEAP_MB = 256;

export class RegexGuard {
  readonly matchMs: number;
  readonly budgetMs: number;
  private spentMs = 0;
  private worker: Worker | null = null;
  private ready: Promise<Worker> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private closed = false;

  constructor(limits: RegexLimits = {}) {
    this.matchMs = positive(limits.matchMs, DEFAULT_REGEX_MATCH_MS);
    this.budgetMs = positive(limits.budgetMs, DEFAULT_REGEX_BUDGET_MS);
  }

  /** Matching time used so far, in ms. */
  get spent(): number {
    return this.spentMs;
  }

  /** Unanchored search of `re` in `input`, off the main thread, within the limits. Never rejects. */
  search(re: RegExp, input: string): Promise<RegexOutcome> {
    const run = this.queue.then(() => this.searchNow(re, input));
    this.queue = run.catch(() => undefined);
    return run.catch((err: unknown) => ({ kind: 'error', message: err instanceof Error ? err.message : String(err) }));
  }

  /** Stops the worker; later searches fail. */
  close(): void {
    this.closed = true;
    this.stopWorker();
  }

  private async searchNow(re: RegExp, input: string): Promise<RegexOutcome> {
    if (this.closed) return { kind: 'error', message: 'the regex matcher is closed' };
    const left = this.budgetMs - this.spentMs;
    if (left <= 0) return { kind: 'budget', budgetMs: this.budgetMs };
    const limit = Math.min(this.matchMs, left);
    const worker = await this.start();
    const request: Request = { id: this.nextId++, source: re.source, flags: re.flags, input };
    worker.ref();
    const started = performance.now();
    try {
      return await new Promise<RegexOutcome>((resolve) => {
        const timer = setTimeout(() => {
          cleanup();
          this.stopWorker();
          // Cut short by what was left of the budget rather than by the per-match limit: say which.
          resolve(limit < this.matchMs ? { kind: 'budget', budgetMs: this.budgetMs } : { kind: 'timeout', ms: limit });
        }, limit);
        const onMessage = (reply: Reply): void => {
          if (reply.id !== request.id) return;
          cleanup();
          resolve('error' in reply ? { kind: 'error', message: reply.error } : { kind: 'done', found: reply.found });
        };
        const onGone = (err?: unknown): void => {
          cleanup();
          this.stopWorker();
          const why = err instanceof Error ? err.message : 'the regex worker stopped';
          resolve({ kind: 'error', message: why });
        };
        const cleanup = (): void => {
          clearTimeout(timer);
          worker.off('message', onMessage);
          worker.off('error', onGone);
          worker.off('exit', onGone);
        };
        worker.on('message', onMessage);
        worker.on('error', onGone);
        worker.on('exit', onGone);
        worker.postMessage(request);
      });
    } finally {
      this.spentMs += Math.min(limit, performance.now() - started);
      if (this.worker === worker) worker.unref();
    }
  }

  /** The worker, once it runs (a new one after a termination). */
  private start(): Promise<Worker> {
    if (this.ready !== null) return this.ready;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      stdout: false,
      stderr: false,
    });
    this.worker = worker;
    // Referenced while it starts and while a match is waited for: the process must not end (its
    // event loop empty) with cases still to score. Unreferenced when idle (end of searchNow), so it
    // never keeps the process alive by itself.
    // An 'error' between matches (none is expected) must not become an uncaught exception.
    worker.on('error', () => {
      if (this.worker === worker) this.stopWorker();
    });
    this.ready = new Promise<Worker>((resolve, reject) => {
      const onError = (err: Error): void => reject(new Error(`the regex worker did not start: ${err.message}`));
      worker.once('online', () => {
        worker.off('error', onError);
        resolve(worker);
      });
      worker.once('error', onError);
    });
    this.ready.catch(() => {
      this.stopWorker();
    });
    return this.ready;
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    if (worker !== null) {
      worker.removeAllListeners('message');
      void worker.terminate().catch(() => undefined);
    }
  }
}

function positive(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
}

/**
 * In-memory stand-in for generateContent: a server with a concurrency cap (over the cap: 429 with
 * Retry-After), random latency (so calls complete out of order), random 503s and connection
 * resets. Answers are a pure function of (model, prompt), so a faulty run must score exactly like
 * a fault-free one.
 */
import { GoogleApiError, NetworkError } from '../../../src/backends/errors.js';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FakeServerOptions {
  /** Requests the server takes at once; more get 429. */
  cap?: number;
  latencyMs?: [number, number];
  /** Probability of a 503 for an accepted request. */
  unavailableRate?: number;
  /** Probability of a connection reset for an accepted request. */
  resetRate?: number;
  retryAfterMs?: number;
  seed?: number;
  answer?: (model: string, prompt: string) => string;
}

export interface FakeServerStats {
  calls: number;
  throttled: number;
  unavailable: number;
  resets: number;
  /** Calls into generate not yet settled, as seen by the client. */
  clientInFlight: number;
  peakClientInFlight: number;
  /** Server in-flight count right after accepting each request. */
  acceptedConcurrency: number[];
  /** Prompts in the order their successful responses completed. */
  completionOrder: string[];
  /** Prompts in the order they were first sent. */
  sendOrder: string[];
}

export function defaultAnswer(model: string, prompt: string): string {
  const i = Number(prompt.replace(/^q/, ''));
  if (model === 'tuned') return i % 3 === 0 ? `wrong ${i}` : `a${i}`;
  return i % 2 === 0 ? `a${i}` : `nope ${i}`;
}

export function createFakeServer(opts: FakeServerOptions = {}) {
  const cap = opts.cap ?? Number.POSITIVE_INFINITY;
  const [minLatency, maxLatency] = opts.latencyMs ?? [1, 4];
  const rnd = mulberry32(opts.seed ?? 1);
  const answer = opts.answer ?? defaultAnswer;
  let serverInFlight = 0;
  const seen = new Set<string>();
  const stats: FakeServerStats = {
    calls: 0,
    throttled: 0,
    unavailable: 0,
    resets: 0,
    clientInFlight: 0,
    peakClientInFlight: 0,
    acceptedConcurrency: [],
    completionOrder: [],
    sendOrder: [],
  };

  const generate = async (model: string, prompt: string, signal: AbortSignal): Promise<string> => {
    stats.calls++;
    stats.clientInFlight++;
    stats.peakClientInFlight = Math.max(stats.peakClientInFlight, stats.clientInFlight);
    const key = `${model}:${prompt}`;
    if (!seen.has(key)) {
      seen.add(key);
      stats.sendOrder.push(key);
    }
    try {
      await Promise.resolve();
      if (serverInFlight >= cap) {
        stats.throttled++;
        throw new GoogleApiError('Resource has been exhausted', 429, 'RESOURCE_EXHAUSTED', opts.retryAfterMs);
      }
      serverInFlight++;
      stats.acceptedConcurrency.push(serverInFlight);
      try {
        await delay(minLatency + rnd() * (maxLatency - minLatency), signal);
        const roll = rnd();
        if (roll < (opts.unavailableRate ?? 0)) {
          stats.unavailable++;
          throw new GoogleApiError('The model is overloaded', 503, 'UNAVAILABLE');
        }
        if (roll < (opts.unavailableRate ?? 0) + (opts.resetRate ?? 0)) {
          stats.resets++;
          throw new NetworkError('socket hang up', 'ECONNRESET');
        }
        stats.completionOrder.push(key);
        return answer(model, prompt);
      } finally {
        serverInFlight--;
      }
    } finally {
      stats.clientInFlight--;
    }
  };
  return { generate, stats };
}

export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

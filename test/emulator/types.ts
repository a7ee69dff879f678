/**
 * Public types of the local emulator. Kept in their own module so that services and the
 * control surface can share them without importing the server.
 */

export interface TrainingOptions {
  /** Simulated wall-clock time per training step, in ms. Default 50. */
  stepMs?: number;
  /**
   * Override of the number of training steps. Default: computed like the service does,
   * ceil(examples * epochCount / batchSize) (15 examples, batch 2, 5 epochs → 38 steps, as in
   * the tutorial's real response).
   */
  totalSteps?: number;
  /** How training ends. Default 'ACTIVE'. */
  outcome?: 'ACTIVE' | 'FAILED';
  /** With outcome FAILED: fail once this percentage of the steps is reached. Default 50. */
  failAtPercent?: number;
}

export interface GenerateOptions {
  /** Extra time each generateContent call takes, in ms. Default 0. */
  latencyMs?: number;
  /** At most this many generateContent calls in flight; more get 429. Default Infinity. */
  maxConcurrent?: number;
  /** Retry-After (seconds) sent with the over-cap 429. Default 1. */
  overCapRetryAfterSeconds?: number;
}

export interface EmulatorOptions {
  host?: string;
  port?: number;
  apiKeys?: string[];
  bearerTokens?: string[];
  training?: TrainingOptions;
  generate?: GenerateOptions;
  log?: (line: string) => void;
}

export interface RecordedRequest {
  method: string;
  /** Path with the query string, as sent. */
  path: string;
  /** Lower-case header names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: string;
  /** HTTP status answered; 0 when the connection was reset by a fault. */
  status: number;
  /** Date.now() when the request arrived. */
  at: number;
}

export type FaultRule = {
  method?: string;
  path?: string | RegExp;
  skip?: number;
  times?: number;
  every?: number;
} & (
  | { kind: 'status'; status: 429 | 500 | 502 | 503 | 504; retryAfterSeconds?: number; message?: string }
  | { kind: 'reset' }
  | { kind: 'latency'; delayMs: number }
);

export interface FaultInjector {
  add(rule: FaultRule): void;
  clear(): void;
}

export interface EmulatorStats {
  creates: number;
  deletes: number;
  generateCalls: number;
  generateMaxInFlight: number;
  generateRejectedOverCap: number;
}

export interface TrainingTimeline {
  createdAt: number;
  doneAt: number;
  firstObservedDoneAt: number | null;
}

export interface ConfigurePatch {
  training?: TrainingOptions;
  generate?: GenerateOptions;
}

export interface Emulator {
  url: string;
  requests: RecordedRequest[];
  configure(patch: ConfigurePatch): void;
  faults: FaultInjector;
  stats(): EmulatorStats;
  timeline(tunedModelName: string): TrainingTimeline | undefined;
  tunedModels(): Record<string, unknown>[];
  reset(): void;
  close(): Promise<void>;
}

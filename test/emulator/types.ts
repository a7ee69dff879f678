import type { StorageService } from './services/storage/index.js';
import type { TokenRegistry } from './services/sts/tokens.js';
import type { VertexService } from './services/vertex/index.js';

/**
 * Public types of the local emulator. Kept in their own module so that services and the
 * control surface can share them without importing the server.
 */

export interface TrainingOptions {
  /**
   * Whether the Gemini API offers a model for tuning (`models/gemini-1.5-flash-001-tuning`, as until
   * May 2025). Default false, as the service is in 2026: no model lists `createTunedModel`, and a
   * create or a `models.get` of that model answers 404.
   */
  tunable?: boolean;
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
  /** Time tunedModels.create takes, on the emulator's `sleep`: the model exists once it has passed. Default 0. */
  createLatencyMs?: number;
}

export interface GenerateOptions {
  /** Extra time each generateContent call takes, in ms. Default 0. */
  latencyMs?: number;
  /** At most this many generateContent calls in flight; more get 429. Default Infinity. */
  maxConcurrent?: number;
  /** Retry-After (seconds) sent with the over-cap 429. Default 1. */
  overCapRetryAfterSeconds?: number;
  /**
   * Share (0..1) of calls answered as the base model would (a wrong answer), chosen per model,
   * prompt and call count since the last reset: answers that vary from call to call, as Gemini 3
   * models' do, predictable for a test. Default 0.
   */
  variation?: number;
}

export interface VertexTrainingOptions {
  /** Simulated time per training step, ms. Default 50. */
  stepMs?: number;
  /** Time a new job stays JOB_STATE_PENDING, ms. Default 0 (the create response is PENDING anyway). */
  pendingMs?: number;
  /** Override of the step count. Default ceil(examples * epochCount / 8). */
  totalSteps?: number;
  /** How training ends. Default 'SUCCEEDED'. */
  outcome?: 'SUCCEEDED' | 'FAILED' | 'EXPIRED';
  /** With outcome FAILED/EXPIRED: end once this percentage of the steps is done. Default 50. */
  failAtPercent?: number;
  /** Time in JOB_STATE_CANCELLING after tuningJobs.cancel, ms. Default 0. */
  cancelMs?: number;
  /** The project number resource names carry. Default '123456789012'. */
  projectNumber?: string;
  /** Time tuningJobs.create takes, on the emulator's `sleep`: the job exists once it has passed. Default 0. */
  createLatencyMs?: number;
  /**
   * Per epoch, the share (0..1) of inputs the checkpoint of that epoch answers as it was tuned to;
   * the rest get the base model's chatty answer. Default: every checkpoint answers like the model.
   */
  checkpointQuality?: number[];
  /**
   * Tuning jobs of one project that run at once (Vertex AI's concurrent tuning job quota); a job
   * created beyond it stays PENDING with tuningJobState TUNING_JOB_STATE_WAITING_FOR_QUOTA until
   * an earlier one ends. Default: no limit.
   */
  concurrentJobs?: number | undefined;
  /** How long an undeploy or a delete (a long-running operation) takes, ms. Default 0: done on the next read. */
  operationMs?: number;
}

export interface AuthOptions {
  /** Lifetime of the tokens STS and generateAccessToken issue, s. Default 3600. */
  tokenLifetimeSeconds?: number;
  /** Subject tokens STS accepts; default: any non-empty token (a JWT must not be expired). */
  subjectTokens?: string[] | undefined;
  /** Service accounts that may be impersonated; default: any *.iam.gserviceaccount.com address. */
  serviceAccounts?: string[] | undefined;
}

export interface StorageOptions {
  /** Buckets that exist; default: every bucket name exists. */
  buckets?: string[] | undefined;
}

export interface EmulatorOptions {
  /** The emulator's clock (training progress, token expiry). Default Date.now. */
  now?: () => number;
  /**
   * How the emulator waits (the create latencies), on the same clock as `now`. Default: real time.
   * A test passes its VirtualClock's sleep (or one that also holds a create until it says so).
   */
  sleep?: (ms: number) => Promise<void>;
  /** Vertex AI tuning job simulation. */
  vertex?: VertexTrainingOptions;
  /** STS / IAM credentials behaviour. */
  auth?: AuthOptions;
  storage?: StorageOptions;
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
  /** Handle the request, then reset the connection instead of answering (the client cannot tell it happened). */
  | {
      kind: 'reset-after';
      /**
       * The connection drops mid-body: the handler sees only the first N body bytes (ctx.partial;
       * a resumable upload session keeps what arrived), then the connection is reset.
       */
      afterBodyBytes?: number;
    }
  | { kind: 'latency'; delayMs: number }
  /**
   * Handle the request (its effects happen), then answer with this raw body instead of the real one
   * (status default 200, content type default application/json): garbage, truncated JSON, HTML.
   */
  | { kind: 'answer'; body: string; status?: number; contentType?: string }
  /**
   * Never answer (the request is not handled): the connection stays open until the client gives
   * up (the request is then recorded with status 499) or the server closes.
   */
  | { kind: 'hang' }
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
  /** countTokens calls answered (Gemini API and Vertex AI). */
  countTokensCalls: number;
}

export interface TrainingTimeline {
  createdAt: number;
  doneAt: number;
  firstObservedDoneAt: number | null;
}

export interface ConfigurePatch {
  vertex?: VertexTrainingOptions;
  auth?: AuthOptions;
  storage?: StorageOptions;
  training?: TrainingOptions;
  generate?: GenerateOptions;
}

export interface Emulator {
  /** Vertex AI tuning jobs (resources as tuningJobs.get renders them; the store for details). */
  vertex: VertexService;
  /** Cloud Storage objects and resumable upload sessions (put/get/list/uploadSessions). */
  storage: StorageService;
  /** Access tokens issued by STS / generateAccessToken. */
  tokens: TokenRegistry;
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

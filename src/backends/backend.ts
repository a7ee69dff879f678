/** The one interface both backends (Gemini API, Vertex AI) implement. */

import type { ExampleSet } from '../dataset/types.js';

export type BackendName = 'gemini-api' | 'vertex-ai';

/** Normalised state, per the contract. */
export type TuningState = 'CREATING' | 'ACTIVE' | 'FAILED' | 'CANCELLED';

export interface Snapshot {
  step: number;
  epoch: number | null;
  meanLoss: number | null;
  /** RFC 3339 timestamp, when the service gives one. */
  computeTime: string | null;
}

export interface Hyperparameters {
  epochCount: number | null;
  batchSize: number | null;
  learningRate: number | null;
  learningRateMultiplier: number | null;
  adapterSize: number | null;
}

export interface JobStatus {
  /** Operation name (Gemini API) or tuning job name (Vertex AI); empty on a cache hit with no known job. */
  job: string;
  state: TuningState;
  tunedModel: string | null;
  endpoint: string | null;
  /** 0..100 */
  completedPercent: number | null;
  completedSteps: number | null;
  totalSteps: number | null;
  snapshots: Snapshot[];
  /** Human-readable reason when FAILED/CANCELLED. */
  error: string | null;
  /** Hyperparameters the service reports it used (defaults filled in), when it says. */
  hyperparameters: Partial<Hyperparameters> | null;
  /** Vertex AI: what the service counted in the dataset (tuningDataStats), once it has. */
  tuningDataStats?: TuningDataStats | null;
}

/** Vertex AI's SupervisedTuningDataStats, the parts worth reporting (int64 counts as numbers). */
export interface TuningDataStats {
  exampleCount: number | null;
  totalCharacterCount: number | null;
  totalBillableTokenCount: number | null;
  tuningStepCount: number | null;
  truncatedExampleCount: number | null;
  droppedExampleReasons: string[];
}

export interface CreateTuningRequest {
  baseModel: string;
  displayName: string;
  description: string;
  hyperparameters: Hyperparameters;
  /** The training examples (read again from the file for a large Vertex AI set). */
  examples: ExampleSet;
  validationExamples: ExampleSet;
  /** Content key of data + model + hyperparameters + backend (hex). */
  contentKey: string;
  /** Gemini API: the tunedModelId to ask for (derived from the content key). */
  tunedModelId: string | null;
}

export interface GenerationConfig {
  temperature: number;
  maxOutputTokens?: number;
}

export interface TuningBackend {
  readonly name: BackendName;
  /** Default base model when the `base-model` input is empty. */
  readonly defaultBaseModel: string;
  create(req: CreateTuningRequest): Promise<JobStatus>;
  /** Current status of a job by its name (an operation, a tuned model, or a tuning job name). */
  /** `signal` ends the call, its retries included (the run's deadline). */
  status(job: string, signal?: AbortSignal): Promise<JobStatus>;
  /** Cancel (Vertex AI) or delete (Gemini API) a job this run started. */
  cancel(status: JobStatus): Promise<void>;
  /** An existing tuned model built from this content key, if any (cache / idempotency). */
  findByContentKey(contentKey: string, tunedModelId: string | null): Promise<JobStatus | null>;
  /**
   * One generateContent call, single attempt (no retries here: the eval runner owns retries and
   * concurrency). Throws GoogleApiError / NetworkError. Honours `signal`.
   */
  generate(model: string, prompt: string, config: GenerationConfig, signal?: AbortSignal): Promise<string>;
}

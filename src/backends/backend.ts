/** The one interface both backends (Gemini API, Vertex AI) implement. */

import type { BackendName, ExampleSet, GenerationConfig, Hyperparameters, JobStatus } from '../domain.js';

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

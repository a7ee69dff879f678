/** The one interface both backends (Gemini API, Vertex AI) implement. */

import type {
  BackendName,
  EvalPrompt,
  EvalTurn,
  ExampleSet,
  GenerationConfig,
  Hyperparameters,
  JobStatus,
} from '../domain.js';
import type { GenerateAnswer } from './generate-content.js';
import type { Embeddings } from './embeddings.js';

export interface CreateTuningRequest {
  baseModel: string;
  /** null: none sent (continuous tuning without a display-name input: a new version of the same Model). */
  displayName: string | null;
  description: string;
  hyperparameters: Hyperparameters;
  /** The training examples (read again from the file for a large Vertex AI set). */
  examples: ExampleSet;
  validationExamples: ExampleSet;
  /** Content key of data + model + hyperparameters + backend (hex). */
  contentKey: string;
  /** Gemini API: the tunedModelId to ask for (derived from the content key). */
  tunedModelId: string | null;
  /** Vertex AI: a label value unique to this run, to find its job by when the create's answer is lost. */
  runLabel?: string | null;
  /** Who uses the model (the repository, the pull request): labels (Vertex AI) or the description (Gemini API). */
  marks?: Record<string, string>;
  /** The run's stop signal: once it fired, a create not yet sent is not sent (CreateStoppedError). */
  stop?: AbortSignal;
}

/** The run was stopped before the create request was sent (after the upload, on Vertex AI): nothing was created. */
export class CreateStoppedError extends Error {
  override readonly name = 'CreateStoppedError';
  constructor() {
    super('stopped before the create request was sent; nothing was created');
  }
}

/**
 * What a create answered. `attached`: the job already existed under the id asked for, made by
 * another run (Gemini API, ALREADY_EXISTS on the first attempt): this run did not start it.
 */
export type CreatedJob = JobStatus & { attached?: boolean };

/** A job found by its content-key label (Vertex AI), for the concurrent-run and post-step checks. */
export interface KeyedJob {
  name: string;
  /** CREATING: pending, queued or running; ENDED: failed, cancelled, cancelling or expired. */
  state: 'CREATING' | 'ACTIVE' | 'ENDED';
  /** RFC 3339, as the service wrote it ('' when it did not). */
  createTime: string;
  /** The run label of the run that created it, when it has one. */
  runLabel: string | null;
}

/**
 * Cleanup and promote (INTERFACE "Modes"): the marks on tuned models (Vertex AI: the version's
 * labels; Gemini API: the description) and their removal.
 */
export interface ModelLifecycle {
  /** The marks on a tuned model. */
  marks(model: string): Promise<Record<string, string>>;
  /** The marks and (Vertex AI) the version's aliases other than `default`, which keep it from deletion: one read. */
  usage(model: string): Promise<{ marks: Record<string, string>; aliases: string[] }>;
  /** Replaces the marks (callers read, merge and write). */
  setMarks(model: string, marks: Record<string, string>): Promise<void>;
  /** This repository's tuned models that carry the mark `key` (with `value`, when given). */
  findMarked(repository: string, key: string, value?: string): Promise<string[]>;
  /** Vertex AI: moves the version alias `label` onto the model when its Model has several versions; whether it did. */
  aliasRelease?(model: string, label: string): Promise<boolean>;
  /** Undeploys and deletes the model (endpoints, then the version or the Model); what was deleted. */
  remove(model: string): Promise<string[]>;
}

export interface TuningBackend {
  readonly name: BackendName;
  /** Cleanup and promote. */
  readonly lifecycle?: ModelLifecycle;
  /** Default base model when the `base-model` input is empty. */
  readonly defaultBaseModel: string;
  create(req: CreateTuningRequest): Promise<CreatedJob>;
  /** Current status of a job by its name (an operation, a tuned model, or a tuning job name). */
  /** `signal` ends the call, its retries included (the run's deadline). */
  status(job: string, signal?: AbortSignal): Promise<JobStatus>;
  /** Cancel (Vertex AI) or delete (Gemini API) a job this run started. */
  cancel(status: JobStatus): Promise<void>;
  /**
   * The pre-flight check of the base model against the service's own record (the Gemini API:
   * `models.get`), before anything is created: throws BaseModelRefused when the service does not
   * offer it for tuning. Absent where the action's catalog decides (Vertex AI).
   */
  checkBaseModel?(baseModel: string): Promise<void>;
  /**
   * Continuous tuning (Vertex AI): the model version a `projects/…/models/M[@version|@alias]` base
   * model names, as `projects/…/models/M@VERSION` (one models.get).
   */
  resolveTunedModel?(name: string): Promise<string>;
  /** Vertex AI: the tuned Model's default checkpoint (`defaultCheckpointId`, one models.get), or null. */
  defaultCheckpoint?(model: string): Promise<string | null>;
  /** Vertex AI: makes `checkpointId` the Model's default (`PATCH ?updateMask=defaultCheckpointId`). */
  setDefaultCheckpoint?(model: string, checkpointId: string): Promise<void>;
  /** Vertex AI: stores an eval set for `mode: finish` under the staging prefix; returns its gs:// URI. */
  storeEvalSet?(bytes: Buffer, sha256: string): Promise<string>;
  /** Vertex AI: reads a stored eval set back. */
  readEvalSet?(uri: string, signal?: AbortSignal): Promise<Buffer>;
  /** An existing tuned model built from this content key, if any (cache / idempotency). */
  findByContentKey(contentKey: string, tunedModelId: string | null): Promise<JobStatus | null>;
  /**
   * Every job labelled with this content key, whatever its state (Vertex AI only: on the Gemini
   * API the tuned model id derived from the content key already makes a second create fail).
   */
  listByContentKey?(contentKey: string): Promise<KeyedJob[]>;
  /**
   * One generateContent call, single attempt (no retries here: the eval runner owns retries and
   * concurrency). Throws GoogleApiError / NetworkError, or EmptyAnswerError when the model gave no
   * text and was not blocked. Honours `signal`.
   */
  generate(
    model: string,
    prompt: EvalPrompt | string,
    config: GenerationConfig,
    signal?: AbortSignal,
  ): Promise<GenerateAnswer>;
  /** The tokens of `turns` on `model` (the budget estimate); retried like a read. */
  countTokens?(model: string, turns: readonly EvalTurn[], signal?: AbortSignal): Promise<number>;
  /** Embeddings of `texts` from `model` (the `semantic` scorer); single attempt, like generate. */
  embed?(model: string, texts: string[], signal?: AbortSignal): Promise<Embeddings>;
}

/** The service does not offer the base model for tuning (the pre-flight check): nothing was created. */
export class BaseModelRefused extends Error {
  override readonly name = 'BaseModelRefused';
}

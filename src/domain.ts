/**
 * The words every phase shares: backends and tuning jobs, examples and eval cases, problems and
 * findings. The bottom of the layout: it imports nothing of ours, and everything may import it.
 */

// Tuning jobs (both backends normalise to these).

export type BackendName = 'gemini-api' | 'vertex-ai';

/** Normalised state, per the contract. */
export type TuningState = 'CREATING' | 'ACTIVE' | 'FAILED' | 'CANCELLED';

/**
 * How a run ended, for the report and the `state` output: its job's state, or REJECTED when the
 * run stopped before anything was created remotely (bad inputs, dataset problems, a create refused
 * with a 4xx error).
 */
export type RunState = TuningState | 'REJECTED';

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
  /** Vertex AI with a validation set: the validation loss by step (`/eval_total_loss`). */
  validationSnapshots?: Snapshot[];
  /** Human-readable reason when FAILED/CANCELLED. */
  error: string | null;
  /** Hyperparameters the service reports it used (defaults filled in), when it says. */
  hyperparameters: Partial<Hyperparameters> | null;
  /** Vertex AI: what the service counted in the dataset (tuningDataStats), once it has. */
  tuningDataStats?: TuningDataStats | null;
  /** Vertex AI: the detail state while the job runs (`tuningJobState`, e.g. TUNING_JOB_STATE_WAITING_FOR_QUOTA). */
  jobState?: string | null;
  /** Vertex AI: epochs completed so far (`tuningJobMetadata.completedEpochCount`). */
  completedEpochs?: number | null;
  /** Vertex AI: the checkpoints the job exported (`tunedModel.checkpoints`), each on its own endpoint. */
  checkpoints?: Checkpoint[];
}

/** A checkpoint of a tuned model (Vertex AI exports about one per epoch). */
export interface Checkpoint {
  checkpointId: string;
  epoch: number | null;
  step: number | null;
  endpoint: string | null;
}

/** Vertex AI's `tuningJobState` in words, for the log and the comment. */
export function jobStateWords(jobState: string | null | undefined): string | null {
  const words: Record<string, string> = {
    TUNING_JOB_STATE_WAITING_FOR_QUOTA: 'waiting for tuning quota (another job of the project is running)',
    TUNING_JOB_STATE_PROCESSING_DATASET: 'processing the dataset',
    TUNING_JOB_STATE_WAITING_FOR_CAPACITY: 'waiting for capacity',
    TUNING_JOB_STATE_TUNING: 'tuning',
    TUNING_JOB_STATE_POST_PROCESSING: 'post-processing',
  };
  return jobState ? (words[jobState] ?? null) : null;
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

/**
 * The generation settings of an eval call: only those given are sent (INTERFACE "Requests");
 * with none, the model's own defaults apply.
 */
export interface GenerationConfig {
  temperature?: number;
  maxOutputTokens?: number;
  /** `thinkingConfig.thinkingLevel` (Gemini 3). */
  thinkingLevel?: 'minimal' | 'low' | 'medium' | 'high';
  /** `thinkingConfig.thinkingBudget` in tokens (0 = off). */
  thinkingBudget?: number;
  /** Structured output (the judge): `application/json` and the answer's schema (OpenAPI subset). */
  responseMimeType?: string;
  responseSchema?: Record<string, unknown>;
}

/** One turn of a multi-turn eval case. */
export interface EvalTurn {
  role: 'user' | 'model';
  text: string;
}

/** What one eval call asks: the prompt, the system instruction when there is one, and earlier turns. */
export interface EvalPrompt {
  text: string;
  system: string | null;
  turns?: EvalTurn[];
}

// Datasets.

export type DatasetFormat = 'jsonl' | 'json' | 'csv';

/** One single-turn training or validation example, normalised from any accepted format. */
export interface TrainingExample {
  textInput: string;
  output: string;
  /** 1-based line in the source file where the record starts (JSON: line of the record's opening brace). */
  line: number;
  /**
   * Vertex AI record (`{"systemInstruction"?: {parts}, "contents": [{role, parts: [{text}]}...]}`,
   * a `NativeRecord`) when the set is in Vertex AI's `contents` or legacy `messages` format and the
   * backend is vertex-ai: only the fields the service reads, in a fixed order (unknown fields and
   * roles of the system instruction dropped). `textInput`/`output` then hold the last user and
   * model turns. For upload, use `toVertexJsonl` or, for a large set, `vertexJsonlChunks`
   * (to-vertex-jsonl.ts), which handle both kinds.
   */
  native?: unknown;
}

/**
 * A set's valid examples, as the backends take them: held in memory, or read again from the file
 * each time they are asked for (a large Vertex AI set, which is only streamed to Cloud Storage).
 */
export interface ExampleSet {
  readonly count: number;
  /** The examples in file order, a batch at a time. */
  batches(): AsyncIterable<readonly TrainingExample[]>;
}

/** The eval scorers, in the order the docs list them. */
export const SCORER_NAMES = [
  'exact',
  'contains',
  'not-contains',
  'regex',
  'json',
  'json-schema',
  'similarity',
  'rouge-l',
  'semantic',
  'judge',
] as const;
export type ScorerName = (typeof SCORER_NAMES)[number];

/** The scorers that give a score (0..1) and pass at a threshold, with their default thresholds. */
export const SCORE_THRESHOLDS: Partial<Record<ScorerName, number>> = {
  similarity: 0.8,
  'rouge-l': 0.5,
  semantic: 0.85,
};

/** One check of an eval case's output (`assert` lists hold several; the case passes when all pass). */
export interface Assertion {
  scorer: ScorerName;
  expected: string;
  /** For the scorers that give a score; null: the scorer's default. */
  threshold: number | null;
}

/** One eval case. `expected === null` means: show the output, do not score it. */
export interface EvalCase {
  id: string;
  input: string;
  expected: string | null;
  /** null when no expected value (not scored); otherwise the scorer to apply (default 'exact'). */
  scorer: ScorerName | null;
  /** The case's `threshold`, for a scorer that gives a score; absent: the scorer's default. */
  threshold?: number | null;
  /**
   * The case's `assert` list: every check must pass (with the case's own scorer and expected,
   * when it has an expected). A case with an `assert` list is scored; `expected` then describes it.
   */
  assert?: Assertion[];
  /** The case's system instruction (`system`), else the eval-system-instruction input; absent: none. */
  system?: string | null;
  /** Vertex AI's multi-turn form: the conversation before `input` (the last user turn). */
  turns?: EvalTurn[];
  line: number;
}

/** A problem found in a dataset file. Errors stop the run before any remote call. */
export interface DatasetProblem {
  severity: 'error' | 'warning';
  file: string;
  /** 1-based; absent for a file-level problem (e.g. empty file), which is annotated with the file alone. */
  line?: number;
  column?: number;
  message: string;
}

// The dataset doctor's findings: data that loads fine but is likely to tune badly.

export type FindingKind =
  | 'duplicate'
  | 'near-duplicate'
  | 'conflict'
  | 'empty-output'
  | 'length-outlier'
  | 'prompt-format'
  | 'leakage'
  | 'overlap';

export interface DatasetFinding {
  kind: FindingKind;
  /** The file the lines are in (as shown in annotations). */
  file: string;
  /** What was found and what to do about it. */
  message: string;
  /** 1-based lines of the examples concerned (at most MAX_FINDING_LINES). */
  examples: number[];
  /** How many examples are concerned in all. */
  count: number;
}

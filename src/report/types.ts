/** The JSON report (`report-path`): every key always present, `null` when it does not apply. */

import type { DatasetStats } from '../dataset/analysis/stats.js';
import type { EvalSummary } from '../eval/types.js';
import type { BackendName, Hyperparameters, Snapshot, TuningDataStats, RunState, DatasetFinding } from '../domain.js';

export interface ReportCheckpoint {
  checkpointId: string;
  epoch: number | null;
  step: number | null;
  endpoint: string | null;
  passRate: number | null;
  /** The 95% interval of the checkpoint's pass rate. */
  passRateInterval?: [number, number] | null;
}

/** What the training costs, and how that was found (INTERFACE "Budget"). */
export interface CostReport {
  /** Tokens of one pass over the training set. */
  datasetTokens: number;
  /** The epochs: the input's, or the job's once it says; null while the service chooses (the figures assume 1: at least). */
  epochs: number | null;
  /** datasetTokens × epochs, rounded up. */
  trainingTokens: number;
  /** `estimate`: countTokens over a sample before create; `service`: the job's billable count. */
  basis: 'estimate' | 'service';
  /** Vertex AI's `totalBillableTokenCount` (one pass), once the job reported it. */
  billableTokens: number | null;
  /** USD per 1,000,000 training tokens (`token-price`). */
  tokenPrice: number | null;
  /** trainingTokens at tokenPrice, rounded to cents. */
  estimatedUsd: number | null;
  /** The estimate's sample: examples counted and countTokens requests made. */
  sample?: { examples: number; requests: number };
}

export interface Gate {
  name: 'min-pass-rate' | 'max-final-loss' | string;
  threshold: number;
  value: number | null;
  passed: boolean;
  /** Why the gate is missed when its value does not say (e.g. "eval incomplete"). */
  note?: string;
}

export interface DatasetReport {
  path: string;
  examples: number;
  /**
   * The loaders' warnings (the doctor's findings are in `findings`). In the JSON file, one line
   * each (`file:line: message`), the findings' after them (see json-report.ts).
   */
  warnings: ProblemReport[];
  validationPath: string | null;
  validationExamples: number | null;
  evalPath: string | null;
  evalCases: number | null;
  /** Length statistics (characters and estimated tokens per field) of the training and validation sets. */
  stats?: { training: DatasetStats | null; validation: DatasetStats | null };
  /** The dataset doctor's findings (warnings): kind, file, message, example lines, count. */
  findings?: DatasetFinding[];
}

/** One problem found while loading a dataset (`problems` in the report). */
export interface ProblemReport {
  severity: 'error' | 'warning';
  /** The file, relative to the workspace (as annotated). */
  file: string;
  /** 1-based; null for a problem about the whole file. */
  line: number | null;
  /** 1-based; null when the problem has no column. */
  column: number | null;
  /** Untrusted: may quote the dataset (field names, values). */
  message: string;
}

export interface Report {
  schemaVersion: 1;
  /** The mode of the run that wrote it (v2): tune, finish, cleanup or promote. */
  mode?: 'tune' | 'finish' | 'cleanup' | 'promote';
  backend: BackendName;
  baseModel: string;
  displayName: string;
  tunedModel: string | null;
  endpoint: string | null;
  state: RunState;
  job: string;
  cacheHit: boolean;
  contentKey: string | null;
  hyperparameters: Hyperparameters;
  /** Vertex AI: the service's count of the dataset (tuningDataStats); absent on the Gemini API. */
  tuningDataStats?: TuningDataStats | null;
  /** Vertex AI: the job's `tuningJobState`, last seen (v2); absent or null on the Gemini API. */
  jobState?: string | null;
  dataset: DatasetReport | null;
  /**
   * When the datasets had errors (the run stopped before any request to the service): the
   * problems found, errors first, then warnings, each in file order: the first 100 (their count
   * is `problemCounts`). `dataset` is null then. null (or absent, in reports written before this
   * field existed) when the datasets loaded.
   */
  problems?: ProblemReport[] | null;
  /** With `problems`: how many errors and warnings were found in all (exact); else null. */
  problemCounts?: { errors: number; warnings: number } | null;
  snapshots: Pick<Snapshot, 'step' | 'epoch' | 'meanLoss'>[];
  finalLoss: number | null;
  /**
   * Vertex AI (v2): the checkpoints the job exported, with the pass rate of each one evaluated
   * (null when it was not), and the one `checkpoint`, `pass-rate` and `endpoint` refer to.
   */
  checkpoints?: ReportCheckpoint[];
  selectedCheckpoint?: ReportCheckpoint | null;
  /** Vertex AI with `validation-data` (v2): the validation loss by step, and its last value. */
  validationSnapshots?: Pick<Snapshot, 'step' | 'meanLoss'>[];
  validationLoss?: number | null;
  eval: EvalSummary | null;
  /** The training tokens and their cost; null when nothing was estimated (no training set read). */
  cost?: CostReport | null;
  gates: Gate[];
  /** Seconds per phase: inputs, dataset, create, tuning, eval, report. */
  timings: Record<string, number>;
  /** Why the run failed (tuning error, timeout...), or null. Already scrubbed of secrets. */
  error: string | null;
  /** The exact `resume:` value to use when the job was left running (timeout, wait: false). */
  resumeWith: string | null;
  /** The budget that stopped the run (before create: REJECTED; while training: CANCELLED), or null. */
  budgetStop?: 'training-token' | 'cost' | null;
  /** `mode: promote`: the release label moved onto the tuned model, and the models it was taken off. */
  promoted?: { label: string; previous: string[]; alias: boolean } | null;
  /** The job was left training with a run record in the PR comment: `mode: finish` ends the run. */
  leftForFinish?: boolean;
  /**
   * Vertex AI: the value of this run's `gemini_tune_run` label on the job it creates
   * (`<GITHUB_RUN_ID>-<GITHUB_RUN_ATTEMPT>`), by which a job whose create never answered can be
   * found; null on the Gemini API (its tuned model id is known before the create) and when no
   * create was planned.
   */
  runLabel?: string | null;
  /** Link to the workflow run, when running on Actions. */
  runUrl: string | null;
  /** The run's files on GitHub, `…/blob/<sha>` (the pull request's head commit): problems link to their lines. */
  sourceUrl?: string | null;
  startedAt: string;
  finishedAt: string;
}

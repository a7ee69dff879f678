import type { GenerationConfig, ScorerName } from '../domain.js';

export interface EvalCaseResult {
  id: string;
  input: string;
  expected: string | null;
  scorer: ScorerName | null;
  /** Model output; null when the call failed (see `error`). */
  output: string | null;
  /** true/false when scored; null when not scored (no expected) or when the call errored. */
  pass: boolean | null;
  /** Reason when the call failed after retries. Errors never count as passes. */
  error: string | null;
  /** Why a scored case failed (e.g. "$.a: missing", "regex timed out"); null when it passed or was not scored. */
  reason?: string | null;
  /** The service blocked the answer (SAFETY, RECITATION, a prompt's blockReason...): the case failed. */
  blocked?: string | null;
  /** The answer was cut off at the output token limit (MAX_TOKENS); its text was scored. */
  truncated?: boolean;
  /** The tuned model's answer: how long its call took (ms), and its tokens (usageMetadata). */
  latencyMs?: number | null;
  usage?: { prompt: number | null; output: number | null; thoughts: number | null } | null;
  baselineOutput?: string | null;
  baselinePass?: boolean | null;
  baselineError?: string | null;
  baselineReason?: string | null;
  baselineBlocked?: string | null;
  baselineTruncated?: boolean;
}

export interface EvalSummary {
  model: string;
  baselineModel: string | null;
  /** passed / scored (errors count as scored, not passed); null when nothing was scored. */
  passRate: number | null;
  passed: number;
  failed: number;
  errors: number;
  /** cases with no expected value. */
  unscored: number;
  baselinePassRate: number | null;
  /** ids: baseline passed, tuned failed. */
  regressions: string[];
  /** ids: baseline failed, tuned passed. */
  improvements: string[];
  /** The generation settings sent with every call (only those given; none: the model's defaults). */
  generationConfig: GenerationConfig;
  cases: EvalCaseResult[];
  /**
   * The run's time limit came before every case had its answers: the cases in `notRun` have none
   * (their `error` says so) and are left out of every count above.
   */
  incomplete: boolean;
  /** ids of the cases not run (or not finished) when the time limit came. */
  notRun: string[];
}

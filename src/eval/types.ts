import type { GenerationConfig, ScorerName } from '../domain.js';
import type { TokenUsage } from '../backends/generate-content.js';

/** One model's answer to one case, scored. */
export interface CallResult {
  output: string | null;
  error: string | null;
  /** null: not scored, or errored. */
  pass: boolean | null;
  /** Why a scored case failed (and a judge's reason when it passed). */
  reason: string | null;
  /** The score (0..1) of a scorer that gives one (the lowest of an assert list). */
  score?: number;
  /** The service blocked the answer (its reason); absent or null when not. */
  blocked?: string | null;
  /** Cut off at the output token limit. */
  truncated?: boolean;
  /** How long the answered call took (ms on the run's clock), and its token counts. */
  latencyMs?: number;
  usage?: TokenUsage | null;
}

export interface EvalCaseResult {
  id: string;
  input: string;
  expected: string | null;
  scorer: ScorerName | null;
  /** Model output; null when the call failed (see `error`). */
  output: string | null;
  /**
   * true/false when scored: more than half of the case's scored runs passed; null when not scored
   * (no expected) or when every run errored.
   */
  pass: boolean | null;
  /** Why the case has no answer: every call failed after retries (the first reason). Errors are neither passes nor failures. */
  error: string | null;
  /** Scored runs that passed, scored runs (runs that ended in an error are not counted), and runs that errored. */
  passes?: number;
  runs?: number;
  errors?: number;
  /** Some but not all of its scored runs passed. */
  flaky?: boolean;
  /** For the scorers that give one: the score (0..1), the mean over the runs; null when none gave one. */
  score?: number | null;
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
  baselinePasses?: number;
  baselineRuns?: number;
  baselineErrors?: number;
}

/** The tuned model against the baseline, over the cases scored on both sides. */
export interface EvalComparison {
  baselinePassRate: number | null;
  /** ids: the baseline failed, the tuned model passed. */
  improvements: string[];
  /** ids: the baseline passed, the tuned model failed. */
  regressions: string[];
  /** Exact two-sided McNemar test on the two counts above. */
  pValue: number;
  /** pValue < 0.05. */
  significant: boolean;
}

export interface EvalSummary {
  model: string;
  baselineModel: string | null;
  /** Runs of every scored case (eval-repeats). */
  repeats: number;
  /** Passing runs / scored runs (runs that errored are left out); null when no run was scored. */
  passRate: number | null;
  /** The 95% interval of passRate: Wilson with one run per case, else a seeded bootstrap over cases. */
  passRateInterval: [number, number] | null;
  /** Scored runs, and those that passed. */
  runs: number;
  passingRuns: number;
  /** Cases: passed (by majority), failed, flaky (some runs passed, not all). */
  passed: number;
  failed: number;
  flaky: number;
  /** The tuned model's runs that ended in an error (after retries); the baseline's are per case (baselineErrors). */
  errors: number;
  /** Scored cases whose every run errored: left out of the pass rate. */
  erroredCases: number;
  /** cases with no expected value. */
  unscored: number;
  baselinePassRate: number | null;
  /** ids: baseline passed, tuned failed. */
  regressions: string[];
  /** ids: baseline failed, tuned passed. */
  improvements: string[];
  /** With a baseline: the comparison (improvements, regressions, McNemar); else null. */
  comparison: EvalComparison | null;
  /** The tuned model's answered calls: latency percentiles (ms on the run's clock). */
  latency: { p50Ms: number; p95Ms: number } | null;
  /**
   * The tuned model's token usage over every call (usageMetadata), where the service reported it;
   * `scoring`: the tokens of the judge and embedding calls (tuned and baseline answers alike).
   */
  usage: { prompt: number; output: number; thoughts: number; scoring?: number };
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

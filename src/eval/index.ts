export { score, parseRegex, regexSearch, SCORER_NAMES, DEFAULT_REGEX_TIMEOUT_MS } from './scorers.js';
export type { ScoreResult, ScoreOptions } from './scorers.js';
export { parseJsonOutput, jsonSubset } from './json-subset.js';
export type { Json, JsonParseResult } from './json-subset.js';
export { AdaptiveLimiter } from './adaptive-limiter.js';
export type { AdaptiveLimiterOptions, Outcome, Permit } from './adaptive-limiter.js';
export { runEval, describeError } from './run-eval.js';
export type { RunEvalOptions, EvalLog } from './run-eval.js';
export type { EvalCaseResult, EvalSummary } from './types.js';

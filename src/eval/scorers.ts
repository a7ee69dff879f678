/**
 * Eval scorers. See INTERFACE.md, "Scorers":
 *  - exact: both sides trimmed of surrounding whitespace, then compared case-sensitively.
 *  - contains / not-contains: case-sensitive substring test (no trimming; an empty `expected` is
 *    contained in everything).
 *  - regex: JavaScript syntax, unanchored search. Written plain (`\d+ apples`) or as
 *    `/pattern/flags` (`/^yes$/im`). A spec is read as `/pattern/flags` when it starts with `/`
 *    and ends with `/` followed only by valid flag letters (d g i m s u v y); anything else is a
 *    plain pattern, so `/usr/bin` is the plain pattern "/usr/bin". The match runs off the main
 *    thread within a per-match limit and one budget for the whole eval (./regex-guard.ts), so a
 *    catastrophically backtracking pattern fails the case ("timed out") instead of hanging the run
 *    or blocking the event loop.
 *  - json: see ./json-subset.ts. The output must be JSON (one surrounding ``` / ```json fence is
 *    tolerated); when `expected` is JSON too, it must be a subset of the output. When `expected`
 *    is not JSON (e.g. a note such as "any object"), only the validity of the output is checked.
 *    An output nested more than MAX_JSON_DEPTH levels deep fails (it is not compared).
 *  - json-schema: ./json-schema.ts.
 *  - similarity, rouge-l: ./text-scores.ts; pass when the score reaches the threshold (defaults
 *    0.8 and 0.5).
 *  - semantic: the cosine similarity of the two texts' embeddings (`services.embed`), ≥ the
 *    threshold (default 0.85).
 *  - judge: `services.judge` grades the output on the criteria written in `expected`.
 * A case's `assert` list adds checks: the case passes when every one does; its score is the lowest.
 *
 * `score` never throws: an invalid regex or any internal failure is a failed case with a reason;
 * an embedding or judge call that failed after its retries is an error (not scored).
 */

import { jsonSubset, parseJsonOutput } from './json-subset.js';
import { RegexGuard, type RegexOutcome } from './regex-guard.js';
import { scoreJsonSchema } from './json-schema.js';
import { rougeL, similarity } from './text-scores.js';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../util/json-depth.js';
import { SCORE_THRESHOLDS, type Assertion, type EvalCase, type ScorerName } from '../domain.js';

export interface ScoreResult {
  pass: boolean;
  /** Why the case failed (set on failures only). */
  reason?: string;
  /** Set when the failure comes from the case itself (an invalid regex), not the output. */
  invalidCase?: boolean;
  /**
   * Set when the output could not be scored (a regex past its time limit, or not run once the
   * eval's regex budget was spent): an error, neither a pass nor a failure; `pass` is then false
   * and means nothing.
   */
  error?: string;
  /** The score (0..1) of the scorers that give one. */
  score?: number;
}

/** What the model-backed scorers call; each call goes through the eval's window and retries. */
export interface ScoringServices {
  /** One embedding per text, from `embedding-model`. */
  embed(texts: string[]): Promise<number[][]>;
  /** `judge-model`'s verdict on `output` against the criteria. */
  judge(q: { input: string; output: string; criteria: string }): Promise<{ pass: boolean; reason: string }>;
}

export interface ScoreOptions {
  /**
   * Where regex matches run: the eval's guard, whose budget all its regex cases share. Without
   * one, a guard with the default limits is made for this one call.
   */
  regex?: RegexGuard;
  /** For a scorer that gives a score; null or absent: the scorer's default. */
  threshold?: number | null;
  /** The case's input (the judge sees it). */
  input?: string;
  /** For `semantic` and `judge`; without them those scorers are errors. */
  services?: ScoringServices;
}

/**
 * The checks of a case: its `assert` list when it has one (the loader puts the case's own check
 * first in it), else its own scorer and expected; none when it is not scored.
 */
export function assertionsOf(c: EvalCase): Assertion[] {
  if (c.assert && c.assert.length > 0) return c.assert;
  return c.expected === null
    ? []
    : [{ scorer: c.scorer ?? 'exact', expected: c.expected, threshold: c.threshold ?? null }];
}

/** Scores one output against every check of the case: passes when all pass; the lowest score. */
export async function scoreCase(c: EvalCase, output: string, options: ScoreOptions = {}): Promise<ScoreResult> {
  const checks = assertionsOf(c);
  if (checks.length === 1) {
    const [only] = checks as [Assertion];
    return score(only.scorer, only.expected, output, { ...options, threshold: only.threshold, input: c.input });
  }
  let lowest: number | undefined;
  let failed: ScoreResult | undefined;
  for (const a of checks) {
    const r = await score(a.scorer, a.expected, output, { ...options, threshold: a.threshold, input: c.input });
    if (r.error !== undefined) return { ...r, error: `${a.scorer}: ${r.error}` };
    if (r.score !== undefined) lowest = lowest === undefined ? r.score : Math.min(lowest, r.score);
    if (!r.pass && failed === undefined) failed = { ...r, reason: `${a.scorer}: ${r.reason ?? 'failed'}` };
  }
  const result: ScoreResult = failed ?? { pass: true };
  return lowest === undefined ? result : { ...result, score: lowest };
}

/** Scores one output. Never rejects (see the module comment). */
export async function score(
  scorer: ScorerName,
  expected: string,
  output: string,
  options: ScoreOptions = {},
): Promise<ScoreResult> {
  try {
    switch (scorer) {
      case 'regex': {
        const guard = options.regex ?? new RegexGuard();
        try {
          return await scoreRegex(expected, output, guard);
        } finally {
          if (options.regex === undefined) guard.close();
        }
      }
      case 'json-schema':
        return await scoreJsonSchema(expected, output);
      case 'similarity':
        return atThreshold(scorer, similarity(output, expected), options.threshold);
      case 'rouge-l':
        return atThreshold(scorer, rougeL(expected, output), options.threshold);
      case 'semantic':
        return await scoreSemantic(expected, output, options);
      case 'judge':
        return await scoreJudge(expected, output, options);
      default:
        return scoreText(scorer, expected, output);
    }
  } catch (err) {
    return { pass: false, reason: `scorer ${scorer} failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function atThreshold(scorer: ScorerName, value: number, threshold: number | null | undefined): ScoreResult {
  const min = threshold ?? SCORE_THRESHOLDS[scorer] ?? 1;
  const shown = (x: number): string => x.toFixed(3).replace(/\.?0+$/, '') || '0';
  if (value >= min) return { pass: true, score: value };
  return { pass: false, score: value, reason: `${scorer} ${shown(value)} is below the threshold ${shown(min)}` };
}

/** A failure of an embedding or judge call (after its retries): the case is not scored. */
export class ScoringCallError extends Error {
  override readonly name = 'ScoringCallError';
}

async function scoreSemantic(expected: string, output: string, options: ScoreOptions): Promise<ScoreResult> {
  if (!options.services) return { pass: false, error: 'semantic: no embedding model to call' };
  let vectors: number[][];
  try {
    vectors = await options.services.embed([expected, output]);
  } catch (err) {
    return { pass: false, error: `embedding call failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  const [a, b] = vectors;
  if (!a || !b || a.length === 0 || a.length !== b.length) {
    return { pass: false, error: 'the embedding model answered no usable vectors' };
  }
  return atThreshold('semantic', cosine(a, b), options.threshold);
}

/** Cosine similarity, clamped to 0..1 (opposite directions score 0); 0 for a zero vector. */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  if (na === 0 || nb === 0) return 0;
  return Math.min(1, Math.max(0, dot / Math.sqrt(na * nb)));
}

async function scoreJudge(criteria: string, output: string, options: ScoreOptions): Promise<ScoreResult> {
  if (!options.services) return { pass: false, error: 'judge: no judge model to call' };
  let verdict: { pass: boolean; reason: string };
  try {
    verdict = await options.services.judge({ input: options.input ?? '', output, criteria });
  } catch (err) {
    return { pass: false, error: `judge call failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  const reason = verdict.reason.trim() || (verdict.pass ? 'meets the criteria' : 'does not meet the criteria');
  return verdict.pass ? { pass: true, reason } : { pass: false, reason: `judge: ${reason}` };
}

/** The scorers that need no regex match and no model, synchronously. */
export function scoreText(
  scorer: Exclude<ScorerName, 'regex' | 'json-schema' | 'similarity' | 'rouge-l' | 'semantic' | 'judge'>,
  expected: string,
  output: string,
): ScoreResult {
  try {
    switch (scorer) {
      case 'exact': {
        if (expected.trim() === output.trim()) return { pass: true };
        return { pass: false, reason: `expected exactly ${quote(expected.trim())}, got ${quote(output.trim())}` };
      }
      case 'contains':
        if (output.includes(expected)) return { pass: true };
        return { pass: false, reason: `output does not contain ${quote(expected)}` };
      case 'not-contains':
        if (!output.includes(expected)) return { pass: true };
        return { pass: false, reason: `output contains ${quote(expected)}` };
      case 'json':
        return scoreJson(expected, output);
      default: {
        const never: never = scorer;
        return { pass: false, reason: `unknown scorer ${quote(String(never))}` };
      }
    }
  } catch (err) {
    return { pass: false, reason: `scorer ${scorer} failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

const REGEX_LITERAL = /^\/([\s\S]+)\/([dgimsuvy]*)$/;

/**
 * Parses a regex spec: `/pattern/flags` or a plain pattern (see the module comment).
 * Throws an Error naming the spec and the problem when the pattern or flags are invalid.
 */
export function parseRegex(spec: string): RegExp {
  const literal = REGEX_LITERAL.exec(spec);
  const source = literal ? (literal[1] ?? '') : spec;
  const flags = literal ? (literal[2] ?? '') : '';
  try {
    return new RegExp(source, flags);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(`invalid regex ${quote(spec)}: ${detail}`, { cause: err });
  }
}

async function scoreRegex(spec: string, output: string, guard: RegexGuard): Promise<ScoreResult> {
  let re: RegExp;
  try {
    re = parseRegex(spec);
  } catch (err) {
    return { pass: false, reason: err instanceof Error ? err.message : String(err), invalidCase: true };
  }
  const outcome: RegexOutcome = await guard.search(re, output);
  switch (outcome.kind) {
    case 'done':
      return outcome.found ? { pass: true } : { pass: false, reason: `output does not match regex ${quote(spec)}` };
    case 'timeout':
      return {
        pass: false,
        error: `regex ${quote(spec)} timed out after ${outcome.ms} ms (catastrophic backtracking?); not scored`,
      };
    case 'budget':
      return {
        pass: false,
        error: `regex ${quote(spec)} not run: the eval's regex time budget (${outcome.budgetMs} ms of matching in all) is spent (earlier patterns ran long); not scored`,
      };
    case 'error':
      return { pass: false, reason: `regex ${quote(spec)} failed: ${outcome.message}`, invalidCase: true };
  }
}

function scoreJson(expected: string, output: string): ScoreResult {
  const actual = parseJsonOutput(output);
  if (!actual.ok) return { pass: false, reason: `output is not valid JSON: ${actual.error}` };
  if (jsonDepthExceeds(actual.value, MAX_JSON_DEPTH)) {
    return { pass: false, reason: `output JSON is nested more than ${MAX_JSON_DEPTH} levels deep: not compared` };
  }
  const want = parseJsonOutput(expected);
  if (!want.ok) return { pass: true }; // expected is not JSON: validity only
  if (jsonDepthExceeds(want.value, MAX_JSON_DEPTH)) {
    return {
      pass: false,
      reason: `expected JSON is nested more than ${MAX_JSON_DEPTH} levels deep: not compared`,
      invalidCase: true,
    };
  }
  const diff = jsonSubset(want.value, actual.value);
  if (diff === null) return { pass: true };
  return { pass: false, reason: `JSON does not contain the expected value: ${diff}` };
}

function quote(s: string): string {
  const shown = s.length > 80 ? `${s.slice(0, 77)}...` : s;
  return JSON.stringify(shown);
}

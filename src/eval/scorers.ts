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
 *
 * `score` never throws: an invalid regex or any internal failure is a failed case with a reason.
 */

import { jsonSubset, parseJsonOutput } from './json-subset.js';
import { RegexGuard, type RegexOutcome } from './regex-guard.js';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../util/json-depth.js';
import type { ScorerName } from '../domain.js';

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
}

export interface ScoreOptions {
  /**
   * Where regex matches run: the eval's guard, whose budget all its regex cases share. Without
   * one, a guard with the default limits is made for this one call.
   */
  regex?: RegexGuard;
}

/** Scores one output. Never rejects (see the module comment). */
export async function score(
  scorer: ScorerName,
  expected: string,
  output: string,
  options: ScoreOptions = {},
): Promise<ScoreResult> {
  if (scorer !== 'regex') return scoreText(scorer, expected, output);
  const guard = options.regex ?? new RegexGuard();
  try {
    return await scoreRegex(expected, output, guard);
  } catch (err) {
    return { pass: false, reason: `scorer regex failed: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    if (options.regex === undefined) guard.close();
  }
}

/** The scorers that need no regex match, synchronously. */
export function scoreText(scorer: Exclude<ScorerName, 'regex'>, expected: string, output: string): ScoreResult {
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

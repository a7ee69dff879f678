/**
 * Eval scorers. See INTERFACE.md, "Scorers":
 *  - exact: both sides trimmed of surrounding whitespace, then compared case-sensitively.
 *  - contains / not-contains: case-sensitive substring test (no trimming; an empty `expected` is
 *    contained in everything).
 *  - regex: JavaScript syntax, unanchored search. Written plain (`\d+ apples`) or as
 *    `/pattern/flags` (`/^yes$/im`). A spec is read as `/pattern/flags` when it starts with `/`
 *    and ends with `/` followed only by valid flag letters (d g i m s u v y); anything else is a
 *    plain pattern, so `/usr/bin` is the plain pattern "/usr/bin". The match runs in a `node:vm`
 *    context with a hard time limit, so a catastrophically backtracking pattern fails the case
 *    ("timed out") instead of hanging the run.
 *  - json: see ./json-subset.ts. The output must be JSON (one surrounding ``` / ```json fence is
 *    tolerated); when `expected` is JSON too, it must be a subset of the output. When `expected`
 *    is not JSON (e.g. a note such as "any object"), only the validity of the output is checked.
 *
 * `score` never throws: an invalid regex or any internal failure is a failed case with a reason.
 */

import vm from 'node:vm';
import { jsonSubset, parseJsonOutput } from './json-subset.js';
import type { ScorerName } from '../domain.js';

export interface ScoreResult {
  pass: boolean;
  /** Why the case failed (set on failures only). */
  reason?: string;
  /** Set when the failure comes from the case itself (invalid regex, regex timed out), not the output. */
  invalidCase?: boolean;
}

export interface ScoreOptions {
  /** Hard bound for one regex search, in ms. Default 1000. */
  regexTimeoutMs?: number;
}

export const DEFAULT_REGEX_TIMEOUT_MS = 1000;

export function score(scorer: ScorerName, expected: string, output: string, options: ScoreOptions = {}): ScoreResult {
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
      case 'regex':
        return scoreRegex(expected, output, options.regexTimeoutMs ?? DEFAULT_REGEX_TIMEOUT_MS);
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

let regexContext: vm.Context | undefined;
const searchScript = new vm.Script('__re.lastIndex = 0; __re.exec(__input) !== null');

/**
 * Unanchored search of `re` in `input`, interrupted after `timeoutMs`.
 * Returns 'timeout' when the bound was hit.
 */
export function regexSearch(
  re: RegExp,
  input: string,
  timeoutMs: number = DEFAULT_REGEX_TIMEOUT_MS,
): boolean | 'timeout' {
  regexContext ??= vm.createContext(Object.create(null) as object);
  const ctx = regexContext as { __re?: RegExp; __input?: string };
  ctx.__re = re;
  ctx.__input = input;
  try {
    return searchScript.runInContext(regexContext, { timeout: Math.max(1, Math.ceil(timeoutMs)) }) === true;
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 'timeout';
    throw err;
  } finally {
    delete ctx.__re;
    delete ctx.__input;
  }
}

function scoreRegex(spec: string, output: string, timeoutMs: number): ScoreResult {
  let re: RegExp;
  try {
    re = parseRegex(spec);
  } catch (err) {
    return { pass: false, reason: err instanceof Error ? err.message : String(err), invalidCase: true };
  }
  const found = regexSearch(re, output, timeoutMs);
  if (found === 'timeout') {
    return {
      pass: false,
      reason: `regex ${quote(spec)} timed out after ${timeoutMs} ms (catastrophic backtracking?); counted as a failure`,
      invalidCase: true,
    };
  }
  if (found) return { pass: true };
  return { pass: false, reason: `output does not match regex ${quote(spec)}` };
}

function scoreJson(expected: string, output: string): ScoreResult {
  const actual = parseJsonOutput(output);
  if (!actual.ok) return { pass: false, reason: `output is not valid JSON: ${actual.error}` };
  const want = parseJsonOutput(expected);
  if (!want.ok) return { pass: true }; // expected is not JSON: validity only
  const diff = jsonSubset(want.value, actual.value);
  if (diff === null) return { pass: true };
  return { pass: false, reason: `JSON does not contain the expected value: ${diff}` };
}

function quote(s: string): string {
  const shown = s.length > 80 ? `${s.slice(0, 77)}...` : s;
  return JSON.stringify(shown);
}

/**
 * JSON helpers for the `json` scorer.
 *
 * Parsing (`parseJsonOutput`): the text is trimmed and parsed with JSON.parse. When that fails and
 * the whole text is a single Markdown code fence (```json … ``` or ``` … ```; the language tag is
 * matched case-insensitively), the fence body is parsed instead. Models wrap JSON in a fence very
 * often, and the fence adds nothing to the answer. JSON embedded in prose ("Here you go: {...}")
 * is *not* accepted: the scorer checks that the answer is JSON, not that it mentions some.
 *
 * Subset (`jsonSubset(expected, actual)`):
 *  - object: `actual` is an object (not an array) and has every key of `expected` (own keys),
 *    each with a value that is a subset of the expected value. Extra keys are allowed.
 *  - array: `actual` is an array and every element of `expected` is matched by a *distinct*
 *    element of `actual` that it is a subset of. Order does not matter and extra elements are
 *    allowed; duplicates in `expected` need as many matches in `actual`. Matching is a proper
 *    bipartite matching, so `[{"a":1},{"a":1,"b":2}]` matches `[{"a":1,"b":2},{"a":1}]`.
 *  - scalar (string, number, boolean, null): strictly equal, same type (`1` ≠ `"1"`).
 *
 * Depth: a value nested more than MAX_JSON_DEPTH levels is never walked (the walk is recursive):
 * `jsonSubset` reports it as a difference, and previews of values are bounded (../util/json-depth.ts).
 */

import { MAX_JSON_DEPTH, previewJson } from '../util/json-depth.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type JsonParseResult = { ok: true; value: Json } | { ok: false; error: string };

const FENCE = /^```[ \t]*(?:json)?[ \t]*\r?\n([\s\S]*?)\r?\n?```$/i;

export function parseJsonOutput(text: string): JsonParseResult {
  const trimmed = text.trim();
  const direct = tryParse(trimmed);
  if (direct.ok) return direct;
  const fence = FENCE.exec(trimmed);
  if (fence) {
    const inner = tryParse((fence[1] ?? '').trim());
    if (inner.ok) return inner;
    return { ok: false, error: `fenced block is not valid JSON: ${inner.error}` };
  }
  return direct;
}

function tryParse(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Where `expected` is not a subset of `actual`, a short description (with a `$.a[0]` path); null when it is. */
export function jsonSubset(expected: Json, actual: Json, path = '$', depth = 0): string | null {
  if (depth >= MAX_JSON_DEPTH && typeof expected === 'object' && expected !== null) {
    return `${path}: nested more than ${MAX_JSON_DEPTH} levels deep, not compared`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${kind(actual)}`;
    return arraySubset(expected, actual, path, depth);
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return `${path}: expected an object, got ${kind(actual)}`;
    for (const key of Object.keys(expected)) {
      const childPath = `${path}${formatKey(key)}`;
      if (!Object.prototype.hasOwnProperty.call(actual, key)) return `${childPath}: missing`;
      const diff = jsonSubset(expected[key] as Json, actual[key] as Json, childPath, depth + 1);
      if (diff !== null) return diff;
    }
    return null;
  }
  if (expected === actual) return null;
  return `${path}: expected ${preview(expected)}, got ${preview(actual)}`;
}

function arraySubset(expected: Json[], actual: Json[], path: string, depth: number): string | null {
  if (expected.length > actual.length) {
    return `${path}: expected at least ${expected.length} element(s), got ${actual.length}`;
  }
  // candidates[i]: indexes of actual elements that expected[i] is a subset of.
  const candidates: number[][] = expected.map((e) => {
    const list: number[] = [];
    actual.forEach((a, j) => {
      if (jsonSubset(e, a, '$', depth + 1) === null) list.push(j);
    });
    return list;
  });
  const unmatched = candidates.findIndex((c) => c.length === 0);
  if (unmatched >= 0) {
    return `${path}: no element matches expected[${unmatched}] ${preview(expected[unmatched] ?? null)}`;
  }
  // Kuhn's augmenting-path bipartite matching: expected element -> distinct actual element.
  const owner = new Array<number>(actual.length).fill(-1);
  const tryAssign = (i: number, seen: boolean[]): boolean => {
    for (const j of candidates[i] ?? []) {
      if (seen[j]) continue;
      seen[j] = true;
      const current = owner[j] ?? -1;
      if (current < 0 || tryAssign(current, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < expected.length; i++) {
    if (!tryAssign(i, new Array<boolean>(actual.length).fill(false))) {
      return `${path}: not enough distinct elements to match expected[${i}] ${preview(expected[i] ?? null)}`;
    }
  }
  return null;
}

function isObject(v: Json): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kind(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${preview(v)}`;
}

function formatKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${previewJson(key, 40)}]`;
}

function preview(v: Json): string {
  return previewJson(v, 60);
}

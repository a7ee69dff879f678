/**
 * An eval case's `threshold` and `assert` list (INTERFACE "Eval sets", v2): the threshold of a
 * scorer that gives a score (0 to 1), and a list of `{scorer, expected, threshold}` checks that must
 * all pass.
 */

import { findField } from '../read/fields.js';
import { describeType, preview, type ProblemSink } from '../problems.js';
import type { RawRecord } from '../read/records.js';
import { parseRegex } from '../../eval/scorers.js';
import { SCORE_THRESHOLDS, SCORER_NAMES, type Assertion, type ScorerName } from '../../domain.js';

export const MAX_ASSERTIONS = 20;

/** A scorer name from a record, or null after saying why (`where`: e.g. `"scorer"`, `assert[2].scorer`). */
export function scorerName(rec: RawRecord, value: unknown, where: string, sink: ProblemSink): ScorerName | null {
  if (typeof value === 'string' && (SCORER_NAMES as readonly string[]).includes(value.trim())) {
    return value.trim() as ScorerName;
  }
  sink.error(
    rec.line,
    `${where}: unknown scorer ${typeof value === 'string' ? preview(value) : describeType(value)}: use one of ${SCORER_NAMES.map((x) => `"${x}"`).join(', ')} (default "exact")`,
  );
  return null;
}

/** A threshold (a number, or a numeric CSV cell, from 0 to 1); undefined after an error. */
export function thresholdValue(rec: RawRecord, value: unknown, where: string, sink: ProblemSink): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 1) return n;
  sink.error(rec.line, `${where} must be a number from 0 to 1 (a score to reach), not ${preview(String(value))}`);
  return undefined;
}

/** Warns when a threshold is given to a scorer that gives no score. */
export function checkThresholdUse(
  rec: RawRecord,
  scorer: ScorerName,
  threshold: number | null,
  where: string,
  sink: ProblemSink,
): void {
  if (threshold !== null && SCORE_THRESHOLDS[scorer] === undefined) {
    sink.warning(
      rec.line,
      `${where} is ignored: the "${scorer}" scorer passes or fails without a score (thresholds apply to ${Object.keys(SCORE_THRESHOLDS).join(', ')})`,
    );
  }
}

/** The expected text of a check: a string, or for json / json-schema any JSON value (kept as JSON). */
export function expectedText(
  rec: RawRecord,
  scorer: ScorerName | null,
  value: unknown,
  where: string,
  sink: ProblemSink,
): string | null {
  if (typeof value === 'string') return value;
  if (scorer === 'json' || scorer === 'json-schema') return JSON.stringify(value);
  sink.error(
    rec.line,
    `${where} is ${describeType(value)}, not a string: write it as a JSON string, e.g. "expected": "..." (a JSON value is accepted as is only with "scorer": "json" or "json-schema")`,
  );
  return null;
}

/** A regex check's pattern compiles; else an error naming where. */
export function checkRegex(rec: RawRecord, pattern: string, where: string, sink: ProblemSink): boolean {
  try {
    parseRegex(pattern);
    return true;
  } catch (err) {
    sink.error(
      rec.line,
      `${where} is not a valid regular expression for the regex scorer (${err instanceof Error ? err.message.slice(0, 200) : String(err)}): fix the pattern (JavaScript syntax, plain or /pattern/flags)`,
    );
    return false;
  }
}

/** The record's `assert` list: undefined when absent, null after an error. */
export function readAssertList(
  rec: RawRecord,
  obj: Record<string, unknown>,
  sink: ProblemSink,
): Assertion[] | undefined | null {
  const field = findField(rec, obj, ['assert'], sink, true);
  if (field.kind === 'absent') return undefined;
  if (field.kind === 'bad') return null;
  const list = field.value;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_ASSERTIONS) {
    sink.error(
      rec.line,
      `"assert" must be a list of 1 to ${MAX_ASSERTIONS} checks like {"scorer": "contains", "expected": "..."}, not ${Array.isArray(list) ? `a list of ${list.length}` : describeType(list)}`,
    );
    return null;
  }
  const out: Assertion[] = [];
  let ok = true;
  list.forEach((item, i) => {
    const where = `assert[${i}]`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      sink.error(
        rec.line,
        `${where} must be an object like {"scorer": "contains", "expected": "..."}, not ${describeType(item)}`,
      );
      ok = false;
      return;
    }
    const check = item as Record<string, unknown>;
    const unknownKeys = Object.keys(check).filter((k) => k !== 'scorer' && k !== 'expected' && k !== 'threshold');
    if (unknownKeys.length > 0) {
      sink.error(
        rec.line,
        `${where} has unknown field(s) ${unknownKeys.map((k) => preview(k)).join(', ')}: use "scorer", "expected" and "threshold"`,
      );
      ok = false;
      return;
    }
    const scorer = check['scorer'] === undefined ? 'exact' : scorerName(rec, check['scorer'], `${where}.scorer`, sink);
    if (scorer === null) return void (ok = false);
    if (check['expected'] === undefined || check['expected'] === null) {
      sink.error(rec.line, `${where} has no "expected": every check needs one`);
      return void (ok = false);
    }
    const expected = expectedText(rec, scorer, check['expected'], `${where}.expected`, sink);
    if (expected === null) return void (ok = false);
    if (scorer === 'regex' && !checkRegex(rec, expected, `${where}.expected`, sink)) return void (ok = false);
    let threshold: number | null = null;
    if (check['threshold'] !== undefined && check['threshold'] !== null) {
      const t = thresholdValue(rec, check['threshold'], `${where}.threshold`, sink);
      if (t === undefined) return void (ok = false);
      threshold = t;
      checkThresholdUse(rec, scorer, threshold, `${where}.threshold`, sink);
    }
    out.push({ scorer, expected, threshold });
  });
  return ok ? out : null;
}

/** A short description of a case's checks, shown as its expected value when it has none of its own. */
export function describeChecks(checks: readonly Assertion[]): string {
  return checks
    .map((a) => {
      const at = a.threshold !== null ? ` ≥ ${a.threshold}` : '';
      const text = a.expected.length > 60 ? `${a.expected.slice(0, 57)}...` : a.expected;
      return `${a.scorer}${at}: ${text}`;
    })
    .join(' · ');
}

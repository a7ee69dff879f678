/** Reading named fields (with aliases) out of raw records, reporting what is wrong with them. */

import { describeType, fmt, preview, previewList, type ProblemSink } from '../problems.js';
import type { RawRecord } from './records.js';
import { jsonDepthExceeds, jsonEqual, MAX_JSON_DEPTH } from '../../util/json-depth.js';

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Number of Unicode code points (what "characters" means in our limit checks). */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

export type FieldResult = { kind: 'absent' } | { kind: 'bad' } | { kind: 'ok'; name: string; value: unknown };

/**
 * Finds the field among `aliases` (first is the canonical name). Reports a record that sets
 * two aliases to different values. Absent means undefined in JSON or a missing/empty CSV column
 * when `csvEmptyIsAbsent`.
 */
export function findField(
  rec: RawRecord,
  obj: Record<string, unknown>,
  aliases: readonly string[],
  sink: ProblemSink,
  csvEmptyIsAbsent: boolean,
): FieldResult {
  const isPresent = (a: string): boolean =>
    Object.hasOwn(obj, a) && obj[a] !== undefined && !(csvEmptyIsAbsent && rec.source === 'csv' && obj[a] === '');
  // The common case (one alias set) without allocating: this runs for every field of every record.
  let count = 0;
  let only = '';
  for (const a of aliases) {
    if (isPresent(a)) {
      count++;
      only = a;
    }
  }
  if (count === 0) return { kind: 'absent' };
  if (count === 1) return { kind: 'ok', name: only, value: obj[only] };
  const present = aliases.filter(isPresent);
  const first = present[0]!;
  for (const other of present.slice(1)) {
    if (!jsonEqual(obj[other], obj[first])) {
      sink.error(
        rec.line,
        `both "${first}" and "${other}" are set, to different values: they are the same field, keep one`,
      );
      return { kind: 'bad' };
    }
  }
  return { kind: 'ok', name: first, value: obj[first] };
}

/**
 * A required non-empty string field. Non-strings are errors (a number is not stringified).
 * `what` describes the record for messages, e.g. 'each example'.
 */
export function requireString(
  rec: RawRecord,
  obj: Record<string, unknown>,
  aliases: readonly string[],
  sink: ProblemSink,
  what: string,
): string | null {
  const f = findField(rec, obj, aliases, sink, false);
  if (f.kind === 'bad') return null;
  if (f.kind === 'absent') {
    const canonical = aliases[0]!;
    const also =
      aliases.length > 1
        ? ` (also accepted: ${aliases
            .slice(1)
            .map((a) => `"${a}"`)
            .join(', ')})`
        : '';
    sink.error(rec.line, `"${canonical}" is missing: ${what} needs a non-empty "${canonical}" string${also}`);
    return null;
  }
  return checkString(rec, f.name, f.value, sink, what);
}

/** Has a character that is not whitespace (the same set `trim()` removes), without copying. */
const NON_BLANK = /\S/;

export function checkString(
  rec: RawRecord,
  name: string,
  value: unknown,
  sink: ProblemSink,
  what: string,
): string | null {
  if (typeof value !== 'string') {
    const example = value === null || typeof value === 'object' ? '"..."' : JSON.stringify(String(value));
    sink.error(
      rec.line,
      `"${name}" is ${describeType(value)}, not a string: write it as a JSON string, e.g. "${name}": ${example}`,
    );
    return null;
  }
  if (!NON_BLANK.test(value)) {
    sink.error(rec.line, `"${name}" is empty: ${what} needs a non-empty "${name}" string`);
    return null;
  }
  return value;
}

/** Fields of a record that none of the loaders uses, collected into one warning per file. */
export class UnknownFields {
  private readonly seen = new Map<string, { line: number; count: number }>();

  constructor(private readonly known: ReadonlySet<string>) {}

  note(obj: Record<string, unknown>, line: number): void {
    // for-in rather than Object.keys: no array per record (the records are plain JSON objects).
    for (const key in obj) {
      if (this.known.has(key) || !Object.hasOwn(obj, key)) continue;
      const s = this.seen.get(key);
      if (s) s.count++;
      else this.seen.set(key, { line, count: 1 });
    }
  }

  report(sink: ProblemSink, knownList: string): void {
    for (const [key, { line, count }] of this.seen) {
      sink.warning(
        line,
        `unknown field ${preview(key, 40)} is ignored (in ${fmt(count)} record${count === 1 ? '' : 's'}): the fields used are ${knownList}; check the spelling`,
      );
    }
  }
}

/**
 * The CSV header's column names as a set; reports the names used more than once (one problem,
 * whatever their number). Returns null when there were such names.
 */
export function uniqueColumns(columns: readonly string[], line: number, sink: ProblemSink): Set<string> | null {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) twice.add(c);
    seen.add(c);
  }
  if (twice.size === 0) return seen;
  sink.error(
    line,
    `the CSV header has the column${twice.size === 1 ? '' : 's'} ${previewList([...twice])} more than once: column names must be unique`,
  );
  return null;
}

/**
 * The first field of a JSON record nested deeper than MAX_JSON_DEPTH (quoted, cut), or null. Run
 * before anything walks or prints a record: a value nested thousands of levels deep would overflow
 * the stack of every recursive walk (JSON.stringify included).
 */
export function tooDeepField(obj: Record<string, unknown>): string | null {
  for (const key in obj) {
    if (Object.hasOwn(obj, key) && jsonDepthExceeds(obj[key], MAX_JSON_DEPTH)) return preview(key, 40);
  }
  return null;
}

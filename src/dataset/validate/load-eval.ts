/** Loading and validating eval prompt sets. */

import {
  checkString,
  findField,
  isPlainObject,
  requireString,
  tooDeepField,
  uniqueColumns,
  UnknownFields,
} from '../read/fields.js';
import { EVAL_MAX_RECORD_BYTES } from '../limits.js';
import {
  capMessage,
  confinementRoot,
  defaultWorkspace,
  describeType,
  preview,
  PREVIEW_CHARS,
  previewList,
  ProblemSink,
} from '../problems.js';
import { openDataset } from '../read/open.js';
import { readRecords, type RawRecord } from '../read/records.js';
import type { LoadedDataset } from '../types.js';
import { assertionsOf, parseRegex } from '../../eval/scorers.js';
import { schemaValidator } from '../../eval/json-schema.js';
import { parseJsonOutput } from '../../eval/json-subset.js';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../../util/json-depth.js';
import { nativeCase } from './eval-native.js';
import type { Assertion, EvalCase, ScorerName } from '../../domain.js';
import {
  checkThresholdUse,
  describeChecks,
  expectedText,
  readAssertList,
  scorerName,
  thresholdValue,
} from './eval-checks.js';

export const EVAL_INPUT_ALIASES = ['input', 'text_input', 'textInput'] as const;
export const EVAL_EXPECTED_ALIASES = ['expected', 'output'] as const;

const RECORD_SHAPE = '{"input": "...", "expected": "..."}';
const KNOWN = new Set<string>([
  ...EVAL_INPUT_ALIASES,
  ...EVAL_EXPECTED_ALIASES,
  'scorer',
  'id',
  'system',
  'contents',
  'systemInstruction',
  'threshold',
  'assert',
]);
const KNOWN_LIST =
  '"input" (or "text_input"), "expected" (or "output"), "scorer", "threshold", "assert", "system" and "id"';

/**
 * Parses a regex written plain (`\d+`) or as `/pattern/flags`, as the `regex` scorer does.
 * Throws the engine's SyntaxError when it does not compile.
 */
/** The eval scorer's own rule (plain pattern, or `/pattern/flags`), so the two never disagree. */
export const compileScorerRegex = parseRegex;

/** Loads an eval set. Never throws for a bad file: problems are in `problems`. */
export async function loadEvalSet(file: string, opts: { workspace?: string } = {}): Promise<LoadedDataset<EvalCase>> {
  const workspace = opts.workspace ?? defaultWorkspace();
  const {
    absolute,
    sink,
    format,
    file: opened,
  } = await openDataset(file, workspace, 'eval set', confinementRoot(opts.workspace));
  const result: LoadedDataset<EvalCase> = {
    path: absolute,
    format: format ?? 'jsonl',
    records: [],
    problems: sink.problems,
  };
  const done = (): LoadedDataset<EvalCase> => {
    result.problems = sink.finish();
    result.problemCounts = sink.counts();
    return result;
  };
  if (opened === null || format === null) return done();

  const unknown = new UnknownFields(KNOWN);
  const ids = new Map<string, number>();
  let ordinal = 0;
  for await (const rec of readRecords({
    absolute: opened.absolute,
    format,
    sink,
    recordShape: RECORD_SHAPE,
    csvShape: 'id,input,expected,scorer',
    jsonContainers: ['cases', 'examples'],
    csvHeader: (columns, line) => checkEvalHeader(columns, line, sink),
    maxRecord: { bytes: EVAL_MAX_RECORD_BYTES, limitName: 'an eval case' },
  })) {
    ordinal++;
    const c = toCase(rec, ordinal, sink, unknown);
    if (c === null) continue;
    // A JSON Schema is compiled now (Ajv is loaded for the first one only): a bad one fails the
    // run before anything is tuned, not at scoring.
    if (!(await schemasCompile(c, rec.line, sink))) continue;
    const first = ids.get(c.id);
    if (first !== undefined) {
      sink.error(rec.line, `the id ${preview(c.id)} is already used on line ${first}: give each case a unique "id"`);
      continue;
    }
    ids.set(c.id, rec.line);
    result.records.push(c);
  }
  unknown.report(sink, KNOWN_LIST);
  return done();
}

async function schemasCompile(c: EvalCase, line: number, sink: ProblemSink): Promise<boolean> {
  for (const check of assertionsOf(c)) {
    if (check.scorer !== 'json-schema') continue;
    const validator = await schemaValidator(check.expected);
    if (validator instanceof Error) {
      sink.error(line, `${validator.message}: fix the schema (JSON Schema draft-07, or 2020-12 with "$schema")`);
      return false;
    }
  }
  return true;
}

function checkEvalHeader(columns: string[], line: number, sink: ProblemSink): boolean {
  const unique = uniqueColumns(columns, line, sink);
  let ok = unique !== null;
  const seen = unique ?? new Set(columns);
  for (const group of [EVAL_INPUT_ALIASES, EVAL_EXPECTED_ALIASES]) {
    const present = group.filter((a) => seen.has(a));
    if (present.length > 1) {
      sink.error(
        line,
        `the CSV header has both ${present.map((c) => `"${c}"`).join(' and ')}: they are the same field, keep one column`,
      );
      ok = false;
    }
  }
  if (!EVAL_INPUT_ALIASES.some((a) => seen.has(a))) {
    sink.error(
      line,
      `the CSV header has no "input" column: add one (optional columns: "expected", "scorer", "id"); the header is ${previewList(columns, ',')}`,
    );
    ok = false;
  }
  const extra = columns.filter((c) => !KNOWN.has(c));
  if (ok && extra.length > 0) {
    sink.warning(
      line,
      `CSV column${extra.length === 1 ? '' : 's'} ${previewList(extra)} ${extra.length === 1 ? 'is' : 'are'} ignored: the columns used are ${KNOWN_LIST}`,
    );
  }
  return ok;
}

function toCase(rec: RawRecord, ordinal: number, sink: ProblemSink, unknown: UnknownFields): EvalCase | null {
  const obj = rec.value;
  if (!isPlainObject(obj)) {
    sink.error(
      rec.line,
      `each eval case must be a JSON object like ${RECORD_SHAPE}, but this one is ${describeType(obj)}`,
    );
    return null;
  }
  if (rec.source === 'json') {
    // Before anything walks or prints a field: a value nested thousands of levels deep would
    // overflow the stack of every recursive walk (JSON.stringify included).
    const deep = tooDeepField(obj);
    if (deep !== null) {
      sink.error(
        rec.line,
        `${deep} is nested more than ${MAX_JSON_DEPTH} levels deep: an eval case's fields are strings (or, with "scorer": "json", a JSON value of reasonable depth)`,
      );
      return null;
    }
    unknown.note(obj, rec.line);
  }
  let ok = true;

  // Vertex AI's own form: systemInstruction + multi-turn contents.
  const native = rec.source === 'json' && Object.hasOwn(obj, 'contents') ? nativeCase(rec, obj, sink) : undefined;
  if (native === null) return null;
  const input = native ? native.input : requireString(rec, obj, EVAL_INPUT_ALIASES, sink, 'each eval case');
  if (input === null) ok = false;

  // scorer
  let scorer: ScorerName | null = null;
  let assertList: Assertion[] | undefined;
  let scorerGiven = false;
  const s = findField(rec, obj, ['scorer'], sink, true);
  if (s.kind === 'bad') ok = false;
  else if (s.kind === 'ok' && s.value !== null) {
    scorer = scorerName(rec, s.value, '"scorer"', sink);
    if (scorer === null) ok = false;
    else scorerGiven = true;
  }

  // expected
  let expected: string | null = native?.expected ?? null;
  const e = findField(rec, obj, EVAL_EXPECTED_ALIASES, sink, true);
  if (e.kind === 'bad') ok = false;
  else if (e.kind === 'ok' && e.value !== null) {
    const v = expectedText(rec, scorer, e.value, `"${e.name}"`, sink);
    if (v === null) ok = false;
    else expected = v;
  }

  // threshold and the assert list
  let threshold: number | null = null;
  const t = findField(rec, obj, ['threshold'], sink, true);
  if (t.kind === 'bad') ok = false;
  else if (t.kind === 'ok' && t.value !== null) {
    const v = thresholdValue(rec, t.value, '"threshold"', sink);
    if (v === undefined) ok = false;
    else threshold = v;
  }
  const asserted = rec.source === 'json' ? readAssertList(rec, obj, sink) : undefined;
  if (asserted === null) ok = false;

  if (expected === null && !asserted) {
    if (scorerGiven && ok) {
      sink.warning(
        rec.line,
        `"scorer": "${scorer}" is set but there is no "expected" value, so this case is shown, not scored: add "expected" to score it`,
      );
    }
    scorer = null;
  } else if (expected !== null) {
    // The case's own check.
    scorer ??= 'exact';
    if (threshold !== null) checkThresholdUse(rec, scorer, threshold, '"threshold"', sink);
    if (scorer === 'json' && tooDeepJsonText(expected)) {
      sink.error(
        rec.line,
        `the JSON in "${e.kind === 'ok' ? e.name : 'expected'}" is nested more than ${MAX_JSON_DEPTH} levels deep: the json scorer compares values of at most that depth`,
      );
      ok = false;
    }
    if (scorer === 'regex') {
      try {
        compileScorerRegex(expected);
      } catch (err) {
        sink.error(
          rec.line,
          `"expected" is not a valid regular expression for the regex scorer (${regexReason(err, expected)}): fix the pattern (JavaScript syntax, plain or /pattern/flags)`,
        );
        ok = false;
      }
    }
  }
  if (asserted && ok) {
    // Every check of the case: its own (when it has an expected), then the list; without an
    // expected of its own, the case shows a description of the list as its expected value.
    const own = expected !== null ? [{ scorer: scorer ?? 'exact', expected, threshold }] : [];
    assertList = [...own, ...asserted];
    if (expected === null) {
      expected = describeChecks(asserted);
      scorer = asserted[0]!.scorer;
    }
  }

  // id
  let id = `case-${ordinal}`;
  const idField = findField(rec, obj, ['id'], sink, true);
  if (idField.kind === 'bad') ok = false;
  else if (idField.kind === 'ok' && idField.value !== null) {
    const v = checkString(rec, 'id', idField.value, sink, 'an eval case with an id');
    if (v === null) ok = false;
    else id = v.trim();
  }

  // system: the case's system instruction
  let system: string | null = native?.system ?? null;
  const sys = findField(rec, obj, ['system'], sink, true);
  if (sys.kind === 'bad') ok = false;
  else if (sys.kind === 'ok' && sys.value !== null) {
    const v = checkString(rec, 'system', sys.value, sink, 'an eval case with a system instruction');
    if (v === null) ok = false;
    else if (v.trim() !== '') system = v;
  }

  if (!ok || input === null) return null;
  const turns = native && native.turns.length > 0 ? { turns: native.turns } : {};
  return {
    id,
    input,
    expected,
    scorer,
    ...(threshold !== null ? { threshold } : {}),
    ...(assertList ? { assert: assertList } : {}),
    ...(system !== null ? { system } : {}),
    ...turns,
    line: rec.line,
  };
}

/**
 * Why a pattern does not compile. The engine's message quotes the pattern whole ("Invalid regular
 * expression: /…/: Unterminated group"): it is kept for a short pattern on one line; for another,
 * only its reason, after a cut preview of the pattern.
 */
function regexReason(err: unknown, pattern: string): string {
  const message = err instanceof Error ? err.message : String(err);
  if (pattern.length <= PREVIEW_CHARS && !/[\p{Cc}\u2028\u2029]/u.test(pattern)) {
    return capMessage(message, 2 * PREVIEW_CHARS);
  }
  const reason = message.slice(message.lastIndexOf(': ') + 2);
  return `${preview(pattern)}: ${capMessage(reason.replace(/\s+/g, ' '), PREVIEW_CHARS)}`;
}

/** An `expected` text for the json scorer that parses as JSON nested deeper than MAX_JSON_DEPTH. */
function tooDeepJsonText(text: string): boolean {
  // Cheap first: nesting that deep needs that many brackets.
  let brackets = 0;
  for (let i = 0; i < text.length && brackets <= MAX_JSON_DEPTH; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) brackets++;
  }
  if (brackets <= MAX_JSON_DEPTH) return false;
  const parsed = parseJsonOutput(text);
  return parsed.ok && jsonDepthExceeds(parsed.value, MAX_JSON_DEPTH);
}

/** Loading and validating eval prompt sets. */

import { checkString, findField, isPlainObject, requireString, UnknownFields } from '../read/fields.js';
import { defaultWorkspace, describeType, ProblemSink } from '../problems.js';
import { openDataset } from '../read/open.js';
import { readRecords, type RawRecord } from '../read/records.js';
import type { LoadedDataset } from '../types.js';
import { parseRegex } from '../../eval/scorers.js';
import { SCORER_NAMES, type EvalCase, type ScorerName } from '../../domain.js';

export const EVAL_INPUT_ALIASES = ['input', 'text_input', 'textInput'] as const;
export const EVAL_EXPECTED_ALIASES = ['expected', 'output'] as const;

const RECORD_SHAPE = '{"input": "...", "expected": "..."}';
const KNOWN = new Set<string>([...EVAL_INPUT_ALIASES, ...EVAL_EXPECTED_ALIASES, 'scorer', 'id']);
const KNOWN_LIST = '"input" (or "text_input"), "expected" (or "output"), "scorer" and "id"';

/**
 * Parses a regex written plain (`\d+`) or as `/pattern/flags`, as the `regex` scorer does.
 * Throws the engine's SyntaxError when it does not compile.
 */
/** The eval scorer's own rule (plain pattern, or `/pattern/flags`), so the two never disagree. */
export const compileScorerRegex = parseRegex;

/** Loads an eval set. Never throws for a bad file: problems are in `problems`. */
export async function loadEvalSet(file: string, opts: { workspace?: string } = {}): Promise<LoadedDataset<EvalCase>> {
  const workspace = opts.workspace ?? defaultWorkspace();
  const { absolute, sink, format, file: opened } = await openDataset(file, workspace, 'eval set');
  const result: LoadedDataset<EvalCase> = {
    path: absolute,
    format: format ?? 'jsonl',
    records: [],
    problems: sink.problems,
  };
  const done = (): LoadedDataset<EvalCase> => {
    result.problems = sink.finish();
    return result;
  };
  if (opened === null || format === null) return done();

  const unknown = new UnknownFields(KNOWN);
  const ids = new Map<string, number>();
  let ordinal = 0;
  for await (const rec of readRecords({
    absolute,
    format,
    sink,
    recordShape: RECORD_SHAPE,
    csvShape: 'id,input,expected,scorer',
    jsonContainers: ['cases', 'examples'],
    csvHeader: (columns, line) => checkEvalHeader(columns, line, sink),
  })) {
    ordinal++;
    const c = toCase(rec, ordinal, sink, unknown);
    if (c === null) continue;
    const first = ids.get(c.id);
    if (first !== undefined) {
      sink.error(
        rec.line,
        `the id ${JSON.stringify(c.id)} is already used on line ${first}: give each case a unique "id"`,
      );
      continue;
    }
    ids.set(c.id, rec.line);
    result.records.push(c);
  }
  unknown.report(sink, KNOWN_LIST);
  return done();
}

function checkEvalHeader(columns: string[], line: number, sink: ProblemSink): boolean {
  let ok = true;
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) {
      sink.error(line, `the CSV header has the column "${c}" twice: column names must be unique`);
      ok = false;
    }
    seen.add(c);
  }
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
      `the CSV header has no "input" column: add one (optional columns: "expected", "scorer", "id"); the header is ${columns.map((c) => JSON.stringify(c)).join(',')}`,
    );
    ok = false;
  }
  const extra = columns.filter((c) => !KNOWN.has(c));
  if (ok && extra.length > 0) {
    sink.warning(
      line,
      `CSV column${extra.length === 1 ? '' : 's'} ${extra.map((c) => JSON.stringify(c)).join(', ')} ${extra.length === 1 ? 'is' : 'are'} ignored: the columns used are ${KNOWN_LIST}`,
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
  if (rec.source === 'json') unknown.note(obj, rec.line);
  let ok = true;

  const input = requireString(rec, obj, EVAL_INPUT_ALIASES, sink, 'each eval case');
  if (input === null) ok = false;

  // scorer
  let scorer: ScorerName | null = null;
  let scorerGiven = false;
  const s = findField(rec, obj, ['scorer'], sink, true);
  if (s.kind === 'bad') ok = false;
  else if (s.kind === 'ok' && s.value !== null) {
    if (typeof s.value === 'string' && (SCORER_NAMES as readonly string[]).includes(s.value.trim())) {
      scorer = s.value.trim() as ScorerName;
      scorerGiven = true;
    } else {
      sink.error(
        rec.line,
        `unknown scorer ${JSON.stringify(s.value)}: use one of ${SCORER_NAMES.map((x) => `"${x}"`).join(', ')} (default "exact")`,
      );
      ok = false;
    }
  }

  // expected
  let expected: string | null = null;
  const e = findField(rec, obj, EVAL_EXPECTED_ALIASES, sink, true);
  if (e.kind === 'bad') ok = false;
  else if (e.kind === 'ok' && e.value !== null) {
    if (typeof e.value === 'string') expected = e.value;
    else if (scorer === 'json') expected = JSON.stringify(e.value);
    else {
      sink.error(
        rec.line,
        `"${e.name}" is ${describeType(e.value)}, not a string: write it as a JSON string, e.g. "${e.name}": ${JSON.stringify(JSON.stringify(e.value) ?? '...')} (a JSON value is accepted as is only with "scorer": "json")`,
      );
      ok = false;
    }
  }

  if (expected === null) {
    if (scorerGiven && ok) {
      sink.warning(
        rec.line,
        `"scorer": "${scorer}" is set but there is no "expected" value, so this case is shown, not scored: add "expected" to score it`,
      );
    }
    scorer = null;
  } else {
    scorer ??= 'exact';
    if (scorer === 'regex') {
      try {
        compileScorerRegex(expected);
      } catch (err) {
        sink.error(
          rec.line,
          `"expected" is not a valid regular expression for the regex scorer (${(err as Error).message}): fix the pattern (JavaScript syntax, plain or /pattern/flags)`,
        );
        ok = false;
      }
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

  if (!ok || input === null) return null;
  return { id, input, expected, scorer, line: rec.line };
}

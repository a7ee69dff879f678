/**
 * Loading and validating training / validation sets for either backend. Accepted records:
 * `{"text_input"|"textInput"|"input", "output"}` pairs (JSONL, JSON, CSV), Vertex AI's own
 * `{"systemInstruction"?, "contents": [...]}` and its legacy `{"messages": [...]}` chat format.
 * Every problem in the file is reported in one pass (see problems.ts); each valid example also
 * goes through a DatasetAnalyzer (analysis.ts) for the content-key digest, statistics, doctor and
 * whole-set limits. With `keepRecords: false` nothing else is kept, so memory does not grow with
 * the file.
 */

import { DatasetAnalyzer } from '../analysis/analyzer.js';
import type { WorkerSpec } from '../analysis/thread.js';
import { checkString, codePointLength, isPlainObject, requireString, UnknownFields } from '../read/fields.js';
import { defaultWorkspace, describeType, fmt, ProblemSink } from '../problems.js';
import { openDataset } from '../read/open.js';
import { readRecordBatches, type RawRecord } from '../read/records.js';
import type { NativeRecord, NativeTurn, TextPart } from '../to-vertex-jsonl.js';
import { examplesInMemory } from '../example-set.js';
import type { LoadedDataset } from '../types.js';
import type { BackendName } from '../../domain.js';
import type { DatasetFormat, ExampleSet, TrainingExample } from '../../domain.js';

export const INPUT_ALIASES = ['text_input', 'textInput', 'input'] as const;
export const OUTPUT_ALIASES = ['output'] as const;

/**
 * Gemini API limits per example. The service documents them in "characters"; we count Unicode
 * code points (not UTF-16 code units), so text outside the BMP (emoji, many CJK extension
 * characters) counts once per character, as it would for a Python `len()`.
 */
export const GEMINI_MAX_INPUT_CHARS = 40_000;
export const GEMINI_MAX_OUTPUT_CHARS = 5_000;
/** Vertex AI: largest dataset file. */
export const VERTEX_MAX_FILE_BYTES = 1024 ** 3;
/** Google's guidance: at least 20 examples, 100–500 recommended. */
export const MIN_RECOMMENDED_EXAMPLES = 20;

const RECORD_SHAPE = '{"text_input": "...", "output": "..."}';
const NATIVE_KEYS = new Set(['contents', 'systemInstruction', 'messages']);
const PAIR_KEYS = new Set<string>([...INPUT_ALIASES, ...OUTPUT_ALIASES]);

export interface LoadTrainingOptions {
  backend: BackendName;
  role: 'training' | 'validation';
  /** Base for relative paths and for the file names in problems; default GITHUB_WORKSPACE or the cwd. */
  workspace?: string;
  /**
   * false: keep no records (`records` stays empty), only what `analysis` needs (content-key
   * digest, statistics, doctor fingerprints): the streaming validation path for sets the backend
   * does not need in memory. Default true.
   */
  keepRecords?: boolean;
  /** Where to analyse the examples (see analysis/thread.ts); by default decided by the file's size. */
  analysisWorker?: WorkerSpec | null;
}

/**
 * Loads a training or validation set. Never throws for a bad dataset: every problem found is in
 * `problems` (errors stop the run). `path` in the result is the absolute path of the file.
 */
export async function loadTrainingSet(
  file: string,
  opts: LoadTrainingOptions,
): Promise<LoadedDataset<TrainingExample>> {
  const workspace = opts.workspace ?? defaultWorkspace();
  const setName = opts.role === 'training' ? 'training set' : 'validation set';
  const { absolute, shown, sink, format, file: opened } = await openDataset(file, workspace, setName);
  const result: LoadedDataset<TrainingExample> = {
    path: absolute,
    format: format ?? 'jsonl',
    records: [],
    problems: sink.problems,
  };
  const analysis = new DatasetAnalyzer({
    backend: opts.backend,
    role: opts.role,
    file: shown,
    sink,
    fileBytes: opened?.size ?? 0,
    ...(opts.analysisWorker !== undefined ? { worker: opts.analysisWorker } : {}),
  });
  result.analysis = analysis;
  const keep = opts.keepRecords ?? true;

  if (opened === null || format === null) return done();
  if (opts.backend === 'vertex-ai' && opened.size > VERTEX_MAX_FILE_BYTES) {
    sink.fileError(
      `the file is ${fmt(opened.size)} bytes; Vertex AI accepts dataset files up to 1 GB: reduce or split the dataset`,
    );
    return done();
  }

  const unknown = newUnknownFields();
  let total = 0;
  for await (const batch of examplesOf(absolute, format, opts.backend, sink, unknown)) {
    for (const example of batch) {
      total++;
      if (example !== null && analysis.add(example) && keep) result.records.push(example);
    }
    await analysis.drain();
  }
  await analysis.finish();
  unknown.report(sink, '"text_input" (or "textInput", "input") and "output"');

  if (opts.role === 'training' && total > 0 && total < MIN_RECOMMENDED_EXAMPLES) {
    sink.fileWarning(
      `only ${total} example${total === 1 ? '' : 's'}: Google recommends at least ${MIN_RECOMMENDED_EXAMPLES} examples for tuning, and 100–500 for good results; add more examples`,
    );
  }
  return done();

  async function done(): Promise<LoadedDataset<TrainingExample>> {
    if (!analysis.finished) await analysis.finish(); // an early return: no examples
    result.problems = sink.finish();
    result.examples =
      keep || format === null
        ? examplesInMemory(result.records)
        : examplesFromFile(absolute, shown, format, opts.backend, analysis.count);
    return result;
  }
}

const newUnknownFields = (): UnknownFields => new UnknownFields(new Set([...PAIR_KEYS, ...NATIVE_KEYS]));

/** The file's records as examples, a batch at a time; null for a record with a problem (reported to `sink`). */
async function* examplesOf(
  absolute: string,
  format: DatasetFormat,
  backend: BackendName,
  sink: ProblemSink,
  unknown: UnknownFields,
): AsyncGenerator<(TrainingExample | null)[]> {
  for await (const batch of readRecordBatches({
    absolute,
    format,
    sink,
    recordShape: RECORD_SHAPE,
    csvShape: 'text_input,output',
    jsonContainers: ['examples', 'examples.examples'],
    csvHeader: (columns, line) => checkTrainingHeader(columns, line, sink),
  })) {
    const out: (TrainingExample | null)[] = [];
    for (const rec of batch) {
      if (typeof rec === 'function')
        rec(); // a problem the reader found, reported in line order
      else out.push(toExample(rec, backend, sink, unknown));
    }
    yield out;
  }
}

/**
 * The examples of a file that loaded without errors, read again each time they are asked for
 * (a set not kept in memory). A file that no longer gives the same `count` valid examples has
 * changed since it was checked: that is an error, not a different upload.
 */
function examplesFromFile(
  absolute: string,
  shown: string,
  format: DatasetFormat,
  backend: BackendName,
  count: number,
): ExampleSet {
  const changed = (why: string): Error =>
    new Error(`${shown} changed while the action ran (${why}): keep the dataset unchanged until the run ends`);
  return {
    count,
    batches: async function* () {
      const sink = new ProblemSink(shown);
      let n = 0;
      for await (const batch of examplesOf(absolute, format, backend, sink, newUnknownFields())) {
        if (sink.errors > 0) throw changed(`it now has errors: ${sink.problems[0]?.message ?? ''}`);
        const valid = batch.filter((e): e is TrainingExample => e !== null);
        n += valid.length;
        if (n > count) break;
        if (valid.length > 0) yield valid;
      }
      if (sink.errors > 0 || n !== count) throw changed(`${fmt(n)} examples instead of ${fmt(count)}`);
    },
  };
}

function checkTrainingHeader(columns: string[], line: number, sink: ProblemSink): boolean {
  let ok = true;
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) {
      sink.error(line, `the CSV header has the column "${c}" twice: column names must be unique`);
      ok = false;
    }
    seen.add(c);
  }
  const inputs = INPUT_ALIASES.filter((a) => seen.has(a));
  if (inputs.length === 0) {
    sink.error(
      line,
      `the CSV header has no input column: name it "text_input" (or "input"); the header is ${columns.map((c) => JSON.stringify(c)).join(',')}`,
    );
    ok = false;
  } else if (inputs.length > 1) {
    sink.error(
      line,
      `the CSV header has both ${inputs.map((c) => `"${c}"`).join(' and ')}: they are the same field, keep one column`,
    );
    ok = false;
  }
  if (!seen.has('output')) {
    sink.error(
      line,
      `the CSV header has no "output" column: add one; the header is ${columns.map((c) => JSON.stringify(c)).join(',')}`,
    );
    ok = false;
  }
  const extra = columns.filter((c) => !PAIR_KEYS.has(c));
  if (ok && extra.length > 0) {
    sink.warning(
      line,
      `CSV column${extra.length === 1 ? '' : 's'} ${extra.map((c) => JSON.stringify(c)).join(', ')} ${extra.length === 1 ? 'is' : 'are'} ignored: only "text_input" (or "input") and "output" are used`,
    );
  }
  return ok;
}

function toExample(
  rec: RawRecord,
  backend: BackendName,
  sink: ProblemSink,
  unknown: UnknownFields,
): TrainingExample | null {
  const obj = rec.value;
  if (!isPlainObject(obj)) {
    sink.error(
      rec.line,
      `each record must be a JSON object like ${RECORD_SHAPE}, but this one is ${describeType(obj)}`,
    );
    return null;
  }
  if (rec.source === 'json' && Object.hasOwn(obj, 'contents')) return nativeExample(rec, obj, backend, sink, unknown);
  if (rec.source === 'json' && Object.hasOwn(obj, 'messages')) return messagesExample(rec, obj, backend, sink, unknown);
  if (rec.source === 'json') unknown.note(obj, rec.line);
  const textInput = requireString(rec, obj, INPUT_ALIASES, sink, 'each example');
  const output = requireString(rec, obj, OUTPUT_ALIASES, sink, 'each example');
  if (textInput === null || output === null) return null;
  if (backend === 'gemini-api' && !withinGeminiLimits(rec, textInput, output, sink)) return null;
  return { textInput, output, line: rec.line };
}

function withinGeminiLimits(rec: RawRecord, textInput: string, output: string, sink: ProblemSink): boolean {
  let ok = true;
  const inLen = codePointLength(textInput);
  if (inLen > GEMINI_MAX_INPUT_CHARS) {
    sink.error(
      rec.line,
      `text_input is ${fmt(inLen)} characters; the Gemini API allows at most ${fmt(GEMINI_MAX_INPUT_CHARS)} per example: shorten it or split the example`,
    );
    ok = false;
  }
  const outLen = codePointLength(output);
  if (outLen > GEMINI_MAX_OUTPUT_CHARS) {
    sink.error(
      rec.line,
      `output is ${fmt(outLen)} characters; the Gemini API allows at most ${fmt(GEMINI_MAX_OUTPUT_CHARS)} per example: shorten it or split the example`,
    );
    ok = false;
  }
  return ok;
}

/** Text parts of a Content (`{role?, parts: [{text}]}`), or null after reporting what is wrong. */
function contentParts(rec: RawRecord, content: unknown, where: string, sink: ProblemSink): TextPart[] | null {
  if (!isPlainObject(content)) {
    sink.error(
      rec.line,
      `${where} is ${describeType(content)}: it must be an object like {"role": "user", "parts": [{"text": "..."}]}`,
    );
    return null;
  }
  const parts = content['parts'];
  if (!Array.isArray(parts) || parts.length === 0) {
    sink.error(rec.line, `${where} has no "parts": it needs "parts": [{"text": "..."}]`);
    return null;
  }
  const out: TextPart[] = [];
  for (let k = 0; k < parts.length; k++) {
    const part: unknown = parts[k];
    const partWhere = `${where}.parts[${k}]`;
    if (!isPlainObject(part)) {
      sink.error(rec.line, `${partWhere} is ${describeType(part)}: each part must be {"text": "..."}`);
      return null;
    }
    const others = Object.keys(part).filter((key) => key !== 'text');
    if (others.length > 0 || !Object.hasOwn(part, 'text')) {
      sink.error(
        rec.line,
        `${partWhere} is not a text part (${others.map((o) => `"${o}"`).join(', ') || 'no "text"'}): only text parts are supported for tuning here; remove images, files and function calls`,
      );
      return null;
    }
    const t = checkString(rec, `${partWhere}.text`, part['text'], sink, 'each part');
    if (t === null) return null;
    out.push({ text: t });
  }
  return out;
}

const joinParts = (parts: TextPart[]): string => parts.map((p) => p.text).join('');

function singleTurnOnly(
  rec: RawRecord,
  turns: number,
  system: 'systemInstruction' | 'system message' | null,
  sink: ProblemSink,
): boolean {
  const why: string[] = [];
  if (turns !== 2) why.push(`this record has ${turns} turns`);
  if (system) why.push(`this record has a ${system}`);
  if (why.length === 0) return true;
  sink.error(
    rec.line,
    `the Gemini API tunes single-turn text only: ${why.join(' and ')}; use one user turn and one model turn without a system instruction (e.g. put the instruction into the input), or use the vertex-ai backend`,
  );
  return false;
}

/** The example for a checked native record: the last user and model turns, plus the record for Vertex AI. */
function fromTurns(
  rec: RawRecord,
  backend: BackendName,
  system: TextPart[] | null,
  turns: NativeTurn[],
  sink: ProblemSink,
): TrainingExample | null {
  const lastUser = joinParts(turns.at(-2)?.parts ?? []);
  const lastModel = joinParts(turns.at(-1)?.parts ?? []);
  if (backend === 'gemini-api') {
    if (!withinGeminiLimits(rec, lastUser, lastModel, sink)) return null;
    return { textInput: lastUser, output: lastModel, line: rec.line };
  }
  const native: NativeRecord = system ? { systemInstruction: { parts: system }, contents: turns } : { contents: turns };
  return { textInput: lastUser, output: lastModel, line: rec.line, native };
}

/**
 * Notes the record's unknown fields, and reports a record of `format` that also has the pair
 * fields or `otherKey` (a field of the other chat format): true when it does.
 */
function mixesFormats(
  rec: RawRecord,
  obj: Record<string, unknown>,
  otherKey: string,
  format: string,
  sink: ProblemSink,
  unknown: UnknownFields,
): boolean {
  unknown.note(obj, rec.line);
  const mixed = Object.keys(obj).filter((k) => PAIR_KEYS.has(k) || k === otherKey);
  if (mixed.length === 0) return false;
  sink.error(
    rec.line,
    `the record mixes ${format} with ${mixed.map((f) => `"${f}"`).join(', ')}: use one format per record`,
  );
  return true;
}

function nativeExample(
  rec: RawRecord,
  obj: Record<string, unknown>,
  backend: BackendName,
  sink: ProblemSink,
  unknown: UnknownFields,
): TrainingExample | null {
  if (mixesFormats(rec, obj, 'messages', 'the Vertex AI "contents" format', sink, unknown)) return null;
  const contents = obj['contents'];
  if (!Array.isArray(contents) || contents.length === 0) {
    sink.error(
      rec.line,
      `"contents" must be a non-empty array of turns, like [{"role": "user", "parts": [{"text": "..."}]}, {"role": "model", "parts": [{"text": "..."}]}]`,
    );
    return null;
  }
  const hasSystem = Object.hasOwn(obj, 'systemInstruction') && obj['systemInstruction'] !== undefined;
  if (backend === 'gemini-api' && !singleTurnOnly(rec, contents.length, hasSystem ? 'systemInstruction' : null, sink))
    return null;
  let ok = true;
  const system = hasSystem ? contentParts(rec, obj['systemInstruction'], 'systemInstruction', sink) : null;
  if (hasSystem && system === null) ok = false;
  const turns: NativeTurn[] = [];
  for (let k = 0; k < contents.length; k++) {
    const turn: unknown = contents[k];
    const where = `contents[${k}]`;
    const expected = k % 2 === 0 ? 'user' : 'model';
    const role = isPlainObject(turn) ? turn['role'] : undefined;
    if (isPlainObject(turn) && role !== expected) {
      sink.error(
        rec.line,
        `${where} has role ${role === undefined ? '(none)' : JSON.stringify(role)} but should be "${expected}": turns alternate "user" and "model", starting with "user"`,
      );
      ok = false;
      continue;
    }
    const parts = contentParts(rec, turn, where, sink);
    if (parts === null) {
      ok = false;
      continue;
    }
    turns.push({ role: expected, parts });
  }
  if (contents.length % 2 !== 0) {
    sink.error(rec.line, `the last turn is a "user" turn: a record must end with a "model" turn, the answer to learn`);
    ok = false;
  }
  if (!ok || turns.length < 2) return null;
  return fromTurns(rec, backend, system, turns, sink);
}

/**
 * Vertex AI's legacy chat format: `{"messages": [{"role": "system", "content": "..."},
 * {"role": "user", "content": "..."}, {"role": "model", "content": "..."}, ...]}`, an optional
 * leading system message and then alternating user and model messages.
 */
function messagesExample(
  rec: RawRecord,
  obj: Record<string, unknown>,
  backend: BackendName,
  sink: ProblemSink,
  unknown: UnknownFields,
): TrainingExample | null {
  if (mixesFormats(rec, obj, 'systemInstruction', 'the "messages" format', sink, unknown)) return null;
  const messages = obj['messages'];
  if (!Array.isArray(messages) || messages.length === 0) {
    sink.error(
      rec.line,
      `"messages" must be a non-empty array, like [{"role": "user", "content": "..."}, {"role": "model", "content": "..."}]`,
    );
    return null;
  }
  const first: unknown = messages[0];
  const hasSystem = isPlainObject(first) && first['role'] === 'system';
  const turnCount = messages.length - (hasSystem ? 1 : 0);
  if (backend === 'gemini-api' && !singleTurnOnly(rec, turnCount, hasSystem ? 'system message' : null, sink))
    return null;
  let ok = true;
  let system: TextPart[] | null = null;
  const turns: NativeTurn[] = [];
  for (let k = 0; k < messages.length; k++) {
    const m: unknown = messages[k];
    const where = `messages[${k}]`;
    if (!isPlainObject(m)) {
      sink.error(rec.line, `${where} is ${describeType(m)}: each message must be {"role": "user", "content": "..."}`);
      ok = false;
      continue;
    }
    const role = m['role'];
    if (hasSystem && k === 0) {
      const text = checkString(rec, `${where}.content`, m['content'], sink, 'each message');
      if (text === null) ok = false;
      else system = [{ text }];
      continue;
    }
    const expected = (k - (hasSystem ? 1 : 0)) % 2 === 0 ? 'user' : 'model';
    if (role !== expected) {
      const hint =
        role === 'assistant'
          ? ' (this format calls the answer "model", not "assistant")'
          : role === 'system'
            ? ' (a "system" message may only come first)'
            : '';
      sink.error(
        rec.line,
        `${where} has role ${role === undefined ? '(none)' : JSON.stringify(role)} but should be "${expected}"${hint}: after an optional "system" message, messages alternate "user" and "model", starting with "user"`,
      );
      ok = false;
      continue;
    }
    const others = Object.keys(m).filter((key) => key !== 'role' && key !== 'content');
    if (others.length > 0) {
      sink.error(
        rec.line,
        `${where} has ${others.map((o) => `"${o}"`).join(', ')}: a message has only "role" and "content" (text); remove the rest`,
      );
      ok = false;
      continue;
    }
    const text = checkString(rec, `${where}.content`, m['content'], sink, 'each message');
    if (text === null) {
      ok = false;
      continue;
    }
    turns.push({ role: expected, parts: [{ text }] });
  }
  if (ok && turnCount % 2 !== 0) {
    sink.error(
      rec.line,
      `the last message is a "user" message: a record must end with a "model" message, the answer to learn`,
    );
    ok = false;
  }
  if (!ok || turns.length < 2) return null;
  return fromTurns(rec, backend, system, turns, sink);
}

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
import { isPlainObject, requireString, tooDeepField, uniqueColumns, UnknownFields } from '../read/fields.js';
import { GEMINI_MAX_RECORD_BYTES, VERTEX_MAX_RECORD_BYTES } from '../limits.js';
import { confinementRoot, defaultWorkspace, describeType, fmt, previewList, ProblemSink } from '../problems.js';
import { openDataset } from '../read/open.js';
import { readRecordBatches, type RawRecord } from '../read/records.js';
import { messagesExample, nativeExample } from './vertex-records.js';
import { INPUT_ALIASES, OUTPUT_ALIASES, PAIR_KEYS, withinGeminiLimits } from './pair-fields.js';
import { examplesInMemory } from '../example-set.js';
import { MAX_JSON_DEPTH } from '../../util/json-depth.js';
import type { LoadedDataset } from '../types.js';
import type { BackendName } from '../../domain.js';
import type { DatasetFormat, ExampleSet, TrainingExample } from '../../domain.js';

/** Vertex AI: largest dataset file. */
export const VERTEX_MAX_FILE_BYTES = 1024 ** 3;
/** Google's guidance: at least 20 examples, 100–500 recommended. */
export const MIN_RECOMMENDED_EXAMPLES = 20;

const RECORD_SHAPE = '{"text_input": "...", "output": "..."}';
const NATIVE_KEYS = new Set(['contents', 'systemInstruction', 'messages']);
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
  const {
    absolute,
    shown,
    sink,
    format,
    file: opened,
  } = await openDataset(file, workspace, setName, confinementRoot(opts.workspace));
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
  for await (const batch of examplesOf(opened.absolute, format, opts.backend, sink, unknown)) {
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
    result.problemCounts = sink.counts();
    result.examples =
      keep || format === null
        ? examplesInMemory(result.records)
        : examplesFromFile(opened?.absolute ?? absolute, shown, format, opts.backend, analysis.count);
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
    maxRecord:
      backend === 'gemini-api'
        ? { bytes: GEMINI_MAX_RECORD_BYTES, limitName: 'the Gemini API' }
        : { bytes: VERTEX_MAX_RECORD_BYTES, limitName: 'Vertex AI' },
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
  const unique = uniqueColumns(columns, line, sink);
  let ok = unique !== null;
  const seen = unique ?? new Set(columns);
  const inputs = INPUT_ALIASES.filter((a) => seen.has(a));
  if (inputs.length === 0) {
    sink.error(
      line,
      `the CSV header has no input column: name it "text_input" (or "input"); the header is ${previewList(columns, ',')}`,
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
    sink.error(line, `the CSV header has no "output" column: add one; the header is ${previewList(columns, ',')}`);
    ok = false;
  }
  const extra = columns.filter((c) => !PAIR_KEYS.has(c));
  if (ok && extra.length > 0) {
    sink.warning(
      line,
      `CSV column${extra.length === 1 ? '' : 's'} ${previewList(extra)} ${extra.length === 1 ? 'is' : 'are'} ignored: only "text_input" (or "input") and "output" are used`,
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
  const deep = rec.source === 'json' ? tooDeepField(obj) : null;
  if (deep !== null) {
    sink.error(
      rec.line,
      `${deep} is nested more than ${MAX_JSON_DEPTH} levels deep: a training record holds text, not values nested that deep`,
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

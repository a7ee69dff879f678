/**
 * Format-level reading shared by training and eval sets: turns a .jsonl/.json/.csv file into
 * raw records with their starting line, reporting syntax and encoding problems on the way.
 * What a record must contain is checked by the callers.
 */

import { readFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { parse as parseCsv } from 'csv-parse';
import { computeLineStarts, lineColumnAt, scanJson } from './json-scan.js';
import { fmt, type ProblemSink } from '../problems.js';
import {
  decodeUtf8,
  firstInvalidUtf8,
  invalidUtf8Message,
  looksUtf16,
  readLines,
  readTextLineBatches,
  type TextLine,
} from './open.js';
import type { DatasetFormat } from '../../domain.js';

export interface RawRecord {
  /** 1-based line where the record starts. */
  line: number;
  /** JSON: the parsed value (any type). CSV: an object of column name → string (all strings). */
  value: unknown;
  source: 'json' | 'csv';
}

export interface ReadRecordsOptions {
  absolute: string;
  format: DatasetFormat;
  sink: ProblemSink;
  /** What one record looks like, for messages, e.g. `{"text_input": "...", "output": "..."}`. */
  recordShape: string;
  /** The CSV header to suggest, e.g. `text_input,output`. */
  csvShape: string;
  /** Object members that may hold the record array in a .json file, e.g. ['examples', 'examples.examples']. */
  jsonContainers: readonly string[];
  /** Validates the CSV header (trimmed names); reports problems and returns false to stop reading. */
  csvHeader: (columns: string[], line: number) => boolean;
}

/** Largest .json file read whole (a JS string cannot hold much more). */
const MAX_JSON_BYTES = 256 * 1024 * 1024;

/**
 * A record, or a problem report deferred to its place among the records (so that problems stay in
 * line order whether the reader or the caller finds them): call it when you reach it.
 */
export type RecordItem = RawRecord | (() => void);

/**
 * The file's records in batches (a JSONL file: one batch per megabyte read), for callers that
 * process many records: an async step per record would cost more than the checks themselves.
 */
export async function* readRecordBatches(opts: ReadRecordsOptions): AsyncGenerator<RecordItem[]> {
  switch (opts.format) {
    case 'jsonl':
      yield* readJsonl(opts);
      return;
    case 'json':
      yield* batched(readJson(opts));
      return;
    case 'csv':
      yield* batched(readCsv(opts));
      return;
  }
}

/** The records one at a time (deferred problems are reported as they are reached). */
export async function* readRecords(opts: ReadRecordsOptions): AsyncGenerator<RawRecord> {
  for await (const batch of readRecordBatches(opts)) {
    for (const item of batch) {
      if (typeof item === 'function') item();
      else yield item;
    }
  }
}

async function* batched(records: AsyncGenerator<RawRecord>, size = 1024): AsyncGenerator<RawRecord[]> {
  let batch: RawRecord[] = [];
  for await (const r of records) {
    batch.push(r);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function emptyFileMessage(opts: ReadRecordsOptions): string {
  return `the file is empty: it needs one record per line, like ${opts.recordShape}`;
}

function utf16Message(): string {
  return 'the file is UTF-16 encoded: save it as UTF-8';
}

async function* readJsonl(opts: ReadRecordsOptions): AsyncGenerator<RecordItem[]> {
  const { sink } = opts;
  let sawContent = false;
  let firstContentLine: number | null = null;
  let utf16 = false;
  const notUtf16 = (bytes: Buffer): boolean => !(utf16 = looksUtf16(bytes));
  for await (const lines of readTextLineBatches(opts.absolute, notUtf16)) {
    const out: RecordItem[] = [];
    for (const line of lines) {
      const item = jsonlLine(line);
      if (item !== null) out.push(item);
    }
    yield out;
  }
  if (utf16) sink.fileError(utf16Message());
  else if (!sawContent) sink.fileError(emptyFileMessage(opts));

  function jsonlLine(line: TextLine): RecordItem | null {
    if (line.text === null) {
      sawContent = true;
      const bytes = line.bytes;
      const { message, column } = invalidUtf8Message(bytes, firstInvalidUtf8(bytes));
      return () => sink.error(line.no, message, column);
    }
    const text = line.text;
    // Blank lines are skipped (a regex test does not copy the line as trim() would; most lines start with "{").
    if (text.charCodeAt(0) !== 0x7b && !/\S/.test(text)) return null;
    sawContent = true;
    firstContentLine ??= line.no;
    try {
      return { line: line.no, value: JSON.parse(text) as unknown, source: 'json' };
    } catch {
      const scan = scanJson(text);
      const at = scan.ok ? { column: 1 } : lineColumnAt(text, scan.offset);
      const reason = scan.ok ? 'not valid JSON' : `${scan.reason} at column ${at.column}`;
      const trimmed = text.trim();
      const hint =
        line.no === firstContentLine && (trimmed === '[' || trimmed === '{')
          ? ': this looks like a pretty-printed .json file; either rename it to .json or write one record per line'
          : `: each line must be one JSON object, like ${opts.recordShape}`;
      return () => sink.error(line.no, `not valid JSON (${reason})${hint}`, at.column);
    }
  }
}

async function* readJson(opts: ReadRecordsOptions): AsyncGenerator<RawRecord> {
  const { sink } = opts;
  const buf = await readFile(opts.absolute);
  if (buf.length > MAX_JSON_BYTES) {
    sink.fileError(
      `the file is ${fmt(buf.length)} bytes, too large for a single .json document: write it as .jsonl (one record per line)`,
    );
    return;
  }
  if (looksUtf16(buf)) {
    sink.fileError(utf16Message());
    return;
  }
  const body = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  const decoded = decodeUtf8(body);
  if (!decoded.ok) {
    const bad = firstInvalidUtf8(body);
    const lineStart = body.lastIndexOf(0x0a, bad - 1) + 1;
    let line = 1;
    for (let k = body.indexOf(0x0a); k !== -1 && k < bad; k = body.indexOf(0x0a, k + 1)) line++;
    const lineEnd = body.indexOf(0x0a, bad);
    const lineBytes = body.subarray(lineStart, lineEnd === -1 ? body.length : lineEnd);
    const { message, column } = invalidUtf8Message(lineBytes, bad - lineStart);
    sink.error(line, message, column);
    return;
  }
  const text = decoded.text;
  if (text.trim() === '') {
    sink.fileError(`the file is empty: it needs a JSON array of records, like [${opts.recordShape}]`);
    return;
  }
  const scan = scanJson(text, ['', ...opts.jsonContainers]);
  const lineStarts = computeLineStarts(text);
  if (!scan.ok) {
    const at = lineColumnAt(text, scan.offset, lineStarts);
    sink.error(
      at.line,
      `not valid JSON (${scan.reason} at column ${at.column}): fix the syntax; the file must be one JSON document`,
      at.column,
    );
    return;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    sink.error(1, `not valid JSON (${(err as Error).message}): fix the syntax; the file must be one JSON document`);
    return;
  }
  let items: unknown[] | null = null;
  let offsets: number[] | undefined;
  if (Array.isArray(doc)) {
    items = doc;
    offsets = scan.arrays.get('');
  } else if (doc !== null && typeof doc === 'object') {
    for (const container of opts.jsonContainers) {
      let v: unknown = doc;
      for (const key of container.split('.')) {
        v = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;
      }
      if (Array.isArray(v)) {
        items = v;
        offsets = scan.arrays.get(container);
        break;
      }
    }
  }
  if (items === null) {
    const shapes = [
      '[...]',
      ...opts.jsonContainers.map((c) => c.split('.').reduceRight((inner, key) => `{"${key}": ${inner}}`, '[...]')),
    ];
    sink.error(
      1,
      `the JSON document is not a list of records: write an array of records like [${opts.recordShape}] (also accepted: ${shapes.slice(1).join(', ')})`,
    );
    return;
  }
  if (items.length === 0) {
    sink.fileError('the list of records is empty: add at least one record');
    return;
  }
  for (let k = 0; k < items.length; k++) {
    const off = offsets?.[k];
    const line = off === undefined ? 1 : lineColumnAt(text, off, lineStarts).line;
    yield { line, value: items[k], source: 'json' };
  }
}

async function* readCsv(opts: ReadRecordsOptions): AsyncGenerator<RawRecord> {
  const { sink } = opts;
  // Record start lines are worked out here, not taken from the parser's `lines` counter (which
  // counts a quoted CRLF twice): every non-blank line's byte offset is queued before it is fed
  // to the parser, and a record starts at the first queued line at or after the previous
  // record's end (`bytes` in the parser's record info).
  const starts: { offset: number; no: number }[] = [];
  let head = 0;
  let prevEnd = 0;
  const startLineOf = (from: number): number => {
    while (head < starts.length - 1 && starts[head]!.offset < from) head++;
    return starts[head]?.no ?? 1;
  };

  // Mutated from the parser's callbacks (an object, so that control-flow narrowing leaves it alone).
  const st: { header: string[] | null; rows: number; stop: boolean; error: (Error & { code?: string }) | null } = {
    header: null,
    rows: 0,
    stop: false,
    error: null,
  };
  const pending: RawRecord[] = [];
  const badLines = new Set<number>();

  const parser = parseCsv({
    bom: false, // handled in readLines
    skip_empty_lines: true,
    relax_column_count: true,
    on_record: (record: string[], context: { bytes: number }) => {
      const line = startLineOf(prevEnd);
      prevEnd = context.bytes;
      if (st.stop) return undefined;
      if (record.length === 1 && (record[0] ?? '').trim() === '') return undefined; // whitespace-only line
      // A row with invalid UTF-8 was reported with its line; its replaced text is not used.
      if (badLines.size > 0 && record.some((f) => f.includes('\uFFFD'))) return undefined;
      const header = st.header;
      if (header !== null) st.rows++;
      if (header === null) {
        st.header = record.map((h) => h.trim());
        if (!opts.csvHeader(st.header, line)) st.stop = true;
        return undefined;
      }
      if (record.length !== header.length) {
        sink.error(
          line,
          `this CSV row has ${record.length} field${record.length === 1 ? '' : 's'} but the header has ${header.length}: put fields that contain commas, quotes or line breaks in double quotes ("a, b"), and double any quote inside them ("")`,
        );
        return undefined;
      }
      const row: Record<string, string> = {};
      header.forEach((name, k) => {
        row[name] = record[k] ?? '';
      });
      pending.push({ line, value: row, source: 'csv' });
      return undefined;
    },
  });
  parser.on('error', (err: Error) => {
    st.error ??= err;
  });
  parser.resume();

  let sawContent = false;
  for await (const raw of readLines(opts.absolute)) {
    if (raw.no === 1 && looksUtf16(raw.bytes)) {
      sink.fileError(utf16Message());
      parser.destroy();
      return;
    }
    const decoded = decodeUtf8(raw.bytes);
    if (!decoded.ok) {
      const { message, column } = invalidUtf8Message(raw.bytes, decoded.byteOffset);
      sink.error(raw.no, message, column);
      badLines.add(raw.no);
    }
    if (raw.bytes.length > 0) {
      sawContent = true;
      starts.push({ offset: raw.offset, no: raw.no });
    }
    if (st.error !== null || st.stop) continue;
    parser.write(raw.eol === '' ? raw.bytes : Buffer.concat([raw.bytes, Buffer.from(raw.eol)]));
    yield* pending.splice(0);
  }
  if (st.error === null && !st.stop) {
    parser.end();
    try {
      await finished(parser);
    } catch {
      // reported through csvError below
    }
  } else {
    parser.destroy();
  }
  yield* pending.splice(0);
  if (!sawContent) {
    sink.fileError(`the file is empty: it needs a header row (${opts.csvShape}) and one row per record`);
    return;
  }
  if (st.error !== null && !st.stop) {
    const err = st.error;
    const line = startLineOf(prevEnd);
    const what =
      err.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted field is never closed'
        : err.code === 'CSV_INVALID_CLOSING_QUOTE'
          ? 'a closing quote is followed by other characters'
          : err.code === 'INVALID_OPENING_QUOTE'
            ? 'a quote appears inside an unquoted field'
            : (err.message.split(':')[0] ?? 'invalid CSV');
    sink.error(
      line,
      `not valid CSV: ${what} in the row starting here (${err.message.replace(/ (?:at|on) line \d+/g, '').replace(/\s+/g, ' ')}); put a field in double quotes and double every quote inside it ("say ""hi"""). Rows after this one were not checked`,
    );
  } else if (!st.stop && st.rows === 0) {
    sink.fileError(`the file has no rows: it needs a header row (${opts.csvShape}) and one row per record`);
  }
}

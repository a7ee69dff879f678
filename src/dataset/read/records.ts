/**
 * Format-level reading shared by training and eval sets: turns a .jsonl/.json/.csv file into
 * raw records with their starting line, reporting syntax and encoding problems on the way.
 * What a record must contain is checked by the callers.
 */

import { open } from 'node:fs/promises';
import { readCsv } from './csv.js';
import { computeLineStarts, lineColumnAt, scanJson } from './json-scan.js';
import { MAX_JSON_FILE_BYTES } from '../limits.js';
import { fmt } from '../problems.js';
import {
  decodeUtf8,
  firstInvalidUtf8,
  invalidUtf8Message,
  looksUtf16,
  readTextLineBatches,
  type TextLine,
} from './lines.js';
import { tooLongMessage, utf16Message, type RawRecord, type ReadRecordsOptions } from './raw-record.js';

export type { RawRecord, ReadRecordsOptions } from './raw-record.js';

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

async function* readJsonl(opts: ReadRecordsOptions): AsyncGenerator<RecordItem[]> {
  const { sink } = opts;
  let sawContent = false;
  let firstContentLine: number | null = null;
  let utf16 = false;
  const notUtf16 = (bytes: Buffer): boolean => !(utf16 = looksUtf16(bytes));
  const maxLine = opts.maxRecord?.bytes ?? Infinity;
  for await (const lines of readTextLineBatches(opts.absolute, notUtf16, maxLine)) {
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
    if (line.text === null && line.bytes === null) {
      sawContent = true;
      firstContentLine ??= line.no;
      const size = line.tooLong;
      return () => sink.error(line.no, tooLongMessage(size, opts, 'line'));
    }
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
  const { buf, size } = await readAtMost(opts.absolute, MAX_JSON_FILE_BYTES);
  if (buf === null) {
    sink.fileError(
      `the file is ${fmt(size)} bytes, too large for a single .json document (at most ${fmt(MAX_JSON_FILE_BYTES)}): it was not read; write it as .jsonl (one record per line)`,
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
  } catch {
    // The engine's message quotes the text: not repeated.
    sink.error(1, 'not valid JSON: fix the syntax; the file must be one JSON document');
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

/** The file's bytes, or only its size when it has more than `max` (then at most `max` + 1 MB are read). */
async function readAtMost(absolute: string, max: number): Promise<{ buf: Buffer | null; size: number }> {
  const fh = await open(absolute, 'r');
  try {
    const size = (await fh.stat()).size;
    if (size > max) return { buf: null, size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const piece = Buffer.allocUnsafe(1 << 20);
      const { bytesRead } = await fh.read(piece, 0, piece.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > max) return { buf: null, size: total }; // it grew since stat
      chunks.push(piece.subarray(0, bytesRead));
    }
    return { buf: Buffer.concat(chunks, total), size: total };
  } finally {
    await fh.close();
  }
}

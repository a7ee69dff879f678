/** Opening dataset files: path resolution, format by extension, byte-exact line streaming, UTF-8. */

import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ProblemSink, relativeToWorkspace } from '../problems.js';
import type { DatasetFormat } from '../../domain.js';

export const ACCEPTED_EXTENSIONS = ['.jsonl', '.json', '.csv'] as const;

export function formatOf(file: string): DatasetFormat | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.jsonl') return 'jsonl';
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  return null;
}

export interface OpenedFile {
  absolute: string;
  size: number;
}

export interface OpenedDataset {
  absolute: string;
  /** The path as messages and annotations show it (relative to the workspace). */
  shown: string;
  sink: ProblemSink;
  format: DatasetFormat | null;
  /** null when a file-level problem (no path, unknown extension, missing file) was reported. */
  file: OpenedFile | null;
}

/**
 * The checks every dataset file gets before its records are read: a path was given, its
 * extension is one we read, and it is a readable file. `setName` names it in messages
 * ("training set", "eval set").
 */
export async function openDataset(file: string, workspace: string, setName: string): Promise<OpenedDataset> {
  const absolute = path.resolve(workspace, file);
  const shown = file.trim() === '' ? '(no path)' : relativeToWorkspace(absolute, workspace);
  const sink = new ProblemSink(shown);
  const format = formatOf(absolute);
  if (file.trim() === '') {
    sink.fileError(`no ${setName} path was given: set it to a .jsonl, .json or .csv file`);
    return { absolute, shown, sink, format, file: null };
  }
  if (format === null) {
    const ext = path.extname(absolute);
    sink.fileError(
      `${ext === '' ? 'the file has no extension' : `unsupported file type "${ext}"`}: the ${setName} must be ${ACCEPTED_EXTENSIONS.join(', ')} (JSON Lines, JSON, or CSV with a header row)`,
    );
  }
  const opened = await checkFile(absolute, shown, workspace, sink);
  return { absolute, shown, sink, format, file: format === null ? null : opened };
}

/**
 * Checks that `absolute` is a readable regular file; reports a file-level problem otherwise.
 * `shown` is the path as it appears in messages (relative to the workspace).
 */
export async function checkFile(
  absolute: string,
  shown: string,
  workspace: string,
  sink: ProblemSink,
): Promise<OpenedFile | null> {
  try {
    const st = await stat(absolute);
    if (st.isDirectory()) {
      sink.fileError(`${shown} is a directory, not a dataset file: give the path of a .jsonl, .json or .csv file`);
      return null;
    }
    return { absolute, size: st.size };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      sink.fileError(
        `${shown} does not exist (paths are relative to the workspace, ${workspace}): check the path, and that the file is checked out or generated before this step`,
      );
    } else {
      sink.fileError(`${shown} cannot be read (${code ?? String(err)}): check its permissions`);
    }
    return null;
  }
}

export interface RawLine {
  /** 1-based */
  no: number;
  /** Byte offset of the line's first byte in the file (after a BOM, if any, at line 1). */
  offset: number;
  /** The line's bytes without the terminator (a trailing \r of a CRLF is stripped too). */
  bytes: Buffer;
  /** The terminator as it was in the file: '\n', '\r\n' or '' (last line without newline). */
  eol: '' | '\n' | '\r\n';
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A file's bytes in pieces of whole lines: each piece ends just after a line feed, but the last,
 * which holds what follows the last line feed (nothing, or a last line without one). A UTF-8 BOM
 * is dropped from the start. About 256 KB a piece, more when a line is longer.
 */
async function* readLineSpans(absolute: string): AsyncGenerator<Buffer> {
  // The start of a line not yet ended, in pieces (joined once its end is read: a very long line
  // is not copied again for every chunk).
  let pending: Buffer[] = [];
  let head = true; // before the first 3 bytes, where a BOM would be
  const stream = createReadStream(absolute, { highWaterMark: 1 << 18 });
  for await (let chunk of stream as AsyncIterable<Buffer>) {
    if (head) {
      chunk = pending.length > 0 ? Buffer.concat([...pending, chunk]) : chunk;
      pending = [];
      if (chunk.length < 3) {
        pending.push(chunk); // a BOM may be split across chunks
        continue;
      }
      head = false;
      if (chunk.subarray(0, 3).equals(BOM)) chunk = chunk.subarray(3);
    }
    const first = chunk.indexOf(0x0a);
    if (first === -1) {
      pending.push(chunk);
      continue;
    }
    let from = 0;
    if (pending.length > 0) {
      yield Buffer.concat([...pending, chunk.subarray(0, first + 1)]);
      pending = [];
      from = first + 1;
    }
    const last = chunk.lastIndexOf(0x0a);
    if (last >= from) yield chunk.subarray(from, last + 1);
    if (last + 1 < chunk.length) pending.push(chunk.subarray(last + 1));
  }
  yield Buffer.concat(pending);
}

/** Splits a span of whole lines into lines, numbered from `no`, at byte `offset` of the file. */
function splitLines(buf: Buffer, no: number, offset: number, out: RawLine[]): void {
  let start = 0;
  for (let nl = buf.indexOf(0x0a); nl !== -1; nl = buf.indexOf(0x0a, start)) {
    const crlf = nl > start && buf[nl - 1] === 0x0d;
    out.push({
      no: no++,
      offset: offset + start,
      bytes: buf.subarray(start, crlf ? nl - 1 : nl),
      eol: crlf ? '\r\n' : '\n',
    });
    start = nl + 1;
  }
  if (start < buf.length) out.push({ no, offset: offset + start, bytes: buf.subarray(start), eol: '' });
}

/**
 * Streams a file's lines with exact byte content, one batch per piece read (so a large file costs
 * one async step per 256 KB rather than per line). Handles a UTF-8 BOM (dropped from line 1),
 * CRLF, and a missing final newline. Lines are split on LF only (a lone CR is content).
 */
export async function* readLineBatches(absolute: string): AsyncGenerator<RawLine[]> {
  let no = 1;
  let offset = 0;
  for await (const span of readLineSpans(absolute)) {
    const lines: RawLine[] = [];
    splitLines(span, no, offset, lines);
    no += lines.length;
    offset += span.length;
    if (lines.length > 0) yield lines;
  }
}

/** A line as text, or as bytes when it is not valid UTF-8 (`text` null). */
export type TextLine = { no: number; text: string } | { no: number; text: null; bytes: Buffer };

/**
 * The lines of `readLineBatches` decoded as UTF-8, for formats read line by line. A piece of lines
 * is checked for valid UTF-8 in one call (a line feed never falls inside a multi-byte character),
 * then each line is decoded; only the lines of a piece that is not valid are checked one by one.
 * `first` receives the first bytes of the file (after a BOM) and returns false to stop: a check of
 * the encoding.
 */
export async function* readTextLineBatches(
  absolute: string,
  first?: (bytes: Buffer) => boolean,
): AsyncGenerator<TextLine[]> {
  let no = 1;
  let checked = first === undefined;
  for await (const span of readLineSpans(absolute)) {
    if (!checked) {
      checked = true;
      if (span.length > 0 && !first!(span)) return;
    }
    const lines: TextLine[] = [];
    if (isUtf8(span)) {
      let start = 0;
      for (let nl = span.indexOf(0x0a); nl !== -1; nl = span.indexOf(0x0a, start)) {
        const end = nl > start && span[nl - 1] === 0x0d ? nl - 1 : nl;
        lines.push({ no: no++, text: span.toString('utf8', start, end) });
        start = nl + 1;
      }
      if (start < span.length) lines.push({ no: no++, text: span.toString('utf8', start) });
    } else {
      const raw: RawLine[] = [];
      splitLines(span, no, 0, raw);
      for (const r of raw) {
        const d = decodeUtf8(r.bytes);
        lines.push(d.ok ? { no: r.no, text: d.text } : { no: r.no, text: null, bytes: r.bytes });
      }
      no += raw.length;
    }
    if (lines.length > 0) yield lines;
  }
}

/** The lines of `readLineBatches`, one at a time. */
export async function* readLines(absolute: string): AsyncGenerator<RawLine> {
  for await (const batch of readLineBatches(absolute)) yield* batch;
}

export type Decoded = { ok: true; text: string } | { ok: false; byteOffset: number };

/** Decodes UTF-8 strictly; on failure gives the offset of the first invalid byte. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { ok: true, text: strictDecoder.decode(bytes) };
  } catch {
    return { ok: false, byteOffset: firstInvalidUtf8(bytes) };
  }
}

/** Offset of the first byte that does not start a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Message for invalid UTF-8 at `byteOffset` of `lineBytes`; column counts the characters before it. */
export function invalidUtf8Message(lineBytes: Uint8Array, byteOffset: number): { message: string; column: number } {
  const before = Buffer.from(lineBytes.subarray(0, Math.max(0, byteOffset))).toString('utf8');
  const column = [...before].length + 1;
  const bad = Array.from(lineBytes.subarray(byteOffset, byteOffset + 4), (x) =>
    x.toString(16).toUpperCase().padStart(2, '0'),
  ).join(' ');
  return {
    column,
    message: `not valid UTF-8 (byte 0x${bad.split(' ')[0] ?? '??'} at column ${column}, bytes ${bad}): save the file as UTF-8 (it may be in Latin-1/Windows-1252 or UTF-16)`,
  };
}

/** True when the file starts with a UTF-16 byte order mark. */
export function looksUtf16(firstBytes: Uint8Array): boolean {
  return (firstBytes[0] === 0xff && firstBytes[1] === 0xfe) || (firstBytes[0] === 0xfe && firstBytes[1] === 0xff);
}

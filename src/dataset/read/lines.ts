/** Reading dataset files: byte-exact line streaming with a cap on a line's length, UTF-8. */

import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';

export interface RawLine {
  /** 1-based */
  no: number;
  /** Byte offset of the line's first byte in the file (after a BOM, if any, at line 1). */
  offset: number;
  /** The line's bytes without the terminator (a trailing \r of a CRLF is stripped too); empty when `tooLong`. */
  bytes: Buffer;
  /** The terminator as it was in the file: '\n', '\r\n' or '' (last line without newline). */
  eol: '' | '\n' | '\r\n';
  /** Set when the line is longer than the reader's limit: its size in bytes (it was skipped, not read). */
  tooLong?: number;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const EMPTY = Buffer.alloc(0);
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A line longer than the limit, skipped: its size without the line feed, and with it (`length`). */
interface LongLine {
  size: number;
  length: number;
  eol: '' | '\n';
}

const longLine = (length: number, ended: boolean): LongLine => ({
  size: ended ? length - 1 : length,
  length,
  eol: ended ? '\n' : '',
});

/**
 * A file's bytes in pieces of whole lines: each piece ends just after a line feed, but the last,
 * which holds what follows the last line feed (nothing, or a last line without one). A UTF-8 BOM
 * is dropped from the start. About 256 KB a piece, more when a line is longer. A line longer than
 * `maxLine` bytes is never held whole: once it passes the limit the rest of it is only counted,
 * and it comes as a `LongLine` in place of its bytes (so memory stays bounded for any input).
 */
async function* readLineSpans(absolute: string, maxLine: number): AsyncGenerator<Buffer | LongLine> {
  // The start of a line not yet ended, in pieces (joined once its end is read: a very long line
  // is not copied again for every chunk).
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipped = -1; // bytes of an over-long line counted so far; -1 when not in one
  let head = true; // before the first 3 bytes, where a BOM would be
  const stream = createReadStream(absolute, { highWaterMark: 1 << 18 });
  for await (let chunk of stream as AsyncIterable<Buffer>) {
    if (head) {
      chunk = pending.length > 0 ? Buffer.concat([...pending, chunk]) : chunk;
      pending = [];
      pendingBytes = 0;
      if (chunk.length < 3) {
        pending.push(chunk); // a BOM may be split across chunks
        pendingBytes = chunk.length;
        continue;
      }
      head = false;
      if (chunk.subarray(0, 3).equals(BOM)) chunk = chunk.subarray(3);
    }
    const first = chunk.indexOf(0x0a);
    if (first === -1) {
      if (skipped >= 0) skipped += chunk.length;
      else if (pendingBytes + chunk.length > maxLine) {
        skipped = pendingBytes + chunk.length;
        pending = [];
        pendingBytes = 0;
      } else {
        pending.push(chunk);
        pendingBytes += chunk.length;
      }
      continue;
    }
    let from = 0;
    if (skipped >= 0) {
      yield longLine(skipped + first + 1, true);
      skipped = -1;
      from = first + 1;
    } else if (pending.length > 0) {
      if (pendingBytes + first > maxLine) yield longLine(pendingBytes + first + 1, true);
      else yield Buffer.concat([...pending, chunk.subarray(0, first + 1)]);
      pending = [];
      pendingBytes = 0;
      from = first + 1;
    }
    const last = chunk.lastIndexOf(0x0a);
    if (last >= from) yield chunk.subarray(from, last + 1);
    if (last + 1 < chunk.length) {
      const rest = chunk.subarray(last + 1);
      if (rest.length > maxLine) skipped = rest.length;
      else {
        pending.push(rest);
        pendingBytes = rest.length;
      }
    }
  }
  if (skipped >= 0) yield longLine(skipped, false);
  else yield Buffer.concat(pending);
}

/**
 * Splits a span of whole lines into lines, numbered from `no`, at byte `offset` of the file. A
 * line longer than `maxLine` bytes comes with `tooLong` and no bytes.
 */
function splitLines(buf: Buffer, no: number, offset: number, out: RawLine[], maxLine = Infinity): void {
  let start = 0;
  for (let nl = buf.indexOf(0x0a); nl !== -1; nl = buf.indexOf(0x0a, start)) {
    const crlf = nl > start && buf[nl - 1] === 0x0d;
    const end = crlf ? nl - 1 : nl;
    const line: RawLine = {
      no: no++,
      offset: offset + start,
      bytes: buf.subarray(start, end),
      eol: crlf ? '\r\n' : '\n',
    };
    if (end - start > maxLine) {
      line.tooLong = end - start;
      line.bytes = EMPTY;
    }
    out.push(line);
    start = nl + 1;
  }
  if (start < buf.length) {
    const line: RawLine = { no, offset: offset + start, bytes: buf.subarray(start), eol: '' };
    if (buf.length - start > maxLine) {
      line.tooLong = buf.length - start;
      line.bytes = EMPTY;
    }
    out.push(line);
  }
}

/**
 * Streams a file's lines with exact byte content, one batch per piece read (so a large file costs
 * one async step per 256 KB rather than per line). Handles a UTF-8 BOM (dropped from line 1),
 * CRLF, and a missing final newline. Lines are split on LF only (a lone CR is content). A line
 * longer than `maxLine` bytes comes with `tooLong` set and no bytes (it is never held whole).
 */
export async function* readLineBatches(absolute: string, maxLine = Infinity): AsyncGenerator<RawLine[]> {
  let no = 1;
  let offset = 0;
  for await (const span of readLineSpans(absolute, maxLine)) {
    const lines: RawLine[] = [];
    if (Buffer.isBuffer(span)) {
      splitLines(span, no, offset, lines, maxLine);
      offset += span.length;
    } else {
      lines.push({ no, offset, bytes: EMPTY, eol: span.eol, tooLong: span.size });
      offset += span.length;
    }
    no += lines.length;
    if (lines.length > 0) yield lines;
  }
}

/**
 * A line as text, as bytes when it is not valid UTF-8 (`text` null), or only its size when it is
 * longer than the reader's limit (`tooLong`, `text` and `bytes` null).
 */
export type TextLine =
  | { no: number; text: string }
  | { no: number; text: null; bytes: Buffer }
  | { no: number; text: null; bytes: null; tooLong: number };

/**
 * The lines of `readLineBatches` decoded as UTF-8, for formats read line by line. A piece of lines
 * is checked for valid UTF-8 in one call (a line feed never falls inside a multi-byte character),
 * then each line is decoded; only the lines of a piece that is not valid are checked one by one.
 * `first` receives the first bytes of the file (after a BOM) and returns false to stop: a check of
 * the encoding. A line longer than `maxLine` bytes is not decoded (see `readLineSpans`).
 */
export async function* readTextLineBatches(
  absolute: string,
  first?: (bytes: Buffer) => boolean,
  maxLine = Infinity,
): AsyncGenerator<TextLine[]> {
  let no = 1;
  let checked = first === undefined;
  for await (const span of readLineSpans(absolute, maxLine)) {
    if (!Buffer.isBuffer(span)) {
      checked = true;
      yield [{ no: no++, text: null, bytes: null, tooLong: span.size }];
      continue;
    }
    if (!checked) {
      checked = true;
      if (span.length > 0 && !first!(span)) return;
    }
    const lines: TextLine[] = [];
    if (span.length <= maxLine && isUtf8(span)) {
      let start = 0;
      for (let nl = span.indexOf(0x0a); nl !== -1; nl = span.indexOf(0x0a, start)) {
        const end = nl > start && span[nl - 1] === 0x0d ? nl - 1 : nl;
        lines.push({ no: no++, text: span.toString('utf8', start, end) });
        start = nl + 1;
      }
      if (start < span.length) lines.push({ no: no++, text: span.toString('utf8', start) });
    } else {
      const raw: RawLine[] = [];
      splitLines(span, no, 0, raw, maxLine);
      for (const r of raw) {
        if (r.tooLong !== undefined) {
          lines.push({ no: r.no, text: null, bytes: null, tooLong: r.tooLong });
          continue;
        }
        const d = decodeUtf8(r.bytes);
        lines.push(d.ok ? { no: r.no, text: d.text } : { no: r.no, text: null, bytes: r.bytes });
      }
      no += raw.length;
    }
    if (lines.length > 0) yield lines;
  }
}

/** The lines of `readLineBatches`, one at a time. */
export async function* readLines(absolute: string, maxLine = Infinity): AsyncGenerator<RawLine> {
  for await (const batch of readLineBatches(absolute, maxLine)) yield* batch;
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

/** Reading a .csv dataset (RFC 4180, header row) into raw records, with the line each starts on. */

import { finished } from 'node:stream/promises';
import { parse as parseCsv } from 'csv-parse';
import { decodeUtf8, invalidUtf8Message, looksUtf16, readLines } from './lines.js';
import { tooLongMessage, utf16Message, type RawRecord, type ReadRecordsOptions } from './raw-record.js';

/**
 * The parser's reason for an error, by its code: its own messages quote the data (the field's
 * value), so they are not passed on.
 */
function csvParserReason(code: string | undefined): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'Quote Not Closed: the parsing is finished with an opening quote';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'Invalid Closing Quote: other characters follow a closing quote';
    case 'INVALID_OPENING_QUOTE':
      return 'Invalid Opening Quote: a quote is found inside an unquoted field';
    default:
      return typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code) ? code : 'invalid CSV';
  }
}

export async function* readCsv(opts: ReadRecordsOptions): AsyncGenerator<RawRecord> {
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
    // A row that spans lines (quoted line breaks) is capped here; one long line by the reader.
    max_record_size: opts.maxRecord?.bytes ?? 0,
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
  let tooLong = false;
  for await (const raw of readLines(opts.absolute, opts.maxRecord?.bytes ?? Infinity)) {
    if (raw.tooLong !== undefined) {
      // Where the next row starts is not known without this line: the rows after it are not read.
      sawContent = true;
      if (st.error === null && !st.stop) {
        sink.error(raw.no, `${tooLongMessage(raw.tooLong, opts, 'line')}. Rows after this one were not checked`);
        tooLong = true;
        st.stop = true;
      }
      continue;
    }
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
    if (err.code === 'CSV_MAX_RECORD_SIZE') {
      sink.error(line, `${tooLongMessage(0, opts, 'row')}. Rows after this one were not checked`);
      return;
    }
    const what =
      err.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted field is never closed'
        : err.code === 'CSV_INVALID_CLOSING_QUOTE'
          ? 'a closing quote is followed by other characters'
          : err.code === 'INVALID_OPENING_QUOTE'
            ? 'a quote appears inside an unquoted field'
            : 'the row cannot be parsed';
    sink.error(
      line,
      `not valid CSV: ${what} in the row starting here (${csvParserReason(err.code)}); put a field in double quotes and double every quote inside it ("say ""hi"""). Rows after this one were not checked`,
    );
  } else if (!st.stop && !tooLong && st.rows === 0) {
    sink.fileError(`the file has no rows: it needs a header row (${opts.csvShape}) and one row per record`);
  }
}

/** One raw record as the readers give it, their options, and the messages the readers share. */

import { fmt } from '../problems.js';
import type { DatasetFormat } from '../../domain.js';
import type { ProblemSink } from '../problems.js';

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
  /**
   * Largest record in bytes (a .jsonl line, a CSV row): a longer one is an error at its line and is
   * never held whole. `limitName` says whose limit it is, e.g. "the Gemini API".
   */
  maxRecord?: { bytes: number; limitName: string };
}

export function tooLongMessage(size: number, opts: ReadRecordsOptions, what: string): string {
  const max = opts.maxRecord!;
  return `this ${what} is ${size > 0 ? `${fmt(size)} bytes` : 'too long'}, more than ${max.limitName} accepts for one record (${fmt(max.bytes)} bytes): it was not read; shorten or split it`;
}

export function utf16Message(): string {
  return 'the file is UTF-16 encoded: save it as UTF-8';
}

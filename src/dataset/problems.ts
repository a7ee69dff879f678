/** Collecting dataset problems for one file, with repo-relative paths for annotations. */

import path from 'node:path';
import type { DatasetProblem } from '../domain.js';

/** Past this many problems in one file, further ones are counted, not stored. */
export const MAX_STORED_PROBLEMS = 1000;

/** Exact numbers of problems, however many of them were kept. */
export interface ProblemCounts {
  errors: number;
  warnings: number;
}

export function defaultWorkspace(): string {
  const ws = process.env['GITHUB_WORKSPACE'];
  return ws !== undefined && ws !== '' ? ws : process.cwd();
}

/**
 * The directory dataset files must be inside (symbolic links followed): the workspace a caller
 * gives, else GITHUB_WORKSPACE when it is set; null (no such rule) otherwise.
 */
export function confinementRoot(workspace?: string): string | null {
  if (workspace !== undefined) return workspace;
  const ws = process.env['GITHUB_WORKSPACE'];
  return ws !== undefined && ws !== '' ? ws : null;
}

/** `p` relative to `workspace`, with forward slashes (what GitHub annotations expect). */
export function relativeToWorkspace(absolute: string, workspace: string): string {
  const rel = path.relative(path.resolve(workspace), absolute);
  const out = rel === '' ? path.basename(absolute) : rel;
  return out.split(path.sep).join('/');
}

export class ProblemSink {
  readonly problems: DatasetProblem[] = [];
  errors = 0;
  warnings = 0;
  private dropped = 0;

  constructor(readonly file: string) {}

  /** A problem on a line. Messages carry no location: `line`/`column`/`file` do. */
  error(line: number, message: string, column?: number): void {
    this.add('error', line, message, column);
  }

  warning(line: number, message: string, column?: number): void {
    this.add('warning', line, message, column);
  }

  /** A problem about the whole file (annotated with the file alone). */
  fileError(message: string): void {
    this.add('error', undefined, message);
  }

  fileWarning(message: string): void {
    this.add('warning', undefined, message);
  }

  private add(severity: 'error' | 'warning', line: number | undefined, message: string, column?: number): void {
    if (severity === 'error') this.errors++;
    else this.warnings++;
    if (this.problems.length >= MAX_STORED_PROBLEMS) {
      this.dropped++;
      return;
    }
    const problem: DatasetProblem = {
      severity,
      file: this.file,
      message: capMessage(message),
    };
    if (line !== undefined) problem.line = line;
    if (line !== undefined && column !== undefined) problem.column = column;
    this.problems.push(problem);
  }

  /** How many errors and warnings were reported (stored or not). */
  counts(): ProblemCounts {
    return { errors: this.errors, warnings: this.warnings };
  }

  /** The stored problems, plus one file-level summary if some were not stored. */
  finish(): DatasetProblem[] {
    if (this.dropped > 0) {
      this.problems.push({
        severity: this.errors > 0 ? 'error' : 'warning',
        file: this.file,
        message: `${fmt(this.dropped)} more problems in this file were not listed (only the first ${MAX_STORED_PROBLEMS} are): fix these and run again`,
      });
      this.dropped = 0;
    }
    return this.problems;
  }
}

/** `12,345` */
export function fmt(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Most characters of record text a message quotes (see `preview`). */
export const PREVIEW_CHARS = 80;

/**
 * Short, single-line preview of an untrusted value for messages: at most `max` characters (code
 * points, never half of one), whitespace runs folded to one space, cut with "…", as a JSON string.
 * Only the start of a long value is looked at.
 */
export function preview(value: string, max = PREVIEW_CHARS): string {
  // Whitespace folding can shrink the text; a bounded head is enough for `max` characters in practice.
  const room = max * 8 + 16;
  let head = value.length > room ? value.slice(0, room) : value;
  let cut = head.length < value.length;
  const last = head.charCodeAt(head.length - 1);
  if (cut && last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1); // half of a pair
  const flat = head.replace(/\s+/g, ' ');
  let out = '';
  let n = 0;
  for (const ch of flat) {
    if (n === max) {
      cut = true;
      break;
    }
    out += ch;
    n++;
  }
  return JSON.stringify(cut ? `${out}…` : out);
}

/**
 * Names from the data (CSV columns, JSON keys) for a message: each cut to a short preview, as many
 * as fit in about `max` characters, then how many more there are. `sep` joins them.
 */
export function previewList(names: readonly string[], sep = ', ', max = PREVIEW_CHARS): string {
  const parts: string[] = [];
  let length = 0;
  for (const name of names) {
    const p = preview(name, 24);
    if (parts.length > 0 && length + sep.length + p.length > max) break;
    parts.push(p);
    length += (parts.length > 1 ? sep.length : 0) + p.length;
  }
  const more = names.length - parts.length;
  return `${parts.join(sep)}${more > 0 ? ` and ${fmt(more)} more` : ''}`;
}

/** Most characters of one problem message (annotations, the report): longer ones are cut. */
export const MAX_MESSAGE_CHARS = 1000;

/** `message` cut to `max` characters (code points) with "…". */
export function capMessage(message: string, max = MAX_MESSAGE_CHARS): string {
  if (message.length <= max) return message;
  let end = max - 1;
  const c = message.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--; // never half of a pair
  return `${message.slice(0, end)}…`;
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    case 'string':
      return 'a string';
    default:
      return typeof value;
  }
}

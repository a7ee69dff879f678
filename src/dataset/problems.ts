/** Collecting dataset problems for one file, with repo-relative paths for annotations. */

import path from 'node:path';
import type { DatasetProblem } from '../domain.js';

/** Past this many problems in one file, further ones are counted, not stored. */
export const MAX_STORED_PROBLEMS = 1000;

export function defaultWorkspace(): string {
  const ws = process.env['GITHUB_WORKSPACE'];
  return ws !== undefined && ws !== '' ? ws : process.cwd();
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
      message,
    };
    if (line !== undefined) problem.line = line;
    if (line !== undefined && column !== undefined) problem.column = column;
    this.problems.push(problem);
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

/** Short, single-line preview of an untrusted value for messages. */
export function preview(value: string, max = 40): string {
  const flat = value.replace(/\s+/g, ' ');
  const cut = [...flat];
  return JSON.stringify(cut.length > max ? `${cut.slice(0, max).join('')}…` : flat);
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

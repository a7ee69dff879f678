/**
 * Opening dataset files: path resolution (inside the workspace, symbolic links followed), format by
 * extension, a regular file. Reading the lines is in lines.ts.
 */

import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { preview, ProblemSink, relativeToWorkspace } from '../problems.js';
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
  /** The file's real path (symbolic links resolved): read this one. */
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

/** The input that names a set, for messages: "training set" → training-data. */
function inputOf(setName: string): string {
  return `${setName.split(' ')[0] ?? 'training'}-data`;
}

/**
 * The checks every dataset file gets before its records are read: a path was given, its
 * extension is one we read, and it is a regular file (inside `confineTo`, when given, once
 * symbolic links are followed). `setName` names it in messages ("training set", "eval set").
 * Nothing is opened here: a file that fails a check is never read.
 */
export async function openDataset(
  file: string,
  workspace: string,
  setName: string,
  confineTo: string | null = null,
): Promise<OpenedDataset> {
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
      `${ext === '' ? 'the file has no extension' : `unsupported file type ${preview(ext, 20)}`}: the ${setName} must be ${ACCEPTED_EXTENSIONS.join(', ')} (JSON Lines, JSON, or CSV with a header row)`,
    );
  }
  const opened = await checkFile(absolute, shown, workspace, sink, { confineTo, input: inputOf(setName) });
  return { absolute, shown, sink, format, file: format === null ? null : opened };
}

/** True when `inner` is `root` or under it (both absolute, normalised). */
function isInside(inner: string, root: string): boolean {
  const rel = path.relative(root, inner);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Checks that `absolute` is a readable regular file (symbolic links followed), inside
 * `confineTo` when that is given; reports a file-level problem otherwise and returns null.
 * `shown` is the path as it appears in messages (relative to the workspace).
 */
export async function checkFile(
  absolute: string,
  shown: string,
  workspace: string,
  sink: ProblemSink,
  opts: { confineTo?: string | null; input?: string } = {},
): Promise<OpenedFile | null> {
  const input = opts.input ?? 'the dataset';
  const confineTo = opts.confineTo ? path.resolve(opts.confineTo) : null;
  const outside = (root: string, how: string): null => {
    sink.fileError(
      `${input}: ${shown} resolves outside the workspace (${root})${how}: dataset files must be inside the workspace (symbolic links are followed), and this one was not read; copy it into the workspace`,
    );
    return null;
  };
  try {
    let real: string;
    try {
      real = await realpath(absolute);
    } catch (err) {
      // A path that leaves the workspace is refused as such, whether or not something is there.
      if (confineTo !== null && !isInside(absolute, confineTo)) return outside(confineTo, '');
      throw err;
    }
    if (confineTo !== null) {
      const root = await realpath(confineTo).catch(() => confineTo);
      if (!isInside(real, root)) return outside(root, isInside(absolute, confineTo) ? ' through a symbolic link' : '');
    }
    const st = await stat(real);
    if (st.isDirectory()) {
      sink.fileError(`${shown} is a directory, not a dataset file: give the path of a .jsonl, .json or .csv file`);
      return null;
    }
    if (!st.isFile()) {
      const kind = st.isFIFO() ? 'a named pipe' : st.isSocket() ? 'a socket' : 'a device';
      sink.fileError(
        `${input}: ${shown} is ${kind}, not a regular file; the file was not read. Give the path of a .jsonl, .json or .csv file`,
      );
      return null;
    }
    return { absolute: real, size: st.size };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      sink.fileError(
        `${shown} does not exist (paths are relative to the workspace, ${workspace}): check the path, and that the file is checked out or generated before this step`,
      );
    } else if (code === 'ELOOP') {
      sink.fileError(`${input}: ${shown} is a loop of symbolic links: give the path of a .jsonl, .json or .csv file`);
    } else {
      sink.fileError(`${shown} cannot be read (${code ?? 'error'}): check its permissions`);
    }
    return null;
  }
}

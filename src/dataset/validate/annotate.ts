/** Turning dataset problems into GitHub annotations. */

import * as core from '@actions/core';
import type { AnnotationProperties } from '@actions/core';
import { capMessage, type ProblemCounts } from '../problems.js';
import type { DatasetProblem } from '../../domain.js';

export const DEFAULT_MAX_ANNOTATIONS = 50;
/** Most characters of an annotation's message (the file name in its title is cut too). */
export const MAX_ANNOTATION_CHARS = 1000;

/**
 * Emits each problem as `core.error` / `core.warning` with its file and line (a file-level
 * problem carries only `file`), its message cut to MAX_ANNOTATION_CHARS. After `max` problems,
 * one summary line says how many more were not shown. `counts`, when given, are the exact
 * numbers of problems found (the list may hold only the first ones of a file); they are what the
 * summary line counts and what is returned. Returns the number of errors and warnings (all of
 * them, shown or not).
 */
export function annotateProblems(
  problems: readonly DatasetProblem[],
  opts: { max?: number; counts?: ProblemCounts } = {},
): ProblemCounts {
  const max = Math.max(0, opts.max ?? DEFAULT_MAX_ANNOTATIONS);
  let errors = 0;
  let warnings = 0;
  let shownErrors = 0;
  let shownWarnings = 0;
  problems.forEach((p, k) => {
    if (p.severity === 'error') errors++;
    else warnings++;
    if (k >= max) return;
    if (p.severity === 'error') shownErrors++;
    else shownWarnings++;
    const file = capMessage(p.file, 300);
    const props: AnnotationProperties = { file };
    if (p.line !== undefined) {
      props.startLine = p.line;
      if (p.column !== undefined) props.startColumn = p.column;
      props.title = `${p.severity === 'error' ? 'Dataset error' : 'Dataset warning'}: ${file}:${p.line}`;
    }
    const message = capMessage(p.message, MAX_ANNOTATION_CHARS);
    if (p.severity === 'error') core.error(message, props);
    else core.warning(message, props);
  });
  const total = opts.counts ?? { errors, warnings };
  const hiddenErrors = Math.max(0, total.errors - shownErrors);
  const hiddenWarnings = Math.max(0, total.warnings - shownWarnings);
  const hidden = hiddenErrors + hiddenWarnings;
  if (hidden > 0) {
    const summary = `${hidden} more dataset problem${hidden === 1 ? '' : 's'} (${hiddenErrors} error${hiddenErrors === 1 ? '' : 's'}, ${hiddenWarnings} warning${hiddenWarnings === 1 ? '' : 's'}) not shown: fix the ones above and run again`;
    if (hiddenErrors > 0) core.error(summary);
    else core.warning(summary);
  }
  return { errors: total.errors, warnings: total.warnings };
}

/** Turning dataset problems into GitHub annotations. */

import * as core from '@actions/core';
import type { AnnotationProperties } from '@actions/core';
import type { DatasetProblem } from '../../domain.js';

export const DEFAULT_MAX_ANNOTATIONS = 50;

/**
 * Emits each problem as `core.error` / `core.warning` with its file and line (a file-level
 * problem carries only `file`). After `max` problems, one summary line says how many more were
 * not shown. Returns the number of errors and warnings (all of them, shown or not).
 */
export function annotateProblems(
  problems: DatasetProblem[],
  opts: { max?: number } = {},
): { errors: number; warnings: number } {
  const max = Math.max(0, opts.max ?? DEFAULT_MAX_ANNOTATIONS);
  let errors = 0;
  let warnings = 0;
  problems.forEach((p, k) => {
    if (p.severity === 'error') errors++;
    else warnings++;
    if (k >= max) return;
    const props: AnnotationProperties = { file: p.file };
    if (p.line !== undefined) {
      props.startLine = p.line;
      if (p.column !== undefined) props.startColumn = p.column;
      props.title = `${p.severity === 'error' ? 'Dataset error' : 'Dataset warning'}: ${p.file}:${p.line}`;
    }
    if (p.severity === 'error') core.error(p.message, props);
    else core.warning(p.message, props);
  });
  const hidden = problems.length - Math.min(problems.length, max);
  if (hidden > 0) {
    const hiddenErrors = problems.slice(max).filter((p) => p.severity === 'error').length;
    const summary = `${hidden} more dataset problem${hidden === 1 ? '' : 's'} (${hiddenErrors} error${hiddenErrors === 1 ? '' : 's'}, ${hidden - hiddenErrors} warning${hidden - hiddenErrors === 1 ? '' : 's'}) not shown: fix the ones above and run again`;
    if (hiddenErrors > 0) core.error(summary);
    else core.warning(summary);
  }
  return { errors, warnings };
}

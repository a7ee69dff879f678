/** What the dataset phase found, in the report's terms: the loaded sets, or the problems that stopped the run. */

import { capMessage, fmt, MAX_MESSAGE_CHARS, type ProblemCounts } from '../dataset/problems.js';
import type { DatasetProblem } from '../domain.js';
import type { Datasets } from '../dataset/load-datasets.js';
import type { DatasetReport, ProblemReport } from './types.js';

/**
 * Most problems (or loader warnings) the report lists; the counts stay exact (`problemCounts`,
 * or a last warning that says how many more there were).
 */
export const REPORT_PROBLEMS = 100;

/** `paths`: the inputs that named the sets, as the user wrote them. */
export function datasetReport(
  data: Datasets,
  paths: { training: string | null; validation: string | null; eval: string | null },
): DatasetReport | null {
  const training = data.training;
  if (!training) return null;
  const count = (d: NonNullable<Datasets['training']>): number => d.examples?.count ?? d.records.length;
  const warnings = data.warnings.slice(0, REPORT_PROBLEMS).map(problemReport);
  const more = data.warnings.length - warnings.length;
  if (more > 0) {
    warnings.push({
      severity: 'warning',
      file: warnings[0]?.file ?? training.path,
      line: null,
      column: null,
      message: `${fmt(more)} more dataset warning${more === 1 ? ' was' : 's were'} not listed (${fmt(data.warnings.length)} in all): see the annotations`,
    });
  }
  return {
    path: paths.training ?? training.path,
    examples: count(training),
    warnings,
    validationPath: data.validation ? paths.validation : null,
    validationExamples: data.validation ? count(data.validation) : null,
    evalPath: data.eval ? paths.eval : null,
    evalCases: data.eval?.records.length ?? null,
    stats: data.stats,
    findings: data.findings,
  };
}

/**
 * The problems to list in the report: errors first, each group in the order found, at most
 * `max` of them (REPORT_PROBLEMS); `problemCountsReport` has how many there were in all.
 */
export function problemReports(problems: readonly DatasetProblem[], max = REPORT_PROBLEMS): ProblemReport[] {
  const out: ProblemReport[] = [];
  for (const severity of ['error', 'warning'] as const) {
    for (const p of problems) {
      if (out.length >= max) return out;
      if ((p.severity === 'error') === (severity === 'error')) out.push(problemReport(p));
    }
  }
  return out;
}

/** The exact numbers of errors and warnings, for the report's `problemCounts`. */
export function problemCountsReport(counts: ProblemCounts): ProblemCounts {
  return { errors: counts.errors, warnings: counts.warnings };
}

function problemReport(p: DatasetProblem): ProblemReport {
  return {
    severity: p.severity,
    file: capMessage(p.file, 300),
    line: p.line ?? null,
    column: p.column ?? null,
    message: capMessage(p.message, MAX_MESSAGE_CHARS),
  };
}

/** What the dataset phase found, in the report's terms: the loaded sets, or the problems that stopped the run. */

import type { DatasetProblem } from '../domain.js';
import type { Datasets } from '../dataset/load-datasets.js';
import type { DatasetReport, ProblemReport } from './types.js';

/** `paths`: the inputs that named the sets, as the user wrote them. */
export function datasetReport(
  data: Datasets,
  paths: { training: string | null; validation: string | null; eval: string | null },
): DatasetReport | null {
  const training = data.training;
  if (!training) return null;
  const count = (d: NonNullable<Datasets['training']>): number => d.examples?.count ?? d.records.length;
  return {
    path: paths.training ?? training.path,
    examples: count(training),
    warnings: data.warnings.map(problemReport),
    validationPath: data.validation ? paths.validation : null,
    validationExamples: data.validation ? count(data.validation) : null,
    evalPath: data.eval ? paths.eval : null,
    evalCases: data.eval?.records.length ?? null,
    stats: data.stats,
    findings: data.findings,
  };
}

/** Every problem, errors first, each group in the order found. */
export function problemReports(problems: readonly DatasetProblem[]): ProblemReport[] {
  return [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity !== 'error')].map(
    problemReport,
  );
}

function problemReport(p: DatasetProblem): ProblemReport {
  return { severity: p.severity, file: p.file, line: p.line ?? null, column: p.column ?? null, message: p.message };
}

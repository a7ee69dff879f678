/**
 * Loads the training, validation and eval sets named by the inputs. Every problem becomes an
 * annotation; any error stops the run here, before anything is created remotely. The dataset
 * doctor's findings (warnings) are annotated too and returned with the statistics for the report.
 */

import * as core from '@actions/core';
import { annotateProblems } from './validate/annotate.js';
import { SEED_INPUT, type DatasetAnalyzer } from './analysis/analyzer.js';
import { EMPTY_SET_DIGEST } from './content-key.js';
import { FindingLines, leakageFinding, overlapFinding } from './analysis/doctor.js';
import { loadEvalSet } from './validate/load-eval.js';
import { loadTrainingSet } from './validate/load-training.js';
import { defaultWorkspace, relativeToWorkspace, type ProblemCounts } from './problems.js';
import type { DatasetStats } from './analysis/stats.js';
import { emptyScan, scanText } from './analysis/text-scan.js';
import type { LoadedDataset } from './types.js';
import type { Settings } from '../inputs/settings.js';
import type { DatasetFinding } from '../domain.js';
import type { DatasetProblem, EvalCase, TrainingExample } from '../domain.js';

export interface Datasets {
  training: LoadedDataset<TrainingExample> | null;
  validation: LoadedDataset<TrainingExample> | null;
  eval: LoadedDataset<EvalCase> | null;
  /** The loaders' warnings (the doctor's findings are in `findings`). */
  warnings: DatasetProblem[];
  /** The dataset doctor's findings, training set first. */
  findings: DatasetFinding[];
  /** Length statistics per set. */
  stats: { training: DatasetStats | null; validation: DatasetStats | null };
  /** sha256 digests of the example sets, for the content key. */
  digests: { training: string; validation: string } | null;
}

/** The datasets have errors: nothing may be sent to the service. Carries every problem found. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';

  constructor(
    message: string,
    /** The problems found (errors and warnings, in the order they were annotated; at most about 1,000 a file). */
    readonly problems: DatasetProblem[] = [],
    /** How many errors and warnings there were in all (exact, whatever `problems` keeps). */
    readonly counts: ProblemCounts = countProblems(problems),
  ) {
    super(message);
  }
}

function countProblems(problems: readonly DatasetProblem[]): ProblemCounts {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}

/** The exact numbers of problems in the loaded sets. */
function countsOf(sets: readonly (LoadedDataset<unknown> | null)[]): ProblemCounts {
  const total = { errors: 0, warnings: 0 };
  for (const d of sets) {
    if (d === null) continue;
    const c = d.problemCounts ?? countProblems(d.problems);
    total.errors += c.errors;
    total.warnings += c.warnings;
  }
  return total;
}

export async function loadDatasets(settings: Settings): Promise<Datasets> {
  const [training, validation, evalSet] = await Promise.all([
    settings.trainingData && !settings.resume
      ? loadTrainingSet(settings.trainingData, {
          backend: settings.backend,
          role: 'training',
          // Vertex AI gets the set as a file in Cloud Storage: it is read again for the upload rather
          // than held in memory (a set may be up to 1 GB). The Gemini API takes it inline (4 MB).
          keepRecords: settings.backend !== 'vertex-ai',
        })
      : null,
    settings.validationData && !settings.resume
      ? loadTrainingSet(settings.validationData, { backend: settings.backend, role: 'validation' })
      : null,
    settings.evalData ? loadEvalSet(settings.evalData) : null,
  ]);
  const problems: DatasetProblem[] = [training, validation, evalSet].flatMap((d) => d?.problems ?? []);
  const counts = countsOf([training, validation, evalSet]);
  const errors = counts.errors;
  if (errors > 0) {
    annotateProblems(problems, { counts });
    const files = [...new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file))];
    throw new DatasetError(
      `${errors} problem${errors === 1 ? '' : 's'} in ${files.join(', ')} (each annotated at its line); nothing was sent to the service`,
      problems,
      counts,
    );
  }

  const findings = doctor(training, validation, evalSet);
  // Findings are warnings with the line of their first example; annotated after the loaders' own.
  const findingProblems: DatasetProblem[] = findings.map((f) => ({
    severity: 'warning',
    file: f.file,
    ...(f.examples[0] !== undefined ? { line: f.examples[0] } : {}),
    message: `Dataset doctor (${f.kind}): ${f.message}`,
  }));
  annotateProblems([...problems, ...findingProblems], {
    counts: { errors: 0, warnings: counts.warnings + findingProblems.length },
  });

  for (const d of [training, validation]) {
    if (d?.analysis?.inWorker) core.debug(`${fileOf(d)}: analysed in a worker thread`);
  }
  if (training) core.info(`Training set: ${training.examples?.count ?? 0} examples from ${settings.trainingData}`);
  if (validation)
    core.info(`Validation set: ${validation.examples?.count ?? 0} examples from ${settings.validationData}`);
  if (evalSet) core.info(`Eval set: ${evalSet.records.length} cases from ${settings.evalData}`);
  if (findings.length > 0) {
    core.info(`Dataset doctor: ${findings.length} finding${findings.length === 1 ? '' : 's'} (see the warnings)`);
  }
  const warnings = problems.filter((p) => p.severity === 'warning');
  const warningsIn = (d: LoadedDataset<TrainingExample> | null): number =>
    d === null
      ? 0
      : [...d.problems, ...findingProblems].filter((p) => p.severity === 'warning' && p.file === fileOf(d)).length;
  const statsOf = (d: LoadedDataset<TrainingExample> | null): DatasetStats | null =>
    d?.analysis ? d.analysis.stats(warningsIn(d)) : null;
  return {
    training,
    validation,
    eval: evalSet,
    warnings,
    findings,
    stats: { training: statsOf(training), validation: statsOf(validation) },
    digests: training?.analysis
      ? {
          training: training.analysis.digest,
          validation: validation?.analysis?.digest ?? EMPTY_SET_DIGEST,
        }
      : null,
  };
}

function fileOf(d: LoadedDataset<unknown>): string {
  return relativeToWorkspace(d.path, defaultWorkspace());
}

/**
 * The doctor's findings: each set's own, then validation/training overlap and eval/training
 * leakage (inputs compared after folding case and whitespace).
 */
export function doctor(
  training: LoadedDataset<TrainingExample> | null,
  validation: LoadedDataset<TrainingExample> | null,
  evalSet: LoadedDataset<EvalCase> | null,
): DatasetFinding[] {
  const findings: DatasetFinding[] = [];
  const t = training?.analysis;
  if (t) findings.push(...t.findings());
  const v = validation?.analysis;
  if (v) findings.push(...v.findings());
  if (t && training && validation && v) {
    const f = crossCheck(t, validation.records);
    const found = overlapFinding(fileOf(validation), fileOf(training), f);
    if (found) findings.push(found);
  }
  if (t && training && evalSet) {
    const f = crossCheck(
      t,
      evalSet.records.map((c) => ({ textInput: c.input, line: c.line })),
    );
    const found = leakageFinding(fileOf(evalSet), fileOf(training), f);
    if (found) findings.push(found);
  }
  return findings;
}

function crossCheck(training: DatasetAnalyzer, items: readonly { textInput: string; line: number }[]): FindingLines {
  const found = new FindingLines();
  const scan = emptyScan();
  for (const item of items) {
    scanText(item.textInput, SEED_INPUT, scan);
    const line = training.lineOfNormalisedInput(scan.normLo, scan.normHi);
    if (line > 0) found.add(item.line, line);
  }
  return found;
}

/**
 * Loads the training, validation and eval sets named by the inputs. Every problem becomes an
 * annotation; any error stops the run here, before anything is created remotely.
 */

import * as core from '@actions/core';
import { annotateProblems } from './dataset/annotate.js';
import { loadEvalSet } from './dataset/load-eval.js';
import { loadTrainingSet } from './dataset/load-training.js';
import type { DatasetProblem, EvalCase, LoadedDataset, TrainingExample } from './dataset/types.js';
import type { Settings } from './inputs.js';

export interface Datasets {
  training: LoadedDataset<TrainingExample> | null;
  validation: LoadedDataset<TrainingExample> | null;
  eval: LoadedDataset<EvalCase> | null;
  /** Warnings, as one line each, for the report. */
  warnings: string[];
}

export class DatasetError extends Error {
  override readonly name = 'DatasetError';
}

export async function loadDatasets(settings: Settings): Promise<Datasets> {
  const [training, validation, evalSet] = await Promise.all([
    settings.trainingData && !settings.resume
      ? loadTrainingSet(settings.trainingData, { backend: settings.backend, role: 'training' })
      : null,
    settings.validationData && !settings.resume
      ? loadTrainingSet(settings.validationData, { backend: settings.backend, role: 'validation' })
      : null,
    settings.evalData ? loadEvalSet(settings.evalData) : null,
  ]);
  const problems: DatasetProblem[] = [training, validation, evalSet].flatMap((d) => d?.problems ?? []);
  const { errors } = annotateProblems(problems);
  if (errors > 0) {
    const files = [...new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file))];
    throw new DatasetError(
      `${errors} problem${errors === 1 ? '' : 's'} in ${files.join(', ')} (see the annotations above); nothing was sent to the service`,
    );
  }
  if (training) core.info(`Training set: ${training.records.length} examples from ${settings.trainingData}`);
  if (validation) core.info(`Validation set: ${validation.records.length} examples from ${settings.validationData}`);
  if (evalSet) core.info(`Eval set: ${evalSet.records.length} cases from ${settings.evalData}`);
  const warnings = problems
    .filter((p) => p.severity === 'warning')
    .map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
  return { training, validation, eval: evalSet, warnings };
}

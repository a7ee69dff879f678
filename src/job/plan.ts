/**
 * What to ask the service for: the content key of data + model + hyperparameters + backend (which
 * finds an identical earlier model) and the Gemini API tunedModelId derived from it (which makes a
 * retried create idempotent), and this run's label (Vertex AI), which finds its job when the
 * create's answer was lost.
 */

import { createHash, randomBytes } from 'node:crypto';
import type { Datasets } from '../dataset/load-datasets.js';
import { contentKey, tunedModelIdFor } from '../dataset/content-key.js';
import { examplesInMemory } from '../dataset/example-set.js';
import type { Settings } from '../inputs/settings.js';
import type { JobSpec } from './acquire.js';
import { isTunedModel } from '../backends/model-catalog.js';
import { creationMarks } from '../lifecycle/marks.js';

export function planJob(
  settings: Settings,
  data: Datasets,
  run: { baseModel: string; displayName: string; env: NodeJS.ProcessEnv; now: number; pullRequest?: number | null },
): JobSpec {
  const key = data.digests
    ? contentKey({
        backend: settings.backend,
        baseModel: run.baseModel,
        hyperparameters: settings.hyperparameters,
        examples: data.digests.training,
        validationExamples: data.digests.validation,
      })
    : null;
  return {
    baseModel: run.baseModel,
    // Continuous tuning without a display-name input sends none: the result is a new version of the
    // same Model (a new display name would make a new Model).
    displayName: settings.displayName === null && isTunedModel(run.baseModel) ? null : run.displayName,
    contentKey: key,
    tunedModelId: key
      ? tunedModelIdFor(repositoryScoped(settings.cache ? key : saltedKey(key, run.env, run.now), run.env))
      : null,
    examples: data.training?.examples ?? examplesInMemory([]),
    validationExamples: data.validation?.examples ?? examplesInMemory([]),
    runLabel: runLabel(run.env),
    marks: creationMarks(run.env, run.pullRequest ?? null),
  };
}

/**
 * This run's label value (`gemini_tune_run`): `<GITHUB_RUN_ID>-<GITHUB_RUN_ATTEMPT>`, which names
 * the workflow run a job came from; outside Actions (or with ids that are not numbers), a random
 * one. Always a valid label value (lowercase letters, digits and hyphens, at most 63 characters).
 */
export function runLabel(env: NodeJS.ProcessEnv): string {
  const id = env['GITHUB_RUN_ID'] ?? '';
  const attempt = env['GITHUB_RUN_ATTEMPT'] || '1';
  if (/^\d{1,30}$/.test(id) && /^\d{1,10}$/.test(attempt)) return `${id}-${attempt}`;
  return randomBytes(8).toString('hex');
}

/**
 * The Gemini API's tuned model ids share one namespace with no project in it: two repositories
 * tuning the same data must not claim the same id (and attach to each other's model on 409), so
 * the id also hashes the repository (GITHUB_REPOSITORY_ID, which survives a rename; else its name).
 */
function repositoryScoped(key: string, env: NodeJS.ProcessEnv): string {
  const repository = env['GITHUB_REPOSITORY_ID'] || env['GITHUB_REPOSITORY'] || '';
  return repository ? createHash('sha256').update(`${key}:repository:${repository}`).digest('hex') : key;
}

/** cache: false still needs a fixed id per run, so that a retried create cannot make two models. */
function saltedKey(key: string, env: NodeJS.ProcessEnv, now: number): string {
  const salt = `${env['GITHUB_RUN_ID'] ?? ''}:${env['GITHUB_RUN_ATTEMPT'] ?? ''}:${env['GITHUB_JOB'] ?? ''}:${env['GITHUB_RUN_ID'] ? '' : now}`;
  return createHash('sha256').update(`${key}:${salt}`).digest('hex');
}

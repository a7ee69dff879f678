/**
 * Gets the job to wait for: the one named by `resume`, an existing tuned model built from the
 * same content key (`cache`), or a new one.
 */

import * as core from '@actions/core';
import type { JobStatus, TuningBackend } from './backends/backend.js';
import type { TrainingExample } from './dataset/types.js';
import type { Settings } from './inputs.js';

export interface Acquired {
  status: JobStatus;
  /** Only a job this run created may be cancelled by this run. */
  startedByUs: boolean;
  cacheHit: boolean;
}

export interface JobSpec {
  baseModel: string;
  displayName: string;
  contentKey: string | null;
  tunedModelId: string | null;
  examples: TrainingExample[];
  validationExamples: TrainingExample[];
}

export async function acquireJob(backend: TuningBackend, settings: Settings, spec: JobSpec): Promise<Acquired> {
  if (settings.resume) {
    const status = await backend.status(settings.resume);
    core.info(`Resuming ${settings.resume}: ${status.state}`);
    return { status, startedByUs: false, cacheHit: false };
  }
  if (!spec.contentKey) throw new Error('no training data to tune on');

  if (settings.cache) {
    const existing = await backend.findByContentKey(spec.contentKey, spec.tunedModelId);
    if (existing?.state === 'ACTIVE') {
      core.info(`Cache hit: ${existing.tunedModel} was already tuned from the same data, model and hyperparameters.`);
      return { status: existing, startedByUs: false, cacheHit: true };
    }
    if (existing?.state === 'CREATING') {
      core.info(`${existing.tunedModel} is already being tuned from the same content key: attaching to it.`);
      return { status: existing, startedByUs: false, cacheHit: false };
    }
    if (existing?.state === 'FAILED') {
      core.info(`${existing.tunedModel} was tuned from the same content key and FAILED: replacing it.`);
      await backend.cancel(existing);
    }
  }

  core.info(`Creating a tuned model from ${spec.examples.length} examples on ${spec.baseModel}`);
  const status = await backend.create({
    baseModel: spec.baseModel,
    displayName: spec.displayName,
    description: settings.description,
    hyperparameters: settings.hyperparameters,
    examples: spec.examples,
    validationExamples: spec.validationExamples,
    contentKey: spec.contentKey,
    tunedModelId: spec.tunedModelId,
  });
  core.info(`Created ${status.job || status.tunedModel} (${status.tunedModel ?? 'tuned model name pending'})`);
  return { status, startedByUs: true, cacheHit: false };
}

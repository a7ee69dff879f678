/**
 * Gets the job to wait for: the one named by `resume`, an existing tuned model built from the
 * same content key (`cache`), or a new one.
 */

import * as core from '@actions/core';
import type { CreateTuningRequest, TuningBackend } from '../backends/backend.js';
import { systemClock, type Clock } from '../util/clock.js';
import { DEFAULT_RETRY, retryDelay } from '../util/retry.js';
import { scrub } from '../runner/secrets.js';
import type { Settings } from '../inputs/settings.js';
import type { JobStatus, ExampleSet } from '../domain.js';

/** The Actions cache fast path (src/cache/model-cache.ts); a lookup never throws. */
export interface CacheLookup {
  lookup(backend: TuningBackend, contentKey: string): Promise<{ status: JobStatus } | null>;
}

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
  examples: ExampleSet;
  validationExamples: ExampleSet;
}

export async function acquireJob(
  backend: TuningBackend,
  settings: Settings,
  spec: JobSpec,
  cache: CacheLookup | null = null,
  clock: Clock = systemClock,
): Promise<Acquired> {
  if (settings.resume) {
    const status = await backend.status(settings.resume);
    core.info(`Resuming ${settings.resume}: ${status.state}`);
    return { status, startedByUs: false, cacheHit: false };
  }
  if (!spec.contentKey) throw new Error('no training data to tune on');

  if (settings.cache) {
    const cached = cache ? await cache.lookup(backend, spec.contentKey) : null;
    if (cached) {
      core.info(
        `Cache hit (Actions cache): ${cached.status.tunedModel} is ACTIVE and was tuned from the same content key.`,
      );
      return { status: cached.status, startedByUs: false, cacheHit: true };
    }
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

  core.info(`Creating a tuned model from ${spec.examples.count} examples on ${spec.baseModel}`);
  const status = await createOrFind(
    backend,
    {
      baseModel: spec.baseModel,
      displayName: spec.displayName,
      description: settings.description,
      hyperparameters: settings.hyperparameters,
      examples: spec.examples,
      validationExamples: spec.validationExamples,
      contentKey: spec.contentKey,
      tunedModelId: spec.tunedModelId,
    },
    settings.cache,
    clock,
  );
  core.info(`Created ${status.job || status.tunedModel} (${status.tunedModel ?? 'tuned model name pending'})`);
  return { status, startedByUs: true, cacheHit: false };
}

/**
 * A create whose outcome is unknown (the connection dropped, or a 429/5xx came back) may still have
 * created the job. Where the backend could not make the call idempotent itself (Vertex AI:
 * tuningJobs.create takes no request id, so it is not retried blindly), look the job up by its
 * content key before trying again, and attach to it when it is there. Only with `cache: true`: then
 * the lookup just before the create found nothing usable, so a job with this key that is now being
 * created came from this create (with `cache: false` another run's job could match).
 */
async function createOrFind(
  backend: TuningBackend,
  req: CreateTuningRequest,
  canLookUp: boolean,
  clock: Clock,
): Promise<JobStatus> {
  const started = clock.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await backend.create(req);
    } catch (err) {
      const decision = retryDelay({ ...DEFAULT_RETRY, maxAttempts: 3 }, attempt, err, {
        elapsedMs: clock.now() - started,
        leftMs: Infinity,
        random: Math.random(),
      });
      if (!canLookUp || !decision.retry) throw err;
      core.info(
        `The create's outcome is unknown (${scrub(err instanceof Error ? err.message : String(err))}); looking for the job by its content key before trying again.`,
      );
      await clock.sleep(decision.delayMs);
      const found = await backend.findByContentKey(req.contentKey, req.tunedModelId);
      if (found && found.state !== 'FAILED') {
        core.info(
          `Found ${found.job || found.tunedModel}, created by the attempt that seemed to fail: attaching to it.`,
        );
        return found;
      }
    }
  }
}

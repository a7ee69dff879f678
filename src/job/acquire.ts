/**
 * Gets the job to wait for: the one named by `resume`, an existing tuned model built from the
 * same content key (`cache`), or a new one. From the moment the create is sent, the post step
 * knows how to find the job (saved state); a job another run started at the same moment is
 * attached to, never claimed: a 409 on the Gemini API, and on Vertex AI an older job with the same
 * content-key label found just after the create (this run's own job is then cancelled).
 */

import * as core from '@actions/core';
import type { CreatedJob, CreateTuningRequest, KeyedJob, TuningBackend } from '../backends/backend.js';
import { clearJobState, saveJobState } from '../runner/outputs.js';
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
  displayName: string | null;
  contentKey: string | null;
  tunedModelId: string | null;
  examples: ExampleSet;
  validationExamples: ExampleSet;
  /** Vertex AI: this run's label on the job it creates. */
  runLabel?: string | null;
  /** Who uses the model: the repository and the pull request (INTERFACE "Modes", cleanup). */
  marks?: Record<string, string>;
}

export async function acquireJob(
  backend: TuningBackend,
  settings: Settings,
  spec: JobSpec,
  cache: CacheLookup | null = null,
  clock: Clock = systemClock,
  stop?: AbortSignal,
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
  // Before the request: a main step killed while it is under way leaves the post step what it needs.
  const pendingModel = spec.tunedModelId ? `tunedModels/${spec.tunedModelId}` : null;
  saveJobState({
    job: backend.name === 'gemini-api' ? (pendingModel ?? '') : '',
    tunedModel: backend.name === 'gemini-api' ? pendingModel : null,
    settled: false,
    contentKey: spec.contentKey,
    runLabel: spec.runLabel ?? null,
  });
  const created = await createOrFind(
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
      runLabel: spec.runLabel ?? null,
      ...(spec.marks ? { marks: spec.marks } : {}),
      ...(stop ? { stop } : {}),
    },
    settings.cache,
    clock,
  );
  const { attached, ...status } = created;
  if (attached) {
    core.info(
      `${status.tunedModel ?? status.job} was created a moment ago by another run with the same content key: attaching to it (this run will not cancel it).`,
    );
    clearJobState();
    return { status, startedByUs: false, cacheHit: false };
  }
  core.info(`Created ${status.job || status.tunedModel} (${status.tunedModel ?? 'tuned model name pending'})`);
  const older = settings.cache ? await olderTwin(backend, spec.contentKey, status) : null;
  if (older) {
    clearJobState();
    return { status: older, startedByUs: false, cacheHit: false };
  }
  return { status, startedByUs: true, cacheHit: false };
}

/**
 * Vertex AI's list-then-create race: two runs that looked before either job existed both created
 * one. The oldest live job with the content key (earliest createTime, then name) is the one every
 * such run keeps; a run whose own job is not it cancels its own and attaches to that one. Best
 * effort: when the list or the cancel fails, this run keeps its own job.
 */
async function olderTwin(backend: TuningBackend, contentKey: string, mine: JobStatus): Promise<JobStatus | null> {
  if (!backend.listByContentKey || !mine.job) return null;
  try {
    const live = (await backend.listByContentKey(contentKey)).filter((j) => j.state !== 'ENDED' || j.name === mine.job);
    const oldest = live.sort(byAge)[0];
    if (!oldest || oldest.name === mine.job || !live.some((j) => j.name === mine.job)) return null;
    core.info(
      `Another run created ${oldest.name} from the same content key just before this one: cancelling ${mine.job} and attaching to ${oldest.name} (this run will not cancel it).`,
    );
    await backend.cancel(mine);
    return await backend.status(oldest.name);
  } catch (err) {
    core.warning(
      `Could not check for a job another run created from the same content key at the same moment: ${scrub(err instanceof Error ? err.message : String(err))}`,
    );
    return null;
  }
}

function byAge(a: KeyedJob, b: KeyedJob): number {
  const time = (j: KeyedJob): number => {
    const t = Date.parse(j.createTime);
    return Number.isNaN(t) ? Infinity : t;
  };
  return time(a) - time(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
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
): Promise<CreatedJob> {
  const started = clock.now();
  for (let attempt = 1; ; attempt++) {
    try {
      const created = await backend.create(req);
      // After an attempt whose outcome was unknown, a model that already exists may be that attempt's.
      return attempt === 1 ? created : { ...created, attached: false };
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

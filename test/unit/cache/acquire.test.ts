/**
 * acquireJob with the Actions cache fast path in front of the remote lookup, and the create whose
 * outcome is unknown (looked up by content key before it is tried again).
 */

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CreateTuningRequest, TuningBackend } from '../../../src/backends/backend.js';
import { GoogleApiError, NetworkError } from '../../../src/backends/errors.js';
import { parseSettings, readRawInputs } from '../../../src/inputs/settings.js';
import { acquireJob, type CacheLookup, type JobSpec } from '../../../src/job/acquire.js';
import { ACTION_DEFAULTS } from '../../helpers/runner-env.js';
import { examplesInMemory } from '../../../src/dataset/example-set.js';
import type { JobStatus } from '../../../src/domain.js';

const KEY = 'c'.repeat(64);
const SPEC: JobSpec = {
  baseModel: 'gemini-3.5-flash',
  displayName: 'x',
  contentKey: KEY,
  tunedModelId: null,
  examples: examplesInMemory([{ textInput: 'a', output: 'b', line: 1 }]),
  validationExamples: examplesInMemory([]),
};

function settings(inputs: Record<string, string> = {}) {
  const all: Record<string, string> = {
    ...ACTION_DEFAULTS,
    project: 'my-project',
    'staging-uri': 'gs://my-bucket/tuning',
    'training-data': 'train.jsonl',
    ...inputs,
  };
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(all)) env[`INPUT_${k.toUpperCase()}`] = v;
  return parseSettings(readRawInputs(env));
}

const JOB = 'projects/p/locations/us-central1/tuningJobs/1';
function status(state: JobStatus['state'], job = JOB): JobStatus {
  return {
    job,
    state,
    tunedModel: null,
    endpoint: null,
    completedPercent: null,
    completedSteps: null,
    totalSteps: null,
    snapshots: [],
    error: null,
    hyperparameters: null,
  };
}

/** A Vertex-like backend: create is not idempotent; the label lookup sees what create made. */
function fakeBackend(createOutcomes: ('ok' | 'made-then-reset' | 'reset' | '503' | '400')[]) {
  const made: JobStatus[] = [];
  const calls: string[] = [];
  const backend: TuningBackend = {
    name: 'vertex-ai',
    defaultBaseModel: 'gemini-3.5-flash',
    async create(_req: CreateTuningRequest) {
      calls.push('create');
      const outcome = createOutcomes.shift() ?? 'ok';
      if (outcome === 'ok' || outcome === 'made-then-reset') made.push(status('CREATING', `${JOB}${made.length}`));
      if (outcome === 'ok') return made.at(-1)!;
      if (outcome === 'made-then-reset' || outcome === 'reset') throw new NetworkError('socket hang up', 'ECONNRESET');
      if (outcome === '503') throw new GoogleApiError('UNAVAILABLE', 503, 'UNAVAILABLE');
      throw new GoogleApiError('INVALID_ARGUMENT', 400, 'INVALID_ARGUMENT');
    },
    async findByContentKey() {
      calls.push('find');
      return made.at(-1) ?? null;
    },
    async status(job: string) {
      calls.push(`status ${job}`);
      return status('ACTIVE', job);
    },
    cancel: () => Promise.reject(new Error('not used')),
    generate: () => Promise.reject(new Error('not used')),
  };
  return { backend, made, calls };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout'] });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Runs acquireJob, letting its back-off sleeps pass at once. */
async function acquire(...args: Parameters<typeof acquireJob>) {
  const p = acquireJob(...args);
  p.catch(() => undefined); // handled by the caller's await; not an unhandled rejection meanwhile
  for (let i = 0; i < 10; i++) await vi.runAllTimersAsync();
  return p;
}

describe('acquireJob', () => {
  it('uses the Actions cache hit first: no remote lookup, no create', async () => {
    const { backend, calls } = fakeBackend([]);
    const cache: CacheLookup = { lookup: vi.fn(async () => ({ status: status('ACTIVE') })) };
    const got = await acquire(backend, settings(), SPEC, cache);
    expect(got).toMatchObject({ cacheHit: true, startedByUs: false, status: { state: 'ACTIVE', job: JOB } });
    expect(calls).toEqual([]);
    expect(cache.lookup).toHaveBeenCalledWith(backend, KEY);
  });

  it('falls back to the remote lookup on a cache miss, then creates', async () => {
    const { backend, calls } = fakeBackend(['ok']);
    const cache: CacheLookup = { lookup: async () => null };
    const got = await acquire(backend, settings(), SPEC, cache);
    expect(got).toMatchObject({ cacheHit: false, startedByUs: true });
    expect(calls).toEqual(['find', 'create']);
  });

  it('never consults the cache with cache: false or on resume', async () => {
    const lookup = vi.fn(async () => ({ status: status('ACTIVE') }));
    const a = fakeBackend(['ok']);
    await acquire(a.backend, settings({ cache: 'false' }), SPEC, { lookup });
    const b = fakeBackend([]);
    await acquire(b.backend, settings({ resume: JOB, 'training-data': '' }), SPEC, { lookup });
    expect(lookup).not.toHaveBeenCalled();
    expect(b.calls).toEqual([`status ${JOB}`]);
  });

  it('a create that made the job but lost the answer is found by content key: one job, started by us', async () => {
    const { backend, made, calls } = fakeBackend(['made-then-reset']);
    const got = await acquire(backend, settings(), SPEC);
    expect(made).toHaveLength(1);
    expect(got).toMatchObject({ startedByUs: true, cacheHit: false, status: { job: made[0]!.job } });
    expect(calls).toEqual(['find', 'create', 'find']);
  });

  it('a create that made nothing is tried again after the lookup', async () => {
    const { backend, made, calls } = fakeBackend(['503', 'reset', 'ok']);
    const got = await acquire(backend, settings(), SPEC);
    expect(made).toHaveLength(1);
    expect(got.status.job).toBe(made[0]!.job);
    expect(calls).toEqual(['find', 'create', 'find', 'create', 'find', 'create']);
  });

  it('gives up after three attempts, and never retries what is not transient', async () => {
    const a = fakeBackend(['503', '503', '503', 'ok']);
    await expect(acquire(a.backend, settings(), SPEC)).rejects.toThrow('UNAVAILABLE');
    expect(a.calls.filter((c) => c === 'create')).toHaveLength(3);
    const b = fakeBackend(['400']);
    await expect(acquire(b.backend, settings(), SPEC)).rejects.toThrow('INVALID_ARGUMENT');
    expect(b.calls).toEqual(['find', 'create']);
  });

  it('with cache: false an unknown outcome is not looked up (another run could match the key)', async () => {
    const { backend, calls } = fakeBackend(['made-then-reset']);
    await expect(acquire(backend, settings({ cache: 'false' }), SPEC)).rejects.toThrow('socket hang up');
    expect(calls).toEqual(['create']);
  });
});

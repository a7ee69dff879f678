import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TuningBackend } from '../../../src/backends/backend.js';
import { GoogleApiError } from '../../../src/backends/errors.js';
import { ModelCache, type CacheStore } from '../../../src/job/model-cache.js';
import { RECORD_SCHEMA, cacheDirFor, cacheKeyFor, parseRecord } from '../../../src/job/cache-record.js';
import type { Report } from '../../../src/report/types.js';
import { forgetSecrets, registerSecret } from '../../../src/runner/secrets.js';
import type { JobStatus } from '../../../src/domain.js';

const KEY = 'a'.repeat(64);
const MODEL = 'tunedModels/gt-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const OP = `${MODEL}/operations/op123`;

function status(state: JobStatus['state'], over: Partial<JobStatus> = {}): JobStatus {
  return {
    job: '',
    state,
    tunedModel: MODEL,
    endpoint: MODEL,
    completedPercent: state === 'ACTIVE' ? 100 : 10,
    completedSteps: null,
    totalSteps: null,
    snapshots: [],
    error: null,
    hyperparameters: null,
    ...over,
  };
}

function report(over: Partial<Report> = {}): Report {
  return {
    schemaVersion: 1,
    backend: 'gemini-api',
    baseModel: 'models/gemini-1.5-flash-001-tuning',
    displayName: 'x',
    tunedModel: MODEL,
    endpoint: MODEL,
    state: 'ACTIVE',
    job: OP,
    cacheHit: false,
    contentKey: KEY,
    hyperparameters: {
      epochCount: 5,
      batchSize: 4,
      learningRate: null,
      learningRateMultiplier: null,
      adapterSize: null,
    },
    dataset: null,
    snapshots: [
      { step: 1, epoch: 1, meanLoss: 2.5 },
      { step: 2, epoch: 1, meanLoss: 1.25 },
    ],
    finalLoss: 1.25,
    eval: null,
    gates: [],
    timings: {},
    error: null,
    resumeWith: null,
    runUrl: null,
    startedAt: '2026-11-22T06:00:00.000Z',
    finishedAt: '2026-11-22T06:01:00.000Z',
    ...over,
  };
}

/** An in-memory cache service: saveCache snapshots the directories' files, restoreCache writes them back. */
class MemoryStore implements CacheStore {
  entries = new Map<string, Map<string, Map<string, string>>>();
  saves = 0;
  restores = 0;
  isFeatureAvailable(): boolean {
    return true;
  }
  async restoreCache(paths: string[], key: string): Promise<string | undefined> {
    this.restores++;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    for (const [dir, files] of entry) {
      mkdirSync(dir, { recursive: true });
      for (const [name, text] of files) writeFileSync(join(dir, name), text);
    }
    return key;
  }
  async saveCache(paths: string[], key: string): Promise<number> {
    this.saves++;
    if (this.entries.has(key)) return -1;
    const entry = new Map<string, Map<string, string>>();
    for (const dir of paths) {
      entry.set(dir, new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')])));
    }
    this.entries.set(key, entry);
    return this.entries.size;
  }
}

function backendWith(statusOf: (name: string) => Promise<JobStatus>): TuningBackend & { calls: string[] } {
  const calls: string[] = [];
  return {
    name: 'gemini-api',
    defaultBaseModel: 'models/gemini-1.5-flash-001-tuning',
    calls,
    status: (name: string) => {
      calls.push(name);
      return statusOf(name);
    },
    create: () => Promise.reject(new Error('not used')),
    cancel: () => Promise.reject(new Error('not used')),
    findByContentKey: () => Promise.reject(new Error('not used')),
    generate: () => Promise.reject(new Error('not used')),
  };
}

let temp: string;
let env: NodeJS.ProcessEnv;
let stdout: string;
beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'model-cache-'));
  env = { RUNNER_TEMP: temp, ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/', ACTIONS_CACHE_SERVICE_V2: 'true' };
  stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(temp, { recursive: true, force: true });
  forgetSecrets();
});

describe('cache key and record', () => {
  it('is a valid Actions cache key naming the backend and the content key', () => {
    const key = cacheKeyFor('vertex-ai', KEY);
    expect(key).toBe(`gemini-tune-vertex-ai-${KEY}`);
    expect(key.length).toBeLessThanOrEqual(512);
    expect(key).not.toContain(',');
  });

  it('puts the entry in a directory under RUNNER_TEMP named by the content key', () => {
    const dir = cacheDirFor({ RUNNER_TEMP: '/home/runner/work/_temp' }, KEY);
    expect(dir).toBe(`/home/runner/work/_temp/gemini-tune-cache/${KEY}`);
  });

  it('accepts only a record of ours for the same backend and content key', () => {
    const good = {
      schema: RECORD_SCHEMA,
      backend: 'gemini-api',
      contentKey: KEY,
      baseModel: 'b',
      tunedModel: MODEL,
      endpoint: MODEL,
      job: OP,
      savedAt: 'now',
      runUrl: null,
    };
    const expectFor = { backend: 'gemini-api' as const, contentKey: KEY };
    expect(parseRecord(JSON.stringify(good), expectFor)).toEqual(good);
    expect(parseRecord(JSON.stringify({ ...good, backend: 'vertex-ai' }), expectFor)).toBeNull();
    expect(parseRecord(JSON.stringify({ ...good, contentKey: 'b'.repeat(64) }), expectFor)).toBeNull();
    expect(parseRecord(JSON.stringify({ ...good, schema: 'other' }), expectFor)).toBeNull();
    expect(parseRecord(JSON.stringify({ ...good, tunedModel: 7 }), expectFor)).toBeNull();
    expect(parseRecord(JSON.stringify({ ...good, tunedModel: null, job: '' }), expectFor)).toBeNull();
    expect(parseRecord('{not json', expectFor)).toBeNull();
    expect(parseRecord('null', expectFor)).toBeNull();
  });
});

describe('ModelCache', () => {
  it('without a cache service does not even load @actions/cache, and misses', async () => {
    const loadStore = vi.fn(async () => new MemoryStore());
    const cache = new ModelCache({ backend: 'gemini-api', env: { RUNNER_TEMP: temp }, loadStore });
    const backend = backendWith(async () => status('ACTIVE'));
    expect(await cache.lookup(backend, KEY)).toBeNull();
    expect(await cache.save(KEY, status('ACTIVE', { job: OP }), report(), 'b')).toBe(false);
    expect(loadStore).not.toHaveBeenCalled();
    expect(backend.calls).toEqual([]);
    expect(stdout).toContain('Actions cache: not available here');
  });

  it('round trip: saves record and report, then a new run reuses the model after checking it is ACTIVE', async () => {
    const store = new MemoryStore();
    const first = new ModelCache({ backend: 'gemini-api', env, loadStore: async () => store });
    expect(await first.save(KEY, status('ACTIVE', { job: OP }), report(), 'models/base')).toBe(true);
    const saved = store.entries.get(cacheKeyFor('gemini-api', KEY));
    expect(saved).toBeDefined();
    const [dir, files] = [...saved!][0]!;
    expect(basename(dir)).toBe(KEY);
    expect(JSON.parse(files.get('record.json')!)).toMatchObject({ tunedModel: MODEL, job: OP, contentKey: KEY });
    expect(JSON.parse(files.get('report.json')!)).toMatchObject({ finalLoss: 1.25 });

    rmSync(dir, { recursive: true, force: true });
    const second = new ModelCache({ backend: 'gemini-api', env, loadStore: async () => store });
    // The service reports the model ACTIVE but (like a tunedModels.get) knows no operation and no snapshots.
    const backend = backendWith(async () => status('ACTIVE'));
    const hit = await second.lookup(backend, KEY);
    expect(backend.calls).toEqual([MODEL]);
    expect(hit?.status).toMatchObject({ state: 'ACTIVE', tunedModel: MODEL, job: OP });
    expect(hit?.status.snapshots.map((s) => s.meanLoss)).toEqual([2.5, 1.25]);
    // Restored by this run: saving again is skipped without asking the service.
    const saves = store.saves;
    expect(await second.save(KEY, hit!.status, report(), 'models/base')).toBe(false);
    expect(store.saves).toBe(saves);
  });

  it('a recorded model that is gone, FAILED or still CREATING is a miss', async () => {
    const store = new MemoryStore();
    await new ModelCache({ backend: 'gemini-api', env, loadStore: async () => store }).save(
      KEY,
      status('ACTIVE', { job: OP }),
      report(),
      'b',
    );
    const gone = backendWith(async () => {
      throw new GoogleApiError('not found', 404, 'NOT_FOUND');
    });
    expect(
      await new ModelCache({ backend: 'gemini-api', env, loadStore: async () => store }).lookup(gone, KEY),
    ).toBeNull();
    for (const state of ['FAILED', 'CREATING'] as const) {
      const b = backendWith(async () => status(state));
      expect(
        await new ModelCache({ backend: 'gemini-api', env, loadStore: async () => store }).lookup(b, KEY),
      ).toBeNull();
      expect(b.calls).toHaveLength(1);
    }
    expect(stdout).toContain('is recorded but is FAILED, not ACTIVE');
  });

  it('an entry of the other backend or another key is never used', async () => {
    const store = new MemoryStore();
    await new ModelCache({ backend: 'vertex-ai', env, loadStore: async () => store }).save(
      KEY,
      status('ACTIVE', { job: 'projects/p/locations/l/tuningJobs/1' }),
      report(),
      'b',
    );
    const backend = backendWith(async () => status('ACTIVE'));
    expect(
      await new ModelCache({ backend: 'gemini-api', env, loadStore: async () => store }).lookup(backend, KEY),
    ).toBeNull();
    expect(backend.calls).toEqual([]);
  });

  it('a record that does not parse is ignored with a notice', async () => {
    const store = new MemoryStore();
    const dir = cacheDirFor(env, KEY);
    store.entries.set(cacheKeyFor('gemini-api', KEY), new Map([[dir, new Map([['record.json', '{"schema":"x"}']])]]));
    const backend = backendWith(async () => status('ACTIVE'));
    expect(
      await new ModelCache({ backend: 'gemini-api', env, loadStore: async () => store }).lookup(backend, KEY),
    ).toBeNull();
    expect(backend.calls).toEqual([]);
    expect(stdout).toContain('::notice::Actions cache: the entry');
  });

  it('every cache error is a miss with a notice, never a failure', async () => {
    const failing: CacheStore = {
      isFeatureAvailable: () => true,
      restoreCache: () => Promise.reject(new Error('twirp exploded')),
      saveCache: () => Promise.reject(new Error('upload exploded')),
    };
    const cache = new ModelCache({ backend: 'gemini-api', env, loadStore: async () => failing });
    const backend = backendWith(async () => status('ACTIVE'));
    expect(await cache.lookup(backend, KEY)).toBeNull();
    expect(await cache.save(KEY, status('ACTIVE', { job: OP }), report(), 'b')).toBe(false);
    expect(stdout).toContain('::notice::Actions cache: lookup failed, treated as a miss (twirp exploded)');
    expect(stdout).toContain('::notice::Actions cache: could not save');
    // A failure loading the module itself is a miss too.
    const broken = new ModelCache({
      backend: 'gemini-api',
      env,
      loadStore: () => Promise.reject(new Error('cannot load')),
    });
    expect(await broken.lookup(backend, KEY)).toBeNull();
  });

  it("turns @actions/cache's own error and warning annotations into notices", async () => {
    const core = await import('@actions/core');
    const loud: CacheStore = {
      isFeatureAvailable: () => true,
      restoreCache: async () => {
        core.error('Failed to restore: Failed request: (503) Service Unavailable');
        core.warning('Failed to restore: Unable to make request: ECONNRESET');
        return undefined;
      },
      saveCache: async () => {
        core.error('Failed to save: boom');
        return -1;
      },
    };
    const cache = new ModelCache({ backend: 'gemini-api', env, loadStore: async () => loud });
    expect(
      await cache.lookup(
        backendWith(async () => status('ACTIVE')),
        KEY,
      ),
    ).toBeNull();
    expect(await cache.save(KEY, status('ACTIVE', { job: OP }), report(), 'b')).toBe(false);
    expect(stdout).not.toMatch(/::(error|warning)/);
    expect(stdout).toContain('::notice::Actions cache: Failed to restore: Failed request: (503)');
    expect(stdout).toContain('::notice::Actions cache: Failed to save: boom');
    // Outside the cache calls, annotations are untouched.
    core.error('after');
    expect(stdout).toContain('::error::after');
  });

  it('a restore that hangs is given up on after the timeout', async () => {
    const hanging: CacheStore = {
      isFeatureAvailable: () => true,
      restoreCache: () => new Promise(() => undefined),
      saveCache: () => new Promise(() => undefined),
    };
    const cache = new ModelCache({
      backend: 'gemini-api',
      env,
      loadStore: async () => hanging,
      restoreTimeoutMs: 30,
      saveTimeoutMs: 30,
    });
    expect(
      await cache.lookup(
        backendWith(async () => status('ACTIVE')),
        KEY,
      ),
    ).toBeNull();
    expect(await cache.save(KEY, status('ACTIVE', { job: OP }), report(), 'b')).toBe(false);
    expect(stdout).toContain('cache restore took longer than');
  });

  it('saves nothing for a model that is not ACTIVE', async () => {
    const store = new MemoryStore();
    const cache = new ModelCache({ backend: 'gemini-api', env, loadStore: async () => store });
    for (const state of ['FAILED', 'CREATING', 'CANCELLED'] as const) {
      expect(await cache.save(KEY, status(state, { job: OP }), report({ state }), 'b')).toBe(false);
    }
    expect(store.saves).toBe(0);
  });

  it('scrubs registered secrets from what it saves', async () => {
    registerSecret('AIzaSy-unit-secret-0001');
    const store = new MemoryStore();
    const cache = new ModelCache({ backend: 'gemini-api', env, loadStore: async () => store });
    await cache.save(KEY, status('ACTIVE', { job: OP }), report({ error: 'oops AIzaSy-unit-secret-0001' }), 'b');
    const files = [...store.entries.values()].flatMap((e) => [...e.values()].flatMap((f) => [...f.values()]));
    expect(files.join('\n')).toContain('oops ***');
    expect(files.join('\n')).not.toContain('AIzaSy-unit-secret-0001');
  });
});

/**
 * `cache: true` end to end in-process: the real run() and the real @actions/cache 6 (not mocked)
 * against a fake of the Actions cache service that speaks its protocol (cache service v2: Twirp
 * JSON + signed blob URLs, see test/emulator/actions-cache-fake.ts), and the Gemini API emulator.
 */

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startActionsCacheFake, type ActionsCacheFake } from '../emulator/actions-cache-fake.js';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { createCalls, geminiRun } from '../helpers/harness.js';
import { runMain } from '../helpers/in-process.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

/** Polls, backoffs and training steps on virtual time: the file runs in about the time its HTTP calls take. */
const clock = new VirtualClock();

const API_KEY = 'integration-cache-key-0123456789';
let emu: Emulator;
let gh: GitHubFake;
let fake: ActionsCacheFake;
let runnerTemp: string;

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now, apiKeys: [API_KEY], training: { tunable: true, stepMs: 5 } });
  gh = await startGitHubFake();
  fake = await startActionsCacheFake();
});
afterAll(async () => {
  await emu.close();
  await gh.close();
  await fake.close();
});
beforeEach(() => {
  emu.reset();
  emu.configure({ training: { stepMs: 5, outcome: 'ACTIVE' } });
  fake.reset();
  // Like a hosted runner: the same RUNNER_TEMP in every job (the path is part of the entry's version).
  runnerTemp = mkdtempSync(join(tmpdir(), 'gemini-tune-cache-it-'));
});

/** One run of the action on push to main (or another ref), with the cache service when `cacheEnv` is given. */
function action(cacheEnv: Record<string, string> | null, inputs: Record<string, string> = {}) {
  return geminiRun(
    { emu, gh, apiKey: API_KEY },
    { 'eval-data': '', ...inputs },
    { event: 'push', extra: { RUNNER_TEMP: runnerTemp, ...(cacheEnv ?? {}) } },
  );
}

const twirpCalls = (): string[] => fake.requests.filter((r) => !r.call.startsWith('blob:')).map((r) => r.call);

describe('@actions/cache 6 against the fake cache service (the protocol)', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'cache-proto-'));
  });

  async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
    const saved = { ...process.env };
    Object.assign(process.env, vars, { RUNNER_TEMP: work, GITHUB_WORKSPACE: work });
    try {
      return await fn();
    } finally {
      process.env = saved;
    }
  }

  it('saves, restores, refuses a second save of the same key, and scopes entries by ref', async () => {
    const cache = await import('@actions/cache');
    const dir = join(work, 'entry');
    mkdirSync(dir);
    writeFileSync(join(dir, 'record.json'), '{"hello":"cache"}');
    const main = fake.token({ write: 'refs/heads/main' });

    expect(await withEnv(fake.env(main), async () => cache.isFeatureAvailable())).toBe(true);
    const id = await withEnv(fake.env(main), () => cache.saveCache([dir], 'k-1'));
    expect(id).toBeGreaterThan(0);
    expect(fake.entries()).toMatchObject([{ key: 'k-1', scope: 'refs/heads/main', finalized: true }]);
    expect(fake.requests.map((r) => `${r.call} ${r.status}`)).toEqual([
      'CreateCacheEntry 200',
      'blob:PUT 201',
      'FinalizeCacheEntryUpload 200',
    ]);

    rmSync(dir, { recursive: true });
    expect(await withEnv(fake.env(main), () => cache.restoreCache([dir], 'k-1'))).toBe('k-1');
    expect(readFileSync(join(dir, 'record.json'), 'utf8')).toBe('{"hello":"cache"}');

    // Same key again: the service refuses, the library logs and returns -1.
    expect(await withEnv(fake.env(main), () => cache.saveCache([dir], 'k-1'))).toBe(-1);

    // A pull request reads its base branch's entries; another branch does not see them.
    const pr = fake.token({ write: 'refs/pull/7/merge', read: ['refs/pull/7/merge', 'refs/heads/main'] });
    const other = fake.token({ write: 'refs/heads/feature', read: ['refs/heads/feature'] });
    expect(await withEnv(fake.env(pr), () => cache.restoreCache([dir], 'k-1', [], { lookupOnly: true }))).toBe('k-1');
    expect(await withEnv(fake.env(other), () => cache.restoreCache([dir], 'k-1', [], { lookupOnly: true }))).toBe(
      undefined,
    );
    // The version covers the paths: another path is another entry.
    expect(
      await withEnv(fake.env(main), () =>
        cache.restoreCache([join(work, 'elsewhere')], 'k-1', [], { lookupOnly: true }),
      ),
    ).toBe(undefined);
    // Evicted: gone.
    expect(fake.evict('k-')).toBe(1);
    expect(await withEnv(fake.env(main), () => cache.restoreCache([dir], 'k-1'))).toBe(undefined);
    // A token the service does not know is refused (401), which the library reports as a miss.
    expect(await withEnv(fake.env('not-a-token'), () => cache.restoreCache([dir], 'k-1'))).toBe(undefined);
    expect(fake.requests.at(-1)).toMatchObject({ call: 'GetCacheEntryDownloadURL', status: 401 });
  });
});

describe('run() with cache: true', () => {
  it('re-running with identical inputs reuses the model through the Actions cache: no create', async () => {
    const token = fake.token({ write: 'refs/heads/main' });
    const first = action(fake.env(token));
    const r1 = await runMain(first, { clock });
    expect(r1.exitCode).toBe(0);
    expect(first.outputs()).toMatchObject({ state: 'ACTIVE', 'cache-hit': 'false' });
    expect(createCalls(emu)).toBe(1);
    const report1 = JSON.parse(readFileSync(first.outputs()['report-path']!, 'utf8'));
    const key = `gemini-tune-gemini-api-${report1.contentKey as string}`;
    expect(fake.entries()).toMatchObject([{ key, scope: 'refs/heads/main', finalized: true }]);
    expect(r1.stdout).toContain(`Actions cache: saved ${key}`);

    fake.requests.length = 0;
    const second = action(fake.env(token));
    const r2 = await runMain(second, { clock });
    expect(r2.exitCode).toBe(0);
    expect(createCalls(emu)).toBe(1);
    expect(twirpCalls()).toEqual(['GetCacheEntryDownloadURL']);
    expect(fake.requests.map((r) => r.call)).toContain('blob:GET');
    expect(r2.stdout).toContain('Cache hit (Actions cache)');
    const out = second.outputs();
    // The record knows the operation that built the model: the remote lookup alone could not say.
    expect(out).toMatchObject({
      state: 'ACTIVE',
      'cache-hit': 'true',
      'tuned-model': first.outputs()['tuned-model'],
      job: first.outputs()['job'],
    });
    const report2 = JSON.parse(readFileSync(out['report-path']!, 'utf8'));
    expect(report2).toMatchObject({ cacheHit: true, job: report1.job, finalLoss: report1.finalLoss });
    expect(second.summary()).toContain('**Cache:** hit');
  });

  for (const [name, setup] of [
    ['no cache service (a local run)', () => null],
    ['the entry was evicted', () => (fake.evict(), fake.env(fake.token()))],
    [
      'the entry belongs to a branch this run cannot read',
      () => fake.env(fake.token({ write: 'refs/heads/feature', read: ['refs/heads/feature'] })),
    ],
    ['the cache service resets connections', () => (fake.setFault('reset'), fake.env(fake.token()))],
    ['the cache service rate-limits', () => (fake.setFault('rate-limit'), fake.env(fake.token()))],
  ] as const) {
    it(`falls back to the remote lookup when ${name}: cache-hit, no create`, async () => {
      const first = action(fake.env(fake.token()));
      expect((await runMain(first, { clock })).exitCode).toBe(0);
      expect(createCalls(emu)).toBe(1);
      expect(fake.entries()).toHaveLength(1);

      const env = setup();
      const second = action(env);
      const r2 = await runMain(second, { clock });
      expect(r2.exitCode).toBe(0);
      expect(createCalls(emu)).toBe(1);
      expect(r2.stdout).not.toContain('Cache hit (Actions cache)');
      expect(r2.stdout).toContain('Cache hit:');
      expect(second.outputs()).toMatchObject({
        state: 'ACTIVE',
        'cache-hit': 'true',
        'tuned-model': first.outputs()['tuned-model'],
      });
      expect(JSON.parse(readFileSync(second.outputs()['report-path']!, 'utf8')).cacheHit).toBe(true);
      // Never a failure, never an error annotation of ours.
      expect(r2.stdout).not.toMatch(/::error::/);
    });
  }

  it('a cache entry whose model was deleted is a miss: the model is tuned again', async () => {
    const token = fake.token();
    const first = action(fake.env(token));
    expect((await runMain(first, { clock })).exitCode).toBe(0);
    emu.reset(); // the tuned model is gone; the cache entry stays
    emu.configure({ training: { stepMs: 5, outcome: 'ACTIVE' } });
    const second = action(fake.env(token));
    const r2 = await runMain(second, { clock });
    expect(r2.exitCode).toBe(0);
    expect(r2.stdout).toContain('is recorded but no longer there');
    expect(createCalls(emu)).toBe(1);
    expect(second.outputs()).toMatchObject({ state: 'ACTIVE', 'cache-hit': 'false' });
  });

  it('cache: false never talks to the cache service', async () => {
    const runner = action(fake.env(fake.token()), { cache: 'false' });
    expect((await runMain(runner, { clock })).exitCode).toBe(0);
    expect(fake.requests).toHaveLength(0);
    expect(runner.outputs()['cache-hit']).toBe('false');
  });

  it('a FAILED run saves no entry', async () => {
    emu.configure({ training: { stepMs: 5, outcome: 'FAILED' } });
    const runner = action(fake.env(fake.token()));
    expect((await runMain(runner, { clock })).exitCode).toBe(1);
    expect(fake.requests).toHaveLength(1); // the lookup only
    expect(fake.entries()).toHaveLength(0);
  });
});

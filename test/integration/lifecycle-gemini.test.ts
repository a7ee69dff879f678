/**
 * Issue 17 on the Gemini API (with the emulator's tunable model on): it has no labels, so the
 * marks live at the end of the tuned model's description (`tunedModels.patch`,
 * `updateMask=description`); cleanup ends in `tunedModels.delete`, promote moves the release mark.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { runMain } from '../helpers/in-process.js';
import { createCalls, geminiRun } from '../helpers/harness.js';
import type { RunnerEnvOptions } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const clock = new VirtualClock();
const API_KEY = 'lifecycle-key-0123456789';
let emu: Emulator;
let gh: GitHubFake;

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now, apiKeys: [API_KEY], training: { tunable: true, stepMs: 10 } });
  gh = await startGitHubFake();
});
afterAll(async () => {
  await emu.close();
  await gh.close();
});
beforeEach(() => {
  emu.reset();
  emu.configure({ training: { stepMs: 10, outcome: 'ACTIVE' }, generate: { latencyMs: 0 } });
});

const action = (inputs: Record<string, string> = {}, opts: Omit<RunnerEnvOptions, 'inputs'> = {}) =>
  geminiRun({ emu, gh, apiKey: API_KEY }, { 'eval-data': '', ...inputs }, opts);
const description = async (model: string): Promise<string | null> => {
  const r = await fetch(`${emu.url}/v1beta/${model}`, { headers: { 'x-goog-api-key': API_KEY } });
  return r.status === 200 ? (((await r.json()) as { description?: string }).description ?? '') : null;
};

async function run(inputs: Record<string, string>, opts: Omit<RunnerEnvOptions, 'inputs'>) {
  const runner = action(inputs, opts);
  const result = await runMain(runner, { clock });
  expect(result.stdout).not.toContain('::error');
  expect(result.exitCode).toBe(0);
  return runner.outputs();
}

describe('the Gemini API: marks in the description (issue 17)', () => {
  it('tune marks, a cache hit adds its pull request, promote marks the release, cleanup keeps and then deletes', async () => {
    gh.addPullRequest('octo-org', 'number-tuner', { number: 501, headSha: 'a'.repeat(40) });
    gh.addPullRequest('octo-org', 'number-tuner', { number: 502, headSha: 'a'.repeat(40) });
    const model = (await run({ description: 'number tuner' }, { prNumber: 501 }))['tuned-model']!;
    expect(await description(model)).toBe('number tuner [gemini-tune repo=987654321 pr=501]');
    expect((await run({ description: 'number tuner' }, { prNumber: 502 }))['cache-hit']).toBe('true');
    expect(await description(model)).toBe('number tuner [gemini-tune repo=987654321 pr=501,502]');
    expect(createCalls(emu)).toBe(1);

    const promoted = await run(
      { mode: 'promote', description: 'number tuner', 'release-label': 'stable' },
      { event: 'push' },
    );
    expect(promoted).toMatchObject({ 'tuned-model': model, 'cache-hit': 'true' });
    expect(await description(model)).toBe('number tuner [gemini-tune repo=987654321 pr=501,502 release=stable]');

    const cleanup = { mode: 'cleanup', 'training-data': '' };
    gh.closePullRequest('octo-org', 'number-tuner', 501);
    expect(await run(cleanup, { prNumber: 501, prAction: 'closed' })).toMatchObject({ deleted: '0', kept: '1' });
    expect(await description(model)).toBe('number tuner [gemini-tune repo=987654321 pr=502 release=stable]');
    gh.closePullRequest('octo-org', 'number-tuner', 502);
    expect(await run(cleanup, { prNumber: 502, prAction: 'closed' })).toMatchObject({ deleted: '0', kept: '1' });
    // Released: never deleted, and no pull request's mark is left on it.
    expect(await description(model)).toBe('number tuner [gemini-tune repo=987654321 release=stable]');
  });

  it('a model only its own pull request used is deleted when it closes', async () => {
    gh.addPullRequest('octo-org', 'number-tuner', { number: 503, headSha: 'a'.repeat(40) });
    const model = (await run({ 'epoch-count': '3' }, { prNumber: 503 }))['tuned-model']!;
    gh.closePullRequest('octo-org', 'number-tuner', 503);
    const out = await run({ mode: 'cleanup', 'training-data': '' }, { prNumber: 503, prAction: 'closed' });
    expect(out).toMatchObject({ deleted: '1', kept: '0' });
    expect(await description(model)).toBeNull();
  });
});

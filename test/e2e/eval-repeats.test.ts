/**
 * Issue 14, against the bundled dist/ as the runner runs it: `eval-repeats: 5` on an emulator whose
 * answers vary from call to call reports flaky cases and an interval that holds the pass rate, and a
 * second run on the same answers reports the same interval; the outputs carry it.
 */

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { geminiRun } from '../helpers/harness.js';
import { DIST_MAIN, runNode } from '../helpers/runner-env.js';

const API_KEY = 'AIzaSyE2E-eval-repeats-key-0123';
let emu: Emulator;
let gh: GitHubFake;

beforeAll(async () => {
  emu = await startEmulator({ apiKeys: [API_KEY], training: { tunable: true, stepMs: 15 } });
  gh = await startGitHubFake();
});
afterAll(async () => {
  await emu.close();
  await gh.close();
});

async function once(pr: number) {
  emu.reset();
  emu.configure({ training: { stepMs: 15, outcome: 'ACTIVE' }, generate: { latencyMs: 0, variation: 0.3 } });
  const runner = geminiRun(
    { emu, gh, apiKey: API_KEY },
    { 'eval-repeats': '5', 'eval-baseline': 'base', 'comment-key': `repeats-${pr}` },
    { prNumber: pr },
  );
  const main = await runNode(DIST_MAIN, runner.env);
  expect(main.code, main.stdout + main.stderr).toBe(0);
  const outputs = runner.outputs();
  return { outputs, report: JSON.parse(readFileSync(outputs['report-path']!, 'utf8')) };
}

describe('dist/: eval-repeats', () => {
  it('flaky cases, an interval holding the pass rate, the same interval for the same answers', async () => {
    const first = await once(41);
    const e = first.report.eval;
    expect(e.repeats).toBe(5);
    expect(e.flaky).toBeGreaterThan(0);
    expect(e.cases.some((c: { flaky: boolean }) => c.flaky)).toBe(true);
    const [low, high] = e.passRateInterval as [number, number];
    expect(low).toBeLessThanOrEqual(e.passRate);
    expect(high).toBeGreaterThanOrEqual(e.passRate);
    expect(first.outputs['pass-rate-low']).toBe(String(low));
    expect(first.outputs['pass-rate-high']).toBe(String(high));
    expect(first.outputs['baseline-pass-rate']).toBe(String(e.comparison.baselinePassRate));
    expect(first.outputs['regressions']).toBe(String(e.comparison.regressions.length));
    expect(e.comparison.pValue).toBeGreaterThan(0);
    const second = await once(42);
    expect(second.report.eval.passRateInterval).toEqual(e.passRateInterval);
    expect(second.report.eval.passRate).toBe(e.passRate);
  });
});

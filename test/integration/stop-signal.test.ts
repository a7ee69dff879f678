/**
 * The runner's stop signal (SIGINT) at moments the end-to-end tests cannot aim at: while the create
 * is still under way. The signal is watched for the whole run, so the job the create makes is
 * cancelled (deleted) as soon as it exists, and the run still reports. In process: the signal is
 * emitted to this process's listeners, as the runner's would be.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/util/clock.js';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { createCalls, deleteCalls, geminiRun } from '../helpers/harness.js';
import { runMain, runPostStep } from '../helpers/in-process.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const API_KEY = 'stop-signal-key-0123456789';
const clock = new VirtualClock();
let emu: Emulator;
let gh: GitHubFake;

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now, apiKeys: [API_KEY], training: { stepMs: 60_000 } });
  gh = await startGitHubFake();
});
afterAll(async () => {
  await emu.close();
  await gh.close();
});
beforeEach(() => emu.reset());

/** The run's clock, which sends SIGINT the first time the run waits after the create was refused. */
function signalAfterFirstCreate(): Clock {
  let sent = false;
  return {
    now: clock.now,
    timeout: clock.timeout,
    sleep: (ms, signal) => {
      if (!sent && createCalls(emu) > 0) {
        sent = true;
        process.emit('SIGINT', 'SIGINT');
      }
      return clock.sleep(ms, signal);
    },
  };
}

describe('a stop signal while the create is under way', () => {
  it('deletes the job as soon as the create makes it, reports CANCELLED, and leaves the post step nothing', async () => {
    emu.faults.add({ method: 'POST', path: /^\/v1beta\/tunedModels$/, kind: 'status', status: 503, times: 1 });
    const runner = geminiRun({ emu, gh, apiKey: API_KEY }, { 'eval-data': '' }, { event: 'push' });
    const result = await runMain(runner, { clock: signalAfterFirstCreate() });
    expect(result.exitCode).toBe(1);
    expect(createCalls(emu)).toBe(2);
    expect(result.stdout).toContain('::warning::Received SIGINT: deleting tunedModels/');
    expect(deleteCalls(emu)).toBe(1);
    expect(emu.tunedModels()).toEqual([]);
    expect(runner.outputs()['state']).toBe('CANCELLED');
    expect(runner.state()['settled']).toBe('true');
    expect(result.stdout).toContain(
      '::error::gemini-tune failed with: the run was cancelled; the tuning job was cancelled with it',
    );
    const post = await runPostStep(runner, { clock });
    expect(post.exitCode).toBe(0);
    expect(deleteCalls(emu)).toBe(1);
  });

  it('with cancel-on-abort: false, nothing is cancelled: the run goes on and leaves the job to resume', async () => {
    emu.faults.add({ method: 'POST', path: /^\/v1beta\/tunedModels$/, kind: 'status', status: 503, times: 1 });
    const runner = geminiRun(
      { emu, gh, apiKey: API_KEY },
      { 'eval-data': '', 'cancel-on-abort': 'false', 'timeout-minutes': '5' },
      { event: 'push' },
    );
    // No listener is installed: the emitted signal reaches nobody, and the run goes on to its timeout (the job needs 19 minutes).
    const result = await runMain(runner, { clock: signalAfterFirstCreate() });
    expect(deleteCalls(emu)).toBe(0);
    expect(runner.outputs()['state']).toBe('CREATING');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).not.toContain('Received SIGINT');
    expect(runner.outputs()['job']).toMatch(/\/operations\//);
    const post = await runPostStep(runner, { clock });
    expect(post.stdout).toContain('nothing to clean up');
    expect(deleteCalls(emu)).toBe(0);
    expect(emu.tunedModels()).toHaveLength(1);
  });
});

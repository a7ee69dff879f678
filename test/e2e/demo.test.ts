/**
 * The README's `npm run demo` (issue 13): by default the live path, Vertex AI with a Gemini 3.x
 * model, keyless auth, the validation loss charted beside the training loss; `--backend gemini-api`
 * keeps the Gemini API run. Runs the script as a user would (it runs the committed dist/).
 */

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/runner-env.js';

const demo = (...args: string[]) =>
  spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/demo.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'] },
  });

describe('npm run demo', () => {
  it('Vertex AI by default: gemini-3.5-flash, the project from the environment, two loss lines, ACTIVE', () => {
    const r = demo();
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('gemini-tune demo (vertex-ai)');
    expect(r.stdout).toMatch(/Base model:\*\* `gemini-3\.5-flash` \(vertex-ai\)/);
    expect(r.stdout).toContain('title "Loss: training (blue), validation (orange)"');
    expect(r.stdout).toMatch(/validation-loss\s+[0-9.]+/);
    // Checkpoints evaluated, the best (epoch 3 in the demo's emulator) selected.
    expect(r.stdout).toMatch(/checkpoint\s+3\n/);
    expect(r.stdout).toContain('Checkpoint 3 (epoch 3) is now the default of');
    expect(r.stdout).toMatch(/OK: state ACTIVE, tuned model projects\/\d+\/locations\/us\/models\//);
  }, 70_000);

  it('--modes: wait: false, finish while training and after, promote, cleanup (issue 17)', () => {
    const r = demo('--modes');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/commit status: pending\n/);
    expect(r.stdout).toMatch(/finished=0 · pending=1/);
    expect(r.stdout).toMatch(/commit status: pending → success/);
    expect(r.stdout).toContain("the pull request's job, not a new one: true");
    expect(r.stdout).toMatch(/deleted=0 · kept=1/);
    expect(r.stdout).toContain('OK: tuned without a waiting runner');
  }, 70_000);

  it('--backend gemini-api keeps the Gemini API run', () => {
    const r = demo('--backend', 'gemini-api');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/OK: state ACTIVE, tuned model tunedModels\//);
  }, 70_000);
});

/**
 * Issue 12, items 2 and 4, against the bundled dist/ as the runner runs it:
 *  - an eval set with JSON nested 20,000 levels deep (JSONL, and a CSV cell for the json scorer)
 *    is a dataset problem annotated at its line, with the report and outputs written: never
 *    "Maximum call stack size exceeded";
 *  - twenty catastrophic regex cases (`^(a+)+$` against "aaaa…!") are matched off the main thread
 *    within one budget for the whole eval (5 s), not 1 s each.
 */

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { geminiRun } from '../helpers/harness.js';
import { DIST_MAIN, ROOT, runNode } from '../helpers/runner-env.js';

const API_KEY = 'AIzaSyE2E-eval-hardening-key-0123';
let emu: Emulator;
let gh: GitHubFake;
let dir: string;

beforeAll(async () => {
  emu = await startEmulator({ apiKeys: [API_KEY], training: { tunable: true, stepMs: 15 } });
  gh = await startGitHubFake();
  // Inside the workspace (the repository: GITHUB_WORKSPACE of the runner environment), git-ignored.
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  dir = mkdtempSync(join(ROOT, '.tmp', 'eval-hardening-'));
});
afterAll(async () => {
  await emu.close();
  await gh.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  emu.reset();
  emu.configure({ training: { stepMs: 15, outcome: 'ACTIVE' }, generate: { latencyMs: 0 } });
});

const DEPTH = 20_000;
const deep = '['.repeat(DEPTH) + ']'.repeat(DEPTH);

describe('dist/: eval hardening', () => {
  for (const [name, text, line] of [
    [
      'deep.jsonl',
      `{"input": "41", "expected": "42"}\n{"input": "x", "expected": ${deep}, "scorer": "json"}\n{"input": "x", "expected": "y", "scorer": ${deep}}\n`,
      2,
    ],
    ['deep.csv', `input,expected,scorer\n41,42,exact\nx,"${deep}",json\n`, 3],
  ] as const) {
    it(`deeply nested JSON in ${name}: a dataset problem at its line, report and outputs written`, async () => {
      const file = join(dir, name);
      writeFileSync(file, text);
      const runner = geminiRun(
        { emu, gh, apiKey: API_KEY },
        { 'eval-data': file, 'comment-key': name },
        { prNumber: 31 },
      );
      const main = await runNode(DIST_MAIN, runner.env);
      expect(`${main.stdout}\n${main.stderr}`).not.toMatch(/Maximum call stack|RangeError/);
      expect(main.code).toBe(1);
      expect(main.stdout).toMatch(
        new RegExp(
          `::error [^\\n]*file=[^\\n]*${name.replace('.', '\\.')},line=${line}::[^\\n]*nested more than 64 levels deep`,
        ),
      );
      expect(emu.requests.filter((r) => r.method === 'POST' && /\/tunedModels(\?|$)/.test(r.path))).toHaveLength(0);
      const out = runner.outputs();
      expect(out['state']).toBeTruthy();
      const report = JSON.parse(readFileSync(out['report-path']!, 'utf8')) as {
        problems: { line: number | null; message: string }[];
      };
      expect(report.problems.some((p) => p.line === line && /nested more than 64 levels deep/.test(p.message))).toBe(
        true,
      );
      expect(runner.summary()).toContain('nested more than 64 levels deep');
    });
  }

  it('twenty catastrophic regex cases finish within the regex budget, off the main thread', async () => {
    const file = join(dir, 'catastrophic.jsonl');
    const lines = Array.from(
      { length: 20 },
      (_, i) => `{"id": "evil-${i}", "input": "backtrack", "expected": "^(a+)+$", "scorer": "regex"}`,
    );
    lines.push('{"id": "fine", "input": "greeting", "expected": "Hello", "scorer": "contains"}');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const runner = geminiRun(
      { emu, gh, apiKey: API_KEY },
      { 'training-data': 'test/fixtures/eval/train.jsonl', 'eval-data': file, 'comment-key': 'regex' },
      { prNumber: 32 },
    );
    const main = await runNode(DIST_MAIN, runner.env);
    expect(main.stderr).toBe('');
    expect(main.code).toBe(0);
    // 20 × 1 s on the main thread before; now 250 ms a case off it, within one 5 s budget.
    expect(main.ms).toBeLessThan(15_000);
    const report = JSON.parse(readFileSync(runner.outputs()['report-path']!, 'utf8'));
    const cases = report.eval.cases as {
      id: string;
      pass: boolean | null;
      reason: string | null;
      error: string | null;
    }[];
    const evil = cases.filter((c) => c.id.startsWith('evil'));
    // Past either limit (250 ms a case, 5 s in all) a case is an error, not a failure.
    expect(evil.every((c) => c.pass === null && c.error !== null)).toBe(true);
    const timedOut = evil.filter((c) => /timed out after 250 ms/.test(c.error ?? '')).length;
    const skipped = evil.filter((c) =>
      /regex time budget \(5000 ms of matching in all\) is spent/.test(c.error ?? ''),
    ).length;
    // 20 × 250 ms just fits the 5 s budget (the last one may find it spent).
    expect(timedOut).toBeGreaterThanOrEqual(19);
    expect(timedOut + skipped).toBe(20);
    expect(cases.find((c) => c.id === 'fine')).toMatchObject({ pass: true });
    expect(report.eval.errors).toBe(20);
  }, 60_000);
});

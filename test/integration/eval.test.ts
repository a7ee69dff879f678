/**
 * The eval through the real run(), in-process, over real HTTP to the Gemini API emulator and the
 * GitHub fake: every scorer, the baseline comparison (the base model, and a model by name), the
 * gates, and errors counted apart from failures.
 *
 * The emulator's stand-in model answers an input from its training set with that example's output,
 * a number with the next number, anything else with "I don't know."; the base model answers
 * "The next number is N." (see test/emulator/services/gemini/standin.ts). test/fixtures/eval/
 * trains it so that each eval case lands where its name says.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { runMain } from '../helpers/in-process.js';
import { runnerEnv, workspaceTempDir, type RunnerEnv, type RunnerEnvOptions } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { evalRegexLimits } from '../../src/eval/evaluate.js';

// The regex-catastrophic case burns its whole per-match limit: 200 ms instead of the default 250 ms.
evalRegexLimits.matchMs = 200;

/** Polls, backoffs and training steps on virtual time: the file runs in about the time its HTTP calls take. */
const clock = new VirtualClock();

const API_KEY = 'eval-integration-key-0123';
const TOKEN = 'ghs_fake_installation_token';
const OWNER = 'octo-org';
const REPO = 'number-tuner';
let emu: Emulator;
let gh: GitHubFake;

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now, apiKeys: [API_KEY], training: { tunable: true, stepMs: 5 } });
  gh = await startGitHubFake();
});
afterAll(async () => {
  await emu.close();
  await gh.close();
});
beforeEach(() => {
  emu.reset();
  emu.configure({ training: { stepMs: 5, outcome: 'ACTIVE' }, generate: { latencyMs: 0 } });
});

function action(inputs: Record<string, string> = {}, opts: Omit<RunnerEnvOptions, 'inputs'> = {}): RunnerEnv {
  return runnerEnv({
    inputs: {
      'training-data': 'test/fixtures/eval/train.jsonl',
      'eval-data': 'test/fixtures/eval/eval.jsonl',
      'api-key': API_KEY,
      'api-endpoint': emu.url,
      'github-token': TOKEN,
      ...inputs,
    },
    githubApiUrl: gh.url,
    ...opts,
  });
}

interface CaseResult {
  id: string;
  input: string;
  expected: string | null;
  scorer: string | null;
  output: string | null;
  pass: boolean | null;
  error: string | null;
  reason?: string | null;
  baselineOutput?: string | null;
  baselinePass?: boolean | null;
  baselineError?: string | null;
}

function readReport(runner: RunnerEnv): any {
  return JSON.parse(readFileSync(runner.outputs()['report-path']!, 'utf8'));
}

function byId(cases: CaseResult[]): Record<string, CaseResult> {
  return Object.fromEntries(cases.map((c) => [c.id, c]));
}

const generateCalls = (): string[] =>
  emu.requests.filter((r) => r.path.includes(':generateContent')).map((r) => r.path.replace(/\?.*$/, ''));

/** Tuned-model verdicts for test/fixtures/eval/eval.jsonl (null: not scored). */
const TUNED: Record<string, boolean | null> = {
  'exact-pass': true,
  'exact-fail': false,
  'contains-pass': true,
  'contains-case': false,
  'not-contains-pass': true,
  'not-contains-fail': false,
  'regex-pass': true,
  'regex-catastrophic': null, // past its time limit: an error, not scored
  'json-subset': true,
  'json-mismatch': false,
  'json-invalid': false,
  'json-fenced': true,
  regress: false,
  unscored: null,
};

describe('eval through run(): scorers', () => {
  it('scores every case with its scorer, records generation settings, and shows unscored output', async () => {
    const runner = action({ 'comment-key': 'scorers' }, { prNumber: 201 });
    const result = await runMain(runner, { clock });
    expect(result.stdout).not.toContain('::error');
    expect(result.exitCode).toBe(0);

    const report = readReport(runner);
    const e = report.eval;
    const cases = byId(e.cases);
    expect(Object.keys(cases)).toEqual(Object.keys(TUNED));
    for (const [id, pass] of Object.entries(TUNED)) expect({ id, pass: cases[id]!.pass }).toEqual({ id, pass });
    // The regex case past its time limit is an error: neither a pass nor a failure (v2.1 decision 18).
    expect(e).toMatchObject({ passed: 6, failed: 6, errors: 1, erroredCases: 1, unscored: 1, baselineModel: null });
    expect(e.passRate).toBeCloseTo(6 / 12, 10);
    expect(e.passRateInterval).toEqual([expect.any(Number), expect.any(Number)]);
    expect(runner.outputs()['pass-rate-low']).toBe(String(e.passRateInterval[0]));
    expect(runner.outputs()['pass-rate-high']).toBe(String(e.passRateInterval[1]));
    expect(runner.outputs()['baseline-pass-rate']).toBe('');
    expect(runner.outputs()['regressions']).toBe('');
    expect(runner.outputs()['pass-rate']).toBe(String(e.passRate));
    // No generation setting was given: none is sent (the model's own defaults), and the report says so.
    expect(e.generationConfig).toEqual({});
    const bodies = emu.requests.filter((r) => r.path.includes(':generateContent')).map((r) => JSON.parse(r.body));
    expect(bodies).toHaveLength(14);
    for (const b of bodies) {
      expect(b.generationConfig).toBeUndefined();
      expect(b.systemInstruction).toBeUndefined();
    }

    // exact trims surrounding whitespace; the scorer is recorded
    expect(cases['exact-pass']).toMatchObject({ expected: '  42\n', output: '42', scorer: 'exact', reason: null });
    expect(cases['exact-fail']!.reason).toMatch(/expected exactly "101", got "100"/);
    // contains / not-contains are case-sensitive substring tests
    expect(cases['contains-case']).toMatchObject({ scorer: 'contains', output: 'Hello, world!' });
    expect(cases['not-contains-fail']!.reason).toMatch(/output contains "Hello"/);
    // regex: /pattern/flags, and a catastrophic pattern is cut off with a reason, not hung on
    expect(cases['regex-pass']).toMatchObject({ output: '2,000', scorer: 'regex' });
    expect(cases['regex-catastrophic']!.output).toBe(`${'a'.repeat(40)}!`);
    expect(cases['regex-catastrophic']!.error).toMatch(/timed out after \d+ ms/);
    expect(cases['regex-catastrophic']!.pass).toBeNull();
    expect(result.stdout).toMatch(/::warning::eval: case regex-catastrophic \(tuned\) errored: regex .* timed out/);
    // json: a subset of the expected JSON value (extra keys and elements allowed), fences tolerated
    expect(cases['json-subset']!.expected).toBe('{"name":"Ada","langs":["fr"]}');
    expect(cases['json-mismatch']!.reason).toMatch(/\$\.age: expected 37, got 36/);
    expect(cases['json-invalid']!.reason).toMatch(/not valid JSON/);
    expect(cases['json-fenced']!.output).toMatch(/^```json\n/);
    // no expected: shown, not scored
    expect(cases['unscored']).toMatchObject({ expected: null, scorer: null, output: 'eight', pass: null });

    const summary = runner.summary();
    expect(summary).toMatch(
      /\*\*6\/12\*\* passed \(50(\.0)?%, 95% interval [0-9.]+%–[0-9.]+%\) · 1 errored \(not counted\)/,
    );
    expect(summary).toContain('1 not scored');
    expect(summary).toContain("the model's default generation settings");
    const comment = gh.comments(OWNER, REPO, 201)[0]!.body;
    expect(comment).toContain('**6/12** passed');
    // a failure shows its reason under the mark
    expect(comment).toMatch(/\| regex-catastrophic \|[^\n]*⚠️ error<br><sub>regex [^\n]*timed out after \d+ ms/);
    expect(comment).toMatch(/\| unscored \| seven \| — \| eight \| ➖ \|/);
  });

  it('counts a case whose call failed apart from failures, with the reason, never as a pass', async () => {
    // One call, the first (eval-concurrency 1 keeps the order), is refused with a Retry-After
    // too long to wait for: that case errors at once.
    emu.faults.add({ kind: 'status', status: 429, retryAfterSeconds: 600, path: ':generateContent', times: 1 });
    const runner = action({ 'eval-concurrency': '1', 'comment-key': 'errors' }, { prNumber: 202 });
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(0);
    const e = readReport(runner).eval;
    const c = byId(e.cases)['exact-pass']!;
    expect(c).toMatchObject({ output: null, pass: null });
    expect(c.error).toMatch(/^HTTP 429 RESOURCE_EXHAUSTED: .*server asked to retry after 600 s; not waiting/);
    expect(e).toMatchObject({ passed: 5, failed: 6, errors: 2, erroredCases: 2, unscored: 1 });
    expect(e.passRate).toBeCloseTo(5 / 11, 10);
    expect(result.stdout).toMatch(/::warning::eval: case exact-pass \(tuned\) errored: HTTP 429/);
    expect(runner.summary()).toContain('2 errored (not counted)');
    const comment = gh.comments(OWNER, REPO, 202)[0]!.body;
    const row = comment.split('\n').find((l) => l.startsWith('| exact-pass |')) ?? '';
    expect(row).toMatch(/⚠️ (<details><summary>)?HTTP 429 RESOURCE(_|&#95;)EXHAUSTED.*not waiting.*\| ⚠️ error \|$/);
  });
});

describe('eval through run(): baseline', () => {
  it('eval-baseline: base evaluates the base model side by side and lists regressions and improvements', async () => {
    const runner = action({ 'eval-baseline': 'base', 'comment-key': 'baseline-base' }, { prNumber: 203 });
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(0);
    const report = readReport(runner);
    const e = report.eval;
    expect(e.baselineModel).toBe(report.baseModel);
    expect(e.baselinePassRate).toBeCloseTo(3 / 13, 10);
    expect(e.regressions).toEqual(['not-contains-fail', 'regress']);
    expect(e.improvements).toEqual(['exact-pass', 'contains-pass', 'regex-pass', 'json-subset', 'json-fenced']);
    const cases = byId(e.cases);
    expect(cases['regress']).toMatchObject({
      output: 'eight',
      pass: false,
      baselineOutput: 'The next number is 8.',
      baselinePass: true,
      baselineError: null,
    });
    expect(cases['unscored']).toMatchObject({ baselineOutput: 'The next number is eight.', baselinePass: null });
    // same cases on both models
    const calls = generateCalls();
    expect(calls.filter((p) => p.startsWith(`/v1beta/${report.tunedModel}:`))).toHaveLength(14);
    expect(calls.filter((p) => p.startsWith(`/v1beta/${report.baseModel}:`))).toHaveLength(14);

    const comment = gh.comments(OWNER, REPO, 203)[0]!.body;
    expect(comment).toContain('| Baseline output | Baseline pass |');
    expect(comment).toContain('🔻 **Regressions** (baseline passed, tuned failed): **not-contains-fail**, **regress**');
    expect(comment).toContain(
      '📈 **Improvements** (baseline failed, tuned passed): **exact-pass**, **contains-pass**, **regex-pass**, **json-subset**, **json-fenced**',
    );
    expect(runner.summary()).toContain('🔻 **Regressions**');
  });

  it('eval-baseline: a model name evaluates that model, e.g. the production tuned model', async () => {
    const prod = action(
      { 'training-data': 'test/fixtures/eval/train-production.jsonl', 'eval-data': '' },
      { event: 'push' },
    );
    expect((await runMain(prod, { clock })).exitCode).toBe(0);
    const production = prod.outputs()['tuned-model']!;
    expect(production).toMatch(/^tunedModels\//);

    const runner = action({ 'eval-baseline': production, 'comment-key': 'baseline-prod' }, { prNumber: 204 });
    expect((await runMain(runner, { clock })).exitCode).toBe(0);
    const report = readReport(runner);
    const e = report.eval;
    expect(report.tunedModel).not.toBe(production);
    expect(e.baselineModel).toBe(production);
    // about the same pass rate (the baseline answered the catastrophic regex case quickly), not the same cases: that is what the lists are for
    expect(e.passRate).toBeCloseTo(6 / 12, 10);
    expect(e.baselinePassRate).toBeCloseTo(6 / 13, 10);
    expect(e.comparison).toEqual({
      baselinePassRate: e.baselinePassRate,
      regressions: ['not-contains-fail', 'regress'],
      improvements: ['json-subset', 'json-fenced'],
      pValue: 1,
      significant: false,
    });
    expect(runner.outputs()['regressions']).toBe('2');
    expect(runner.outputs()['baseline-pass-rate']).toBe(String(e.baselinePassRate));
    expect(e.regressions).toEqual(['not-contains-fail', 'regress']);
    expect(e.improvements).toEqual(['json-subset', 'json-fenced']);
    expect(byId(e.cases)['regress']).toMatchObject({ output: 'eight', baselineOutput: '8', baselinePass: true });
    expect(generateCalls().filter((p) => p.startsWith(`/v1beta/${production}:generateContent`))).toHaveLength(14);

    const comment = gh.comments(OWNER, REPO, 204)[0]!.body;
    expect(comment).toContain(`baseline \`${production}\``);
    expect(comment).toContain('🔻 **Regressions** (baseline passed, tuned failed): **not-contains-fail**, **regress**');
    expect(comment).toContain('📈 **Improvements** (baseline failed, tuned passed): **json-subset**, **json-fenced**');
  });
});

describe('eval through run(): gates', () => {
  it('passes every gate it meets, each with its threshold, value and result in the report and comment', async () => {
    const runner = action(
      { 'min-pass-rate': '0.46', 'max-final-loss': '1000', 'comment-key': 'gates-pass' },
      { prNumber: 205 },
    );
    const result = await runMain(runner, { clock });
    expect(result.stdout).not.toContain('::error');
    expect(result.exitCode).toBe(0);
    const report = readReport(runner);
    expect(report.gates).toEqual([
      { name: 'min-pass-rate', threshold: 0.46, value: 6 / 12, passed: true },
      { name: 'max-final-loss', threshold: 1000, value: report.finalLoss, passed: true },
    ]);
    expect(report.finalLoss).toEqual(expect.any(Number));
    expect(report.error).toBeNull();
    const comment = gh.comments(OWNER, REPO, 205)[0]!.body;
    expect(comment).toMatch(/\| min-pass-rate \| ≥ 46(\.0)?% \| 50(\.0)?% \| ✅ passed \|/);
    expect(comment).toMatch(/\| max-final-loss \| ≤ 1,?000 \| [0-9.]+ \| ✅ passed \|/);
  });

  it('fails the step on each missed gate, only after the report, summary and comment are written', async () => {
    const runner = action(
      { 'min-pass-rate': '0.6', 'max-final-loss': '0.000001', 'comment-key': 'gates-miss' },
      { prNumber: 206 },
    );
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    const error = decodeURIComponent(/::error::gemini-tune failed with: (.*)/.exec(result.stdout)?.[1] ?? '');
    expect(error).toMatch(/gate min-pass-rate missed: 50\.0% vs threshold 60\.0%/);
    expect(error).toMatch(/gate max-final-loss missed: [0-9.]+ vs threshold 0\.000001/);
    // the report, summary and comment were written before the step failed
    expect(result.stdout.indexOf('Report written to')).toBeGreaterThan(-1);
    expect(result.stdout.indexOf('Report written to')).toBeLessThan(result.stdout.indexOf('::error::'));
    const report = readReport(runner);
    expect(report.gates).toEqual([
      { name: 'min-pass-rate', threshold: 0.6, value: 6 / 12, passed: false },
      { name: 'max-final-loss', threshold: 0.000001, value: report.finalLoss, passed: false },
    ]);
    expect(report.error).toMatch(/gate min-pass-rate missed/);
    expect(report.eval.cases).toHaveLength(14);
    expect(runner.outputs()['state']).toBe('ACTIVE');
    expect(runner.outputs()['pass-rate']).toBe(String(6 / 12));
    const summary = runner.summary();
    expect(summary).toMatch(/\| min-pass-rate \| ≥ 60(\.0)?% \| 50(\.0)?% \| ❌ missed \|/);
    expect(summary).toMatch(/\| max-final-loss \| ≤ [^|]+ \| [0-9.]+ \| ❌ missed \|/);
    const comment = gh.comments(OWNER, REPO, 206)[0]!.body;
    expect(comment).toMatch(/\| min-pass-rate \| ≥ 60(\.0)?% \| 50(\.0)?% \| ❌ missed \|/);
    expect(comment).toMatch(/\| max-final-loss \| ≤ [^|]+ \| [0-9.]+ \| ❌ missed \|/);
    expect(runner.outputs()['comment-url']).toMatch(/#issuecomment-\d+$/);
  });

  it('judges a finished model only: wait: false still exits 0 with state CREATING', async () => {
    emu.configure({ training: { stepMs: 50 } });
    const runner = action({ wait: 'false', 'min-pass-rate': '0.9', 'max-final-loss': '0.000001' }, { event: 'push' });
    const result = await runMain(runner, { clock });
    expect(result.stdout).not.toContain('::error');
    expect(result.exitCode).toBe(0);
    expect(runner.outputs()['state']).toBe('CREATING');
    const report = readReport(runner);
    expect(report.gates).toEqual([]);
    expect(report.eval).toBeNull();
  });
});

describe('eval through run(): repeats and the comparison (INTERFACE "Statistics")', () => {
  it('eval-repeats 5 on answers that vary per call: flaky cases, an interval holding the pass rate, the same on a second run', async () => {
    const once = async (pr: number) => {
      emu.reset();
      emu.configure({ training: { stepMs: 5, outcome: 'ACTIVE' }, generate: { latencyMs: 0, variation: 0.3 } });
      const runner = action({ 'eval-repeats': '5', 'comment-key': `repeats-${pr}` }, { prNumber: pr });
      const result = await runMain(runner, { clock });
      expect(result.exitCode, result.stdout).toBe(0);
      return { runner, e: readReport(runner).eval, stdout: result.stdout };
    };
    const first = await once(207);
    const { e } = first;
    expect(e.repeats).toBe(5);
    // 13 scored cases × 5 runs, the catastrophic regex case's runs errored; the unscored case ran once.
    expect(generateCalls()).toHaveLength(13 * 5 + 1);
    expect(e.runs + e.errors).toBe(65);
    const flaky = e.cases.filter((c: { flaky?: boolean }) => c.flaky);
    expect(flaky.length).toBeGreaterThan(0);
    for (const c of e.cases.filter((x: { expected: string | null }) => x.expected !== null)) {
      expect(c.passes + (c.runs - c.passes) + c.errors).toBe(5);
      if (c.runs > 0) expect(c.pass).toBe(c.passes * 2 > c.runs);
    }
    const [low, high] = e.passRateInterval;
    expect(low).toBeLessThanOrEqual(e.passRate);
    expect(high).toBeGreaterThanOrEqual(e.passRate);
    expect(low).toBeLessThan(high);
    expect(first.runner.outputs()['pass-rate-low']).toBe(String(low));
    expect(first.runner.outputs()['pass-rate-high']).toBe(String(high));
    expect(first.stdout).toMatch(/eval: pass rate [0-9.]+% \(95% interval [0-9.]+%–[0-9.]+%\): \d+\/\d+ scored runs/);
    const comment = gh.comments(OWNER, REPO, 207)[0]!.body;
    expect(comment).toMatch(/\*\*\d+\/\d+\*\* runs passed \([0-9.]+%, 95% interval [0-9.]+%–[0-9.]+%\)/);
    expect(comment).toMatch(/\d+ flaky/);

    // The same answers (the emulator's variation restarts with it): the same results and the same interval.
    const second = await once(208);
    expect(second.e.passRateInterval).toEqual(e.passRateInterval);
    expect(second.e.cases.map((c: { passes: number }) => c.passes)).toEqual(
      e.cases.map((c: { passes: number }) => c.passes),
    );
  });

  it('max-regressions: the step fails after the report when more cases regress than allowed', async () => {
    const prod = action(
      { 'training-data': 'test/fixtures/eval/train-production.jsonl', 'eval-data': '' },
      { event: 'push' },
    );
    expect((await runMain(prod, { clock })).exitCode).toBe(0);
    const production = prod.outputs()['tuned-model']!;

    // The eval set less one of its two regressing cases: exactly one regression, and max-regressions 0.
    const oneRegression = join(workspaceTempDir('regressions-'), 'eval.jsonl');
    writeFileSync(
      oneRegression,
      readFileSync('test/fixtures/eval/eval.jsonl', 'utf8')
        .split('\n')
        .filter((l) => !l.includes('"not-contains-fail"'))
        .join('\n'),
    );
    const strict = action(
      { 'eval-data': oneRegression, 'eval-baseline': production, 'max-regressions': '0', 'comment-key': 'regr' },
      { prNumber: 209 },
    );
    const result = await runMain(strict, { clock });
    expect(result.exitCode).toBe(1);
    const error = decodeURIComponent(/::error::gemini-tune failed with: (.*)/.exec(result.stdout)?.[1] ?? '');
    expect(error).toMatch(/gate max-regressions missed: 1 vs threshold 0/);
    expect(result.stdout.indexOf('Report written to')).toBeGreaterThan(-1);
    expect(result.stdout.indexOf('Report written to')).toBeLessThan(result.stdout.indexOf('::error::'));
    const report = readReport(strict);
    expect(report.gates).toEqual([{ name: 'max-regressions', threshold: 0, value: 1, passed: false }]);
    expect(report.eval.comparison).toMatchObject({
      regressions: ['regress'],
      improvements: ['json-subset', 'json-fenced'],
    });
    expect(report.eval.comparison.pValue).toBeCloseTo(1, 10); // 1 against 2: no evidence either way
    expect(report.eval.comparison.significant).toBe(false);
    expect(strict.outputs()['regressions']).toBe('1');
    const comment = gh.comments(OWNER, REPO, 209)[0]!.body;
    expect(comment).toMatch(/\| max-regressions \| ≤ 0 \| 1 \| ❌ missed \|/);
    expect(comment).toContain('McNemar p = 1.000 (not significant)');

    const lenient = action({ 'eval-baseline': production, 'max-regressions': '2' }, { event: 'push' });
    expect((await runMain(lenient, { clock })).exitCode).toBe(0);
    expect(readReport(lenient).gates).toEqual([{ name: 'max-regressions', threshold: 2, value: 2, passed: true }]);
  });
});

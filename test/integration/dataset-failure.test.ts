/**
 * A run stopped by dataset errors, through the real run(): it still writes the JSON report, the job
 * summary and (on a pull request) the sticky comment, all saying REJECTED and listing the problems,
 * escaped; an earlier run's comment is edited in place, so it no longer shows old results for the
 * new commit. The step fails with the same message as before, and nothing reaches Google.
 */

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { geminiRun } from '../helpers/harness.js';
import { runMain } from '../helpers/in-process.js';
import { commentMarker } from '../../src/github/marker.js';
import { foreignHtml, toHtml } from '../unit/report/markdown.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

/** Polls, backoffs and training steps on virtual time: the file runs in about the time its HTTP calls take. */
const clock = new VirtualClock();

const API_KEY = 'dataset-failure-key-0123456789';
const OWNER = 'octo-org';
const REPO = 'number-tuner';
const MARKER = commentMarker('Tune/tune');
let emu: Emulator;
let gh: GitHubFake;
const roots: string[] = [];

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now, apiKeys: [API_KEY], training: { tunable: true, stepMs: 5 } });
  gh = await startGitHubFake({
    tokens: { ghs_fake_installation_token: { kind: 'installation', login: 'github-actions[bot]' } },
  });
});
afterAll(async () => {
  await emu?.close();
  await gh?.close();
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});
beforeEach(() => emu.reset());
afterEach(() => expect(gh.violations).toEqual([]));

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gt-dataset-failure-'));
  roots.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const good = (n: number): string =>
  Array.from({ length: n }, (_, i) => JSON.stringify({ text_input: `q${i}`, output: `a${i}` })).join('\n') + '\n';

/** An id that tries everything: HTML, a mention, a table break, our own marker. */
const HOSTILE_ID = `@octocat <img src=x onerror=alert(1)> a | b ${MARKER}`;

/** The setFailed line the run prints (a workflow command: `%`, CR and LF escaped). */
function failure(stdout: string): string | undefined {
  const line = stdout.split('\n').findLast((l) => l.startsWith('::error::gemini-tune failed with: '));
  return line?.slice('::error::'.length).replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

interface ReportJson {
  state: string;
  error: string;
  backend: string;
  baseModel: string;
  displayName: string;
  contentKey: string | null;
  dataset: unknown;
  tunedModel: string | null;
  job: string;
  problems: { severity: string; file: string; line: number | null; column: number | null; message: string }[];
}

const readReport = (path: string | undefined): ReportJson => {
  expect(path).toBeTruthy();
  return JSON.parse(readFileSync(path as string, 'utf8')) as ReportJson;
};

describe('dataset errors on a pull request', () => {
  it('edit the earlier sticky comment to show REJECTED and the problems, escaped; write the report and summary; send nothing to Google', async () => {
    const pr = 301;
    const earlier = gh.addComment(
      OWNER,
      REPO,
      pr,
      `${MARKER}\n### ✅ Gemini tuning: ACTIVE\n\n- **Tuned model:** \`tunedModels/earlier-run-model\``,
      'github-actions[bot]',
    );
    const ws = workspace({
      // line 23: no output (an error); unknown fields named `<img src=x>` and `@octocat` (warnings)
      'train.jsonl':
        good(21) +
        JSON.stringify({ text_input: 'q', output: 'a', '<img src=x>': 1 }) +
        '\n' +
        JSON.stringify({ text_input: 'no answer', '@octocat': 2 }) +
        '\n',
      // line 2 repeats the id of line 1 (an error quoting the id)
      'eval.jsonl':
        JSON.stringify({ id: HOSTILE_ID, input: 'x', expected: 'y' }) +
        '\n' +
        JSON.stringify({ id: HOSTILE_ID, input: 'z', expected: 'w' }) +
        '\n',
    });
    const reportPath = join(ws, 'out', 'report.json');
    const runner = geminiRun(
      { emu, gh, apiKey: API_KEY },
      { 'training-data': 'train.jsonl', 'eval-data': 'eval.jsonl', 'report-path': reportPath },
      { prNumber: pr, extra: { GITHUB_WORKSPACE: ws } },
    );
    const result = await runMain(runner, { clock });

    // The step fails exactly as before.
    expect(result.exitCode).toBe(1);
    const message =
      '2 problems in train.jsonl, eval.jsonl (each annotated at its line); nothing was sent to the service';
    expect(failure(result.stdout)).toBe(`gemini-tune failed with: ${message}`);
    // Nothing reached Google: no token, no list, no create.
    expect(emu.requests).toHaveLength(0);

    // The earlier comment, edited in place: no second comment.
    const list = gh.comments(OWNER, REPO, pr);
    expect(list).toHaveLength(1);
    expect(list[0]?.id).toBe(earlier.id);
    expect(gh.requests.some((r) => r.method === 'POST' && r.path.endsWith(`/issues/${pr}/comments`))).toBe(false);
    expect(gh.requests.some((r) => r.method === 'PATCH' && r.path.endsWith(`/issues/comments/${earlier.id}`))).toBe(
      true,
    );
    const body = list[0]?.body ?? '';
    expect(body.split('\n')[0]).toBe(MARKER);
    expect(body).toContain('### ⛔ Gemini tuning: REJECTED');
    expect(body).not.toContain('ACTIVE');
    expect(body).not.toContain('earlier-run-model');
    expect(body).toContain('#### Dataset problems');
    expect(body).toContain('**2** errors and 2 warnings in the datasets; nothing was sent to the service.');
    // Errors first (the eval error before the training warnings), each with its location.
    // Each location links to its line on the pull request's head commit.
    const items = body.split('\n').filter((l) => /^- (❌|⚠️) /.test(l));
    expect(items[0]).toMatch(
      /^- ❌ \[`train\.jsonl:23`\]\(https:\/\/github\.com\/octo-org\/number-tuner\/blob\/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678\/train\.jsonl#L23\): /,
    );
    expect(items.map((l) => /^- (❌|⚠️) \[?`([^`]+)`/.exec(l)?.slice(1))).toEqual([
      ['❌', 'train.jsonl:23'],
      ['❌', 'eval.jsonl:2'],
      ['⚠️', 'train.jsonl:22'],
      ['⚠️', 'train.jsonl:23'],
    ]);
    expect(items[0]).toContain('&quot;output&quot; is missing');
    // Escaped: no raw HTML, no mention, no pipe, no second marker.
    expect(items[1]).toContain(
      'the id &quot;@\u200Boctocat &lt;img src=x onerror=alert(1)&gt; a &#124; b &lt;!-- gemini-tune:Tune/tune --&gt;&quot; is already used on line 1',
    );
    expect(items[2]).toContain('unknown field &quot;&lt;img src=x&gt;&quot; is ignored');
    expect(items[3]).toContain('unknown field &quot;@\u200Boctocat&quot; is ignored');
    expect(body).not.toContain('<img');
    expect(body).not.toMatch(/@octocat/);
    expect(body.split('<!-- gemini-tune:').length - 1).toBe(1);
    expect(foreignHtml(body.replace(MARKER, ''))).toEqual([]);
    expect(toHtml(body)).not.toMatch(/<img|@[\p{L}\p{N}]/u);
    expect(runner.outputs()['comment-url']).toBe(earlier.html_url);

    // The JSON report: REJECTED, the same reason, every problem (errors first), nothing made up.
    expect(runner.outputs()['report-path']).toBe(reportPath);
    const report = readReport(reportPath);
    expect(report).toMatchObject({
      state: 'REJECTED',
      error: message,
      backend: 'gemini-api',
      baseModel: 'models/gemini-1.5-flash-001-tuning',
      displayName: `number-tuner-pr${pr}`,
      tunedModel: null,
      job: '',
      contentKey: null,
      dataset: null,
    });
    expect(report.problems.map((p) => [p.severity, p.file, p.line, p.column])).toEqual([
      ['error', 'train.jsonl', 23, null],
      ['error', 'eval.jsonl', 2, null],
      ['warning', 'train.jsonl', 22, null],
      ['warning', 'train.jsonl', 23, null],
    ]);
    expect(report.problems[1]?.message).toBe(
      `the id "${HOSTILE_ID}" is already used on line 1: give each case a unique "id"`,
    );
    expect(report.problems[2]?.message).toContain('unknown field "<img src=x>" is ignored');
    expect(runner.outputs()['state']).toBe('REJECTED');
    expect(runner.outputs()['job']).toBe('');

    // The job summary: the same, escaped.
    const summary = runner.summary();
    expect(summary).toContain('## ⛔ Gemini tuning: REJECTED');
    expect(summary).toContain('### Dataset problems');
    expect(summary).toContain('unknown field &quot;&lt;img src=x&gt;&quot; is ignored');
    expect(summary).toContain('unknown field &quot;@\u200Boctocat&quot; is ignored');
    expect(summary).toMatch(/- ❌ \[`eval\.jsonl:2`\]\([^)]+#L2\): the id &quot;@\u200Boctocat &lt;img/);
    expect(summary).not.toContain('<img');
    expect(summary).not.toMatch(/@octocat/);
    expect(summary).not.toContain('<!-- gemini-tune:');
  });

  it('many errors: 20 in the comment, 50 in the summary, all in the JSON report', async () => {
    const pr = 302;
    const ws = workspace({ 'train.jsonl': good(22) + '{"text_input": "q"}\n'.repeat(60) });
    const runner = geminiRun(
      { emu, gh, apiKey: API_KEY },
      { 'training-data': 'train.jsonl', 'eval-data': '' },
      { prNumber: pr, extra: { GITHUB_WORKSPACE: ws } },
    );
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    expect(failure(result.stdout)).toBe(
      'gemini-tune failed with: 60 problems in train.jsonl (each annotated at its line); nothing was sent to the service',
    );
    expect(emu.requests).toHaveLength(0);

    // No earlier comment: one is written.
    const [c, ...others] = gh.comments(OWNER, REPO, pr);
    expect(others).toHaveLength(0);
    const shown = (md: string): string[] => md.split('\n').filter((l) => l.startsWith('- ❌ [`train.jsonl:'));
    expect(shown(c?.body ?? '')).toHaveLength(20);
    expect(shown(c?.body ?? '')[0]).toMatch(
      /^- ❌ \[`train\.jsonl:23`\]\([^)]+#L23\): &quot;output&quot; is missing: each example needs a non-empty &quot;output&quot; string$/,
    );
    expect(c?.body).toContain('- … and 40 more (the job summary and the JSON report list them all).');
    expect(shown(runner.summary())).toHaveLength(50);
    expect(runner.summary()).toContain('- … and 10 more (the annotations and the JSON report list them all).');
    const report = readReport(runner.outputs()['report-path']);
    expect(report.problems).toHaveLength(60);
    expect(report.problems.at(-1)).toEqual({
      severity: 'error',
      file: 'train.jsonl',
      line: 82,
      column: null,
      message: '"output" is missing: each example needs a non-empty "output" string',
    });
  });
});

describe('dataset errors outside a pull request', () => {
  it('vertex-ai on push: the report and the summary, no comment, no request anywhere', async () => {
    const ws = workspace({ 'train.jsonl': good(21) + '{"text_input": "a", "output":}\n' });
    const githubBefore = gh.requests.length;
    const runner = geminiRun(
      { emu, gh, apiKey: API_KEY },
      {
        'training-data': 'train.jsonl',
        'eval-data': '',
        'api-key': '',
        backend: 'vertex-ai',
        project: 'tuning-project',
        'staging-uri': 'gs://bucket/prefix',
      },
      { event: 'push', extra: { GITHUB_WORKSPACE: ws } },
    );
    const result = await runMain(runner, { clock });
    expect(result.exitCode).toBe(1);
    expect(failure(result.stdout)).toBe(
      'gemini-tune failed with: 1 problem in train.jsonl (each annotated at its line); nothing was sent to the service',
    );
    expect(emu.requests).toHaveLength(0);
    expect(gh.requests.length).toBe(githubBefore);

    const path = runner.outputs()['report-path'];
    expect(path && existsSync(path)).toBe(true);
    const report = readReport(path);
    expect(report).toMatchObject({ state: 'REJECTED', backend: 'vertex-ai', baseModel: 'gemini-3.5-flash' });
    expect(report.problems).toEqual([
      {
        severity: 'error',
        file: 'train.jsonl',
        line: 22,
        column: 30,
        message: expect.stringContaining('not valid JSON (unexpected "}" at column 30)') as unknown as string,
      },
    ]);
    expect(runner.summary()).toMatch(
      /- ❌ \[`train\.jsonl:22:30`\]\(https:\/\/github\.com\/[^)]+\/blob\/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678\/train\.jsonl#L22\): not valid JSON \(unexpected &quot;}&quot; at column 30\)/,
    );
    expect(runner.outputs()['comment-url']).toBe('');
  });
});

/**
 * The sticky PR comment end to end: the bundled dist/ as a child process, as the runner runs it,
 * against the Gemini API emulator and the GitHub fake (which checks every request against
 * GitHub's REST description). Covers: one comment edited across runs, one per comment-key, a
 * comment that exists while tuning runs, fork and 403 runs, events without a pull request, and a
 * hostile-output corpus rendered through the real pipeline and parsed back with a GFM parser.
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tokens } from 'marked';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { DIST_MAIN, runNode, type RunnerEnvOptions } from '../helpers/runner-env.js';
import { geminiRun } from '../helpers/harness.js';
import { commentMarker } from '../../src/github/marker.js';
import { codeBlocks, COMMENT_TAGS, foreignHtml, htmlTags, tables, toHtml } from '../unit/report/markdown.js';

const API_KEY = 'AIzaSyE2E-comment-key-0123456789abcdef';
const OWNER = 'octo-org';
const REPO = 'number-tuner';
let emu: Emulator;
let gh: GitHubFake;

beforeAll(async () => {
  emu = await startEmulator({ apiKeys: [API_KEY], training: { stepMs: 15 } });
  gh = await startGitHubFake();
});
afterAll(async () => {
  await emu?.close();
  await gh?.close();
});
beforeEach(() => {
  emu.reset();
  emu.configure({ training: { stepMs: 15, outcome: 'ACTIVE' } });
  gh.setReadOnly(false);
});
afterEach(() => {
  // Whatever the scenario, the action only sent requests GitHub's REST description allows.
  expect(gh.violations).toEqual([]);
});

const action = (inputs: Record<string, string> = {}, opts: Omit<RunnerEnvOptions, 'inputs'> = {}) =>
  geminiRun({ emu, gh, apiKey: API_KEY }, inputs, opts);

const DEMO_INPUTS = {
  'eval-baseline': 'base',
  'epoch-count': '5',
  'batch-size': '4',
  'learning-rate': '0.001',
  'min-pass-rate': '0.7',
};
const comments = (pr: number) => gh.comments(OWNER, REPO, pr);
const markers = (body: string): number => body.split('<!-- gemini-tune:').length - 1;
/** Writes to the comments of one pull request (and to comments by id), in order. */
const writesFor = (pr: number, ids: number[]) =>
  gh.requests
    .filter(
      (r) =>
        (r.method === 'POST' && r.path === `/repos/${OWNER}/${REPO}/issues/${pr}/comments`) ||
        (r.method === 'PATCH' && ids.some((id) => r.path === `/repos/${OWNER}/${REPO}/issues/comments/${id}`)),
    )
    .map((r) => `${r.method} ${r.status}`);

describe('sticky PR comment (dist/ as a child process)', () => {
  it('two runs on the same pull request leave one comment, edited, with the second run’s results', async () => {
    const pr = 101;
    // The demo's inputs (scripts/demo.ts); the second run with cache: false, so it tunes a new model.
    const first = action(DEMO_INPUTS, { prNumber: pr });
    const m1 = await runNode(DIST_MAIN, first.env);
    expect(m1.code).toBe(0);
    const model1 = first.outputs()['tuned-model'];
    expect(model1).toMatch(/^tunedModels\//);
    expect(comments(pr)).toHaveLength(1);
    const [c1] = comments(pr);
    expect(first.outputs()['comment-url']).toBe(c1?.html_url);
    expect(c1?.body).toContain(model1);

    const second = action({ ...DEMO_INPUTS, cache: 'false' }, { prNumber: pr });
    const m2 = await runNode(DIST_MAIN, second.env);
    expect(m2.code).toBe(0);
    const model2 = second.outputs()['tuned-model'];
    expect(model2).toMatch(/^tunedModels\//);
    expect(model2).not.toBe(model1);

    const after = comments(pr);
    expect(after).toHaveLength(1);
    const [c2] = after;
    expect(c2?.id).toBe(c1?.id);
    expect(second.outputs()['comment-url']).toBe(c1?.html_url);
    expect(c2?.body.split('\n')[0]).toBe(commentMarker('Tune/tune'));
    expect(markers(c2?.body ?? '')).toBe(1);
    expect(c2?.body).toContain(`\`${model2}\``);
    expect(c2?.body).not.toContain(model1);
    expect(c2?.body).toContain('Gemini tuning: ACTIVE');
    // One create, then edits only: started + final of run 1 (the final edits), started + final of run 2.
    expect(writesFor(pr, [c1?.id ?? 0])).toEqual(['POST 201', 'PATCH 200', 'PATCH 200', 'PATCH 200']);
  });

  it('two comment-keys leave two comments, each edited in place', async () => {
    const pr = 102;
    for (const key of ['leg-a', 'leg-b', 'leg-a']) {
      const runner = action({ 'comment-key': key }, { prNumber: pr });
      const main = await runNode(DIST_MAIN, runner.env);
      expect(main.code).toBe(0);
    }
    const list = comments(pr);
    expect(list).toHaveLength(2);
    expect(list.map((c) => c.body.split('\n')[0])).toEqual([commentMarker('leg-a'), commentMarker('leg-b')]);
    for (const c of list) expect(markers(c.body)).toBe(1);
    expect(gh.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/issues/${pr}/comments`))).toHaveLength(2);
  });

  it('a comment exists while tuning is still running, and is updated when it ends', async () => {
    const pr = 105;
    // 19 steps of 400 ms; the action's first poll (after 4 s) finds the job about half done.
    emu.configure({ training: { stepMs: 400 } });
    const runner = action({ 'eval-data': '' }, { prNumber: pr });
    const seen: { body: string; id: number; modelState: unknown }[] = [];
    let timer: NodeJS.Timeout | undefined;
    const main = await runNode(DIST_MAIN, runner.env, {
      onSpawn: () => {
        timer = setInterval(() => {
          const [c] = comments(pr);
          if (c && c.body !== seen.at(-1)?.body)
            seen.push({ body: c.body, id: c.id, modelState: emu.tunedModels()[0]?.['state'] });
        }, 25);
      },
    });
    clearInterval(timer);
    expect(main.code).toBe(0);

    // Seen while the child ran and the emulator's model was still training.
    const started = seen[0]!;
    expect(started.modelState).toBe('CREATING');
    const job = runner.outputs()['job'];
    expect(job).toMatch(/^tunedModels\/[^/]+\/operations\//);
    expect(started.body.split('\n')[0]).toBe(commentMarker('Tune/tune'));
    expect(started.body).toMatch(/tuning started/i);
    expect(started.body).toContain(`\`${job}\``);
    expect(started.body).toContain('`models/gemini-1.5-flash-001-tuning`');
    expect(toHtml(started.body)).toContain(
      `<a href="https://github.com/${OWNER}/${REPO}/actions/runs/1658821493">Follow the workflow run</a>`,
    );
    // Edited as it progressed: the progress and the loss so far, while still training.
    const progress = seen.filter((s) => s.body.includes('Gemini tuning in progress'));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    for (const p of progress) {
      expect(p.modelState).toBe('CREATING');
      expect(p.body).toMatch(/\*\*Progress:\*\* step \d+ of 19 \(\d+%\)/);
    }

    // The same comment, edited at the end with the result.
    const [final] = comments(pr);
    expect(comments(pr)).toHaveLength(1);
    for (const s of seen) expect(s.id).toBe(started.id);
    // (The poller may miss the final edit, made moments before the process exits; read it directly.)
    expect(final?.body).toContain('Gemini tuning: ACTIVE');
    expect(final?.body).toContain(`\`${runner.outputs()['tuned-model']}\``);
    expect(final?.body).toContain('xychart-beta');
    expect(final?.body).not.toMatch(/tuning started|in progress/i);
    const writes = writesFor(pr, [started.id]);
    expect(writes[0]).toBe('POST 201');
    expect(writes.slice(1).every((w) => w === 'PATCH 200')).toBe(true);
    expect(writes.length).toBe(2 + progress.length);
  });

  it('a run cancelled while tuning leaves a CANCELLED comment, not a “started” one', async () => {
    const pr = 107;
    emu.configure({ training: { stepMs: 2_000 } });
    const runner = action({ 'eval-data': '' }, { prNumber: pr });
    let startedBody = '';
    const main = await runNode(DIST_MAIN, runner.env, {
      onSpawn: (kill) => {
        const timer = setInterval(() => {
          const [c] = comments(pr);
          if (c) {
            clearInterval(timer);
            startedBody = c.body;
            kill('SIGINT');
          }
        }, 25);
      },
    });
    expect(main.code).toBe(1);
    expect(startedBody).toMatch(/tuning started/i);
    const list = comments(pr);
    expect(list).toHaveLength(1);
    expect(list[0]?.body).toContain('🚫 Gemini tuning: CANCELLED');
    expect(list[0]?.body).toContain('the run was cancelled; the tuning job was cancelled with it');
    expect(list[0]?.body).not.toMatch(/tuning started/i);
  });

  it('fork pull request with a read-only token: exit 0, a notice, the summary, no comment-url', async () => {
    const pr = 103;
    gh.setReadOnly(true);
    const before = gh.requests.length;
    const runner = action({}, { prNumber: pr, fork: true });
    const main = await runNode(DIST_MAIN, runner.env);
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(
      /^::notice::No pull request comment was written on octo-org\/number-tuner#103: .*fork/m,
    );
    expect(main.stdout).toContain('Resource not accessible by integration');
    expect(main.stdout).not.toContain('::warning::Could not write the PR comment');
    expect(main.stdout.match(/^::notice::No pull request comment/gm)).toHaveLength(1);
    expect(runner.summary()).toContain('Gemini tuning: ACTIVE');
    expect(runner.outputs()['state']).toBe('ACTIVE');
    expect(runner.outputs()['comment-url']).toBe('');
    expect(comments(pr)).toHaveLength(0);
    // One attempt answered 403; after it the run stops trying.
    const writes = gh.requests.slice(before).filter((r) => r.method === 'POST' || r.method === 'PATCH');
    expect(writes.filter((r) => r.path !== '/graphql').map((r) => r.status)).toEqual([403]);
  });

  it('a token without pull-requests: write (403): exit 0, a notice naming the permission', async () => {
    const pr = 106;
    gh.setReadOnly(true);
    const runner = action({}, { prNumber: pr });
    const main = await runNode(DIST_MAIN, runner.env);
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(/^::notice::No pull request comment was written.*pull-requests: write/m);
    expect(runner.summary()).toContain('Gemini tuning: ACTIVE');
    expect(runner.outputs()['comment-url']).toBe('');
  });

  for (const event of ['push', 'workflow_dispatch']) {
    it(`${event}: job summary only, no request to GitHub at all`, async () => {
      const before = gh.requests.length;
      const runner = action({}, { event });
      const main = await runNode(DIST_MAIN, runner.env);
      expect(main.code).toBe(0);
      expect(gh.requests.length).toBe(before);
      expect(main.stdout).toContain('Not a pull request: the report goes to the job summary only.');
      expect(runner.summary()).toContain('Gemini tuning: ACTIVE');
      expect(runner.summary()).toContain('| ID | Input | Expected | Output | Pass |');
      expect(runner.outputs()['comment-url']).toBe('');
    });
  }

  it('pull_request_target: the number comes from the payload (GITHUB_REF is the base branch)', async () => {
    const pr = 104;
    // On pull_request_target the ref is the base branch, and the token may write even for a fork.
    const runner = action(
      {},
      { event: 'pull_request_target', prNumber: pr, fork: true, extra: { GITHUB_REF: 'refs/heads/main' } },
    );
    const main = await runNode(DIST_MAIN, runner.env);
    expect(main.code).toBe(0);
    const list = comments(pr);
    expect(list).toHaveLength(1);
    expect(runner.outputs()['comment-url']).toBe(list[0]?.html_url);
    expect(list[0]?.html_url).toContain(`/pull/${pr}#issuecomment-`);
  });
});

// ---- hostile output corpus ------------------------------------------------------------------

const MARKER_KEY = 'hostile';
const MARKER = commentMarker(MARKER_KEY);

/** What a model (or a dataset) could say, each case aimed at one way out of its table cell. */
const HOSTILE: [name: string, text: string][] = [
  ['pipes', 'a | b || c \\| d'],
  ['backticks', 'use ``` fences ` and ```` more'],
  ['close-details', '</details></summary></td></tr></table> after'],
  ['img', '<img src=x onerror=alert(1)>'],
  ['script', '<script>alert("x")</script>'],
  ['mention', 'hey @octocat look'],
  ['team', 'cc @octo-org/security-team please'],
  ['issue', 'fixes #1 and GH-2 and octo-org/number-tuner#3'],
  ['marker', `${MARKER} copied`],
  ['markdown', '# heading\n- item\n> quote\n```\ncode\n```\n[link](javascript:alert(1)) **bold**'],
  ['emoji', '🚀 family 👨‍👩‍👧 flag 🇯🇵'],
  ['rtl', 'مرحبا بالعالم \u202Eevil\u202C שלום'],
  ['entity', '&lt;b&gt; &#64;octocat &amp;'],
];
const LONG_CASES = 40;
/** Just under the Gemini API's 5,000-character limit for a training output. */
const longOutput = (i: number): string => `${i}: ${'<b>@octocat</b> | `x` #1 '.repeat(400)}`.slice(0, 4_900);
const HUGE = '<img src=x onerror=alert(1)> @octocat | #1 '.repeat(5_000); // ~215 KB
/** The stand-in answers this for `hostile-huge`; the proxy below turns it into HUGE. */
const HUGE_SENTINEL = '__HUGE_OUTPUT__';

/**
 * The Gemini API caps a training output at 5,000 characters, so the stand-in model cannot say
 * 200 KB by itself. This loopback proxy in front of the emulator passes everything through and
 * swaps the sentinel answer for HUGE in generateContent responses: a real 200 KB model output.
 */
async function hugeOutputProxy(target: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k)) headers[k] = v;
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      fetch(`${target}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, body })
        .then(async (upstream) => {
          let text = await upstream.text();
          if ((req.url ?? '').includes(':generateContent') && text.includes(HUGE_SENTINEL))
            text = text.replace(JSON.stringify(HUGE_SENTINEL), JSON.stringify(HUGE));
          res.writeHead(upstream.status, {
            'content-type': upstream.headers.get('content-type') ?? 'application/json',
          });
          res.end(text);
        })
        .catch((err: unknown) => {
          res.writeHead(502);
          res.end(String(err));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function hostileData(dir: string): { train: string; evalSet: string; cases: number } {
  const train: string[] = [];
  const evalRows: string[] = [];
  HOSTILE.forEach(([name, text], i) => {
    // The stand-in model answers an exact training input with its output.
    train.push(JSON.stringify({ text_input: `hostile-${name}`, output: text }));
    evalRows.push(
      JSON.stringify({ id: `h${String(i).padStart(2, '0')}-${name}`, input: `hostile-${name}`, expected: text }),
    );
  });
  for (let i = 0; i < LONG_CASES; i++) {
    train.push(JSON.stringify({ text_input: `long-${i}`, output: longOutput(i) }));
    evalRows.push(JSON.stringify({ id: `long-${i}`, input: `long-${i}`, expected: longOutput(i) }));
  }
  // A 200 KB output (see hugeOutputProxy), hostile ids, and a 200 KB expected value the model does not produce.
  train.push(JSON.stringify({ text_input: 'hostile-huge', output: HUGE_SENTINEL }));
  evalRows.push(JSON.stringify({ id: 'huge-output', input: 'hostile-huge', expected: HUGE }));
  evalRows.push(JSON.stringify({ id: `${MARKER} @octocat #1 <img src=x>`, input: 'hostile-pipes', expected: 'a | b' }));
  evalRows.push(JSON.stringify({ id: 'huge-expected', input: `huge ${HUGE.slice(0, 1_000)}`, expected: HUGE }));
  writeFileSync(join(dir, 'train.jsonl'), `${train.join('\n')}\n`);
  writeFileSync(join(dir, 'eval.jsonl'), `${evalRows.join('\n')}\n`);
  return { train: join(dir, 'train.jsonl'), evalSet: join(dir, 'eval.jsonl'), cases: evalRows.length };
}

const ALLOWED_TAGS = COMMENT_TAGS;

describe('hostile outputs through the real pipeline', () => {
  it('one intact eval table, no raw HTML from data, the Mermaid block, the marker once, under the limit', async () => {
    const pr = 110;
    const dir = mkdtempSync(join(tmpdir(), 'gemini-tune-hostile-'));
    const data = hostileData(dir);
    const proxy = await hugeOutputProxy(emu.url);
    const runner = action(
      { 'training-data': data.train, 'eval-data': data.evalSet, 'comment-key': MARKER_KEY, 'api-endpoint': proxy.url },
      { prNumber: pr },
    );
    const main = await runNode(DIST_MAIN, runner.env, { timeoutMs: 90_000 }).finally(() => proxy.server.close());
    expect(main.stderr).toBe('');
    expect(main.code).toBe(0);

    // The hostile text really came out of the model, through the pipeline.
    const report = JSON.parse(readFileSync(runner.outputs()['report-path']!, 'utf8')) as {
      eval: { cases: { id: string; output: string | null }[] };
    };
    const outputs = new Map(report.eval.cases.map((c) => [c.id, c.output]));
    HOSTILE.forEach(([name, text], i) => expect(outputs.get(`h${String(i).padStart(2, '0')}-${name}`)).toBe(text));
    expect(outputs.get('long-0')).toBe(longOutput(0));
    expect(outputs.get('huge-output')).toBe(HUGE);
    expect(HUGE.length).toBeGreaterThan(200_000);

    const list = comments(pr);
    expect(list).toHaveLength(1);
    const body = list[0]!.body;
    expect(body.length).toBeLessThan(60_000);
    expect(body.length).toBeLessThan(65_536);
    expect(body.split('\n')[0]).toBe(MARKER);
    expect(markers(body)).toBe(1);

    // Exactly one eval table, with every case as a row of five cells.
    const evalTables = tables(body).filter((t) => t.header[0]?.text === 'ID');
    expect(evalTables).toHaveLength(1);
    const table = evalTables[0] as Tokens.Table;
    expect(table.header.map((h) => h.text)).toEqual(['ID', 'Input', 'Expected', 'Output', 'Pass']);
    expect(table.rows).toHaveLength(data.cases);
    for (const row of table.rows) expect(row).toHaveLength(5);
    expect(table.rows.slice(0, HOSTILE.length).map((r) => r[0]?.text)).toEqual(
      HOSTILE.map(([name], i) => `h${String(i).padStart(2, '0')}-${name}`),
    );
    expect(table.rows.slice(0, HOSTILE.length).map((r) => r[4]?.text)).toEqual(HOSTILE.map(() => '✅ pass'));
    // Long values were shortened, and the comment says so and where the rest is.
    expect(body).toMatch(/✂️ To fit in a comment, long values are shortened/);
    expect(body).toContain('The full data is in the job summary and the JSON report.');

    // No HTML from the data: only the renderer's own tags, nothing that pings or links.
    expect(foreignHtml(body.replace(MARKER, ''))).toEqual([]);
    const html = toHtml(body);
    for (const tag of htmlTags(html)) expect(ALLOWED_TAGS, tag).toContain(tag);
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).not.toMatch(/<[a-z][^>]*\son\w+=/i); // no event-handler attribute on any element
    expect(html).not.toMatch(/@[\p{L}\p{N}]/u);
    expect(html).not.toMatch(/(?<!&)#\d/);
    for (const [, href] of html.matchAll(/<a href="([^"]*)"/g))
      expect(href).toBe(`https://github.com/${OWNER}/${REPO}/actions/runs/1658821493`);

    // The loss chart survives intact.
    const charts = codeBlocks(body).filter((b) => b.lang === 'mermaid');
    expect(charts).toHaveLength(1);
    const chart = charts[0]!.text.split('\n');
    expect(chart[0]).toBe('xychart-beta');
    expect(chart.at(-1)).toMatch(/^ {4}line \[[\d., ]+\]$/);

    // The job summary carries the full table, also free of raw HTML from the data.
    const summary = runner.summary();
    expect(Buffer.byteLength(summary)).toBeLessThan(1_048_576);
    const full = tables(summary).find((t) => t.header[0]?.text === 'ID');
    expect(full?.rows).toHaveLength(data.cases);
    expect(foreignHtml(summary)).toEqual([]);
    expect(toHtml(summary)).not.toMatch(/<img|<script/i);
  });
});

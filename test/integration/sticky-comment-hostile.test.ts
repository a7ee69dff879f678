/**
 * The sticky PR comment from the real run(), in process, on a virtual clock shared with the Gemini
 * API emulator, against the GitHub fake (which checks every request against GitHub's REST
 * description): a hostile-output corpus rendered through the real pipeline and parsed back with a
 * GFM parser. The rest of the sticky comment's behaviour is in ./sticky-comment.test.ts.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Tokens } from 'marked';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { runMain } from '../helpers/in-process.js';
import { geminiRun } from '../helpers/harness.js';
import { workspaceTempDir, type RunnerEnvOptions } from '../helpers/runner-env.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { commentMarker } from '../../src/github/marker.js';
import { codeBlocks, COMMENT_TAGS, foreignHtml, htmlTags, tables, toHtml } from '../unit/report/markdown.js';

/** Polls, backoffs and training steps on virtual time: the file runs in about the time its HTTP calls take. */
const clock = new VirtualClock();

const API_KEY = 'integration-sticky-hostile-key-0123456789';
const OWNER = 'octo-org';
const REPO = 'number-tuner';
let emu: Emulator;
let gh: GitHubFake;

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now, apiKeys: [API_KEY], training: { tunable: true, stepMs: 15 } });
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
const comments = (pr: number) => gh.comments(OWNER, REPO, pr);
const markers = (body: string): number => body.split('<!-- gemini-tune:').length - 1;

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
  // The child process had 90 s; in process it takes well under a second.
  it(
    'one intact eval table, no raw HTML from data, the Mermaid block, the marker once, under the limit',
    { timeout: 90_000 },
    async () => {
      const pr = 110;
      const dir = workspaceTempDir('hostile-');
      const data = hostileData(dir);
      const proxy = await hugeOutputProxy(emu.url);
      const runner = action(
        {
          'training-data': data.train,
          'eval-data': data.evalSet,
          'comment-key': MARKER_KEY,
          'api-endpoint': proxy.url,
        },
        { prNumber: pr },
      );
      const main = await runMain(runner, { clock }).finally(() => proxy.server.close());
      expect(main.stderr).toBe('');
      expect(main.exitCode).toBe(0);

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

      // Exactly one eval table: past 20 cases it lists the cases that did not pass (v2.1 decision 20),
      // each a row of five cells, and counts the others.
      const evalTables = tables(body).filter((t) => t.header[0]?.text === 'ID');
      expect(evalTables).toHaveLength(1);
      const table = evalTables[0] as Tokens.Table;
      expect(table.header.map((h) => h.text)).toEqual(['ID', 'Input', 'Expected', 'Output', 'Pass']);
      for (const row of table.rows) expect(row).toHaveLength(5);
      for (const row of table.rows) expect(row[4]?.text).not.toBe('✅ pass');
      expect(body).toContain(`${data.cases - table.rows.length} passing or unscored cases are not listed`);
      expect(body).toContain('The full data is in the job summary and the JSON report.');

      // No HTML from the data: only the renderer's own tags, nothing that pings or links.
      expect(foreignHtml(body.replace(MARKER, ''))).toEqual([]);
      const html = toHtml(body);
      for (const tag of htmlTags(html)) expect(ALLOWED_TAGS, tag).toContain(tag);
      expect(html).not.toMatch(/<img|<script/i);
      expect(html).not.toMatch(/<[a-z][^>]*\son\w+=/i); // no event-handler attribute on any element
      // GitHub links no mention and no reference inside code.
      const prose = html.replace(/<code[^>]*>[\s\S]*?<\/code>/g, '');
      expect(prose).not.toMatch(/@[\p{L}\p{N}]/u);
      expect(prose).not.toMatch(/(?<!&)#\d/);
      // Our own links only: the workflow run, and lines of the repository's files at the head commit.
      for (const [, href] of html.matchAll(/<a href="([^"]*)"/g))
        expect(href).toMatch(
          new RegExp(
            `^https://github\\.com/${OWNER}/${REPO}/(actions/runs/1658821493|blob/[0-9a-f]{40}/[^"#]+#L\\d+)$`,
          ),
        );

      // The loss chart survives intact.
      const charts = codeBlocks(body).filter((b) => b.lang === 'mermaid');
      expect(charts).toHaveLength(1);
      const chart = charts[0]!.text.split('\n');
      expect(chart[0]).toMatch(/^%%\{init: .*\}%%$/);
      expect(chart[1]).toBe('xychart-beta');
      expect(chart.at(-1)).toMatch(/^ {4}line \[[\d., ]+\]$/);

      // The job summary carries the full table, also free of raw HTML from the data.
      const summary = runner.summary();
      expect(Buffer.byteLength(summary)).toBeLessThan(1_048_576);
      const full = tables(summary).find((t) => t.header[0]?.text === 'ID');
      expect(full?.rows).toHaveLength(data.cases);
      // Every hostile value in its own row of five cells, intact (the failures come first).
      for (const row of full!.rows) expect(row).toHaveLength(5);
      const passing = full!.rows.filter((r) => r[4]?.text === '✅ pass').map((r) => r[0]?.text);
      expect(passing.slice(0, HOSTILE.length)).toEqual(
        HOSTILE.map(([name], i) => `h${String(i).padStart(2, '0')}-${name}`),
      );
      expect(foreignHtml(summary)).toEqual([]);
      expect(toHtml(summary)).not.toMatch(/<img|<script/i);
    },
  );
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUMMARY_LIMIT_BYTES, renderSummary } from '../../../src/report/summary.js';
import { writeJsonReport } from '../../../src/report/json-report.js';
import { evalCase, evalSummary, HOSTILE, report, warning } from './fixtures.js';
import { codeBlocks, COMMENT_TAGS, foreignHtml, htmlTags, tables, toHtml } from './markdown.js';

// The summary adds its own top-level heading to what the comment emits.
const ALLOWED_TAGS = new Set([...COMMENT_TAGS, 'h2']);

function assertSafe(md: string): void {
  expect(Buffer.byteLength(md)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
  expect(foreignHtml(md)).toEqual([]);
  const html = toHtml(md);
  for (const tag of htmlTags(html)) expect(ALLOWED_TAGS, tag).toContain(tag);
  // GitHub links no mention and no reference inside code.
  const prose = html.replace(/<code[^>]*>[\s\S]*?<\/code>/g, '');
  expect(prose).not.toMatch(/@[\p{L}\p{N}]/u);
  expect(md).not.toContain('<!-- gemini-tune:');
}

const evalTable = (md: string) => tables(md).find((t) => t.header[0]?.text === 'ID');

describe('renderSummary', () => {
  it('has every section, the chart and the full eval table', () => {
    const md = renderSummary(
      report({
        resumeWith: 'tunedModels/a/operations/b',
        dataset: { ...report().dataset!, warnings: [warning('only 12 examples')] },
      }),
    );
    assertSafe(md);
    // The fixture misses a gate: the summary's heading says so, as the comment's does.
    expect(md).toContain('## ❌ Gemini tuning: ACTIVE — gate missed: min-pass-rate');
    expect(md).not.toContain('workflow run'); // no link to the page it is on
    expect(md).toContain('only 12 examples');
    expect(md).toContain('`tunedModels/a/operations/b`');
    expect(codeBlocks(md).map((c) => c.lang)).toEqual(['mermaid']);
    expect(evalTable(md)?.rows).toHaveLength(3);
    expect(tables(md).find((t) => t.header[0]?.text === 'Step')?.rows).toHaveLength(20);
    expect(tables(md).find((t) => t.header[0]?.text === 'Gate')?.rows).toHaveLength(2);
    expect(md.match(/<details><summary><code>/g)).toHaveLength(3);
  });

  it('escapes a hostile corpus, keeping full outputs in <pre> blocks', () => {
    const cases = Object.entries(HOSTILE).map(([id, text], i) =>
      evalCase(i, {
        id: `${id} ${text}`,
        input: text,
        expected: text,
        output: text,
        baselineOutput: text,
        baselinePass: false,
      }),
    );
    const md = renderSummary(
      report({
        eval: evalSummary(cases, { baselineModel: 'models/base', baselinePassRate: 0 }),
        error: HOSTILE.img as string,
      }),
    );
    assertSafe(md);
    expect(md).not.toContain('<img');
    expect(md).not.toContain('<script');
    expect(evalTable(md)?.rows).toHaveLength(cases.length);
    expect(md).toContain('<pre>\nline1\nline2\n\nline4</pre>');
  });

  it('keeps a 200 KB output whole when it fits', () => {
    const big = `${'lorem ipsum '.repeat(16_000)}THE END`;
    const md = renderSummary(report({ eval: evalSummary([evalCase(1, { output: big })]) }));
    assertSafe(md);
    expect(md).toContain('THE END</pre>');
  });

  it('stays under 1 MiB with huge data, saying what was cut', () => {
    const big = '<b>@x</b> '.repeat(20_000);
    const cases = Array.from({ length: 200 }, (_, i) => evalCase(i, { input: big, output: big, pass: false }));
    const md = renderSummary(report({ eval: evalSummary(cases) }));
    assertSafe(md);
    expect(md).toContain('JSON report');
    expect(md).toMatch(/1 MiB/);
  });

  it('drops rows only as a last resort', () => {
    const cases = Array.from({ length: 20_000 }, (_, i) =>
      evalCase(i, { input: 'y'.repeat(100), output: 'z'.repeat(100) }),
    );
    const md = renderSummary(report({ eval: evalSummary(cases) }));
    assertSafe(md);
    expect(md).toMatch(/\d+ of 20000 cases are not shown/);
  });
});

describe('writeJsonReport', () => {
  it('writes pretty JSON and creates the parent directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gt-report-'));
    try {
      const path = join(dir, 'a', 'b', 'report.json');
      const r = report();
      await writeJsonReport(path, r);
      const text = await readFile(path, 'utf8');
      expect(JSON.parse(text)).toEqual(r);
      expect(text).toContain('\n  "schemaVersion": 1,');
      expect(text.endsWith('}\n')).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

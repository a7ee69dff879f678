/**
 * The dataset problems that stopped a run, in the PR comment and the job summary: errors first,
 * a bounded list with a count of the rest, and every file name and message escaped (they quote
 * the dataset: field names, ids, values).
 */

import { describe, expect, it } from 'vitest';
import { COMMENT_LIMIT, COMMENT_PROBLEMS, renderComment } from '../../../src/report/comment.js';
import { problemLocation } from '../../../src/report/sections.js';
import { renderSummary, SUMMARY_PROBLEMS } from '../../../src/report/summary.js';
import type { ProblemReport, Report } from '../../../src/report/types.js';
import { commentMarker } from '../../../src/github/marker.js';
import { HOSTILE, report } from './fixtures.js';
import { COMMENT_TAGS, foreignHtml, htmlTags, tables, toHtml, tokens, walk } from './markdown.js';

const MARKER = commentMarker('CI/build');
/** The comment's own tags, and the summary's h2 heading. */
const ALLOWED_TAGS = new Set([...COMMENT_TAGS, 'h2']);

const problem = (over: Partial<ProblemReport> = {}): ProblemReport => ({
  severity: 'error',
  file: 'data/train.jsonl',
  line: 21,
  column: null,
  message: '"output" is missing: each example needs a non-empty "output" string',
  ...over,
});

/** A run stopped at the datasets, as the pipeline reports it. */
function failed(problems: ProblemReport[], over: Partial<Report> = {}): Report {
  return report({
    state: 'REJECTED',
    tunedModel: null,
    endpoint: null,
    job: '',
    contentKey: null,
    dataset: null,
    snapshots: [],
    finalLoss: null,
    eval: null,
    gates: [],
    timings: { dataset: 0.2 },
    error: `${problems.filter((p) => p.severity === 'error').length} problems in data/train.jsonl (each annotated at its line); nothing was sent to the service`,
    problems,
    ...over,
  });
}

const comment = (r: Report): string => renderComment(r, { marker: MARKER, phase: 'final' });

/** The list items of the "Dataset problems" section: heading, count line, then the list. */
function problemItems(body: string, heading: string): string[] {
  const at = body.indexOf(heading);
  expect(at).toBeGreaterThanOrEqual(0);
  const [, count, list] = body.slice(at + heading.length).split('\n\n');
  expect(count).toMatch(
    /^\*\*\d+\*\* errors? (and \d+ warnings? )?in the datasets; nothing was sent to the service\.$/,
  );
  const items = (list ?? '').split('\n');
  for (const l of items) expect(l).toMatch(/^- /);
  return items;
}

function assertSafe(md: string): void {
  expect(md.split('<!-- gemini-tune:').length - 1).toBe(md.startsWith(MARKER) ? 1 : 0);
  expect(foreignHtml(md.replace(MARKER, ''))).toEqual([]);
  const html = toHtml(md);
  for (const tag of htmlTags(html)) expect(ALLOWED_TAGS, tag).toContain(tag);
  // GitHub links no mention and no reference inside code.
  const prose = html.replace(/<code[^>]*>[\s\S]*?<\/code>/g, '');
  expect(prose).not.toMatch(/@[\p{L}\p{N}]/u);
  expect(prose).not.toMatch(/(?<!&)#\d/);
  // Nothing from the data opened a heading (ours are h2..h4, and fixed) or a table.
  const headings = walk(tokens(md)).filter((t) => t.type === 'heading');
  for (const h of headings)
    expect(h.raw).toMatch(/^#{2,4} (⛔ Gemini tuning: REJECTED — nothing was tuned|Settings|Dataset problems)\n*$/);
  expect(tables(md).map((t) => t.header[0]?.text)).toEqual(['Epochs']);
}

describe('problemLocation', () => {
  it('is file:line:column, file:line or the file alone, as annotated', () => {
    expect(problemLocation(problem({ line: 3, column: 7 }))).toBe('data/train.jsonl:3:7');
    expect(problemLocation(problem({ line: 3 }))).toBe('data/train.jsonl:3');
    expect(problemLocation(problem({ line: null, column: null }))).toBe('data/train.jsonl');
  });
});

describe('dataset problems in the comment and the summary', () => {
  it('no section when the datasets loaded (null, empty or absent)', () => {
    for (const r of [report(), report({ problems: null }), report({ problems: [] })]) {
      expect(comment(r)).not.toContain('Dataset problems');
      expect(renderSummary(r)).not.toContain('Dataset problems');
    }
  });

  it('lists each problem with its location, errors first, under the REJECTED heading and the reason', () => {
    const r = failed([
      problem({ severity: 'warning', line: 4, message: 'unknown field "lable" is ignored (in 1 record)' }),
      problem({ line: 21, column: 30, message: 'not valid JSON (unexpected "}" at column 30)' }),
      problem({ file: 'eval.jsonl', line: null, message: 'the file is empty' }),
    ]);
    for (const [md, heading] of [
      [comment(r), '#### Dataset problems'],
      [renderSummary(r), '### Dataset problems'],
    ] as const) {
      assertSafe(md);
      expect(md).toContain('⛔ Gemini tuning: REJECTED — nothing was tuned');
      // (a leading digit is written as an entity, so that it cannot start a numbered list)
      expect(md).toContain('> [!CAUTION]\n> 2 problems in data/train.jsonl (each annotated at its line)');
      expect(md).toContain('**2** errors and 1 warning in the datasets; nothing was sent to the service.');
      expect(problemItems(md, heading)).toEqual([
        '- ❌ `data/train.jsonl:21:30`: not valid JSON (unexpected &quot;}&quot; at column 30)',
        '- ❌ `eval.jsonl`: the file is empty',
        '- ⚠️ `data/train.jsonl:4`: unknown field &quot;lable&quot; is ignored (in 1 record)',
      ]);
    }
  });

  it(`shows ${COMMENT_PROBLEMS} in the comment and ${SUMMARY_PROBLEMS} in the summary, then how many more`, () => {
    const list = [
      ...Array.from({ length: 10 }, (_, i) => problem({ severity: 'warning', line: i + 1, message: `warning ${i}` })),
      ...Array.from({ length: 70 }, (_, i) => problem({ line: 100 + i, message: `error ${i}` })),
    ];
    const r = failed(list);

    const c = problemItems(comment(r), '#### Dataset problems');
    expect(c).toHaveLength(COMMENT_PROBLEMS + 1);
    expect(c[0]).toBe('- ❌ `data/train.jsonl:100`: error 0');
    expect(c[COMMENT_PROBLEMS - 1]).toBe(
      `- ❌ \`data/train.jsonl:${100 + COMMENT_PROBLEMS - 1}\`: error ${COMMENT_PROBLEMS - 1}`,
    );
    expect(c.at(-1)).toBe(`- … and ${80 - COMMENT_PROBLEMS} more (the job summary and the JSON report list them all).`);

    const s = problemItems(renderSummary(r), '### Dataset problems');
    expect(s).toHaveLength(SUMMARY_PROBLEMS + 1);
    // Errors first: all 50 shown are errors, the warnings are among the rest.
    expect(s.slice(0, -1).every((l) => l.startsWith('- ❌ '))).toBe(true);
    expect(s.at(-1)).toBe(`- … and ${80 - SUMMARY_PROBLEMS} more (the annotations and the JSON report list them all).`);
  });

  it('escapes file names and messages taken from the data', () => {
    const hostile = Object.values(HOSTILE);
    const list = hostile.map((text, i) =>
      problem({
        severity: i % 2 ? 'warning' : 'error',
        file: i === 0 ? `data/${HOSTILE.img} ${HOSTILE.marker} \`x\`.jsonl` : 'data/train.jsonl',
        line: i + 1,
        message: `unknown field "${text}" is ignored`,
      }),
    );
    const r = failed(list, { error: `${HOSTILE.script} ${HOSTILE.mention}` });
    const c = comment(r);
    const s = renderSummary(r);
    for (const md of [c, s]) {
      assertSafe(md);
      // The file name sits in a code span (shown verbatim, not parsed); nothing else is raw.
      const outsideCode = md.replace(/``[^`]*`x`[^`]*``/g, '');
      expect(outsideCode).not.toContain('<img');
      expect(outsideCode).not.toContain('<script');
      expect(toHtml(md)).not.toMatch(/<(img|script)/);
      expect(toHtml(md)).toContain('<code>data/&lt;img src=x onerror=alert(1)&gt;');
      expect(md).toContain('unknown field &quot;&lt;img src=x onerror=alert(1)&gt;&quot; is ignored');
      expect(md).toContain('@\u200Bocto');
      expect(problemItems(md, 'Dataset problems')).toHaveLength(hostile.length);
    }
    expect(c.length).toBeLessThan(COMMENT_LIMIT);
  });

  it('shortens long messages (300 characters in the comment, 2,000 in the summary)', () => {
    const r = failed([problem({ message: `value ${'x'.repeat(5_000)}` })]);
    const [c] = problemItems(comment(r), '#### Dataset problems');
    const [s] = problemItems(renderSummary(r), '### Dataset problems');
    expect(c?.length).toBeLessThan(400);
    expect(c).toMatch(/x…$/);
    expect(s?.length).toBeGreaterThan(2_000);
    expect(s?.length).toBeLessThan(2_100);
  });
});

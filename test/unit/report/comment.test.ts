import { describe, expect, it } from 'vitest';
import type { Tokens } from 'marked';
import { COMMENT_LIMIT, renderComment } from '../../../src/report/comment.js';
import { commentMarker } from '../../../src/github/marker.js';
import { evalCase, evalSummary, HOSTILE, report, warning } from './fixtures.js';
import { codeBlocks, COMMENT_TAGS, foreignHtml, htmlTags, tables, toHtml } from './markdown.js';

const MARKER = commentMarker('CI/build');
const ALLOWED_TAGS = COMMENT_TAGS;

function final(r = report()): string {
  return renderComment(r, { marker: MARKER, phase: 'final' });
}

function countMarkers(body: string): number {
  return body.split('<!-- gemini-tune:').length - 1;
}

function evalTableOf(body: string): Tokens.Table {
  const t = tables(body).find((x) => x.header[0]?.text === 'ID');
  if (!t) throw new Error('no eval table');
  return t;
}

function hostileReport() {
  const cases = Object.entries(HOSTILE).map(([id, text], i) =>
    evalCase(i, {
      id: `${id} ${text}`,
      input: text,
      expected: text,
      output: text,
      pass: i % 2 === 0,
      baselineOutput: text,
      baselinePass: i % 3 === 0,
    }),
  );
  return report({
    eval: evalSummary(cases, {
      baselineModel: 'models/base',
      baselinePassRate: 0.4,
      regressions: [`mention ${HOSTILE.mention}`],
      improvements: [`img ${HOSTILE.img}`],
    }),
    dataset: {
      path: 'data/train.jsonl',
      examples: 12,
      warnings: [warning(HOSTILE.img as string), warning(HOSTILE.mention as string), warning(HOSTILE.marker as string)],
      validationPath: null,
      validationExamples: null,
      evalPath: null,
      evalCases: null,
    },
    error: `${HOSTILE.script} ${HOSTILE.marker}`,
    displayName: HOSTILE.mention as string,
  });
}

function assertSafe(body: string): void {
  expect(countMarkers(body)).toBe(1);
  expect(body.split('\n')[0]).toBe(MARKER);
  expect(body.length).toBeLessThan(COMMENT_LIMIT);
  expect(foreignHtml(body.replace(MARKER, ''))).toEqual([]);
  const html = toHtml(body);
  for (const tag of htmlTags(html)) expect(ALLOWED_TAGS, tag).toContain(tag);
  // GitHub links no mention and no reference inside code.
  const prose = html.replace(/<code[^>]*>[\s\S]*?<\/code>/g, '');
  expect(prose).not.toMatch(/@[\p{L}\p{N}]/u);
  expect(prose).not.toMatch(/(?<!&)#\d/);
  const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
  for (const href of links) expect(href).toBe('https://github.com/octo/repo/actions/runs/123');
}

describe('renderComment (started)', () => {
  it('says tuning started, with the base model and a link to the run', () => {
    const body = renderComment(report({ state: 'CREATING', tunedModel: null, eval: null, snapshots: [] }), {
      marker: MARKER,
      phase: 'started',
    });
    expect(body.split('\n')[0]).toBe(MARKER);
    expect(countMarkers(body)).toBe(1);
    expect(body).toMatch(/started/i);
    expect(body).toContain('`models/gemini-1.5-flash-001-tuning`');
    expect(toHtml(body)).toContain('<a href="https://github.com/octo/repo/actions/runs/123">');
  });
});

describe('renderComment (in progress)', () => {
  it('shows how far tuning is and the loss so far, still as a started comment', () => {
    const r = report({ state: 'CREATING', tunedModel: null, eval: null, gates: [] });
    const body = renderComment(r, { marker: MARKER, phase: 'started', progress: 'step 9 of 20 (45%) · epoch 2' });
    expect(body.split('\n')[0]).toBe(MARKER);
    expect(countMarkers(body)).toBe(1);
    expect(body).toContain('### ⏳ Gemini tuning in progress');
    expect(body).toContain('**Progress:** step 9 of 20 (45%) · epoch 2');
    const [chart] = codeBlocks(body);
    expect(chart?.lang).toBe('mermaid');
    expect(tables(body)).toHaveLength(0);
    assertSafe(body);
  });
});

describe('renderComment (final)', () => {
  it('shows status, models, duration, cache, hyperparameters, dataset, loss, eval and gates', () => {
    const body = final();
    assertSafe(body);
    // A gate was missed: the heading says so (the step fails), and the reason comes first.
    expect(body).toContain('❌ Gemini tuning: ACTIVE — gate missed: min-pass-rate');
    expect(body).toContain('`tunedModels/fake-123`');
    expect(body).toContain('12m 19s');
    expect(body).toMatch(/Cache:\*\* miss/);
    expect(body).toContain('**42** training examples');
    expect(body).toContain('final **0.1**');
    // The errored case is neither a pass nor a failure (v2.1 decision 18): shown apart.
    expect(body).toMatch(
      /\*\*1\/2\*\* passed \(50(\.0)?%, 95% interval [0-9.]+%–[0-9.]+%\) · 1 errored \(not counted\)/,
    );
    // The settings come last, folded.
    expect(body).toMatch(/<details><summary>Settings and dataset<\/summary>\n\n\*\*Hyperparameters\*\*/);
    const hp = tables(body).find((t) => t.header[0]?.text === 'Epochs');
    expect(hp?.header.map((h) => h.text)).toEqual([
      'Epochs',
      'Batch size',
      'Learning rate',
      'LR multiplier',
      'Adapter size',
    ]);
    expect(hp?.rows[0]?.map((c) => c.text)).toEqual(['5', '4', '0.001', 'default', 'default']);
    const gates = tables(body).find((t) => t.header[0]?.text === 'Gate');
    expect(gates?.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['min-pass-rate', '≥ 50%', '33.3%', '❌ missed'],
      ['max-final-loss', '≤ 0.5', '0.1', '✅ passed'],
    ]);
    const [chart] = codeBlocks(body);
    expect(chart?.lang).toBe('mermaid');
    expect(chart?.text.split('\n')[1]).toBe('xychart-beta');
    expect(chart?.text).toMatch(/\n {4}line \[[\d., ]+\]$/);
  });

  it('has the eval table with one row per case, and the error reason', () => {
    const t = evalTableOf(final());
    expect(t.header.map((h) => h.text)).toEqual(['ID', 'Input', 'Expected', 'Output', 'Pass']);
    expect(t.rows).toHaveLength(3);
    // The cases a reviewer must see first: errors, failures, then the passing ones.
    expect(t.rows.map((r) => r[0]?.text)).toEqual(['case-3', 'case-2', 'case-1']);
    expect(t.rows.map((r) => r[4]?.text)).toEqual(['⚠️ error', '❌ fail', '✅ pass']);
    expect(t.rows[0]?.[3]?.text).toContain('HTTP 500 after 3 attempts');
  });

  it('adds baseline columns when a baseline ran', () => {
    const r = report();
    r.eval = evalSummary(r.eval?.cases.map((c) => ({ ...c, baselineOutput: 'b', baselinePass: false })) ?? [], {
      baselineModel: 'models/base',
      baselinePassRate: 0,
    });
    const t = evalTableOf(final(r));
    expect(t.header.map((h) => h.text)).toEqual([
      'ID',
      'Input',
      'Expected',
      'Output',
      'Pass',
      'Baseline output',
      'Baseline pass',
    ]);
    for (const row of t.rows) expect(row).toHaveLength(7);
  });

  it('escapes a hostile corpus everywhere', () => {
    const r = hostileReport();
    const body = final(r);
    assertSafe(body);
    const t = evalTableOf(body);
    expect(t.rows).toHaveLength(Object.keys(HOSTILE).length);
    for (const row of t.rows) expect(row).toHaveLength(7);
    expect(body).not.toContain('<img');
    expect(body).not.toContain('<script');
    expect(body).not.toContain('</details></summary>');
  });

  it('shows paths and model names from inputs as inert code spans', () => {
    const r = report({
      baseModel: 'models/<img src=x onerror=alert(1)>',
      dataset: { ...report().dataset!, path: 'data/`<img src=x>`@octocat.jsonl' },
    });
    const body = final(r);
    assertSafe(body);
    expect(toHtml(body)).not.toMatch(/<img/);
  });

  it('omits sections that do not apply', () => {
    const body = final(report({ eval: null, snapshots: [], finalLoss: null, gates: [], dataset: null, runUrl: null }));
    assertSafe(body);
    expect(codeBlocks(body)).toHaveLength(0);
    expect(body).not.toContain('#### Eval');
    expect(body).not.toContain('#### Gates');
  });

  it('shows the failure reason and the resume hint', () => {
    const body = final(
      report({ state: 'CREATING', error: 'Timed out after 330 minutes', resumeWith: 'tunedModels/a/operations/b' }),
    );
    expect(body).toContain('⏱️ Gemini tuning: CREATING — not finished in time, the job is still running');
    expect(body).toContain('Timed out after 330 minutes');
    expect(body).toContain('`tunedModels/a/operations/b`');
  });

  it('folds long outputs in <details>', () => {
    const long = 'word '.repeat(200);
    const r = report({ eval: evalSummary([evalCase(1, { output: long, pass: false })]) });
    const body = final(r);
    assertSafe(body);
    const cell = evalTableOf(body).rows[0]?.[3]?.text ?? '';
    expect(cell.startsWith('<details><summary>')).toBe(true);
  });

  it('shortens 200 KB outputs and says so, staying under 60,000', () => {
    const big = '<b>@octocat</b> | '.repeat(11_000); // ~200 KB, grows a lot when escaped
    const cases = Array.from({ length: 40 }, (_, i) =>
      evalCase(i, { output: big, baselineOutput: big, baselinePass: true, pass: false }),
    );
    const body = final(report({ eval: evalSummary(cases, { baselineModel: 'models/base', baselinePassRate: 1 }) }));
    assertSafe(body);
    expect(evalTableOf(body).rows).toHaveLength(40);
    expect(body).toMatch(/shortened/);
    expect(body).toContain('The full data is in the job summary and the JSON report.');
  });

  it('drops rows last, keeping failures first, and says how many', () => {
    const cases = Array.from({ length: 3_000 }, (_, i) =>
      evalCase(i, { input: 'an input that is fairly long '.repeat(5), output: 'x'.repeat(500), pass: i % 100 !== 7 }),
    );
    const r = report({ eval: evalSummary(cases) });
    const body = final(r);
    assertSafe(body);
    const t = evalTableOf(body);
    // Past 20 cases the comment lists only the failures (30 here), and counts the passing ones.
    expect(t.rows.length).toBe(30);
    const ids = t.rows.map((row) => row[0]?.text);
    for (let i = 7; i < 3_000; i += 100) expect(ids).toContain(`case-${i}`); // every failure kept
    expect(body).toContain('2970 passing or unscored cases are not listed');
    expect(body).toContain('The full data is in the job summary and the JSON report.');
  });

  it('escape growth cannot push the body over the limit', () => {
    const worst = '<>&"\'|`*_[]$'.repeat(2_000);
    const cases = Array.from({ length: 500 }, (_, i) =>
      evalCase(i, { id: worst, input: worst, expected: worst, output: worst, pass: false }),
    );
    const r = report({ eval: evalSummary(cases, { regressions: cases.map((c) => c.id) }) });
    r.dataset?.warnings.push(...Array.from({ length: 500 }, () => warning(worst, worst)));
    assertSafe(final(r));
  });

  it('links the run page and says the job summary is on it', () => {
    const html = toHtml(final());
    expect(html).toContain(
      'the job summary on the <a href="https://github.com/octo/repo/actions/runs/123">workflow run page</a>',
    );
    const offline = final(report({ runUrl: null }));
    expect(offline).toContain('Full tables: the job summary · everything: the JSON report');
    expect(toHtml(offline)).not.toContain('<a ');
  });

  it('does not let a forged marker in data repeat ours', () => {
    const r = report({
      eval: evalSummary([evalCase(1, { id: MARKER, input: MARKER, output: MARKER })]),
      tunedModel: MARKER,
      job: MARKER,
    });
    const body = final(r);
    expect(countMarkers(body)).toBe(1);
  });
});

/**
 * The comment and the summary as a reviewer sees them (issue 15): each fixture report of
 * ./fixtures.ts drawn by headless Chromium with GitHub-flavoured Markdown and Mermaid (./page.ts),
 * in GitHub's light and dark themes, then read off the page: the verdict in the heading, nothing
 * escaped that shows, the loss lines visible on both backgrounds, a 300-case comment of reasonable
 * height, the regressions first. Skips, saying so, where Chromium is not installed (.ci/run
 * installs Debian's `chromium`).
 */

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderComment } from '../../src/report/comment.js';
import { renderSummary } from '../../src/report/summary.js';
import { verdictOf } from '../../src/report/view.js';
import { launch, render } from './browser.js';
import { FIXTURES } from './fixtures.js';
import { encodeRecord } from '../../src/finish/record.js';
import { recordedSettings } from '../helpers/run-record.js';
import { HOSTILE } from '../unit/report/fixtures.js';
import { chromiumPath, THEMES, type Theme } from './page.js';

const chromium = chromiumPath();
if (!chromium)
  console.warn('test/render: Chromium is not installed (apt-get install chromium): the rendering checks are SKIPPED');

let browser: Browser;
beforeAll(async () => {
  if (chromium) browser = await launch();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

const comment = (name: string) =>
  renderComment(FIXTURES[name]!, { marker: `<!-- gemini-tune:${name} -->`, phase: 'final' });

/** WCAG contrast ratio of two #rrggbb / rgb() colours. */
function contrast(a: string, b: string): number {
  const rgb = (c: string): number[] => {
    const hex = /^#([0-9a-f]{6})$/i.exec(c.trim());
    if (hex) return [0, 2, 4].map((i) => parseInt(hex[1]!.slice(i, i + 2), 16));
    const m = /rgba?\(([^)]+)\)/.exec(c);
    return (m?.[1] ?? '0,0,0')
      .split(',')
      .slice(0, 3)
      .map((x) => Number(x.trim()));
  };
  const lum = (c: string): number => {
    const [r, g, bl] = rgb(c).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

interface Seen {
  heading: string;
  text: string;
  codes: string[];
  strokes: string[];
  height: number;
  firstRow: string;
}

/** What the page shows (run in the page: written as a script, so no DOM types are needed here). */
async function read(page: Page): Promise<Seen> {
  return (await page.evaluate(`(() => {
    const main = document.querySelector('main');
    const heading = main.querySelector('h2, h3')?.textContent ?? '';
    const codes = [...main.querySelectorAll('code')].map((c) => c.textContent ?? '');
    const strokes = [...main.querySelectorAll('.mermaid svg g[class*="line-plot"] path')].map(
      (p) => p.getAttribute('stroke') ?? getComputedStyle(p).stroke,
    );
    const firstRow = main.querySelector('table tbody tr td')?.textContent ?? '';
    return { heading, text: main.innerText, codes, strokes, height: document.documentElement.scrollHeight, firstRow };
  })()`)) as Seen;
}

describe.skipIf(!chromium)('the comment and the summary, rendered in Chromium', () => {
  for (const name of Object.keys(FIXTURES)) {
    it(`${name}: the heading reads as the step ends, nothing escaped shows, resource names intact`, async () => {
      const report = FIXTURES[name]!;
      const verdict = verdictOf(report);
      for (const [markdown, kind] of [
        [comment(name), 'comment'],
        [renderSummary(report), 'summary'],
      ] as const) {
        const page = await render(browser, markdown, 'light');
        const seen = await read(page);
        await page.close();
        expect(seen.heading, `${name} ${kind}`).toContain(verdict.title);
        if (verdict.failed) {
          expect(seen.heading).not.toContain('✅');
          expect(seen.heading).toMatch(/missed|REJECTED|FAILED|CANCELLED|not finished|failed/);
        }
        // The hostile fixture's data holds `&#64;` itself: shown as written, it is not ours.
        expect(seen.text.replaceAll('\u200B', '').replaceAll(HOSTILE['entity']!, '')).not.toContain('&#');
        expect(seen.text).not.toMatch(/\\u200b|&amp;#/i);
        for (const code of seen.codes) expect(code).not.toContain('\u200B');
        if (report.tunedModel) expect(seen.codes).toContain(report.tunedModel);
      }
    });
  }

  it('a job left for mode: finish: the record stays hidden, even with hostile text in it', async () => {
    const report = { ...FIXTURES['success']!, state: 'CREATING' as const, eval: null, gates: [], leftForFinish: true };
    report.resumeWith = 'projects/1/locations/us-central1/tuningJobs/2';
    const record = encodeRecord({
      version: 1,
      job: 'projects/1/locations/us-central1/tuningJobs/2',
      headSha: 'a'.repeat(40),
      startedByUs: true,
      evalSet: null,
      settings: recordedSettings({ evalSystemInstruction: '--> <b>bold</b> <!-- @octocat **loud**' }),
      report: { ...report, dataset: null },
    })!;
    const markdown = renderComment(report, { marker: '<!-- gemini-tune:k -->', phase: 'final', record });
    const seen = await read(await render(browser, markdown, 'light'));
    expect(seen.heading).toContain('CREATING — still tuning');
    expect(seen.text).toContain('mode: finish');
    expect(seen.text).not.toMatch(/gemini-tune-record|bold|octocat|loud|tuningJobs\/2"/);
  });

  it('a dataset-rejected run says rejected, not FAILED', async () => {
    const seen = await read(await render(browser, comment('dataset-rejected'), 'light'));
    expect(seen.heading).toContain('REJECTED — nothing was tuned');
    expect(seen.heading).not.toContain('FAILED');
    expect(seen.text.split('\n').find((l) => l.trim() !== '' && !l.includes('REJECTED'))).toMatch(
      /2 problems in data\/train\.jsonl/,
    );
  });

  for (const theme of ['light', 'dark'] as Theme[]) {
    it(`the loss chart: an SVG whose lines stand out on GitHub's ${theme} background`, async () => {
      const page = await render(browser, comment('success'), theme);
      const seen = await read(page);
      await page.close();
      expect(seen.strokes.length).toBe(2); // training and validation
      for (const stroke of seen.strokes) expect(contrast(stroke, THEMES[theme].background)).toBeGreaterThanOrEqual(3);
    });
  }

  it('300 cases: the comment stays short on the page, every failing case listed', async () => {
    const markdown = comment('300-cases');
    expect(markdown.length).toBeLessThan(20_000);
    const page = await render(browser, markdown, 'light');
    const seen = await read(page);
    await page.close();
    expect(seen.height).toBeLessThan(4_000);
    const failing = FIXTURES['300-cases']!.eval!.cases.filter((c) => c.pass === false);
    for (const c of failing) expect(seen.text).toContain(c.id);
  });

  it('checkpoints evaluated: a bar chart of the pass rate per checkpoint, beside the loss chart', async () => {
    const page = await render(browser, comment('vertex-checkpoints'), 'light');
    const bars = (await page.evaluate(
      `[...document.querySelectorAll('.mermaid svg g[class*="bar-plot"] rect')].map((r) => Number(r.getAttribute('height')))`,
    )) as number[];
    const charts = (await page.evaluate(`document.querySelectorAll('.mermaid svg').length`)) as number;
    await page.close();
    expect(charts).toBe(2);
    expect(bars).toHaveLength(4);
    // Epoch 2 (90%) stands tallest.
    expect(bars.indexOf(Math.max(...bars))).toBe(1);
  });

  it('regressions come first, marked', async () => {
    const seen = await read(await render(browser, comment('regressions'), 'light'));
    expect(seen.firstRow.startsWith('🔻')).toBe(true);
  });
});

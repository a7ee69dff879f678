/**
 * `npm run render`: the PR comment and the job summary of every fixture report in
 * test/render/fixtures.ts, drawn as GitHub shows them (GFM and Mermaid, in headless Chromium) in
 * its light and dark themes, as PNG files in render/ (git-ignored). Needs Debian's `chromium`
 * (`apt-get install chromium`, or CHROMIUM_PATH).
 */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderComment } from '../src/report/comment.js';
import { renderSummary } from '../src/report/summary.js';
import { launch, render } from '../test/render/browser.js';
import { FIXTURES } from '../test/render/fixtures.js';

const out = join(process.cwd(), 'render');
mkdirSync(out, { recursive: true });
const browser = await launch();
try {
  for (const [name, report] of Object.entries(FIXTURES)) {
    const comment = renderComment(report, { marker: `<!-- gemini-tune:${name} -->`, phase: 'final' });
    const summary = renderSummary(report);
    for (const theme of ['light', 'dark'] as const) {
      await (await render(browser, comment, theme, join(out, `${name}-comment-${theme}.png`))).close();
    }
    await (await render(browser, summary, 'light', join(out, `${name}-summary-light.png`))).close();
    console.log(`render/${name}-{comment-light,comment-dark,summary-light}.png`);
  }
} finally {
  await browser.close();
}

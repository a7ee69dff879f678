/** Headless Chromium (Debian's `chromium`, driven by playwright-core) drawing a page of ./page.ts. */

import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath, pageHtml, type Theme } from './page.js';

export async function launch(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH)');
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
}

/** The markdown drawn in a new page (Mermaid done); a PNG of the whole page when `png` is given. */
export async function render(browser: Browser, markdown: string, theme: Theme, png?: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 820, height: 600 }, deviceScaleFactor: 1 });
  await page.setContent(pageHtml(markdown, theme), { waitUntil: 'load' });
  await page.waitForFunction(() => (globalThis as unknown as { __rendered?: unknown }).__rendered !== undefined, null, {
    timeout: 30_000,
  });
  const state = await page.evaluate(() => (globalThis as unknown as { __rendered?: unknown }).__rendered);
  if (state !== true) throw new Error(`Mermaid failed: ${String(state)}`);
  if (png) await page.screenshot({ path: png, fullPage: true });
  return page;
}

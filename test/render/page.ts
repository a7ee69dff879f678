/**
 * The comment and the summary as GitHub shows them, in a real browser: GitHub-flavoured Markdown
 * (marked, GFM) in a page styled like GitHub's light or dark theme, the ```mermaid blocks drawn by
 * the `mermaid` package. Used by `npm run render` (PNG files to look at) and test/render/ (asserts
 * on the rendered page).
 */

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Marked } from 'marked';

export type Theme = 'light' | 'dark';

export const THEMES: Record<Theme, { background: string; text: string; border: string; muted: string }> = {
  light: { background: '#ffffff', text: '#1f2328', border: '#d1d9e0', muted: '#59636e' },
  dark: { background: '#0d1117', text: '#f0f6fc', border: '#3d444d', muted: '#9198a1' },
};

/** Where Chromium is, or null: CHROMIUM_PATH, then Debian's /usr/bin/chromium. */
export function chromiumPath(): string | null {
  for (const p of [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (p && existsSync(p)) return p;
  }
  return null;
}

let mermaidScript: string | null = null;
function mermaidJs(): string {
  mermaidScript ??= readFileSync(createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js'), 'utf8');
  return mermaidScript;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/** The markdown as HTML, the way GitHub renders it (GFM; raw HTML passes through, as GitHub's sanitiser allows the tags we use). */
export function markdownToHtml(markdown: string): string {
  const marked = new Marked({ gfm: true, breaks: false });
  marked.use({
    renderer: {
      code({ text, lang }) {
        if (lang === 'mermaid') return `<pre class="mermaid">${escapeHtml(text)}</pre>\n`;
        return `<pre><code>${escapeHtml(text)}</code></pre>\n`;
      },
    },
  });
  return marked.parse(markdown, { async: false });
}

export function pageHtml(markdown: string, theme: Theme): string {
  const t = THEMES[theme];
  return `<!doctype html>
<html><head><meta charset="utf-8"><style>
  body { background: ${t.background}; color: ${t.text}; margin: 0; padding: 16px;
    font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
  main { max-width: 780px; }
  table { border-collapse: collapse; display: block; overflow: auto; max-width: 100%; }
  th, td { border: 1px solid ${t.border}; padding: 6px 13px; vertical-align: top; }
  code { background: rgba(129, 139, 152, 0.15); padding: 0.2em 0.4em; border-radius: 6px; font-size: 85%; }
  pre { white-space: pre-wrap; }
  blockquote { border-left: 0.25em solid ${t.border}; color: ${t.muted}; margin: 0; padding: 0 1em; }
  details { margin: 8px 0; }
  a { color: #4493f8; }
  sub { color: ${t.muted}; }
</style></head><body><main>${markdownToHtml(markdown)}</main>
<script>${mermaidJs()}</script>
<script>
  mermaid.initialize({ startOnLoad: false, theme: ${JSON.stringify(theme === 'dark' ? 'dark' : 'default')}, securityLevel: 'strict' });
  mermaid.run({ querySelector: 'pre.mermaid' }).then(() => { window.__rendered = true; }, (e) => { window.__rendered = 'error: ' + e; });
</script></body></html>`;
}

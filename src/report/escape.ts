/**
 * Escaping of untrusted text (dataset content, model outputs, service messages) for each place
 * it can land in GitHub-flavoured Markdown.
 *
 * The rules, shared by every helper here:
 * - HTML: `& < > " '` become entities, so no tag, comment (our hidden marker included) or
 *   attribute from the data survives as HTML.
 * - Mentions (`@user`, `@org/team`) get a U+200B ZERO WIDTH SPACE after the `@`; issue and pull
 *   request references (`#1`, `GH-1`, `owner/repo#1`) get one after the `#` / `-`; URL schemes
 *   (`https://`) get one after the `:` so a pasted link to an issue does not cross-reference it.
 *   The text reads the same; nothing pings and nothing links.
 * - Bidirectional control characters (the "Trojan Source" set) and other C0/C1 controls are
 *   removed: they could reorder the rest of a table row visually. Ordinary right-to-left text is
 *   kept as is.
 */

const ZWSP = '\u200B';

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Markdown inline syntax that could change how escaped text renders: backslash escapes, code
 * spans, emphasis, strikethrough, links and images, table pipes and math. Entities (rather than
 * backslashes) work in a paragraph, in a table cell and inside a raw HTML block alike.
 */
const MARKDOWN_ENTITIES: Record<string, string> = {
  '\\': '&#92;',
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&#126;',
  '[': '&#91;',
  ']': '&#93;',
  '|': '&#124;',
  $: '&#36;',
};

// C0/C1 controls except tab and line breaks, and the bidi embeddings/overrides/isolates and marks
// that can reorder surrounding content.
const STRIP_CONTROLS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** Normalises line breaks to `\n` and drops control characters that are never wanted. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(STRIP_CONTROLS, '');
}

/** Escapes `& < > " '` as HTML entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/** Breaks `@mention`s (users, `@org/team`) with a zero-width space so nobody is notified. */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(?=[\p{L}\p{N}_-])/gu, `@${ZWSP}`);
}

/**
 * Breaks issue / pull request references (`#12`, `GH-12`, `owner/repo#12`) and URL schemes so
 * GitHub neither links them nor adds a cross-reference to the other issue's timeline.
 */
export function neutralizeReferences(text: string): string {
  return text
    .replace(/#(?=\d)/g, `#${ZWSP}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWSP}`)
    .replace(/\b([a-z][a-z0-9+.-]*):(?=\/\/)/gi, `$1:${ZWSP}`)
    .replace(/\bwww\.(?=[\p{L}\p{N}])/giu, `www${ZWSP}.`);
}

function neutralize(text: string): string {
  return neutralizeReferences(neutralizeMentions(text));
}

/**
 * Untrusted text for the content of a raw HTML element where whitespace matters (`<pre>`):
 * HTML-escaped and neutralised, line breaks kept.
 */
export function escapePre(text: string): string {
  return escapeHtml(neutralize(cleanText(text)));
}

/** Inline text, escaped and neutralised, before anything about where it starts (see escapeInline). */
function inlineText(text: string): string {
  // Neutralise first: the entities written below contain `#` followed by digits.
  return escapeHtml(neutralize(cleanText(text)))
    .replace(/[\\`*_~[\]|$]/g, (c) => MARKDOWN_ENTITIES[c] ?? c)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n/g, '<br>');
}

/**
 * What would make text at the start of a line open a block: an ordered-list marker (`1.`, `2)`), a
 * bullet (`-`, `+` then a space), a heading (`#` then a space), a quote (`>`), a setext underline
 * or thematic break (`===`, `---`), or indentation (a code block). Only then is its first
 * character written as an entity: "1 case" or "2026" stay as they are.
 */
const BLOCK_START = /^(?:\d{1,9}[.)](?:\s|<br>|$)|[-+](?:\s|<br>|$)|#{1,6}(?:\s|<br>|$)|>|[=-]+\s*(?:<br>|$)|[ \t])/;

/**
 * Untrusted text for inline Markdown (a paragraph, a list item, a `<summary>`): HTML-escaped,
 * Markdown syntax turned into entities, neutralised; line breaks become `<br>`, and when the text
 * would open a block at the start of a line (see BLOCK_START), its first character becomes an
 * entity, so it cannot start a heading, a list, a quote, a code block or the end of a table.
 */
export function escapeInline(text: string): string {
  const out = inlineText(text);
  return BLOCK_START.test(out) ? out.replace(/^./u, (c) => `&#${c.codePointAt(0) ?? 32};`) : out;
}

/**
 * Untrusted text for a GFM table cell: as {@link escapeInline}, without the block-start rule (a
 * cell opens no block); an empty value shows as a dash.
 */
export function escapeTableCell(text: string): string {
  const escaped = inlineText(text.trim());
  return escaped === '' ? '—' : escaped;
}

/**
 * Untrusted text as an inline code span: the fence is one backtick longer than the longest run
 * inside; line breaks become spaces (a code span cannot hold them); set `inTable` to escape
 * pipes the way GFM tables require. Nothing invisible goes inside (v2.1 decision 20): a resource
 * name copied from it is the name. Mentions and references are inert in code on GitHub. Text
 * holding `<!--` is written as an HTML `<code>` element with entities instead, so the raw body
 * never holds something that looks like a hidden marker.
 */
export function inlineCode(text: string, opts: { inTable?: boolean } = {}): string {
  const body = cleanText(text).replace(/\n+/g, ' ');
  if (body.includes('<!--')) {
    const html = escapeHtml(body).replace(/\|/g, '&#124;').replace(/`/g, '&#96;');
    return `<code>${html}</code>`;
  }
  const spanned = opts.inTable ? body.replace(/\|/g, '\\|') : body;
  if (spanned === '') return '` `';
  let longest = 0;
  for (const run of spanned.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad =
    spanned.startsWith('`') || spanned.endsWith('`') || (spanned.startsWith(' ') && spanned.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${spanned}${pad}${fence}`;
}

/**
 * Shortens `text` to at most `max` UTF-16 code units (ellipsis included), never splitting a
 * surrogate pair. Apply before escaping, so no entity is cut in half.
 */
export function truncate(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  const ellipsis = '…';
  let end = Math.max(0, max - ellipsis.length);
  const code = text.charCodeAt(end - 1);
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end -= 1; // high surrogate: keep the pair together
  return { text: text.slice(0, end) + ellipsis, truncated: true };
}

/**
 * As {@link truncate}, but ending at a word boundary when one falls in the last fifth of the room
 * (a finding or a warning cut mid-word reads as a typo).
 */
export function truncateWords(text: string, max: number): { text: string; truncated: boolean } {
  const cut = truncate(text, max);
  if (!cut.truncated) return cut;
  const body = cut.text.slice(0, -1); // without the ellipsis
  if (/\s/.test(text.charAt(body.length))) return { text: `${body.trimEnd()} …`, truncated: true };
  const space = body.search(/\s\S*$/);
  if (space >= Math.floor(body.length * 0.8)) return { text: `${body.slice(0, space).trimEnd()} …`, truncated: true };
  return cut;
}

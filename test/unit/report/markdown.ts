/** Helpers that read rendered Markdown back with `marked` (GFM), as GitHub would parse it. */
import { Lexer, marked, type Token, type Tokens } from 'marked';

export function tokens(md: string): Token[] {
  return new Lexer({ gfm: true }).lex(md);
}

/** Every token, depth first, including table cells and list items. */
export function walk(list: Token[], out: Token[] = []): Token[] {
  for (const t of list) {
    out.push(t);
    if (t.type === 'table') {
      const table = t as Tokens.Table;
      for (const cell of table.header) walk(cell.tokens, out);
      for (const row of table.rows) for (const cell of row) walk(cell.tokens, out);
    } else if (t.type === 'list') {
      for (const item of (t as Tokens.List).items) walk(item.tokens, out);
    } else if ('tokens' in t && Array.isArray(t.tokens)) {
      walk(t.tokens, out);
    }
  }
  return out;
}

export function tables(md: string): Tokens.Table[] {
  return walk(tokens(md)).filter((t): t is Tokens.Table => t.type === 'table');
}

export function codeBlocks(md: string): Tokens.Code[] {
  return walk(tokens(md)).filter((t): t is Tokens.Code => t.type === 'code');
}

/** Our own tags, the only HTML the renderers may emit. */
const OURS = /<\/?(details|summary|br|sub|pre|code)>/gi;

/** Raw HTML in the document that is not one of our tags (should be empty). */
export function foreignHtml(md: string): string[] {
  const found: string[] = [];
  for (const t of walk(tokens(md))) {
    if (t.type !== 'html') continue;
    const rest = (t as Tokens.HTML).raw.replace(OURS, '');
    const tags = rest.match(/<[!/?a-z][^>]*>?/gi);
    if (tags) found.push(...tags);
  }
  return found;
}

export function toHtml(md: string): string {
  return marked.parse(md, { gfm: true, async: false });
}

/** Tags that appear in the rendered HTML. */
export function htmlTags(html: string): Set<string> {
  return new Set([...html.matchAll(/<\/?([a-z][a-z0-9]*)/gi)].map((m) => (m[1] as string).toLowerCase()));
}

/** The HTML tags the comment renderer itself emits: any other tag in a rendered body came from data. */
export const COMMENT_TAGS: ReadonlySet<string> = new Set([
  'h3',
  'h4',
  'p',
  'ul',
  'li',
  'strong',
  'em',
  'code',
  'pre',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'details',
  'summary',
  'br',
  'sub',
  'a',
  'blockquote',
]);

import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  escapeInline,
  escapePre,
  escapeTableCell,
  inlineCode,
  neutralizeMentions,
  neutralizeReferences,
  truncate,
  truncateWords,
} from '../../../src/report/escape.js';
import { HOSTILE } from './fixtures.js';
import { foreignHtml, tables, toHtml, tokens } from './markdown.js';

const ZWSP = '\u200B';
const MARKER_PREFIX = '<!-- gemini-tune:';

function tableWith(cell: string): string {
  return `| a | b | c |\n| --- | --- | --- |\n| x | ${cell} | z |\n`;
}

/** Visible text of the rendered HTML: tags removed, entities decoded, zero-width spaces dropped. */
function visible(html: string): string {
  return html
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replaceAll(ZWSP, '');
}

describe('escapeHtml', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
  it('turns a copy of our marker into inert text', () => {
    expect(escapeHtml(HOSTILE.marker as string)).not.toContain(MARKER_PREFIX);
  });
});

describe('mentions and references', () => {
  it('breaks @user and @org/team so nobody is pinged', () => {
    const out = neutralizeMentions('@octocat and @github/security-team and me@example.com');
    expect(out).toBe(`@${ZWSP}octocat and @${ZWSP}github/security-team and me@${ZWSP}example.com`);
    expect(out).not.toMatch(/@[a-z]/i);
  });
  it('breaks #1, GH-1, owner/repo#1 and URL schemes', () => {
    const out = neutralizeReferences('#1 GH-2 gh-3 octo/repo#4 https://github.com/o/r/issues/5 www.example.com');
    expect(out).not.toMatch(/#\d/);
    expect(out).not.toMatch(/GH-\d/i);
    expect(out).not.toContain('https://');
    expect(out).not.toContain('www.e');
    expect(out.replaceAll(ZWSP, '')).toBe('#1 GH-2 gh-3 octo/repo#4 https://github.com/o/r/issues/5 www.example.com');
  });
  it('leaves text without mentions or references alone', () => {
    expect(neutralizeReferences('C# and F# are languages; issue one')).toBe('C# and F# are languages; issue one');
  });
});

describe('escapeInline / escapeTableCell', () => {
  for (const [name, text] of Object.entries(HOSTILE)) {
    it(`keeps a table intact and inert: ${name}`, () => {
      const cell = escapeTableCell(text);
      expect(cell).not.toContain('\n');
      expect(cell).not.toMatch(/<(?!br>)/); // no tag but our <br>
      expect(cell).not.toContain(MARKER_PREFIX);
      expect(cell).not.toMatch(/@[\p{L}\p{N}]/u);
      expect(cell).not.toMatch(/(?<!&)#\d/);
      const md = tableWith(cell);
      const [table, ...more] = tables(md);
      expect(more).toHaveLength(0);
      expect(table?.header).toHaveLength(3);
      expect(table?.rows).toHaveLength(1);
      expect(table?.rows[0]).toHaveLength(3);
      expect(table?.rows[0]?.[2]?.text).toBe('z');
      expect(foreignHtml(md)).toEqual([]);
      const html = toHtml(md);
      expect(html).not.toMatch(/<(img|script|a|h1|ul|blockquote|strong|em|code|pre)\b/i);
    });
  }

  it('renders back to the original text (minus stripped controls)', () => {
    for (const [name, text] of Object.entries(HOSTILE)) {
      if (name === 'rtl') continue;
      const html = toHtml(`${escapeInline(text)}\n`);
      expect(visible(html).trim(), name).toBe(
        text
          .replace(/\r\n/g, '\n')
          .replace(/[ \t]+\n/g, '\n')
          .trim(),
      );
    }
  });

  it('does not break its own entities when neutralising references', () => {
    expect(escapeInline(`it's #1`)).toBe(`it&#39;s #${ZWSP}1`);
  });

  it('drops bidi overrides but keeps right-to-left text', () => {
    const out = escapeInline(HOSTILE.rtl as string);
    expect(out).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(out).toContain('مرحبا');
    expect(out).toContain('שלום');
  });

  it('keeps emoji whole', () => {
    expect(escapeInline(HOSTILE.emoji as string)).toBe(HOSTILE.emoji);
  });

  it('renders markdown syntax literally', () => {
    const html = toHtml(escapeInline(HOSTILE.markdown as string));
    expect(html).not.toMatch(/<(h1|li|blockquote|a|img|strong|code)\b/);
  });

  it('handles a 200 KB output', () => {
    const big = '<b>x</b> @octocat | '.repeat(10_000);
    const cell = escapeTableCell(big);
    expect(cell).not.toContain('<b>');
    expect(tables(tableWith(cell))[0]?.rows[0]).toHaveLength(3);
  });

  it('shows an empty value as a dash', () => {
    expect(escapeTableCell('   ')).toBe('—');
  });
});

describe('escapePre', () => {
  it('keeps line breaks and escapes HTML', () => {
    const out = escapePre('a\n</pre><img src=x>\n@octocat');
    expect(out).toBe(`a\n&lt;/pre&gt;&lt;img src=x&gt;\n@${ZWSP}octocat`);
    const md = `<pre>\n${out}</pre>\n`;
    expect(foreignHtml(md)).toEqual([]);
    expect(tokens(md)).toHaveLength(1);
  });
});

describe('inlineCode', () => {
  it('uses a fence longer than any backtick run inside', () => {
    const code = inlineCode('a ``` b ` c');
    expect(code.startsWith('````')).toBe(true);
    const html = toHtml(code);
    expect(html).toContain('<code>a ``` b ` c</code>');
  });
  it('pads values that start or end with a backtick', () => {
    expect(toHtml(inlineCode('`x`'))).toContain('<code>`x`</code>');
  });
  it('escapes pipes in tables and defuses the marker', () => {
    const cell = inlineCode('a | b <!-- gemini-tune:x -->', { inTable: true });
    expect(cell).not.toContain(MARKER_PREFIX);
    expect(tables(tableWith(cell))[0]?.rows[0]).toHaveLength(3);
  });
});

describe('truncate', () => {
  it('leaves short text alone', () => {
    expect(truncate('abc', 3)).toEqual({ text: 'abc', truncated: false });
  });
  it('cuts with an ellipsis and never splits a surrogate pair', () => {
    const r = truncate('ab🚀🚀🚀', 4);
    expect(r.truncated).toBe(true);
    expect(r.text.length).toBeLessThanOrEqual(4);
    expect(r.text).toBe('ab…');
    expect(r.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('escaping that stays invisible (v2.1 decision 20)', () => {
  it('code spans hold the text itself: a resource name copies as it is', () => {
    const name = 'projects/123/locations/us/models/8194094789592786302@1';
    expect(inlineCode(name)).toBe('`' + name + '`');
    expect(inlineCode('@octocat #12 https://x.example')).toBe('`@octocat #12 https://x.example`');
    expect(inlineCode('a | b', { inTable: true })).toBe('`a \\| b`');
    expect(inlineCode('x<!-- gemini-tune:k -->y')).toBe('<code>x&lt;!-- gemini-tune:k --&gt;y</code>');
    expect(inlineCode('x<!-- y')).not.toContain('\u200B');
  });

  it('a leading character becomes an entity only when it would open a block', () => {
    expect(escapeInline('1 eval input also appears')).toBe('1 eval input also appears');
    expect(escapeInline('2026 was a year')).toBe('2026 was a year');
    expect(escapeInline('1. first')).toBe('&#49;. first');
    expect(escapeInline('3) third')).toBe('&#51;) third');
    expect(escapeInline('# heading')).toBe('&#35; heading');
    expect(escapeInline('- item')).toBe('&#45; item');
    expect(escapeInline('-1 degrees')).toBe('-1 degrees');
    expect(escapeInline('> quote')).toBe('&gt; quote'); // an entity opens no quote
    expect(escapeInline('---')).toBe('&#45;--');
    expect(escapeInline('    code')).toBe('&#32;   code');
    expect(escapeTableCell('1. not a list in a cell')).toBe('1. not a list in a cell');
  });
});

describe('truncateWords', () => {
  it('ends at a word boundary near the limit, else where the limit falls', () => {
    expect(truncateWords('the quick brown fox jumps over', 20)).toEqual({
      text: 'the quick brown fox …',
      truncated: true,
    });
    expect(truncateWords('short', 20)).toEqual({ text: 'short', truncated: false });
    expect(truncateWords('x'.repeat(30), 10)).toEqual({ text: 'xxxxxxxxx…', truncated: true });
  });
});

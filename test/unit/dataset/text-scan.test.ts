import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyScan, scanBytes, scanText } from '../../../src/dataset/analysis/text-scan.js';

// The scan takes ASCII text four bytes at a time with bit tricks and everything else byte by
// byte; these properties hold it to a plain reference implementation of the same rules.

const SPACES = [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u2003', '\u3000', '\ufeff'];
const INVISIBLE = ['\u200b', '\u00ad', '\u2060'];

/** Reference normalisation: ASCII case folded, invisible characters dropped, whitespace runs made one space, trimmed. */
function normalise(s: string): string {
  const kept = [...s].filter((c) => !INVISIBLE.includes(c) && c !== '\u034f');
  const mapped = kept.map((c) => (/^[A-Z]$/.test(c) ? c.toLowerCase() : c));
  const out: string[] = [];
  let space = false;
  for (const c of mapped) {
    if (isSpace(c)) {
      space = out.length > 0;
      continue;
    }
    if (space) out.push(' ');
    space = false;
    out.push(c);
  }
  return out.join('');
}

function isSpace(c: string): boolean {
  const x = c.codePointAt(0)!;
  return (
    x === 0x20 ||
    (x >= 0x09 && x <= 0x0d) ||
    x === 0xa0 ||
    x === 0x1680 ||
    (x >= 0x2000 && x <= 0x200a) ||
    x === 0x2028 ||
    x === 0x2029 ||
    x === 0x202f ||
    x === 0x205f ||
    x === 0x3000 ||
    x === 0xfeff
  );
}

// Mostly ASCII words (the fast path), with every kind of character that leaves it.
const unit = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...'abcdefghij'.split('')) },
  { weight: 3, arbitrary: fc.constantFrom(...'ABCXYZ'.split('')) },
  { weight: 3, arbitrary: fc.constantFrom(...SPACES) },
  { weight: 2, arbitrary: fc.constantFrom(...'0123456789:.,!?"#{}\u0000\u0007\u007f'.split('')) },
  { weight: 1, arbitrary: fc.constantFrom(...INVISIBLE) },
  { weight: 1, arbitrary: fc.constantFrom('é', 'ü', '✓', '中', '😀', '\u2014') },
);
const text = fc.string({ unit, maxLength: 40 });

/** A variant of `s` that normalises the same: case flipped, whitespace changed, invisibles added. */
const variant = (s: string): fc.Arbitrary<string> =>
  fc.tuple(fc.infiniteStream(fc.nat(9)), fc.constantFrom(...SPACES)).map(([choices, ws]) => {
    const it = choices[Symbol.iterator]();
    let out = '';
    for (const c of s) {
      const pick = it.next().value as number;
      if (/^[a-z]$/.test(c) && pick < 3) out += c.toUpperCase();
      else if (/^[A-Z]$/.test(c) && pick < 3) out += c.toLowerCase();
      else if (isSpace(c) && pick < 4) out += pick < 2 ? ws : `${c}${ws}`;
      else out += c;
      if (pick === 9) out += '\u200b';
    }
    return `${ws}${out}${ws}`;
  });

describe('scanText', () => {
  it('counts code points, non-ASCII code points and visible characters as a plain loop does', () => {
    fc.assert(
      fc.property(text, (s) => {
        const scan = scanText(s, 1, emptyScan());
        const cps = [...s];
        expect(scan.chars).toBe(cps.length);
        expect(scan.nonAscii).toBe(cps.filter((c) => c.codePointAt(0)! >= 0x80).length);
        const visible = cps.some(
          (c) =>
            /[A-Za-z0-9$+<=>^|~]/.test(c) ||
            (c.codePointAt(0)! >= 0x80 &&
              !isSpace(c) &&
              !INVISIBLE.includes(c) &&
              !/[\u2010-\u2027\u3000-\u303f]/.test(c)),
        );
        expect(scan.visible).toBe(visible);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives texts that differ only in case, whitespace or invisible characters the same normalised fingerprint', () => {
    fc.assert(
      fc.property(
        text.chain((s) => fc.tuple(fc.constant(s), variant(s))),
        ([a, b]) => {
          expect(normalise(b)).toBe(normalise(a)); // the generator's own premise
          const x = scanText(a, 7, emptyScan());
          const y = scanText(b, 7, emptyScan());
          expect([y.normLo, y.normHi]).toEqual([x.normLo, x.normHi]);
          if (a !== b) expect([y.exactLo, y.exactHi]).not.toEqual([x.exactLo, x.exactHi]);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('tells texts apart that normalise differently, and the same text under another seed', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const x = scanText(a, 7, emptyScan());
        const y = scanText(b, 7, emptyScan());
        const sameNorm = x.normLo === y.normLo && x.normHi === y.normHi;
        expect(sameNorm).toBe(normalise(a) === normalise(b));
        const sameExact = x.exactLo === y.exactLo && x.exactHi === y.exactHi;
        expect(sameExact).toBe(a === b);
        const z = scanText(a, 8, emptyScan());
        expect([z.normLo, z.normHi]).not.toEqual([x.normLo, x.normHi]);
      }),
      { numRuns: 3000 },
    );
  });

  it('scans bytes the same at any offset of a buffer (the word reads are unaligned)', () => {
    fc.assert(
      fc.property(text, fc.nat(7), (s, pad) => {
        const bytes = Buffer.concat([Buffer.alloc(pad, 0x41), Buffer.from(s, 'utf8'), Buffer.alloc(3, 0x20)]);
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
        const got = scanBytes(bytes, view, pad, bytes.length - 3, 3, emptyScan());
        expect(got).toEqual(scanText(s, 3, emptyScan()));
      }),
      { numRuns: 1000 },
    );
  });
});

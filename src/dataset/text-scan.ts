/**
 * One pass over a string that yields what the limits, the statistics and the dataset doctor need,
 * so that a large set is walked once per field rather than once per check: the length in code
 * points, how many of them are outside ASCII (for the token estimate), whether there is anything
 * visible in it, and two 64-bit fingerprints (exact, and after folding case and whitespace).
 *
 * The fingerprints are non-cryptographic (two 32-bit multiplicative lanes each). They only group
 * examples for warnings; the content key uses sha256.
 */

export interface TextScan {
  /** Unicode code points. */
  chars: number;
  /** Code points outside ASCII. */
  nonAscii: number;
  /** Has at least one letter, digit or symbol (not only whitespace, punctuation or invisible characters). */
  visible: boolean;
  exactLo: number;
  exactHi: number;
  /** Fingerprint after ASCII case folding, trimming and collapsing runs of whitespace. */
  normLo: number;
  normHi: number;
}

export function emptyScan(): TextScan {
  return { chars: 0, nonAscii: 0, visible: false, exactLo: 0, exactHi: 0, normLo: 0, normHi: 0 };
}

const SEED_A = 0x9e3779b1;
const SEED_B = 0x85ebca77;
const M1 = 0x2c1b3c6d;
const M2 = 0x297a2d39;

function fin(h: number, other: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16) ^ other) >>> 0;
}

function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Invisible format characters: zero-width spaces and joiners, marks, soft hyphen, word joiner. */
function isInvisible(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064) || c === 0x034f;
}

/** ASCII classes: 0 punctuation or control (kept, not visible), 1 visible, 2 whitespace, 3 upper-case letter. */
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) ASCII_CLASS[c] = 2;
  else if (c >= 0x41 && c <= 0x5a) ASCII_CLASS[c] = 3;
  else if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || '$+<=>^|~'.includes(String.fromCharCode(c)))
    ASCII_CLASS[c] = 1;
}

/**
 * Scans `s` into `out` (reused, so a large set allocates nothing per field). `seed` separates
 * fields (an input and an output with the same text get different fingerprints).
 *
 * Speed matters here (every character of a large set passes through once), so:
 * - runs of lower-case ASCII letters (most of any text) take a tight inner loop;
 * - the normalised text is hashed in two independent multiplicative lanes the CPU runs side by side;
 * - the exact fingerprint is not a second full hash: it is the normalised one combined with a
 *   small hash of only the characters normalisation changed (upper-case letters, whitespace,
 *   invisible characters) and their positions, so two texts with equal normalised fingerprints
 *   are still told apart when their case or whitespace differ.
 */
export function scanText(s: string, seed: number, out: TextScan): TextScan {
  let n1 = SEED_A ^ seed;
  let n2 = SEED_B ^ seed;
  let delta = seed;
  let nonAscii = 0;
  let pairs = 0;
  let visible = false;
  let pendingSpace = false;
  let started = false;
  const len = s.length;
  let i = 0;
  while (i < len) {
    let c = s.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) {
      // hot path: a run of lower-case ASCII letters
      if (pendingSpace) {
        n1 = Math.imul(n1 ^ 0x20, M1);
        n2 = Math.imul(n2 ^ 0x20, M2);
        pendingSpace = false;
      }
      visible = true;
      started = true;
      do {
        n1 = Math.imul(n1 ^ c, M1);
        n2 = Math.imul(n2 ^ c, M2);
        i++;
        c = i < len ? s.charCodeAt(i) : 0;
      } while (c >= 0x61 && c <= 0x7a);
      continue;
    }
    const at = i;
    i++;
    if (c < 0x80) {
      const k = ASCII_CLASS[c];
      if (k === 2) {
        delta = Math.imul(delta ^ (c | (at << 8)), M1);
        if (started) pendingSpace = true;
        continue;
      }
      if (k === 3) {
        delta = Math.imul(delta ^ (c | (at << 8)), M1);
        c += 0x20;
        visible = true;
      } else if (k === 1) visible = true;
    } else {
      nonAscii++;
      if (c >= 0xd800 && c <= 0xdbff && i < len) {
        const d = s.charCodeAt(i);
        if (d >= 0xdc00 && d <= 0xdfff) {
          // one code point in two code units
          i++;
          pairs++;
          c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        }
      }
      if (isSpace(c)) {
        delta = Math.imul(delta ^ (c | (at << 8)), M1);
        if (started) pendingSpace = true;
        continue;
      }
      if (isInvisible(c)) {
        delta = Math.imul(delta ^ (c | (at << 8)), M1);
        continue;
      }
      if (!visible && !(c >= 0x2010 && c <= 0x2027) && !(c >= 0x3000 && c <= 0x303f)) visible = true;
    }
    if (pendingSpace) {
      n1 = Math.imul(n1 ^ 0x20, M1);
      n2 = Math.imul(n2 ^ 0x20, M2);
      pendingSpace = false;
    }
    started = true;
    n1 = Math.imul(n1 ^ c, M1);
    n2 = Math.imul(n2 ^ c, M2);
  }
  out.chars = len - pairs;
  out.nonAscii = nonAscii;
  out.visible = visible;
  out.normLo = fin(n1, n2);
  out.normHi = fin(n2 ^ SEED_B, out.normLo);
  const d = fin(delta ^ len, 0);
  out.exactLo = fin(out.normLo ^ d, out.normHi);
  out.exactHi = fin(out.normHi ^ Math.imul(d, M2), out.exactLo);
  return out;
}

/**
 * Estimated tokens: about 4 ASCII characters per token and one token per other character. Only
 * an estimate (the real count depends on the model's tokenizer); it errs high for accented Latin
 * text and is close for CJK text.
 */
export function estimateTokens(chars: number, nonAscii: number): number {
  return Math.ceil((chars - nonAscii) / 4) + nonAscii;
}

/** Combines two fingerprints (e.g. an input's and an output's) into one, order-sensitive, into `out`. */
export function combine(aLo: number, aHi: number, bLo: number, bHi: number, out: [number, number]): [number, number] {
  const lo = fin(Math.imul(aLo ^ 0x5bd1e995, M1) ^ bLo, aHi);
  out[0] = lo;
  out[1] = fin(Math.imul(aHi ^ 0x1b873593, M2) ^ bHi, lo);
  return out;
}

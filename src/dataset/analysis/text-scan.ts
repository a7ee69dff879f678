/**
 * One pass over a text that yields what the limits, the statistics and the dataset doctor need,
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

/** 1 for a byte that is ASCII whitespace or not ASCII. */
const SPACE_OR_HIGH = new Uint8Array(256);
for (let c = 0; c < 256; c++) SPACE_OR_HIGH[c] = c >= 0x80 || ASCII_CLASS[c] === 2 ? 1 : 0;

const M3 = 0x5bd1e995;
const HIGH = 0x80808080;

/**
 * Scans the UTF-8 bytes `b[start..end)` into `out` (reused, so a large set allocates nothing per
 * field); `view` is a DataView over the same memory as `b`. `seed` separates fields (an input and
 * an output with the same text get different fingerprints). The bytes must be valid UTF-8 (as
 * Buffer.write produces): the analysis gets the examples as bytes (example-chunks.ts).
 *
 * The normalised fingerprint hashes the normalised text's UTF-8 bytes four at a time (as
 * little-endian words, the last one padded with zeros) in two independent multiplicative lanes,
 * plus its length. The exact one combines it with a lane over the raw bytes, so two texts that
 * normalise alike are still told apart when their case or whitespace differ.
 *
 * Speed matters here (every byte of a large set passes through), so an ASCII word that needs at
 * most in-place changes (upper-case letters lowered, a lone tab or line break made a space) is
 * normalised a word at a time with bit tricks (each byte is below 0x80, so adding a constant to
 * the word never carries into the next byte). From the first word that needs more (a non-ASCII
 * byte, a run of whitespace, whitespace at the start or the end) the text goes byte by byte.
 */
export function scanBytes(
  b: Uint8Array,
  view: DataView,
  start: number,
  end: number,
  seed: number,
  out: TextScan,
): TextScan {
  let raw = M3 ^ seed;
  let n1 = SEED_A ^ seed;
  let n2 = SEED_B ^ seed;
  let visible = false;
  let i = start;
  // A word at a time while at least one byte follows (so trailing whitespace is seen below), and
  // not from leading whitespace. Branch-free but for the way out: text is too irregular for a
  // branch predictor.
  const words = start < end && ASCII_CLASS[b[start]!] !== 2 ? end - 4 : start;
  while (i < words) {
    const w = view.getUint32(i, true);
    const upper = (w + 0x3f3f3f3f) & ~(w + 0x25252525) & HIGH; // 0x41..0x5a
    const space = ~((w ^ 0x20202020) + 0x7f7f7f7f) & HIGH; // 0x20
    const breaks = (w + 0x77777777) & ~(w + 0x72727272) & HIGH; // 0x09..0x0d
    const ws = space | breaks;
    // Out: a non-ASCII byte, two whitespace bytes in a row, or whitespace last in the word and
    // whitespace or a non-ASCII byte after it.
    if (((w & HIGH) | (ws & (ws << 8)) | ((ws >>> 31) & SPACE_OR_HIGH[b[i + 4]!]!)) !== 0) break;
    raw = Math.imul(raw ^ w, M3);
    if (!visible) {
      const lower = (w + 0x1f1f1f1f) & ~(w + 0x05050505) & HIGH; // 0x61..0x7a
      if ((lower | upper) !== 0) visible = true;
      else for (let k = i; k < i + 4; k++) if (ASCII_CLASS[b[k]!] === 1) visible = true;
    }
    const norm = (w & ~Math.imul(breaks >>> 7, 0xff)) | (upper >>> 2) | (breaks >>> 2);
    n1 = Math.imul(n1 ^ norm, M1);
    n2 = Math.imul(n2 ^ norm, M2);
    i += 4;
  }

  // The raw lane over the rest, a word at a time too.
  let j = i;
  for (; j + 4 <= end; j += 4) raw = Math.imul(raw ^ view.getUint32(j, true), M3);
  let tail = 0;
  for (let shift = 0; j < end; j++, shift += 8) tail |= b[j]! << shift;
  raw = Math.imul(raw ^ tail, M3);

  // Byte by byte: whitespace runs (Unicode ones too) become one space, dropped at the ends;
  // invisible characters are dropped; normalised bytes are packed into words as above.
  let started = i > start;
  let pendingSpace = false;
  let normLen = i - start;
  let word = 0;
  let shift = 0;
  let nonAscii = 0;
  let continuation = 0;
  while (i < end) {
    let c = b[i]!;
    const at = i;
    i++;
    if (c < 0x80) {
      const k = ASCII_CLASS[c];
      if (k === 2) {
        if (started) pendingSpace = true;
        continue;
      }
      if (k === 3) {
        c += 0x20;
        visible = true;
      } else if (k === 1) visible = true;
    } else {
      nonAscii++;
      const more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
      let cp = c & (0x3f >> more);
      for (let k = 0; k < more && i < end; k++, i++) {
        cp = (cp << 6) | (b[i]! & 0x3f);
        continuation++;
      }
      if (isSpace(cp)) {
        if (started) pendingSpace = true;
        continue;
      }
      if (isInvisible(cp)) continue;
      if (!visible && !(cp >= 0x2010 && cp <= 0x2027) && !(cp >= 0x3000 && cp <= 0x303f)) visible = true;
    }
    started = true;
    // Emit the pending space (as position at - 1), then the character: `c` for ASCII, else its bytes.
    for (let k = pendingSpace ? at - 1 : at; k < i; k++) {
      const x = k < at ? 0x20 : c < 0x80 ? c : b[k]!;
      word |= x << shift;
      shift += 8;
      normLen++;
      if (shift === 32) {
        n1 = Math.imul(n1 ^ word, M1);
        n2 = Math.imul(n2 ^ word, M2);
        word = 0;
        shift = 0;
      }
    }
    pendingSpace = false;
  }
  if (shift > 0) {
    n1 = Math.imul(n1 ^ word, M1);
    n2 = Math.imul(n2 ^ word, M2);
  }
  out.chars = end - start - continuation;
  out.nonAscii = nonAscii;
  out.visible = visible;
  out.normLo = fin(n1 ^ normLen, n2);
  out.normHi = fin(n2 ^ SEED_B, out.normLo);
  const d = fin(raw ^ (end - start), 0);
  out.exactLo = fin(out.normLo ^ d, out.normHi);
  out.exactHi = fin(out.normHi ^ Math.imul(d, M2), out.exactLo);
  return out;
}

let scratch = Buffer.allocUnsafe(4096);
let scratchView = new DataView(scratch.buffer, scratch.byteOffset, scratch.length);

/** `scanBytes` over the UTF-8 encoding of `s` (a lone surrogate counts as U+FFFD). */
export function scanText(s: string, seed: number, out: TextScan): TextScan {
  if (scratch.length < 3 * s.length) {
    scratch = Buffer.allocUnsafe(3 * s.length);
    scratchView = new DataView(scratch.buffer, scratch.byteOffset, scratch.length);
  }
  const n = scratch.write(s, 0, 'utf8');
  return scanBytes(scratch, scratchView, 0, n, seed, out);
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

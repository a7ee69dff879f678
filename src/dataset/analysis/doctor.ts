/**
 * The dataset doctor: warnings about data that loads fine but is likely to tune badly.
 * Within a set: exact and near duplicates, one input with different outputs, outputs with nothing
 * in them, length outliers, and a prompt prefix most inputs share but some lack. Across sets:
 * eval inputs that are also training inputs (leakage) and validation examples whose input is in
 * the training set (overlap).
 *
 * Findings are warnings: they are annotated, listed in the JSON report, the job summary and the
 * PR comment, and never fail the run.
 */

import { fmt, preview } from '../problems.js';
import { percentile } from './stats.js';
import type { U32Column } from './fingerprint-table.js';
import type { DatasetFinding } from '../../domain.js';

export const MAX_FINDING_LINES = 20;

/** Collects the lines of one kind of finding (the first few, and a count). */
export class FindingLines {
  readonly lines: number[] = [];
  /** For each stored line, the earlier line it relates to (0 when none). */
  readonly related: number[] = [];
  count = 0;

  add(line: number, related = 0): void {
    this.count++;
    if (this.lines.length < MAX_FINDING_LINES) {
      this.lines.push(line);
      this.related.push(related);
    }
  }

  /** `line 9 (same as line 3), line 12 (same as line 4)` for the first few. */
  describe(relation: string, max = 3): string {
    const shown = this.lines.slice(0, max).map((l, k) => {
      const r = this.related[k] ?? 0;
      return r > 0 ? `line ${l} (${relation} line ${r})` : `line ${l}`;
    });
    return shown.join(', ') + (this.count > shown.length ? ', …' : '');
  }
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmt(n)} ${n === 1 ? one : many}`;
}

export function duplicateFinding(file: string, f: FindingLines): DatasetFinding | null {
  if (f.count === 0) return null;
  return {
    kind: 'duplicate',
    file,
    count: f.count,
    examples: f.lines,
    message: `${plural(f.count, 'example')} repeat${f.count === 1 ? 's' : ''} an earlier example exactly (${f.describe('same as')}): a repeated example counts several times in training; remove the copies`,
  };
}

export function nearDuplicateFinding(file: string, f: FindingLines): DatasetFinding | null {
  if (f.count === 0) return null;
  return {
    kind: 'near-duplicate',
    file,
    count: f.count,
    examples: f.lines,
    message: `${plural(f.count, 'example')} differ${f.count === 1 ? 's' : ''} from an earlier one only in letter case or whitespace (${f.describe('like')}): keep one of each`,
  };
}

export function conflictFinding(file: string, f: FindingLines): DatasetFinding | null {
  if (f.count === 0) return null;
  return {
    kind: 'conflict',
    file,
    count: f.count,
    examples: f.lines,
    message: `${plural(f.count, 'example')} ha${f.count === 1 ? 's' : 've'} the same input as an earlier example (letter case and whitespace aside) but a different output (${f.describe('input of')}): the model cannot learn two answers to one input; keep the right output and remove the others`,
  };
}

export function emptyOutputFinding(file: string, f: FindingLines): DatasetFinding | null {
  if (f.count === 0) return null;
  return {
    kind: 'empty-output',
    file,
    count: f.count,
    examples: f.lines,
    message: `${plural(f.count, 'output')} contain${f.count === 1 ? 's' : ''} no letters or digits, only whitespace, punctuation or invisible characters (${f.describe('')}): the model learns to answer with nothing; write the intended answer or remove the example`,
  };
}

/** Fewer examples than this: no outlier or prompt-format finding (too little to tell). */
export const MIN_EXAMPLES_FOR_SHAPE = 20;

/**
 * Length outliers, on a log scale: outside the quartiles by more than three interquartile ranges
 * and by at least a factor of 4.
 */
export function lengthOutlierFinding(
  file: string,
  field: 'input' | 'output',
  lengths: U32Column,
  lines: U32Column,
): DatasetFinding | null {
  const n = lengths.length;
  if (n < MIN_EXAMPLES_FOR_SHAPE) return null;
  const sorted = lengths.sorted();
  const log = (x: number): number => Math.log(x + 1);
  const q1 = log(percentile(sorted, 25));
  const q3 = log(percentile(sorted, 75));
  const spread = Math.max(3 * (q3 - q1), Math.log(4));
  const hi = q3 + spread;
  const lo = q1 - spread;
  const median = percentile(sorted, 50);
  const found = new FindingLines();
  const lens: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = log(lengths.get(i));
    if (v > hi || v < lo) {
      found.add(lines.get(i));
      if (lens.length < 3) lens.push(lengths.get(i));
    }
  }
  if (found.count === 0) return null;
  const eg = found.lines
    .slice(0, 3)
    .map((l, k) => `line ${l}: ${plural(lens[k] ?? 0, 'character')}`)
    .join(', ');
  return {
    kind: 'length-outlier',
    file,
    count: found.count,
    examples: found.lines,
    message: `${plural(found.count, field)} ${found.count === 1 ? 'is' : 'are'} far longer or shorter than the rest (${eg}${found.count > 3 ? ', …' : ''}; the median is ${plural(median, 'character')}): check for truncated, merged or pasted-in text`,
  };
}

const utf8 = new TextDecoder();
const BOUNDARY_PUNCTUATION = ':.?!;,';
const WHITESPACE = /^\s$/;
/** What `\s` matches, for one UTF-16 code unit. */
const isWhitespace = (c: number): boolean =>
  c < 0x80 ? c === 0x20 || (c >= 0x09 && c <= 0x0d) : WHITESPACE.test(String.fromCharCode(c));

/** A candidate prefix as UTF-8 bytes, and as little-endian words for comparing four bytes at a time. */
interface PrefixBytes {
  bytes: Uint8Array;
  words: Uint32Array;
}

function prefixBytes(prefix: string): PrefixBytes {
  const bytes = new Uint8Array(Buffer.from(prefix, 'utf8'));
  const view = new DataView(bytes.buffer);
  const words = new Uint32Array(bytes.length >>> 2);
  for (let k = 0; k < words.length; k++) words[k] = view.getUint32(4 * k, true);
  return { bytes, words };
}

function startsWithBytes(b: Uint8Array, view: DataView, start: number, end: number, p: PrefixBytes): boolean {
  const { bytes, words } = p;
  if (end - start < bytes.length) return false;
  for (let k = 0; k < words.length; k++) if (view.getUint32(start + 4 * k, true) !== words[k]) return false;
  for (let k = 4 * words.length; k < bytes.length; k++) if (b[start + k] !== bytes[k]) return false;
  return true;
}

/** Inputs kept to look for a shared prefix; candidates come from these, counts from every input. */
export const PREFIX_SAMPLE = 1000;
const PREFIX_SCAN_CHARS = 200;
const PREFIX_SHARE = 0.75;
const MAX_CANDIDATES = 8;

/**
 * Finds a prompt prefix or preamble (e.g. `Classify the sentiment:`) that most inputs start with
 * but some lack. Google's tuning guide: the examples must be formatted the way production prompts
 * are; a prefix that only some examples carry means that either those examples or the production
 * prompts do not match.
 *
 * Streaming: the candidates are the prefixes (at word or line boundaries) shared by at least 75%
 * of the first PREFIX_SAMPLE inputs; every input after that is only tested against them.
 */
export class PrefixDoctor {
  private sample: string[] = [];
  private sampleLines: number[] = [];
  private candidates: { prefix: string; bytes: PrefixBytes; matches: number; lacking: FindingLines }[] | null = null;
  private n = 0;

  /** Takes an input as the UTF-8 bytes `b[start..end)` (`view`: a DataView of the same memory). */
  add(b: Uint8Array, view: DataView, start: number, end: number, line: number): void {
    this.n++;
    if (this.candidates === null) {
      // 4 bytes a character are always enough (a character cut at the end of them decodes past the
      // slice); a surrogate pair cut by the slice is dropped.
      let s = utf8.decode(b.subarray(start, Math.min(end, start + 4 * PREFIX_SCAN_CHARS))).slice(0, PREFIX_SCAN_CHARS);
      if (/[\ud800-\udbff]$/.test(s)) s = s.slice(0, -1);
      this.sample.push(s);
      this.sampleLines.push(line);
      if (this.sample.length >= PREFIX_SAMPLE) this.pickCandidates();
      return;
    }
    for (const c of this.candidates) {
      if (startsWithBytes(b, view, start, end, c.bytes)) c.matches++;
      else c.lacking.add(line);
    }
  }

  private pickCandidates(): void {
    const counts = new Map<string, number>();
    for (const s of this.sample) {
      const seen = new Set<string>();
      let boundaries = 0;
      for (let i = 1; i <= s.length && boundaries < 16; i++) {
        const prev = s.charCodeAt(i - 1);
        if (isWhitespace(prev)) continue;
        if (i === s.length || isWhitespace(s.charCodeAt(i)) || BOUNDARY_PUNCTUATION.includes(s[i - 1]!)) {
          boundaries++;
          seen.add(s.slice(0, i));
          if (s.charCodeAt(i) === 0x0a) seen.add(s.slice(0, i + 1));
        }
      }
      for (const p of seen) counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    const need = Math.ceil(this.sample.length * PREFIX_SHARE);
    let picked = [...counts]
      .filter(([p, c]) => c >= need && p.replace(/\s/g, '').length >= 2 && (p.trim().length >= 16 || /[:\n]$/.test(p)))
      .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length);
    // Of prefixes matched by exactly the same inputs, keep the longest.
    picked = picked.filter(([p, c]) => !picked.some(([q, d]) => d === c && q.length > p.length && q.startsWith(p)));
    this.candidates = picked.slice(0, MAX_CANDIDATES).map(([prefix]) => ({
      prefix,
      bytes: prefixBytes(prefix),
      matches: 0,
      lacking: new FindingLines(),
    }));
    for (let k = 0; k < this.sample.length; k++) {
      for (const c of this.candidates) {
        if (this.sample[k]!.startsWith(c.prefix)) c.matches++;
        else c.lacking.add(this.sampleLines[k]!);
      }
    }
    this.sample = [];
    this.sampleLines = [];
  }

  finding(file: string): DatasetFinding | null {
    if (this.candidates === null) {
      if (this.n < MIN_EXAMPLES_FOR_SHAPE) return null;
      this.pickCandidates();
    }
    const best = (this.candidates ?? [])
      .filter((c) => c.matches >= this.n * PREFIX_SHARE && c.matches < this.n)
      .sort((a, b) => b.matches - a.matches || b.prefix.length - a.prefix.length)[0];
    if (!best) return null;
    const lack = this.n - best.matches;
    return {
      kind: 'prompt-format',
      file,
      count: lack,
      examples: best.lacking.lines,
      message: `${fmt(best.matches)} of ${fmt(this.n)} inputs start with ${preview(best.prefix, 60)} but ${plural(lack, 'input')} do${lack === 1 ? 'es' : ''} not (${best.lacking.describe('')}): tune on prompts formatted exactly as production sends them; add the prefix to these examples, or remove it everywhere if production does not send it`,
    };
  }
}

export function leakageFinding(evalFile: string, trainingFile: string, f: FindingLines): DatasetFinding | null {
  if (f.count === 0) return null;
  return {
    kind: 'leakage',
    file: evalFile,
    count: f.count,
    examples: f.lines,
    message: `${plural(f.count, 'eval input')} also appear${f.count === 1 ? 's' : ''} as a training input in ${trainingFile} (${f.describe('training')}): the tuned model can pass ${f.count === 1 ? 'it' : 'them'} from memory, so the pass rate overstates quality; remove ${f.count === 1 ? 'it' : 'them'} from one of the sets`,
  };
}

export function overlapFinding(validationFile: string, trainingFile: string, f: FindingLines): DatasetFinding | null {
  if (f.count === 0) return null;
  return {
    kind: 'overlap',
    file: validationFile,
    count: f.count,
    examples: f.lines,
    message: `${plural(f.count, 'validation example')} ha${f.count === 1 ? 's' : 've'} an input that is also in the training set ${trainingFile} (${f.describe('training')}): validation loss then measures memory, not generalisation; keep the two sets apart`,
  };
}

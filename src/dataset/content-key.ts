/**
 * The content key: a sha256 over a canonical form of everything that determines a tuned model
 * (backend, base model, hyperparameters, training and validation examples). Examples enter as
 * their canonical lines (to-vertex-jsonl.ts), which do not depend on the file format, field
 * aliases or whitespace in the file, so the same data in JSONL, JSON, CSV or Vertex AI's own
 * formats gives the same key; any change to the data or settings changes it.
 *
 * Each example set is digested on its own, by the dataset analysis as it streams (one path: the
 * bytes example-chunks.ts writes, hashed by example-analysis.ts), before the settings are combined in.
 */

import { createHash, type Hash } from 'node:crypto';
import { canonicalLine } from './to-vertex-jsonl.js';
import type { BackendName, Hyperparameters } from '../domain.js';
import type { TrainingExample } from '../domain.js';

/** Bump when the canonical form changes (old keys then simply stop matching). */
export const CONTENT_KEY_VERSION = 'gemini-tune/content-key/v2';

const HYPERPARAMETER_ORDER = [
  'epochCount',
  'batchSize',
  'learningRate',
  'learningRateMultiplier',
  'adapterSize',
] as const;

export interface ContentKeyInput {
  backend: BackendName;
  baseModel: string;
  hyperparameters: Hyperparameters;
  /** The digest of the training examples, as the dataset analysis computes it (`DatasetAnalyzer.digest`). */
  examples: string;
  /** The same of the validation examples (`EMPTY_SET_DIGEST` for none). */
  validationExamples: string;
}

/** JSON with object keys sorted (recursively) and no whitespace; undefined members dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/**
 * The canonical text of one example for hashing: `P<n>:<input><m>:<output>` for a single-turn
 * example without a system instruction (whatever format it came in; n and m are the lengths in
 * UTF-16 code units, which makes the boundaries unambiguous without escaping anything), else
 * `N<n>:<canonical Vertex AI line>`.
 */
export function digestText(e: Pick<TrainingExample, 'textInput' | 'output' | 'native'>): string {
  if (e.native !== undefined) {
    const pair = simplePair(e.native);
    if (pair === null) {
      const line = canonicalLine(e);
      return `N${line.length}:${line}`;
    }
    return `P${pair[0].length}:${pair[0]}${pair[1].length}:${pair[1]}`;
  }
  return `P${e.textInput.length}:${e.textInput}${e.output.length}:${e.output}`;
}

/** The texts of a native record that is one user turn and one model turn of one text part each. */
function simplePair(native: unknown): [string, string] | null {
  const n = native as { systemInstruction?: unknown; contents?: unknown };
  if (n === null || typeof n !== 'object' || n.systemInstruction !== undefined || !Array.isArray(n.contents))
    return null;
  if (n.contents.length !== 2) return null;
  const [u, m] = n.contents as { role?: unknown; parts?: { text?: unknown }[] }[];
  if (u?.role !== 'user' || m?.role !== 'model' || u.parts?.length !== 1 || m.parts?.length !== 1) return null;
  const a = u.parts[0]?.text;
  const b = m.parts[0]?.text;
  return typeof a === 'string' && typeof b === 'string' ? [a, b] : null;
}

/** Writes the decimal digits of a non-negative integer as ASCII at `at`; returns the end. */
function writeDecimal(buf: Uint8Array, at: number, n: number): number {
  if (n < 10) {
    buf[at] = 0x30 + n;
    return at + 1;
  }
  let digits = 1;
  for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
  for (let k = at + digits - 1, x = n; k >= at; k--, x = Math.floor(x / 10)) buf[k] = 0x30 + (x % 10);
  return at + digits;
}

/** Bytes that `writePairDigestText` may need for a pair: 3 per UTF-16 code unit, plus the prefixes. */
export function pairDigestBound(a: string, b: string): number {
  return 3 * (a.length + b.length) + 48;
}

/**
 * Writes the canonical text of a single-turn pair (`P<n>:<a><m>:<b>`, see `digestText`) as UTF-8
 * into `buf` at `at`, with room for `pairDigestBound(a, b)` bytes. `pos` receives where `a` and `b`
 * landed ([aStart, aEnd, bStart, bEnd]); returns the end.
 */
export function writePairDigestText(buf: Buffer, at: number, a: string, b: string, pos: Uint32Array): number {
  buf[at++] = 0x50; // P
  at = writeDecimal(buf, at, a.length);
  buf[at++] = 0x3a; // :
  pos[0] = at;
  at += buf.write(a, at, 'utf8');
  pos[1] = at;
  at = writeDecimal(buf, at, b.length);
  buf[at++] = 0x3a;
  pos[2] = at;
  at += buf.write(b, at, 'utf8');
  pos[3] = at;
  return at;
}

/** The single-turn pair an example's canonical text is built from, or null (a native record that is more). */
export function digestPair(e: Pick<TrainingExample, 'textInput' | 'output' | 'native'>): [string, string] | null {
  return e.native === undefined ? [e.textInput, e.output] : simplePair(e.native);
}

/** The hex digest of a set's canonical texts, given the sha256 they were fed to and their count. */
export function finishExamplesDigest(hash: Hash, count: number): string {
  hash.update(`#${count}`);
  return hash.digest('hex');
}

/** The digest of a set with no examples (no validation set). */
export const EMPTY_SET_DIGEST = finishExamplesDigest(createHash('sha256'), 0);

/**
 * sha256 (hex) of
 * `{"v":VERSION,"backend":…,"baseModel":…,"hyperparameters":{fixed order, null when unset},
 *   "examples":"<digest of the training set>","validationExamples":"<same>"}`.
 */
export function contentKey(input: ContentKeyInput): string {
  const hp = HYPERPARAMETER_ORDER.map((k) => {
    const v = input.hyperparameters[k];
    return `${JSON.stringify(k)}:${v === null || v === undefined || !Number.isFinite(v) ? 'null' : JSON.stringify(v)}`;
  }).join(',');
  return createHash('sha256')
    .update(
      `{"v":${JSON.stringify(CONTENT_KEY_VERSION)},"backend":${JSON.stringify(input.backend)},"baseModel":${JSON.stringify(input.baseModel)},"hyperparameters":{${hp}},"examples":${JSON.stringify(input.examples)},"validationExamples":${JSON.stringify(input.validationExamples)}}`,
    )
    .digest('hex');
}

/**
 * A Gemini API tunedModelId for a content key: `gt-` + the first 32 hex characters (35 characters,
 * matching `[a-z]([a-z0-9-]{0,38}[a-z0-9])?`). A key that is not hex is hashed first.
 */
export function tunedModelIdFor(key: string): string {
  const hex = /^[0-9a-f]{32,}$/i.test(key) ? key.toLowerCase() : createHash('sha256').update(key).digest('hex');
  return `gt-${hex.slice(0, 32)}`;
}

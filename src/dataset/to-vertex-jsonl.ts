import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExampleSet, TrainingExample } from '../domain.js';
/**
 * The one canonical form of a training example: a Vertex AI `contents` record, as one line of
 * JSON with a fixed key order and only what the service reads (an optional system instruction and
 * the turns, each with its role and text parts). Every accepted format (JSONL/JSON/CSV pairs,
 * Vertex AI `contents`, the legacy `messages`) maps to it, so:
 * - the Vertex AI upload is these lines, one per example (`toVertexJsonl`);
 * - the content key hashes the same content (content-key.ts), which is why the key does not
 *   depend on the file format, the field aliases or the whitespace in the file.
 */

export interface TextPart {
  text: string;
}
export interface NativeTurn {
  role: 'user' | 'model';
  parts: TextPart[];
}
/** What `TrainingExample.native` holds after loading. */
export interface NativeRecord {
  systemInstruction?: { parts: TextPart[] };
  contents: NativeTurn[];
}

const PAIR_HEAD = '{"contents":[{"role":"user","parts":[{"text":';
const PAIR_MID = '}]},{"role":"model","parts":[{"text":';
const PAIR_TAIL = '}]}]}';

function partsJson(parts: readonly unknown[]): string | null {
  let out = '[';
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k] as { text?: unknown } | null;
    if (p === null || typeof p !== 'object' || typeof p.text !== 'string') return null;
    out += `${k === 0 ? '' : ','}{"text":${JSON.stringify(p.text)}}`;
  }
  return `${out}]`;
}

/** The canonical line of a native record, or null when it is not a text-only contents record. */
function nativeLine(native: unknown): string | null {
  if (native === null || typeof native !== 'object') return null;
  const n = native as { systemInstruction?: unknown; contents?: unknown };
  if (!Array.isArray(n.contents)) return null;
  let out = '{';
  if (n.systemInstruction !== undefined) {
    const si = n.systemInstruction as { parts?: unknown } | null;
    if (si === null || typeof si !== 'object' || !Array.isArray(si.parts)) return null;
    const parts = partsJson(si.parts);
    if (parts === null) return null;
    out += `"systemInstruction":{"parts":${parts}},`;
  }
  out += '"contents":[';
  for (let k = 0; k < n.contents.length; k++) {
    const turn = n.contents[k] as { role?: unknown; parts?: unknown } | null;
    if (turn === null || typeof turn !== 'object' || typeof turn.role !== 'string' || !Array.isArray(turn.parts))
      return null;
    const parts = partsJson(turn.parts);
    if (parts === null) return null;
    out += `${k === 0 ? '' : ','}{"role":${JSON.stringify(turn.role)},"parts":${parts}}`;
  }
  return `${out}]}`;
}

/** The canonical line (no newline) of one example. */
export function canonicalLine(e: Pick<TrainingExample, 'textInput' | 'output' | 'native'>): string {
  if (e.native !== undefined) {
    const line = nativeLine(e.native);
    if (line !== null) return line;
  }
  return PAIR_HEAD + JSON.stringify(e.textInput) + PAIR_MID + JSON.stringify(e.output) + PAIR_TAIL;
}

/** The Vertex AI record of one example, as an object (the parsed canonical line). */
export function toVertexRecord(e: Pick<TrainingExample, 'textInput' | 'output' | 'native'>): NativeRecord {
  return JSON.parse(canonicalLine(e)) as NativeRecord;
}

/** Vertex AI `contents` JSONL for upload: one canonical line per example, each ending in `\n`. */
export function toVertexJsonl(examples: readonly Pick<TrainingExample, 'textInput' | 'output' | 'native'>[]): string {
  let out = '';
  for (const e of examples) out += `${canonicalLine(e)}\n`;
  return out;
}

/**
 * Writes a set's canonical JSONL to `path`, a megabyte at a time: the one time a set not held in
 * memory is read again after validation. The upload then sends that file's bytes.
 */
export async function writeVertexJsonl(set: ExampleSet, path: string): Promise<void> {
  await pipeline(Readable.from(vertexJsonlStream(set)), createWriteStream(path, { encoding: 'utf8' }));
}

/** `vertexJsonlChunks` over a set read a batch at a time (one read from the file for a set not in memory). */
export async function* vertexJsonlStream(set: ExampleSet, chunkChars = 1 << 20): AsyncGenerator<string> {
  for await (const batch of set.batches()) yield* vertexJsonlChunks(batch, chunkChars);
}

/**
 * The same bytes as `toVertexJsonl`, in chunks of about `chunkChars` characters, for a streaming
 * upload that does not build one large string.
 */
export function* vertexJsonlChunks(
  examples: readonly Pick<TrainingExample, 'textInput' | 'output' | 'native'>[],
  chunkChars = 1 << 20,
): Generator<string> {
  let buf: string[] = [];
  let size = 0;
  for (const e of examples) {
    const line = `${canonicalLine(e)}\n`;
    buf.push(line);
    size += line.length;
    if (size >= chunkChars) {
      yield buf.join('');
      buf = [];
      size = 0;
    }
  }
  if (buf.length > 0) yield buf.join('');
}

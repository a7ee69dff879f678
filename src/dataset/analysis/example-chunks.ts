/**
 * The form in which the loader hands valid examples to the dataset analysis (example-analysis.ts):
 * chunks of UTF-8 bytes with a table of where each example's texts are. The loader encodes each
 * example once (its canonical digest text, which usually holds the input and output too); the
 * analysis then hashes and scans bytes, in this thread or in a worker thread (thread.ts),
 * to which a chunk moves without a copy.
 *
 * Per example, META_STRIDE numbers in `meta`: the line, then [start, end) byte ranges of the
 * canonical digest text, the text input, the context (a Vertex AI record's system instruction and
 * earlier turns; NO_RANGE when the input is the text input alone) and the output.
 */

import { digestPair, digestText, pairDigestBound, writePairDigestText } from '../content-key.js';
import type { TrainingExample } from '../../domain.js';

export const META_STRIDE = 9;
export const META_LINE = 0;
export const META_DIGEST = 1;
export const META_TEXT = 3;
export const META_CONTEXT = 5;
export const META_OUTPUT = 7;
/** Start of a range that is not there. */
export const NO_RANGE = 0xffffffff;

export interface ExampleChunk {
  bytes: Uint8Array;
  meta: Uint32Array;
  count: number;
}

const CHUNK_BYTES = 1 << 20;
const CHUNK_EXAMPLES = 8192;
const SPARE_CHUNKS = 8;

export class ChunkWriter {
  private buf!: Buffer;
  private meta!: Uint32Array;
  private used = 0;
  private count = 0;
  private readonly pos = new Uint32Array(4);

  /** Memory of chunks done with (see `recycle`), reused before any is allocated. */
  private readonly spare: { bytes: ArrayBuffer; meta: ArrayBuffer }[] = [];

  /** `emit` receives each full chunk, and the last one on `flush()`; it may keep (or transfer) it. */
  constructor(private readonly emit: (chunk: ExampleChunk) => void) {
    this.fresh(CHUNK_BYTES);
  }

  /** Gives back the memory of an emitted chunk that is no longer used (`chunk.bytes.buffer`, `chunk.meta.buffer`). */
  recycle(bytes: ArrayBuffer, meta: ArrayBuffer): void {
    if (bytes.byteLength === CHUNK_BYTES && this.spare.length < SPARE_CHUNKS) this.spare.push({ bytes, meta });
  }

  private fresh(bytes: number): void {
    const spare = bytes <= CHUNK_BYTES ? this.spare.pop() : undefined;
    this.buf = Buffer.from(spare?.bytes ?? new ArrayBuffer(Math.max(bytes, CHUNK_BYTES)));
    this.meta = spare ? new Uint32Array(spare.meta) : new Uint32Array(CHUNK_EXAMPLES * META_STRIDE);
    this.used = 0;
    this.count = 0;
  }

  /** Adds an example; `context` is the text its output answers when that is more than `textInput`. */
  add(e: TrainingExample, context: string | null): void {
    const pair = digestPair(e);
    const digest = pair === null ? digestText(e) : null;
    const extra =
      (pair === null || pair[0] !== e.textInput ? e.textInput.length : 0) +
      (pair === null || pair[1] !== e.output ? e.output.length : 0) +
      (context?.length ?? 0);
    const need = (pair === null ? 3 * digest!.length : pairDigestBound(pair[0], pair[1])) + 3 * extra;
    if (this.used + need > this.buf.length || this.count === CHUNK_EXAMPLES) {
      this.flush();
      if (need > this.buf.length) this.fresh(need);
    }
    const buf = this.buf;
    const m = this.meta;
    const base = this.count * META_STRIDE;
    const pos = this.pos;
    let at = this.used;
    m[base + META_LINE] = e.line;
    m[base + META_DIGEST] = at;
    if (pair !== null) {
      at = writePairDigestText(buf, at, pair[0], pair[1], pos);
    } else {
      at += buf.write(digest!, at, 'utf8');
    }
    m[base + META_DIGEST + 1] = at;
    // Texts already written as part of the digest text are not written again.
    const range = (s: string, slot: number): void => {
      if (pair !== null && s === pair[0]) {
        m[base + slot] = pos[0]!;
        m[base + slot + 1] = pos[1]!;
      } else if (pair !== null && s === pair[1]) {
        m[base + slot] = pos[2]!;
        m[base + slot + 1] = pos[3]!;
      } else {
        m[base + slot] = at;
        at += buf.write(s, at, 'utf8');
        m[base + slot + 1] = at;
      }
    };
    range(e.textInput, META_TEXT);
    if (context === null) {
      m[base + META_CONTEXT] = NO_RANGE;
      m[base + META_CONTEXT + 1] = NO_RANGE;
    } else range(context, META_CONTEXT);
    range(e.output, META_OUTPUT);
    this.used = at;
    this.count++;
  }

  /** Emits the examples added since the last chunk, if any. */
  flush(): void {
    if (this.count === 0) return;
    this.emit({
      bytes: this.buf.subarray(0, this.used),
      meta: this.meta.subarray(0, this.count * META_STRIDE),
      count: this.count,
    });
    this.fresh(CHUNK_BYTES);
  }
}

/**
 * What a training or validation set's examples add up to, built one example at a time so that a
 * large set need not be held in memory. The loader's side of it: the backend limits that depend on
 * the whole set (the Gemini API's inline request size, the Vertex AI validation-set size) or on
 * every turn of an example (the Vertex AI token estimate), and the handing over of each example to
 * the analysis proper (example-analysis.ts: digest for the content key, statistics, doctor), which
 * runs in a worker thread for a large file (thread.ts).
 */

import { startAnalysis, type AnalysisRunner, type WorkerSpec } from './thread.js';
import type { AnalysisResult } from './example-analysis.js';
import { ChunkWriter } from './example-chunks.js';
import { FingerprintTable } from './fingerprint-table.js';
import {
  GEMINI_MAX_REQUEST_BYTES,
  GEMINI_REQUEST_RESERVE_BYTES,
  VERTEX_MAX_TOKENS_PER_EXAMPLE,
  VERTEX_MAX_VALIDATION_EXAMPLES,
} from '../limits.js';
import { fmt, type ProblemSink } from '../problems.js';
import type { DatasetStats } from './stats.js';
import { emptyScan, estimateTokens, scanText } from './text-scan.js';
import type { BackendName } from '../../domain.js';
import type { DatasetFinding, TrainingExample } from '../../domain.js';

export { SEED_INPUT, SEED_OUTPUT } from './example-analysis.js';

export {
  GEMINI_MAX_REQUEST_BYTES,
  GEMINI_REQUEST_RESERVE_BYTES,
  VERTEX_MAX_TOKENS_PER_EXAMPLE,
  VERTEX_MAX_VALIDATION_EXAMPLES,
} from '../limits.js';

/** `{"textInput":` + `,"output":` + `}` + the comma between examples. */
const GEMINI_WIRE_OVERHEAD = '{"textInput":,"output":}'.length + 1;

export interface AnalyzerOptions {
  backend: BackendName;
  role: 'training' | 'validation';
  /** The file as shown in problems and findings. */
  file: string;
  sink: ProblemSink;
  /** The file's size in bytes (a large file is analysed in a worker thread). */
  fileBytes?: number;
  /** Where to analyse: a worker (for tests of it), null for this thread; default by size. */
  worker?: WorkerSpec | null;
}

export class DatasetAnalyzer {
  private readonly runner: AnalysisRunner;
  private readonly writer: ChunkWriter;
  private analysed: AnalysisResult | null = null;
  private inputTables: FingerprintTable[] | null = null;
  private readonly scan = emptyScan();
  private inlineBytes = GEMINI_REQUEST_RESERVE_BYTES;
  private inlineOverLine = 0;
  private validationOverLine = 0;
  count = 0;

  constructor(private readonly opts: AnalyzerOptions) {
    this.writer = new ChunkWriter((chunk) => this.runner.add(chunk));
    this.runner = startAnalysis(
      opts.file,
      opts.fileBytes ?? 0,
      (bytes, meta) => this.writer.recycle(bytes, meta),
      opts.worker,
    );
  }

  /** True when the analysis runs in a worker thread. */
  get inWorker(): boolean {
    return this.runner.inWorker;
  }

  /**
   * Takes one valid example. Returns false (after reporting the problem) when the example breaks
   * a limit found here; such an example is still counted in the statistics.
   */
  add(e: TrainingExample): boolean {
    if (this.analysed !== null) throw new Error('DatasetAnalyzer: add() after finish()');
    this.count++;
    const ctx = e.native !== undefined ? contextOf(e.native) : null;
    this.writer.add(e, ctx);

    const { backend, role, sink } = this.opts;
    let ok = true;
    if (backend === 'gemini-api' && role === 'training' && e.native === undefined) {
      // Sets this small are cheap to serialise: the exact bytes of each example's JSON strings.
      this.inlineBytes +=
        Buffer.byteLength(JSON.stringify(e.textInput)) +
        Buffer.byteLength(JSON.stringify(e.output)) +
        GEMINI_WIRE_OVERHEAD;
      if (this.inlineBytes > GEMINI_MAX_REQUEST_BYTES && this.inlineOverLine === 0) this.inlineOverLine = e.line;
    }
    if (backend === 'vertex-ai') {
      const input = ctx ?? e.textInput;
      // The estimate is at most one token per UTF-16 code unit: only a long example needs counting.
      if (input.length + e.output.length > VERTEX_MAX_TOKENS_PER_EXAMPLE) {
        const tokens = this.tokens(input) + this.tokens(e.output);
        if (tokens > VERTEX_MAX_TOKENS_PER_EXAMPLE) {
          sink.error(
            e.line,
            `this example is about ${fmt(tokens)} tokens by our estimate (4 characters a token for ASCII text, 1 per other character; the service's own count may differ); Vertex AI tunes on at most ${fmt(VERTEX_MAX_TOKENS_PER_EXAMPLE)} tokens per example (input and output together): shorten it or split it into smaller examples`,
          );
          ok = false;
        }
      }
      if (role === 'validation' && this.count === VERTEX_MAX_VALIDATION_EXAMPLES + 1) this.validationOverLine = e.line;
    }
    return ok;
  }

  private tokens(s: string): number {
    const scan = scanText(s, 0, this.scan);
    return estimateTokens(scan.chars, scan.nonAscii);
  }

  /** Resolves when more examples can be added without holding too much in memory. */
  drain(): Promise<void> {
    return this.runner.drain();
  }

  /**
   * Waits for the analysis of every example and reports the limits that depend on the whole set.
   * Call once, after the last example; the results below are available afterwards.
   */
  async finish(): Promise<void> {
    this.writer.flush();
    this.analysed = await this.runner.finish();
    this.inputTables = this.analysed.inputTables.map((d) => FingerprintTable.from(d));
    const { sink } = this.opts;
    if (this.inlineOverLine > 0) {
      sink.error(
        this.inlineOverLine,
        `the Gemini API takes the training examples inline, in one request of at most 4 MB (${fmt(GEMINI_MAX_REQUEST_BYTES)} bytes), and the examples up to this line already pass that (the whole set needs about ${fmt(this.inlineBytes)} bytes): use fewer or shorter examples, or the vertex-ai backend, which uploads the data to Cloud Storage`,
      );
    }
    if (this.validationOverLine > 0) {
      sink.error(
        this.validationOverLine,
        `the validation set has ${fmt(this.count)} examples and Vertex AI accepts at most ${fmt(VERTEX_MAX_VALIDATION_EXAMPLES)}; this is the first one over: keep a representative ${fmt(VERTEX_MAX_VALIDATION_EXAMPLES)} or fewer`,
      );
    }
  }

  get finished(): boolean {
    return this.analysed !== null;
  }

  private get result(): AnalysisResult {
    if (this.analysed === null) throw new Error('DatasetAnalyzer: the analysis is not finished (call finish())');
    return this.analysed;
  }

  /** Hex sha256 of the examples' canonical texts, for the content key (as `examplesDigest`). */
  get digest(): string {
    return this.result.digest;
  }

  /** Bytes of the Gemini API request body the examples need (with a reserve for the rest). */
  get geminiRequestBytes(): number {
    return this.inlineBytes;
  }

  /** The doctor's findings within this set. */
  findings(): DatasetFinding[] {
    return this.result.findings;
  }

  stats(warnings: number): DatasetStats {
    return { ...this.result.stats, warnings };
  }

  /** The line of the first example whose input has this normalised fingerprint (scanned with SEED_INPUT), or 0. */
  lineOfNormalisedInput(normLo: number, normHi: number): number {
    const tables = this.inputTables;
    if (tables === null) throw new Error('DatasetAnalyzer: the analysis is not finished (call finish())');
    let line = 0;
    for (const t of tables) {
      const slot = t.find(normLo, normHi);
      if (slot >= 0 && (line === 0 || t.value(slot) < line)) line = t.value(slot);
    }
    return line;
  }
}

/** System instruction and turns before the last (model) turn, one text per part, separated. */
function contextOf(native: unknown): string | null {
  const n = native as { systemInstruction?: { parts?: { text?: unknown }[] }; contents?: unknown };
  if (!Array.isArray(n.contents)) return null;
  const texts: string[] = [];
  for (const p of n.systemInstruction?.parts ?? []) texts.push(`system: ${String(p.text ?? '')}`);
  const turns = n.contents as { role?: unknown; parts?: { text?: unknown }[] }[];
  for (let k = 0; k < turns.length - 1; k++) {
    const t = turns[k];
    for (const p of t?.parts ?? []) texts.push(`${String(t?.role ?? '')}: ${String(p.text ?? '')}`);
  }
  // A single user turn without a system instruction is just its text (the same as a pair).
  if (texts.length === 1 && n.systemInstruction === undefined && turns.length === 2 && turns[0]?.parts?.length === 1)
    return String(turns[0]?.parts?.[0]?.text ?? '');
  return texts.join('\n');
}

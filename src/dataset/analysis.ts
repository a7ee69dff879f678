/**
 * What a training or validation set's examples add up to, built one example at a time so that a
 * large set need not be held in memory: the digest for the content key, the length statistics,
 * the doctor's fingerprints, and the backend limits that depend on the whole set (the Gemini API's
 * inline request size, the Vertex AI validation-set size) or on every turn of an example (the
 * Vertex AI token estimate).
 */

import type { BackendName } from '../backends/backend.js';
import { ExamplesDigest } from './content-key.js';
import {
  conflictFinding,
  duplicateFinding,
  emptyOutputFinding,
  FindingLines,
  lengthOutlierFinding,
  nearDuplicateFinding,
  PrefixDoctor,
  type DatasetFinding,
} from './doctor.js';
import { FingerprintTable, U32Column } from './fingerprint-table.js';
import { fmt, type ProblemSink } from './problems.js';
import { LengthColumns, type DatasetStats } from './stats.js';
import { combine, emptyScan, estimateTokens, scanText, type TextScan } from './text-scan.js';
import type { TrainingExample } from './types.js';

/**
 * The Gemini API takes the examples inline in the tunedModels.create request. Google's tuning
 * guide gives a 4 MB limit on that data; we hold the whole serialized request body to 4 MiB
 * (the service's default maximum request message, 4,194,304 bytes).
 */
export const GEMINI_MAX_REQUEST_BYTES = 4 * 1024 * 1024;
/** Kept free in the request for everything but the examples (names, hyperparameters). */
export const GEMINI_REQUEST_RESERVE_BYTES = 2048;
/** `{"textInput":` + `,"output":` + `}` + the comma between examples. */
const GEMINI_WIRE_OVERHEAD = '{"textInput":,"output":}'.length + 1;
/** Vertex AI: most validation examples per tuning job. */
export const VERTEX_MAX_VALIDATION_EXAMPLES = 5000;
/** Vertex AI: most tokens per example (input and output together) for the Gemini 2.x tuning models. */
export const VERTEX_MAX_TOKENS_PER_EXAMPLE = 131_072;

export const SEED_INPUT = 0x1a2b3c4d;
export const SEED_OUTPUT = 0x5e6f7a8b;

export interface AnalyzerOptions {
  backend: BackendName;
  role: 'training' | 'validation';
  /** The file as shown in problems and findings. */
  file: string;
  sink: ProblemSink;
}

export class DatasetAnalyzer {
  readonly digest = new ExamplesDigest();
  readonly lengths = new LengthColumns();
  readonly lines = new U32Column();
  /** Normalised fingerprints of the inputs (the last user turn), for leakage and overlap. */
  readonly normInputs = new FingerprintTable();
  private readonly exactPairs = new FingerprintTable();
  private readonly normPairs = new FingerprintTable();
  private readonly exactInputs = new FingerprintTable(1024, true);
  readonly duplicates = new FindingLines();
  readonly nearDuplicates = new FindingLines();
  readonly conflicts = new FindingLines();
  readonly emptyOutputs = new FindingLines();
  private readonly prefix = new PrefixDoctor();
  private readonly inScan: TextScan = emptyScan();
  private readonly outScan: TextScan = emptyScan();
  private readonly ctxScan: TextScan = emptyScan();
  private readonly fp: [number, number] = [0, 0];
  private inlineBytes = GEMINI_REQUEST_RESERVE_BYTES;
  private inlineOverLine = 0;
  private validationOverLine = 0;
  count = 0;

  constructor(private readonly opts: AnalyzerOptions) {}

  /**
   * Takes one valid example. Returns false (after reporting the problem) when the example breaks
   * a limit found here; such an example is still counted in the statistics.
   */
  add(e: TrainingExample): boolean {
    this.digest.add(e);
    this.count++;
    this.lines.push(e.line);

    scanText(e.textInput, SEED_INPUT, this.inScan);
    scanText(e.output, SEED_OUTPUT, this.outScan);
    // The input the model conditions on: the text input, or a Vertex AI record's system
    // instruction and every turn before the answer.
    const ctx = e.native !== undefined ? contextOf(e.native) : null;
    const input = ctx !== null ? scanText(ctx, SEED_INPUT, this.ctxScan) : this.inScan;
    const inTokens = estimateTokens(input.chars, input.nonAscii);
    const outTokens = estimateTokens(this.outScan.chars, this.outScan.nonAscii);
    this.lengths.push(input.chars, inTokens, this.outScan.chars, outTokens);

    // Doctor: duplicates, near duplicates, conflicting outputs, empty outputs, prefixes.
    const fp = this.fp;
    combine(input.exactLo, input.exactHi, this.outScan.exactLo, this.outScan.exactHi, fp);
    const dup = this.exactPairs.addIfAbsent(fp[0], fp[1], e.line);
    combine(input.normLo, input.normHi, this.outScan.normLo, this.outScan.normHi, fp);
    const near = this.normPairs.addIfAbsent(fp[0], fp[1], e.line);
    const sameInput = this.exactInputs.addIfAbsent(input.exactLo, input.exactHi, e.line, this.outScan.exactLo);
    if (dup >= 0) this.duplicates.add(e.line, this.exactPairs.value(dup));
    else if (near >= 0) this.nearDuplicates.add(e.line, this.normPairs.value(near));
    else if (sameInput >= 0 && this.exactInputs.value2(sameInput) !== this.outScan.exactLo)
      this.conflicts.add(e.line, this.exactInputs.value(sameInput));
    this.normInputs.addIfAbsent(this.inScan.normLo, this.inScan.normHi, e.line);
    if (!this.outScan.visible) this.emptyOutputs.add(e.line);
    this.prefix.add(e.textInput, e.line);

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
      const tokens = inTokens + outTokens;
      if (tokens > VERTEX_MAX_TOKENS_PER_EXAMPLE) {
        sink.error(
          e.line,
          `this example is about ${fmt(tokens)} tokens by our estimate (4 characters a token for ASCII text, 1 per other character; the service's own count may differ); Vertex AI tunes on at most ${fmt(VERTEX_MAX_TOKENS_PER_EXAMPLE)} tokens per example (input and output together): shorten it or split it into smaller examples`,
        );
        ok = false;
      }
      if (role === 'validation' && this.count === VERTEX_MAX_VALIDATION_EXAMPLES + 1) this.validationOverLine = e.line;
    }
    return ok;
  }

  /** Reports the limits that depend on the whole set. Call once, after the last example. */
  finish(): void {
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

  /** Bytes of the Gemini API request body the examples need (with a reserve for the rest). */
  get geminiRequestBytes(): number {
    return this.inlineBytes;
  }

  /** The doctor's findings within this set. */
  findings(): DatasetFinding[] {
    const file = this.opts.file;
    return [
      duplicateFinding(file, this.duplicates),
      nearDuplicateFinding(file, this.nearDuplicates),
      conflictFinding(file, this.conflicts),
      emptyOutputFinding(file, this.emptyOutputs),
      lengthOutlierFinding(file, 'input', this.lengths.inChars, this.lines),
      lengthOutlierFinding(file, 'output', this.lengths.outChars, this.lines),
      this.prefix.finding(file),
    ].filter((f): f is DatasetFinding => f !== null);
  }

  stats(warnings: number): DatasetStats {
    return {
      count: this.count,
      input: this.lengths.fieldStats('input'),
      output: this.lengths.fieldStats('output'),
      duplicates: this.duplicates.count,
      nearDuplicates: this.nearDuplicates.count,
      conflicts: this.conflicts.count,
      warnings,
    };
  }

  /** The line of the first example whose input has this normalised fingerprint (scanned with SEED_INPUT), or 0. */
  lineOfNormalisedInput(normLo: number, normHi: number): number {
    const slot = this.normInputs.find(normLo, normHi);
    return slot < 0 ? 0 : this.normInputs.value(slot);
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

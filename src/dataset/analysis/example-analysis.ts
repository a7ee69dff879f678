/**
 * What a set's valid examples add up to, from the chunks the loader writes (example-chunks.ts):
 * the content-key digest, the length statistics and the doctor's findings within the set. It
 * keeps a few typed columns and fingerprint tables (tens of bytes an example), never the texts.
 *
 * Runs in the loader's thread or in a worker thread (thread.ts); the result is plain data
 * either way.
 */

import { createHash } from 'node:crypto';
import { finishExamplesDigest } from '../content-key.js';
import {
  conflictFinding,
  duplicateFinding,
  emptyOutputFinding,
  FindingLines,
  lengthOutlierFinding,
  nearDuplicateFinding,
  PrefixDoctor,
} from './doctor.js';
import {
  META_CONTEXT,
  META_DIGEST,
  META_LINE,
  META_OUTPUT,
  META_STRIDE,
  META_TEXT,
  NO_RANGE,
  type ExampleChunk,
} from './example-chunks.js';
import { FingerprintTable, U32Column, type FingerprintTableData } from './fingerprint-table.js';
import { LengthColumns, type DatasetStats } from './stats.js';
import { combine, emptyScan, estimateTokens, scanBytes, type TextScan } from './text-scan.js';
import type { DatasetFinding } from '../../domain.js';

export const SEED_INPUT = 0x1a2b3c4d;
export const SEED_OUTPUT = 0x5e6f7a8b;

export interface AnalysisResult {
  /** Hex sha256 of the examples' canonical texts (as `examplesDigest`). */
  digest: string;
  count: number;
  /** The doctor's findings within the set. */
  findings: DatasetFinding[];
  /** The statistics, but for the warning count (which includes findings across sets). */
  stats: Omit<DatasetStats, 'warnings'>;
  /**
   * Normalised fingerprints of the inputs (scanned with SEED_INPUT) → line of their first example,
   * for leakage and overlap: look in each (`lineOfInput`).
   */
  inputTables: FingerprintTableData[];
}

export class ExampleAnalysis {
  private readonly hash = createHash('sha256');
  private readonly lengths = new LengthColumns();
  private readonly lines = new U32Column();
  /**
   * Normalised (input, output) pairs → first line, and the exact pair's fingerprint (low half):
   * a pair seen before is a duplicate when the exact fingerprints match, else a near duplicate.
   */
  private readonly pairs = new FingerprintTable(1024, true);
  /** Normalised inputs → first line, and the output's exact fingerprint (low half): conflicts. */
  private readonly inputs = new FingerprintTable(1024, true);
  /**
   * Normalised text inputs of the examples whose input is more (a Vertex AI record with a system
   * instruction or earlier turns); the others' are in `inputs`. Both serve leakage and overlap.
   */
  private readonly textInputs = new FingerprintTable();
  private readonly duplicates = new FindingLines();
  private readonly nearDuplicates = new FindingLines();
  private readonly conflicts = new FindingLines();
  private readonly emptyOutputs = new FindingLines();
  private readonly prefix = new PrefixDoctor();
  private readonly inScan: TextScan = emptyScan();
  private readonly outScan: TextScan = emptyScan();
  private readonly ctxScan: TextScan = emptyScan();
  private readonly fp: [number, number] = [0, 0];
  private readonly exactFp: [number, number] = [0, 0];
  private count = 0;

  /** `file`: the set's file as shown in findings. */
  constructor(private readonly file: string) {}

  add(chunk: ExampleChunk): void {
    const { bytes, meta } = chunk;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Digest texts are usually back to back: hash each run of them in one call.
    let runStart = 0;
    let runEnd = 0;
    for (let k = 0; k < chunk.count; k++) {
      const base = k * META_STRIDE;
      const ds = meta[base + META_DIGEST]!;
      if (ds !== runEnd) {
        if (runEnd > runStart) this.hash.update(bytes.subarray(runStart, runEnd));
        runStart = ds;
      }
      runEnd = meta[base + META_DIGEST + 1]!;
      this.example(bytes, view, meta, base);
    }
    if (runEnd > runStart) this.hash.update(bytes.subarray(runStart, runEnd));
  }

  private example(bytes: Uint8Array, view: DataView, meta: Uint32Array, base: number): void {
    this.count++;
    const line = meta[base + META_LINE]!;
    this.lines.push(line);
    const textStart = meta[base + META_TEXT]!;
    const textEnd = meta[base + META_TEXT + 1]!;
    const inScan = scanBytes(bytes, view, textStart, textEnd, SEED_INPUT, this.inScan);
    const out = scanBytes(
      bytes,
      view,
      meta[base + META_OUTPUT]!,
      meta[base + META_OUTPUT + 1]!,
      SEED_OUTPUT,
      this.outScan,
    );
    // The input the model conditions on: the text input, or a Vertex AI record's system
    // instruction and every turn before the answer.
    const ctxStart = meta[base + META_CONTEXT]!;
    const input =
      ctxStart === NO_RANGE
        ? inScan
        : scanBytes(bytes, view, ctxStart, meta[base + META_CONTEXT + 1]!, SEED_INPUT, this.ctxScan);
    this.lengths.push(
      input.chars,
      estimateTokens(input.chars, input.nonAscii),
      out.chars,
      estimateTokens(out.chars, out.nonAscii),
    );

    // Doctor: duplicates, near duplicates, conflicting outputs, empty outputs, prefixes.
    const exact = combine(input.exactLo, input.exactHi, out.exactLo, out.exactHi, this.exactFp)[0];
    const fp = combine(input.normLo, input.normHi, out.normLo, out.normHi, this.fp);
    const seen = this.pairs.addIfAbsent(fp[0], fp[1], line, exact);
    if (seen >= 0) {
      if (this.pairs.value2(seen) === exact) this.duplicates.add(line, this.pairs.value(seen));
      else this.nearDuplicates.add(line, this.pairs.value(seen));
    } else {
      const same = this.inputs.addIfAbsent(input.normLo, input.normHi, line, out.exactLo);
      if (same >= 0 && this.inputs.value2(same) !== out.exactLo) this.conflicts.add(line, this.inputs.value(same));
    }
    if (input !== inScan) this.textInputs.addIfAbsent(inScan.normLo, inScan.normHi, line);
    if (!out.visible) this.emptyOutputs.add(line);
    this.prefix.add(bytes, view, textStart, textEnd, line);
  }

  result(): AnalysisResult {
    const file = this.file;
    const findings = [
      duplicateFinding(file, this.duplicates),
      nearDuplicateFinding(file, this.nearDuplicates),
      conflictFinding(file, this.conflicts),
      emptyOutputFinding(file, this.emptyOutputs),
      lengthOutlierFinding(file, 'input', this.lengths.inChars, this.lines),
      lengthOutlierFinding(file, 'output', this.lengths.outChars, this.lines),
      this.prefix.finding(file),
    ].filter((f): f is DatasetFinding => f !== null);
    return {
      digest: finishExamplesDigest(this.hash, this.count),
      count: this.count,
      findings,
      stats: {
        count: this.count,
        input: this.lengths.fieldStats('input'),
        output: this.lengths.fieldStats('output'),
        duplicates: this.duplicates.count,
        nearDuplicates: this.nearDuplicates.count,
        conflicts: this.conflicts.count,
      },
      inputTables: [this.inputs.data(), this.textInputs.data()],
    };
  }
}

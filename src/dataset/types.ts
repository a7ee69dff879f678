/** Shared shapes of loaded datasets. Produced by src/dataset, consumed by run/backends/eval/report. */

import type { DatasetAnalyzer } from './analysis.js';

export type DatasetFormat = 'jsonl' | 'json' | 'csv';

/** One single-turn training or validation example, normalised from any accepted format. */
export interface TrainingExample {
  textInput: string;
  output: string;
  /** 1-based line in the source file where the record starts (JSON: line of the record's opening brace). */
  line: number;
  /**
   * Vertex AI record (`{"systemInstruction"?: {parts}, "contents": [{role, parts: [{text}]}...]}`,
   * a `NativeRecord`) when the set is in Vertex AI's `contents` or legacy `messages` format and the
   * backend is vertex-ai: only the fields the service reads, in a fixed order (unknown fields and
   * roles of the system instruction dropped). `textInput`/`output` then hold the last user and
   * model turns. For upload, use `toVertexJsonl` or, for a large set, `vertexJsonlChunks`
   * (to-vertex-jsonl.ts), which handle both kinds.
   */
  native?: unknown;
}

/**
 * A set's valid examples, as the backends take them: held in memory, or read again from the file
 * each time they are asked for (a large Vertex AI set, which is only streamed to Cloud Storage).
 */
export interface ExampleSet {
  readonly count: number;
  /** The examples in file order, a batch at a time. */
  batches(): AsyncIterable<readonly TrainingExample[]>;
}

export type ScorerName = 'exact' | 'contains' | 'not-contains' | 'regex' | 'json';

/** One eval case. `expected === null` means: show the output, do not score it. */
export interface EvalCase {
  id: string;
  input: string;
  expected: string | null;
  /** null when no expected value (not scored); otherwise the scorer to apply (default 'exact'). */
  scorer: ScorerName | null;
  line: number;
}

/** A problem found in a dataset file. Errors stop the run before any remote call. */
export interface DatasetProblem {
  severity: 'error' | 'warning';
  file: string;
  /** 1-based; absent for a file-level problem (e.g. empty file), which is annotated with the file alone. */
  line?: number;
  column?: number;
  message: string;
}

export interface LoadedDataset<T> {
  path: string;
  format: DatasetFormat;
  records: T[];
  problems: DatasetProblem[];
  /** Training and validation sets: digest, statistics and doctor state (see analysis.ts). */
  analysis?: DatasetAnalyzer;
  /**
   * Training and validation sets: the valid examples for the backend; `records` when they were
   * kept, else read again from the file when asked for (`keepRecords: false`).
   */
  examples?: ExampleSet;
}

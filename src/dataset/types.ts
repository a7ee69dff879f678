/** Shared shapes of loaded datasets. Produced by src/dataset, consumed by run/backends/eval/report. */

export type DatasetFormat = 'jsonl' | 'json' | 'csv';

/** One single-turn training or validation example, normalised from any accepted format. */
export interface TrainingExample {
  textInput: string;
  output: string;
  /** 1-based line in the source file where the record starts (JSON: line of the record's opening brace). */
  line: number;
  /**
   * Vertex AI native record (`{"systemInstruction"?, "contents": [...]}`) exactly as it was in the
   * file, when the training set is in that format and the backend is vertex-ai. The Vertex AI
   * backend uploads it unchanged; `textInput`/`output` then hold the last user and model turns.
   */
  native?: unknown;
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
}

/** A loaded dataset, as the dataset phase hands it on (the shapes inside it are in ../domain.ts). */

import type { DatasetFormat, DatasetProblem, ExampleSet } from '../domain.js';
import type { DatasetAnalyzer } from './analysis/analyzer.js';
import type { ProblemCounts } from './problems.js';

export interface LoadedDataset<T> {
  path: string;
  format: DatasetFormat;
  records: T[];
  problems: DatasetProblem[];
  /** How many errors and warnings were found: exact, while `problems` keeps at most about 1,000. */
  problemCounts?: ProblemCounts;
  /** Training and validation sets: digest, statistics and doctor state (see analysis.ts). */
  analysis?: DatasetAnalyzer;
  /**
   * Training and validation sets: the valid examples for the backend; `records` when they were
   * kept, else read again from the file when asked for (`keepRecords: false`).
   */
  examples?: ExampleSet;
}

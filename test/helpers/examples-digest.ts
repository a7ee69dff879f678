/**
 * Set digests for tests. `referenceDigest` is the content key's canonical text written plainly (sha256
 * of each example's `digestText`, then `#<count>`), to check the one production path against;
 * `analysedDigest` is that production path itself (the dataset analysis, in this thread).
 */

import { createHash } from 'node:crypto';
import { digestText } from '../../src/dataset/content-key.js';
import { DatasetAnalyzer } from '../../src/dataset/analysis/analyzer.js';
import { ProblemSink } from '../../src/dataset/problems.js';
import type { BackendName, TrainingExample } from '../../src/domain.js';

type Example = Pick<TrainingExample, 'textInput' | 'output' | 'native'>;

export function referenceDigest(examples: readonly Example[]): string {
  const hash = createHash('sha256');
  for (const e of examples) hash.update(digestText(e), 'utf8');
  hash.update(`#${examples.length}`);
  return hash.digest('hex');
}

export async function analysedDigest(
  examples: readonly Example[],
  backend: BackendName = 'vertex-ai',
): Promise<string> {
  const analyzer = new DatasetAnalyzer({
    backend,
    role: 'training',
    file: 'set.jsonl',
    sink: new ProblemSink('set.jsonl'),
    worker: null,
  });
  let line = 0;
  for (const e of examples) {
    analyzer.add({ ...e, line: ++line });
    await analyzer.drain();
  }
  await analyzer.finish();
  return analyzer.digest;
}

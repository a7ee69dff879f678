import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadTrainingSet } from '../../../src/dataset/validate/load-training.js';
import { bundledWorker, WORKER_MIN_BYTES, type WorkerSpec } from '../../../src/dataset/analysis/thread.js';
import { SEED_INPUT } from '../../../src/dataset/analysis/analyzer.js';
import { emptyScan, scanText } from '../../../src/dataset/analysis/text-scan.js';
import { lines, REPO, TempWorkspace } from './helpers.js';

const ws = new TempWorkspace();
afterAll(() => ws.cleanup());

// The worker from the sources, through tsx (the action runs the bundled one,
// dist/dataset-worker/index.js, which the e2e tests cover).
const SOURCE_WORKER: WorkerSpec = {
  file: ws.write(
    'source-worker.mjs',
    [
      `import { register } from ${JSON.stringify(pathToFileURL(path.join(REPO, 'node_modules/tsx/dist/esm/api/index.mjs')).href)};`,
      'register();',
      `await import(${JSON.stringify(pathToFileURL(path.join(REPO, 'src/dataset/analysis/worker.ts')).href)});`,
    ].join('\n'),
  ),
};

/** A set with something for every within-set finding, in both record formats. */
function awkwardSet(): string {
  const records: unknown[] = [];
  for (let i = 0; i < 3000; i++) {
    const words = `${'lorem ipsum dolor sit amet '.repeat(1 + (i % 7))}#${i}`;
    records.push({ text_input: `Classify the ticket:\n${words}`, output: `label ${i % 13}` });
    if (i % 97 === 0) records.push({ text_input: `Classify the ticket:\n${words}`, output: `label ${i % 13}` });
    if (i % 89 === 0) records.push({ text_input: `CLASSIFY the ticket:  \n${words}`, output: `Label ${i % 13}` });
    if (i % 83 === 0) records.push({ text_input: `Classify the ticket:\n${words}`, output: `other ${i}` });
    if (i % 79 === 0) records.push({ text_input: `no prefix here ${i} ünï ✓`, output: ' … ' });
    if (i % 71 === 0)
      records.push({
        systemInstruction: { parts: [{ text: 'Be brief.' }] },
        contents: [
          { role: 'user', parts: [{ text: `Classify the ticket:\n${words}` }] },
          { role: 'model', parts: [{ text: 'ok' }] },
          { role: 'user', parts: [{ text: `again ${i}` }] },
          { role: 'model', parts: [{ text: `label ${i}` }] },
        ],
      });
  }
  records.push({ text_input: `Classify the ticket:\n${'x'.repeat(20_000)}`, output: 'label 1' });
  records.push({ text_input: 'Classify the ticket:\nshort', output: 'y'.repeat(400) });
  return lines(...records);
}

describe('the dataset analysis thread', () => {
  it('gives exactly the results of the in-thread analysis', async () => {
    const file = ws.write('awkward.jsonl', awkwardSet());
    const opts = { backend: 'vertex-ai', role: 'training', workspace: ws.dir } as const;
    const here = await loadTrainingSet(file, { ...opts, analysisWorker: null });
    const there = await loadTrainingSet(file, {
      ...opts,
      analysisWorker: { file: path.join(ws.dir, SOURCE_WORKER.file) },
    });
    expect(here.analysis?.inWorker).toBe(false);
    expect(there.analysis?.inWorker).toBe(true);

    const a = here.analysis!;
    const b = there.analysis!;
    expect(b.digest).toBe(a.digest);
    expect(b.count).toBe(a.count);
    expect(b.findings()).toEqual(a.findings());
    expect(b.stats(0)).toEqual(a.stats(0));
    expect(there.problems).toEqual(here.problems);
    // Every kind of within-set finding is there to compare.
    expect(a.findings().map((f) => f.kind)).toEqual([
      'duplicate',
      'near-duplicate',
      'conflict',
      'empty-output',
      'length-outlier',
      'length-outlier',
      'prompt-format',
    ]);
    // Leakage lookups: a plain input, and the last user turn of a record with a system instruction.
    for (const [input, line] of [
      [`Classify the ticket:\n${'lorem ipsum dolor sit amet '.repeat(1 + (5 % 7))}#5`, 11],
      ['AGAIN 71', 0],
      ['again 71', 0],
    ] as const) {
      const scan = scanText(input, SEED_INPUT, emptyScan());
      const found = a.lineOfNormalisedInput(scan.normLo, scan.normHi);
      expect(b.lineOfNormalisedInput(scan.normLo, scan.normHi)).toBe(found);
      if (line > 0) expect(found).toBe(line);
      else expect(found).toBeGreaterThan(0);
    }
  }, 60_000);

  it('fails the load with a clear message when the thread cannot run, rather than hanging', async () => {
    const file = ws.write('small.jsonl', lines({ text_input: 'q', output: 'a' }));
    const broken: WorkerSpec = { file: ws.write('broken.mjs', "throw new Error('boom');\n") };
    await expect(
      loadTrainingSet(file, {
        backend: 'vertex-ai',
        role: 'training',
        workspace: ws.dir,
        analysisWorker: { file: path.join(ws.dir, broken.file) },
      }),
    ).rejects.toThrow(/the dataset analysis thread failed: boom/);
  });

  it('is used by default only for large files, and only when the bundled worker is there', async () => {
    // Run from the sources there is no bundle beside this module: the analysis stays in this thread.
    expect(bundledWorker()).toBeNull();
    const file = ws.write('default.jsonl', lines({ text_input: 'q', output: 'a' }));
    const loaded = await loadTrainingSet(file, { backend: 'vertex-ai', role: 'training', workspace: ws.dir });
    expect(loaded.analysis?.inWorker).toBe(false);
    expect(WORKER_MIN_BYTES).toBeGreaterThan(1024 * 1024);
  });
});

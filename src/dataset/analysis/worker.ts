/**
 * Entry point of the dataset analysis thread (bundled as dist/dataset-worker/index.js): analyses
 * the chunks it is sent (see analysis/thread.ts) and answers `end` with the result.
 */

import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './thread.js';
import { ExampleAnalysis } from './example-analysis.js';

const port = parentPort;
if (port === null) throw new Error('worker.ts runs as a worker thread only');
const { file } = workerData as { file: string };
const analysis = new ExampleAnalysis(file);

port.on('message', (m: ToWorker) => {
  if (m.type === 'chunk') {
    analysis.add(m.chunk);
    // The chunk's memory goes back for reuse.
    const bytes = m.chunk.bytes.buffer as ArrayBuffer;
    const meta = m.chunk.meta.buffer as ArrayBuffer;
    const done: FromWorker = { type: 'done', bytes, meta };
    port.postMessage(done, [bytes, meta]);
    return;
  }
  const result = analysis.result();
  const message: FromWorker = { type: 'result', result };
  port.postMessage(
    message,
    result.inputTables.map((t) => t.slots.buffer as ArrayBuffer),
  );
  port.close();
});

/**
 * Where a set's analysis (example-analysis.ts) runs. A large file is analysed in a worker thread
 * while the loader reads and checks it, so hashing and scanning do not add to the time it takes
 * to read the file; chunks move to the worker without a copy. A small file, or a build without
 * the worker bundle (the sources run directly, as in the unit tests), is analysed in this thread.
 */

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ExampleAnalysis, type AnalysisResult } from './example-analysis.js';
import type { ExampleChunk } from './example-chunks.js';

/** Files smaller than this are analysed in this thread (a worker costs a few tens of ms to start). */
export const WORKER_MIN_BYTES = 8 * 1024 * 1024;
/** Chunk bytes handed to the worker and not yet analysed, beyond which the loader waits. */
const MAX_IN_FLIGHT_BYTES = 4 * 1024 * 1024;

/** The worker's script, and Node.js options for it. */
export interface WorkerSpec {
  file: string;
  execArgv?: string[];
}

/** Messages to the worker. */
export type ToWorker = { type: 'chunk'; chunk: ExampleChunk } | { type: 'end' };
/** Messages from the worker. */
export type FromWorker =
  { type: 'done'; bytes: ArrayBuffer; meta: ArrayBuffer } | { type: 'result'; result: AnalysisResult };

export interface AnalysisRunner {
  /** Takes a chunk (which then belongs to the runner). */
  add(chunk: ExampleChunk): void;
  /** Resolves when the runner can take more (the worker has caught up enough). */
  drain(): Promise<void>;
  /** The result, once every chunk is analysed. */
  finish(): Promise<AnalysisResult>;
  readonly inWorker: boolean;
}

/** The worker bundle beside this one (dist/dataset-worker/index.js next to dist/main/), or null. */
export function bundledWorker(): WorkerSpec | null {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dataset-worker', 'index.js');
  return existsSync(file) ? { file } : null;
}

/** Receives the memory of an analysed chunk, for reuse. */
export type Recycle = (bytes: ArrayBuffer, meta: ArrayBuffer) => void;

/**
 * Starts the analysis of a set whose file has `fileBytes` bytes. `worker`: the worker to use
 * (null: this thread; default: the bundled worker for a file of WORKER_MIN_BYTES or more).
 */
export function startAnalysis(
  file: string,
  fileBytes: number,
  recycle: Recycle,
  worker?: WorkerSpec | null,
): AnalysisRunner {
  const spec = worker === undefined ? (fileBytes >= WORKER_MIN_BYTES ? bundledWorker() : null) : worker;
  return spec === null ? inThread(file, recycle) : inWorker(file, recycle, spec);
}

function inThread(file: string, recycle: Recycle): AnalysisRunner {
  const analysis = new ExampleAnalysis(file);
  return {
    inWorker: false,
    add: (chunk) => {
      analysis.add(chunk);
      recycle(chunk.bytes.buffer as ArrayBuffer, chunk.meta.buffer as ArrayBuffer);
    },
    drain: () => Promise.resolve(),
    finish: () => Promise.resolve(analysis.result()),
  };
}

function inWorker(file: string, recycle: Recycle, spec: WorkerSpec): AnalysisRunner {
  const worker = new Worker(spec.file, {
    workerData: { file },
    ...(spec.execArgv ? { execArgv: spec.execArgv } : {}),
  });
  // The worker keeps the process alive only while the loader waits for it: a loader that stops
  // early (an exception) must not leave the action hanging.
  worker.unref();
  let inFlight = 0;
  let failure: Error | null = null;
  let result: AnalysisResult | null = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'done') {
      inFlight -= m.bytes.byteLength;
      recycle(m.bytes, m.meta);
    } else result = m.result;
    notify();
  });
  worker.on('error', (err) => {
    failure ??= new Error(`the dataset analysis thread failed: ${err.message}`);
    notify();
  });
  worker.on('exit', (code) => {
    if (result === null)
      failure ??= new Error(`the dataset analysis thread stopped (exit code ${code}) before it gave a result`);
    notify();
  });
  const wait = async (): Promise<void> => {
    worker.ref();
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    worker.unref();
  };
  const check = (): void => {
    if (failure !== null) throw failure;
  };
  return {
    inWorker: true,
    add(chunk) {
      check();
      inFlight += chunk.bytes.buffer.byteLength;
      const message: ToWorker = { type: 'chunk', chunk };
      worker.postMessage(message, [chunk.bytes.buffer as ArrayBuffer, chunk.meta.buffer as ArrayBuffer]);
    },
    async drain() {
      while (inFlight > MAX_IN_FLIGHT_BYTES) {
        check();
        await wait();
      }
      check();
    },
    async finish() {
      check();
      const end: ToWorker = { type: 'end' };
      worker.postMessage(end);
      while (result === null) {
        check();
        await wait();
      }
      return result;
    },
  };
}

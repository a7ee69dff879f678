/**
 * Runs the real `run()` / `runPost()` in this process with a runner environment, capturing what
 * @actions/core prints (workflow commands included), what reaches stderr (direct writes,
 * console.error/warn, process warnings: passed through as well) and the exit code it sets.
 */

import { run, type RunOptions } from '../../src/steps/run.js';
import { runPost } from '../../src/steps/post-run.js';
import { forgetSecrets } from '../../src/runner/secrets.js';
import { format } from 'node:util';
import type { RunnerEnv } from './runner-env.js';

export interface InProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

async function withEnv(env: NodeJS.ProcessEnv, fn: () => Promise<void>): Promise<InProcessResult> {
  const saved = process.env;
  const savedExit = process.exitCode;
  const write = process.stdout.write.bind(process.stdout);
  let stdout = '';
  let stderr = '';
  const writeErr = process.stderr.write;
  const { error, warn } = console;
  const onWarning = (w: Error): void => void (stderr += `${w.name}: ${w.message}\n`);
  process.stderr.write = function (this: unknown, chunk: string | Uint8Array, ...rest: unknown[]) {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return (writeErr as (...a: unknown[]) => boolean).call(process.stderr, chunk, ...rest);
  } as typeof process.stderr.write;
  console.error = console.warn = (...args: unknown[]) => void (stderr += `${format(...args)}\n`);
  process.on('warning', onWarning);
  process.env = { ...env };
  process.exitCode = 0;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  }) as typeof process.stdout.write;
  try {
    await fn();
    return { exitCode: Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
    Object.assign(console, { error, warn });
    process.off('warning', onWarning);
    process.env = saved;
    process.exitCode = savedExit;
    forgetSecrets();
  }
}

/** The main step; with `clock` (a VirtualClock shared with the emulator), every wait of the run is on it. */
export const runMain = (runner: RunnerEnv, options: RunOptions = {}): Promise<InProcessResult> =>
  withEnv(runner.env, () => run(process.env, options));
export const runPostStep = (runner: RunnerEnv, options: RunOptions = {}): Promise<InProcessResult> =>
  withEnv(runner.postEnv(), () => runPost(process.env, options));

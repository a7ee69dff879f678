/**
 * Several main steps at once in this process, each with its own runner environment: what
 * @actions/core reads from process.env (GITHUB_OUTPUT, GITHUB_STATE, ...) and what is printed are
 * routed to the run whose async context asks (AsyncLocalStorage), so that two runs can race
 * each other over real HTTP against one emulator. The exit code is read from the step's own
 * failure line (process.exitCode is shared by the process).
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import { forgetSecrets } from '../../src/runner/secrets.js';
import { run, type RunOptions } from '../../src/steps/run.js';
import type { InProcessResult } from './in-process.js';
import type { RunnerEnv } from './runner-env.js';

interface Slot {
  env: NodeJS.ProcessEnv;
  stdout: string;
}

const slots = new AsyncLocalStorage<Slot>();

/** Runs `steps` with process.env and stdout routed per run; returns when every one has ended. */
export async function together<T>(steps: (start: StartRun) => Promise<T>): Promise<T> {
  const savedEnv = process.env;
  const savedExit = process.exitCode;
  const write = process.stdout.write.bind(process.stdout);
  const current = (): NodeJS.ProcessEnv => slots.getStore()?.env ?? savedEnv;
  process.env = new Proxy({} as NodeJS.ProcessEnv, {
    get: (_t, k) => Reflect.get(current(), k),
    set: (_t, k, v) => Reflect.set(current(), k, v),
    has: (_t, k) => Reflect.has(current(), k),
    deleteProperty: (_t, k) => Reflect.deleteProperty(current(), k),
    ownKeys: () => Reflect.ownKeys(current()),
    getOwnPropertyDescriptor: (_t, k) => {
      const d = Reflect.getOwnPropertyDescriptor(current(), k);
      return d ? { ...d, configurable: true } : undefined;
    },
  });
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const slot = slots.getStore();
    if (!slot) return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    slot.stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  }) as typeof process.stdout.write;
  const start: StartRun = (runner, options = {}) => {
    const slot: Slot = { env: { ...runner.env }, stdout: '' };
    return slots.run(slot, async () => {
      await run(slot.env, options);
      const failed = slot.stdout.includes('::error::gemini-tune failed with:');
      return { exitCode: failed ? 1 : 0, stdout: slot.stdout, stderr: '' };
    });
  };
  try {
    return await steps(start);
  } finally {
    process.stdout.write = write;
    process.env = savedEnv;
    process.exitCode = savedExit;
    forgetSecrets();
  }
}

export type StartRun = (runner: RunnerEnv, options?: RunOptions) => Promise<InProcessResult>;

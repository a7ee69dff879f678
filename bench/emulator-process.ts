/** The emulator as its own process for the benchmarks (a real server does not share the client's event loop). */

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../test/helpers/runner-env.js';

/** The emulator CLI in a child process; resolves with its URL once it listens. */
export function startEmulatorProcess(apiKey: string): Promise<{ url: string; child: ChildProcess }> {
  const cli = join(ROOT, 'test/emulator/cli.ts');
  const args = ['--import', 'tsx', cli, '--port', '0', '--github-port', '0', '--quiet', '--api-key', apiKey];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the emulator did not start: ${out}`));
    }, 30_000);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited (${code}): ${out}`));
    });
  });
}

export async function control<T>(url: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}/__emulator/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`emulator ${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/**
 * What the eval benchmarks share: the emulator (its own process) reset and given a latency and an
 * unannounced concurrency cap, the real Gemini API backend over HTTP to it, n number cases, and a
 * log that keeps only the warnings.
 */

import { createAuthClient, GEMINI_OAUTH_SCOPES } from '../src/backends/auth.js';
import { GeminiApiBackend } from '../src/backends/gemini-api.js';
import { GoogleHttp } from '../src/backends/http.js';
import type { EvalCase } from '../src/domain.js';
import { control } from './emulator-process.js';

export const BENCH_API_KEY = 'bench-api-key';

export async function evalSetup(
  url: string,
  o: { cases: number; latencyMs: number; cap: number },
): Promise<{
  backend: GeminiApiBackend;
  cases: EvalCase[];
  log: { info: () => void; debug: () => void; warning: (m: string) => void };
}> {
  await control(url, 'reset', {});
  await control(url, 'configure', { generate: { latencyMs: o.latencyMs, maxConcurrent: o.cap } });
  const backend = new GeminiApiBackend(
    new GoogleHttp(await createAuthClient({ apiKey: BENCH_API_KEY, scopes: GEMINI_OAUTH_SCOPES })),
    url,
  );
  const cases: EvalCase[] = Array.from({ length: o.cases }, (_, i) => ({
    id: `n${i}`,
    input: String(i),
    expected: String(i + 1),
    scorer: 'contains',
    line: i + 1,
  }));
  const log = { info: () => {}, debug: () => {}, warning: (m: string) => void process.stderr.write(`${m}\n`) };
  return { backend, cases, log };
}

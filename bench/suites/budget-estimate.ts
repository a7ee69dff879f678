/**
 * The budget estimate on the 200,000-example bench set (issue 16): the training set read as the
 * action reads a set that large (streaming, records not kept), then estimateDatasetTokens with the
 * real Gemini API backend over HTTP to the emulator (its own process): one more pass over the file
 * and at most 10 countTokens requests. Goal: under 2 s, at most 10 requests.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuthClient, GEMINI_OAUTH_SCOPES } from '../../src/backends/auth.js';
import { GeminiApiBackend } from '../../src/backends/gemini-api.js';
import { GoogleHttp } from '../../src/backends/http.js';
import { estimateDatasetTokens } from '../../src/budget/estimate.js';
import { loadTrainingSet } from '../../src/dataset/validate/load-training.js';
import { control, startEmulatorProcess } from '../emulator-process.js';
import { generate } from '../generate-dataset.js';
import { median, type Row } from '../row.js';

export const name = 'budget-estimate';
const API_KEY = 'bench-api-key';

export async function run(): Promise<Row[]> {
  const n = Number(process.env['BENCH_DATASET_EXAMPLES'] ?? 200_000);
  const dir = mkdtempSync(join(tmpdir(), 'gemini-tune-bench-budget-'));
  const { url, child } = await startEmulatorProcess(API_KEY);
  try {
    const file = join(dir, 'train.jsonl');
    await generate(file, n);
    const ds = await loadTrainingSet(file, {
      backend: 'gemini-api',
      role: 'training',
      keepRecords: false,
      workspace: '/',
    });
    if (!ds.examples || ds.examples.count !== n) throw new Error(`budget bench: ${ds.examples?.count} examples loaded`);
    const backend = new GeminiApiBackend(
      new GoogleHttp(await createAuthClient({ apiKey: API_KEY, scopes: GEMINI_OAUTH_SCOPES })),
      url,
    );
    const times: number[] = [];
    let requests = 0;
    let tokens = 0;
    for (let i = 0; i < 3; i++) {
      await control(url, 'reset', {});
      const t = performance.now();
      const estimate = await estimateDatasetTokens(backend, 'models/gemini-3.5-flash', ds.examples);
      times.push(performance.now() - t);
      if (estimate.fallback !== null) throw new Error(`budget bench: countTokens failed: ${estimate.fallback}`);
      requests = (await control<{ countTokensCalls: number }>(url, 'stats')).countTokensCalls;
      tokens = estimate.datasetTokens;
    }
    const ms = median(times);
    process.stderr.write(
      `budget estimate: ${times.map((t) => t.toFixed(0)).join(', ')} ms; ${tokens} dataset tokens\n`,
    );
    return [
      {
        benchmark: `budget estimate on ${(n / 1000).toFixed(0)}k examples (a pass over the file, countTokens over HTTP; median of 3)`,
        value: `${ms.toFixed(0)} ms, ${requests} requests`,
        goal: '< 2000 ms, ≤ 10 requests',
        ok: ms < 2000 && requests <= 10,
      },
    ];
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Cold start of dist/main on a run that fails on its inputs, against bare `node -e 0`. */

import { spawnSync } from 'node:child_process';
import { DIST_MAIN, runnerEnv } from '../../test/helpers/runner-env.js';
import { median, type Row } from '../row.js';

export const name = 'cold';
const API_KEY = 'bench-api-key';

function timeNode(args: string[], env: NodeJS.ProcessEnv): number {
  const t = process.hrtime.bigint();
  spawnSync(process.execPath, args, { env, stdio: 'ignore' });
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  const runner = runnerEnv({
    inputs: { 'training-data': 'x.jsonl', 'epoch-count': 'zero', 'api-key': API_KEY },
    event: 'push',
  });
  const runs = Number(process.env['BENCH_COLD_RUNS'] ?? 21);
  const bare: number[] = [];
  const action: number[] = [];
  // Warm the file cache, then alternate so that drift hits both alike.
  timeNode(['-e', '0'], runner.env);
  timeNode([DIST_MAIN], runner.env);
  for (let i = 0; i < runs; i++) {
    bare.push(timeNode(['-e', '0'], runner.env));
    action.push(timeNode([DIST_MAIN], runner.env));
  }
  const ratio = median(action) / median(bare);
  rows.push({
    benchmark: 'cold start: node -e 0 (median)',
    value: `${median(bare).toFixed(1)} ms`,
    goal: '',
    ok: null,
  });
  rows.push({
    benchmark: 'cold start: dist/main, bad input (median)',
    value: `${median(action).toFixed(1)} ms`,
    goal: '',
    ok: null,
  });
  rows.push({
    benchmark: 'cold start ratio (dist / node -e 0)',
    value: `${ratio.toFixed(2)}x`,
    goal: '<= 1.5x',
    ok: ratio <= 1.5,
  });
  return rows;
}

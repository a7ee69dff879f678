/**
 * An emulated 10-second tuning job: poll requests and the latency from the emulator finishing to
 * the action noticing, against the fixed 5-second poll-then-sleep loop people write by hand.
 */

import { startEmulator, type Emulator } from '../../test/emulator/index.js';
import { DIST_MAIN, runNode, runnerEnv } from '../../test/helpers/runner-env.js';
import type { Row } from '../row.js';

export const name = 'polling';
const API_KEY = 'bench-api-key';

const operationGets = (emu: Emulator): number =>
  emu.requests.filter((r) => r.method === 'GET' && /\/operations\//.test(r.path)).length;

async function pollingAction(emu: Emulator): Promise<{ polls: number; latencyMs: number }> {
  emu.reset();
  // 15 examples, batch 4, 5 epochs: ceil(15 * 5 / 4) = 19 steps of 526 ms = a 10-second job.
  emu.configure({ training: { stepMs: 526, outcome: 'ACTIVE' } });
  const runner = runnerEnv({
    inputs: {
      'training-data': 'examples/number-generator/train.jsonl',
      'api-key': API_KEY,
      'api-endpoint': emu.url,
      cache: 'false',
    },
    event: 'push',
  });
  const r = await runNode(DIST_MAIN, runner.env);
  if (r.code !== 0) throw new Error(`action failed: ${r.stdout}\n${r.stderr}`);
  const model = runner.outputs()['tuned-model']!;
  const t = emu.timeline(model);
  if (!t || t.firstObservedDoneAt === null) throw new Error('no timeline for the tuned model');
  return { polls: operationGets(emu), latencyMs: t.firstObservedDoneAt - t.doneAt };
}

/** The loop people write by hand: get the operation, stop if done, sleep 5 s, repeat. */
async function pollingFixedLoop(emu: Emulator): Promise<{ polls: number; latencyMs: number }> {
  emu.reset();
  emu.configure({ training: { stepMs: 526, outcome: 'ACTIVE' } });
  const headers = { 'content-type': 'application/json', 'x-goog-api-key': API_KEY };
  const examples = [...Array(15).keys()].map((i) => ({ textInput: String(i), output: String(i + 1) }));
  const op = (await (
    await fetch(`${emu.url}/v1beta/tunedModels`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        displayName: 'fixed-loop',
        baseModel: 'models/gemini-1.5-flash-001-tuning',
        tuningTask: { hyperparameters: { epochCount: 5, batchSize: 4 }, trainingData: { examples: { examples } } },
      }),
    })
  ).json()) as { name: string; metadata: { tunedModel: string } };
  for (;;) {
    const cur = (await (await fetch(`${emu.url}/v1beta/${op.name}`, { headers })).json()) as { done?: boolean };
    if (cur.done) break;
    await new Promise((r) => setTimeout(r, 5000));
  }
  const t = emu.timeline(op.metadata.tunedModel)!;
  return { polls: operationGets(emu), latencyMs: (t.firstObservedDoneAt ?? NaN) - t.doneAt };
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  const emu = await startEmulator({ training: { tunable: true }, apiKeys: [API_KEY] });
  try {
    const adaptive = await pollingAction(emu);
    const fixed = await pollingFixedLoop(emu);
    rows.push({
      benchmark: '10 s job: poll requests, action',
      value: String(adaptive.polls),
      goal: `< fixed loop (${fixed.polls})`,
      ok: adaptive.polls < fixed.polls,
    });
    rows.push({ benchmark: '10 s job: poll requests, fixed 5 s loop', value: String(fixed.polls), goal: '', ok: null });
    rows.push({
      benchmark: '10 s job: done → noticed, action',
      value: `${adaptive.latencyMs} ms`,
      goal: '<= 1000 ms',
      ok: adaptive.latencyMs <= 1000,
    });
    rows.push({
      benchmark: '10 s job: done → noticed, fixed 5 s loop',
      value: `${fixed.latencyMs} ms`,
      goal: '',
      ok: null,
    });
  } finally {
    await emu.close();
  }
  return rows;
}

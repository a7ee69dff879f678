/**
 * Runner time of a long Vertex AI job (issue 17; decision 23): `tune` with `wait: false` plus the
 * `finish` runs of a schedule every 15 emulated minutes until one finishes the job, against one
 * `tune` run that waits. The real run() in process, over real HTTP to the emulator and the GitHub
 * fake, on a virtual clock shared with the emulator: a run's runner time is how long it lasts on
 * that clock (real time, plus every wait it makes). Jobs of 1 h, 4 h and 6 h of training.
 * The runs are in process: a real run also pays the action's start-up (the cold-start suite).
 * Goals: each finish run takes as long whatever the training time (the 6 h job's mean within 2× of
 * the 1 h job's), and the detached runner time is a small share of the waiting one.
 */

import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../../test/emulator/index.js';
import { runMain } from '../../test/helpers/in-process.js';
import { removeRunnerDirs, runnerEnv, workspaceTempDir } from '../../test/helpers/runner-env.js';
import { VirtualClock } from '../../test/helpers/virtual-clock.js';
import { externalAccountFile } from '../../test/helpers/wif-credentials.js';
import type { Row } from '../row.js';

export const name = 'finish';
const PROJECT = 'bench-finish';
const HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const MINUTE = 60_000;
/** The number-generator set, 2 epochs, batch 8: 4 training steps. */
const STEPS = 4;

interface Measured {
  tuneMs: number;
  finishMs: number[];
  waitingMs: number;
}

async function measure(
  emu: Emulator,
  gh: GitHubFake,
  clock: VirtualClock,
  hours: number,
  pr: number,
): Promise<Measured> {
  const dir = workspaceTempDir('bench-finish-');
  let n = 0;
  const env = (inputs: Record<string, string>, event: string) =>
    runnerEnv({
      inputs: {
        project: PROJECT,
        'staging-uri': 'gs://bench-finish/ci',
        'api-endpoint': emu.url,
        'github-token': 'ghs_fake_installation_token',
        'training-data': 'examples/number-generator/train.jsonl',
        'eval-data': 'examples/number-generator/eval.jsonl',
        'epoch-count': '2',
        ...inputs,
      },
      event,
      prNumber: pr,
      githubApiUrl: gh.url,
      extra: {
        // Direct federation, with STS tokens that outlive the wait (see the emulator's options below):
        // on a virtual clock the client library never sees its token age, so it would not renew it.
        GOOGLE_APPLICATION_CREDENTIALS: externalAccountFile(emu.url, PROJECT, {
          dir,
          name: `c${n++}.json`,
          issuedAt: clock.now(),
          serviceAccount: null,
        }),
      },
    });
  const timed = async (runner: ReturnType<typeof env>): Promise<number> => {
    const t = clock.now();
    const r = await runMain(runner, { clock });
    if (r.exitCode !== 0) throw new Error(`finish bench: a run failed:\n${r.stdout}`);
    return clock.now() - t;
  };
  const stepMs = (hours * 60 * MINUTE) / STEPS;

  emu.reset();
  emu.configure({ vertex: { stepMs, outcome: 'SUCCEEDED' }, generate: { latencyMs: 0 } });
  gh.addPullRequest('octo-org', 'number-tuner', { number: pr, headSha: HEAD });
  const tuneMs = await timed(env({ wait: 'false', 'comment-key': `bench-${pr}` }, 'pull_request'));
  const finishMs: number[] = [];
  for (;;) {
    clock.advance(15 * MINUTE);
    const runner = env({ mode: 'finish' }, 'schedule');
    finishMs.push(await timed(runner));
    if (runner.outputs()['finished'] === '1') break;
    if (finishMs.length > 100) throw new Error('finish bench: the job never finished');
  }
  gh.closePullRequest('octo-org', 'number-tuner', pr);

  emu.reset();
  emu.configure({ vertex: { stepMs, outcome: 'SUCCEEDED' }, generate: { latencyMs: 0 } });
  // Allowed to wait past 5.5 h here, to measure it; a hosted runner's job stops at 6 h.
  const waitingMs = await timed(
    env({ cache: 'false', 'comment-key': `bench-wait-${pr}`, 'timeout-minutes': '480' }, 'pull_request'),
  );
  removeRunnerDirs();
  return { tuneMs, finishMs, waitingMs };
}

const seconds = (ms: number): string => (ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

export async function run(): Promise<Row[]> {
  const clock = new VirtualClock();
  // STS tokens that outlive a 6-hour wait: the waiting run is not cut short by credentials here.
  const emu = await startEmulator({ now: clock.now, auth: { tokenLifetimeSeconds: 24 * 3600 } });
  const gh = await startGitHubFake();
  const rows: Row[] = [];
  try {
    const results = new Map<number, Measured>();
    for (const [i, hours] of [1, 4, 6].entries()) results.set(hours, await measure(emu, gh, clock, hours, 900 + i));
    for (const [hours, m] of results) {
      const detached = m.tuneMs + m.finishMs.reduce((a, b) => a + b, 0);
      rows.push({
        benchmark: `${hours} h job: runner time, wait: false + ${m.finishMs.length} finish runs`,
        value: `${seconds(detached)} (tune ${seconds(m.tuneMs)}, finish mean ${seconds(mean(m.finishMs))})`,
        goal: `< 5% of waiting`,
        ok: detached < m.waitingMs * 0.05,
      });
      rows.push({
        benchmark: `${hours} h job: runner time, one waiting tune`,
        value: seconds(m.waitingMs),
        goal: '',
        ok: null,
      });
    }
    const one = mean(results.get(1)!.finishMs);
    const six = mean(results.get(6)!.finishMs);
    rows.push({
      benchmark: 'finish run time, 6 h job vs 1 h job',
      value: `${(six / one).toFixed(2)}×`,
      goal: '< 2× (flat in training time)',
      ok: six / one < 2,
    });
  } finally {
    await emu.close();
    await gh.close();
  }
  return rows;
}

/**
 * What the integration and e2e tests share: a runner environment for the number-generator
 * example pointed at a running emulator and GitHub fake, and counters over the emulator's log.
 */

import type { Emulator, GitHubFake } from '../emulator/index.js';
import { runnerEnv, type RunnerEnv, type RunnerEnvOptions } from './runner-env.js';

export const GITHUB_TOKEN = 'ghs_fake_installation_token';

/** The action's inputs for the number-generator example on the Gemini API emulator. */
export function geminiRun(
  services: { emu: Emulator; gh: GitHubFake; apiKey: string },
  inputs: Record<string, string> = {},
  opts: Omit<RunnerEnvOptions, 'inputs'> = {},
): RunnerEnv {
  return runnerEnv({
    inputs: {
      'training-data': 'examples/number-generator/train.jsonl',
      'eval-data': 'examples/number-generator/eval.jsonl',
      'api-key': services.apiKey,
      'api-endpoint': services.emu.url,
      'github-token': GITHUB_TOKEN,
      ...inputs,
    },
    githubApiUrl: services.gh.url,
    ...opts,
  });
}

/** tunedModels.create calls the emulator received. */
export const createCalls = (emu: Emulator): number =>
  emu.requests.filter((r) => r.method === 'POST' && /\/tunedModels(\?|$)/.test(r.path)).length;

export const deleteCalls = (emu: Emulator): number => emu.requests.filter((r) => r.method === 'DELETE').length;

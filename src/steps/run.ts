/**
 * The main step. Reads the inputs (the only work done before a dynamic import, so that a bad
 * input fails fast, without loading @actions/core, Google's or GitHub's clients), then runs the
 * pipeline on the run's clock. This is the one place that turns any thrown value into setFailed.
 */

import { InputError, parseSettings, readRawInputs } from '../inputs/settings.js';
import { registerSecret, scrub } from '../runner/secrets.js';
import type { SignalSource } from '../runner/signals.js';
import { setFailed, setOneLineOutput } from '../runner/workflow-commands.js';
import { systemClock, type Clock } from '../util/clock.js';

export interface RunOptions {
  /** The clock every wait of the run uses (a test passes a virtual one). */
  clock?: Clock;
  /** Where the runner's stop signals come from (the process; a test may give a run its own). */
  signals?: SignalSource;
}

export async function run(env: NodeJS.ProcessEnv = process.env, options: RunOptions = {}): Promise<void> {
  try {
    const raw = readRawInputs(env);
    // Mask before anything can print them, even a message about a bad input.
    registerSecret(raw['api-key'].trim());
    registerSecret(raw['github-token'].trim());
    const settings = parseSettings(raw, env);
    const clock = options.clock ?? systemClock;
    if (settings.mode === 'finish') {
      const { runFinish } = await import('./finish.js');
      await runFinish(settings, env, clock);
      return;
    }
    if (settings.mode === 'cleanup') {
      const { runCleanup } = await import('./cleanup.js');
      await runCleanup(settings, env, clock);
      return;
    }
    if (settings.mode === 'promote') {
      const { runPromote } = await import('./promote.js');
      await runPromote(settings, env, clock);
      return;
    }
    const { runPipeline } = await import('./pipeline.js');
    await runPipeline(settings, env, clock, options.signals);
  } catch (err) {
    // Refused on its inputs: nothing was created, so the run is REJECTED (the pipeline publishes every other ending).
    if (err instanceof InputError) setOneLineOutput('state', 'REJECTED');
    setFailed(`gemini-tune failed with: ${describe(err)}`);
  }
}

export function describe(err: unknown): string {
  if (err instanceof InputError) return err.message;
  if (err instanceof Error) return scrub(err.message || err.name);
  return scrub(String(err));
}

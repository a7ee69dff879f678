/**
 * The post step: when the main step was killed before it could, cancel (Vertex AI) or delete
 * (Gemini API) the tuning job that run started and that is still running. It only ever warns.
 */

import * as core from '@actions/core';
import { parseSettings, readRawInputs } from '../inputs/settings.js';
import { readJobState } from '../runner/outputs.js';
import { registerSecret, scrub } from '../runner/secrets.js';
import type { RunOptions } from './run.js';

export async function runPost(env: NodeJS.ProcessEnv = process.env, options: RunOptions = {}): Promise<void> {
  try {
    const saved = readJobState();
    if (!saved) return core.info('No tuning job was started by this step: nothing to clean up.');
    if (saved.settled) return core.info(`${saved.job}: handled by the main step; nothing to clean up.`);
    const raw = readRawInputs(env);
    registerSecret(raw['api-key'].trim());
    registerSecret(raw['github-token'].trim());
    const settings = parseSettings(raw);
    if (!settings.cancelOnAbort) {
      return core.info(`${saved.job} may still be running; cancel-on-abort is false, so it is left alone.`);
    }
    const { createBackend } = await import('../backends/create-backend.js');
    const backend = await createBackend(settings, options.clock);
    const status = await backend.status(saved.job);
    if (status.state !== 'CREATING') return core.info(`${saved.job} already ended: ${status.state}.`);
    await backend.cancel(status);
    core.warning(
      `The main step ended before ${saved.job} finished: ${backend.name === 'gemini-api' ? 'deleted' : 'cancelled'} it (cancel-on-abort).`,
    );
  } catch (err) {
    core.warning(
      `gemini-tune post step could not clean up: ${scrub(err instanceof Error ? err.message : String(err))}`,
    );
  }
}

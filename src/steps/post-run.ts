/**
 * The post step: when the main step was killed before it could, cancel (Vertex AI) or delete
 * (Gemini API) the tuning job that run started and that is still running. The state is saved from
 * the moment the create is sent: on the Gemini API the tuned model's name is known then; on
 * Vertex AI, when the create never answered, the job is found by its content-key label and this
 * run's own label. It only ever warns.
 */

import * as core from '@actions/core';
import type { TuningBackend } from '../backends/backend.js';
import type { JobStatus } from '../domain.js';
import { parseSettings, readRawInputs } from '../inputs/settings.js';
import { readJobState, type SavedJob } from '../runner/outputs.js';
import { registerSecret, scrub } from '../runner/secrets.js';
import type { RunOptions } from './run.js';

export async function runPost(env: NodeJS.ProcessEnv = process.env, options: RunOptions = {}): Promise<void> {
  try {
    const saved = readJobState();
    if (!saved) return core.info('No tuning job was started by this step: nothing to clean up.');
    const what = saved.job || `the tuning job created from content key ${saved.contentKey ?? ''}`;
    if (saved.settled) return core.info(`${what}: handled by the main step; nothing to clean up.`);
    const raw = readRawInputs(env);
    registerSecret(raw['api-key'].trim());
    registerSecret(raw['github-token'].trim());
    const settings = parseSettings(raw, env);
    if (!settings.cancelOnAbort) {
      return core.info(`${what} may still be running; cancel-on-abort is false, so it is left alone.`);
    }
    const { createBackend } = await import('../backends/create-backend.js');
    const backend = await createBackend(settings, options.clock);
    const status = await findJob(backend, saved);
    if (!status)
      return core.info(`${what} was never created (the create did not reach the service): nothing to clean up.`);
    if (status.state !== 'CREATING') return core.info(`${status.job || what} already ended: ${status.state}.`);
    await backend.cancel(status);
    core.warning(
      `The main step ended before ${status.job || what} finished: ${backend.name === 'gemini-api' ? 'deleted' : 'cancelled'} it (cancel-on-abort).`,
    );
  } catch (err) {
    core.warning(
      `gemini-tune post step could not clean up: ${scrub(err instanceof Error ? err.message : String(err))}`,
    );
  }
}

/** The saved job; one whose create never answered (no name yet), by its labels; null when it does not exist. */
async function findJob(backend: TuningBackend, saved: SavedJob): Promise<JobStatus | null> {
  if (!saved.job) {
    if (!saved.contentKey || !saved.runLabel || !backend.listByContentKey) return null;
    const mine = (await backend.listByContentKey(saved.contentKey)).find((j) => j.runLabel === saved.runLabel);
    return mine ? backend.status(mine.name) : null;
  }
  try {
    return await backend.status(saved.job);
  } catch (err) {
    // Saved before the create was sent (Gemini API): the model may never have been made.
    if ((err as { httpStatus?: unknown }).httpStatus === 404) return null;
    throw err;
  }
}
